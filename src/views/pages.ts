/**
 * Pages (`Add-PodePage`): a GET route at `<path>/<name>` that renders a view, sends an HTML file,
 * or writes what a function returns as HTML. Built only on `s.addRoute` and the WebEvent.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type { Middleware } from '../pipeline.js';
import type { WebEvent } from '../web-event.js';
import type { ViewData } from './engine.js';

/** What a page function may return: a string is written as it is, anything else as an HTML table. */
export type PageFunction = (event: WebEvent, data: ViewData | undefined) => unknown;

/** `s.addPage` options (Pode's `Add-PodePage` parameters). */
export interface PageOptions {
  /** The page's name, letters, digits, `-` and `_`: the route is `<path>/<name>`. */
  name: string;
  /** The folder of the route. Default `'/'`. */
  path?: string;
  /** Render this view (from the views folder) — Pode's `-View`. */
  view?: string;
  /** Send this file (from the server root) as `text/html`, rendered with `data` when it is a view-engine file — `-FilePath`. */
  filePath?: string;
  /** The data given to the view, the file or the function — `-Data`. */
  data?: ViewData;
  /** With `view`: pass the session's flash messages to the view — `-FlashMessages`. */
  flashMessages?: boolean;
  /** Route middleware — `-Middleware`. */
  middleware?: readonly Middleware[];
  /** An authentication added with `s.addAuth` — `-Authentication`. */
  authentication?: string;
  /** Run for anonymous users too — `-AllowAnon`. */
  allowAnon?: boolean;
  /** Access methods, roles, groups, scopes and users, as on `s.addRoute`. */
  access?: string | readonly string[];
  role?: string | readonly string[];
  group?: string | readonly string[];
  scope?: string | readonly string[];
  user?: string | readonly string[];
}

/** The route options `s.addPage` hands to `s.addRoute`. */
export interface PageRoute {
  method: 'GET';
  path: string;
  middleware?: readonly Middleware[];
  authentication?: string;
  allowAnon?: boolean;
  access?: string | readonly string[];
  role?: string | readonly string[];
  group?: string | readonly string[];
  scope?: string | readonly string[];
  user?: string | readonly string[];
}

const PAGE_KEYS = optionKeys<PageOptions>({
  name: true,
  path: true,
  view: true,
  filePath: true,
  data: true,
  flashMessages: true,
  middleware: true,
  authentication: true,
  allowAnon: true,
  access: true,
  role: true,
  group: true,
  scope: true,
  user: true,
});

/** Checks a page's options and returns its route options and handler; throws a SetupError when wrong. */
export function pageRoute(
  options: PageOptions,
  fn: PageFunction | undefined,
  root: string,
): { route: PageRoute; handler: (e: WebEvent) => Promise<void> } {
  if (options === null || typeof options !== 'object')
    throw setupError(
      ErrorCodes.BAD_OPTION,
      's.addPage needs { name, view | filePath } or a function.',
    );
  rejectUnknownKeys('s.addPage()', options, PAGE_KEYS);
  const { name, view, filePath, data, flashMessages } = options;
  if (typeof name !== 'string' || !/^[a-z0-9\-_]+$/i.test(name))
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.addPage: the page name ${JSON.stringify(name)} must be letters, digits, '-' or '_' (it becomes the path).`,
    );
  const sources = [view !== undefined, filePath !== undefined, fn !== undefined].filter(Boolean);
  if (sources.length !== 1)
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.addPage('${name}'): give exactly one of view, filePath or a function.`,
    );
  if (flashMessages === true && view === undefined)
    throw setupError(ErrorCodes.BAD_OPTION, `s.addPage('${name}'): flashMessages goes with view.`);
  // Pode runs on Windows too: a path written with '\\' works on every system
  const file = filePath?.replace(/\\/g, '/');
  if (file !== undefined && !existsSync(isAbsolute(file) ? file : join(root, file)))
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.addPage('${name}'): the file ${filePath} does not exist (paths are from the server root).`,
    );
  const folder = (options.path ?? '/').replace(/\/+$/, '');
  const route: PageRoute = {
    method: 'GET',
    path: `${folder}/${name}`.replace(/\/+/g, '/'),
  };
  for (const key of ['middleware', 'authentication', 'allowAnon'] as const) {
    if (options[key] !== undefined) Object.assign(route, { [key]: options[key] });
  }
  for (const key of ['access', 'role', 'group', 'scope', 'user'] as const) {
    if (options[key] !== undefined) route[key] = options[key];
  }
  const handler = async (e: WebEvent): Promise<void> => {
    if (view !== undefined) {
      await e.writeView(view, data, flashMessages === true ? { flashMessages: true } : undefined);
    } else if (file !== undefined) {
      await e.writeFile(file, { contentType: 'text/html', data });
    } else if (fn !== undefined) {
      const result = await fn(e, data);
      if (!isEmpty(result)) e.writeHtml(typeof result === 'string' ? result : htmlTable(result));
    }
  };
  return { route, handler };
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const cell = (value: unknown): string =>
  value === null || value === undefined
    ? ''
    : escapeHtml(typeof value === 'object' ? JSON.stringify(value) : String(value));

/**
 * Objects as an HTML table, as PowerShell's `ConvertTo-Html` writes them: a column per property
 * (those of the first object), a row per object; a list of plain values is a one-column table.
 */
export function htmlTable(value: unknown): string {
  const items = Array.isArray(value) ? value : [value];
  const first = items.find((item) => item !== null && item !== undefined);
  const objects = typeof first === 'object' && first !== null;
  const columns = objects ? Object.keys(first as object) : ['*'];
  const head = `<tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const rows = items.map((item) =>
    objects && typeof item === 'object' && item !== null
      ? `<tr>${columns.map((c) => `<td>${cell((item as Record<string, unknown>)[c])}</td>`).join('')}</tr>`
      : `<tr><td>${cell(item)}</td></tr>`,
  );
  return `<!DOCTYPE html><html><head><title>HTML TABLE</title></head><body><table>${head}${rows.join('')}</table></body></html>`;
}
