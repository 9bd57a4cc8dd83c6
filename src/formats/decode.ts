/**
 * Compressed request bodies: `Content-Encoding` (and a transfer coding before `chunked`) of gzip,
 * deflate or br is decoded as the body arrives, through node:zlib streams, with the body limit
 * counted on the decoded bytes too, so a small bomb stops at the limit with bounded memory.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { HttpError } from '../errors.js';

/** A coding pode-ts decodes. */
export type BodyEncoding = 'gzip' | 'deflate' | 'br';

const CODINGS: Record<string, BodyEncoding | null> = {
  gzip: 'gzip',
  'x-gzip': 'gzip',
  deflate: 'deflate',
  br: 'br',
  identity: null,
  chunked: null,
};

/** At most this many codings on one body (each one can multiply its size). */
const MAX_CODINGS = 3;

/**
 * The codings to undo, in decoding order, for a request with these headers: `forced` (a route's
 * `transferEncoding`) replaces what the headers say. Undefined when there is nothing to decode;
 * an unknown coding is a 415.
 */
export function bodyEncodings(
  headers: IncomingHttpHeaders,
  forced: BodyEncoding | undefined,
): BodyEncoding[] | undefined {
  if (forced !== undefined) return [forced];
  const transfer = headers['transfer-encoding'];
  const content = headers['content-encoding'];
  if (content === undefined && (transfer === undefined || transfer === 'chunked')) return undefined;
  // Codings are listed in the order they were applied: undo the transfer codings, then the
  // content codings, each list from its end.
  const applied = [...codingList(content), ...codingList(transfer)];
  if (applied.length === 0) return undefined;
  if (applied.length > MAX_CODINGS) {
    throw new HttpError(415, `A request body may carry at most ${MAX_CODINGS} codings.`);
  }
  return applied.reverse();
}

/**
 * Reads the body through the decoders of `encodings`: 413 as soon as the raw or the decoded
 * size passes `limit`, 400 when the data is not of the coding it claims.
 */
export async function readDecoded(
  request: IncomingMessage,
  limit: number,
  encodings: readonly BodyEncoding[],
): Promise<Buffer> {
  const zlib = await import('node:zlib');
  const decoders: Transform[] = encodings.map((encoding) =>
    encoding === 'gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : zlib.createBrotliDecompress(),
  );
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let raw = 0;
    let decoded = 0;
    let settled = false;
    const first = decoders[0];
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onAborted);
    };
    const fail = (error: HttpError) => {
      if (settled) return;
      settled = true;
      cleanup();
      request.pause();
      for (const decoder of decoders) decoder.destroy();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      raw += chunk.length;
      if (raw > limit) return fail(tooLarge(limit));
      if (!first.write(chunk)) {
        request.pause();
        first.once('drain', () => {
          if (!settled) request.resume();
        });
      }
    };
    const onEnd = () => first.end();
    const onError = (error: Error) =>
      fail(new HttpError(400, `The request body could not be read: ${error.message}`));
    const onAborted = () => onError(new Error('the client aborted the request'));
    decoders.forEach((decoder, index) => {
      const next = decoders[index + 1];
      let produced = 0;
      decoder.on('error', () =>
        fail(new HttpError(400, `The request body is not valid ${encodings[index]} data.`)),
      );
      decoder.on('data', (chunk: Buffer) => {
        if (settled) return;
        produced += chunk.length;
        if (produced > limit) return fail(tooLarge(limit));
        if (next === undefined) {
          decoded += chunk.length;
          chunks.push(chunk);
        } else if (!next.write(chunk)) {
          decoder.pause();
          next.once('drain', () => decoder.resume());
        }
      });
      decoder.on('end', () => {
        if (next !== undefined) {
          next.end();
          return;
        }
        if (settled) return;
        settled = true;
        cleanup();
        resolve(Buffer.concat(chunks, decoded));
      });
    });
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onAborted);
  });
}

function codingList(header: string | undefined): BodyEncoding[] {
  if (header === undefined) return [];
  const codings: BodyEncoding[] = [];
  for (const part of header.split(',')) {
    const name = part.trim().toLowerCase();
    if (name.length === 0) continue;
    const coding = Object.hasOwn(CODINGS, name) ? CODINGS[name] : undefined;
    if (coding === undefined) {
      throw new HttpError(
        415,
        `The request body's coding '${name}' is not supported: send gzip, deflate or br.`,
      );
    }
    if (coding !== null) codings.push(coding);
  }
  return codings;
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `The request body is larger than the limit of ${limit} bytes.`);
}
