/**
 * The default session store: records in Maps, deep-frozen copies so nothing outside can change
 * them, swept on an unref'd timer and capped at `maxSessions`.
 *
 * Authenticated and anonymous sessions are kept apart, each in a Map of its own, so that anonymous
 * ones, which anyone can create by the thousand without a password, never push a logged-in user
 * out: anonymous sessions are capped at `maxAnonymousSessions` and are always the first evicted
 * (the soonest-expiring first); authenticated sessions are evicted only by other authenticated
 * ones, once they alone fill `maxSessions`. A session counts as authenticated when its data holds
 * a login (`auth.isAuthenticated`, written by authentication); a tab record when its browser
 * session does.
 *
 * Each Map is kept in expiry order: a record whose expiry moves is moved to the end, and with one
 * duration for every session (the usual case) the end is where the latest expiry belongs. An
 * expiry that arrives out of order marks the Map unordered, and the next eviction or sweep sorts
 * it once. So a request costs a Map move, never a search, and a flood of new sessions evicts
 * from the head.
 */
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type { StoredSessionData } from '../types.js';
import { cloneData, ownString, storableCopy } from './clone.js';
import type { SessionChange } from './session.js';
import type { SessionRecord, SessionStore } from './store.js';

/** `new MemoryStore(options)`. */
export interface MemoryStoreOptions {
  /**
   * The most sessions kept, anonymous and authenticated together. Past it anonymous sessions are
   * evicted first; authenticated ones only when they alone fill it. Default 100000.
   */
  maxSessions?: number;
  /**
   * The most anonymous sessions (without a login) kept; past it the soonest-expiring anonymous
   * ones are evicted. From 1 to `maxSessions`; default `maxSessions`.
   */
  maxAnonymousSessions?: number;
  /** How often expired records are swept, in milliseconds. Default 60000. */
  sweepIntervalMs?: number;
}

const MEMORY_STORE_KEYS = optionKeys<MemoryStoreOptions>({
  maxSessions: true,
  maxAnonymousSessions: true,
  sweepIntervalMs: true,
});

/**
 * @internal A stored session: its data (deep-frozen) and times as numbers, no record object (the
 * record a caller of get() sees is made on demand). Few objects per session keep GC work low.
 */
export interface MemoryEntry {
  /** The id, as a string of its own (see ownString). */
  readonly id: string;
  data: StoredSessionData;
  expiresAt: number;
  createdAt: number;
  /** `created` as the string a set() record carried; undefined when it is createdAt's ISO form. */
  createdIso: string | undefined;
  parent: string | undefined;
  /** Kept with the authenticated sessions (a login in its data, or in its browser session's). */
  authenticated: boolean;
  /** A browser session's tab records (ids), the one saved longest ago first; pruned when listed. */
  children: Set<string> | undefined;
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
  readonly maxAnonymousSessions: number;
  readonly #anonymous = new ExpiryQueue();
  readonly #authenticated = new ExpiryQueue();
  /** Moves a tab record found among the anonymous ones to its authenticated browser session's side. */
  readonly #rescue = (entry: MemoryEntry): boolean => {
    if (entry.parent === undefined || !this.#authenticated.entries.has(entry.parent)) return false;
    entry.authenticated = true;
    this.#authenticated.append(entry);
    return true;
  };
  #timer: NodeJS.Timeout | undefined;

