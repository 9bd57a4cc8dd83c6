/**
 * The default session store: records in a Map, deep-frozen copies so nothing outside can change
 * them, swept on an unref'd timer and capped at `maxSessions` (the soonest-expiring go first).
 */
import { ErrorCodes, setupError } from '../errors.js';
/** @internal Reads a record without copying it (it is frozen): the session middleware's fast path. */
export const kPeek = Symbol('pode.memoryStore.peek');
/** The in-process session store. Not shared between processes: use a shared store with `threads`. */
export class MemoryStore {
    maxSessions;
    #entries = new Map();
    // Every entry by expiry, soonest first, so eviction and sweeping take the soonest-expiring.
    // An entry whose expiry moves gets a new node; the old node is skipped when it comes up.
    #byExpiry = new ExpiryHeap();
    #timer;
    constructor(options = {}) {
        const maxSessions = options.maxSessions ?? 100_000;
        if (!Number.isInteger(maxSessions) || maxSessions < 1) {
            throw setupError(ErrorCodes.BAD_OPTION, `maxSessions must be a whole number of 1 or more, but got: ${String(maxSessions)}`);
        }
        this.maxSessions = maxSessions;
        const interval = options.sweepIntervalMs ?? 60_000;
        this.#timer = setInterval(() => this.sweep(), interval);
        this.#timer.unref();
    }
    /** How many records are kept (expired ones not yet swept included). */
    get size() {
        return this.#entries.size;
    }
    /** A copy of the record for `id`, or null when there is none or it has expired. */
    get(id) {
        const record = this[kPeek](id);
        return record === null ? null : structuredClone(record);
    }
    /** @internal The frozen record for `id`, or null. */
    [kPeek](id) {
        const entry = this.#entries.get(id);
        if (entry === undefined)
            return null;
        if (entry.expiresAt <= Date.now()) {
            this.#entries.delete(id);
            return null;
        }
        return entry.record;
    }
    /** Stores a frozen copy of `record` until `expiry`. */
    set(id, record, expiry) {
        this.#place(id, deepFreeze(structuredClone(record)), expiry.getTime());
    }
    /**
     * Applies top-level changes to the record for `id` in one step (copying only the changed
     * values); false when there is no record, so a removed session is never brought back.
     */
    update(id, change, metadata, expiry) {
        const current = this[kPeek](id);
        if (current === null)
            return false;
        const data = { ...current.data };
        for (const key of change.unset)
            delete data[key];
        for (const key of Object.keys(change.set))
            data[key] = deepFreeze(structuredClone(change.set[key]));
        const record = {
            version: 1,
            metadata: Object.freeze({ ...metadata }),
            data: Object.freeze(data),
        };
        this.#place(id, Object.freeze(record), expiry.getTime());
        return true;
    }
    #place(id, record, expiresAt) {
        const existing = this.#entries.get(id);
        if (existing !== undefined && existing.expiresAt === expiresAt) {
            existing.record = record;
            return;
        }
        const entry = { record, expiresAt };
        this.#entries.set(id, entry);
        this.#byExpiry.push(id, entry);
        if (this.#entries.size > this.maxSessions)
            this.#evict();
        // Moved expiries leave stale nodes behind: drop them before they outnumber the records.
        if (this.#byExpiry.size > 2 * this.#entries.size + 1024)
            this.#byExpiry.rebuild(this.#entries);
    }
    /** Deletes the record for `id`. */
    delete(id) {
        this.#entries.delete(id);
    }
    /** Removes every expired record; returns how many were removed. */
    sweep(now = Date.now()) {
        let removed = 0;
        for (;;) {
            const soonest = this.#byExpiry.peek();
            if (soonest === undefined || soonest.entry.expiresAt > now)
                break;
            this.#byExpiry.pop();
            if (this.#entries.get(soonest.id) === soonest.entry) {
                this.#entries.delete(soonest.id);
                removed++;
            }
        }
        return removed;
    }
    /** Stops the sweep timer and drops every record. */
    close() {
        if (this.#timer !== undefined)
            clearInterval(this.#timer);
        this.#timer = undefined;
        this.#entries.clear();
        this.#byExpiry.rebuild(this.#entries);
    }
    #evict() {
        while (this.#entries.size > this.maxSessions) {
            const soonest = this.#byExpiry.pop();
            if (soonest === undefined)
                break;
            if (this.#entries.get(soonest.id) === soonest.entry)
                this.#entries.delete(soonest.id);
        }
    }
}
/** A binary min-heap of entries by expiry. */
class ExpiryHeap {
    #nodes = [];
    get size() {
        return this.#nodes.length;
    }
    peek() {
        return this.#nodes[0];
    }
    push(id, entry) {
        const nodes = this.#nodes;
        nodes.push({ id, entry });
        let index = nodes.length - 1;
        while (index > 0) {
            const parent = (index - 1) >> 1;
            if (nodes[parent].entry.expiresAt <= nodes[index].entry.expiresAt)
                break;
            [nodes[parent], nodes[index]] = [nodes[index], nodes[parent]];
            index = parent;
        }
    }
    pop() {
        const nodes = this.#nodes;
        const top = nodes[0];
        const last = nodes.pop();
        if (top === undefined || last === undefined || nodes.length === 0)
            return top;
        nodes[0] = last;
        this.#siftDown(0);
        return top;
    }
    /** Drops stale nodes: one node per live entry, in heap order. */
    rebuild(entries) {
        this.#nodes = [...entries].map(([id, entry]) => ({ id, entry }));
        for (let index = (this.#nodes.length >> 1) - 1; index >= 0; index--)
            this.#siftDown(index);
    }
    #siftDown(index) {
        const nodes = this.#nodes;
        for (;;) {
            const left = 2 * index + 1;
            const right = left + 1;
            let smallest = index;
            if (left < nodes.length && nodes[left].entry.expiresAt < nodes[smallest].entry.expiresAt)
                smallest = left;
            if (right < nodes.length && nodes[right].entry.expiresAt < nodes[smallest].entry.expiresAt)
                smallest = right;
            if (smallest === index)
                return;
            [nodes[smallest], nodes[index]] = [nodes[index], nodes[smallest]];
            index = smallest;
        }
    }
}
function deepFreeze(value) {
    if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const key of Object.keys(value))
            deepFreeze(value[key]);
    }
    return value;
}
//# sourceMappingURL=memory-store.js.map