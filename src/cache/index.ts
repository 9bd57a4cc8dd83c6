/** Pode's cache: `getCache`, `setCache`, `$cache:name`, custom storages (docs/caching.md). */
export type { CacheStorageChoice, GetCacheOptions, SetCacheOptions } from './functions.js';
export {
  addCacheStorage,
  clearCache,
  getCache,
  getCacheDefaultStorage,
  getCacheDefaultTtl,
  getCacheStorage,
  removeCache,
  removeCacheStorage,
  setCache,
  setCacheDefaultStorage,
  setCacheDefaultTtl,
  testCache,
  testCacheStorage,
} from './functions.js';
export type { CacheItem, CacheStorage, CacheStorageOptions } from './registry.js';
export { CacheError } from './registry.js';