  constructor(options: MemoryStoreOptions = {}) {
    rejectUnknownKeys('new MemoryStore()', options, MEMORY_STORE_KEYS);
    const maxSessions = options.maxSessions ?? 100_000;
    if (!Number.isInteger(maxSessions) || maxSessions < 1) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `maxSessions must be a whole number of 1 or more, but got: ${String(maxSessions)}`,
      );
    }
    const maxAnonymous = options.maxAnonymousSessions ?? maxSessions;
    if (!Number.isInteger(maxAnonymous) || maxAnonymous < 1 || maxAnonymous > maxSessions) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `maxAnonymousSessions must be a whole number from 1 to maxSessions (${maxSessions}), but got: ${String(maxAnonymous)}`,
      );
    }
    this.maxSessions = maxSessions;
    this.maxAnonymousSessions = maxAnonymous;
    const interval = options.sweepIntervalMs ?? 60_000;
    this.#timer = setInterval(() => this.sweep(), interval);
    this.#timer.unref();
  }

  /** How many records are kept (expired ones not yet swept included). */
  get size(): number {
    return this.#anonymous.size + this.#authenticated.size;
  }

  /** How many of them are anonymous (no login in their data). */
  get anonymousSize(): number {
    return this.#anonymous.size;
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
    const entry = this.#anonymous.entries.get(id) ?? this.#authenticated.entries.get(id);
    if (entry === undefined) return null;
    if (entry.expiresAt <= Date.now()) {
      this.#queueOf(entry).entries.delete(id);
      return null;
    }
    return entry;
  }

  /**
   * Stores a frozen copy of `record` until `expiry`. Throws a SessionDataError (nothing stored)
   * when the data holds something JSON cannot keep.
   */
  set(id: string, record: SessionRecord, expiry: Date): void {
    const createdIso = String(record.metadata?.created);
    const created = Date.parse(createdIso);
    this.#insert({
      id: ownString(id),
      data: storableCopy(record.data),
      expiresAt: expiry.getTime(),
      createdAt: Number.isNaN(created) ? Date.now() : created,
      createdIso,
      parent: record.metadata?.parent,
      authenticated: false,
      // A record written again under its id keeps its list of tab records.
      children: this.#find(id)?.children,
    });
  }

  /**
   * @internal The middleware's write: the same as set() without building or parsing a record.
   * `id` must be a string of its own (see ownString): it is kept as the key.
   */
  [kWrite](
    id: string,
    data: StoredSessionData,
    expiresAt: number,
    createdAt: number,
    parent: string | undefined,
  ): void {
    this.#insert({
      id,
      data: storableCopy(data),
      expiresAt,
      createdAt,
      createdIso: undefined,
      parent,
      authenticated: false,
      children: undefined,
    });
  }

  /**
   * Applies top-level changes to the record for `id` in one step (copying only the changed
   * values); false when there is no record, so a removed session is never brought back. Throws a
   * SessionDataError (nothing changed) when a value holds something JSON cannot keep.
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
    let authenticated = entry.authenticated;
    if (change.unset.length > 0 || setKeys.length > 0) {
      const copy: StoredSessionData = { ...entry.data };
      for (const key of change.unset) delete copy[key];
      for (const key of setKeys) {
        const value = storableCopy(change.set[key], key);
        if (value === undefined) delete copy[key];
        else copy[key] = value;
      }
      entry.data = Object.freeze(copy);
      authenticated = this.#isAuthenticated(entry.data, parent);
    }
    entry.parent = parent;
    if (parent !== undefined) this.#link(entry);
    if (authenticated !== entry.authenticated) {
      // A login or a logout: the entry changes sides (and goes to the end of its new Map).
      this.#queueOf(entry).entries.delete(entry.id);
      entry.authenticated = authenticated;
      entry.expiresAt = expiresAt;
      this.#queueOf(entry).append(entry);
      this.#enforceCaps();
    } else if (entry.expiresAt !== expiresAt) {
      // A new expiry belongs at the end: move the entry there (same expiry: it keeps its place).
      entry.expiresAt = expiresAt;
      this.#queueOf(entry).moveToEnd(entry);
    }
    return entry;
  }

  /**
   * The ids of the records stored with `parentId` as their parent (a session's tab records), the
   * one saved longest ago first. Empty when the parent record is gone.
   */
  children(parentId: string): string[] {
    const listed = this[kPeek](parentId)?.children;
    if (listed === undefined) return [];
    const ids: string[] = [];
    for (const id of listed) {
      const child = this[kPeek](id);
      if (child === null || child.parent !== parentId) listed.delete(id);
      else ids.push(id);
    }
    return ids;
  }

  /** Deletes the record for `id`. */
  delete(id: string): void {
    if (!this.#anonymous.entries.delete(id)) this.#authenticated.entries.delete(id);
  }

  /** Removes every expired record; returns how many were removed. */
  sweep(now = Date.now()): number {
    return this.#anonymous.sweep(now) + this.#authenticated.sweep(now);
  }

  /** Stops the sweep timer and drops every record. */
  close(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#anonymous.clear();
    this.#authenticated.clear();
  }

  // Adds an entry at the end of its side (an id stored on the other side leaves it), then caps.
  #insert(entry: MemoryEntry): void {
    entry.authenticated = this.#isAuthenticated(entry.data, entry.parent);
    const other = entry.authenticated ? this.#anonymous : this.#authenticated;
    other.entries.delete(entry.id);
    this.#queueOf(entry).append(entry);
    if (entry.parent !== undefined) this.#link(entry);
    this.#enforceCaps();
  }

  #find(id: string): MemoryEntry | undefined {
    return this.#anonymous.entries.get(id) ?? this.#authenticated.entries.get(id);
  }

  // Lists a tab record under its parent's entry, as the one saved last. The list lives on the
  // parent's entry, so it goes with it (deleted, evicted or expired: nothing is left behind).
  #link(entry: MemoryEntry): void {
    const parent = this.#find(entry.parent as string);
    if (parent === undefined) return;
    const children = (parent.children ??= new Set());
    children.delete(entry.id);
    children.add(entry.id);
  }

  #isAuthenticated(data: StoredSessionData, parent: string | undefined): boolean {
    const auth: unknown = data.auth;
    if (
      auth !== null &&
      typeof auth === 'object' &&
      (auth as SessionAuthLike).isAuthenticated === true
    )
      return true;
    return parent !== undefined && this.#authenticated.entries.has(parent);
  }

  #queueOf(entry: MemoryEntry): ExpiryQueue {
    return entry.authenticated ? this.#authenticated : this.#anonymous;
  }

  // Anonymous sessions go first, down to their own cap and then as far as the total cap needs;
  // authenticated ones only when they alone are over the total cap (never for an anonymous one).
  // Evictions come in batches (1/64 of the cap): a Map walks past the holes its deletions leave at
  // the head, so deleting one entry per insert would cost a walk over thousands of holes each.
  #enforceCaps(): void {
    const anonymous = this.#anonymous;
    const authenticated = this.#authenticated;
    const maxAnonymous = this.maxAnonymousSessions;
    if (anonymous.size > maxAnonymous) {
      const target = maxAnonymous - Math.floor(maxAnonymous / 64);
      anonymous.evictWhile(() => anonymous.size > target, this.#rescue);
    }
    const max = this.maxSessions;
    if (anonymous.size + authenticated.size <= max) return;
    const target = max - Math.floor(max / 64);
    anonymous.evictWhile(() => anonymous.size + authenticated.size > target, this.#rescue);
    // Only authenticated sessions are left, and they alone are over the cap.
    if (authenticated.size > max) {
      authenticated.evictWhile(() => authenticated.size > target);
    }
  }
}

