/**
 * `threads: N`: the state of all workers is kept by the primary. A worker's store is a client
 * that sends each call to the primary over the cluster IPC channel and awaits the answer, so a
 * read sees the last write any worker completed. Named locks are held by the primary for a
 * worker, and released when that worker dies. The primary also elects the one worker that runs
 * timers and schedules, and elects another when it dies.
 */
import type { Worker } from 'node:cluster';
import { BackgroundError, ErrorCodes } from '../errors.js';
import type { StateEntry, StateStore } from './store.js';
import { MemoryStateStore } from './store.js';

type Operation = 'get' | 'set' | 'remove' | 'list' | 'entries' | 'replace' | 'acquire' | 'release';

interface Request {
  pode: 'bg';
  id: number;
  op: Operation;
  args: unknown[];
}

interface Reply {
  pode: 'bg-reply';
  id: number;
  ok: boolean;
  value?: unknown;
  message?: string;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** A worker's state store: every call answered by the primary. */
export class WorkerStateClient implements StateStore {
  readonly copies = true;
  readonly #pending = new Map<number, Pending>();
  readonly #onLeader: () => void;
  #nextId = 0;
  #listening = false;
  #leaderAsked = false;
  #ready = false;

  constructor(onLeader: () => void) {
    this.#onLeader = onLeader;
    this.#listen();
  }

