/**
 * `RedisStateStore`: shared state in Redis, for every process and machine using the same Redis
 * and prefix. Values are kept as JSON in one hash (`<prefix>values`, their scopes in `<prefix>scopes`), so each read is a copy:
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

  /** The values, JSON, by name. */
  get #values(): string {
    return `${this.prefix}values`;
  }

  /** The scopes, a JSON array, by name (absent: none). */
  get #scopes(): string {
    return `${this.prefix}scopes`;
  }

  async get(name: string): Promise<StateEntry | undefined> {
    const results = (await this.#client
      .multi()
      .hget(this.#values, name)
      .hget(this.#scopes, name)
      .exec()) as [unknown, string | null][];
    const value = results[0][1];
    return value === null ? undefined : { value: parse(name, value), scope: scopes(results[1][1]) };
  }

  async set(name: string, value: unknown, scope: string[] | undefined): Promise<void> {
    const text = serialise(name, value);
    if (scope === undefined) {
      await this.#client.hset(this.#values, name, text);
      return;
    }
    await this.#client
      .multi()
      .hset(this.#values, name, text)
      .hset(this.#scopes, name, JSON.stringify(scope))
      .exec();
  }

  async remove(name: string): Promise<StateEntry | undefined> {
    const results = (await this.#client
      .multi()
      .hget(this.#values, name)
      .hget(this.#scopes, name)
      .hdel(this.#values, name)
      .hdel(this.#scopes, name)
      .exec()) as [unknown, string | null][];
    const value = results[0][1];
    return value === null ? undefined : { value: parse(name, value), scope: scopes(results[1][1]) };
  }

  async list(): Promise<{ name: string; scope: string[] }[]> {
    const [names, all] = await Promise.all([
      this.#client.hkeys(this.#values),
      this.#client.hgetall(this.#scopes),
    ]);
    return names.map((name) => ({ name, scope: scopes(all[name] ?? null) }));
  }

  async entries(names: readonly string[]): Promise<Record<string, StateEntry>> {
    if (names.length === 0) return {};
    const [values, scopeTexts] = await Promise.all([
      this.#client.hmget(this.#values, ...names),
      this.#client.hmget(this.#scopes, ...names),
    ]);
    const result: Record<string, StateEntry> = {};
    names.forEach((name, index) => {
      const text = values[index];
      if (text !== null && text !== undefined)
        result[name] = { value: parse(name, text), scope: scopes(scopeTexts[index] ?? null) };
    });
    return result;
  }

  async replace(entries: Record<string, StateEntry>, merge: boolean): Promise<void> {
    const values: string[] = [];
    const scopeFields: string[] = [];
    for (const [name, entry] of Object.entries(entries)) {
      values.push(name, serialise(name, entry.value));
      scopeFields.push(name, JSON.stringify(entry.scope));
    }
    const transaction = this.#client.multi();
    if (!merge) transaction.del(this.#values, this.#scopes);
    if (values.length > 0) {
      transaction.hset(this.#values, ...values);
      transaction.hset(this.#scopes, ...scopeFields);
    }
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

function serialise(name: string, value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new BackgroundError(
      ErrorCodes.STATE,
      `State '${name}' cannot be kept in Redis as JSON: ${(error as Error).message}`,
    );
  }
  return text ?? 'null';
}

function parse(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BackgroundError(ErrorCodes.STATE, `State '${name}' in Redis is not JSON.`);
  }
}

function scopes(text: string | null): string[] {
  if (text === null) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
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
