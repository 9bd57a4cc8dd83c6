/**
 * Files and paths: `Join-Path`, `Test-Path`, `Get-Content`, `Set-Content`, `Add-Content`,
 * `Out-File`, `Get-ChildItem`, `Remove-Item`, and `[System.IO.File]`/`[System.IO.Path]`. Relative paths
 * resolve against the PowerShell root (see `setPowerShellRoot`). Synchronous, as in PowerShell.
 */

import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, extname, join, sep } from 'node:path';
import { PowerShellError } from './errors.js';
import { resolvePath } from './root.js';
import { toPsString } from './values.js';
import { wildcardToRegExp } from './wildcard.js';

const SEPARATORS = process.platform === 'win32' ? /[\\/]+/ : /\/+/;

/** `Join-Path`: the parts joined with one separator between each, nothing resolved. */
export function joinPath(path: string, ...children: string[]): string {
  let joined = path;
  for (const child of children) {
    if (child === '') continue;
    const left = joined.replace(new RegExp(`(?:${SEPARATORS.source})$`), '');
    const right = child.replace(new RegExp(`^(?:${SEPARATORS.source})`), '');
    joined = `${left}${sep}${right}`;
  }
  return joined;
}

/** Options of {@link testPath}. */
export interface TestPathOptions {
  /** 'Leaf': only a file counts; 'Container': only a folder; 'Any' (the default). In any case. */
  pathType?: string;
}

/** `Test-Path`: whether the path exists (as a file with 'Leaf', a folder with 'Container'). */
export function testPath(path: string, options: TestPathOptions = {}): boolean {
  // PowerShell reads the value in any case ('container')
  const type = options.pathType?.toLowerCase();
  if (type !== undefined && type !== 'any' && type !== 'leaf' && type !== 'container')
    throw new PowerShellError(
      'ParameterArgumentTransformationError',
      `Cannot bind parameter 'PathType': '${options.pathType}' is not one of Any, Leaf, Container.`,
    );
  if (path === '') {
    throw new PowerShellError(
      'ParameterArgumentValidationErrorEmptyStringNotAllowed',
      "Cannot bind argument to parameter 'Path' because it is an empty string.",
    );
  }
  let stats: Stats;
  try {
    stats = statSync(resolvePath(path));
  } catch {
    return false;
  }
  if (type === 'leaf') return !stats.isDirectory();
  if (type === 'container') return stats.isDirectory();
  return true;
}

/** `Get-Content` as lines (a final line break ends the last line rather than adding one). */
export function getContent(path: string, options?: { raw?: false }): string[];
/** `Get-Content -Raw`: the whole file as one string. */
export function getContent(path: string, options: { raw: true }): string;
export function getContent(path: string, options: { raw?: boolean } = {}): string | string[] {
  const text = readText(path);
  if (options.raw === true) return text;
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** `Set-Content`: the file holds the value (each item of an array on its own line). */
export function setContent(path: string, value: unknown): void {
  writeText(path, lines(value), false);
}

/** `Add-Content`: the value appended (each item of an array on its own line). */
export function addContent(path: string, value: unknown): void {
  writeText(path, lines(value), true);
}

/** `Out-File`: as `Set-Content`, or `Add-Content` with `append`. */
export function outFile(path: string, value: unknown, options: { append?: boolean } = {}): void {
  writeText(path, lines(value), options.append === true);
}

/** One item of {@link getChildItem}, with the properties of PowerShell's FileInfo/DirectoryInfo. */
export interface ChildItem {
  Name: string;
  FullName: string;
  BaseName: string;
  Extension: string;
  /** Size in bytes (0 for a folder). */
  Length: number;
  LastWriteTime: Date;
  PSIsContainer: boolean;
}

/** Options of {@link getChildItem}. */
export interface GetChildItemOptions {
  /** A wildcard the names must match ('*.json'). */
  filter?: string;
  recurse?: boolean;
  /** Files only. */
  file?: boolean;
  /** Folders only. */
  directory?: boolean;
}

/**
 * `Get-ChildItem`: the items of a folder (the root by default), folders first and each sorted
 * by name, then with `recurse` the items of each subfolder; a file path gives that file.
 */
export function getChildItem(path = '.', options: GetChildItemOptions = {}): ChildItem[] {
  const full = resolvePath(path);
  let stats: Stats;
  try {
    stats = statSync(full);
  } catch {
    throw notFound(path);
  }
  if (!stats.isDirectory()) return [item(full, stats)];
  const filter =
    options.filter === undefined
      ? undefined
      : wildcardToRegExp(options.filter, process.platform !== 'win32');
  const out: ChildItem[] = [];
  const visit = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.isDirectory() === b.isDirectory() ? (a.name < b.name ? -1 : 1) : a.isDirectory() ? -1 : 1,
    );
    const folders: string[] = [];
    for (const entry of entries) {
      const entryPath = join(dir, entry.name);
      const entryStats = statSync(entryPath, { throwIfNoEntry: false });
      if (entryStats === undefined) continue;
      const isFolder = entryStats.isDirectory();
      if (isFolder) folders.push(entryPath);
      if (filter !== undefined && !filter.test(entry.name)) continue;
      if (options.file === true && isFolder) continue;
      if (options.directory === true && !isFolder) continue;
      out.push(item(entryPath, entryStats));
    }
    if (options.recurse === true) for (const folder of folders) visit(folder);
  };
  visit(full);
  return out;
}

