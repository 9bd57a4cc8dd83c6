/**
 * `threads: N` (Pode's `-Threads`): the primary process forks N worker processes with
 * node:cluster, each running the same script and so the same `startServer` call, and all
 * sharing the endpoints' ports (port 0 included: cluster hands every worker the same port).
 * The primary serves nothing itself: it passes the workers one random session secret, replaces
 * a worker that dies, and stops them all gracefully on `stop()` or a signal.
 */

import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { PrimaryStateHost } from './background/ipc.js';
import { type ErrorCode, SetupError } from './errors.js';
import type { RunningEndpoint, RunningServer, ServerOptions } from './server.js';

const WORKER_ENV = 'PODE_TS_WORKER';
const SECRET_ENV = 'PODE_TS_SESSION_SECRET';
/** How long a worker must have lived for its death not to count as a crash loop. */
const STEADY_MS = 5_000;
const MAX_RESPAWN_DELAY_MS = 30_000;

type WorkerMessage =
  | { pode: 'listening'; endpoints: RunningEndpoint[] }
  | { pode: 'failed'; name: string; message: string; code?: ErrorCode; hint?: string }
  | { pode: 'stop' }
  | { pode: 'relay'; channel: string; message: unknown };

let sharedSecret: string | undefined;

/** True in a worker process forked by a threaded pode-ts server. */
export function isThreadWorker(): boolean {
  return cluster.isWorker && process.env[WORKER_ENV] === '1';
}

/** True when `startServer` must fork workers rather than listen: `threads > 1` in the primary. */
export function shouldForkWorkers(options: ServerOptions): boolean {
  return (options.threads ?? 1) > 1 && cluster.isPrimary;
}

/**
 * The random session secret the primary generated for its workers, or undefined outside a
 * worker. Read once and removed from the environment, so processes the worker spawns do not
 * inherit it.
 */
export function sharedSessionSecret(): string | undefined {
  if (!isThreadWorker()) return undefined;
  if (sharedSecret === undefined) {
    sharedSecret = process.env[SECRET_ENV];
    delete process.env[SECRET_ENV];
  }
  return sharedSecret;
}

/**
 * Worker side, once listening: tells the primary the endpoints (with their real ports), and
 * stops the server then exits when the primary asks. Does nothing outside a worker.
 */
export function reportWorkerListening(running: RunningServer): void {
  if (!isThreadWorker() || process.send === undefined) return;
  const onMessage = (message: unknown) => {
    if (!isWorkerMessage(message) || message.pode !== 'stop') return;
    void running.stop().finally(() => process.exit(0));
  };
  process.on('message', onMessage);
  // Our listener keeps the IPC channel (and so the process) alive: drop it once stopped.
  const stop = running.stop;
  running.stop = () => {
    process.off('message', onMessage);
    return stop();
  };
  send({ pode: 'listening', endpoints: running.endpoints });
}

/** Worker side: tells the primary why set-up or listening failed. Does nothing outside a worker. */
export function reportWorkerFailure(error: unknown): void {
  if (!isThreadWorker() || process.send === undefined) return;
  const failure = error instanceof Error ? error : new Error(String(error));
  send({
    pode: 'failed',
    name: failure.name,
    message: failure.message,
    code: failure instanceof SetupError ? failure.code : undefined,
    hint: failure instanceof SetupError ? failure.hint : undefined,
  });
}

/**
 * Primary side: forks `options.threads` workers and resolves once every one listens, to a
 * running server whose endpoints carry the real ports and whose `stop()` stops every worker.
 * Rejects (with every worker stopped) when a worker fails to start.
 */
export function startWorkers(
  options: ServerOptions,
  logger: Logger,
  background?: PrimaryStateHost,
): Promise<RunningServer> {
  return new WorkerPool(options, logger, background).start();
}

class WorkerPool {
  readonly #threads: number;
  readonly #options: ServerOptions;
  readonly #logger: Logger;
  readonly #env: Record<string, string>;
  readonly #workers = new Map<Worker, { started: number; listening: boolean }>();
  #state: 'starting' | 'running' | 'stopping' = 'starting';
  #endpoints: RunningEndpoint[] | undefined;
  #startup: { resolve: () => void; reject: (error: Error) => void } | undefined;
  #quickDeaths = 0;
  readonly #respawnTimers = new Set<NodeJS.Timeout>();
  #stopped: Promise<void> | undefined;
  readonly #background: PrimaryStateHost | undefined;

  constructor(options: ServerOptions, logger: Logger, background?: PrimaryStateHost) {
    this.#background = background;
    this.#threads = options.threads ?? 1;
    this.#options = options;
    this.#logger = logger;
    this.#env = { [WORKER_ENV]: '1', [SECRET_ENV]: randomBytes(32).toString('base64url') };
  }

