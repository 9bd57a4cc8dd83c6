/**
 * Schedules (`Add-PodeSchedule` and friends): a function run at the times of one or more cron
 * expressions (see cron.ts), with Pode's `limit`, `startTime`, `endTime`, `onStart` and `timeout`.
 * Before a tick runs it is claimed in the state store, so with Redis shared by several machines
 * a tick runs on one of them only. Timeouts are unref'd and cleared on stop.
 */
import { BackgroundError, ErrorCodes, SetupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import { PodeCron } from './cron.js';
import type { BackgroundHost } from './host.js';
import { Limiter } from './limiter.js';
import { TimedRegistry } from './registry.js';

/** `s.addSchedule` options (Pode's parameters of `Add-PodeSchedule`). */
export interface ScheduleOptions {
  /** Runs before the schedule is done; 0 (default) for no end. */
  limit?: number;
  /** No trigger before this time. */
  startTime?: Date;
  /** No trigger after this time (must be in the future). */
  endTime?: Date;
  /** Run once as soon as the server starts, besides the cron times. */
  onStart?: boolean;
  /** Seconds a run may take before its `signal` aborts and the overrun is logged; -1 (default) for none. */
  timeout?: number;
  /** Passed to the function after the event (Pode's `-ArgumentList`). */
  args?: Record<string, unknown>;
  /** An IANA time zone for the cron times (`'America/New_York'`); default local time. */
  timezone?: string;
}

/** What a schedule's function receives first (Pode's `$Event`). */
export interface ScheduleEvent {
  name: string;
  /** Runs so far, this one included (ad-hoc `invokeSchedule` runs do not count). */
  count: number;
  timestamp: Date;
  /** Aborted when the schedule's `timeout` passes. */
  signal: AbortSignal;
  /** The schedule as `getSchedule` tells it, when the run started (Pode's `Sender`). */
  sender: ScheduleInfo;
  /** An empty object the run may use for its own notes (Pode's `Metadata`). */
  metadata: Record<string, unknown>;
}

/** A schedule's function: the event, then the arguments (the schedule's, merged with `invokeSchedule`'s). */
export type ScheduleFunction = (event: ScheduleEvent, args: Record<string, unknown>) => unknown;

/** What `getSchedule` tells about a schedule. */
export interface ScheduleInfo {
  name: string;
  cron: readonly string[];
  limit: number;
  count: number;
  completed: boolean;
  startTime: Date | undefined;
  endTime: Date | undefined;
  timeout: number;
  lastTriggerTime: Date | undefined;
  nextTriggerTime: Date | undefined;
}

const SCHEDULE_KEYS = optionKeys<ScheduleOptions>({
  limit: true,
  startTime: true,
  endTime: true,
  onStart: true,
  timeout: true,
  args: true,
  timezone: true,
});

/** The longest setTimeout delay; a later trigger is re-checked after it. */
const MAX_DELAY_MS = 2 ** 31 - 1;

interface ScheduleRecord {
  /** Added while the server runs (a free addTimer/addSchedule): runs in the process that added it. */
  local: boolean;
  info: ScheduleInfo;
  cron: PodeCron;
  fn: ScheduleFunction;
  args: Record<string, unknown>;
  timezone: string | undefined;
  onStart: boolean;
  handle: NodeJS.Timeout | undefined;
}

/** The schedules of one server. */
export class Schedules extends TimedRegistry<ScheduleInfo, ScheduleRecord> {
  readonly #host: BackgroundHost;
  readonly #limiter = new Limiter();
  #active = false;
  #stopped = false;

  constructor(host: BackgroundHost) {
    super();
    this.#host = host;
  }

  /**
   * At most `max` schedule runs at once (`Set-PodeScheduleConcurrency`); a tick past it waits
   * for a run to end. No limit by default.
   */
  setConcurrency(max: number): void {
    this.#limiter.setMax('setScheduleConcurrency()', ErrorCodes.SCHEDULE, max);
  }

  /** The maximum of schedule runs at once (Infinity when none was set). */
  get concurrency(): number {
    return this.#limiter.max;
  }

  /** Adds a schedule; throws a {@link SetupError} for a duplicate name, a bad cron or option. */
  add(
    name: string,
    cron: string | readonly string[],
    fn: ScheduleFunction,
    options: ScheduleOptions = {},
    local = false,
  ): void {
    if (typeof name !== 'string' || name === '') throw scheduleError('A schedule needs a name.');
    const where = `Schedule '${name}'`;
    if (this.records.has(name))
      throw scheduleError(
        `${where} is already defined.`,
        'Pick another name, or removeSchedule() it first.',
      );
    if (typeof fn !== 'function') throw scheduleError(`${where} needs a function to run.`);
    if (options === null || typeof options !== 'object')
      throw scheduleError(`${where}: options must be an object.`);
    rejectUnknownKeys(`s.addSchedule('${name}')`, options, SCHEDULE_KEYS);
    const limit = options.limit ?? 0;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
      throw scheduleError(
        `${where}: limit must be a whole number of 0 or more, but got: ${String(limit)}.`,
      );
    }
    const timeout = options.timeout ?? -1;
    if (
      typeof timeout !== 'number' ||
      !Number.isFinite(timeout) ||
      (timeout < 0 && timeout !== -1)
    ) {
      throw scheduleError(
        `${where}: timeout must be seconds (0 or more), or -1 for none, but got: ${String(timeout)}.`,
      );
    }
    const startTime = date(where, 'startTime', options.startTime);
    const endTime = date(where, 'endTime', options.endTime);
    if (endTime !== undefined && endTime.getTime() < Date.now()) {
      throw scheduleError(`${where}: the endTime must be in the future.`);
    }
    if (
      startTime !== undefined &&
      endTime !== undefined &&
      endTime.getTime() <= startTime.getTime()
    ) {
      throw scheduleError(`${where}: the startTime must be before the endTime.`);
    }
    const args = options.args ?? {};
    if (args === null || typeof args !== 'object' || Array.isArray(args)) {
      throw scheduleError(`${where}: args must be an object of named arguments.`);
    }
    const expressions = typeof cron === 'string' ? [cron] : Array.isArray(cron) ? [...cron] : [];
    const parsed = new PodeCron(where, expressions, timezoneOption(where, options.timezone));
    const record: ScheduleRecord = {
      info: {
        name,
        cron: expressions,
        limit,
        count: 0,
        completed: false,
        startTime,
        endTime,
        timeout,
        lastTriggerTime: undefined,
        nextTriggerTime: undefined,
      },
      cron: parsed,
      fn,
      args: { ...args },
      timezone: options.timezone,
      onStart: options.onStart === true,
      handle: undefined,
      local,
    };
    record.info.nextTriggerTime = this.#nextAfter(record, new Date());
    this.records.set(name, record);
    if (this.#runs(record)) this.#arm(record, true);
  }

  /** Starts every schedule (in the process elected to run them). */
  start(): void {
    if (this.#active) return;
    this.#active = true;
    const now = new Date();
    for (const record of this.records.values()) {
      if (!record.info.completed) record.info.nextTriggerTime = this.#nextAfter(record, now);
      this.#arm(record, true);
    }
  }

  stop(): void {
    this.#active = false;
    this.#stopped = true;
    for (const record of this.records.values()) {
      clearTimeout(record.handle);
      record.handle = undefined;
    }
  }

  /** Runs a schedule now, outside its cron times; not counted towards its limit. */
  async invoke(name: string, args: Record<string, unknown> = {}): Promise<void> {
    const record = this.#find(name);
    await this.#run(record, record.info.count, { ...record.args, ...args });
  }

  edit(
    name: string,
    changes: {
      cron?: string | readonly string[];
      fn?: ScheduleFunction;
      args?: Record<string, unknown>;
    },
  ): void {
    const record = this.#find(name);
    const where = `Schedule '${name}'`;
    if (changes.fn !== undefined) {
      if (typeof changes.fn !== 'function')
        throw scheduleError(`${where}: the new logic must be a function.`);
      record.fn = changes.fn;
    }
    if (changes.args !== undefined) record.args = { ...changes.args };
    if (changes.cron !== undefined) {
      const expressions = typeof changes.cron === 'string' ? [changes.cron] : [...changes.cron];
      record.cron = new PodeCron(where, expressions, timezoneOption(where, record.timezone));
      record.info.cron = expressions;
      record.info.nextTriggerTime = this.#nextAfter(record, new Date());
      if (this.#runs(record)) {
        clearTimeout(record.handle);
        this.#arm(record, false);
      }
    }
  }

  /** The schedule's next trigger after `from` (default now), or undefined when there is none. */
  nextTrigger(name: string, from: Date = new Date()): Date | undefined {
    return this.#nextAfter(this.#find(name), from);
  }

  #runs(record: ScheduleRecord): boolean {
    return this.#active || (record.local && !this.#stopped);
  }

  #find(name: string): ScheduleRecord {
    const record = this.records.get(name);
    if (record === undefined) {
      throw new BackgroundError(
        ErrorCodes.SCHEDULE,
        `No schedule named '${String(name)}' exists.`,
        'Add it with s.addSchedule() first.',
      );
    }
    return record;
  }

  #nextAfter(record: ScheduleRecord, from: Date): Date | undefined {
    const { startTime, endTime } = record.info;
    const start =
      startTime !== undefined && startTime.getTime() > from.getTime()
        ? new Date(startTime.getTime() - 1)
        : from;
    return record.cron.next(start, endTime);
  }

  #arm(record: ScheduleRecord, first: boolean): void {
    if (record.info.completed) return;
    if (first && record.onStart) {
      record.onStart = false;
      void this.#run(record, record.info.count, record.args);
    }
    const next = record.info.nextTriggerTime;
    if (next === undefined || (record.info.endTime !== undefined && next > record.info.endTime)) {
      record.info.completed = true;
      record.info.nextTriggerTime = undefined;
      return;
    }
    const delay = Math.min(MAX_DELAY_MS, Math.max(0, next.getTime() - Date.now()));
    record.handle = setTimeout(() => void this.#tick(record, next), delay);
    record.handle.unref();
  }

  async #tick(record: ScheduleRecord, due: Date): Promise<void> {
    record.handle = undefined;
    if (!this.#runs(record) || this.records.get(record.info.name) !== record) return;
    if (Date.now() < due.getTime()) {
      this.#arm(record, false); // woke early, or a long delay was capped: wait the rest
      return;
    }
    record.cron.redraw();
    const now = new Date();
    const following = this.#nextAfter(record, due);
    record.info.nextTriggerTime =
      following !== undefined && following < now ? this.#nextAfter(record, now) : following;
    let claimed = false;
    try {
      claimed = await this.#host
        .store()
        .claim(`schedule:${record.info.name}:${due.getTime()}`, 60_000);
    } catch (error) {
      this.#host
        .logger()
        .error(
          { err: error, schedule: record.info.name },
          `schedule '${record.info.name}': the tick could not be claimed`,
        );
    }
    if (claimed) {
      record.info.count++;
      record.info.lastTriggerTime = due;
      if (record.info.limit > 0 && record.info.count >= record.info.limit)
        record.info.completed = true;
      void this.#run(record, record.info.count, record.args);
    }
    if (record.info.completed) {
      record.info.nextTriggerTime = undefined;
      return;
    }
    if (this.#runs(record)) this.#arm(record, false);
  }

  async #run(record: ScheduleRecord, count: number, args: Record<string, unknown>): Promise<void> {
    const name = record.info.name;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    try {
      await this.#limiter.run(() => {
        // the timeout counts from the start of the run, not from a wait for a free slot
        if (record.info.timeout >= 0) {
          timer = setTimeout(() => {
            controller.abort(
              new BackgroundError(
                ErrorCodes.SCHEDULE,
                `Schedule '${name}' ran past its timeout of ${record.info.timeout}s.`,
              ),
            );
            this.#host.logger().warn({ schedule: name }, `schedule '${name}' ran past its timeout`);
          }, record.info.timeout * 1000);
          timer.unref();
        }
        const sender = { ...record.info, cron: [...record.info.cron] };
        const event = { name, count, timestamp: new Date(), signal: controller.signal, sender };
        return record.fn({ ...event, metadata: {} }, args);
      });
    } catch (error) {
      this.#host.logger().error({ err: error, schedule: name }, `schedule '${name}' failed`);
    } finally {
      clearTimeout(timer);
    }
  }
}

function date(where: string, name: string, value: unknown): Date | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw scheduleError(`${where}: ${name} must be a valid Date, but got: ${String(value)}.`);
  }
  return value;
}

function timezoneOption(where: string, timezone: unknown): { timezone?: string } {
  if (timezone === undefined) return {};
  if (typeof timezone !== 'string')
    throw scheduleError(`${where}: timezone must be an IANA name such as 'Europe/London'.`);
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw scheduleError(
      `${where}: unknown time zone '${timezone}'.`,
      "Use an IANA name such as 'Europe/London'.",
    );
  }
  return { timezone };
}

function scheduleError(message: string, hint?: string): SetupError {
  return new SetupError(ErrorCodes.SCHEDULE, message, hint);
}
