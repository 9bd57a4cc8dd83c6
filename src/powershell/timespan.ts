/**
 * Date parts PowerShell reads as properties (`$d.DayOfWeek`) and `$later - $earlier`, which
 * gives a .NET TimeSpan.
 */
import { toDateValue } from './dates.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const TICKS_PER_MS = 10_000;

/** A .NET TimeSpan's members, as `$later - $earlier` gives them. */
export interface TimeSpan {
  Days: number;
  Hours: number;
  Minutes: number;
  Seconds: number;
  Milliseconds: number;
  TotalDays: number;
  TotalHours: number;
  TotalMinutes: number;
  TotalSeconds: number;
  TotalMilliseconds: number;
  Ticks: number;
}

/** `$date.DayOfWeek`: the day's English name ('Sunday' … 'Saturday'), as the enum prints. */
export function dayOfWeek(date: unknown): string {
  return DAYS[toDateValue(date).getDay()];
}

/**
 * `$later - $earlier` on two dates: the TimeSpan between their wall-clock times (as .NET
 * subtracts local DateTimes: a daylight-saving change does not add or remove an hour). The
 * parts (`Days`, `Hours`, …) are truncated towards zero and share the sign of the whole.
 */
export function dateDifference(later: unknown, earlier: unknown): TimeSpan {
  const wall = (value: unknown) => {
    const date = toDateValue(value);
    return date.getTime() - date.getTimezoneOffset() * 60_000;
  };
  const ms = wall(later) - wall(earlier);
  const part = (size: number, modulo: number) => Math.trunc(ms / size) % modulo || 0;
  return {
    Days: Math.trunc(ms / 86_400_000) || 0,
    Hours: part(3_600_000, 24),
    Minutes: part(60_000, 60),
    Seconds: part(1000, 60),
    Milliseconds: part(1, 1000),
    TotalDays: ms / 86_400_000,
    TotalHours: ms / 3_600_000,
    TotalMinutes: ms / 60_000,
    TotalSeconds: ms / 1000,
    TotalMilliseconds: ms,
    Ticks: ms * TICKS_PER_MS,
  };
}