/** The part of `data.auth` the store looks at. */
interface SessionAuthLike {
  isAuthenticated?: unknown;
}

/** Entries by id, in expiry order (roughly, until sorted): the head expires soonest. */
class ExpiryQueue {
  readonly entries = new Map<string, MemoryEntry>();
  /** The latest expiry appended; an earlier one appended after it breaks the order. */
  #lastExpiry = Number.NEGATIVE_INFINITY;
  #ordered = true;
  /** Records placed since the last sort: sorting waits for a tenth of the Map (amortised cost). */
  #placedSinceSort = 0;

  get size(): number {
    return this.entries.size;
  }

  /** Puts `entry` at the end: one Map probe for a new id; an id already here is moved there. */
  append(entry: MemoryEntry): void {
    const entries = this.entries;
    const size = entries.size;
    entries.set(entry.id, entry);
    if (entries.size === size) {
      entries.delete(entry.id);
      entries.set(entry.id, entry);
    }
    this.#placed(entry.expiresAt);
  }

  /** Moves `entry`, already here, to the end (its expiry changed). */
  moveToEnd(entry: MemoryEntry): void {
    this.entries.delete(entry.id);
    this.entries.set(entry.id, entry);
    this.#placed(entry.expiresAt);
  }

  /**
   * Deletes the soonest-expiring entries while `tooMany()` holds (and any are left).
   * `rescue(entry)` may take a deleted entry elsewhere instead of dropping it.
   */
  evictWhile(tooMany: () => boolean, rescue?: (entry: MemoryEntry) => boolean): void {
    // Out of order, the head is only roughly the soonest: sort again once enough has changed.
    if (this.#placedSinceSort * 10 >= this.entries.size) this.#sort();
    for (const [id, entry] of this.entries) {
      if (!tooMany()) break;
      this.entries.delete(id);
      rescue?.(entry);
    }
  }

  /** Removes the expired entries; returns how many. */
  sweep(now: number): number {
    this.#sort();
    let removed = 0;
    for (const [id, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.entries.delete(id);
      removed++;
    }
    return removed;
  }

  clear(): void {
    this.entries.clear();
    this.#lastExpiry = Number.NEGATIVE_INFINITY;
    this.#ordered = true;
    this.#placedSinceSort = 0;
  }

  // Book-keeping after an entry went to the end: is the Map still in expiry order?
  #placed(expiresAt: number): void {
    this.#placedSinceSort++;
    if (expiresAt >= this.#lastExpiry) this.#lastExpiry = expiresAt;
    else this.#ordered = false;
  }

  // Puts the Map back in expiry order after an out-of-order expiry (rare: mixed lifetimes).
  #sort(): void {
    this.#placedSinceSort = 0;
    if (this.#ordered) return;
    const sorted = [...this.entries].sort((a, b) => a[1].expiresAt - b[1].expiresAt);
    this.entries.clear();
    for (const [id, entry] of sorted) this.entries.set(id, entry);
    this.#lastExpiry =
      sorted.length === 0 ? Number.NEGATIVE_INFINITY : sorted[sorted.length - 1][1].expiresAt;
    this.#ordered = true;
  }
}
