/**
 * The current WebEvent, found through AsyncLocalStorage, and the free functions that act on it.
 * Pode's cmdlets find `$WebEvent` implicitly; these do the same anywhere in a request's async
 * call tree (helper modules and code after an await included). Each is a thin call onto the
 * WebEvent method of the same meaning.
 *
 * A server started with `asyncContext: false` does not use AsyncLocalStorage (on Node 20 it costs
 * an async_hooks call for every async resource of every request): the current event is then known
 * only while the pipeline runs a step synchronously.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { CookieSecretOptions } from './cookie-secrets.js';
import type { RedirectTarget } from './endpoints/redirect.js';
import { NoRequestError } from './errors.js';
import type {
  FormatWriteOptions,
  JsonWriteOptions,
  MarkdownWriteOptions,
  RedirectOptions,
  StatusOptions,
  TextWriteOptions,
  WebEvent,
  WriteOptions,
} from './web-event.js';

/**
 * @internal A current scope that is not a WebEvent (a signal route's running event), carried by
 * the same AsyncLocalStorage as the requests: on Node 20 every enabled AsyncLocalStorage adds its
 * own propagation to the hook call of every async resource (a second one costs about half as much
 * again), so the process keeps one.
 */
export class ForeignScope {}

const storage = new AsyncLocalStorage<WebEvent | ForeignScope>();

/** The stored WebEvent: undefined outside a request and inside a foreign scope. */
function storedEvent(): WebEvent | undefined {
  const store = storage.getStore();
  return store instanceof ForeignScope ? undefined : store;
}

/** @internal Runs `fn(a)` with `scope` as the current foreign scope (and no current request). */
export function runInScope<A, R>(scope: ForeignScope, fn: (a: A) => R, a: A): R {
  return storage.run(scope, fn, a);
}

/** @internal The current foreign scope, if any. */
export function findScope(): ForeignScope | undefined {
  const store = storage.getStore();
  return store instanceof ForeignScope ? store : undefined;
}

/** The event whose pipeline step is running synchronously (the `asyncContext: false` lookup). */
let synchronousEvent: WebEvent | undefined;

/** How many running servers have `asyncContext: false` (for the error message). */
let serversWithoutAsyncContext = 0;

/** Runs `fn(event, a, b)` with `event` as the current request for everything it calls (awaits included). */
export function runWithEvent<A, B, R>(
  event: WebEvent,
  fn: (event: WebEvent, a: A, b: B) => R,
  a: A,
  b: B,
): R {
  return storage.run(event, fn, event, a, b);
}

/** Runs `fn(a, b)` outside any request: nothing it starts inherits the current one. */
export function runOutsideEvent<A, B, R>(fn: (a: A, b: B) => R, a: A, b: B): R {
  return storage.run(undefined as unknown as WebEvent, fn, a, b);
}

/** runOutsideEvent for `asyncContext: false`: `fn(a, b)` runs with no synchronous current event. */
export function runOutsideEventSync<A, B, R>(fn: (a: A, b: B) => R, a: A, b: B): R {
  const previous = synchronousEvent;
  synchronousEvent = undefined;
  try {
    return fn(a, b);
  } finally {
    synchronousEvent = previous;
  }
}

/**
 * Runs `fn(event, a, b)` with `event` as the current request for its synchronous part only (no
 * AsyncLocalStorage): what a server with `asyncContext: false` does, and what the pipeline does
 * when it resumes after a step's promise.
 */
export function runWithEventSync<A, B, R>(
  event: WebEvent,
  fn: (event: WebEvent, a: A, b: B) => R,
  a: A,
  b: B,
): R {
  const previous = synchronousEvent;
  synchronousEvent = event;
  try {
    return fn(event, a, b);
  } finally {
    synchronousEvent = previous;
  }
}

/** Counts a server with `asyncContext: false` while it runs; returns the call that uncounts it. */
export function trackServerWithoutAsyncContext(): () => void {
  serversWithoutAsyncContext++;
  let counted = true;
  return () => {
    if (counted) serversWithoutAsyncContext--;
    counted = false;
  };
}

/** The current request's WebEvent, or throws `PODE_ERR_NO_REQUEST` naming the caller. */
export function currentEvent(functionName: string): WebEvent {
  const event = storedEvent() ?? synchronousEvent;
  if (event === undefined) throw new NoRequestError(functionName, serversWithoutAsyncContext > 0);
  return event;
}

/** The current request's WebEvent, or undefined outside a request. */
export function findEvent(): WebEvent | undefined {
  return storedEvent() ?? synchronousEvent;
}

/** Returns the current request's WebEvent (Pode's `$WebEvent`). */
export function getWebEvent(): WebEvent {
  return currentEvent('getWebEvent');
}

/** Writes `value` as the JSON response of the current request (`Write-PodeJsonResponse`). */
export function writeJsonResponse(value: unknown, options?: JsonWriteOptions): void {
  currentEvent('writeJsonResponse').writeJson(value, options);
}

/** Writes `value` as the XML response of the current request (`Write-PodeXmlResponse`). */
export function writeXmlResponse(value: unknown, options?: FormatWriteOptions): void {
  currentEvent('writeXmlResponse').writeXml(value, options);
}

/** Writes `value` as the CSV response of the current request (`Write-PodeCsvResponse`). */
export function writeCsvResponse(value: unknown, options?: WriteOptions): void {
  currentEvent('writeCsvResponse').writeCsv(value, options);
}

/** Writes `value` as the YAML response of the current request (`Write-PodeYamlResponse`). */
export function writeYamlResponse(value: unknown, options?: FormatWriteOptions): void {
  currentEvent('writeYamlResponse').writeYaml(value, options);
}

/** Writes Markdown, or with `asHtml` its HTML, as the response of the current request (`Write-PodeMarkdownResponse`). */
export function writeMarkdownResponse(markdown: string, options?: MarkdownWriteOptions): void {
  currentEvent('writeMarkdownResponse').writeMarkdown(markdown, options);
}

/** Writes `text` as the plain-text response of the current request (`Write-PodeTextResponse`). */
export function writeTextResponse(text: string, options?: TextWriteOptions): void {
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

/**
 * Redirects the current request (`Move-PodeResponseUrl`): 302, or 301 with `moved`. Given
 * `{ protocol, address, port }` or `{ endpointName }` instead of a URL, see `e.redirect`.
 */
export function moveResponseUrl(url: string | RedirectTarget, options?: RedirectOptions): void {
  currentEvent('moveResponseUrl').redirect(url, options);
}

/** A cookie secret stored with `s.setCookieSecret` (`Get-PodeCookieSecret`), for the current request's server. */
export function getCookieSecret(options: CookieSecretOptions): string | undefined {
  return currentEvent('getCookieSecret').getCookieSecret(options);
}
