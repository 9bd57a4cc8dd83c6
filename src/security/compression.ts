/**
 * Response compression (Pode's `Web.Compression.Enable` setting): a response body of at least
 * `threshold` bytes and of a compressible type is compressed with brotli, gzip or deflate
 * (node:zlib) by the request's Accept-Encoding: a buffered body at once, a streamed file through
 * a zlib stream. Never for a response that already has a Content-Encoding, says
 * `Cache-Control: no-transform`, or is not a 2xx with a body (206 ranges included).
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Transform } from 'node:stream';
import {
  brotliCompressSync,
  constants,
  createBrotliCompress,
  createDeflate,
  createGzip,
  deflateSync,
  gzipSync,
} from 'node:zlib';
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';

/** A content coding pode-ts can compress with. */
export type CompressionEncoding = 'br' | 'gzip' | 'deflate';

/** `s.enableCompression` options. */
export interface CompressionOptions {
  /** The smallest body compressed, in bytes. Default 1024. */
  threshold?: number;
  /** The codings offered, preferred first when the client accepts several equally. Default `['br', 'gzip', 'deflate']`. */
  encodings?: readonly CompressionEncoding[];
}

/** Compresses responses when they should be. */
export interface Compressor {
  /** A buffered body: returns the body to send (compressed, with the headers set, or as it was). */
  body(
    response: ServerResponse,
    requestHeaders: IncomingHttpHeaders,
    body: string | Buffer,
    type: string | undefined,
  ): string | Buffer;
  /**
   * A streamed file with the headers it will be sent with: returns the zlib stream to send it
   * through (and adjusts the headers), or undefined to send it as it is.
   */
  stream(
    response: ServerResponse,
    requestHeaders: IncomingHttpHeaders,
    headers: Record<string, string | number>,
  ): Transform | undefined;
}

const KEYS = optionKeys<CompressionOptions>({ threshold: true, encodings: true });
const CODINGS: readonly CompressionEncoding[] = ['br', 'gzip', 'deflate'];
/** Accept-Encoding entries read at most: a longer header is someone's mistake or a probe. */
const MAX_ENTRIES = 32;

/** Validates the options and builds the compressor, once. */
export function createCompressor(options: CompressionOptions = {}): Compressor {
  rejectUnknownKeys('s.enableCompression()', options, KEYS);
  const threshold = options.threshold ?? 1024;
  if (!Number.isInteger(threshold) || threshold < 0) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.enableCompression(): threshold must be a whole number of bytes, but got: ${String(threshold)}`,
    );
  }
  const encodings = [...(options.encodings ?? CODINGS)];
  if (encodings.length === 0 || encodings.some((coding) => !CODINGS.includes(coding))) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.enableCompression(): encodings must be some of 'br', 'gzip', 'deflate', but got: ${String(encodings)}`,
    );
  }
  // What to use for a response with these status and headers, or undefined: shared by both paths.
  const decide = (
    requestHeaders: IncomingHttpHeaders,
    status: number,
    size: number,
    contentType: unknown,
    contentEncoding: unknown,
    cacheControl: unknown,
  ): CompressionEncoding | 'vary-only' | undefined => {
    if (status < 200 || status >= 300 || status === 204 || status === 206) return undefined;
    if (size < threshold) return undefined;
    if (typeof contentType !== 'string' || !isCompressible(contentType)) return undefined;
    if (contentEncoding !== undefined) return undefined;
    if (typeof cacheControl === 'string' && /(^|[\s,])no-transform([\s,]|$)/i.test(cacheControl)) {
      return undefined;
    }
    return chooseEncoding(requestHeaders['accept-encoding'], encodings) ?? 'vary-only';
  };
  return {
    body(response, requestHeaders, body, type) {
      const coding = decide(
        requestHeaders,
        response.statusCode,
        Buffer.byteLength(body),
        response.getHeader('content-type') ?? type,
        response.getHeader('content-encoding'),
        response.getHeader('cache-control'),
      );
      if (coding === undefined) return body;
      response.setHeader('Vary', withVary(response.getHeader('vary')));
      if (coding === 'vary-only') return body;
      const compressed = compress(coding, typeof body === 'string' ? Buffer.from(body) : body);
      response.setHeader('Content-Encoding', coding);
      response.setHeader('Content-Length', compressed.length);
      return compressed;
    },
    stream(response, requestHeaders, headers) {
      // The file's headers, and those the route set on the response before.
      const header = (name: string) => headers[name] ?? response.getHeader(name);
      const coding = decide(
        requestHeaders,
        response.statusCode,
        Number(header('Content-Length') ?? 0),
        header('Content-Type'),
        header('Content-Encoding'),
        header('Cache-Control'),
      );
      if (coding === undefined) return undefined;
      headers.Vary = withVary(header('Vary'));
      if (coding === 'vary-only') return undefined;
      headers['Content-Encoding'] = coding;
      // The length is the compressed one (chunked), and byte ranges would address the plain file.
      delete headers['Content-Length'];
      delete headers['Accept-Ranges'];
      return compressStream(coding);
    },
  };
}

