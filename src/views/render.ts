/**
 * Rendering views (`Write-PodeViewResponse`, `Use-PodePartialView`): finding the file inside the
 * views folder (the extension is optional; a path that leaves the folder is refused), choosing
 * the engine by extension, adding Pode's `pagename` and `flash` data, caching what was read.
 */
import { readFile, realpath } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type { SiteContext } from '../site.js';
import { type Folder, isInside } from '../static/files.js';
import type { WebEvent } from '../web-event.js';
import { engineFor, type ViewData, type ViewEngine } from './engine.js';

export type { ViewData } from './engine.js';

/** Options of `e.writeView` / `writeViewResponse`. */
export interface ViewOptions {
  /** The response status. Default 200. */
  status?: number;
  /** The same as `status` (the name the other write methods use). */
  statusCode?: number;
  /** Pass every flash message of the session to the view as `flash` (read once, as Pode's `-FlashMessages`). */
  flashMessages?: boolean;
  /** A views folder added with `s.addViewFolder(name, path)` instead of the default one. */
  folder?: string;
}

let etaModule: typeof import('./eta.js') | undefined;

/** Why a view path was not rendered. */
class ViewRefused extends Error {}

/** Renders the view `path` with `data` and writes it as HTML (404 when missing or outside the folder). */
export async function renderView(
  event: WebEvent,
  site: SiteContext,
  path: string,
  data: ViewData = {},
  options: ViewOptions = {},
): Promise<void> {
  const viewData: ViewData = { ...data };
  if (!Object.hasOwn(viewData, 'pagename')) viewData.pagename = path;
  if (options.flashMessages === true && event.hasSession) viewData.flash = takeFlash(event);
  else viewData.flash ??= {};
  const folder = viewFolder(site, options.folder);
  let content: string;
  try {
    if (folder === undefined) throw new ViewRefused('the views folder does not exist');
    const file = await viewFile(site.engine, folder, path);
    content = await renderFile(site, file, viewData, folder);
  } catch (error) {
    if (error instanceof ViewRefused || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      event.log.warn(
        { method: event.method, path: event.path, view: path },
        `view not rendered: ${error instanceof ViewRefused ? error.message : 'no such view'}`,
      );
      event.setStatus(404);
      return;
    }
    throw error;
  }
  event.writeHtml(content, { statusCode: options.status ?? options.statusCode });
}

/** Renders the partial view `path` with `data` and returns it (a missing view throws). */
export async function renderPartial(
  site: SiteContext,
  path: string,
  data: ViewData = {},
  options: { folder?: string } = {},
): Promise<string> {
  const folder = viewFolder(site, options.folder);
  if (folder === undefined) throw new Error(`The Views path does not exist: ${path}`);
  const file = await viewFile(site.engine, folder, path);
  return renderFile(site, file, data, folder);
}

/**
 * The extensions (lower case, with the dot) of files that are rendered with the view engine
 * instead of sent when served (`writeFile`, static routes, the public folder), as Pode decides:
 * `.pode` always, and the engine's own extension when the engine is dynamic (any type but `html`
 * and `md`, which Pode sends as files).
 */
export function dynamicExtensions(engine: ViewEngine): ReadonlySet<string> {
  const extensions = new Set(['.pode']);
  if (engine.type !== 'html' && engine.type !== 'md') extensions.add(`.${engine.extension}`);
  return extensions;
}

/** Whether the file at `path` has one of the `dynamic` extensions (see {@link dynamicExtensions}). */
export function isDynamicFile(dynamic: ReadonlySet<string>, path: string): boolean {
  const dot = path.lastIndexOf('.');
  return dot > 0 && dynamic.has(path.slice(dot).toLowerCase());
}

