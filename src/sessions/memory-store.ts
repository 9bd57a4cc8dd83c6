/**
 * The default session store: records in a Map, deep-frozen copies so nothing outside can change
 * them, swept on an unref'd timer and capped at `maxSessions` (the soonest-expiring go first).
 */
import { ErrorCodes, setupError } from '../errors.js';
import type { SessionData } from '../types.js';
import type { SessionChange } from './session.js';
import type { SessionRecord, SessionStore } from './store.js';

/** `new MemoryStore(options)`. */
export interface MemoryStoreOptions {
  /** The most sessions kept; past it the soonest-expiring are evicted. Default 100000. */
  maxSessions?: number;
  /** How often expired records are swept, in milliseconds. Default 60000. */
  sweepIntervalMs?: number;
}

interface Entry {
  record: SessionRecord;
  expiresAt: number;
}

/** @internal Reads a record without copying it (it is frozen): the session middleware's fast path. */
export const kPeek = Symbol('pode.memoryStore.peek');

/** The in-process session store. Not shared between processes: use a shared store with `threads`. */
export class MemoryStore implements SessionStore {
  readonly maxSessions: number;
  // Kept in expiry order (a record is moved to the end only when its expiry moves), so the
  // first entries are the soonest to expire: eviction and sweeping stop early.
  readonly #entries = new Map<string, Entry>();
  #timer: NodeJS.Timeout | undefined;

  constructor(options: MemoryStoreOptions = {}) {
    const maxSessions = options.maxSessions ?? 100_000;
    if (!Number.isInteger(maxSessions) || maxSessions < 1) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `maxSessions must be a whole number of 1 or more, but got: ${String(maxSessions)}`,
      );
    }
    this.maxSessions = maxSessions;
    const interval = options.sweepIntervalMs ?? 60_000;
    this.#timer = setInterval(() => this.sweep(), interval);
    this.#timer.unref();
  }

  /** How many records are kept (expired ones not yet swept included). */
  get size(): number {
    return this.#entries.size;
  }

  /** A copy of the record for `id`, or null when there is none or it has expired. */
  get(id: string): SessionRecord | null {
    const record = this[kPeek](id);
    return record === null ? null : structuredClone(record);
  }

  /** @internal The frozen record for `id`, or null. */
  [kPeek](id: string): SessionRecord | null {
    const entry = this.#entries.get(id);
    if (entry === undefined) return null;
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(id);
      return null;
    }
    return entry.record;
  }

  /** Stores a frozen copy of `record` until `expiry`. */
  set(id: string, record: SessionRecord, expiry: Date): void {
    this.#place(id, deepFreeze(structuredClone(record)), expiry.getTime());
  }

  /**
   * Applies top-level changes to the record for `id` in one step (copying only the changed
   * values); false when there is no record, so a removed session is never brought back.
   */
  update(
    id: string,
    change: SessionChange,
    metadata: SessionRecord['metadata'],
    expiry: Date,
  ): boolean {
    const current = this[kPeek](id);
    if (current === null) return false;
    const data: SessionData = { ...current.data };
    for (const key of change.unset) delete data[key];
    for (const key of Object.keys(change.set))
      data[key] = deepFreeze(structuredClone(change.set[key]));
    const record: SessionRecord = {
      version: 1,
      metadata: Object.freeze({ ...metadata }),
      data: Object.freeze(data),
    };
    this.#place(id, Object.freeze(record), expiry.getTime());
    return true;
  }

  #place(id: string, record: SessionRecord, expiresAt: number): void {
    const existing = this.#entries.get(id);
    if (existing !== undefined && existing.expiresAt === expiresAt) {
      existing.record = record;
      return;
    }
    if (existing !== undefined) this.#entries.delete(id);
    this.#entries.set(id, { record, expiresAt });
    if (this.#entries.size > this.maxSessions) this.#evict();
  }

  /** Deletes the record for `id`. */
  delete(id: string): void {
    this.#entries.delete(id);
  }

  /** Removes every expired record; returns how many were removed. */
  sweep(now = Date.now()): number {
    let removed = 0;
    for (const [id, entry] of this.#entries) {
      if (entry.expiresAt <= now) {
        this.#entries.delete(id);
        removed++;
      }
    }
    return removed;
  }

  /** Stops the sweep timer and drops every record. */
  close(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#entries.clear();
  }

  #evict(): void {
    // The first entries are the soonest to expire: drop them until back under the cap.
    for (const id of this.#entries.keys()) {
      if (this.#entries.size <= this.maxSessions) break;
      this.#entries.delete(id);
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