/** Options of {@link newItem}. */
export interface NewItemOptions {
  /** 'File' (the default) or 'Directory'. */
  itemType?: string;
  /** A new file's text. */
  value?: unknown;
  /**
   * An existing folder is returned as it is, an existing file is overwritten, and a new file's
   * missing folders are created (without it, an existing item is an error).
   */
  force?: boolean;
}

/**
 * `New-Item -Path … -ItemType File|Directory [-Value …] [-Force]`: creates the file or folder
 * (a folder with the folders above it) and returns it as an item.
 */
export function newItem(path: string, options: NewItemOptions = {}): ChildItem {
  if (path === '')
    throw new PowerShellError(
      'ParameterArgumentValidationErrorEmptyStringNotAllowed',
      "Cannot bind argument to parameter 'Path' because it is an empty string.",
    );
  const full = resolvePath(path);
  const type = (options.itemType ?? 'File').toLowerCase();
  if (type !== 'file' && type !== 'directory')
    throw new PowerShellError(
      'NotSupported',
      `New-Item: item type '${options.itemType}' is not supported by pode-ts (use File or Directory).`,
    );
  const existing = statSync(full, { throwIfNoEntry: false });
  if (
    existing !== undefined &&
    (options.force !== true || (type === 'directory') !== existing.isDirectory())
  )
    throw new PowerShellError(
      'IOException',
      `An item with the specified name ${full} already exists.`,
    );
  if (type === 'directory') mkdirSync(full, { recursive: true });
  else {
    if (options.force === true) mkdirSync(dirname(full), { recursive: true });
    writeText(
      path,
      options.value === undefined || options.value === null ? '' : toPsString(options.value),
      false,
    );
  }
  return item(full, statSync(full));
}

/** `[System.IO.File]::ReadAllText`: the file's text (UTF-8, a byte-order mark dropped). */
export function fileReadAllText(path: string): string {
  return readText(path);
}

/** `[System.IO.File]::WriteAllText`: the file holds exactly the text. */
export function fileWriteAllText(path: string, text: unknown): void {
  writeText(path, toPsString(text), false);
}

/** `[System.IO.File]::Exists`: true for an existing file (not a folder). */
export function fileExists(path: unknown): boolean {
  if (typeof path !== 'string' || path === '') return false;
  return statSync(resolvePath(path), { throwIfNoEntry: false })?.isFile() ?? false;
}

/** `[System.IO.Path]::Combine`: joined with separators; a rooted part starts afresh. */
export function pathCombine(...parts: string[]): string {
  let combined = '';
  for (const part of parts) {
    if (part === '') continue;
    if (isRooted(part) || combined === '') combined = part;
    else
      combined = SEPARATORS.test(combined.at(-1) ?? '') ? combined + part : combined + sep + part;
  }
  return combined;
}

/** `[System.IO.Path]::GetFileName`: the part after the last separator. */
export function pathGetFileName(path: string): string {
  const parts = path.split(SEPARATORS);
  return parts.at(-1) ?? '';
}

/** `[System.IO.Path]::GetRandomFileName`: a random 8.3 name (`w143kxnu.idb`) from a cryptographic source. */
export function pathGetRandomFileName(): string {
  const bytes = randomBytes(11);
  let name = '';
  for (let i = 0; i < 11; i++) name += (i === 8 ? '.' : '') + RANDOM_NAME_CHARS[bytes[i] & 31];
  return name;
}

