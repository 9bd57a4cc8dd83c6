/**
 * `pode-ts/redis`: the Redis session store. ioredis is an optional peer dependency: install it
 * beside pode-ts and pass a client, `new RedisStore({ client: new Redis(url) })`.
 *
 * @module pode-ts/redis
 */

export type { RedisStateStoreOptions } from '../background/redis-store.js';
export { RedisStateStore } from '../background/redis-store.js';
export type { RedisStoreOptions } from './store.js';
export { RedisStore } from './store.js';
