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
    /** `created` as the ISO-8601 string the record carried. */
    createdIso: string;
    parent: string | undefined;
}
/** @internal Reads an entry without copying its data (it is frozen): the middleware's fast path. */
export declare const kPeek: unique symbol;
/** @internal Writes a session without a record object: the middleware's fast path. */
export declare const kWrite: unique symbol;
/** @internal Updates a session without a Date or metadata object: the middleware's fast path. */
export declare const kUpdate: unique symbol;
/** The in-process session store. Not shared between processes: use a shared store with `threads`. */
export declare class MemoryStore implements SessionStore {
    #private;
    readonly maxSessions: number;
    constructor(options?: MemoryStoreOptions);
    /** How many records are kept (expired ones not yet swept included). */
    get size(): number;
    /** A copy of the record for `id`, or null when there is none or it has expired. */
    get(id: string): SessionRecord | null;
    /** @internal The entry for `id` (its record frozen), or null when there is none or it expired. */
    [kPeek](id: string): MemoryEntry | null;
    /** Stores a frozen copy of `record` until `expiry`. */
    set(id: string, record: SessionRecord, expiry: Date): void;
    /** @internal The middleware's write: the same as set() without building or parsing a record. */
    [kWrite](id: string, data: SessionData, expiresAt: number, createdAt: number, createdIso: string, parent: string | undefined): void;
    /**
     * Applies top-level changes to the record for `id` in one step (copying only the changed
     * values); false when there is no record, so a removed session is never brought back.
     */
    update(id: string, change: SessionChange, metadata: SessionRecord['metadata'], expiry: Date): boolean;
    /** @internal update() with the expiry as a number (no Date, no metadata object). */
    [kUpdate](id: string, change: SessionChange, expiresAt: number, parent: string | undefined): boolean;
    /** Deletes the record for `id`. */
    delete(id: string): void;
    /** Removes every expired record; returns how many were removed. */
    sweep(now?: number): number;
    /** Stops the sweep timer and drops every record. */
    close(): void;
}
//# sourceMappingURL=memory-store.d.ts.map