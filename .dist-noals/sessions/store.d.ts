import type { SessionData } from '../types.js';
import type { SessionChange } from './session.js';
/** What a store keeps for one session (as JSON, with ISO-8601 dates). */
export interface SessionRecord {
    version: 1;
    metadata: {
        created: string;
        expires: string;
        /** For a tab-scoped record: the id of the browser session it belongs to. */
        parent?: string;
    };
    data: SessionData;
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
    update?(id: string, change: SessionChange, metadata: SessionRecord['metadata'], expiry: Date): boolean | Promise<boolean>;
    /** Optional: release timers and connections when the server stops. */
    close?(): unknown;
}
/** Throws the SPEC's set-up error when `store` lacks one of get, set and delete. */
export declare function validateStore(store: unknown): asserts store is SessionStore;
/**
 * Calls a store method, bounding it by `timeoutMs` and turning any failure into a
 * SessionStoreError that carries a hash of the id (for the log line).
 */
export declare function guardStoreCall<T>(operation: string, id: string, call: () => T | Promise<T>, timeoutMs: number): T | Promise<T>;
/** Applies `value` to `fn` now when it is a plain value, or when it resolves. */
export declare function chain<T, R>(value: T | Promise<T>, fn: (value: T) => R | Promise<R>): R | Promise<R>;
/** Checks that a value read from a store looks like a record this version can use. */
export declare function isUsableRecord(value: unknown): value is SessionRecord;
export declare function isPromise<T>(value: T | Promise<T>): value is Promise<T>;
//# sourceMappingURL=store.d.ts.map