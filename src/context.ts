/**
 * The current WebEvent, found through AsyncLocalStorage, and the free functions that act on it.
 * Pode's cmdlets find `$WebEvent` implicitly; these do the same anywhere in a request's async
 * call tree (helper modules and code after an await included). Each is a thin call onto the
 * WebEvent method of the same meaning.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { NoRequestError } from './errors.js';
import type { RedirectOptions, StatusOptions, WebEvent, WriteOptions } from './web-event.js';

const storage = new AsyncLocalStorage<WebEvent>();

/** Runs `fn(event, ...args)` with `event` as the current request for everything it calls. */
export function runWithEvent<A extends unknown[], R>(
  event: WebEvent,
  fn: (event: WebEvent, ...args: A) => R,
  ...args: A
): R {
  return storage.run(event, fn, event, ...args);
}

/** The current request's WebEvent, or throws `PODE_ERR_NO_REQUEST` naming the caller. */
export function currentEvent(functionName: string): WebEvent {
  const event = storage.getStore();
  if (event === undefined) throw new NoRequestError(functionName);
  return event;
}

/** The current request's WebEvent, or undefined outside a request. */
export function findEvent(): WebEvent | undefined {
  return storage.getStore();
}

/** Returns the current request's WebEvent (Pode's `$WebEvent`). */
export function getWebEvent(): WebEvent {
  return currentEvent('getWebEvent');
}

/** Writes `value` as the JSON response of the current request (`Write-PodeJsonResponse`). */
export function writeJsonResponse(value: unknown, options?: WriteOptions): void {
  currentEvent('writeJsonResponse').writeJson(value, options);
}

/** Writes `text` as the plain-text response of the current request (`Write-PodeTextResponse`). */
export function writeTextResponse(text: string, options?: WriteOptions): void {
  currentEvent('writeTextResponse').writeText(text, options);
}

/** Writes `html` as the HTML response of the current request (`Write-PodeHtmlResponse`). */
export function writeHtmlResponse(html: string, options?: WriteOptions): void {
  currentEvent('writeHtmlResponse').writeHtml(html, options);
}

/** Sets the status of the current request's response (`Set-PodeResponseStatus`). */
export function setResponseStatus(code: number, options?: StatusOptions): void {
  currentEvent('setResponseStatus').setStatus(code, options);
}

/** Redirects the current request (`Move-PodeResponseUrl`): 302, or 301 with `moved`. */
export function moveResponseUrl(url: string, options?: RedirectOptions): void {
  currentEvent('moveResponseUrl').redirect(url, options);
}