const RANDOM_NAME_CHARS = 'abcdefghijklmnopqrstuvwxyz012345';

/** `[System.IO.Path]::GetExtension`: '.ext' with its dot, or '' when there is none. */
export function pathGetExtension(path: string): string {
  const name = pathGetFileName(path);
  const dot = name.lastIndexOf('.');
  return dot <= -1 || dot === name.length - 1 ? '' : name.slice(dot);
}

/** `[System.IO.Path]::GetFileNameWithoutExtension`. */
export function pathGetFileNameWithoutExtension(path: string): string {
  const name = pathGetFileName(path);
  const dot = name.lastIndexOf('.');
  return dot === -1 ? name : name.slice(0, dot);
}

/** `[System.IO.Path]::GetDirectoryName`: the folder part; '' for a bare name, null for a root. */
export function pathGetDirectoryName(path: string): string | null {
  if (path === '' || /^([a-z]:)?[\\/]+$/i.test(path) || path === sep) return null;
  const match = new RegExp(`^(.*?)(?:${SEPARATORS.source})[^\\\\/]*$`).exec(path);
  if (match === null) return '';
  return match[1] === '' ? sep : match[1];
}

function item(full: string, stats: Stats): ChildItem {
  const name = basename(full);
  const folder = stats.isDirectory();
  const extension = folder ? '' : extname(name);
  return {
    Name: name,
    FullName: full,
    BaseName: folder ? name : name.slice(0, name.length - extension.length),
    Extension: extension,
    Length: folder ? 0 : stats.size,
    LastWriteTime: stats.mtime,
    PSIsContainer: folder,
  };
}

function readText(path: string): string {
  const full = resolvePath(path);
  if (!existsSync(full)) throw notFound(path);
  return readFileSync(full, 'utf8').replace(/^\uFEFF/, '');
}

function writeText(path: string, text: string, append: boolean): void {
  const full = resolvePath(path);
  try {
    if (append) appendFileSync(full, text);
    else writeFileSync(full, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new PowerShellError(
        'DirectoryNotFoundException',
        `Could not find a part of the path '${full}'.`,
      );
    }
    throw new PowerShellError('IOException', `${(error as Error).message}`);
  }
}

function lines(value: unknown): string {
  if (value === null || value === undefined) return '';
  const items = Array.isArray(value) ? value : [value];
  return items.map((entry) => `${toPsString(entry)}\n`).join('');
}

function isRooted(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[a-z]:/i.test(path);
}

function notFound(path: string): PowerShellError {
  return new PowerShellError(
    'PathNotFound',
    `Cannot find path '${resolvePath(path)}' because it does not exist.`,
  );
}

/** Options of {@link removeItem}. */
export interface RemoveItemOptions {
  /** Remove a folder with what it holds (without it, a folder that is not empty is an error). */
  recurse?: boolean;
  /** Also remove read-only files (PowerShell's `-Force`). */
  force?: boolean;
}

/**
 * `Remove-Item -Path … [-Recurse] [-Force]`: removes files and folders (one path or a list).
 * A missing path is an error, as PowerShell's `ItemNotFoundException`; wildcards are not expanded.
 */
export function removeItem(
  path: string | readonly string[],
  options: RemoveItemOptions = {},
): void {
  for (const one of typeof path === 'string' ? [path] : path) {
    const text = String(one);
    if (/[*?[]/.test(text))
      throw new PowerShellError(
        'NotSupported',
        `Remove-Item: wildcards are not expanded by pode-ts ('${text}'); list the paths with getChildItem.`,
      );
    const full = resolvePath(text);
    let stats: Stats;
    try {
      stats = statSync(full);
    } catch {
      throw notFound(text);
    }
    if (stats.isDirectory() && options.recurse !== true && readdirSync(full).length > 0)
      throw new PowerShellError(
        'DirectoryNotEmpty',
        `The item at ${full} has children and the Recurse parameter was not specified.`,
      );
    if (!stats.isDirectory() && options.force !== true && (stats.mode & 0o222) === 0)
      throw new PowerShellError(
        'UnauthorizedAccessException',
        `Cannot remove item ${full}: the file is read-only (use -Force).`,
      );
    rmSync(full, { recursive: stats.isDirectory(), force: false });
  }
}
