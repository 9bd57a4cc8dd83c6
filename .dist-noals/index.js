/**
 * pode-ts: Pode's request model on Node.js. The public surface, grouped by concern.
 */
// Authentication
export { getAuthUser, testAuthUser } from './auth/functions.js';
export { apiKey, basic, bearer, custom, form } from './auth/schemes.js';
export { getWebEvent, moveResponseUrl, setResponseStatus, writeHtmlResponse, writeJsonResponse, writeTextResponse, } from './context.js';
// CSRF
export { newCsrfToken } from './csrf.js';
// Errors
export { ErrorCodes, HttpError, NoRequestError, NoSessionError, PodeError, SessionStoreError, SetupError, } from './errors.js';
// Flash messages
export { addFlashMessage, clearFlashMessages, getFlashMessage, getFlashMessageNames, removeFlashMessage, } from './flash.js';
// Server, routes, middleware and endware
export { ServerBuilder, startServer } from './server.js';
// Sessions
export { getSessionDuration, getSessionExpiry, getSessionId, removeSession, resetSessionExpiry, saveSession, sessionScope, } from './sessions/functions.js';
export { MemoryStore } from './sessions/memory-store.js';
export { Session } from './sessions/session.js';
// Signing (Pode's signed values)
export { signValue, unsignValue } from './signing.js';
// The WebEvent and the free functions that find it
export { WebEvent } from './web-event.js';
//# sourceMappingURL=index.js.map