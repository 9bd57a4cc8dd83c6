/**
 * Tasks (`Add-PodeTask`, `Invoke-PodeTask`, `Wait-PodeTask`): named functions run in the
 * background wherever they are invoked, each run a handle whose result `waitTask` awaits. A task
 * marked `worker: true` runs on a small pool of worker threads instead, for CPU-bound work that
 * would otherwise hold up requests.
 */
import { BackgroundError, ErrorCodes, SetupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type { BackgroundHost } from './host.js';
import { Limiter } from './limiter.js';
import type { WorkerPool } from './worker-pool.js';

/** `s.addTask` options. */
export interface TaskOptions {
  /**
   * Run on a worker thread (CPU-bound work). The function is sent as its source text, so it
   * must be self-contained (no variables from around it, no `this`); its arguments and result
   * must survive structured cloning. Default false: run in this process's event loop.
   */
  worker?: boolean;
  /** Seconds a run may take before it fails with a timeout; -1 (default) for none. */
  timeout?: number;
  /** Times a failed run is tried again (Pode's `-MaxRetries`); default 0. */
  maxRetries?: number;
  /** Minutes to wait before trying a failed run again (Pode's `-RetryDelay`); default 0. */
  retryDelay?: number;
  /** Try a failed run again by itself, up to `maxRetries` times (Pode's `-AutoRetry`). */
  autoRetry?: boolean;
}

/** What a task's function receives first (Pode's `$TaskEvent`). */
export interface TaskEvent {
  name: string;
  /** The handle's id. */
  id: string;
  /** Aborted when the run times out (in-process tasks only; absent on a worker thread). */
  signal: AbortSignal;
  /** Retries before this attempt: 0 the first time, 1 the first retry… (Pode's `Count`). */
  count: number;
  /** When this attempt started. */
  timestamp: Date;
  /** An empty object the run may use for its own notes (Pode's `Metadata`). */
  metadata: Record<string, unknown>;
}

/** A task's function: the event, then the arguments given to `invokeTask`. */
export type TaskFunction = (event: TaskEvent, args: Record<string, unknown>) => unknown;

/** One run of a task, from `invokeTask`. */
export interface TaskHandle {
  readonly id: string;
  readonly name: string;
  readonly startTime: Date;
  /** `'running'`, `'completed'` or `'failed'` (a timeout included). */
  readonly state: 'running' | 'completed' | 'failed';
  /** @internal */
  readonly result: Promise<unknown>;
}

/** `invokeTask` options. */
export interface InvokeTaskOptions {
  /** Seconds this run may take (overrides the task's timeout); -1 for none. */
  timeout?: number;
}

/** `waitTask` options. */
export interface WaitTaskOptions {
  /** Seconds to wait for the result before throwing `PODE_ERR_TASK_TIMEOUT`; -1 (default) for no limit. */
  timeout?: number;
}

/** What `getTask` tells about a task. */
export interface TaskInfo {
  name: string;
  worker: boolean;
  timeout: number;
  maxRetries: number;
  retryDelay: number;
  autoRetry: boolean;
  /** Runs not finished yet. */
  running: number;
}

const TASK_KEYS = optionKeys<TaskOptions>({
  worker: true,
  timeout: true,
  maxRetries: true,
  retryDelay: true,
  autoRetry: true,
});
const INVOKE_KEYS = optionKeys<InvokeTaskOptions>({ timeout: true });
const WAIT_KEYS = optionKeys<WaitTaskOptions>({ timeout: true });

interface TaskRecord {
  fn: TaskFunction;
  source: string | undefined;
  info: TaskInfo;
}

let nextId = 0;

/** The tasks of one server. */
export class Tasks {
  readonly #host: BackgroundHost;
  readonly #tasks = new Map<string, TaskRecord>();
  readonly #limiter = new Limiter();
  #pool: Promise<WorkerPool> | undefined;
  #stopped = false;

  constructor(host: BackgroundHost) {
    this.#host = host;
  }

  /**
   * At most `max` task attempts at once (`Set-PodeTaskConcurrency`); an invoked run past it
   * waits for one to end (its timeout counts from when it starts). No limit by default.
   */
  setConcurrency(max: number): void {
    this.#limiter.setMax('setTaskConcurrency()', ErrorCodes.TASK, max);
  }

  /** The maximum of task attempts at once (Infinity when none was set). */
  get concurrency(): number {
    return this.#limiter.max;
  }

  /** Adds a task; throws a {@link SetupError} for a duplicate name or a bad option. */
  add(name: string, fn: TaskFunction, options: TaskOptions = {}): void {
    if (typeof name !== 'string' || name === '') throw taskSetupError('A task needs a name.');
    const where = `Task '${name}'`;
    if (this.#tasks.has(name))
      throw taskSetupError(
        `${where} is already defined.`,
        'Pick another name, or removeTask() it first.',
      );
    if (typeof fn !== 'function') throw taskSetupError(`${where} needs a function to run.`);
    rejectUnknownKeys(`s.addTask('${name}')`, options, TASK_KEYS);
    const timeout = seconds(where, options.timeout ?? -1, taskSetupError);
    const maxRetries = options.maxRetries ?? 0;
    if (typeof maxRetries !== 'number' || !Number.isInteger(maxRetries) || maxRetries < 0)
      throw taskSetupError(
        `${where}: maxRetries must be a whole number of 0 or more, but got: ${String(maxRetries)}.`,
      );
    const retryDelay = options.retryDelay ?? 0;
    if (typeof retryDelay !== 'number' || !Number.isFinite(retryDelay) || retryDelay < 0)
      throw taskSetupError(
        `${where}: retryDelay must be minutes (0 or more), but got: ${String(retryDelay)}.`,
      );
    const autoRetry = options.autoRetry === true;
    if (autoRetry && maxRetries === 0)
      throw taskSetupError(
        `${where}: autoRetry needs maxRetries of 1 or more.`,
        'Say how many times to try again: { maxRetries: 3, autoRetry: true }.',
      );
    const worker = options.worker === true;
    this.#tasks.set(name, {
      fn,
      source: worker ? fn.toString() : undefined,
      info: { name, worker, timeout, maxRetries, retryDelay, autoRetry, running: 0 },
    });
  }

  /** Starts a run of the task and returns its handle at once. */
  invoke(
    name: string,
    args: Record<string, unknown> = {},
    options: InvokeTaskOptions = {},
  ): TaskHandle {
    const record = this.#tasks.get(name);
    if (record === undefined) {
      throw new BackgroundError(
        ErrorCodes.TASK,
        `No task named '${String(name)}' exists.`,
        'Add it with s.addTask() first.',
      );
    }
    rejectUnknownKeys(`invokeTask('${name}')`, options, INVOKE_KEYS);
    const timeout =
      options.timeout === undefined
        ? record.info.timeout
        : seconds(`Task '${name}'`, options.timeout, runError);
    const id = `${name}:${++nextId}`;
    const handle = {
      id,
      name,
      startTime: new Date(),
      state: 'running' as TaskHandle['state'],
      result: undefined as unknown as Promise<unknown>,
    };
    record.info.running++;
    handle.result = this.#attempt(record, id, args, timeout, 0).then(
      (value) => {
        handle.state = 'completed';
        record.info.running--;
        return value;
      },
      (error: unknown) => {
        handle.state = 'failed';
        record.info.running--;
        this.#host.logger().error({ err: error, task: name }, `task '${name}' failed`);
        throw error;
      },
    );
    handle.result.catch(() => {}); // reported above; waitTask rethrows it
    return handle;
  }

  remove(name: string): boolean {
    return this.#tasks.delete(name);
  }

  clear(): void {
    this.#tasks.clear();
  }

  get(name: string): TaskInfo | undefined {
    const record = this.#tasks.get(name);
    return record === undefined ? undefined : { ...record.info };
  }

  list(): TaskInfo[] {
    return [...this.#tasks.values()].map((record) => ({ ...record.info }));
  }

  has(name: string): boolean {
    return this.#tasks.has(name);
  }

  /** Ends the worker threads, if any were started. */
  async stop(): Promise<void> {
    this.#stopped = true;
    const pool = this.#pool;
    this.#pool = undefined;
    if (pool !== undefined) await (await pool).close();
  }

  /** One attempt of a run, then (autoRetry) the retries of a failed one, after the delay. */
  async #attempt(
    record: TaskRecord,
    id: string,
    args: Record<string, unknown>,
    timeout: number,
    count: number,
  ): Promise<unknown> {
    try {
      return await this.#limiter.run(() =>
        record.source === undefined
          ? this.#runHere(record, id, args, timeout, count)
          : this.#runOnWorker(record, args, timeout, count),
      );
    } catch (error) {
      const { autoRetry, maxRetries, retryDelay, name } = record.info;
      if (!autoRetry || count >= maxRetries || this.#stopped) throw error;
      this.#host
        .logger()
        .warn(
          { err: error, task: name, attempt: count + 1 },
          `task '${name}' failed; trying again (${count + 1} of ${maxRetries})`,
        );
      if (retryDelay > 0) {
        await new Promise<void>((wake) => setTimeout(wake, retryDelay * 60_000).unref());
        if (this.#stopped) throw error;
      }
      return this.#attempt(record, id, args, timeout, count + 1);
    }
  }

  async #runHere(
    record: TaskRecord,
    id: string,
    args: Record<string, unknown>,
    timeout: number,
    count: number,
  ): Promise<unknown> {
    const controller = new AbortController();
    const event: TaskEvent = {
      name: record.info.name,
      id,
      signal: controller.signal,
      count,
      timestamp: new Date(),
      metadata: {},
    };
    const run = Promise.resolve().then(() => record.fn(event, args));
    if (timeout < 0) return run;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = timeoutError(
          `Task '${record.info.name}' ran past its timeout of ${timeout}s.`,
        );
        controller.abort(error);
        reject(error);
      }, timeout * 1000);
      timer.unref();
    });
    try {
      return await Promise.race([run, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  async #runOnWorker(
    record: TaskRecord,
    args: Record<string, unknown>,
    timeout: number,
    count: number,
  ): Promise<unknown> {
    this.#pool ??= import('./worker-pool.js').then(({ WorkerPool }) => new WorkerPool());
    const pool = await this.#pool;
    return pool.run(
      record.info.name,
      record.source!,
      args,
      timeout < 0 ? undefined : timeout * 1000,
      count,
    );
  }
}

/** Waits for a run's result; throws its error, or `PODE_ERR_TASK_TIMEOUT` when `timeout` passes first. */
export async function waitForTask(
  handle: TaskHandle,
  options: WaitTaskOptions = {},
): Promise<unknown> {
  if (handle === null || typeof handle !== 'object' || !(handle.result instanceof Promise)) {
    throw new BackgroundError(
      ErrorCodes.TASK,
      'waitTask() needs the handle invokeTask() returned.',
    );
  }
  rejectUnknownKeys('waitTask()', options, WAIT_KEYS);
  const timeout = seconds(`Task '${handle.name}'`, options.timeout ?? -1, runError);
  if (timeout < 0) return handle.result;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      handle.result,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              timeoutError(
                `Task '${handle.name}' (${handle.id}) did not finish within ${timeout}s.`,
              ),
            ),
          timeout * 1000,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function seconds(where: string, value: unknown, fail: (message: string) => Error): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || (value < 0 && value !== -1)) {
    throw fail(
      `${where}: timeout must be seconds (0 or more), or -1 for none, but got: ${String(value)}.`,
    );
  }
  return value;
}

function timeoutError(message: string): BackgroundError {
  return new BackgroundError(ErrorCodes.TASK_TIMEOUT, message);
}

function runError(message: string): BackgroundError {
  return new BackgroundError(ErrorCodes.TASK, message);
}

function taskSetupError(message: string, hint?: string): SetupError {
  return new SetupError(ErrorCodes.TASK, message, hint);
}
