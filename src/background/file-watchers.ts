/**
 * File watchers (`Add-PodeFileWatcher`): a function run for each file created, changed, deleted or
 * renamed under a folder, on Node's own `fs.watch` (recursive on Linux since Node 20). Node
 * reports only "rename" and "change": the kind is found by looking at the file after a short
 * quiet time, which also folds the duplicate events one write makes into one.
 */
import { existsSync, type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Logger } from 'pino';
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';

/** The kinds of file event (Pode's `-EventName`). */
export type FileEventType = 'Created' | 'Changed' | 'Deleted' | 'Renamed' | 'Existed';

/** What a file watcher's function gets (Pode's `$FileEvent`). */
export interface FileEvent {
  type: FileEventType;
  /** The path relative to the watched folder (`/` separated). */
  name: string;
  fullPath: string;
  /** For `Renamed`: the name and path before. */
  old: { name: string | undefined; fullPath: string | undefined };
  timestamp: Date;
  /** Always empty: placeholders in the watched path are not supported (Pode's `Parameters`). */
  parameters: Record<string, string>;
  /** Free for the function's use. */
  metadata: Record<string, unknown>;
}

/** A file watcher's function (Pode's `-ScriptBlock`): the file event, then the watcher's `args`; may be async. */
export type FileWatcherFunction = (event: FileEvent, ...args: unknown[]) => unknown;

/** `s.addFileWatcher` options. */
export interface FileWatcherOptions {
  /** The watcher's name (unique). Default: a random one. */
  name?: string;
  /** The folder to watch, from the server root. It must exist. */
  path: string;
  /** The events to report: `'*'` for all. Default Created, Changed, Deleted and Renamed. */
  eventName?: FileEventType | '*' | readonly (FileEventType | '*')[];
  /** Wildcards (`*`) a file's relative name must match, one at least. Default `'*.*'` (as Pode: a name with a dot). */
  include?: string | readonly string[];
  /** Wildcards a file's relative name must not match. */
  exclude?: string | readonly string[];
  /** Only the folder itself, not its subfolders. */
  noSubdirectories?: boolean;
  /** Passed to the function after the event, by position (a single value is one argument). */
  args?: unknown;
  /** The quiet time in milliseconds before the events of a file are reported. Default 100. */
  debounce?: number;
}

const KEYS = optionKeys<FileWatcherOptions>({
  name: true,
  path: true,
  eventName: true,
  include: true,
  exclude: true,
  noSubdirectories: true,
  args: true,
  debounce: true,
});

const ALL: readonly FileEventType[] = ['Changed', 'Created', 'Deleted', 'Renamed', 'Existed'];
const DEFAULT_EVENTS: readonly FileEventType[] = ['Changed', 'Created', 'Deleted', 'Renamed'];

