/**
 * Pode's log methods: where log items go (the terminal, rotating files, a function of yours),
 * each with optional batching. A method is a description; the server opens it when it starts.
 */
import { readdirSync, statSync } from 'node:fs';
import { readdir, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import sonicBoom from 'sonic-boom';
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';

// sonic-boom is CommonJS: its class is a property of the module.
const { SonicBoom } = sonicBoom;

/** Pode's log levels, most severe first. */
export type LogLevel =
  | 'Emergency'
  | 'Alert'
  | 'Critical'
  | 'Error'
  | 'Warning'
  | 'Notice'
  | 'Informational'
  | 'Verbose'
  | 'Debug';

/** Every level, in Pode's order. */
export const LOG_LEVELS: readonly LogLevel[] = [
  'Emergency',
  'Alert',
  'Critical',
  'Error',
  'Warning',
  'Notice',
  'Informational',
  'Verbose',
  'Debug',
];

/** One log item as a method receives it: the log's name, its level, when, the input and its line. */
export interface LogItem {
  /** The log type: `'requests'`, `'errors'` or the name given to `addLogType`. */
  name: string;
  level: LogLevel;
  date: Date;
  /** What was logged: the request's fields, the error, or `writeLog`'s input. */
  data: unknown;
  /** The item as one formatted line (Pode's format for requests and errors). */
  line: string;
  /**
   * Pode's transformed item: what the log type's `format` returned (a string, or any value,
   * which `line` holds as JSON); the line itself for requests and errors.
   */
  value: unknown;
}

/** Pode's batch settings: write `size` items at once, or whatever is waiting after `timeout` seconds. */
export interface LogBatchInfo {
  size: number;
  timeout: number;
}

/** Options every method takes. */
export interface LogMethodOptions {
  /** Batch items (`newLogBatchInfo`); default: each item written as it comes. */
  batch?: LogBatchInfo;
}

/** Where the file method writes, as Pode's `New-PodeLogFileMethod`. */
export interface LogFileOptions extends LogMethodOptions {
  /** The file name prefix: files are `<name>_<yyyy-MM-dd>_<nnn>.log`. */
  name: string;
  /** The folder, relative to the server root. Default `'./logs'`. */
  path?: string;
  /** Delete this method's files last written more than this many days ago; 0 keeps all. */
  maxDays?: number;
  /** Start a new file once the current one reaches this many bytes; 0 never. */
  maxSize?: number;
}

// The option keys each method function takes (unknown ones are refused, see option-keys.ts).
const BATCH_KEYS = optionKeys<{ size?: number; timeout?: number }>({ size: true, timeout: true });
const METHOD_KEYS = optionKeys<LogMethodOptions>({ batch: true });
const FILE_KEYS = optionKeys<LogFileOptions>({
  batch: true,
  name: true,
  path: true,
  maxDays: true,
  maxSize: true,
});

/** What a method needs from the running server. */
export interface LogEnvironment {
  logger: Logger;
  quiet: boolean;
  root: string;
}

/** @internal An opened method: writes lines, closes at stop. */
export interface LogSink {
  write(items: readonly LogItem[]): void | Promise<void>;
  close(): Promise<void>;
}

/** @internal */
export const kOpen = Symbol('pode.log.open');

/** A log method, from `newLogTerminalMethod`, `newLogFileMethod` or `newLogCustomMethod`. */
export interface LogMethod {
  readonly type: 'terminal' | 'file' | 'custom';
  readonly batch: LogBatchInfo;
  /** @internal */
  readonly [kOpen]: (environment: LogEnvironment) => LogSink;
}

/** Pode's `New-PodeLogBatchInfo`: `size` items per write (default 1), `timeout` seconds (0: none). */
export function newLogBatchInfo(options: { size?: number; timeout?: number } = {}): LogBatchInfo {
  rejectUnknownKeys('newLogBatchInfo', options, BATCH_KEYS);
  const size = options.size ?? 1;
  const timeout = options.timeout ?? 0;
  if (!Number.isInteger(size) || size < 1)
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `newLogBatchInfo: size must be an integer ≥ 1, got ${String(size)}.`,
    );
  if (typeof timeout !== 'number' || !(timeout >= 0))
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `newLogBatchInfo: timeout must be seconds ≥ 0, got ${String(timeout)}.`,
    );
  return { size, timeout };
}

function batchOf(options: LogMethodOptions | undefined): LogBatchInfo {
  return options?.batch === undefined ? { size: 1, timeout: 0 } : newLogBatchInfo(options.batch);
}

/** Pode's `New-PodeLogTerminalMethod`: items as lines on stdout (nothing when the server is quiet). */
export function newLogTerminalMethod(options: LogMethodOptions = {}): LogMethod {
  rejectUnknownKeys('newLogTerminalMethod', options, METHOD_KEYS);
  return {
    type: 'terminal',
    batch: batchOf(options),
    [kOpen]: (environment) => {
      if (environment.quiet) return { write: () => {}, close: async () => {} };
      const out = new SonicBoom({ fd: 1, sync: false });
      return {
        write: (items) => {
          out.write(joinLines(items));
        },
        close: async () => {
          out.flush();
        },
      };
    },
  };
}