  /** The worker listens now: it may be elected. */
  ready(): void {
    this.#ready = true;
    if (this.#leaderAsked) this.#onLeader();
  }

  async close(): Promise<void> {
    if (this.#listening) process.off('message', this.#onMessage);
    this.#listening = false;
    for (const pending of this.#pending.values()) pending.reject(stoppedError());
    this.#pending.clear();
  }

  async get(name: string): Promise<StateEntry | undefined> {
    return (await this.#call('get', [name])) as StateEntry | undefined;
  }

  async set(name: string, value: unknown, scope: string[] | undefined): Promise<void> {
    // JSON over IPC: undefined travels as null, as in Redis.
    await this.#call('set', [name, value === undefined ? null : value, scope ?? null]);
  }

  async remove(name: string): Promise<StateEntry | undefined> {
    return (await this.#call('remove', [name])) as StateEntry | undefined;
  }

  async list(): Promise<{ name: string; scope: string[] }[]> {
    return (await this.#call('list', [])) as { name: string; scope: string[] }[];
  }

  async entries(names: readonly string[]): Promise<Record<string, StateEntry>> {
    return (await this.#call('entries', [names])) as Record<string, StateEntry>;
  }

  async replace(entries: Record<string, StateEntry>, merge: boolean): Promise<void> {
    await this.#call('replace', [entries, merge]);
  }

  async lock<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    const token = (await this.#call('acquire', [name])) as number;
    try {
      return await fn();
    } finally {
      await this.#call('release', [token]).catch(() => {});
    }
  }

  /** Only the elected worker runs schedules, so its ticks need no claim. */
  async claim(): Promise<boolean> {
    return true;
  }

  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    process.on('message', this.#onMessage);
  }

  readonly #onMessage = (message: unknown): void => {
    if (message === null || typeof message !== 'object') return;
    const pode = (message as { pode?: unknown }).pode;
    if (pode === 'bg-leader') {
      this.#leaderAsked = true;
      if (this.#ready) this.#onLeader();
      return;
    }
    if (pode !== 'bg-reply') return;
    const reply = message as Reply;
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#pending.delete(reply.id);
    if (reply.ok) pending.resolve(reply.value);
    else
      pending.reject(
        new BackgroundError(ErrorCodes.STATE, reply.message ?? 'The shared state failed.'),
      );
  };

  #call(op: Operation, args: unknown[]): Promise<unknown> {
    if (!this.#listening || process.send === undefined) return Promise.reject(stoppedError());
    const id = ++this.#nextId;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      process.send!({ pode: 'bg', id, op, args } satisfies Request, undefined, {}, (error) => {
        if (error === null) return;
        this.#pending.delete(id);
        reject(
          new BackgroundError(
            ErrorCodes.STATE,
            `The primary process cannot be reached: ${error.message}`,
          ),
        );
      });
    });
  }
}

/** The primary's side: answers the workers' calls from its store, holds their locks, elects. */
export class PrimaryStateHost {
  readonly #store: StateStore;
  readonly #locks = new Map<number, { worker: Worker; release: () => void }>();
  readonly #listening: Worker[] = [];
  #leader: Worker | undefined;
  #nextToken = 0;

  /** `store`: the primary set-up's store (memory, or Redis when it was configured). */
  constructor(store: StateStore) {
    this.#store = store;
  }

  /** Handles a worker's message; false when it was not one of ours. */
  onMessage(worker: Worker, message: unknown): boolean {
    if (
      message === null ||
      typeof message !== 'object' ||
      (message as { pode?: unknown }).pode !== 'bg'
    )
      return false;
    const request = message as Request;
    void this.#answer(worker, request).then(
      (value) => reply(worker, { pode: 'bg-reply', id: request.id, ok: true, value }),
      (error: unknown) =>
        reply(worker, {
          pode: 'bg-reply',
          id: request.id,
          ok: false,
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    return true;
  }

  /** A worker listens: the first becomes the one that runs timers and schedules. */
  onListening(worker: Worker): void {
    this.#listening.push(worker);
    this.#elect();
  }

  /** A worker died: its locks are released; another is elected if it was the one. */
  onExit(worker: Worker): void {
    for (const [token, held] of this.#locks) {
      if (held.worker !== worker) continue;
      this.#locks.delete(token);
      held.release();
    }
    const index = this.#listening.indexOf(worker);
    if (index !== -1) this.#listening.splice(index, 1);
    if (this.#leader === worker) {
      this.#leader = undefined;
      this.#elect();
    }
  }

  async close(): Promise<void> {
    for (const held of this.#locks.values()) held.release();
    this.#locks.clear();
    await this.#store.close();
  }

  #elect(): void {
    if (this.#leader !== undefined) return;
    const next = this.#listening.find((worker) => worker.isConnected());
    if (next === undefined) return;
    this.#leader = next;
    next.send({ pode: 'bg-leader' }, undefined, () => {});
  }

  async #answer(worker: Worker, request: Request): Promise<unknown> {
    const store = this.#store;
    const [first, second, third] = request.args;
    switch (request.op) {
      case 'get':
        return store.get(String(first));
      case 'set':
        return store.set(
          String(first),
          second,
          Array.isArray(third) ? third.map(String) : undefined,
        );
      case 'remove':
        return store.remove(String(first));
      case 'list':
        return store.list();
      case 'entries':
        return store.entries(first as string[]);
      case 'replace':
        return store.replace(first as Record<string, StateEntry>, second === true);
      case 'acquire':
        return this.#acquire(worker, String(first));
      case 'release': {
        const held = this.#locks.get(Number(first));
        this.#locks.delete(Number(first));
        held?.release();
        return undefined;
      }
    }
  }

  async #acquire(worker: Worker, name: string): Promise<number> {
    const token = ++this.#nextToken;
    let release: () => void;
    if (this.#store instanceof MemoryStateStore) {
      release = await this.#store.acquire(name);
    } else {
      // Redis: hold the store's lock for the worker until it releases.
      let unlock!: () => void;
      const held = new Promise<void>((resolve) => {
        unlock = resolve;
      });
      await new Promise<void>((acquired, failed) => {
        this.#store
          .lock(name, () => {
            acquired();
            return held;
          })
          .catch(failed);
      });
      release = unlock;
    }
    if (!worker.isConnected()) {
      release();
      throw stoppedError();
    }
    this.#locks.set(token, { worker, release });
    return token;
  }
}

function reply(worker: Worker, message: Reply): void {
  if (worker.isConnected()) worker.send(message, undefined, () => {});
}

function stoppedError(): BackgroundError {
  return new BackgroundError(
    ErrorCodes.STATE,
    'The shared state is closed: the server is stopping.',
  );
}
