import type { Middleware } from './pipeline.js';
import type { WebEvent } from './web-event.js';
/** Options of `s.enableCsrfMiddleware`. */
export interface CsrfOptions {
    /** Methods that are never checked. Default `['GET', 'HEAD', 'OPTIONS', 'TRACE']`. */
    ignoreMethods?: readonly string[];
    /**
     * Keep the CSRF secret in a signed cookie `pode.csrf` instead of the session (no sessions
     * needed). Requires `secret`. Default false.
     */
    useCookies?: boolean;
    /** Signs the `pode.csrf` cookie with `useCookies`; an array rotates (the first signs, all verify). */
    secret?: string | readonly string[];
}
/** The name of the inbuilt CSRF middleware (a user middleware of this name replaces it). */
export declare const CSRF = "__pode_mw_csrf__";
/** The body field, query parameter, header, session key and cookie name CSRF uses. */
export declare const CSRF_NAME = "pode.csrf";
/**
 * Validates the options and returns the middleware. Throws the set-up errors: `useCookies`
 * without `secret`, and session mode without sessions enabled first.
 */
export declare function createCsrfMiddleware(options: CsrfOptions, sessionsEnabled: boolean): Middleware;
/**
 * A new CSRF token for the current request's session (`New-PodeCsrfToken`), to put in a form's
 * hidden `pode.csrf` field or a `pode.csrf` header. Creates the session's secret on first use.
 * Throws `CSRF Middleware has not been initialised.` when the CSRF middleware has not run.
 */
export declare function newCsrfToken(): string;
/** @internal A new token for `event` (see `newCsrfToken`). */
export declare function csrfTokenFor(event: WebEvent): string;
/** Builds a token from a salt and a secret: `t:<salt>.<Base64 SHA-256("<salt>-<secret>")>`. */
export declare function makeToken(salt: string, secret: string): string;
/** Checks a token against a secret in constant time. */
export declare function verifyToken(token: string, secret: string): boolean;
//# sourceMappingURL=csrf.d.ts.map