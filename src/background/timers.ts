/**
 * Timers (`Add-PodeTimer` and friends): a function run every `interval` seconds, Pode's options
 * kept: `limit` runs then done, `skip` intervals passed over first, `onStart` a first run as the
 * server starts. A timer's error is logged and the timer keeps going; a run never overlaps the
 * previous one of the same timer. Every pending timeout is unref'd and cleared on stop, so
 * timers never keep a stopped server's process alive.
 */
import { BackgroundError, ErrorCodes, SetupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type { BackgroundHost } from './host.js';
import { TimedRegistry } from './registry.js';

/** `s.addTimer` options (Pode's parameters of `Add-PodeTimer`). */
export interface TimerOptions {
  /** Seconds between runs (Pode's `-Interval`), more than 0. */
  interval: number;
  /** Runs before the timer is done; 0 (default) for no end. */
  limit?: number;
  /** Intervals to pass over before the first run. Default 0. */
  skip?: number;
  /** Run once as soon as the server starts, then every interval. */
  onStart?: boolean;
}

/** What a timer's function receives first (Pode's `$TimerEvent`). */
export interface TimerEvent {
  name: string;
  /** Scheduled runs so far, this one included (ad-hoc `invokeTimer` runs do not count). */
  count: number;
  timestamp: Date;
  /** The timer as `getTimer` tells it, when the run started (Pode's `$TimerEvent.Sender`). */
  sender: TimerInfo;
  /** An empty object the run may use for its own notes (Pode's `Metadata`). */
  metadata: Record<string, unknown>;
}

/** A timer's function: the event, then the timer's arguments and any given to `invokeTimer`. */
export type TimerFunction = (event: TimerEvent, ...args: unknown[]) => unknown;

/** What `getTimer` tells about a timer. */
export interface TimerInfo {
  name: string;
  interval: number;
  limit: number;
  skip: number;
  count: number;
  completed: boolean;
  lastTriggerTime: Date | undefined;
  nextTriggerTime: Date | undefined;
  arguments: readonly unknown[];
}

const TIMER_KEYS = optionKeys<TimerOptions>({
  interval: true,
  limit: true,
  skip: true,
  onStart: true,
});

interface TimerRecord {
  /** Added while the server runs (a free addTimer/addSchedule): runs in the process that added it. */
  local: boolean;
  info: TimerInfo;
  fn: TimerFunction;
  onStart: boolean;
  handle: NodeJS.Timeout | undefined;
  running: boolean;
}

/** The timers of one server. */
export class Timers extends TimedRegistry<TimerInfo, TimerRecord> {
  readonly #host: BackgroundHost;
  #active = false;
  #stopped = false;

  constructor(host: BackgroundHost) {
    super();
    this.#host = host;
  }

  /** Adds a timer; throws a {@link SetupError} for a duplicate name or a bad option. */
  add(
    name: string,
    options: TimerOptions,
    fn: TimerFunction,
    args: readonly unknown[] = [],
    local = false,
  ): void {
    const where = `Timer '${String(name)}'`;
    if (typeof name !== 'string' || name === '') throw timerError('A timer needs a name.');
    if (this.records.has(name))
      throw timerError(
        `${where} is already defined.`,
        'Pick another name, or removeTimer() it first.',
      );
    if (options === null || typeof options !== 'object')
      throw timerError(`${where}: options must be an object with an interval.`);
    rejectUnknownKeys(`s.addTimer('${name}')`, options, TIMER_KEYS);
    if (typeof fn !== 'function') throw timerError(`${where} needs a function to run.`);
    const interval = positiveSeconds(where, options.interval);
    const limit = whole(where, 'limit', options.limit ?? 0, 0);
    const skip = whole(where, 'skip', options.skip ?? 0, 0);
    if (!Array.isArray(args)) throw timerError(`${where}: the arguments must be an array.`);
    const record: TimerRecord = {
      info: {
        name,
        interval,
        limit,
        skip,
        count: 0,
        completed: false,
        lastTriggerTime: undefined,
        nextTriggerTime: undefined,
        arguments: [...args],
      },
      fn,
      onStart: options.onStart === true,
      handle: undefined,
      running: false,
      local,
    };
    this.records.set(name, record);
    if (this.#runs(record)) this.#arm(record, true);
  }

  /** Starts every timer (in the process elected to run them). */
  start(): void {
    if (this.#active) return;
    this.#active = true;
    for (const record of this.records.values()) this.#arm(record, true);
  }

  /** Stops every pending run (runs in progress finish). */
  stop(): void {
    this.#active = false;
    this.#stopped = true;
    for (const record of this.records.values()) {
      clearTimeout(record.handle);
      record.handle = undefined;
      record.info.nextTriggerTime = undefined;
    }
  }

  /** Runs a timer now, outside its interval; not counted towards its limit. */
  async invoke(name: string, args: readonly unknown[] = []): Promise<void> {
    const record = this.#find(name);
    const event = timerEvent(record, new Date());
    await this.#run(record, event, [...record.info.arguments, ...args]);
  }

  edit(
    name: string,
    changes: { interval?: number; fn?: TimerFunction; args?: readonly unknown[] },
  ): void {
    const record = this.#find(name);
    const where = `Timer '${name}'`;
    if (changes.interval !== undefined)
      record.info.interval = positiveSeconds(where, changes.interval);
    if (changes.fn !== undefined) {
      if (typeof changes.fn !== 'function')
        throw timerError(`${where}: the new logic must be a function.`);
      record.fn = changes.fn;
    }
    if (changes.args !== undefined) record.info.arguments = [...changes.args];
    if (
      changes.interval !== undefined &&
      this.#runs(record) &&
      !record.running &&
      !record.info.completed
    ) {
      clearTimeout(record.handle);
      this.#armIn(record, record.info.interval * 1000);
    }
  }

  #runs(record: TimerRecord): boolean {
    return this.#active || (record.local && !this.#stopped);
  }

  #find(name: string): TimerRecord {
    const record = this.records.get(name);
    if (record === undefined) {
      throw new BackgroundError(
        ErrorCodes.TIMER,
        `No timer named '${String(name)}' exists.`,
        'Add it with s.addTimer() first.',
      );
    }
    return record;
  }

  #arm(record: TimerRecord, first: boolean): void {
    if (record.info.completed) return;
    if (first && record.onStart) {
      record.onStart = false;
      this.#armIn(record, 0);
      return;
    }
    const intervals = first ? 1 + record.info.skip : 1;
    this.#armIn(record, record.info.interval * 1000 * intervals);
  }

  #armIn(record: TimerRecord, delay: number): void {
    record.info.nextTriggerTime = new Date(Date.now() + delay);
    record.handle = setTimeout(() => void this.#tick(record), delay);
    record.handle.unref();
  }

  async #tick(record: TimerRecord): Promise<void> {
    record.handle = undefined;
    if (!this.#runs(record) || this.records.get(record.info.name) !== record) return;
    const started = Date.now();
    record.info.count++;
    record.info.lastTriggerTime = new Date(started);
    record.info.nextTriggerTime = undefined;
    if (record.info.limit > 0 && record.info.count >= record.info.limit)
      record.info.completed = true;
    // as in Pode, the next trigger is known while the run goes on
    if (!record.info.completed)
      record.info.nextTriggerTime = new Date(started + record.info.interval * 1000);
    const event = timerEvent(record, new Date(started));
    await this.#run(record, event, record.info.arguments);
    if (
      !this.#runs(record) ||
      record.info.completed ||
      this.records.get(record.info.name) !== record
    )
      return;
    this.#armIn(record, Math.max(0, started + record.info.interval * 1000 - Date.now()));
  }

  async #run(record: TimerRecord, event: TimerEvent, args: readonly unknown[]): Promise<void> {
    record.running = true;
    try {
      await record.fn(event, ...args);
    } catch (error) {
      this.#host
        .logger()
        .error({ err: error, timer: record.info.name }, `timer '${record.info.name}' failed`);
    } finally {
      record.running = false;
    }
  }
}

function timerEvent(record: TimerRecord, timestamp: Date): TimerEvent {
  const sender = { ...record.info, arguments: [...record.info.arguments] };
  return { name: record.info.name, count: record.info.count, timestamp, sender, metadata: {} };
}

function whole(where: string, name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw timerError(
      `${where}: ${name} must be a whole number of ${min} or more, but got: ${String(value)}.`,
    );
  }
  return value;
}

function positiveSeconds(where: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw timerError(
      `${where}: interval must be a number of seconds greater than 0, but got: ${String(value)}.`,
      'The interval is in seconds, as in Pode: { interval: 5 } runs every 5 seconds.',
    );
  }
  return value;
}

function timerError(message: string, hint?: string): SetupError {
  return new SetupError(ErrorCodes.TIMER, message, hint);
}
