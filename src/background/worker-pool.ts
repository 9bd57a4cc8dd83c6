/**
 * A small pool of worker threads for tasks marked `worker: true`: at most two threads (one on a
 * single core), each running one task at a time, the rest queued. A task's function arrives as
 * its source text and is compiled once per thread. A run past its timeout terminates its thread
 * (the only way to stop CPU-bound JavaScript); a new one is started when needed. Threads are
 * unref'd: an idle pool never keeps the process alive.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BackgroundError, ErrorCodes } from '../errors.js';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const compiled = new Map();
parentPort.on('message', async ({ id, name, source, args, count }) => {
  try {
    let fn = compiled.get(source);
    if (fn === undefined) {
      fn = (0, eval)('(' + source + ')');
      compiled.set(source, fn);
    }
    const value = await fn({ name, id: String(id), count, timestamp: new Date(), metadata: {} }, args);
    parentPort.postMessage({ id, ok: true, value });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
`;

interface Job {
  id: number;
  name: string;
  source: string;
  args: Record<string, unknown>;
  timeoutMs: number | undefined;
  count: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | undefined;
  timer: NodeJS.Timeout | undefined;
}

let nextJob = 0;

/** The worker threads of one server's tasks. */
export class WorkerPool {
  readonly #size = Math.max(1, Math.min(2, availableParallelism() - 1));
  readonly #slots = new Set<Slot>();
  readonly #queue: Job[] = [];
  #closed = false;

  /** Runs the function (source text) with `args` on a thread; resolves to its result. */
  run(
    name: string,
    source: string,
    args: Record<string, unknown>,
    timeoutMs: number | undefined,
    count = 0,
  ): Promise<unknown> {
    if (this.#closed)
      return Promise.reject(
        new BackgroundError(ErrorCodes.TASK, 'The server is stopping: no new task runs.'),
      );
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: ++nextJob, name, source, args, timeoutMs, count, resolve, reject });
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0))
      job.reject(new BackgroundError(ErrorCodes.TASK, 'The server stopped before the task ran.'));
    await Promise.all(
      [...this.#slots].map((slot) =>
        this.#end(
          slot,
          new BackgroundError(ErrorCodes.TASK, 'The server stopped during the task.'),
        ),
      ),
    );
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      let slot = [...this.#slots].find((candidate) => candidate.job === undefined);
      if (slot === undefined && this.#slots.size < this.#size) slot = this.#spawn();
      if (slot === undefined) return;
      const job = this.#queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      if (job.timeoutMs !== undefined) {
        const busy = slot;
        slot.timer = setTimeout(() => {
          void this.#end(
            busy,
            new BackgroundError(
              ErrorCodes.TASK_TIMEOUT,
              `Task '${job.name}' ran past its timeout of ${job.timeoutMs! / 1000}s.`,
            ),
          );
          this.#dispatch();
        }, job.timeoutMs);
      }
      try {
        slot.worker.postMessage({
          id: job.id,
          name: job.name,
          source: job.source,
          args: job.args,
          count: job.count,
        });
      } catch (error) {
        this.#finish(slot);
        job.reject(
          new BackgroundError(
            ErrorCodes.TASK,
            `Task '${job.name}': its arguments cannot be sent to a worker thread: ${(error as Error).message}`,
          ),
        );
      }
    }
  }

  #spawn(): Slot {
    const slot: Slot = {
      worker: new Worker(WORKER_SOURCE, { eval: true }),
      job: undefined,
      timer: undefined,
    };
    slot.worker.unref();
    slot.worker.on(
      'message',
      (message: { id: number; ok: boolean; value?: unknown; message?: string }) => {
        const job = slot.job;
        if (job === undefined || job.id !== message.id) return;
        this.#finish(slot);
        if (message.ok) job.resolve(message.value);
        else
          job.reject(
            new BackgroundError(ErrorCodes.TASK, `Task '${job.name}' failed: ${message.message}`),
          );
        this.#dispatch();
      },
    );
    slot.worker.on('error', (error) => {
      const job = slot.job;
      this.#slots.delete(slot);
      clearTimeout(slot.timer);
      job?.reject(
        new BackgroundError(ErrorCodes.TASK, `Task '${job.name}' failed: ${error.message}`),
      );
      this.#dispatch();
    });
    this.#slots.add(slot);
    return slot;
  }

  #finish(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    slot.worker.unref();
  }

  async #end(slot: Slot, error: Error): Promise<void> {
    const job = slot.job;
    this.#finish(slot);
    this.#slots.delete(slot);
    job?.reject(error);
    await slot.worker.terminate();
  }
}
