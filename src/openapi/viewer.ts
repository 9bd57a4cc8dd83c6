/**
 * OpenAPI viewers (`Enable-PodeOAViewer`): a page at `path` showing the definition's document,
 * with the viewer's scripts served from its npm package under `path/dist/` through the static
 * routes. Nothing is loaded from the internet.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';

/** The viewers pode-ts serves. */
export type OAViewerType = 'swagger' | 'redoc' | 'rapidoc';

/** `s.enableOAViewer` options (Pode's `Enable-PodeOAViewer`). */
export interface OAViewerOptions {
  type: OAViewerType;
  /** Where the page is served. Default `'/' + type` (`/swagger`). */
  path?: string;
  /** The page title. Default: the definition's title. */
  title?: string;
  /** A dark theme, where the viewer has one (Pode's `-DarkMode`). */
  darkMode?: boolean;
  /** The URL of the document to show. Default: the definition's path. */
  openApiUrl?: string;
  /** The definition to show. Default: the selected one. */
  definitionTag?: string;
}

const VIEWER_KEYS = optionKeys<OAViewerOptions>({
  type: true,
  path: true,
  title: true,
  darkMode: true,
  openApiUrl: true,
  definitionTag: true,
});

interface ViewerPackage {
  /** The npm package and the folder inside it the assets are in. */
  packageName: string;
  folder: string;
  page: (dist: string, url: string, title: string, dark: boolean) => string;
}

const PACKAGES: Record<OAViewerType, ViewerPackage> = {
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
};

/**
 * The viewer pages' Content-Security-Policy: scripts, styles, images and fetches from this origin
 * only (a viewer's own calls home, such as ReDoc's logo from its CDN, are blocked by the browser).
 */
export const VIEWER_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'";

/** What `enableOAViewer` adds: the page at `path`, the assets folder at `dist`. */
export interface ViewerRoutes {
  path: string;
  html: string;
  distPath: string;
  distFolder: string;
}

/** Checks the options and finds the viewer's installed package. */
export function defineViewer(
  options: OAViewerOptions,
  documentUrl: string,
  defaultTitle: string,
): ViewerRoutes {
  rejectUnknownKeys('s.enableOAViewer()', options, VIEWER_KEYS);
  const viewer = PACKAGES[options?.type];
  if (viewer === undefined) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.enableOAViewer(): unknown viewer type ${JSON.stringify(options?.type)}.`,
      `Use one of: ${Object.keys(PACKAGES).join(', ')}.`,
    );
  }
  const path = (options.path ?? `/${options.type}`).replace(/\/+$/, '') || '/';
  if (!path.startsWith('/')) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.enableOAViewer(): path must start with '/', but got: ${JSON.stringify(options.path)}`,
    );
  }
  let root: string;
  try {
    root = dirname(createRequire(import.meta.url).resolve(`${viewer.packageName}/package.json`));
  } catch {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.enableOAViewer(): the ${options.type} viewer needs the npm package '${viewer.packageName}'.`,
      `Install it: npm install ${viewer.packageName}`,
    );
  }
  const distPath = `${path === '/' ? '' : path}/dist`;
  return {
    path,
    html: viewer.page(
      `${distPath}/`,
      options.openApiUrl ?? documentUrl,
      options.title ?? defaultTitle,
      options.darkMode === true,
    ),
    distPath,
    distFolder: viewer.folder === '' ? root : `${root}/${viewer.folder}`,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function scriptString(text: string): string {
  return JSON.stringify(text).replace(/</g, '\\u003c');
}
