/**
 * The web-site settings of one server, collected by the builder and frozen at start-up: the
 * server root, the views and public folders, named view folders, the view engine and the static
 * routes (which `setResponseAttachment` looks paths up in). Every event of the server shares it.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ErrorCodes, setupError } from './errors.js';
import { ErrorPages } from './static/error-pages.js';
import { type Folder, openFolder } from './static/files.js';
import { createViewEngine, type ViewEngine, type ViewEngineOptions } from './views/engine.js';
import { dynamicExtensions } from './views/render.js';

/** The folders `s.setDefaultFolder` can move. */
export type DefaultFolderType = 'views' | 'public' | 'errors';

/** A static route as attachments look it up: its path prefix and its folder. */
export interface StaticMount {
  /** The route path without its trailing `/*`, lower case (`/assets`, or `` for the site root). */
  prefix: string;
  folder: Folder;
  endpointName: string | undefined;
  dotfiles: boolean;
}

/** What views and static files need at request time. */
export interface SiteContext {
  /** The server root: relative paths of `writeFile`, attachments and folders start here. */
  root: string;
  /** The views folder, or undefined when it does not exist. */
  views: Folder | undefined;
  /** Folders added with `s.addViewFolder`, by name. */
  viewFolders: ReadonlyMap<string, Folder>;
  engine: ViewEngine;
  /**
   * The extensions (`.pode`, and the engine's own when it is dynamic), lower case with the dot,
   * of files served by rendering them with the view engine instead of sending them.
   */
  dynamic: ReadonlySet<string>;
  /** `<root>/public` (or the folder set for it), served at `/` when it exists. */
  public: Folder | undefined;
  mounts: readonly StaticMount[];
  /** Custom error pages from `<root>/errors` (or the folder set for it), when it has any. */
  errorPages?: ErrorPages;
}

/** Collects the site settings during set-up. */
export class SiteSettings {
  readonly root: string;
  readonly #folders = new Map<DefaultFolderType, string>();
  readonly #viewFolders = new Map<string, Folder>();
  readonly mounts: StaticMount[] = [];
  #engine: ViewEngineOptions = { type: 'html' };
  /** What the last `build` made: static routes, defined before it, read it at request time. */
  built: SiteContext | undefined;

  constructor(root: string | undefined) {
    this.root = resolve(root ?? process.cwd());
  }

  /** A path from the set-up, absolute from the server root. */
  fromRoot(path: string): string {
    return resolve(this.root, path);
  }

  setDefaultFolder(type: DefaultFolderType, path: string): void {
    if (!['views', 'public', 'errors'].includes(type)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `setDefaultFolder: the type must be 'views', 'public' or 'errors', but got: ${String(type)}`,
      );
    }
    const absolute = this.#existingFolder(path, `setDefaultFolder('${type}')`);
    this.#folders.set(type, absolute);
  }

  addViewFolder(name: string, path: string): void {
    if (typeof name !== 'string' || name.length === 0) {
      throw setupError(ErrorCodes.BAD_OPTION, 'addViewFolder needs a name.');
    }
    if (this.#viewFolders.has(name)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `The Views folder name already exists: ${name}`,
        'Give each view folder its own name.',
      );
    }
    const absolute = this.#existingFolder(path, `addViewFolder('${name}')`);
    this.#viewFolders.set(name, openFolder(absolute)!);
  }

  setViewEngine(options: ViewEngineOptions): void {
    if (options === null || typeof options !== 'object' || typeof options.type !== 'string') {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        "setViewEngine needs { type }: 'html', 'eta', 'pode', 'eps', 'pshtml', 'md', or a name with a render function.",
      );
    }
    this.#engine = options;
  }

  /** Freezes the settings: folders resolved, the engine checked. */
  build(): SiteContext {
    const views = openFolder(this.#folders.get('views') ?? this.fromRoot('views'));
    const engine = createViewEngine(this.#engine);
    this.built = {
      root: this.root,
      views,
      viewFolders: this.#viewFolders,
      engine,
      dynamic: dynamicExtensions(engine),
      public: openFolder(this.#folders.get('public') ?? this.fromRoot('public')),
      mounts: this.mounts,
      errorPages: errorPagesIn(openFolder(this.#folders.get('errors') ?? this.fromRoot('errors'))),
    };
    return this.built;
  }

  /** The absolute path of an existing folder, or a set-up error naming `what`. */
  #existingFolder(path: string, what: string): string {
    if (typeof path !== 'string' || path.length === 0) {
      throw setupError(ErrorCodes.BAD_OPTION, `${what}: the path must be a non-empty string.`);
    }
    const absolute = this.fromRoot(path);
    let isFolder = false;
    try {
      isFolder = statSync(absolute).isDirectory();
    } catch {}
    if (!isFolder) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${what}: the path does not exist or is not a folder: ${absolute}`,
        'Relative paths start at the server root (the startServer option root, default the current directory).',
      );
    }
    return absolute;
  }
}

function errorPagesIn(folder: Folder | undefined): ErrorPages | undefined {
  return folder === undefined ? undefined : ErrorPages.read(folder);
}
