/**
 * Pode's log types: the request log (Pode's Common/Combined line), the error log (by level) and
 * named logs written with `writeLog`. Set up on the builder, opened when the server starts,
 * written off the request path (items are queued and written on the next turn or in batches).
 */
import { hostname } from 'node:os';
import { threadId } from 'node:worker_threads';
import type { Logger } from 'pino';
import { findEvent } from '../context.js';
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type { WebEvent } from '../web-event.js';
import {
  kOpen,
  LOG_LEVELS,
  type LogEnvironment,
  type LogItem,
  type LogLevel,
  type LogMethod,
  type LogSink,
} from './methods.js';

/** Pode's request log type name. */
export const REQUEST_LOG = 'requests';
/** Pode's error log type name. */
export const ERROR_LOG = 'errors';

/** Options of `s.enableLogRequestType`. */
export interface LogRequestOptions {
  /** Pode's `-Format`: `'Combined'` (the default) or `'Common'` (no referrer and user agent). */
  format?: 'Combined' | 'Common';
  /** Dotted path of the user name in `e.auth.user` (Pode's `-UsernameProperty`). Default `'Username'`, then `'username'`. */
  usernameProperty?: string;
}

/** Options of `s.enableLogErrorType`. */
export interface LogErrorOptions {
  /** Levels written. Default Pode's: Emergency, Alert, Critical, Error. `'*'` means all. */
  levels?: readonly (LogLevel | '*')[];
}

/** Options of `s.addLogType`. */
export interface LogTypeOptions {
  /** Levels written. Default `['Informational']`. `'*'` means all. */
  levels?: readonly (LogLevel | '*')[];
  /**
   * Turns `writeLog`'s input into the item (Pode's `-ScriptBlock`), or a promise of it: a line,
   * or any value (written as JSON by the terminal and file methods, given as it is to a custom
   * method as `item.value`). Default: the input (a string as it is, else JSON).
   */
  format?: (input: unknown, level: LogLevel) => unknown;
}

/** What `writeLog` takes. */
export interface WriteLogOptions {
  /** A line of text (Pode's `-Message`). */
  message?: string;
  /** Any value; the log type's `format` turns it into a line (Pode's `-InputObject`). */
  inputObject?: unknown;
  /** Default `'Informational'`. */
  level?: LogLevel;
}

// The option keys each logging function takes (unknown ones are refused, see option-keys.ts).
const REQUEST_KEYS = optionKeys<LogRequestOptions>({ format: true, usernameProperty: true });
const ERROR_KEYS = optionKeys<LogErrorOptions>({ levels: true });
const TYPE_KEYS = optionKeys<LogTypeOptions>({ levels: true, format: true });
const WRITE_KEYS = optionKeys<WriteLogOptions>({ message: true, inputObject: true, level: true });
const LEVEL_KEYS = optionKeys<{ level?: LogLevel }>({ level: true });

interface LogType {
  methods: LogMethod[];
  levels: ReadonlySet<LogLevel>;
  format: (input: unknown, level: LogLevel) => unknown;
  request?: { combined: boolean; username: string[] };
}

