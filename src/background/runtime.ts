/**
 * One server's background: its timers, schedules and tasks, and where its state lives. The
 * builder creates it; the server starts it once listening and stops it on `stop()`. Timers and
 * schedules run only in the process elected to run them: the only process, or, with
 * `threads: N`, the one worker the primary names (another when that one dies). The free
 * functions (`setState`, `invokeTimer`, `useMutex`…) act on the background of the server being
 * set up or running in this process.
 */
import pino, { type Logger } from 'pino';
import { isThreadWorker } from '../threads.js';
import { FileWatchers } from './file-watchers.js';
import type { BackgroundHost } from './host.js';
import { WorkerStateClient } from './ipc.js';
import { Schedules } from './schedules.js';
import { MemoryStateStore, type StateStore } from './store.js';
import { Tasks } from './tasks.js';
import { Timers } from './timers.js';

const silent = pino({ level: 'silent' });

/** The background work and shared state of one server. */
export class Background implements BackgroundHost {
  readonly timers: Timers;
  readonly schedules: Schedules;
  readonly tasks: Tasks;
  readonly fileWatchers: FileWatchers;
  /** The server root: relative `saveState`/`restoreState` paths start here. */
  readonly root: string;
  #store: StateStore;
  #ownStore: StateStore | undefined;
  #logger: Logger = silent;
  #phase: 'setup' | 'running' | 'stopped' = 'setup';
  #leader = false;
  readonly #worker: WorkerStateClient | undefined;

  /** `serverOwned`: made by a server's builder (it becomes current, and joins a threaded server). */
  constructor(root: string, serverOwned = true) {
    this.root = root;
    this.timers = new Timers(this);
    this.schedules = new Schedules(this);
    this.tasks = new Tasks(this);
    this.fileWatchers = new FileWatchers(root);
    this.#worker =
      serverOwned && isThreadWorker()
        ? new WorkerStateClient(() => this.#becomeLeader())
        : undefined;
    this.#ownStore = this.#worker ?? new MemoryStateStore();
    this.#store = this.#ownStore;
    if (serverOwned) current = this;
  }

  logger(): Logger {
    return this.#logger;
  }

  store(): StateStore {
    return this.#store;
  }

  /** Keeps state (and named locks, schedule ticks) in this store instead (Redis). */
  useStore(store: StateStore): void {
    this.#store = store;
  }

  /**
   * True while a worker of a threaded server runs its set-up: its state writes are skipped,
   * since the primary already ran the same set-up against the shared state (a replaced worker
   * must not reset it).
   */
  get replaysSetup(): boolean {
    return this.#worker !== undefined && this.#phase === 'setup';
  }

  /** True once the server listens (until it stops). */
  get running(): boolean {
    return this.#phase === 'running';
  }

  /** True when anything would run in the background (the server then starts it). */
  get used(): boolean {
    return this.timers.list().length + this.schedules.list().length + this.fileWatchers.size > 0;
  }

  /** Starts timers and schedules here, unless this is a worker waiting to be elected. */
  start(logger: Logger): void {
    this.#logger = logger;
    this.#phase = 'running';
    current = this;
    if (this.#worker === undefined) this.#becomeLeader();
    else this.#worker.ready();
  }

  async stop(): Promise<void> {
    if (this.#phase === 'stopped') return;
    this.#phase = 'stopped';
    this.timers.stop();
    this.schedules.stop();
    this.fileWatchers.stop();
    await this.tasks.stop();
    await this.#worker?.close();
    if (this.#ownStore !== this.#store) await this.#ownStore?.close();
    if (current === this) current = undefined;
  }

  #becomeLeader(): void {
    if (this.#leader || this.#phase !== 'running') return;
    this.#leader = true;
    this.timers.start();
    this.schedules.start();
    this.fileWatchers.start(this.#logger);
  }
}

let current: Background | undefined;
let fallback: Background | undefined;

/**
 * The background of the server being set up or running in this process; outside any server, a
 * process-wide one (so state and locks work in plain scripts and tests too).
 */
export function currentBackground(): Background {
  if (current !== undefined) return current;
  fallback ??= new Background(process.cwd(), false);
  return fallback;
}
