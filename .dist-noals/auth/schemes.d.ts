import type { WebEvent } from '../web-event.js';
/** The credentials of `basic()` and `form()`. */
export interface UsernamePasswordCredentials {
    username: string;
    password: string;
}
/** The credentials of `bearer()`. */
export interface BearerCredentials {
    token: string;
}
/** The credentials of `apiKey()`. */
export interface ApiKeyCredentials {
    key: string;
}
/** What a scheme found on a request. */
export type SchemeReading<TCredentials> = {
    kind: 'credentials';
    credentials: TCredentials;
}
/** Nothing was sent: 401 (or anonymous on an `allowAnon` route). */
 | {
    kind: 'missing';
    status: number;
    message: string;
}
/** Something was sent but cannot be read: 400. */
 | {
    kind: 'malformed';
    status: number;
    message: string;
};
/** An authentication scheme: made by `basic()`, `form()`, `bearer()`, `apiKey()` or `custom()`. */
export interface AuthScheme<TCredentials> {
    /** `'basic'`, `'form'`, `'bearer'`, `'apiKey'` or `'custom'`. */
    readonly type: 'basic' | 'form' | 'bearer' | 'apiKey' | 'custom';
    /** The `WWW-Authenticate` value sent with a 401, if the scheme has a challenge. */
    readonly challenge: string | undefined;
    /** Reads the credentials of a request. */
    read(event: WebEvent): SchemeReading<TCredentials> | Promise<SchemeReading<TCredentials>>;
}
/** Options of `basic()`. */
export interface BasicOptions {
    /** The realm of the `WWW-Authenticate` challenge. Default `'User'`. */
    realm?: string;
    /** The scheme word of the `Authorization` header. Default `'Basic'`. */
    headerTag?: string;
    /** How the decoded `username:password` bytes are read. Default `'utf8'`. */
    encoding?: 'utf8' | 'latin1';
}
/** Options of `form()`. */
export interface FormOptions {
    /** The body field holding the username. Default `'username'`. */
    usernameField?: string;
    /** The body field holding the password. Default `'password'`. */
    passwordField?: string;
}
/** Options of `bearer()`. */
export interface BearerOptions {
    /** The realm of the `WWW-Authenticate` challenge. Default `'User'`. */
    realm?: string;
    /** The scheme word of the `Authorization` header. Default `'Bearer'`. */
    headerTag?: string;
}
/** Options of `apiKey()`. */
export interface ApiKeyOptions {
    /** Where the key is sent. Default `'header'`. */
    location?: 'header' | 'query' | 'cookie';
    /** The header, query or cookie name. Default `'X-API-KEY'` (header, cookie) or `'api_key'` (query). */
    name?: string;
}
/** Options of `custom()`. */
export interface CustomOptions {
    /** A scheme word for a `WWW-Authenticate` challenge on 401 (none by default). */
    challengeName?: string;
    /** The realm of that challenge. Default `'User'`. */
    realm?: string;
}
/** What a `custom()` reader returns: the credentials for the validator, or null when there are none. */
export type CustomReader<TCredentials> = (event: WebEvent) => TCredentials | null | undefined | Promise<TCredentials | null | undefined>;
/**
 * HTTP Basic (`Authorization: Basic <base64 username:password>`). Credentials:
 * `{ username, password }`. No header → 401 with `WWW-Authenticate: Basic realm="User"`; another
 * scheme word, bad Base64 or no `:` → 400.
 */
export declare function basic(options?: BasicOptions): AuthScheme<UsernamePasswordCredentials>;
/**
 * A login form (urlencoded, multipart or JSON body). Credentials: `{ username, password }` from
 * the body fields `usernameField` and `passwordField`. Either missing or empty → 401; a field
 * that is not a string (a JSON object, say) → 400. No `WWW-Authenticate` challenge.
 */
export declare function form(options?: FormOptions): AuthScheme<UsernamePasswordCredentials>;
/**
 * A bearer token (`Authorization: Bearer <token>`). Credentials: `{ token }`. No header → 401
 * with `WWW-Authenticate: Bearer realm="User"`; another scheme word or an empty token → 400.
 */
export declare function bearer(options?: BearerOptions): AuthScheme<BearerCredentials>;
/**
 * An API key in a header, query parameter or cookie. Credentials: `{ key }`. A missing or empty
 * key → 400 (as in Pode). No `WWW-Authenticate` challenge.
 */
export declare function apiKey(options?: ApiKeyOptions): AuthScheme<ApiKeyCredentials>;
/**
 * A scheme of your own: `fn(e)` (sync or async) returns the credentials passed to the validator,
 * or null/undefined when the request has none (→ 401). Throwing from `fn` is a 500.
 */
export declare function custom<TCredentials>(fn: CustomReader<TCredentials>, options?: CustomOptions): AuthScheme<TCredentials>;
/** @internal Whether `value` looks like a scheme made by one of the factories above. */
export declare function isAuthScheme(value: unknown): value is AuthScheme<unknown>;
//# sourceMappingURL=schemes.d.ts.map