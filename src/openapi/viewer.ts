/**
 * OpenAPI viewers (`Enable-PodeOAViewer`): a page at `path` showing the definition's document,
 * with the viewer's scripts served from its npm package under `path/dist/` through the static
 * routes. Nothing is loaded from the internet.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';

/** The viewers pode-ts serves (Pode's `-Type`, and its `-Editor` and `-Bookmarks` pages). */
export type OAViewerType =
  | 'swagger'
  | 'redoc'
  | 'rapidoc'
  | 'stoplight'
  | 'explorer'
  | 'rapipdf'
  | 'editor'
  | 'bookmarks';

/** `s.enableOAViewer` options (Pode's `Enable-PodeOAViewer`). */
export interface OAViewerOptions {
  /** The viewer; or give `editor: true` or `bookmarks: true` instead (Pode's switches). */
  type?: OAViewerType;
  /** swagger-editor with the document loaded (Pode's `-Editor`): the same as `type: 'editor'`. */
  editor?: boolean;
  /** A page linking every viewer of the definition and its document (Pode's `-Bookmarks`): the same as `type: 'bookmarks'`. */
  bookmarks?: boolean;
  /** Where the page is served. Default `'/' + type` (`/swagger`; `/editor`, `/bookmarks`). */
  path?: string;
  /** The page title. Default: the definition's title. */
  title?: string;
  /** A dark theme, where the viewer has one (Pode's `-DarkMode`). */
  darkMode?: boolean;
  /** The URL of the document to show. Default: the definition's path. */
  openApiUrl?: string;
  /** The definition to show. Default: the selected one. */
  definitionTag?: string;
  /** The endpoints the page is served on. Default: the definition's (`enableOpenApi({ endpointName })`), else all. */
  endpointName?: string | readonly string[];
}

const VIEWER_KEYS = optionKeys<OAViewerOptions>({
  type: true,
  editor: true,
  bookmarks: true,
  path: true,
  title: true,
  darkMode: true,
  openApiUrl: true,
  definitionTag: true,
  endpointName: true,
});

interface ViewerPackage {
  /** The npm package and the folder inside it the assets are in. */
  packageName: string;
  folder: string;
  /** A file at the package's root that its exports let `require.resolve` find. Default `package.json`. */
  probe?: string;
  page: (dist: string, url: string, title: string, dark: boolean) => string;
}

