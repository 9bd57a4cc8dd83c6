/**
 * The file browser (`Write-PodeDirectoryResponse`, `-FileBrowser`): a plain HTML listing of one
 * folder, folders first, each entry linked below the request path, with a link to the parent.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { WebEvent } from '../web-event.js';

interface Entry {
  name: string;
  folder: boolean;
  size: number;
  modified: Date;
}

/** Writes the listing of `folder` (absolute) as the HTML response, links relative to the request path. */
export async function writeListing(
  event: WebEvent,
  folder: string,
  dotfiles: boolean,
): Promise<void> {
  const names = await readdir(folder);
  const entries: Entry[] = [];
  for (const name of names) {
    if (!dotfiles && name.startsWith('.')) continue;
    try {
      const info = await stat(join(folder, name));
      entries.push({ name, folder: info.isDirectory(), size: info.size, modified: info.mtime });
    } catch {
      // A broken link or a file gone since readdir: not listed.
    }
  }
  entries.sort((a, b) =>
    a.folder === b.folder ? a.name.localeCompare(b.name) : a.folder ? -1 : 1,
  );
  const base = event.path.endsWith('/') ? event.path.slice(0, -1) : event.path;
  const rows: string[] = [];
  if (base !== '') {
    const parent = base.slice(0, base.lastIndexOf('/')) || '/';
    rows.push(row(parent, '..', true, '', ''));
  }
  for (const entry of entries) {
    rows.push(
      row(
        `${base}/${encodeURIComponent(entry.name)}${entry.folder ? '/' : ''}`,
        entry.name,
        entry.folder,
        entry.folder ? '' : formatSize(entry.size),
        entry.modified.toISOString().slice(0, 19).replace('T', ' '),
      ),
    );
  }
  const title = escapeHtml(`Index of ${safeDecode(base === '' ? '/' : base)}`);
  event.writeHtml(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title>` +
      '<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}' +
      'td,th{padding:.25rem 1rem;text-align:left}td.size{text-align:right}</style></head>' +
      `<body><h1>${title}</h1><table><thead><tr><th>Name</th><th>Size</th><th>Modified (UTC)</th></tr></thead>` +
      `<tbody>\n${rows.join('\n')}\n</tbody></table></body></html>`,
  );
}

function row(href: string, name: string, folder: boolean, size: string, modified: string): string {
  const label = escapeHtml(folder && name !== '..' ? `${name}/` : name);
  return `<tr><td class="name"><a href="${escapeHtml(href)}">${label}</a></td><td class="size">${size}</td><td class="modified">${modified}</td></tr>`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(2)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
