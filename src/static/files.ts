/**
 * Sending files: the one place that turns a file on disk into a streamed response body. ETag,
 * Last-Modified, 304, 412, Range (206, 416), HEAD and streaming come from `@fastify/send`, loaded
 * on the first file sent; this module only decides which file may be sent (confinement to a
 * folder, dotfiles, symlinks) and which Pode headers go with it (caching, attachments).
 */
import { realpathSync, type Stats, statSync } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { basename, dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { WebEvent } from '../web-event.js';

/** A folder files are served from, resolved once at start-up. */
export interface Folder {
  /** The absolute path. */
  path: string;
  /** The same path with every symlink resolved: served files must really be inside it. */
  real: string;
  /**
   * Files found inside `real` (by path): the identity (device, inode, ctime) of what was there.
   * A later request whose file has the same identity needs no `realpath` again.
   */
  verified?: Map<string, FileIdentity>;
  /** send()'s `onFile` check for this folder, made once. */
  onFile?: (path: string, stat: Stats) => Promise<void> | undefined;
}

/** What identifies a file on disk: a path that leads to the same one leads to the same file. */
interface FileIdentity {
  dev: number;
  ino: number;
  ctimeMs: number;
}

/** How one file is sent. */
export interface SendFileOptions {
  /** Send `Cache-Control: max-age=<maxAge>, must-revalidate` and `Expires` (Pode's `-Cache`). */
  cache?: boolean;
  /** Seconds for `cache`. Default 3600. */
  maxAge?: number;
  /** The Content-Type instead of one from the file's extension. */
  contentType?: string;
  /** The status of a full (200) answer. */
  statusCode?: number;
  /** Add `Content-Disposition: attachment; filename=…` (a download). */
  attachment?: boolean;
  /** Serve files and folders whose name starts with a dot. Default false. */
  dotfiles?: boolean;
}

/** What became of a send: a body was set, the path is a folder, or nothing is there (with the status to answer). */
export type SendOutcome =
  | { kind: 'file' }
  | { kind: 'directory'; path: string }
  | { kind: 'missing'; status: number; reason?: string };

/**
 * @internal A body streamed after endware: its status, headers and the stream (none for a 304),
 * or the bytes themselves when the file came from the small-file cache.
 */
export interface StreamedBody {
  status: number;
  headers: Record<string, string | number>;
  stream: Readable | undefined;
  content?: Buffer;
}

type SendFunction = typeof import('@fastify/send');
let sendLoading: Promise<SendFunction> | undefined;
// Once loaded, used without awaiting the loading promise again.
let sendModule: SendFunction | undefined;

function loadSend(): Promise<SendFunction> {
  sendLoading ??= import('@fastify/send').then((module) => {
    sendModule = (module as unknown as { default: SendFunction }).default;
    return sendModule;
  });
  return sendLoading;
}

/** Resolves a folder once; returns undefined when it does not exist or is not a folder. */
export function openFolder(path: string): Folder | undefined {
  try {
    if (!statSync(path).isDirectory()) return undefined;
    const real = realpathSync(path);
    return { path: resolve(path), real };
  } catch {
    return undefined;
  }
}

/**
 * The absolute path of `relative` (a decoded path with `/` between parts) inside `folder`, or
 * undefined when it would leave the folder or name a dotfile that is not allowed. Backslashes
 * count as separators, a NUL byte is refused, and so is a name of dots and spaces only (`.. `,
 * `...`: Windows drops trailing dots and spaces, so `.. ` is `..` there), so no spelling of `..`
 * gets out.
 */
export function pathInside(
  folder: Folder,
  relative: string,
  dotfiles: boolean,
): string | undefined {
  if (relative.includes('\0')) return undefined;
  const parts: string[] = [];
  for (const part of relative.split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (/^[. ]+$/.test(part)) return undefined;
    if (!dotfiles && part.charCodeAt(0) === 46) return undefined;
    if (isAbsolute(part) || /^[a-zA-Z]:/.test(part)) return undefined;
    parts.push(part);
  }
  const path = parts.length === 0 ? folder.path : join(folder.path, ...parts);
  return isInside(path, folder.path) ? path : undefined;
}

/** Whether `path` is `folder` or below it (both absolute and normalised). */
export function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/**
 * Sends the file at `path` (absolute) as the body of `event`. With a `folder`, the file must
 * really be inside it once symlinks are resolved. A folder is not sent: the caller decides
 * (defaults, file browser or 404).
 */
export function sendFile(
  event: WebEvent,
  path: string,
  options: SendFileOptions = {},
  folder?: Folder,
): Promise<SendOutcome> {
  const send = sendModule;
  if (send === undefined) return loadSend().then(() => sendFile(event, path, options, folder));
  // send() gets the file's own folder as root and its encoded name, so it decodes exactly what we
  // checked. It stats the file once and calls `onFile` before opening it: the place to check that
  // the file is a regular one and (with a folder) really inside the folder. One `then` and no
  // `await` here: with AsyncLocalStorage on (Node 20), every promise of a request costs a hook call.
  return startSend(send, event, path, options, folder).then(
    (result) => sent(event, path, options, folder, result),
    notSent,
  );
}

/**
 * sendFile for a caller that goes on with the outcome: `next` runs only when the outcome is not a
 * file sent, in the same `then` (one promise fewer per request than `sendFile(…).then(…)`).
 */
export function sendFileOr(
  event: WebEvent,
  path: string,
  options: SendFileOptions,
  folder: Folder,
  next: (outcome: Exclude<SendOutcome, { kind: 'file' }>) => Promise<void> | undefined,
): Promise<void> {
  const send = sendModule;
  if (send === undefined) {
    return loadSend().then(() => sendFileOr(event, path, options, folder, next));
  }
  const otherwise = (outcome: SendOutcome): Promise<void> | undefined =>
    outcome.kind === 'file' ? undefined : next(outcome);
  return startSend(send, event, path, options, folder).then(
    (result) => {
      const outcome = sent(event, path, options, folder, result);
      return outcome instanceof Promise ? outcome.then(otherwise) : otherwise(outcome);
    },
    (error: unknown) => otherwise(notSent(error)),
  );
}

function startSend(
  send: SendFunction,
  event: WebEvent,
  path: string,
  options: SendFileOptions,
  folder: Folder | undefined,
): Promise<SendResult> {
  // A file in the small-file cache: send() is asked as for a HEAD, so it stats the file and
  // answers every header, condition and range without opening it; `sent` takes the bytes from
  // memory when the stat shows the same file (see smallFiles).
  const request =
    event.request.method === 'GET' && smallFiles.has(path)
      ? ({ method: 'HEAD', headers: event.request.headers } as IncomingMessage)
      : event.request;
  return send(request, `/${encodeURIComponent(basename(path))}`, {
    root: dirname(path),
    index: false,
    dotfiles: 'allow',
    cacheControl: false,
    contentType: options.contentType === undefined,
    etag: true,
    lastModified: true,
    onFile: folder === undefined ? refuseSpecialFiles : (folder.onFile ??= confineTo(folder)),
  });
}

// send() rejected: a refusal of ours (see onFile), or a real error.
function notSent(error: unknown): SendOutcome {
  if (error === NOT_A_FILE) return { kind: 'missing', status: 404 };
  if (error === OUTSIDE) return { kind: 'missing', status: 404, reason: OUTSIDE.message };
  throw error;
}

type SendResult = Awaited<ReturnType<SendFunction>>;

// What send() answered, turned into the event's body (or an outcome for the caller).
function sent(
  event: WebEvent,
  path: string,
  options: SendFileOptions,
  folder: Folder | undefined,
  result: SendResult,
): SendOutcome | Promise<SendOutcome> {
  if (result.type !== 'file') {
    result.stream.destroy();
    if (result.type === 'directory') {
      if (folder === undefined) return { kind: 'directory', path };
      return realInside(path, folder).then(
        (inside): SendOutcome =>
          inside
            ? { kind: 'directory', path }
            : { kind: 'missing', status: 404, reason: OUTSIDE.message },
      );
    }
    if (result.statusCode === 412 || result.statusCode === 416) {
      const range = result.headers['Content-Range'];
      event.setStatus(result.statusCode);
      if (range !== undefined) event.setHeader('Content-Range', range);
      return { kind: 'file' };
    }
    return { kind: 'missing', status: result.statusCode === 403 ? 404 : result.statusCode };
  }
  let content: Buffer | undefined;
  if (event.request.method === 'GET' && result.statusCode !== 304) {
    const stat = (result.metadata as { stat: Stats }).stat;
    const cached = smallFiles.get(path);
    if (cached !== undefined) {
      content = cachedBytes(cached, stat, result);
      // Changed since it was cached (or the answer cannot be cut from it): sent from disk.
      if (content === undefined) {
        dropSmallFile(path);
        return startSend(sendModule as SendFunction, event, path, options, folder).then(
          (again) => sent(event, path, options, folder, again),
          notSent,
        );
      }
    } else if (result.statusCode === 200 && stat.size <= SMALL_FILE_BYTES) {
      cacheSmallFile(path);
    }
  }
  const headers: Record<string, string | number> = result.headers;
  if (result.statusCode !== 304) {
    headers['Content-Type'] =
      options.contentType ??
      ownContentType(path) ??
      headers['Content-Type'] ??
      'application/octet-stream';
  }
  if (options.cache === true) {
    const maxAge = options.maxAge ?? 3600;
    headers['Cache-Control'] = `max-age=${maxAge}, must-revalidate`;
    headers.Expires = new Date(Date.now() + maxAge * 1000).toUTCString();
  }
  if (options.attachment === true) headers['Content-Disposition'] = attachmentHeader(path);
  const status =
    result.statusCode === 200 && options.statusCode !== undefined
      ? options.statusCode
      : result.statusCode;
  // A 304 has no body: its empty stream is left alone (it holds no file), and no pipe is set up.
  event.setStreamedBody({
    status,
    headers,
    stream: result.statusCode === 304 || content !== undefined ? undefined : result.stream,
    content,
  });
  return { kind: 'file' };
}

/**
 * The small-file cache: the bytes of files up to {@link SMALL_FILE_BYTES}, by absolute path, with
 * the identity of what was read (device, inode, size, mtime, ctime). send() still stats the file
 * on every request and decides status, headers, 304s and ranges; when its stat shows the same
 * file, the bytes come from memory instead of an open, a read and a close (three thread-pool
 * round trips, each a callback and its async hooks). A file that changed is read from disk again
 * and re-cached. Bounded by {@link SMALL_FILES_TOTAL} bytes in all (cleared when full).
 */
interface SmallFile extends FileIdentity {
  size: number;
  mtimeMs: number;
  content: Buffer;
}

const SMALL_FILE_BYTES = 64 * 1024;
const SMALL_FILES_TOTAL = 16 * 1024 * 1024;
const smallFiles = new Map<string, SmallFile>();
const filling = new Set<string>();
let smallFilesBytes = 0;

/** The bytes to send for `result` from `cached`, or undefined when the file is not the one cached. */
function cachedBytes(cached: SmallFile, stat: Stats, result: SendResult): Buffer | undefined {
  if (
    cached.ino !== stat.ino ||
    cached.dev !== stat.dev ||
    cached.size !== stat.size ||
    cached.mtimeMs !== stat.mtimeMs ||
    cached.ctimeMs !== stat.ctimeMs
  ) {
    return undefined;
  }
  if (result.statusCode === 200) return cached.content;
  if (result.statusCode !== 206) return undefined;
  const range = /^bytes (\d+)-(\d+)\//.exec(String(result.headers['Content-Range']));
  if (range === null) return undefined;
  return cached.content.subarray(Number(range[1]), Number(range[2]) + 1);
}

/** Reads a small file into the cache, off the request's path (its answer is already streaming). */
function cacheSmallFile(path: string): void {
  if (filling.has(path)) return;
  filling.add(path);
  readSmallFile(path)
    .then((file) => {
      if (file === undefined) return;
      if (smallFilesBytes + file.size > SMALL_FILES_TOTAL) {
        smallFiles.clear();
        smallFilesBytes = 0;
      }
      dropSmallFile(path);
      smallFiles.set(path, file);
      smallFilesBytes += file.size;
    })
    .catch(() => undefined)
    .finally(() => filling.delete(path));
}

/** The file's bytes with the identity of the very file read (fstat on the same descriptor). */
async function readSmallFile(path: string): Promise<SmallFile | undefined> {
  const handle = await open(path, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size > SMALL_FILE_BYTES) return undefined;
    const content = await handle.readFile();
    if (content.length !== stat.size) return undefined;
    const { dev, ino, size, mtimeMs, ctimeMs } = stat;
    return { dev, ino, size, mtimeMs, ctimeMs, content };
  } finally {
    await handle.close();
  }
}

