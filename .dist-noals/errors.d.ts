/**
 * Every error pode-ts throws, each with a stable `code` callers can switch on and, where the user
 * can fix it, a `hint` that says how. Messages that the SPEC fixes word for word are kept exact;
 * the fix goes in `hint` (Node prints it beside the stack when a start-up error goes uncaught).
 */
/** Stable error codes: match on these, never on messages. */
export declare const ErrorCodes: {
    readonly BAD_OPTION: "PODE_ERR_BAD_OPTION";
    readonly NO_ENDPOINT: "PODE_ERR_NO_ENDPOINT";
    readonly BAD_ENDPOINT: "PODE_ERR_BAD_ENDPOINT";
    readonly BAD_ROUTE: "PODE_ERR_BAD_ROUTE";
    readonly ROUTE_EXISTS: "PODE_ERR_ROUTE_EXISTS";
    readonly NO_LOGIC: "PODE_ERR_NO_LOGIC";
    readonly BAD_HANDLER: "PODE_ERR_BAD_HANDLER";
    readonly MIDDLEWARE_EXISTS: "PODE_ERR_MIDDLEWARE_EXISTS";
    readonly LISTEN: "PODE_ERR_LISTEN";
    readonly NO_REQUEST: "PODE_ERR_NO_REQUEST";
    readonly NO_SESSION: "PODE_ERR_NO_SESSION";
    readonly SESSION_ALREADY_ENABLED: "PODE_ERR_SESSION_ALREADY_ENABLED";
    readonly SESSION_STORE_METHOD: "PODE_ERR_SESSION_STORE_METHOD";
    readonly SESSION_SECRET_REQUIRED: "PODE_ERR_SESSION_SECRET_REQUIRED";
    readonly SESSION_DURATION: "PODE_ERR_SESSION_DURATION";
    readonly SESSION_SHARED_STORE: "PODE_ERR_SESSION_SHARED_STORE";
    readonly SESSION_STORE: "PODE_ERR_SESSION_STORE";
    readonly SESSION_ID: "PODE_ERR_SESSION_ID";
    readonly FLASH_NO_SESSION: "PODE_ERR_FLASH_NO_SESSION";
    readonly CSRF_NOT_INITIALISED: "PODE_ERR_CSRF_NOT_INITIALISED";
    readonly AUTH_NO_SESSION: "PODE_ERR_AUTH_NO_SESSION";
    readonly AUTH_UNKNOWN: "PODE_ERR_AUTH_UNKNOWN";
    readonly AUTH_EXISTS: "PODE_ERR_AUTH_EXISTS";
    readonly HTTP: "PODE_ERR_HTTP";
};
/** One of the values of {@link ErrorCodes}. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
/** The base class of every error pode-ts throws. */
export declare class PodeError extends Error {
    readonly code: ErrorCode;
    /** How to fix it, when the caller can. */
    readonly hint: string | undefined;
    constructor(code: ErrorCode, message: string, hint?: string);
}
/** A mistake in the server's set-up: thrown (rejected) by `startServer` before anything listens. */
export declare class SetupError extends PodeError {
}
/** A free function such as `writeJsonResponse` was called outside a request. */
export declare class NoRequestError extends PodeError {
    constructor(functionName: string);
}
/** The request has no session: sessions are not enabled, or the session was removed. */
export declare class NoSessionError extends PodeError {
    constructor(message?: string);
}
/** A session store call failed or timed out: the request is answered 503. */
export declare class SessionStoreError extends PodeError {
    /** A hash of the session id involved (never the id itself), for correlating logs. */
    readonly sid: string | undefined;
    constructor(operation: string, cause: unknown, sid?: string);
}
/** An error that maps to an HTTP status: the framework answers with that status and an error page. */
export declare class HttpError extends PodeError {
    readonly status: number;
    constructor(status: number, message: string);
}
/** Shorthand for a {@link SetupError} with a code, the message and an optional hint. */
export declare function setupError(code: ErrorCode, message: string, hint?: string): SetupError;
//# sourceMappingURL=errors.d.ts.map