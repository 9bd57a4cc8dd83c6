/**
 * Every error pode-ts throws, each with a stable `code` callers can switch on and, where the user
 * can fix it, a `hint` that says how. Messages that the SPEC fixes word for word are kept exact;
 * the fix goes in `hint` (Node prints it beside the stack when a start-up error goes uncaught).
 */

/** Stable error codes: match on these, never on messages. */
export const ErrorCodes = {
  BAD_OPTION: 'PODE_ERR_BAD_OPTION',
  UNKNOWN_OPTION: 'PODE_ERR_UNKNOWN_OPTION',
  NO_ENDPOINT: 'PODE_ERR_NO_ENDPOINT',
  BAD_ENDPOINT: 'PODE_ERR_BAD_ENDPOINT',
  BAD_ROUTE: 'PODE_ERR_BAD_ROUTE',
  ROUTE_EXISTS: 'PODE_ERR_ROUTE_EXISTS',
  NO_LOGIC: 'PODE_ERR_NO_LOGIC',
  BAD_HANDLER: 'PODE_ERR_BAD_HANDLER',
  MIDDLEWARE_EXISTS: 'PODE_ERR_MIDDLEWARE_EXISTS',
  LISTEN: 'PODE_ERR_LISTEN',
  NO_REQUEST: 'PODE_ERR_NO_REQUEST',
  NO_SESSION: 'PODE_ERR_NO_SESSION',
  SESSION_ALREADY_ENABLED: 'PODE_ERR_SESSION_ALREADY_ENABLED',
  SESSION_STORE_METHOD: 'PODE_ERR_SESSION_STORE_METHOD',
  SESSION_SECRET_REQUIRED: 'PODE_ERR_SESSION_SECRET_REQUIRED',
  SESSION_DURATION: 'PODE_ERR_SESSION_DURATION',
  SESSION_SHARED_STORE: 'PODE_ERR_SESSION_SHARED_STORE',
  SESSION_STORE: 'PODE_ERR_SESSION_STORE',
  SESSION_ID: 'PODE_ERR_SESSION_ID',
  SESSION_DATA: 'PODE_ERR_SESSION_DATA',
  FLASH_NO_SESSION: 'PODE_ERR_FLASH_NO_SESSION',
  CSRF_NOT_INITIALISED: 'PODE_ERR_CSRF_NOT_INITIALISED',
  AUTH_NO_SESSION: 'PODE_ERR_AUTH_NO_SESSION',
  AUTH_UNKNOWN: 'PODE_ERR_AUTH_UNKNOWN',
  AUTH_EXISTS: 'PODE_ERR_AUTH_EXISTS',
  ACCESS_UNKNOWN: 'PODE_ERR_ACCESS_UNKNOWN',
  ACCESS_EXISTS: 'PODE_ERR_ACCESS_EXISTS',
  JWT: 'PODE_ERR_JWT',
  HTTP: 'PODE_ERR_HTTP',
  NOT_PORTED: 'PODE_ERR_NOT_PORTED',
  VIEW_NEEDS_CONVERTER: 'PODE_ERR_VIEW_NEEDS_CONVERTER',
  STATIC_SOURCE: 'PODE_ERR_STATIC_SOURCE',
  BROADCAST_LEVEL: 'PODE_ERR_BROADCAST_LEVEL',
  TIMER: 'PODE_ERR_TIMER',
  SCHEDULE: 'PODE_ERR_SCHEDULE',
  BAD_CRON: 'PODE_ERR_BAD_CRON',
  TASK: 'PODE_ERR_TASK',
  TASK_TIMEOUT: 'PODE_ERR_TASK_TIMEOUT',
  STATE: 'PODE_ERR_STATE',
  LOCK: 'PODE_ERR_LOCK',
  NO_TCP_EVENT: 'PODE_ERR_NO_TCP_EVENT',
  TCP_READ_TIMEOUT: 'PODE_ERR_TCP_READ_TIMEOUT',
  CACHE: 'PODE_ERR_CACHE',
  SECRET: 'PODE_ERR_SECRET',
} as const;

/** One of the values of {@link ErrorCodes}. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** The base class of every error pode-ts throws. */
export class PodeError extends Error {
  readonly code: ErrorCode;
  /** How to fix it, when the caller can. */
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.hint = hint;
  }
}

/** A mistake in the server's set-up: thrown (rejected) by `startServer` before anything listens. */
export class SetupError extends PodeError {}

/** A free function such as `writeJsonResponse` was called outside a request. */
export class NoRequestError extends PodeError {
  constructor(functionName: string, asyncContextOff = false) {
    if (asyncContextOff) {
      super(
        ErrorCodes.NO_REQUEST,
        `${functionName}() found no current request: with asyncContext: false, a request is known only in the synchronous part of a middleware, route or endware (not after an await), or it was called outside a request.`,
        'Call it from a route, middleware or endware before any await; after an await use the event (e), or start the server without asyncContext: false.',
      );
      return;
    }
    super(
      ErrorCodes.NO_REQUEST,
      `${functionName}() was called outside a request.`,
      'Call it from a route, middleware or endware, or from a function they call (awaits included).',
    );
  }
}

/** The request has no session: sessions are not enabled, or the session was removed. */
export class NoSessionError extends PodeError {
  constructor(message = 'There is no session on this request.') {
    super(
      ErrorCodes.NO_SESSION,
      message,
      'Call s.enableSessionMiddleware() in the set-up, and check e.hasSession before using e.session.',
    );
  }
}

/** A session store call failed or timed out: the request is answered 503. */
export class SessionStoreError extends PodeError {
  /** A hash of the session id involved (never the id itself), for correlating logs. */
  readonly sid: string | undefined;

  constructor(operation: string, cause: unknown, sid?: string) {
    super(ErrorCodes.SESSION_STORE, `The session store failed on ${operation}().`);
    this.cause = cause;
    this.sid = sid;
  }
}

/**
 * The session data could not be saved: it holds something JSON cannot keep as it is (a BigInt, a
 * function, a cycle, a lone UTF-16 surrogate, nesting deeper than 1,000 levels, …), or the save
 * failed for another reason that is not the store's. The request is answered 500; nothing of that
 * save is stored, and the session keeps its previous data.
 */
export class SessionDataError extends PodeError {
  constructor(message: string, cause?: unknown) {
    super(
      ErrorCodes.SESSION_DATA,
      message,
      'Keep session data to JSON: plain objects, arrays, strings, finite numbers, booleans and null (a Date is kept as its ISO string), nested at most 1,000 levels.',
    );
    if (cause !== undefined) this.cause = cause;
  }
}

/** An error that maps to an HTTP status: the framework answers with that status and an error page. */
export class HttpError extends PodeError {
  readonly status: number;

  constructor(status: number, message: string) {
    super(ErrorCodes.HTTP, message);
    this.status = status;
  }
}

/** A JWT that cannot be read, verified or trusted (`convertFromJwt`, `testJwt`): expired, tampered… */
export class JwtError extends PodeError {
  constructor(message: string, cause?: unknown) {
    super(ErrorCodes.JWT, message);
    if (cause !== undefined) this.cause = cause;
  }
}

/** Shorthand for a {@link SetupError} with a code, the message and an optional hint. */
export function setupError(code: ErrorCode, message: string, hint?: string): SetupError {
  return new SetupError(code, message, hint);
}

/** A background call (timer, schedule, task, state, lock) was misused at run time. */
export class BackgroundError extends PodeError {}
