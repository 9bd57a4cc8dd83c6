import type { Middleware } from '../pipeline.js';
import type { SessionSettings } from '../sessions/options.js';
import type { AuthUser, RouteInfo } from '../types.js';
import type { WebEvent } from '../web-event.js';
import { type AuthScheme } from './schemes.js';
/** What a validator returns: `{ user }` on success; `{ message?, code? }` or null on failure. */
export interface AuthValidation {
    /** The authenticated user: any non-null value means success. */
    user?: AuthUser | null;
    /** Why it failed: the reason phrase of the 401, and the `auth-error` flash message. */
    message?: string;
    /** The status of the failure (default 401). */
    code?: number;
    /** Headers to set on the response (success or failure). */
    headers?: Record<string, string>;
}
/** A validator: called with the scheme's credentials object and the WebEvent. May be async. */
export type AuthValidator<TCredentials> = (credentials: TCredentials, event: WebEvent) => AuthValidation | null | undefined | Promise<AuthValidation | null | undefined>;
/** Options of `s.addAuth`. */
export interface AuthOptions {
    /** Where a failure redirects (with the message in flash `auth-error`); without it, 401/400. */
    failureUrl?: string;
    /** Replaces the scheme's or validator's failure message. */
    failureMessage?: string;
    /** Where a successful login (and a `login` route with an authenticated session) redirects. */
    successUrl?: string;
    /** After login, return to the page first asked for (kept in a signed cookie `pode.redirecturl`). */
    successUseOrigin?: boolean;
    /** Do not keep the login in the session: every request brings its own credentials. */
    sessionless?: boolean;
}
/** Options of `s.addAuthSession`. */
export type AuthSessionOptions = Omit<AuthOptions, 'sessionless'>;
/** The cookie that remembers the page first asked for with `successUseOrigin`. */
export declare const REDIRECT_COOKIE = "pode.redirecturl";
/** @internal The server's authentications, by name. */
export declare class AuthRegistry {
    #private;
    /** Adds an authentication (`Add-PodeAuth`); throws the set-up errors at once. */
    add(name: string, scheme: AuthScheme<unknown>, validate: AuthValidator<unknown>, options: AuthOptions, sessionsEnabled: boolean): void;
    /** Adds an authentication that passes only when the session holds a user (`Add-PodeAuthSession`). */
    addSession(name: string, options: AuthSessionOptions, sessionsEnabled: boolean): void;
    /**
     * The route middleware for a route: `[]` without `authentication`, else the auth step. Throws
     * for an unknown authentication name, and for `login`/`logout`/`allowAnon` without one.
     */
    middlewareFor(info: RouteInfo, sessions: SessionSettings | undefined): Middleware[];
}
/**
 * Whether `url` is a path on this site: it starts with one `/`, has no backslash or control
 * character, and resolves to the same origin. Rejects `//evil`, `/\evil`, `http://…`.
 */
export declare function isLocalPath(url: string): boolean;
//# sourceMappingURL=registry.d.ts.map