/** Renders the file at `path` (absolute) with the engine its extension chooses. */
export async function renderFile(
  site: SiteContext,
  path: string,
  data: ViewData,
  folder?: Folder,
): Promise<string> {
  const engine = site.engine;
  switch (engineFor(engine, extname(path).slice(1))) {
    case 'html':
      return readHtml(engine, path);
    case 'md': {
      // Pode's Markdown views: the file rendered to HTML (raw HTML inside it kept, as Pode's
      // ConvertFrom-Markdown keeps it). The HTML is cached with the file unless watching.
      const cached = engine.watch ? undefined : engine.cache.html.get(`md:${path}`);
      if (cached !== undefined) return cached;
      const { markdownToHtml } = await import('../formats/write.js');
      const html = markdownToHtml(await readFile(path, 'utf8'));
      if (!engine.watch) engine.cache.html.set(`md:${path}`, html);
      return html;
    }
    case 'eta': {
      // Imported once; later renders do not go through the module loader again.
      etaModule ??= await import('./eta.js');
      return etaModule.renderEtaView(engine, folder?.path ?? resolve(path, '..'), path, data);
    }
    case 'pode': {
      const { renderPodeView } = await import('./pode.js');
      return renderPodeView(engine, path, data);
    }
    case 'eps': {
      const { renderEpsView } = await import('./templates.js');
      return renderEpsView(engine, path, data);
    }
    case 'pshtml': {
      const { renderPshtmlView } = await import('./templates.js');
      return renderPshtmlView(engine, path, data);
    }
    default:
      return String(await engine.render!(path, data));
  }
}

/**
 * The absolute path of view `path` in `folder`, with the engine's extension when it has none.
 * A path that leaves the folder in any spelling (`..`, backslashes, a NUL byte, a symlink out)
 * is refused; a leading slash is taken from the folder.
 */
async function viewFile(engine: ViewEngine, folder: Folder, path: string): Promise<string> {
  // Found and checked before (never with `watch`): nothing to resolve again.
  const known = engine.cache.files?.get(`${folder.path}\0${path}`);
  if (known !== undefined) return known;
  if (typeof path !== 'string' || path.length === 0 || path.includes('\0')) {
    throw new ViewRefused('the view path is empty or holds a NUL byte');
  }
  let relative = path.replace(/\\/g, '/').replace(/^\/+/, '');
  if (extname(relative) === '') relative += `.${engine.extension}`;
  const file = resolve(folder.path, relative);
  if (!isInside(file, folder.path) || file === folder.path) {
    throw new ViewRefused('the view path leaves the views folder');
  }
  if (engine.watch || !engine.cache.checked.has(file)) {
    const real = await realpath(file); // ENOENT: no such view
    if (!isInside(real, folder.real))
      throw new ViewRefused('the view path leads outside the views folder');
    if (!engine.watch) {
      engine.cache.checked.add(file);
      // Bounded: view paths are usually written in routes, but one could come from a request.
      const files = (engine.cache.files ??= new Map());
      if (files.size < 10_000) files.set(`${folder.path}\0${path}`, file);
    }
  }
  return file;
}

function viewFolder(site: SiteContext, name: string | undefined): Folder | undefined {
  if (name === undefined) return site.views;
  const folder = site.viewFolders.get(name);
  if (folder === undefined) {
    throw new Error(
      `No view folder named '${name}': add it with s.addViewFolder('${name}', path).`,
    );
  }
  return folder;
}

async function readHtml(engine: ViewEngine, path: string): Promise<string> {
  if (engine.watch) return readFile(path, 'utf8');
  const cached = engine.cache.html.get(path);
  if (cached !== undefined) return cached;
  const content = await readFile(path, 'utf8');
  engine.cache.html.set(path, content);
  return content;
}

// Every flash message of the session, removed from it (each is read once).
function takeFlash(event: WebEvent): Record<string, string[]> {
  const data = event.session.data;
  const flash = data.flash;
  const copy: Record<string, string[]> = {};
  if (flash !== null && typeof flash === 'object' && !Array.isArray(flash)) {
    for (const [name, messages] of Object.entries(flash)) {
      copy[name] = Array.isArray(messages) ? messages.filter((m) => typeof m === 'string') : [];
    }
    delete data.flash;
  }
  return copy;
}