/** A Pode wildcard as a regular expression over the whole relative name (any separator, any case). */
export function wildcardRegex(patterns: readonly string[]): RegExp | undefined {
  const parts = patterns
    .filter((p) => p !== '')
    .map((p) =>
      p
        .replace(/[\\/]\*$/, '/{0,1}*')
        .replace(/[.+?^${}()|[\]\\]/g, (c) => (c === '\\' ? '/' : `\\${c}`))
        .replace(/\//g, '[\\\\/]')
        .replace(/\\\{0,1\\\}/g, '{0,1}')
        .replace(/\*/g, '.*?'),
    );
  return parts.length === 0 ? undefined : new RegExp(`^(${parts.join('|')})$`, 'i');
}

const list = <T>(value: T | readonly T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? [...(value as T[])] : [value as T];

interface Watcher {
  name: string;
  folder: string;
  events: ReadonlySet<FileEventType>;
  include: RegExp | undefined;
  exclude: RegExp | undefined;
  recursive: boolean;
  args: readonly unknown[];
  debounce: number;
  fn: FileWatcherFunction;
}

/** The file watchers of one server: checked at set-up, watching while it runs. */
export class FileWatchers {
  readonly #root: string;
  readonly #watchers = new Map<string, Watcher>();
  readonly #running: FSWatcher[] = [];
  readonly #pending = new Map<string, NodeJS.Timeout>();
  #logger: Logger | undefined;

  constructor(root: string) {
    this.#root = root;
  }

  get size(): number {
    return this.#watchers.size;
  }

  add(options: FileWatcherOptions, fn: FileWatcherFunction): void {
    if (options === null || typeof options !== 'object')
      throw setupError(ErrorCodes.BAD_OPTION, 's.addFileWatcher needs { path } options.');
    rejectUnknownKeys('s.addFileWatcher()', options, KEYS);
    if (typeof fn !== 'function')
      throw setupError(ErrorCodes.BAD_OPTION, 's.addFileWatcher needs a function to run.');
    const name = options.name ?? `watcher-${this.#watchers.size + 1}-${Date.now().toString(36)}`;
    if (this.#watchers.has(name))
      throw setupError(ErrorCodes.BAD_OPTION, `A file watcher named '${name}' already exists.`);
    if (typeof options.path !== 'string' || options.path === '')
      throw setupError(ErrorCodes.BAD_OPTION, `File watcher '${name}': path is required.`);
    if (/(^|[\\/]):\w+|[*?]/.test(options.path))
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `File watcher '${name}': placeholders and wildcards in path are not supported; watch the parent folder and filter with include.`,
      );
    const path = options.path.replace(/\\/g, '/');
    const folder = isAbsolute(path) ? path : resolve(join(this.#root, path));
    if (!existsSync(folder) || !statSync(folder).isDirectory())
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `File watcher '${name}': the folder ${folder} does not exist.`,
      );
    const names = list(options.eventName);
    const bad = names.find((n) => n !== '*' && !ALL.includes(n as FileEventType));
    if (bad !== undefined)
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `File watcher '${name}': unknown event '${String(bad)}' (use ${ALL.join(', ')} or '*').`,
      );
    const events = new Set<FileEventType>(
      names.length === 0 ? DEFAULT_EVENTS : names.includes('*') ? ALL : (names as FileEventType[]),
    );
    const debounce = options.debounce ?? 100;
    if (typeof debounce !== 'number' || !(debounce >= 0))
      throw setupError(ErrorCodes.BAD_OPTION, `File watcher '${name}': debounce must be >= 0.`);
    this.#watchers.set(name, {
      name,
      folder,
      events,
      include: wildcardRegex(options.include === undefined ? ['*.*'] : list(options.include)),
      exclude: wildcardRegex(list(options.exclude)),
      recursive: options.noSubdirectories !== true,
      args: Array.isArray(options.args)
        ? options.args
        : options.args === undefined
          ? []
          : [options.args],
      debounce,
      fn,
    });
  }

  /** Starts watching (the server listens); with `Existed`, the files already there are reported first. */
  start(logger: Logger): void {
    this.#logger = logger;
    for (const watcher of this.#watchers.values()) {
      const known = new Set<string>();
      const entries = readdirSync(watcher.folder, {
        recursive: watcher.recursive,
        withFileTypes: true,
      });
      for (const entry of entries) {
        if (entry.isDirectory()) continue;
        const full = join(entry.parentPath ?? entry.path, entry.name);
        known.add(relative(watcher.folder, full).replace(/\\/g, '/'));
      }
      this.#known.set(watcher.name, known);
      for (const name of known) {
        const fullPath = join(watcher.folder, name);
        this.#report(watcher, { ...deleted(name, fullPath), type: 'Existed' });
      }
      const handle = watch(watcher.folder, { recursive: watcher.recursive }, (_type, file) => {
        if (file !== null) this.#schedule(watcher, String(file).replace(/\\/g, '/'));
      });
      handle.on('error', (error) =>
        logger.error({ err: error, watcher: watcher.name }, 'file watcher failed'),
      );
      this.#running.push(handle);
    }
  }

  stop(): void {
    for (const handle of this.#running.splice(0)) handle.close();
    for (const gone of this.#vanished.values()) clearTimeout(gone.timer);
    this.#vanished.clear();
    for (const timer of this.#pending.values()) clearTimeout(timer);
    this.#pending.clear();
    this.#known.clear();
  }

  /** Waits until a file is quiet, then reports what it became: one event per burst. */
  #schedule(watcher: Watcher, name: string): void {
    const key = `${watcher.name}\0${name}`;
    const previous = this.#pending.get(key);
    if (previous !== undefined) clearTimeout(previous);
    this.#pending.set(
      key,
      setTimeout(() => {
        this.#pending.delete(key);
        this.#settle(watcher, name, join(watcher.folder, name));
      }, watcher.debounce).unref(),
    );
  }

  /** The files each watcher knows of (relative names), to tell a new file from a changed one. */
  readonly #known = new Map<string, Set<string>>();
  /** Recently vanished files per watcher, to pair a delete and a create into a rename. */
  readonly #vanished = new Map<string, { name: string; fullPath: string; timer: NodeJS.Timeout }>();

  #settle(watcher: Watcher, name: string, fullPath: string): void {
    const known = this.#known.get(watcher.name) ?? new Set<string>();
    let exists = false;
    let isFile = true;
    try {
      const stat = statSync(fullPath);
      exists = true;
      isFile = !stat.isDirectory();
    } catch {
      exists = false;
    }
    if (!isFile) return;
    const wasKnown = known.has(name);
    if (exists) known.add(name);
    else known.delete(name);
    if (!exists && !wasKnown) return;
    let type: FileEventType;
    let old: FileEvent['old'] = { name: undefined, fullPath: undefined };
    if (!exists) {
      // held a moment: a file appearing meanwhile makes the two one rename
      const earlier = this.#vanished.get(watcher.name);
      if (earlier !== undefined) {
        clearTimeout(earlier.timer);
        this.#report(watcher, deleted(earlier.name, earlier.fullPath));
      }
      const timer = setTimeout(() => {
        this.#vanished.delete(watcher.name);
        this.#report(watcher, deleted(name, fullPath));
      }, RENAME_WINDOW).unref();
      this.#vanished.set(watcher.name, { name, fullPath, timer });
      return;
    }
    if (wasKnown) {
      type = 'Changed';
    } else {
      const gone = this.#vanished.get(watcher.name);
      if (gone !== undefined) {
        clearTimeout(gone.timer);
        this.#vanished.delete(watcher.name);
        type = 'Renamed';
        old = { name: gone.name, fullPath: gone.fullPath };
      } else type = 'Created';
    }
    this.#report(watcher, {
      type,
      name,
      fullPath,
      old,
      timestamp: new Date(),
      parameters: {},
      metadata: {},
    });
  }

  #report(watcher: Watcher, event: FileEvent): void {
    if (!watcher.events.has(event.type)) return;
    const subject = event.name;
    if (watcher.exclude?.test(subject) === true) return;
    if (watcher.include !== undefined && !watcher.include.test(subject)) return;
    const logger = this.#logger;
    Promise.resolve()
      .then(() => watcher.fn(event, ...watcher.args))
      .catch((error: unknown) =>
        logger?.error(
          { err: error, watcher: watcher.name, file: event.fullPath },
          'file watcher function failed',
        ),
      );
  }
}

/** How long a vanished file waits for a new one to pair with as a rename. */
const RENAME_WINDOW = 50;

const deleted = (name: string, fullPath: string): FileEvent => ({
  type: 'Deleted',
  name,
  fullPath,
  old: { name: undefined, fullPath: undefined },
  timestamp: new Date(),
  parameters: {},
  metadata: {},
});
