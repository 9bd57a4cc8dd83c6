/**
 * One server's cache (Pode's `Set-PodeCache`, `$cache:name`…): the in-memory items with their
 * expiry, the custom storages added with `s.addCacheStorage`, the default TTL and the default
 * storage. The builder creates it; the free functions (`getCache`, `setCache`…) act on the
 * cache of the server being set up or running in this process.
 */
import { ErrorCodes, PodeError, SetupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';

/** A custom cache storage (`Add-PodeCacheStorage`): each function may be async. */
export interface CacheStorage {
  /** The key's value, or null/undefined when missing; with `metadata`, whatever the storage keeps about it. */
  get(key: string, metadata: boolean): unknown;
  /** Creates or replaces the key's value, to expire after `ttl` seconds. */
  set(key: string, value: unknown, ttl: number): unknown;
  /** Removes the key. */
  remove(key: string): unknown;
  /** Whether the key exists (and has not expired). */
  test(key: string): unknown;
  /** Removes every key (a no-op function when the storage cannot). */
  clear(): unknown;
}

/** `s.addCacheStorage` options. */
export interface CacheStorageOptions extends CacheStorage {
  /** The storage's name, for the `storage` option of `getCache`/`setCache`… */
  name: string;
  /** Make it the default storage (instead of the in-memory cache). Default false. */
  default?: boolean;
}

/** A cached item of the in-memory storage, as `getCache(key, { metadata: true })` returns it. */
export interface CacheItem<T = unknown> {
  value: T;
  /** Seconds it was set for. */
  ttl: number;
  expiry: Date;
}

/** A cache misuse at run time (an unknown storage, a bad key): the request is answered 500. */
export class CacheError extends PodeError {
  constructor(message: string, hint?: string) {
    super(ErrorCodes.CACHE, message, hint);
  }
}

const STORAGE_KEYS = optionKeys<CacheStorageOptions>({
  name: true,
  get: true,
  set: true,
  remove: true,
  test: true,
  clear: true,
  default: true,
});
const STORAGE_FUNCTIONS = ['get', 'set', 'remove', 'test', 'clear'] as const;
/** Pode's default TTL when `Set-PodeCacheDefaultTtl` was not called: an hour. */
const DEFAULT_TTL = 3600;
/** How often expired in-memory items are swept (Pode's housekeeper runs every 10 s). */
const SWEEP_MS = 10_000;

/** The cache of one server. */
export class CacheSettings {
  readonly items = new Map<string, CacheItem>();
  readonly storages = new Map<string, CacheStorageOptions>();
  defaultTtl = DEFAULT_TTL;
  defaultStorage: string | undefined;
  /** False while the set-up runs: misuse then throws a SetupError. */
  running = false;
  #sweeper: NodeJS.Timeout | undefined;

  /** `serverOwned`: made by a server's builder (it becomes the current cache). */
  constructor(serverOwned = true) {
    if (serverOwned) current = this;
    else this.running = true;
  }

  /** Adds a custom storage (`Add-PodeCacheStorage`). */
  addStorage(options: CacheStorageOptions): void {
    const where = 's.addCacheStorage()';
    if (options === null || typeof options !== 'object')
      throw this.error(
        `${where} needs an options object.`,
        "s.addCacheStorage({ name: 'redis', get, set, remove, test, clear })",
      );
    rejectUnknownKeys(where, options, STORAGE_KEYS);
    if (typeof options.name !== 'string' || options.name.trim() === '')
      throw this.error(`${where} needs a non-empty name.`, "Give it a name: { name: 'redis', … }.");
    if (this.storages.has(options.name))
      throw this.error(
        `A cache storage named '${options.name}' already exists.`,
        'Give each storage its own name, or remove the old one first with removeCacheStorage().',
      );
    for (const fn of STORAGE_FUNCTIONS) {
      if (typeof options[fn] !== 'function')
        throw this.error(
          `The cache storage '${options.name}' does not implement the required '${fn}()' function.`,
          'A storage needs get(key, metadata), set(key, value, ttl), remove(key), test(key) and clear() (an empty function when it cannot clear).',
        );
    }
    this.storages.set(options.name, { ...options });
    if (options.default === true) this.defaultStorage = options.name;
  }

  /** The storage to use: the one named, else the default; undefined means the in-memory cache. */
  storage(name: string | undefined, operation: string): CacheStorage | undefined {
    const chosen = name === undefined || name === '' ? this.defaultStorage : name;
    if (chosen === undefined || chosen === '') return undefined;
    const storage = this.storages.get(chosen);
    if (storage === undefined)
      throw this.error(
        `${operation}: no cache storage named '${chosen}'.`,
        `Add it first with s.addCacheStorage({ name: '${chosen}', … })${this.storages.size > 0 ? `; the storages are: ${[...this.storages.keys()].join(', ')}` : ''}.`,
      );
    return storage;
  }

  /** Checks the set-up once it is complete: the default storage must exist. */
  build(): void {
    if (this.defaultStorage !== undefined) this.storage(this.defaultStorage, 'The default storage');
    this.running = true;
  }

  /** An in-memory item that has not expired (an expired one is removed). */
  liveItem(key: string): CacheItem | undefined {
    const item = this.items.get(key);
    if (item === undefined) return undefined;
    if (item.expiry.getTime() < Date.now()) {
      this.items.delete(key);
      return undefined;
    }
    return item;
  }

  setItem(key: string, value: unknown, ttl: number): void {
    this.items.set(key, { value, ttl, expiry: new Date(Date.now() + ttl * 1000) });
    this.#sweeper ??= setInterval(() => this.#sweep(), SWEEP_MS).unref();
  }

  /** A SetupError during the set-up, a CacheError once running. */
  error(message: string, hint?: string): PodeError {
    return this.running
      ? new CacheError(message, hint)
      : new SetupError(ErrorCodes.CACHE, message, hint);
  }

  #sweep(): void {
    const now = Date.now();
    for (const [key, item] of this.items) if (item.expiry.getTime() < now) this.items.delete(key);
    if (this.items.size === 0 && this.#sweeper !== undefined) {
      clearInterval(this.#sweeper);
      this.#sweeper = undefined;
    }
  }
}

let current: CacheSettings | undefined;
let fallback: CacheSettings | undefined;

/** The cache of the server being set up or running in this process; outside any, a process-wide one. */
export function currentCache(): CacheSettings {
  if (current !== undefined) return current;
  fallback ??= new CacheSettings(false);
  return fallback;
}
