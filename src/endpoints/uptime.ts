/**
 * Pode's server metrics `Get-PodeServerUptime` and `Get-PodeServerRestartCount`. pode-ts has no
 * in-place restart: a server started again in the same process (stop, then `startServer`) counts
 * as a restart, as Pode's restart re-runs the set-up in the same process. Each worker of a
 * threaded server counts for itself.
 */
import { ErrorCodes, PodeError } from '../errors.js';

let firstStart: number | undefined;
let lastStart: number | undefined;
let starts = 0;

/** @internal Called when a server starts listening. */
export function markServerStarted(now = Date.now()): void {
  firstStart ??= now;
  lastStart = now;
  starts++;
}

/** Options of `getServerUptime`. */
export interface UptimeOptions {
  /** Since the first server of this process started, restarts included (Pode's `-Total`). */
  total?: boolean;
  /** `'milliseconds'` (default, a number), or a string: `'concise'` (`1d 2h 3m 4s`), `'compact'` (`01:02:03:04.005`), `'verbose'` (`1 day, 2 hours…`). */
  format?: 'milliseconds' | 'concise' | 'compact' | 'verbose';
  /** Leave the milliseconds out of a string format. */
  excludeMilliseconds?: boolean;
}

/** How long the server has run (`Get-PodeServerUptime`): milliseconds, or a readable string with `format`. */
export function getServerUptime(options?: UptimeOptions & { format?: 'milliseconds' }): number;
export function getServerUptime(options: UptimeOptions): number | string;
export function getServerUptime(options: UptimeOptions = {}): number | string {
  const since = options.total === true ? firstStart : lastStart;
  if (since === undefined) {
    throw new PodeError(
      ErrorCodes.BAD_OPTION,
      'getServerUptime() was called before a server started.',
      'Call it from a route, timer or schedule of a running server.',
    );
  }
  const milliseconds = Date.now() - since;
  const format = options.format ?? 'milliseconds';
  if (format === 'milliseconds') return milliseconds;
  return readableDuration(milliseconds, format, options.excludeMilliseconds === true);
}

/** How often the server restarted in this process (`Get-PodeServerRestartCount`): 0 for a server started once. */
export function getServerRestartCount(): number {
  return Math.max(0, starts - 1);
}

/** @internal A duration written as Pode writes uptimes. */
export function readableDuration(
  milliseconds: number,
  format: 'concise' | 'compact' | 'verbose',
  excludeMilliseconds: boolean,
): string {
  const days = Math.floor(milliseconds / 86_400_000);
  const hours = Math.floor(milliseconds / 3_600_000) % 24;
  const minutes = Math.floor(milliseconds / 60_000) % 60;
  const seconds = Math.floor(milliseconds / 1000) % 60;
  const ms = milliseconds % 1000;
  if (format === 'compact') {
    const two = (n: number) => String(n).padStart(2, '0');
    const text = `${two(days)}:${two(hours)}:${two(minutes)}:${two(seconds)}`;
    return excludeMilliseconds ? text : `${text}.${String(ms).padStart(3, '0')}`;
  }
  const parts: [number, string, string][] = [
    [days, 'd', 'day'],
    [hours, 'h', 'hour'],
    [minutes, 'm', 'minute'],
    [seconds, 's', 'second'],
  ];
  const words = parts
    .filter(([n]) => n > 0)
    .map(([n, short, long]) =>
      format === 'concise' ? `${n}${short}` : `${n} ${long}${n === 1 ? '' : 's'}`,
    );
  if ((ms > 0 && !excludeMilliseconds) || words.length === 0) {
    words.push(format === 'concise' ? `${ms}ms` : `${ms} millisecond${ms === 1 ? '' : 's'}`);
  }
  return words.join(format === 'concise' ? ' ' : ', ');
}