const PACKAGES: Record<Exclude<OAViewerType, 'bookmarks'>, ViewerPackage> = {
  swagger: {
    packageName: 'swagger-ui-dist',
    folder: '',
    page: (dist, url, title) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${dist}swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="${dist}swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: ${scriptString(url)}, dom_id: '#swagger-ui', deepLinking: true });</script>
</body></html>`,
  },
  redoc: {
    packageName: 'redoc',
    folder: 'bundles',
    page: (dist, url, title) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><redoc spec-url="${escapeHtml(url)}"></redoc>
<script src="${dist}redoc.standalone.js"></script>
</body></html>`,
  },
  rapidoc: {
    packageName: 'rapidoc',
    folder: 'dist',
    page: (dist, url, title, dark) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<script type="module" src="${dist}rapidoc-min.js"></script></head>
<body><rapi-doc spec-url="${escapeHtml(url)}" theme="${dark ? 'dark' : 'light'}"></rapi-doc>
</body></html>`,
  },
  stoplight: {
    packageName: '@stoplight/elements',
    folder: '',
    probe: 'web-components.min.js',
    page: (dist, url, title) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<script src="${dist}web-components.min.js"></script>
<link rel="stylesheet" href="${dist}styles.min.css"></head>
<body style="height: 100vh"><elements-api apiDescriptionUrl="${escapeHtml(url)}" router="hash"></elements-api>
</body></html>`,
  },
  explorer: {
    packageName: 'openapi-explorer',
    folder: 'dist/browser',
    page: (dist, url, title, dark) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<script type="module" src="${dist}openapi-explorer.min.js"></script></head>
<body${dark ? ' style="background: #1e1e1e"' : ''}><openapi-explorer spec-url="${escapeHtml(url)}" collapse table></openapi-explorer>
</body></html>`,
  },
  rapipdf: {
    packageName: 'rapipdf',
    folder: 'dist',
    page: (dist, url, title) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<script src="${dist}rapipdf-min.js"></script></head>
<body><rapi-pdf spec-url="${escapeHtml(url)}" button-label="Generate PDF"></rapi-pdf>
</body></html>`,
  },
  editor: {
    packageName: 'swagger-editor-dist',
    folder: '',
    // The editor loads the YAML form of the document (Pode passes `?format=yaml`).
    page: (dist, url, title) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${dist}swagger-editor.css"></head>
<body><div id="swagger-editor"></div>
<script src="${dist}swagger-editor-bundle.js"></script>
<script src="${dist}swagger-editor-standalone-preset.js"></script>
<script>window.editor = SwaggerEditorBundle({ url: ${scriptString(url)}, dom_id: '#swagger-editor', layout: 'StandaloneLayout', presets: [SwaggerEditorStandalonePreset] });</script>
</body></html>`,
  },
};

/** The viewer types `type` takes, for the error message. */
const TYPES = [...Object.keys(PACKAGES), 'bookmarks'];

/**
 * The viewer pages' Content-Security-Policy: scripts, styles, images and fetches from this origin
 * only (a viewer's own calls home, such as ReDoc's logo from its CDN, are blocked by the browser).
 */
export const VIEWER_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'";

/** What `enableOAViewer` adds: the page at `path`, the assets folder at `dist` (none for bookmarks). */
export interface ViewerRoutes {
  type: OAViewerType;
  path: string;
  /** The page; for bookmarks it is made per request from the viewers then known (`bookmarksPage`). */
  html: string;
  distPath: string | undefined;
  distFolder: string | undefined;
  title: string;
  documentUrl: string;
  /** The warning for a viewer whose npm package is not installed (its page says what to install). */
  missing?: string;
}

/** The page of a viewer whose package is missing: what to install. */
function missingViewerPage(name: string, packageName: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(name)} is not installed</title></head>
<body><h1>${escapeHtml(name)} is not installed</h1>
<p>This viewer is served from the npm package <code>${escapeHtml(packageName)}</code>. Install it beside the server and restart:</p>
<pre>npm install ${escapeHtml(packageName)}</pre>
</body></html>`;
}

/** Checks the options and finds the viewer's installed package. */
export function defineViewer(
  options: OAViewerOptions,
  documentUrl: string,
  defaultTitle: string,
  openApiVersion: '3.0' | '3.1' = '3.0',
): ViewerRoutes {
  rejectUnknownKeys('s.enableOAViewer()', options, VIEWER_KEYS);
  const chosen = [
    options?.type,
    options?.editor === true ? 'editor' : undefined,
    options?.bookmarks === true ? 'bookmarks' : undefined,
  ].filter((value) => value !== undefined);
  if (chosen.length !== 1 || new Set(chosen).size !== 1) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.enableOAViewer(): give one of type, editor: true or bookmarks: true, but got: ${JSON.stringify(chosen)}`,
      `Use type with one of: ${TYPES.join(', ')}.`,
    );
  }
  const type = chosen[0] as OAViewerType;
  if (type !== 'bookmarks' && PACKAGES[type] === undefined) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.enableOAViewer(): unknown viewer type ${JSON.stringify(type)}.`,
      `Use one of: ${TYPES.join(', ')}.`,
    );
  }
  if ((type === 'editor' || type === 'rapipdf') && openApiVersion === '3.1') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.enableOAViewer(): the ${type} viewer does not support OpenAPI 3.1 documents.`,
      "Use another viewer (swagger, redoc, rapidoc…) or openApiVersion: '3.0'.",
    );
  }
  const path = (options.path ?? `/${type}`).replace(/\/+$/, '') || '/';
  if (!path.startsWith('/')) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.enableOAViewer(): path must start with '/', but got: ${JSON.stringify(options.path)}`,
    );
  }
  const url = options.openApiUrl ?? documentUrl;
  const title = options.title ?? defaultTitle;
  if (type === 'bookmarks') {
    return {
      type,
      path,
      html: '',
      distPath: undefined,
      distFolder: undefined,
      title,
      documentUrl: url,
    };
  }
  const viewer = PACKAGES[type];
  let root: string;
  try {
    root = dirname(
      createRequire(import.meta.url).resolve(
        `${viewer.packageName}/${viewer.probe ?? 'package.json'}`,
      ),
    );
  } catch {
    // Not installed: the server still starts (a Pode script enables every viewer it knows), the
    // page says what to install, and a warning is logged at start-up.
    const install = `npm install ${viewer.packageName}`;
    return {
      type,
      path,
      html: missingViewerPage(VIEWER_NAMES[type], viewer.packageName),
      distPath: undefined,
      distFolder: undefined,
      title,
      documentUrl: url,
      missing: `s.enableOAViewer(): the ${type} viewer at ${path} needs the npm package '${viewer.packageName}', which is not installed: its page says so until you run \`${install}\`.`,
    };
  }
  const distPath = `${path === '/' ? '' : path}/dist`;
  return {
    type,
    path,
    html: viewer.page(
      `${distPath}/`,
      type === 'editor' ? `${url}.yaml` : url,
      title,
      options.darkMode === true,
    ),
    distPath,
    distFolder: viewer.folder === '' ? root : `${root}/${viewer.folder}`,
    title,
    documentUrl: url,
  };
}

const VIEWER_NAMES: Record<Exclude<OAViewerType, 'bookmarks'>, string> = {
  swagger: 'Swagger UI',
  redoc: 'ReDoc',
  rapidoc: 'RapiDoc',
  stoplight: 'Stoplight Elements',
  explorer: 'OpenAPI Explorer',
  rapipdf: 'RapiPdf',
  editor: 'Swagger Editor',
};

/** The bookmarks page: a link to each viewer of the definition and to its document. */
export function bookmarksPage(
  bookmarks: ViewerRoutes,
  viewers: readonly { type: OAViewerType; path: string }[],
): string {
  const links = viewers
    .filter((viewer) => viewer.type !== 'bookmarks')
    .map(
      (viewer) =>
        `<li><a href="${escapeHtml(viewer.path)}">${escapeHtml(VIEWER_NAMES[viewer.type as Exclude<OAViewerType, 'bookmarks'>])}</a></li>`,
    );
  const url = escapeHtml(bookmarks.documentUrl);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(bookmarks.title)}</title>
<style>body { font-family: sans-serif; max-width: 40em; margin: 2em auto; } li { margin: .4em 0; }</style></head>
<body><h1>${escapeHtml(bookmarks.title)}</h1>
<h2>Viewers</h2>
<ul>
${links.length === 0 ? '<li>No viewer is enabled.</li>' : links.join('\n')}
</ul>
<h2>Document</h2>
<ul>
<li><a href="${url}">JSON</a></li>
<li><a href="${url}.yaml">YAML</a></li>
</ul>
</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function scriptString(text: string): string {
  return JSON.stringify(text).replace(/</g, '\\u003c');
}
