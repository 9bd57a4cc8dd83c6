/**
 * `RedisStore`: sessions kept in Redis, shared by every process and machine that uses the same
 * Redis and the same secret. A record is stored as its JSON under `<prefix><id>` with a TTL equal
 * to its remaining lifetime. Saves of a stored session go through one Lua script that applies
 * the request's top-level changes to the record as it is in Redis at that moment, so the
 * concurrency guarantees of the session middleware hold across processes.
 */
import type { Cluster, Redis } from 'ioredis';
import type { SessionChange } from '../sessions/session.js';
import type { SessionRecord, SessionStore } from '../sessions/store.js';
/** `new RedisStore(options)`. */
export interface RedisStoreOptions {
    /** An ioredis client (`new Redis(url)`, or a `Cluster`). The store never closes it. */
    client: Redis | Cluster;
    /** Prepended to every session id to make its key. Default `'pode:sess:'`. */
    prefix?: string;
    /** Milliseconds a Redis command may take before the call fails (503). Default 2000. */
    timeoutMs?: number;
}
/** A session store on Redis (ioredis). Create the client yourself; `stop()` leaves it open. */
export declare class RedisStore implements SessionStore {
    #private;
    /** The key prefix. */
    readonly prefix: string;
    /** The per-command timeout in milliseconds. */
    readonly timeoutMs: number;
    constructor(options: RedisStoreOptions);
    /** The record stored for `id`, or null when there is none (or it is not valid JSON). */
    get(id: string): Promise<SessionRecord | null>;
    /** Stores `record` as JSON with a TTL of the seconds left until `expiry` (deleted if none are left). */
    set(id: string, record: SessionRecord, expiry: Date): Promise<void>;
    /** Deletes the record for `id`. */
    delete(id: string): Promise<void>;
    /**
     * Applies top-level changes, new metadata and a new TTL to the stored record in one atomic
     * step (a Lua script); false when the record is gone, which is then left gone. Values that are
     * not changed are kept as the exact JSON text Redis holds.
     */
    update(id: string, change: SessionChange, metadata: SessionRecord['metadata'], expiry: Date): Promise<boolean>;
}
//# sourceMappingURL=store.d.ts.map