function methodList(method: LogMethod | readonly LogMethod[], who: string): LogMethod[] {
  const list = Array.isArray(method) ? [...method] : [method];
  if (list.length === 0 || list.some((m) => m === null || typeof m !== 'object' || !(kOpen in m)))
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${who} needs a log method: newLogTerminalMethod(), newLogFileMethod({ name }) or newLogCustomMethod(fn).`,
    );
  return list as LogMethod[];
}

function levelSet(levels: readonly (LogLevel | '*')[], who: string): ReadonlySet<LogLevel> {
  if (!Array.isArray(levels) || levels.length === 0)
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${who}: levels must be a non-empty list of ${LOG_LEVELS.join(', ')} or '*'.`,
    );
  for (const level of levels) {
    if (level !== '*' && !LOG_LEVELS.includes(level))
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${who}: unknown level '${String(level)}'; use ${LOG_LEVELS.join(', ')} or '*'.`,
      );
  }
  return new Set(levels.includes('*') ? LOG_LEVELS : (levels as LogLevel[]));
}

const defaultFormat = (input: unknown): unknown => input;

/** A format's result as a line: a string as it is, anything else as JSON. */
const lineOf = (value: unknown): string =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));

/** @internal The log types a builder collects; `build()` hands them to the server. */
export class LogSettings {
  readonly types = new Map<string, LogType>();

  enableRequest(method: LogMethod | readonly LogMethod[], options: LogRequestOptions = {}): void {
    const who = 'enableLogRequestType';
    rejectUnknownKeys(who, options, REQUEST_KEYS);
    const format = options.format ?? 'Combined';
    if (format !== 'Combined' && format !== 'Common')
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${who}: format must be 'Combined' or 'Common' (W3C is not supported), got '${String(format)}'.`,
      );
    this.#add(
      REQUEST_LOG,
      {
        methods: methodList(method, who),
        levels: new Set(LOG_LEVELS),
        format: defaultFormat,
        request: {
          combined: format === 'Combined',
          username: (options.usernameProperty ?? 'Username').split('.'),
        },
      },
      who,
    );
  }

  enableError(method: LogMethod | readonly LogMethod[], options: LogErrorOptions = {}): void {
    const who = 'enableLogErrorType';
    rejectUnknownKeys(who, options, ERROR_KEYS);
    this.#add(
      ERROR_LOG,
      {
        methods: methodList(method, who),
        levels: levelSet(options.levels ?? ['Emergency', 'Alert', 'Critical', 'Error'], who),
        format: defaultFormat,
      },
      who,
    );
  }

  add(name: string, method: LogMethod | readonly LogMethod[], options: LogTypeOptions = {}): void {
    const who = `addLogType('${String(name)}')`;
    rejectUnknownKeys(who, options, TYPE_KEYS);
    if (typeof name !== 'string' || name.length === 0)
      throw setupError(
        ErrorCodes.BAD_OPTION,
        'addLogType needs a name: s.addLogType(name, method).',
      );
    if (options.format !== undefined && typeof options.format !== 'function')
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${who}: format must be a function (input, level) => string.`,
      );
    this.#add(
      name,
      {
        methods: methodList(method, who),
        levels: levelSet(options.levels ?? ['Informational'], who),
        format: options.format ?? defaultFormat,
      },
      who,
    );
  }

  #add(name: string, type: LogType, who: string): void {
    if (this.types.has(name))
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${who}: a log type named '${name}' already exists; remove it first (s.removeLogType).`,
      );
    this.types.set(name, type);
  }
}

/** Queues items for one opened method and writes them off the request path, in batches. */
class MethodRunner {
  #queue: LogItem[] = [];
  #scheduled = false;
  #timer: NodeJS.Timeout | undefined;
  #reported = false;
  #pending = new Set<Promise<void>>();

  constructor(
    readonly sink: LogSink,
    readonly size: number,
    readonly timeout: number,
    readonly logger: Logger,
  ) {}

