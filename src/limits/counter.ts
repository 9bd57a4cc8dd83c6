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

/** Counts requests per key: memory or Redis. */
export interface Counter {
  consume(key: string): Promise<CountResult>;
}

let library: RateLimiterFlexible | undefined;

function load(): RateLimiterFlexible {
  library ??= createRequire(import.meta.url)('rate-limiter-flexible') as RateLimiterFlexible;
  return library;
}

/** A counter allowing `limit` requests per key in each window of `durationMs`. */
export function createCounter(options: {
  limit: number;
  durationMs: number;
  keyPrefix: string;
  redis: Redis | Cluster | undefined;
}): Counter {
  const { RateLimiterMemory, RateLimiterRedis } = load();
  const settings = {
    points: options.limit,
    duration: options.durationMs / 1000,
    keyPrefix: options.keyPrefix,
  };
  const limiter =
    options.redis === undefined
      ? new RateLimiterMemory(settings)
      : new RateLimiterRedis({ ...settings, storeClient: options.redis });
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
