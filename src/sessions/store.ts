/**
 * The session store contract (SPEC §6.3) and the guard every store call goes through: a failure
 * or a call slower than `storeTimeoutMs` becomes a {@link SessionStoreError} (answered 503).
 * Synchronous stores stay synchronous: no promise is made for them.
 */
import { ErrorCodes, SessionStoreError, setupError } from '../errors.js';
import { hashId } from '../logging.js';
import type { StoredSessionData } from '../types.js';
import type { SessionChange } from './session.js';

/**
 * @internal Set by a store that bounds each of its own calls (RedisStore: its `timeoutMs`). When
 * that bound is not longer than `storeTimeoutMs`, the session middleware adds no timer of its own
 * around the call: one timer per store call instead of two.
 */
export const kOwnCallTimeout: unique symbol = Symbol('pode-ts.ownCallTimeout');

/** The timer the guard needs around `store`'s calls: `storeTimeoutMs`, or none when the store's own is as short. */
export function guardTimeout(store: object, storeTimeoutMs: number): number | undefined {
  const own = (store as { [kOwnCallTimeout]?: unknown })[kOwnCallTimeout];
  return typeof own === 'number' && own <= storeTimeoutMs ? undefined : storeTimeoutMs;
}

/** What a store keeps for one session (as JSON, with ISO-8601 dates). */
export interface SessionRecord {
  version: 1;
  metadata: {
    created: string;
    expires: string;
    /** For a tab-scoped record: the id of the browser session it belongs to. */
    parent?: string;
  };
  data: StoredSessionData;
}

/** A session store: each method may be synchronous or return a promise. */
export interface SessionStore {
  /** The record for `id`, or null/undefined when there is none. */
  get(id: string): SessionRecord | null | undefined | Promise<SessionRecord | null | undefined>;
  /** Stores `record` for `id` until `expiry`. */
  set(id: string, record: SessionRecord, expiry: Date): unknown;
  /** Deletes the record for `id` (no error when there is none). */
  delete(id: string): unknown;
  /**
   * Optional: applies top-level changes to an existing record atomically, with new metadata and
   * expiry, and returns false when the record is gone (removed or regenerated meanwhile) so it is
   * not brought back. Without it the middleware reads, merges and writes.
   */
  update?(
    id: string,
    change: SessionChange,
    metadata: SessionRecord['metadata'],
    expiry: Date,
  ): boolean | Promise<boolean>;
  /**
   * Optional, for `scope: 'tab'`: the ids of the records stored with `metadata.parent === parentId`
   * (a browser session's tab records), the one saved longest ago first; null when this store
   * cannot list them. With it, removing or regenerating a session removes or moves every tab
   * record of it, and the number of tab records per session is capped (`maxTabs`). Without it,
   * only the requesting tab's record is removed or moved: the others are never read again (their
   * key names the old id) and go when their expiry comes.
   */
  children?(parentId: string): readonly string[] | null | Promise<readonly string[] | null>;
  /** Optional: release timers and connections when the server stops. */
  close?(): unknown;
}

const METHODS = ['get', 'set', 'delete'] as const;

/** Throws the SPEC's set-up error when `store` lacks one of get, set and delete. */
export function validateStore(store: unknown): asserts store is SessionStore {
  if (store === null || typeof store !== 'object') {
    throw setupError(
      ErrorCodes.SESSION_STORE_METHOD,
      "The custom session storage does not implement the required 'get()' method.",
      'Pass an object with get(id), set(id, record, expiry) and delete(id) methods.',
    );
  }
  for (const method of METHODS) {
    if (typeof (store as Record<string, unknown>)[method] !== 'function') {
      throw setupError(
        ErrorCodes.SESSION_STORE_METHOD,
        `The custom session storage does not implement the required '${method}()' method.`,
        'A store needs get(id), set(id, record, expiry) and delete(id), each sync or async.',
      );
    }
  }
}

/**
 * Calls a store method, bounding it by `timeoutMs` (none: the store bounds its calls itself) and
 * turning any failure into a SessionStoreError that carries a hash of the id (for the log line).
 */
export function guardStoreCall<T>(
  operation: string,
  id: string,
  call: () => T | Promise<T>,
  timeoutMs: number | undefined,
): T | Promise<T> {
  let result: T | Promise<T>;
  try {
    result = call();
  } catch (error) {
    throw new SessionStoreError(operation, error, hashId(id));
  }
  if (!isPromise(result)) return result;
  const failed = (error: unknown) => new SessionStoreError(operation, error, hashId(id));
  if (timeoutMs === undefined) {
    return result.then(undefined, (error: unknown) => {
      throw failed(error);
    });
  }
  return settleWithin(
    result,
    timeoutMs,
    () => failed(new Error(`timed out after ${timeoutMs} ms`)),
    failed,
  );
}

/**
 * Settles as `promise` does, or rejects with `timedOut()` once `ms` have passed: one promise and
 * one timer, cleared when `promise` settles (no Promise.race, no finally: with AsyncLocalStorage
 * on, Node 20 runs a hook for every promise made). `failed` maps a rejection's reason;
 * `settled`, if given, is called when `promise` settles, also after the time-out.
 */
export function settleWithin<T>(
  promise: PromiseLike<T>,
  ms: number,
  timedOut: () => unknown,
  failed: (error: unknown) => unknown = sameError,
  settled?: () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timedOut()), ms);
    promise.then(
      (value) => {
        settled?.();
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        settled?.();
        clearTimeout(timer);
        reject(failed(error));
      },
    );
  });
}

const sameError = (error: unknown): unknown => error;

/** Applies `value` to `fn` now when it is a plain value, or when it resolves. */
export function chain<T, R>(
  value: T | Promise<T>,
  fn: (value: T) => R | Promise<R>,
): R | Promise<R> {
  return isPromise(value) ? value.then(fn) : fn(value);
}

/** Checks that a value read from a store looks like a record this version can use. */
export function isUsableRecord(value: unknown): value is SessionRecord {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Partial<SessionRecord>;
  return (
    record.version === 1 &&
    typeof record.metadata === 'object' &&
    record.metadata !== null &&
    typeof record.metadata.expires === 'string' &&
    typeof record.data === 'object' &&
    record.data !== null &&
    !Array.isArray(record.data)
  );
}

export function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return (
    value !== null && typeof value === 'object' && typeof (value as Promise<T>).then === 'function'
  );
}
