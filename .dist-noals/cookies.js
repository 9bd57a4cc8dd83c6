/**
 * Cookie reading and writing on top of the `cookie` package, with Pode's signed values.
 */
import { parseCookie, stringifySetCookie } from 'cookie';
const EMPTY = Object.freeze(Object.create(null));
/** Parses a `Cookie` header into a null-prototype object of strings (values percent-decoded). */
export function parseCookies(header) {
    if (header === undefined || header.length === 0)
        return EMPTY;
    return parseCookie(header);
}
/**
 * Serialises one `Set-Cookie` value. Values that are already cookie-safe (signed values are) are
 * written as they are, anything else percent-encoded.
 */
export function serializeCookie(name, value, attributes) {
    return stringifySetCookie(name, value, { ...attributes, encode: encodeCookieValue });
}
/** The attributes that delete a cookie set with the same path and domain. */
export function expiredAttributes(path, domain) {
    return { maxAge: 0, expires: new Date(0), path: path ?? '/', domain };
}
/** Turns `duration`/`expires` options into the attributes the serializer takes. */
export function lifetimeAttributes(options, now = Date.now()) {
    const attributes = {
        httpOnly: options.httpOnly,
        secure: options.secure,
        sameSite: options.sameSite,
        path: options.path ?? '/',
        domain: options.domain,
    };
    if (options.duration !== undefined && options.duration > 0) {
        attributes.maxAge = Math.floor(options.duration);
        attributes.expires = new Date(now + attributes.maxAge * 1000);
    }
    else if (options.expires !== undefined) {
        attributes.expires = options.expires;
    }
    return attributes;
}
// RFC 6265 cookie-octets: anything outside needs percent-encoding.
const COOKIE_SAFE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;
// A lone UTF-16 surrogate (possible in a JSON string) cannot be percent-encoded: write U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
function encodeCookieValue(value) {
    if (COOKIE_SAFE.test(value))
        return value;
    return encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD'));
}
//# sourceMappingURL=cookies.js.map