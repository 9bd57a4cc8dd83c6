import type { SessionChange } from './session.js';
import type { SessionRecord, SessionStore } from './store.js';
/** `new MemoryStore(options)`. */
export interface MemoryStoreOptions {
    /** The most sessions kept; past it the soonest-expiring are evicted. Default 100000. */
    maxSessions?: number;
    /** How often expired records are swept, in milliseconds. Default 60000. */
    sweepIntervalMs?: number;
}
/** @internal Reads a record without copying it (it is frozen): the session middleware's fast path. */
export declare const kPeek: unique symbol;
/** The in-process session store. Not shared between processes: use a shared store with `threads`. */
export declare class MemoryStore implements SessionStore {
    #private;
    readonly maxSessions: number;
    constructor(options?: MemoryStoreOptions);
    /** How many records are kept (expired ones not yet swept included). */
    get size(): number;
    /** A copy of the record for `id`, or null when there is none or it has expired. */
    get(id: string): SessionRecord | null;
    /** @internal The frozen record for `id`, or null. */
    [kPeek](id: string): SessionRecord | null;
    /** Stores a frozen copy of `record` until `expiry`. */
    set(id: string, record: SessionRecord, expiry: Date): void;
    /**
     * Applies top-level changes to the record for `id` in one step (copying only the changed
     * values); false when there is no record, so a removed session is never brought back.
     */
    update(id: string, change: SessionChange, metadata: SessionRecord['metadata'], expiry: Date): boolean;
    /** Deletes the record for `id`. */
    delete(id: string): void;
    /** Removes every expired record; returns how many were removed. */
    sweep(now?: number): number;
    /** Stops the sweep timer and drops every record. */
    close(): void;
}
//# sourceMappingURL=memory-store.d.ts.map