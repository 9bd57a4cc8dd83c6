/**
 * Copying session data. Session data is plain JSON (objects, arrays, strings, numbers, booleans,
 * null), and a hand-written walk copies such small values many times faster than
 * `structuredClone`, which serialises through V8's value serializer. Anything else (a Date, a
 * Map, a class instance) falls back to `structuredClone`, so what can be cloned still is.
 */
/** A deep copy of `value`. */
export declare function cloneData<T>(value: T): T;
/** A deep copy of `value` in which every object and array is frozen. */
export declare function frozenCopy<T>(value: T): T;
/** Freezes `value` and everything it holds. */
export declare function deepFreeze<T>(value: T): T;
/**
 * A copy of `text` in a string of its own. V8 keeps a slice of a string as a view on the whole
 * (an id sliced from the Cookie header would keep the whole header alive while the session is
 * stored) and keeps strings built by `+=` as chains of pieces (a 21-character nanoid held as a
 * Map key costs some 350 bytes that way, 80 as a flat string).
 */
export declare function ownString(text: string): string;
//# sourceMappingURL=clone.d.ts.map