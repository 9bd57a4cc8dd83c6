/**
 * The cache's free functions (Pode's `Get-PodeCache`, `Set-PodeCache`, `$cache:name`…): usable in
 * the set-up, in routes, timers and anywhere else, on the cache of the current server. Every one
 * resolves a promise, since a custom storage may be asynchronous (Redis).
 */
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import { type CacheItem, type CacheStorageOptions, currentCache } from './registry.js';

/** `getCache` options. */
export interface GetCacheOptions {
  /** A storage added with `s.addCacheStorage`; default: the default storage (in memory unless set). */
  storage?: string;
  /** Resolve to the item (`{ value, ttl, expiry }` in memory; the storage's own shape otherwise). */
  metadata?: boolean;
}

/** `setCache` options. */
export interface SetCacheOptions {
  /** Seconds until the key expires; 0 or none: the default TTL (`setCacheDefaultTtl`, 3600). */
  ttl?: number;
  storage?: string;
}

/** Options of `testCache`, `removeCache` and `clearCache`. */
export interface CacheStorageChoice {
  storage?: string;
}

const GET_KEYS = optionKeys<GetCacheOptions>({ storage: true, metadata: true });
const SET_KEYS = optionKeys<SetCacheOptions>({ ttl: true, storage: true });
const CHOICE_KEYS = optionKeys<CacheStorageChoice>({ storage: true });

/** The key's value (`Get-PodeCache`, `$cache:key`), or null when missing or expired. */
export async function getCache<T = unknown>(
  key: string,
  options: GetCacheOptions = {},
): Promise<T | null> {
  rejectUnknownKeys('getCache()', options, GET_KEYS);
  const cache = currentCache();
  checkKey('getCache', key);
  const storage = cache.storage(options.storage, `getCache('${key}')`);
  if (storage !== undefined)
    return ((await storage.get(key, options.metadata === true)) ?? null) as T | null;
  const item = cache.liveItem(key);
  if (item === undefined) return null;
  return (options.metadata === true ? { ...item } : item.value) as T;
}

/** Creates or replaces a key (`Set-PodeCache`, `$cache:key = value`). */
export async function setCache(
  key: string,
  value: unknown,
  options: SetCacheOptions = {},
): Promise<void> {
  rejectUnknownKeys('setCache()', options, SET_KEYS);
  const cache = currentCache();
  checkKey('setCache', key);
  if (options.ttl !== undefined && (typeof options.ttl !== 'number' || Number.isNaN(options.ttl)))
    throw cache.error(
      `setCache('${key}'): ttl must be a number of seconds, but got: ${String(options.ttl)}`,
    );
  const ttl = options.ttl === undefined || options.ttl <= 0 ? cache.defaultTtl : options.ttl;
  const storage = cache.storage(options.storage, `setCache('${key}')`);
  if (storage === undefined) cache.setItem(key, value, ttl);
  else await storage.set(key, value, ttl);
}

/** True when the key exists and has not expired (`Test-PodeCache`). */
export async function testCache(key: string, options: CacheStorageChoice = {}): Promise<boolean> {
  rejectUnknownKeys('testCache()', options, CHOICE_KEYS);
  const cache = currentCache();
  checkKey('testCache', key);
  const storage = cache.storage(options.storage, `testCache('${key}')`);
  if (storage === undefined) return cache.liveItem(key) !== undefined;
  return Boolean(await storage.test(key));
}

/** Removes a key (`Remove-PodeCache`). */
export async function removeCache(key: string, options: CacheStorageChoice = {}): Promise<void> {
  rejectUnknownKeys('removeCache()', options, CHOICE_KEYS);
  const cache = currentCache();
  checkKey('removeCache', key);
  const storage = cache.storage(options.storage, `removeCache('${key}')`);
  if (storage === undefined) cache.items.delete(key);
  else await storage.remove(key);
}

/** Removes every key (`Clear-PodeCache`). */
export async function clearCache(options: CacheStorageChoice = {}): Promise<void> {
  rejectUnknownKeys('clearCache()', options, CHOICE_KEYS);
  const cache = currentCache();
  const storage = cache.storage(options.storage, 'clearCache()');
  if (storage === undefined) cache.items.clear();
  else await storage.clear();
}

/** Adds a custom storage while the server runs (`Add-PodeCacheStorage` outside the set-up). */
export function addCacheStorage(options: CacheStorageOptions): void {
  currentCache().addStorage(options);
}

/** The storage added under this name (`Get-PodeCacheStorage`), or null. */
export function getCacheStorage(name: string): CacheStorageOptions | null {
  return currentCache().storages.get(name) ?? null;
}

/** True when a storage of this name was added (`Test-PodeCacheStorage`). */
export function testCacheStorage(name: string): boolean {
  return currentCache().storages.has(name);
}

/** Removes a storage (`Remove-PodeCacheStorage`); when it was the default, the in-memory cache is again. */
export function removeCacheStorage(name: string): void {
  const cache = currentCache();
  cache.storages.delete(name);
  if (cache.defaultStorage === name) cache.defaultStorage = undefined;
}

/** Makes a storage the default (`Set-PodeCacheDefaultStorage`); it must have been added. */
export function setCacheDefaultStorage(name: string): void {
  const cache = currentCache();
  cache.storage(name, 'setCacheDefaultStorage()');
  cache.defaultStorage = name;
}

/** The default storage's name (`Get-PodeCacheDefaultStorage`), or null for the in-memory cache. */
export function getCacheDefaultStorage(): string | null {
  return currentCache().defaultStorage ?? null;
}

/** Sets the default TTL in seconds (`Set-PodeCacheDefaultTtl`); 0 or less is ignored, as in Pode. */
export function setCacheDefaultTtl(value: number): void {
  const cache = currentCache();
  if (typeof value !== 'number' || Number.isNaN(value))
    throw cache.error(
      `setCacheDefaultTtl: the TTL must be a number of seconds, but got: ${String(value)}`,
    );
  if (value > 0) cache.defaultTtl = value;
}

/** The default TTL in seconds (`Get-PodeCacheDefaultTtl`): 3600 unless set. */
export function getCacheDefaultTtl(): number {
  return currentCache().defaultTtl;
}

export type { CacheItem };

function checkKey(operation: string, key: unknown): void {
  if (typeof key !== 'string' || key === '')
    throw currentCache().error(
      `${operation}() needs a non-empty string key, but got: ${JSON.stringify(key) ?? String(key)}`,
    );
}
