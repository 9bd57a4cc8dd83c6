/**
 * Where shared state lives. One interface, three homes: this process's memory (one process, or
 * the primary of `threads: N`), the primary reached over IPC (a worker of `threads: N`), and
 * Redis (every process and machine sharing it). Every call is async so code reads the same
 * whichever home is in use. The store also carries the cross-process lock and the schedule-tick
 * claim, since both must live where the state lives.
 */

import type { Mutex } from 'async-mutex';

/** One named state value and the scopes it belongs to (Pode's `-Scope`). */
export interface StateEntry {
  value: unknown;
  scope: string[];
}

/** The home of shared state, named locks and schedule ticks. */
export interface StateStore {
  /** True when values are copies (JSON) rather than the live objects: IPC and Redis. */
  readonly copies: boolean;
  /** The named entry, or undefined. */
  get(name: string): Promise<StateEntry | undefined>;
  /** Sets the value; its scopes too when given, else a value that exists keeps its scopes. */
  set(name: string, value: unknown, scope: string[] | undefined): Promise<void>;
  /** Removes the named entry; resolves to what it was. */
  remove(name: string): Promise<StateEntry | undefined>;
  /** Every name with its scopes. */
  list(): Promise<{ name: string; scope: string[] }[]>;
  /** The entries of these names (the ones that exist). */
  entries(names: readonly string[]): Promise<Record<string, StateEntry>>;
  /** Replaces the whole state with `entries`, or merges them in when `merge`. */
  replace(entries: Record<string, StateEntry>, merge: boolean): Promise<void>;
  /** Runs `fn` holding the named lock, exclusive across every process using this store. */
  lock<T>(name: string, fn: () => T | Promise<T>): Promise<T>;
  /** True for exactly one caller per key (a schedule tick across machines). */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Releases what the store holds (never a client the user passed in). */
  close(): Promise<void>;
}

/** State in this process's memory: values are the live objects, as in Pode. */
export class MemoryStateStore implements StateStore {
  readonly copies = false;
  readonly #values = new Map<string, StateEntry>();
  readonly #locks = new Map<string, Mutex>();

  async get(name: string): Promise<StateEntry | undefined> {
    return this.#values.get(name);
  }

  async set(name: string, value: unknown, scope: string[] | undefined): Promise<void> {
    this.#values.set(name, { value, scope: scope ?? this.#values.get(name)?.scope ?? [] });
  }

  async remove(name: string): Promise<StateEntry | undefined> {
    const entry = this.#values.get(name);
    this.#values.delete(name);
    return entry;
  }

  async list(): Promise<{ name: string; scope: string[] }[]> {
    return [...this.#values].map(([name, entry]) => ({ name, scope: entry.scope }));
  }

  async entries(names: readonly string[]): Promise<Record<string, StateEntry>> {
    const result: Record<string, StateEntry> = {};
    for (const name of names) {
      const entry = this.#values.get(name);
      if (entry !== undefined) result[name] = entry;
    }
    return result;
  }

  async replace(entries: Record<string, StateEntry>, merge: boolean): Promise<void> {
    if (!merge) this.#values.clear();
    for (const [name, entry] of Object.entries(entries)) this.#values.set(name, entry);
  }

  async lock<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    return (await this.#mutex(name)).runExclusive(fn);
  }

  /** @internal The primary's lock held for a worker: resolves to its release once held. */
  async acquire(name: string): Promise<() => void> {
    return (await this.#mutex(name)).acquire();
  }

  async claim(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}

  async #mutex(name: string): Promise<Mutex> {
    const known = this.#locks.get(name);
    if (known !== undefined) return known;
    const { Mutex } = await import('async-mutex');
    const mutex = this.#locks.get(name) ?? new Mutex();
    this.#locks.set(name, mutex);
    return mutex;
  }
}