/** Pode's `New-PodeLogFileMethod`: Pode's file names, rotation by size and retention by days. */
export function newLogFileMethod(options: LogFileOptions): LogMethod {
  rejectUnknownKeys('newLogFileMethod', options, FILE_KEYS);
  const { name, path = './logs', maxDays = 0, maxSize = 0 } = options ?? ({} as LogFileOptions);
  if (typeof name !== 'string' || name.length === 0 || /[\\/]/.test(name))
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `newLogFileMethod needs a file name (no slashes): newLogFileMethod({ name: 'requests' }).`,
    );
  if (typeof path !== 'string' || path.length === 0)
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `newLogFileMethod: path must be a folder, got ${String(path)}.`,
    );
  for (const [key, value] of [
    ['maxDays', maxDays],
    ['maxSize', maxSize],
  ] as const) {
    if (!Number.isInteger(value) || value < 0)
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `newLogFileMethod: ${key} must be an integer ≥ 0, got ${String(value)}.`,
      );
  }
  return {
    type: 'file',
    batch: batchOf(options),
    [kOpen]: (environment) =>
      new FileSink(resolve(environment.root, path), name, maxDays, maxSize, environment.logger),
  };
}

/** Pode's `New-PodeLogCustomMethod`: your function receives the items (an array, one per write without batching). */
export function newLogCustomMethod(
  write: (items: readonly LogItem[]) => unknown,
  options: LogMethodOptions = {},
): LogMethod {
  rejectUnknownKeys('newLogCustomMethod', options, METHOD_KEYS);
  if (typeof write !== 'function')
    throw setupError(
      ErrorCodes.BAD_OPTION,
      'newLogCustomMethod needs a function: newLogCustomMethod((items) => { … }).',
    );
  return {
    type: 'custom',
    batch: batchOf(options),
    [kOpen]: () => ({
      write: (items) => write(items) as void | Promise<void>,
      close: async () => {},
    }),
  };
}

function joinLines(items: readonly LogItem[]): string {
  let text = '';
  for (const item of items) text += `${item.line}\n`;
  return text;
}

/** `yyyy-MM-dd` in local time, as Pode's file names. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

type Destination = InstanceType<typeof SonicBoom>;

/**
 * Writes to `<name>_<yyyy-MM-dd>_<nnn>.log` through pino's asynchronous writer (sonic-boom).
 * Like Pode it continues the day's highest-numbered file, starts the next one once the current
 * one is `maxSize` bytes or more, and once a day deletes files older than `maxDays`. A file that
 * cannot be written drops its lines and is reported once on the operator's log.
 */
class FileSink implements LogSink {
  #day = '';
  #id = 0;
  #size = 0;
  #out: Destination | undefined;
  #nextClearDown = 0;
  #reported = false;

  constructor(
    readonly folder: string,
    readonly name: string,
    readonly maxDays: number,
    readonly maxSize: number,
    readonly logger: Logger,
  ) {}

  write(items: readonly LogItem[]): void {
    const now = new Date();
    const text = joinLines(items);
    try {
      const out = this.#current(now);
      out.write(text);
      this.#size += Buffer.byteLength(text);
    } catch (error) {
      this.#fail(error);
    }
    if (this.maxDays > 0 && now.getTime() >= this.#nextClearDown) {
      const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
      this.#nextClearDown = today.getTime() + 86_400_000;
      this.#clearDown(today.getTime() - this.maxDays * 86_400_000).catch((error: unknown) =>
        this.#fail(error),
      );
    }
  }

  async close(): Promise<void> {
    await this.#end();
  }

  #file(id: number): string {
    return join(this.folder, `${this.name}_${this.#day}_${String(id).padStart(3, '0')}.log`);
  }

  #current(now: Date): Destination {
    const day = localDay(now);
    if (day !== this.#day) {
      void this.#end();
      this.#day = day;
      const prefix = `${this.name}_${day}_`;
      let count = 0;
      try {
        count = readdirSync(this.folder).filter(
          (f) => f.startsWith(prefix) && f.endsWith('.log'),
        ).length;
      } catch {
        // no folder yet: sonic-boom makes it
      }
      this.#id = Math.max(count, 1);
      this.#size = sizeOf(this.#file(this.#id));
    }
    if (this.maxSize > 0 && this.#size >= this.maxSize) {
      void this.#end();
      this.#id++;
      this.#size = sizeOf(this.#file(this.#id));
    }
    if (this.#out === undefined) {
      const out = new SonicBoom({
        dest: this.#file(this.#id),
        sync: false,
        mkdir: true,
        append: true,
      });
      out.on('error', (error: unknown) => {
        this.#fail(error);
        if (this.#out === out) this.#out = undefined;
        out.destroy();
      });
      this.#out = out;
    }
    return this.#out;
  }

  #end(): Promise<void> {
    const out = this.#out;
    this.#out = undefined;
    if (out === undefined) return Promise.resolve();
    return new Promise((done) => {
      out.once('close', () => done());
      out.once('error', () => done());
      out.end();
    });
  }

  async #clearDown(before: number): Promise<void> {
    const prefix = `${this.name}_`;
    const files = await readdir(this.folder);
    for (const file of files) {
      if (!file.startsWith(prefix) || !file.endsWith('.log')) continue;
      const path = join(this.folder, file);
      const info = await stat(path);
      if (info.mtimeMs < before) await unlink(path);
    }
  }

  #fail(error: unknown): void {
    if (this.#reported) return;
    this.#reported = true;
    this.logger.error(
      { err: error, folder: this.folder, name: this.name },
      'a log file cannot be written: its log items are dropped (reported once)',
    );
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
