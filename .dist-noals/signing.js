/**
 * Pode's signed values: `s:<value>.<Base64 HMAC-SHA256(secret, value)>`, verified in constant
 * time against every secret of a rotation. Strict mode folds the client's User-Agent and IP into
 * the key, so a value lifted to another client does not verify.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
/** Signs `value` with `secret`: `s:<value>.<signature>`, byte-compatible with Pode. */
export function signValue(value, secret) {
    return `s:${value}.${hmac(secret, value)}`;
}
/**
 * Verifies a signed value against each secret in turn. Returns the value and the index of the
 * secret that verified it, or null when the value is not signed or no secret verifies it.
 */
export function unsignValue(signed, secrets) {
    if (signed.length < 4 || signed.charCodeAt(0) !== 115 || signed.charCodeAt(1) !== 58) {
        return null; // not "s:"
    }
    const dot = signed.lastIndexOf('.');
    if (dot < 2)
        return null;
    const value = signed.slice(2, dot);
    const given = Buffer.from(signed.slice(dot + 1), 'latin1');
    // A SHA-256 signature in padded Base64 is always 44 characters: reject anything else early.
    if (given.length !== 44)
        return null;
    for (let i = 0; i < secrets.length; i++) {
        const expected = Buffer.from(hmac(secrets[i], value), 'latin1');
        if (timingSafeEqual(given, expected))
            return { value, secretIndex: i };
    }
    return null;
}
/** The key strict mode signs with: `<secret>;<User-Agent>;<client IP>`. */
export function strictKey(secret, userAgent, ip) {
    return `${secret};${userAgent ?? ''};${ip}`;
}
/** The Base64 HMAC-SHA256 of `message` keyed with the UTF-8 bytes of `secret`. */
export function hmac(secret, message) {
    return createHmac('sha256', secret).update(message).digest('base64');
}
/**
 * Compares two strings in time that depends only on their length (never on where they differ).
 * Strings of different lengths are simply unequal.
 */
export function safeEqual(a, b) {
    if (a.length !== b.length)
        return false;
    let difference = 0;
    for (let i = 0; i < a.length; i++)
        difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
    return difference === 0;
}
//# sourceMappingURL=signing.js.map