  push(item: LogItem): void {
    this.#queue.push(item);
    if (this.#queue.length >= this.size) {
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.flush());
      }
    } else if (this.timeout > 0 && this.#timer === undefined) {
      this.#timer = setTimeout(() => this.flush(), this.timeout * 1000);
      this.#timer.unref();
    }
  }

  flush(): void {
    this.#scheduled = false;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#queue.length === 0) return;
    const items = this.#queue;
    this.#queue = [];
    try {
      const result = this.sink.write(items);
      if (result instanceof Promise) {
        const pending: Promise<void> = result
          .catch((error: unknown) => this.#fail(error))
          .finally(() => this.#pending.delete(pending));
        this.#pending.add(pending);
      }
    } catch (error) {
      this.#fail(error);
    }
  }

  async close(): Promise<void> {
    this.flush();
    await Promise.all(this.#pending);
    await this.sink.close();
  }

  #fail(error: unknown): void {
    if (this.#reported) return;
    this.#reported = true;
    this.logger.error(
      { err: error },
      'a log method failed: its log items are dropped (reported once)',
    );
  }
}

const active = new WeakMap<Logger, Logs>();
let latest: Logs | undefined;

/** @internal The log types of a running server. */
export class Logs {
  readonly #types = new Map<string, { type: LogType; runners: MethodRunner[] }>();
  readonly #runners = new Map<LogMethod, MethodRunner>();
  readonly #logger: Logger;
  /** The request-log endware, when the request log type is enabled. */
  readonly requestEndware: ((event: WebEvent) => void) | undefined;

  constructor(settings: LogSettings, environment: LogEnvironment) {
    this.#logger = environment.logger;
    for (const [name, type] of settings.types) {
      const runners = type.methods.map((method) => {
        let runner = this.#runners.get(method);
        if (runner === undefined) {
          runner = new MethodRunner(
            method[kOpen](environment),
            method.batch.size,
            method.batch.timeout,
            environment.logger,
          );
          this.#runners.set(method, runner);
        }
        return runner;
      });
      this.#types.set(name, { type, runners });
    }
    const request = this.#types.get(REQUEST_LOG);
    this.requestEndware =
      request === undefined ? undefined : (event) => this.#onRequest(event, request);
    active.set(this.#logger, this);
    latest = this;
  }

  /** Writes `input` to the log type `name` when `level` is one it takes; unknown names are ignored. */
  write(name: string, level: LogLevel, input: unknown): void {
    const entry = this.#types.get(name);
    if (entry === undefined || !entry.type.levels.has(level)) return;
    const date = new Date();
    const dropped = (error: unknown) =>
      this.#logger.error(
        { err: error, log: name },
        'a log type format function threw: the item is dropped',
      );
    let value: unknown;
    try {
      value = entry.type.format(input, level);
    } catch (error) {
      dropped(error);
      return;
    }
    if (!(value instanceof Promise)) {
      this.#push(entry.runners, { name, level, date, data: input, line: lineOf(value), value });
      return;
    }
    // an async format (a converted PowerShell script block): the item is queued once it settles
    value.then(
      (settled: unknown) =>
        this.#push(entry.runners, {
          name,
          level,
          date,
          data: input,
          line: lineOf(settled),
          value: settled,
        }),
      dropped,
    );
  }

  /** Writes an error to the error log type, in Pode's `Key: value` lines. */
  error(error: unknown, level: LogLevel): void {
    const entry = this.#types.get(ERROR_LOG);
    if (entry === undefined || !entry.type.levels.has(level)) return;
    const date = new Date();
    const isError = error instanceof Error;
    const data = {
      Date: formatErrorDate(date),
      Level: level,
      ThreadId: threadId,
      Server: hostname(),
      Category: isError ? error.name : 'Message',
      Message: isError ? error.message : String(error),
      StackTrace: isError ? (error.stack ?? '') : '',
    };
    const line = `${Object.entries(data)
      .map(([key, value]) => `${key}: ${value}`)
      .join('\n')}\n`;
    this.#push(entry.runners, { name: ERROR_LOG, level, date, data: error, line, value: line });
  }

  async close(): Promise<void> {
    if (active.get(this.#logger) === this) active.delete(this.#logger);
    if (latest === this) latest = undefined;
    await Promise.all([...this.#runners.values()].map((runner) => runner.close()));
  }

  #push(runners: readonly MethodRunner[], item: LogItem): void {
    for (const runner of runners) runner.push(item);
  }

  #onRequest(event: WebEvent, entry: { type: LogType; runners: MethodRunner[] }): void {
    const response = event.response;
    const date = event.timestamp;
    const options = entry.type.request!;
    const user = usernameOf(event, options.username);
    // The size is known once the response is sent: the line is made then.
    response.once('finish', () => {
      const length = responseLength(response);
      const data = {
        host: event.request.socket.remoteAddress ?? '',
        user,
        date,
        method: event.method.toUpperCase(),
        resource: event.path,
        protocol: `HTTP/${event.request.httpVersion}`,
        status: response.statusCode,
        size: length > 0 ? length : undefined,
        referrer: header(event, 'referer'),
        userAgent: header(event, 'user-agent'),
      };
      const line = requestLine(data, options.combined);
      this.#push(entry.runners, {
        name: REQUEST_LOG,
        level: 'Informational',
        date,
        data,
        line,
        value: line,
      });
    });
  }
}

