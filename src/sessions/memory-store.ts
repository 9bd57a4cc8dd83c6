/**
 * The default session store: records in a Map, deep-frozen copies so nothing outside can change
 * them, swept on an unref'd timer and capped at `maxSessions` (the soonest-expiring go first).
 *
 * The Map is kept in expiry order: a record whose expiry moves is moved to the end, and with one
 * duration for every session (the usual case) the end is where the latest expiry belongs. An
 * expiry that arrives out of order marks the Map unordered, and the next eviction or sweep sorts
 * it once. So a request costs a Map move, never a search, and a flood of new sessions evicts
 * from the head.
 */
import { ErrorCodes, setupError } from '../errors.js';
import type { SessionData } from '../types.js';
import { cloneData, frozenCopy, ownString } from './clone.js';
import type { SessionChange } from './session.js';
import type { SessionRecord, SessionStore } from './store.js';

/** `new MemoryStore(options)`. */
export interface MemoryStoreOptions {
  /** The most sessions kept; past it the soonest-expiring are evicted. Default 100000. */
  maxSessions?: number;
  /** How often expired records are swept, in milliseconds. Default 60000. */
  sweepIntervalMs?: number;
}

/**
 * @internal A stored session: its data (deep-frozen) and times as numbers, no record object (the
 * record a caller of get() sees is made on demand). Few objects per session keep GC work low.
 */
export interface MemoryEntry {
  /** The id, as a string of its own (see ownString). */
  readonly id: string;
  data: SessionData;
  expiresAt: number;
  createdAt: number;
  /** `created` as the string a set() record carried; undefined when it is createdAt's ISO form. */
  createdIso: string | undefined;
  parent: string | undefined;
}

/** @internal Reads an entry without copying its data (it is frozen): the middleware's fast path. */
export const kPeek = Symbol('pode.memoryStore.peek');

/** @internal Writes a session without a record object: the middleware's fast path. */
export const kWrite = Symbol('pode.memoryStore.write');

/** @internal Updates a session without a Date or metadata object: the middleware's fast path. */
export const kUpdate = Symbol('pode.memoryStore.update');