/**
 * The coding to use for an Accept-Encoding header: the highest q-value among `offered`, ties
 * going to the earlier in `offered`; undefined for identity (no header, nothing acceptable).
 */
export function chooseEncoding(
  header: string | undefined,
  offered: readonly CompressionEncoding[],
): CompressionEncoding | undefined {
  if (header === undefined || header === '') return undefined;
  const weights = new Map<string, number>();
  const entries = header.split(',', MAX_ENTRIES);
  for (const entry of entries) {
    const [name, ...params] = entry.split(';');
    const coding = name.trim().toLowerCase();
    if (coding === '') continue;
    let q = 1;
    for (const param of params) {
      const match = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(param);
      if (match !== null) q = Math.min(1, Number(match[1]));
      else if (/^\s*q\s*=/i.test(param)) q = -1; // a malformed weight: the entry is ignored
    }
    if (q < 0) continue;
    weights.set(coding === 'x-gzip' ? 'gzip' : coding, q);
  }
  const any = weights.get('*');
  let best: CompressionEncoding | undefined;
  let bestWeight = 0;
  for (const coding of offered) {
    const weight = weights.get(coding) ?? any ?? 0;
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}

/** Text-like types: text, JSON, XML, JavaScript, SVG, forms, YAML, CSV, WebAssembly. */
export function isCompressible(contentType: string): boolean {
  const semicolon = contentType.indexOf(';');
  const type = (semicolon === -1 ? contentType : contentType.slice(0, semicolon))
    .trim()
    .toLowerCase();
  if (type.startsWith('text/')) return true;
  if (type.endsWith('+json') || type.endsWith('+xml')) return true;
  return COMPRESSIBLE.has(type);
}

const COMPRESSIBLE = new Set([
  'application/json',
  'application/javascript',
  'application/ecmascript',
  'application/x-javascript',
  'application/xml',
  'application/yaml',
  'application/x-yaml',
  'application/x-www-form-urlencoded',
  'application/graphql',
  'application/wasm',
  'application/rtf',
  'application/x-ndjson',
  'image/svg+xml',
  'image/bmp',
  'image/x-icon',
  'image/vnd.microsoft.icon',
  'font/ttf',
  'font/otf',
]);

function compress(coding: CompressionEncoding, body: Buffer): Buffer {
  if (coding === 'gzip') return gzipSync(body);
  if (coding === 'deflate') return deflateSync(body);
  // Quality 4: close to gzip's speed with a smaller result (brotli's default, 11, is for build-time assets).
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 4,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

function compressStream(coding: CompressionEncoding): Transform {
  if (coding === 'gzip') return createGzip();
  if (coding === 'deflate') return createDeflate();
  return createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
}

// A Vary value with Accept-Encoding in it (kept as it was when it already names it, or `*`).
function withVary(vary: OutgoingHttpHeaders[string]): string {
  if (vary === undefined) return 'Accept-Encoding';
  const text = Array.isArray(vary) ? vary.join(', ') : String(vary);
  if (/(^|[\s,])(accept-encoding|\*)([\s,]|$)/i.test(text)) return text;
  return `${text}, Accept-Encoding`;
}
