/**
 * The current WebEvent, found through AsyncLocalStorage, and the free functions that act on it.
 * Pode's cmdlets find `$WebEvent` implicitly; these do the same anywhere in a request's async
 * call tree (helper modules and code after an await included). Each is a thin call onto the
 * WebEvent method of the same meaning.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { NoRequestError } from './errors.js';
const storage = new AsyncLocalStorage();
/** Runs `fn(event)` with `event` as the current request for everything it calls. */
export function runWithEvent(event, fn) {
    return fn(event);
}
/** The current request's WebEvent, or throws `PODE_ERR_NO_REQUEST` naming the caller. */
export function currentEvent(functionName) {
    const event = storage.getStore();
    if (event === undefined)
        throw new NoRequestError(functionName);
    return event;
}
/** The current request's WebEvent, or undefined outside a request. */
export function findEvent() {
    return storage.getStore();
}
/** Returns the current request's WebEvent (Pode's `$WebEvent`). */
export function getWebEvent() {
    return currentEvent('getWebEvent');
}
/** Writes `value` as the JSON response of the current request (`Write-PodeJsonResponse`). */
export function writeJsonResponse(value, options) {
    currentEvent('writeJsonResponse').writeJson(value, options);
}
/** Writes `text` as the plain-text response of the current request (`Write-PodeTextResponse`). */
export function writeTextResponse(text, options) {
    currentEvent('writeTextResponse').writeText(text, options);
}
/** Writes `html` as the HTML response of the current request (`Write-PodeHtmlResponse`). */
export function writeHtmlResponse(html, options) {
    currentEvent('writeHtmlResponse').writeHtml(html, options);
}
/** Sets the status of the current request's response (`Set-PodeResponseStatus`). */
export function setResponseStatus(code, options) {
    currentEvent('setResponseStatus').setStatus(code, options);
}
/** Redirects the current request (`Move-PodeResponseUrl`): 302, or 301 with `moved`. */
export function moveResponseUrl(url, options) {
    currentEvent('moveResponseUrl').redirect(url, options);
}
//# sourceMappingURL=context.js.map