/**
 * Pode's file responses on the WebEvent: `Write-PodeFileResponse` (`e.writeFile`),
 * `Write-PodeDirectoryResponse` (`e.writeDirectory`), `Set-PodeResponseAttachment`
 * (`e.setResponseAttachment`), and the handler of static routes and of the public folder.
 */
import { stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type { RouteHandler } from '../pipeline.js';
import type { SiteContext } from '../site.js';
import { isDynamicFile, renderFile, type ViewData } from '../views/render.js';
import type { WebEvent, WriteOptions } from '../web-event.js';
import { writeListing } from './browser.js';
import {
  type Folder,
  fileInside,
  OUTSIDE_REASON,
  ownContentType,
  pathInside,
  type SendFileOptions,
  type SendOutcome,
  sendFile,
  sendFileOr,
} from './files.js';

/** Options of `e.writeFile` / `writeFileResponse` (Pode's `Write-PodeFileResponse`). */
export interface FileResponseOptions extends WriteOptions {
  /** Data for a file the view engine renders (`.pode`, or the engine's extension). */
  data?: ViewData;
  /** The Content-Type instead of one from the extension. */
  contentType?: string;
  /** Let browsers cache the file: `Cache-Control: max-age=<maxAge>, must-revalidate` and `Expires`. */
  cache?: boolean;
  /** Seconds for `cache`. Default 3600. */
  maxAge?: number;
  /** A folder is answered with the file browser's listing instead of a 404. */
  fileBrowser?: boolean;
}

/** Options of `e.setResponseAttachment` / `setResponseAttachment`. */
export interface AttachmentOptions {
  /** The Content-Type instead of one from the extension. */
  contentType?: string;
  /** Look the path up in the static routes of this endpoint. */
  endpointName?: string;
  /** A folder is answered with the file browser's listing instead of a 404. */
  fileBrowser?: boolean;
}

/** How a static route (or the public folder) serves its folder, fixed at start-up. */
export interface StaticRouteConfig {
  folder: Folder;
  /** File names tried, in order, when a folder is asked for. */
  defaults: readonly string[];
  downloadOnly: boolean;
  fileBrowser: boolean;
  /** Redirect a folder to its default file instead of sending it (Pode's `-RedirectToDefault`). */
  redirectToDefault: boolean;
  /** Max-age in seconds when the route caches, else undefined. */
  cacheMaxAge: number | undefined;
  dotfiles: boolean;
  /** Take the file from the whole request path (the public folder) instead of the `*` parameter. */
  wholePath: boolean;
  /**
   * The site, once built (static routes are defined before it is): its `dynamic` extensions are
   * the files rendered with the view engine instead of sent, as Pode does.
   */
  site: { readonly built: SiteContext | undefined };
}

/** The handler of one static route, built once at start-up. */
export function staticRouteHandler(config: StaticRouteConfig): RouteHandler {
  const options: SendFileOptions = {
    cache: config.cacheMaxAge !== undefined,
    maxAge: config.cacheMaxAge,
    attachment: config.downloadOnly,
    dotfiles: config.dotfiles,
  };
  // Not async: a file found at once costs send()'s promises and one `then` (see sendFile).
  return (event) => {
    let relative = event.parameters['*'] ?? '';
    if (config.wholePath) {
      try {
        relative = decodeURIComponent(event.path);
      } catch {
        event.setStatus(400);
        return;
      }
    }
    const path = pathInside(config.folder, relative, config.dotfiles);
    if (path === undefined) {
      refuse(event, 'the path leaves the static folder or names a hidden file');
      return;
    }
    // Pode renders `.pode` files (and the dynamic engine's own) instead of sending them; a
    // download is sent as it is. Any other file goes on to sendFile at once.
    const site = config.site.built;
    if (site !== undefined && !config.downloadOnly && isDynamicFile(site.dynamic, path)) {
      return serveDynamic(event, site, config, options, path);
    }
    return sendFileOr(event, path, options, config.folder, (outcome) =>
      notAFile(event, config, options, outcome),
    );
  };
}

// A dynamic file of a static route: rendered when it is a regular file inside the folder (the
// check sendFile makes); a folder, a missing or special file goes the way of any other path.
async function serveDynamic(
  event: WebEvent,
  site: SiteContext,
  config: StaticRouteConfig,
  options: SendFileOptions,
  path: string,
): Promise<void> {
  const found = await fileInside(config.folder, path);
  if (found === 'outside') return refuse(event, OUTSIDE_REASON);
  if (found === 'file') return writeRendered(event, site, path, {}, undefined, undefined);
  return sendFileOr(event, path, options, config.folder, (outcome) =>
    notAFile(event, config, options, outcome),
  );
}

// The static route's answer when the path is not a file: refused, missing, or a folder (its
// default files, the file browser, or 404).
async function notAFile(
  event: WebEvent,
  config: StaticRouteConfig,
  options: SendFileOptions,
  outcome: Exclude<SendOutcome, { kind: 'file' }>,
): Promise<void> {
  if (outcome.kind === 'missing') {
    if (outcome.reason !== undefined) refuse(event, outcome.reason);
    else event.setStatus(outcome.status);
    return;
  }
  if (!config.downloadOnly) {
    for (const name of config.defaults) {
      const path = join(outcome.path, name);
      const site = config.site.built;
      if (!config.redirectToDefault && site !== undefined && isDynamicFile(site.dynamic, path)) {
        const found = await fileInside(config.folder, path);
        if (found === 'file') return writeRendered(event, site, path, {}, undefined, undefined);
        continue;
      }
      if (config.redirectToDefault) {
        // As Pode: a redirect from the request path to the default file, which the next request
        // gets through the same checks as any other file.
        if (!(await isFile(path))) continue;
        const base = event.path.endsWith('/') ? event.path : `${event.path}/`;
        event.redirect(`${base}${name.split('/').map(encodeURIComponent).join('/')}`);
        return;
      }
      const found = await sendFile(event, path, options, config.folder);
      if (found.kind === 'file') return;
    }
  }
  if (config.fileBrowser) await writeListing(event, outcome.path, config.dotfiles);
  else event.setStatus(404);
}

/** `e.writeFile`: streams a file, renders a view-engine file, or lists a folder with `fileBrowser`. */
export async function respondWithFile(
  event: WebEvent,
  site: SiteContext,
  path: string,
  options: FileResponseOptions = {},
): Promise<void> {
  const absolute = resolve(site.root, path);
  if (isDynamicFile(site.dynamic, absolute)) {
    const written = await writeRendered(
      event,
      site,
      absolute,
      options.data ?? {},
      options.contentType,
      options.statusCode,
    ).then(
      () => true,
      (error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        return false;
      },
    );
    if (!written) event.setStatus(404);
    return;
  }
  const outcome = await sendFile(event, absolute, {
    cache: options.cache,
    maxAge: options.maxAge,
    contentType: options.contentType,
    statusCode: options.statusCode,
    dotfiles: true,
  });
  if (outcome.kind === 'file') return;
  if (outcome.kind === 'directory' && options.fileBrowser === true) {
    await writeListing(event, outcome.path, false);
    return;
  }
  event.setStatus(outcome.kind === 'missing' ? outcome.status : 404);
}

/**
 * Renders a dynamic file with the view engine and writes it as text, as Pode's file responses do:
 * the Content-Type from the extension inside (`style.css.pode` is CSS; none: HTML), no ETag or
 * caching (it is rendered again on every request). A file that fails to render throws (a 500).
 */
async function writeRendered(
  event: WebEvent,
  site: SiteContext,
  path: string,
  data: ViewData,
  contentType: string | undefined,
  statusCode: number | undefined,
): Promise<void> {
  const content = await renderFile(site, path, data);
  const inner = extname(basename(path, extname(path)));
  event.writeText(content, { statusCode });
  event.setHeader(
    'Content-Type',
    contentType ?? ownContentType(inner === '' ? path : `x${inner}`) ?? 'text/html; charset=utf-8',
  );
}

/** `e.writeDirectory`: the file browser's listing of a folder (from the server root), or 404. */
export async function respondWithDirectory(
  event: WebEvent,
  site: SiteContext,
  path: string,
): Promise<void> {
  const absolute = resolve(site.root, path);
  let folder = false;
  try {
    folder = (await stat(absolute)).isDirectory();
  } catch {}
  if (!folder) {
    event.setStatus(404);
    return;
  }
  await writeListing(event, absolute, false);
}

/**
 * `e.setResponseAttachment`: the file as a download. `path` is looked up in the static routes
 * (`/assets/report.pdf` → the assets route's folder), then in the public folder, then taken
 * from the server root, as Pode does.
 */
export async function respondWithAttachment(
  event: WebEvent,
  site: SiteContext,
  path: string,
  options: AttachmentOptions = {},
): Promise<void> {
  const send: SendFileOptions = { attachment: true, contentType: options.contentType };
  const trimmed = `/${path.replace(/^[\\/]+/, '')}`;
  const lower = trimmed.toLowerCase();
  const endpoint = options.endpointName ?? event.endpoint.name;
  for (const mount of site.mounts) {
    if (mount.endpointName !== undefined && mount.endpointName !== endpoint) continue;
    if (mount.prefix !== '' && lower !== mount.prefix && !lower.startsWith(`${mount.prefix}/`))
      continue;
    const inside = pathInside(mount.folder, trimmed.slice(mount.prefix.length), mount.dotfiles);
    if (inside === undefined) continue;
    const outcome = await sendFile(
      event,
      inside,
      { ...send, dotfiles: mount.dotfiles },
      mount.folder,
    );
    if (outcome.kind === 'file') return;
    if (outcome.kind === 'directory') return attachmentFolder(event, outcome.path, options);
  }
  if (site.public !== undefined) {
    const inside = pathInside(site.public, path, false);
    if (inside !== undefined) {
      const outcome = await sendFile(event, inside, send, site.public);
      if (outcome.kind === 'file') return;
    }
  }
  const outcome = await sendFile(event, resolve(site.root, path), { ...send, dotfiles: true });
  if (outcome.kind === 'file') return;
  if (outcome.kind === 'directory') return attachmentFolder(event, outcome.path, options);
  event.setStatus(outcome.status);
}

async function attachmentFolder(
  event: WebEvent,
  folder: string,
  options: AttachmentOptions,
): Promise<void> {
  if (options.fileBrowser === true) await writeListing(event, folder, false);
  else event.setStatus(404);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

// A path that would leave the folder is answered 404 (as a missing file) and logged.
function refuse(event: WebEvent, reason: string): void {
  event.log.warn({ method: event.method, path: event.path }, `static file refused: ${reason}`);
  event.setStatus(404);
}