function dropSmallFile(path: string): void {
  const old = smallFiles.get(path);
  if (old === undefined) return;
  smallFiles.delete(path);
  smallFilesBytes -= old.size;
}

/** @internal For tests: whether the small-file cache holds `path`'s bytes. */
export function isSmallFileCached(path: string): boolean {
  return smallFiles.has(path);
}

/** @internal For tests: empties the small-file cache. */
export function clearSmallFiles(): void {
  smallFiles.clear();
  smallFilesBytes = 0;
}

/**
 * Whether `path` (from {@link pathInside}) is a regular file really inside `folder` (symlinks
 * resolved), by the same check `sendFile` makes before sending: `other` when it is missing or not
 * a regular file (the caller sends it as usual, which answers folders and 404s), `outside` when it
 * leads out of the folder. For files that are rendered instead of sent.
 */
export async function fileInside(
  folder: Folder,
  path: string,
): Promise<'file' | 'other' | 'outside'> {
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch {
    return 'other';
  }
  if (!stats.isFile()) return 'other';
  try {
    await (folder.onFile ??= confineTo(folder))(path, stats);
  } catch (error) {
    if (error === OUTSIDE) return 'outside';
    if (error === NOT_A_FILE) return 'other';
    throw error;
  }
  return 'file';
}

