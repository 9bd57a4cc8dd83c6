/** The result of a successful verification: the value, and which secret of the rotation signed it. */
export interface Unsigned {
    value: string;
    secretIndex: number;
}
/** Signs `value` with `secret`: `s:<value>.<signature>`, byte-compatible with Pode. */
export declare function signValue(value: string, secret: string): string;
/**
 * Verifies a signed value against each secret in turn. Returns the value and the index of the
 * secret that verified it, or null when the value is not signed or no secret verifies it.
 */
export declare function unsignValue(signed: string, secrets: readonly string[]): Unsigned | null;
/** The key strict mode signs with: `<secret>;<User-Agent>;<client IP>`. */
export declare function strictKey(secret: string, userAgent: string | undefined, ip: string): string;
/** The Base64 HMAC-SHA256 of `message` keyed with the UTF-8 bytes of `secret`. */
export declare function hmac(secret: string, message: string): string;
/**
 * Compares two strings in time that depends only on their length (never on where they differ).
 * Strings of different lengths are simply unequal.
 */
export declare function safeEqual(a: string, b: string): boolean;
//# sourceMappingURL=signing.d.ts.map