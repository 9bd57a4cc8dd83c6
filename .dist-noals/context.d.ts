import type { RedirectOptions, StatusOptions, WebEvent, WriteOptions } from './web-event.js';
/** Runs `fn(event)` with `event` as the current request for everything it calls. */
export declare function runWithEvent<R>(event: WebEvent, fn: (event: WebEvent) => R): R;
/** The current request's WebEvent, or throws `PODE_ERR_NO_REQUEST` naming the caller. */
export declare function currentEvent(functionName: string): WebEvent;
/** The current request's WebEvent, or undefined outside a request. */
export declare function findEvent(): WebEvent | undefined;
/** Returns the current request's WebEvent (Pode's `$WebEvent`). */
export declare function getWebEvent(): WebEvent;
/** Writes `value` as the JSON response of the current request (`Write-PodeJsonResponse`). */
export declare function writeJsonResponse(value: unknown, options?: WriteOptions): void;
/** Writes `text` as the plain-text response of the current request (`Write-PodeTextResponse`). */
export declare function writeTextResponse(text: string, options?: WriteOptions): void;
/** Writes `html` as the HTML response of the current request (`Write-PodeHtmlResponse`). */
export declare function writeHtmlResponse(html: string, options?: WriteOptions): void;
/** Sets the status of the current request's response (`Set-PodeResponseStatus`). */
export declare function setResponseStatus(code: number, options?: StatusOptions): void;
/** Redirects the current request (`Move-PodeResponseUrl`): 302, or 301 with `moved`. */
export declare function moveResponseUrl(url: string, options?: RedirectOptions): void;
//# sourceMappingURL=context.d.ts.map