  async start(): Promise<RunningServer> {
    const ready = new Promise<void>((resolve, reject) => {
      this.#startup = { resolve, reject };
    });
    for (let index = 0; index < this.#threads; index++) this.#fork();
    try {
      await ready;
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.#state = 'running';
    const endpoints = this.#endpoints!;
    if (this.#options.quiet !== true) {
      for (const endpoint of endpoints) {
        this.#logger.info(
          { url: endpoint.url, pid: process.pid, threads: this.#threads },
          `pode-ts listening on ${endpoint.url} with ${this.#threads} worker processes`,
        );
      }
    }
    return {
      endpoints,
      url: endpoints[0]?.url ?? '',
      logger: this.#logger,
      stop: () => this.stop(),
    };
  }

  /** Asks every worker to stop (they finish in-flight requests), killing any that overstay. */
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      // Workers still in their set-up cannot hear the stop message yet: a signal ends them.
      const starting = this.#state === 'starting';
      this.#state = 'stopping';
      for (const timer of this.#respawnTimers) clearTimeout(timer);
      const grace = (this.#options.stopTimeout ?? 10_000) + 5_000;
      await Promise.all(
        [...this.#workers.keys()].map((worker) => stopWorker(worker, grace, starting)),
      );
      if (this.#options.quiet !== true && this.#endpoints !== undefined) {
        this.#logger.info('pode-ts stopped');
      }
    })();
    return this.#stopped;
  }

  #fork(): void {
    // Workers share stdout and stderr but not stdin: the primary's stdin (a console, or a parent
    // process's pipe) is read by the primary alone, never by whichever process reads it first.
    cluster.setupPrimary({ stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const worker = cluster.fork(this.#env);
    this.#workers.set(worker, { started: Date.now(), listening: false });
    worker.on('message', (message: unknown) => this.#onMessage(worker, message));
    worker.on('exit', (code, signal) => this.#onExit(worker, code, signal));
  }

  #onMessage(worker: Worker, message: unknown): void {
    if (this.#background?.onMessage(worker, message) === true) return;
    if (!isWorkerMessage(message)) return;
    if (message.pode === 'relay') {
      // A broadcast (realtime/hub.ts): to every other worker, each delivering to its own clients.
      for (const other of this.#workers.keys()) {
        if (other !== worker && other.isConnected()) other.send(message, undefined, () => {});
      }
      return;
    }
    const state = this.#workers.get(worker);
    if (message.pode === 'listening' && state !== undefined) {
      state.listening = true;
      this.#endpoints ??= message.endpoints;
      this.#background?.onListening(worker);
      const listening = [...this.#workers.values()].filter((entry) => entry.listening).length;
      if (this.#state === 'starting' && listening === this.#threads) this.#startup?.resolve();
    } else if (message.pode === 'failed') {
      const error =
        message.code !== undefined
          ? new SetupError(message.code, message.message, message.hint)
          : new Error(`A worker process failed to start: ${message.message}`);
      if (this.#state === 'starting') {
        this.#startup?.reject(error);
      } else if (this.#state === 'running') {
        this.#logger.error({ err: error, pid: worker.process.pid }, 'a worker failed to start');
        worker.process.kill('SIGKILL'); // replaced (after a pause) by #onExit
      }
    }
  }

  #onExit(worker: Worker, code: number | null, signal: string | null): void {
    const state = this.#workers.get(worker);
    this.#workers.delete(worker);
    this.#background?.onExit(worker);
    if (this.#state === 'stopping' || worker.exitedAfterDisconnect) return;
    if (this.#state === 'starting') {
      this.#startup?.reject(
        new Error(
          `A worker process exited during start-up (${signal ?? `exit code ${String(code)}`}).`,
        ),
      );
      return;
    }
    const lived = state === undefined ? 0 : Date.now() - state.started;
    this.#quickDeaths = state?.listening === true && lived >= STEADY_MS ? 0 : this.#quickDeaths + 1;
    const delay =
      this.#quickDeaths === 0
        ? 0
        : Math.min(250 * 2 ** (this.#quickDeaths - 1), MAX_RESPAWN_DELAY_MS);
    this.#logger.error(
      { pid: worker.process.pid, code, signal, restartInMs: delay },
      'a worker process died: starting a replacement',
    );
    if (delay === 0) {
      this.#fork();
      return;
    }
    const timer = setTimeout(() => {
      this.#respawnTimers.delete(timer);
      if (this.#state === 'running') this.#fork();
    }, delay);
    this.#respawnTimers.add(timer);
  }
}

function stopWorker(worker: Worker, graceMs: number, signal: boolean): Promise<void> {
  const child = worker.process;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (!signal && worker.isConnected()) {
      worker.send({ pode: 'stop' } satisfies WorkerMessage, undefined, (error) => {
        if (error !== null) child.kill('SIGTERM');
      });
    } else {
      child.kill('SIGTERM');
    }
  });
}

function send(message: WorkerMessage): void {
  process.send?.(message, undefined, {}, () => {});
}

function isWorkerMessage(message: unknown): message is WorkerMessage {
  return (
    message !== null &&
    typeof message === 'object' &&
    typeof (message as { pode?: unknown }).pode === 'string'
  );
}
