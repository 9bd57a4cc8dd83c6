/**
 * Pode's custom error pages: files in the errors folder (`<root>/errors`, or the folder given to
 * `s.setDefaultFolder('errors', path)`) named `<status>.<ext>` or `default.<ext>`, where the
 * extension gives the page's content type (`404.html`, `default.json`). The folder is read once
 * at start-up, so an error page costs a Map lookup; a server without the folder pays nothing.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Folder, isInside, ownContentType } from './files.js';

/** An error page read from the errors folder. */
export interface ErrorPage {
  body: Buffer;
  /** The Content-Type its extension gives (`text/html; charset=utf-8` for `.html`). */
  type: string;
}

/** The pages of one errors folder, by name (`404`, `default`) and media type (`text/html`). */
export class ErrorPages {
  readonly #pages = new Map<string, ErrorPage>();

  /** The page for `status` as `mediaType` (`<status>.<ext>`, else `default.<ext>`), if there is one. */
  find(status: number, mediaType: string): ErrorPage | undefined {
    return this.#pages.get(`${status} ${mediaType}`) ?? this.#pages.get(`default ${mediaType}`);
  }

  /** Reads the folder's pages: regular files inside it, at most 1 MiB each, with a known type. */
  static read(folder: Folder): ErrorPages | undefined {
    const pages = new ErrorPages();
    for (const name of readdirSync(folder.path)) {
      const match = /^(\d{3}|default)\.([a-z0-9]+)$/i.exec(name);
      if (match === null) continue;
      const type = ownContentType(name);
      if (type === undefined) continue;
      const path = join(folder.path, name);
      try {
        if (!isInside(realpathSync(path), folder.real)) continue;
        const info = statSync(path);
        if (!info.isFile() || info.size > MAX_PAGE_BYTES) continue;
        const key = `${match[1].toLowerCase()} ${mediaTypeOf(type)}`;
        if (!pages.#pages.has(key)) pages.#pages.set(key, { body: readFileSync(path), type });
      } catch {
        // a file that went away or cannot be read is no error page
      }
    }
    return pages.#pages.size === 0 ? undefined : pages;
  }
}

const MAX_PAGE_BYTES = 1024 * 1024;

/** `text/html; charset=utf-8` → `text/html` (lower case). */
export function mediaTypeOf(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}