/** Why a path was refused as leaving its folder (the message static routes log). */
export const OUTSIDE_REASON = 'the path leads outside its folder';

// A FIFO, socket or device is never sent (reading one could block forever).
const NOT_A_FILE = new Error('not a regular file');
const OUTSIDE = new Error(OUTSIDE_REASON);

function refuseSpecialFiles(_path: string, stat: Stats): void {
  if (!stat.isFile()) throw NOT_A_FILE;
}

/**
 * send()'s `onFile` for a folder: the file must be a regular file whose real path (symlinks
 * resolved) is inside the folder. `realpath` costs as much as the stat itself, so a file found
 * inside once is remembered with its identity; as long as the path leads to that same file
 * (device, inode and ctime as send() just read them), it is the file that was checked. A path that
 * now leads elsewhere (a symlink swapped in, the file replaced) is checked again.
 */
function confineTo(folder: Folder): (path: string, stat: Stats) => Promise<void> | undefined {
  return (path, stat) => {
    if (!stat.isFile()) throw NOT_A_FILE;
    const known = folder.verified?.get(path);
    if (
      known !== undefined &&
      known.ino === stat.ino &&
      known.dev === stat.dev &&
      known.ctimeMs === stat.ctimeMs
    ) {
      return undefined;
    }
    return realInside(path, folder).then((inside) => {
      if (!inside) throw OUTSIDE;
      const verified = (folder.verified ??= new Map());
      if (verified.size >= MAX_VERIFIED) verified.clear();
      verified.set(path, { dev: stat.dev, ino: stat.ino, ctimeMs: stat.ctimeMs });
    });
  };
}

/** Bound on the files remembered per folder (cleared when full). */
const MAX_VERIFIED = 10_000;

async function realInside(path: string, folder: Folder): Promise<boolean> {
  try {
    return isInside(await realpath(path), folder.real);
  } catch {
    return false;
  }
}

/** `attachment; filename="…"` for a file name, with an RFC 8187 `filename*` when it is not plain ASCII. */
export function attachmentHeader(path: string): string {
  const name = basename(path);
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  if (ascii === name) return `attachment; filename="${name}"`;
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The Content-Type pode-ts gives a file name's extension (the same table as `e.writeFile` always used). */
export function ownContentType(path: string): string | undefined {
  return CONTENT_TYPES[extname(path).toLowerCase()];
}

const HTML_TYPE = 'text/html; charset=utf-8';
const CONTENT_TYPES: Record<string, string> = {
  '.html': HTML_TYPE,
  '.htm': HTML_TYPE,
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.xml': 'application/xml',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};
