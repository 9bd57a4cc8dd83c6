/**
 * The view engine of a server (`Set-PodeViewEngine`): which engine renders which file, chosen by
 * extension as Pode does. Built-in engines are `html` (files sent as they are, the default),
 * `eta` (Eta templates, escaping by default, with layouts and partials), `pode` (Pode's own
 * `.pode` files, rendered through the converter), `eps` and `pshtml` (views written for the
 * PowerShell modules EPS and PSHTML, rendered through the converter) and `md` (Markdown files
 * rendered to HTML, as Pode's `-Type Markdown`); any other type needs a `render` function.
 */
import { ErrorCodes, setupError } from '../errors.js';

/** The data a view is rendered with (Pode's `$data`; Eta's `it`). */
export type ViewData = Record<string, unknown>;

/** Renders the view file at `path` (absolute) with `data`; for engines pode-ts does not ship. */
export type ViewRenderer = (path: string, data: ViewData) => string | Promise<string>;

/** `s.setViewEngine` options. */
export interface ViewEngineOptions {
  /** `'html'` (default), `'eta'`, `'pode'`, `'eps'`, `'pshtml'`, `'md'` (or `'markdown'`), or any name given with `render`. */
  type: string;
  /** The extension of view files, without the dot. Default: the type (`'eta'` for Eta). */
  extension?: string;
  /** Renders a view for a type pode-ts does not ship (or instead of a built-in one). */
  render?: ViewRenderer;
  /** Development: read view files again on every render instead of caching them. Default false. */
  watch?: boolean;
}

/** The engine settings as the server keeps them, with the server's own caches. */
export interface ViewEngine {
  type: string;
  extension: string;
  render: ViewRenderer | undefined;
  watch: boolean;
  /** What was read and checked, per server (unused with `watch`). */
  cache: ViewCache;
}

/** The caches of one server's views. */
export interface ViewCache {
  /** `html` views by absolute path. */
  html: Map<string, string>;
  /** View paths whose real path was checked to be inside their folder. */
  checked: Set<string>;
  /** Eta instances by folder (each caches its compiled templates). */
  eta: Map<string, unknown>;
  /** Compiled `.pode` views by absolute path (EPS and PSHTML views by `eps:`/`pshtml:` and the path). */
  pode: Map<string, unknown>;
  /** Eta's names of views (`./users/profile.eta`) by folder and absolute path. */
  etaNames?: Map<string, string>;
  /** Absolute view files by folder and view path as written, once found and checked. */
  files?: Map<string, string>;
}

/** The engines pode-ts ships. */
export const BUILT_IN_ENGINES = ['html', 'eta', 'pode', 'eps', 'pshtml', 'md'] as const;

/** Checks `s.setViewEngine` options and returns the engine settings. */
export function createViewEngine(options: ViewEngineOptions): ViewEngine {
  // Pode's `-Type Markdown` is its `md` engine.
  const type = options.type.toLowerCase() === 'markdown' ? 'md' : options.type.toLowerCase();
  if (options.render !== undefined && typeof options.render !== 'function') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `setViewEngine: render must be a function (path, data) => string, but got: ${typeof options.render}`,
    );
  }
  if (options.render === undefined && !(BUILT_IN_ENGINES as readonly string[]).includes(type)) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `setViewEngine: pode-ts has no '${options.type}' view engine.`,
      "Use 'html', 'eta', 'pode', 'eps', 'pshtml' or 'md' (Markdown), or pass render: (path, data) => string for another engine.",
    );
  }
  const extension = (options.extension ?? type).replace(/^\./, '').toLowerCase();
  if (extension.length === 0 || /[\\/]/.test(extension)) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `setViewEngine: the extension must be a file extension such as 'html', but got: ${JSON.stringify(options.extension)}`,
    );
  }
  return {
    type,
    extension,
    render: options.render,
    watch: options.watch === true,
    cache: { html: new Map(), checked: new Set(), eta: new Map(), pode: new Map() },
  };
}

/**
 * The engine that renders `extension` (without the dot; '' for none), as Pode chooses it: the
 * configured engine for its own extension, else the engine the extension names.
 */
export function engineFor(engine: ViewEngine, extension: string): string {
  const ext = extension.toLowerCase();
  if (ext === '' || ext === engine.extension)
    return engine.render === undefined ? engine.type : 'custom';
  if (ext === 'html' || ext === 'htm') return 'html';
  if (ext === 'pode' || ext === 'eta' || ext === 'md') return ext;
  return engine.render === undefined ? engine.type : 'custom';
}
