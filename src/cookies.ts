/**
 * Cookie reading and writing on top of the `cookie` package, with Pode's signed values.
 */
import { parseCookie, stringifySetCookie } from 'cookie';

/** Options for `e.setCookie` (and what the session middleware writes). */
export interface CookieOptions {
  /** Sign the value with this secret (the first of an array signs). */
  secret?: string | readonly string[];
  /** Bind the signature to the client's User-Agent and IP (needs `secret`). */
  strict?: boolean;
  /** Lifetime in seconds: writes `Max-Age` and `Expires`. */
  duration?: number;
  /** An absolute expiry date (used when `duration` is not given). */
  expires?: Date;
  /** Default false. */
  httpOnly?: boolean;
  /** Default false. */
  secure?: boolean;
  /** `'lax'`, `'strict'` or `'none'`; no attribute by default. */
  sameSite?: 'lax' | 'strict' | 'none';
  /** Default `'/'`. */
  path?: string;
  domain?: string;
}

/** What a cookie looks like to the serializer: the value is written as given, unencoded. */
export interface CookieAttributes {
  maxAge?: number;
  expires?: Date;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'lax' | 'strict' | 'none';
  path?: string;
  domain?: string;
}

const EMPTY: Record<string, string> = Object.freeze(Object.create(null));

/** Parses a `Cookie` header into a null-prototype object of strings (values percent-decoded). */
export function parseCookies(header: string | undefined): Record<string, string> {
  if (header === undefined || header.length === 0) return EMPTY;
  return parseCookie(header) as Record<string, string>;
}

/**
 * Serialises one `Set-Cookie` value. Values that are already cookie-safe (signed values are) are
 * written as they are, anything else percent-encoded.
 */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes): string {
  return stringifySetCookie(name, value, { ...attributes, encode: encodeCookieValue });
}

/** The attributes that delete a cookie set with the same path and domain. */
export function expiredAttributes(path: string | undefined, domain: string | undefined) {
  return { maxAge: 0, expires: new Date(0), path: path ?? '/', domain } satisfies CookieAttributes;
}

/** Turns `duration`/`expires` options into the attributes the serializer takes. */
export function lifetimeAttributes(options: CookieOptions, now = Date.now()): CookieAttributes {
  const attributes: CookieAttributes = {
    httpOnly: options.httpOnly,
    secure: options.secure,
    sameSite: options.sameSite,
    path: options.path ?? '/',
    domain: options.domain,
  };
  if (options.duration !== undefined && options.duration > 0) {
    attributes.maxAge = Math.floor(options.duration);
    attributes.expires = new Date(now + attributes.maxAge * 1000);
  } else if (options.expires !== undefined) {
    attributes.expires = options.expires;
  }
  return attributes;
}

// RFC 6265 cookie-octets, less '%': anything else is percent-encoded. '%' must be encoded too,
// since values are percent-decoded when read ('%00' written as it is would read back as NUL).
const COOKIE_SAFE = /^[\x21\x23\x24\x26-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;

// A lone UTF-16 surrogate (possible in a JSON string) cannot be percent-encoded: write U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function encodeCookieValue(value: string): string {
  if (COOKIE_SAFE.test(value)) return value;
  return encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD'));
}
