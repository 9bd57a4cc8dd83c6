/**
 * The rate rules' counters, on rate-limiter-flexible's fixed window (Pode's algorithm: a count
 * per key that resets `duration` after its first request): in memory for one process, or in
 * Redis (one atomic INCR+EXPIRE script per request) so that every process sharing the Redis
 * shares the count. The library loads when the first rate rule is added.
 */
import { createRequire } from 'node:module';
import type { Cluster, Redis } from 'ioredis';

type RateLimiterFlexible = typeof import('rate-limiter-flexible');

/** The outcome of counting one request. */
export interface CountResult {
  allowed: boolean;
  /** Milliseconds until the key's window ends. */
  msBeforeNext: number;
}

/** Counts requests per key: at once in memory, through a promise with Redis. */
export interface Counter {
  consume(key: string): CountResult | Promise<CountResult>;
}

/** rate-limiter-flexible's in-memory fixed-window store (what its RateLimiterMemory counts with). */
interface MemoryStorage {
  incrby(
    key: string,
    value: number,
    durationSec: number,
  ): { consumedPoints: number; msBeforeNext: number };
}

const require = createRequire(import.meta.url);
let library: RateLimiterFlexible | undefined;

function load(): RateLimiterFlexible {
  library ??= require('rate-limiter-flexible') as RateLimiterFlexible;
  return library;
}

/** A counter allowing `limit` requests per key in each window of `durationMs`. */
export function createCounter(options: {
  limit: number;
  durationMs: number;
  keyPrefix: string;
  redis: Redis | Cluster | undefined;
}): Counter {
  const limit = options.limit;
  const durationSec = options.durationMs / 1000;
  if (options.redis === undefined) {
    // Its store, without RateLimiterMemory's promise per request: counting in memory is synchronous,
    // and a promise would turn every limited request's pipeline asynchronous.
    const MemoryStorageClass =
      require('rate-limiter-flexible/lib/component/MemoryStorage/MemoryStorage.js') as new () => MemoryStorage;
    const storage = new MemoryStorageClass();
    return {
      consume: (key) => {
        const result = storage.incrby(key, 1, durationSec);
        return { allowed: result.consumedPoints <= limit, msBeforeNext: result.msBeforeNext };
      },
    };
  }
  const { RateLimiterRedis } = load();
  const limiter = new RateLimiterRedis({
    points: limit,
    duration: durationSec,
    keyPrefix: options.keyPrefix,
    storeClient: options.redis,
  });
  return {
    consume: (key) =>
      limiter.consume(key).then(
        (result) => ({ allowed: true, msBeforeNext: result.msBeforeNext }),
        (rejection: unknown) => {
          // The library rejects with its result when the limit is passed, with an Error when the store fails.
          if (rejection instanceof Error) throw rejection;
          return {
            allowed: false,
            msBeforeNext: (rejection as { msBeforeNext: number }).msBeforeNext,
          };
        },
      ),
  };
}
