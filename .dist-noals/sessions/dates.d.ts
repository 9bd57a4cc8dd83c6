/**
 * Date strings for records (ISO-8601) and cookies (HTTP dates), made without formatting the same
 * second again: within a second every request shares its date-and-time part, and formatting a
 * Date costs more than the rest of a session save.
 */
/** `new Date(time).toISOString()`. */
export declare function isoDate(time: number): string;
/** `new Date(time).toUTCString()` (whole seconds, as HTTP dates are). */
export declare function httpDate(time: number): string;
//# sourceMappingURL=dates.d.ts.map