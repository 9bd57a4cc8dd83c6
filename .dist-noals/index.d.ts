/**
 * pode-ts: Pode's request model on Node.js. The public surface, grouped by concern.
 */
export type { AuthUserOptions } from './auth/functions.js';
export { getAuthUser, testAuthUser } from './auth/functions.js';
export type { AuthOptions, AuthSessionOptions, AuthValidation, AuthValidator, } from './auth/registry.js';
export type { ApiKeyCredentials, ApiKeyOptions, AuthScheme, BasicOptions, BearerCredentials, BearerOptions, CustomOptions, CustomReader, FormOptions, SchemeReading, UsernamePasswordCredentials, } from './auth/schemes.js';
export { apiKey, basic, bearer, custom, form } from './auth/schemes.js';
export { getWebEvent, moveResponseUrl, setResponseStatus, writeHtmlResponse, writeJsonResponse, writeTextResponse, } from './context.js';
export type { CookieOptions } from './cookies.js';
export type { CsrfOptions } from './csrf.js';
export { newCsrfToken } from './csrf.js';
export type { ErrorCode } from './errors.js';
export { ErrorCodes, HttpError, NoRequestError, NoSessionError, PodeError, SessionStoreError, SetupError, } from './errors.js';
export { addFlashMessage, clearFlashMessages, getFlashMessage, getFlashMessageNames, removeFlashMessage, } from './flash.js';
export type { LoggerOption } from './logging.js';
export type { Endware, Middleware, RouteHandler } from './pipeline.js';
export type { EndpointOptions, MiddlewareOptions, RouteOptions, RunningEndpoint, RunningServer, ServerOptions, } from './server.js';
export { ServerBuilder, startServer } from './server.js';
export type { SessionIdOptions } from './sessions/functions.js';
export { getSessionDuration, getSessionExpiry, getSessionId, removeSession, resetSessionExpiry, saveSession, sessionScope, } from './sessions/functions.js';
export type { MemoryStoreOptions } from './sessions/memory-store.js';
export { MemoryStore } from './sessions/memory-store.js';
export type { SessionOptions } from './sessions/options.js';
export type { SessionChange } from './sessions/session.js';
export { Session } from './sessions/session.js';
export type { SessionRecord, SessionStore } from './sessions/store.js';
export type { Unsigned } from './signing.js';
export { signValue, unsignValue } from './signing.js';
export type { AuthState, AuthUser, EndpointInfo, RequestData, RouteInfo, SessionAuth, SessionData, UploadedFile, WebEventMetadata, } from './types.js';
export type { EndCallback, HeaderOptions, RedirectOptions, SignedReadOptions, StatusOptions, WriteOptions, } from './web-event.js';
export { WebEvent } from './web-event.js';
//# sourceMappingURL=index.d.ts.map