/** The fields of one request log item. */
export interface RequestLogData {
  host: string;
  user: string | undefined;
  date: Date;
  method: string;
  resource: string;
  protocol: string;
  status: number;
  size: number | undefined;
  referrer: string | undefined;
  userAgent: string | undefined;
}

const item = (value: unknown): string => {
  const text = value === undefined || value === null ? '' : String(value);
  return text.trim() === '' ? '-' : text;
};

/** Pode's Common or Combined request line. */
export function requestLine(data: RequestLogData, combined: boolean): string {
  const base = `${item(data.host)} - ${item(data.user)} [${formatRequestDate(data.date)}] "${item(data.method)} ${item(data.resource)} ${item(data.protocol)}" ${item(data.status)} ${item(data.size)}`;
  return combined ? `${base} "${item(data.referrer)}" "${item(data.userAgent)}"` : base;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `dd/MMM/yyyy:HH:mm:ss zzz` in local time (.NET's `zzz` is `+hh:mm`). */
export function formatRequestDate(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${pad(date.getDate())}/${MONTHS[date.getMonth()]}/${date.getFullYear()}:${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ${zone}`;
}

function formatErrorDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

const LENGTH = /\r\ncontent-length:\s*(\d+)/i;

/** The Content-Length sent, also when it went in a raw `writeHead` array (the fast path). */
function responseLength(response: WebEvent['response']): number {
  const set = response.getHeader('content-length');
  if (set !== undefined) return Number(set);
  const head = (response as unknown as { _header?: unknown })._header;
  const match = typeof head === 'string' ? LENGTH.exec(head) : null;
  return match === null ? 0 : Number(match[1]);
}

function header(event: WebEvent, name: string): string | undefined {
  const value = event.request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function usernameOf(event: WebEvent, path: readonly string[]): string | undefined {
  const auth = event.auth;
  if (!auth.isAuthenticated || auth.user === undefined) return undefined;
  let value: unknown = auth.user;
  for (const atom of path) {
    if (value === null || typeof value !== 'object') return undefined;
    const record = value as Record<string, unknown>;
    value = atom in record ? record[atom] : record[atom.charAt(0).toLowerCase() + atom.slice(1)];
  }
  return typeof value === 'string' && value.trim() !== '' ? value.replace(/\s+/g, '.') : undefined;
}

function logsFor(logger: Logger | undefined): Logs | undefined {
  return (logger === undefined ? undefined : active.get(logger)) ?? latest;
}

/** @internal Sends a request error to the error log type, when one is enabled (error path only). */
export function logRequestError(logger: Logger, error: unknown): void {
  active.get(logger)?.error(error, 'Error');
}

/**
 * Pode's `Write-PodeLog`: writes to the log type `name` (from `s.addLogType`) of the current
 * request's server, or of the server started last outside a request. Nothing happens when no
 * such log type exists or its levels exclude `level`.
 */
export function writeLog(name: string, options: WriteLogOptions): void {
  rejectUnknownKeys('writeLog', options, WRITE_KEYS);
  const logs = logsFor(findEvent()?.log);
  if (logs === undefined) return;
  const input = options.inputObject !== undefined ? options.inputObject : options.message;
  logs.write(name, options.level ?? 'Informational', input);
}

/** Pode's `Write-PodeErrorLog`: writes an error or a message to the error log type at `level` (default Error). */
export function writeErrorLog(error: unknown, options: { level?: LogLevel } = {}): void {
  rejectUnknownKeys('writeErrorLog', options, LEVEL_KEYS);
  logsFor(findEvent()?.log)?.error(error, options.level ?? 'Error');
}
