/**
 * `RedisStateStore`: shared state in Redis, for every process and machine using the same Redis
 * and prefix. Values are kept as JSON in one hash (`<prefix>values`), so each read is a copy:
 * change it and write it back with `setState`. Named locks are redis-semaphore mutexes
 * (`<prefix>lock:<name>`) with an expiry refreshed while held, so a holder that dies frees the
 * lock within `lockTimeout`. A schedule tick is claimed with `SET <prefix>claim:<tick> NX PX`,
 * so each tick runs on one machine.
 */
import type { Cluster, Redis } from 'ioredis';
import { BackgroundError, ErrorCodes, SetupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type { StateEntry, StateStore } from './store.js';

/** `new RedisStateStore(options)`. */
export interface RedisStateStoreOptions {
  /** An ioredis client; never closed by pode-ts. */
  client: Redis | Cluster;
  /** Prepended to every key. Default `'pode:state:'`. */
  prefix?: string;
  /** Milliseconds a lock lives without its holder refreshing it (a dead holder's lock frees after it). Default 10000. */
  lockTimeout?: number;
  /** Milliseconds to wait for a lock before failing. Default 60000. */
  acquireTimeout?: number;
}

const OPTION_KEYS = optionKeys<RedisStateStoreOptions>({
  client: true,
  prefix: true,
  lockTimeout: true,
  acquireTimeout: true,
});

/** Shared state, named locks and schedule ticks in Redis (ioredis). */
export class RedisStateStore implements StateStore {
  readonly copies = true;
  readonly prefix: string;
  readonly #client: Redis | Cluster;
  readonly #lockTimeout: number;
  readonly #acquireTimeout: number;

  constructor(options: RedisStateStoreOptions) {
    rejectUnknownKeys('new RedisStateStore()', options, OPTION_KEYS);
    if (
      options?.client === undefined ||
      typeof (options.client as { hget?: unknown }).hget !== 'function'
    ) {
      throw new SetupError(
        ErrorCodes.STATE,
        'RedisStateStore needs an ioredis client: new RedisStateStore({ client: new Redis(url) }).',
      );
    }
    this.#client = options.client;
    this.prefix = options.prefix ?? 'pode:state:';
    this.#lockTimeout = positive('lockTimeout', options.lockTimeout ?? 10_000);
    this.#acquireTimeout = positive('acquireTimeout', options.acquireTimeout ?? 60_000);
  }

  get #hash(): string {
    return `${this.prefix}values`;
  }

  async get(name: string): Promise<StateEntry | undefined> {
    const text = await this.#client.hget(this.#hash, name);
    return text === null ? undefined : parse(name, text);
  }

  async set(name: string, entry: StateEntry): Promise<void> {
    await this.#client.hset(this.#hash, name, serialise(name, entry));
  }

  async remove(name: string): Promise<StateEntry | undefined> {
    const [[, text]] = (await this.#client
      .multi()
      .hget(this.#hash, name)
      .hdel(this.#hash, name)
      .exec()) as [[unknown, string | null], unknown];
    return text === null ? undefined : parse(name, text);
  }

  async list(): Promise<{ name: string; scope: string[] }[]> {
    const all = await this.#client.hgetall(this.#hash);
    return Object.entries(all).map(([name, text]) => ({ name, scope: parse(name, text).scope }));
  }

  async entries(names: readonly string[]): Promise<Record<string, StateEntry>> {
    if (names.length === 0) return {};
    const texts = await this.#client.hmget(this.#hash, ...names);
    const result: Record<string, StateEntry> = {};
    names.forEach((name, index) => {
      const text = texts[index];
      if (text !== null && text !== undefined) result[name] = parse(name, text);
    });
    return result;
  }

  async replace(entries: Record<string, StateEntry>, merge: boolean): Promise<void> {
    const fields: string[] = [];
    for (const [name, entry] of Object.entries(entries)) fields.push(name, serialise(name, entry));
    const transaction = this.#client.multi();
    if (!merge) transaction.del(this.#hash);
    if (fields.length > 0) transaction.hset(this.#hash, ...fields);
    await transaction.exec();
  }

  async lock<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    const { Mutex } = await import('redis-semaphore');
    const mutex = new Mutex(this.#client as Redis, `${this.prefix}lock:${name}`, {
      lockTimeout: this.#lockTimeout,
      acquireTimeout: this.#acquireTimeout,
      retryInterval: 5,
      refreshInterval: Math.floor(this.#lockTimeout * 0.5),
    });
    try {
      await mutex.acquire();
    } catch (error) {
      throw new BackgroundError(
        ErrorCodes.LOCK,
        `The lock '${name}' could not be taken: ${(error as Error).message}`,
      );
    }
    try {
      return await fn();
    } finally {
      await mutex.release().catch(() => {});
    }
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await this.#client.set(`${this.prefix}claim:${key}`, '1', 'PX', ttlMs, 'NX')) === 'OK';
  }

  /** The client is the caller's: it stays open. */
  async close(): Promise<void> {}
}

function serialise(name: string, entry: StateEntry): string {
  try {
    return JSON.stringify({ v: entry.value ?? null, s: entry.scope });
  } catch (error) {
    throw new BackgroundError(
      ErrorCodes.STATE,
      `State '${name}' cannot be kept in Redis as JSON: ${(error as Error).message}`,
    );
  }
}

function parse(name: string, text: string): StateEntry {
  try {
    const { v, s } = JSON.parse(text) as { v: unknown; s: string[] };
    return { value: v, scope: Array.isArray(s) ? s : [] };
  } catch {
    throw new BackgroundError(ErrorCodes.STATE, `State '${name}' in Redis is not pode-ts JSON.`);
  }
}

function positive(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new SetupError(
      ErrorCodes.STATE,
      `RedisStateStore: ${name} must be milliseconds (a whole number of 1 or more), but got: ${String(value)}.`,
    );
  }
  return value;
}
