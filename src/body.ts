/**
 * Request body parsing (pipeline step 2): JSON, urlencoded forms, XML, CSV, `text/*` and
 * multipart form data, decoded first when compressed, bounded by `bodyLimit`. Requests without a body cost one header check and no promise.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './errors.js';
import { type BodyEncoding, bodyEncodings, readDecoded } from './formats/decode.js';
import { parseCsv, parseXml } from './formats/read.js';
import type { RequestData, UploadedFile } from './types.js';
import type { WebEvent } from './web-event.js';

/** The name of the inbuilt body-parsing middleware (a user middleware of this name replaces it). */
export const BODY_PARSING = '__pode_mw_body_parsing__';

/** The inbuilt body-parsing middleware: step 2 of the pipeline, before any user middleware. */
export function bodyParsingMiddleware(limit: number) {
  return (event: WebEvent): Promise<void> | undefined =>
    parseBody(event, limit, event.route?.contentType, event.route?.transferEncoding);
}

/**
 * Parses the body of `event`'s request into `event.data` (and `event.files`). Returns undefined
 * at once when there is no body; otherwise a promise that rejects with an {@link HttpError}
 * (400 for a malformed body, 413 past `limit`, raw or decoded; 415 for an unknown coding).
 * A gzip, deflate or br body (`Content-Encoding`, or `forcedEncoding`) is decoded first.
 */
export function parseBody(
  event: WebEvent,
  limit: number,
  forcedType: string | undefined,
  forcedEncoding?: BodyEncoding,
): Promise<void> | undefined {
  const headers = event.request.headers;
  if (hasNoBody(headers)) return undefined;
  const length = headers['content-length'];
  if (length !== undefined && Number(length) > limit) {
    return Promise.reject(tooLarge(limit));
  }
  const type = forcedType === undefined ? event.contentType : mediaType(forcedType);
  let encodings: BodyEncoding[] | undefined;
  try {
    encodings = bodyEncodings(headers, forcedEncoding);
  } catch (error) {
    return Promise.reject(error);
  }
  const read =
    encodings === undefined
      ? readAll(event.request, limit)
      : readDecoded(event.request, limit, encodings);
  return read.then((bytes) => assignBody(event, bytes, type));
}

/** Whether a request with these headers has no body (no `Transfer-Encoding`, no or a 0 length). */
export function hasNoBody(headers: IncomingHttpHeaders): boolean {
  if (headers['transfer-encoding'] !== undefined) return false;
  const length = headers['content-length'];
  return length === undefined || length === '0';
}

/**
 * Takes over the empty stream of a bodiless request when it arrives. Left alone, Node resumes the
 * stream when the response finishes, and that path schedules ten `process.nextTick`s per request
 * (with AsyncLocalStorage on, each also pays an async_hooks call). Reading it now (there is
 * nothing to read, but it marks the stream as consumed) stops Node from doing so;
 * `settleEmptyBody` decides what happens to it once the response has been handed to Node.
 */
export function claimEmptyBody(request: IncomingMessage): void {
  request.read();
}

/**
 * Called when the response of a request claimed by `claimEmptyBody` has been handed to Node. If
 * anything listens to the request stream, it ends after the response has finished, as in plain
 * Node: `'end'` and then `'close'` (three ticks). If nothing does, nobody can see it end, and it
 * is left as it is: the parser lets go of it with the next request on the connection, or when the
 * connection closes.
 */
export function settleEmptyBody(request: IncomingMessage, response: ServerResponse): void {
  if (
    request.listenerCount('end') === 0 &&
    request.listenerCount('close') === 0 &&
    request.listenerCount('data') === 0 &&
    request.listenerCount('readable') === 0
  ) {
    return;
  }
  if (response.writableFinished) endEmptyBody.call(response);
  else response.once('finish', endEmptyBody);
}

function endEmptyBody(this: ServerResponse): void {
  const request = this.req;
  // A bodiless request is complete once its head is parsed; resume() is Node's own fallback.
  if (request.complete) request.read();
  else request.resume();
}

/** Reads the whole request body, rejecting with 413 as soon as it passes `limit` bytes. */
export function readAll(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        request.pause();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new HttpError(400, `The request body could not be read: ${error.message}`));
    };
    const onAborted = () => onError(new Error('the client aborted the request'));
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onAborted);
  });
}

async function assignBody(event: WebEvent, bytes: Buffer, type: string): Promise<void> {
  if (bytes.length === 0) return;
  if (type === 'application/json' || type.endsWith('+json')) {
    event.data = parseJson(bytes.toString('utf8'));
  } else if (type === 'application/x-www-form-urlencoded') {
    event.data = parseForm(bytes.toString('utf8'));
  } else if (type === 'multipart/form-data') {
    await parseMultipart(event, bytes);
  } else if (type.endsWith('/xml') || type.endsWith('+xml')) {
    event.data = parseXml(bytes.toString('utf8'));
  } else if (type.endsWith('/csv')) {
    (event as WebEvent<unknown>).data = parseCsv(bytes.toString('utf8'));
  } else {
    // text/* and anything unknown: the raw text, as Pode does.
    (event as WebEvent<unknown>).data = bytes.toString('utf8');
  }
}

/** Parses a JSON body; anything malformed is a 400. */
export function parseJson(text: string): RequestData {
  try {
    return JSON.parse(text) as RequestData;
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

/** Parses an urlencoded body into an object of strings (repeated keys joined with `,`). */
export function parseForm(text: string): RequestData {
  const data: Record<string, string> = Object.create(null);
  for (const [key, value] of new URLSearchParams(text)) {
    const earlier = data[key];
    data[key] = earlier === undefined ? value : `${earlier},${value}`;
  }
  return data;
}

async function parseMultipart(event: WebEvent, bytes: Buffer): Promise<void> {
  let form: FormData;
  try {
    // undici (Node's fetch) ships a standards-compliant multipart parser: use it.
    const response = new Response(bytes, {
      headers: { 'content-type': event.request.headers['content-type'] ?? '' },
    });
    form = await response.formData();
  } catch {
    throw new HttpError(400, 'The multipart body is malformed.');
  }
  const data: Record<string, string> = Object.create(null);
  const files: Record<string, UploadedFile> = Object.create(null);
  for (const [name, value] of form) {
    if (typeof value === 'string') {
      const earlier = data[name];
      data[name] = earlier === undefined ? value : `${earlier},${value}`;
    } else {
      const content = Buffer.from(await value.arrayBuffer());
      files[name] = {
        filename: value.name,
        contentType: value.type || 'application/octet-stream',
        size: content.length,
        data: content,
      };
    }
  }
  event.data = data;
  event.files = files;
}

// `Application/JSON; charset=utf-8` → `application/json`, as e.contentType reads the header.
function mediaType(type: string): string {
  const semicolon = type.indexOf(';');
  return (semicolon === -1 ? type : type.slice(0, semicolon)).trim().toLowerCase();
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `The request body is larger than the limit of ${limit} bytes.`);
}