/** The in-process session store. Not shared between processes: use a shared store with `threads`. */
export class MemoryStore implements SessionStore {
  readonly maxSessions: number;
  readonly #entries = new Map<string, MemoryEntry>();
  /** The latest expiry appended; an earlier one appended after it breaks the order. */
  #lastExpiry = Number.NEGATIVE_INFINITY;
  #ordered = true;
  /** Records placed since the last sort: sorting waits for a tenth of the store (amortised cost). */
  #placedSinceSort = 0;
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
    const entry = this[kPeek](id);
    if (entry === null) return null;
    const metadata: SessionRecord['metadata'] = {
      created: entry.createdIso ?? new Date(entry.createdAt).toISOString(),
      expires: new Date(entry.expiresAt).toISOString(),
    };
    if (entry.parent !== undefined) metadata.parent = entry.parent;
    return { version: 1, metadata, data: cloneData(entry.data) };
  }

  /** @internal The entry for `id` (its record frozen), or null when there is none or it expired. */
  [kPeek](id: string): MemoryEntry | null {
    const entry = this.#entries.get(id);
    if (entry === undefined) return null;
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(id);
      return null;
    }
    return entry;
  }

  /** Stores a frozen copy of `record` until `expiry`. */
  set(id: string, record: SessionRecord, expiry: Date): void {
    const createdIso = String(record.metadata?.created);
    const created = Date.parse(createdIso);
    this.#insert({
      id: ownString(id),
      data: frozenCopy(record.data),
      expiresAt: expiry.getTime(),
      createdAt: Number.isNaN(created) ? Date.now() : created,
      createdIso,
      parent: record.metadata?.parent,
    });
  }

  /**
   * @internal The middleware's write: the same as set() without building or parsing a record.
   * `id` must be a string of its own (see ownString): it is kept as the key.
   */
  [kWrite](
    id: string,
    data: SessionData,
    expiresAt: number,
    createdAt: number,
    parent: string | undefined,
  ): void {
    this.#insert({
      id,
      data: frozenCopy(data),
      expiresAt,
      createdAt,
      createdIso: undefined,
      parent,
    });
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
    const entry = this[kUpdate](id, change, expiry.getTime(), metadata.parent);
    if (entry === null) return false;
    const created = Date.parse(metadata.created);
    if (!Number.isNaN(created)) entry.createdAt = created;
    entry.createdIso = metadata.created;
    return true;
  }

  /** @internal update() with the expiry as a number (no Date, no metadata object): the entry, or null. */
  [kUpdate](
    id: string,
    change: SessionChange,
    expiresAt: number,
    parent: string | undefined,
  ): MemoryEntry | null {
    const entry = this[kPeek](id);
    if (entry === null) return null;
    const setKeys = Object.keys(change.set);
    if (change.unset.length > 0 || setKeys.length > 0) {
      const copy: SessionData = { ...entry.data };
      for (const key of change.unset) delete copy[key];
      for (const key of setKeys) copy[key] = frozenCopy(change.set[key]);
      entry.data = Object.freeze(copy);
    }
    entry.parent = parent;
    if (entry.expiresAt !== expiresAt) {
      // A new expiry belongs at the end: move the entry there (same expiry: it keeps its place).
      this.#entries.delete(entry.id);
      entry.expiresAt = expiresAt;
      this.#entries.set(entry.id, entry);
      this.#appended(expiresAt);
    }
    return entry;
  }

  /** Deletes the record for `id`. */
  delete(id: string): void {
    this.#entries.delete(id);
  }

  /** Removes every expired record; returns how many were removed. */
  sweep(now = Date.now()): number {
    this.#sort();
    let removed = 0;
    for (const [id, entry] of this.#entries) {
      if (entry.expiresAt > now) break;
      this.#entries.delete(id);
      removed++;
    }
    return removed;
  }

  /** Stops the sweep timer and drops every record. */
  close(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#entries.clear();
    this.#lastExpiry = Number.NEGATIVE_INFINITY;
    this.#ordered = true;
  }

  // Adds a new entry at the end (in expiry order). One Map probe when the id is new, the usual
  // case; an id already stored is replaced and moved to the end.
  #insert(entry: MemoryEntry): void {
    const entries = this.#entries;
    const size = entries.size;
    entries.set(entry.id, entry);
    if (entries.size === size) {
      entries.delete(entry.id);
      entries.set(entry.id, entry);
    }
    this.#appended(entry.expiresAt);
  }

  // Book-keeping after an entry went to the end of the Map: order, then the cap.
  #appended(expiresAt: number): void {
    this.#placedSinceSort++;
    if (expiresAt >= this.#lastExpiry) this.#lastExpiry = expiresAt;
    else this.#ordered = false;
    if (this.#entries.size > this.maxSessions) this.#evict();
  }

  #evict(): void {
    // Out of order, the head is only roughly the soonest: sort again once enough has changed.
    if (this.#placedSinceSort * 10 >= this.#entries.size) this.#sort();
    // Evict a batch (1/64 of the cap) at once: a Map walks past the holes its deletions leave at
    // the head, so deleting one entry per insert would cost a walk over thousands of holes each.
    const target = this.maxSessions - Math.floor(this.maxSessions / 64);
    for (const id of this.#entries.keys()) {
      if (this.#entries.size <= target) break;
      this.#entries.delete(id);
    }
  }

  // Puts the Map back in expiry order after an out-of-order expiry (rare: mixed lifetimes).
  #sort(): void {
    this.#placedSinceSort = 0;
    if (this.#ordered) return;
    const sorted = [...this.#entries].sort((a, b) => a[1].expiresAt - b[1].expiresAt);
    this.#entries.clear();
    for (const [id, entry] of sorted) this.#entries.set(id, entry);
    this.#lastExpiry =
      sorted.length === 0 ? Number.NEGATIVE_INFINITY : sorted[sorted.length - 1][1].expiresAt;
    this.#ordered = true;
  }
}
