/**
 * Request body parsing (pipeline step 2): JSON, urlencoded forms, `text/*` and multipart form
 * data, bounded by `bodyLimit`. Requests without a body cost one header check and no promise.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestData } from './types.js';
import type { WebEvent } from './web-event.js';
/** The name of the inbuilt body-parsing middleware (a user middleware of this name replaces it). */
export declare const BODY_PARSING = "__pode_mw_body_parsing__";
/** The inbuilt body-parsing middleware: step 2 of the pipeline, before any user middleware. */
export declare function bodyParsingMiddleware(limit: number): (event: WebEvent) => Promise<void> | undefined;
/**
 * Parses the body of `event`'s request into `event.data` (and `event.files`). Returns undefined
 * at once when there is no body; otherwise a promise that rejects with an {@link HttpError}
 * (400 for a malformed body, 413 past `limit`).
 */
export declare function parseBody(event: WebEvent, limit: number, forcedType: string | undefined): Promise<void> | undefined;
/** Reads the whole request body, rejecting with 413 as soon as it passes `limit` bytes. */
export declare function readAll(request: IncomingMessage, limit: number): Promise<Buffer>;
/** Parses a JSON body; anything malformed is a 400. */
export declare function parseJson(text: string): RequestData;
/** Parses an urlencoded body into an object of strings (repeated keys joined with `,`). */
export declare function parseForm(text: string): RequestData;
//# sourceMappingURL=body.d.ts.map