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
/** Parses a `Cookie` header into a null-prototype object of strings (values percent-decoded). */
export declare function parseCookies(header: string | undefined): Record<string, string>;
/**
 * Serialises one `Set-Cookie` value. Values that are already cookie-safe (signed values are) are
 * written as they are, anything else percent-encoded.
 */
export declare function serializeCookie(name: string, value: string, attributes: CookieAttributes): string;
/** The attributes that delete a cookie set with the same path and domain. */
export declare function expiredAttributes(path: string | undefined, domain: string | undefined): {
    maxAge: number;
    expires: Date;
    path: string;
    domain: string | undefined;
};
/** Turns `duration`/`expires` options into the attributes the serializer takes. */
export declare function lifetimeAttributes(options: CookieOptions, now?: number): CookieAttributes;
//# sourceMappingURL=cookies.d.ts.map