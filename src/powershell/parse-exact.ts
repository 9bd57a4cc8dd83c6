/**
 * `[DateTime]::ParseExact($text, $format, $null)`: a date read with a .NET format string in the
 * invariant culture, every character of the text accounted for by the format.
 */
import { STANDARD } from './dates.js';
import { PowerShellError } from './errors.js';
import { toPsString } from './values.js';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

interface Parts {
  year?: number;
  month?: number;
  day?: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  pm?: boolean;
  /** minutes east of UTC, when the text names a zone */
  offset?: number;
  weekday?: number;
}

/**
 * `[DateTime]::ParseExact`: reads `text` with one .NET format (or the first of several that
 * fits): custom formats (`yyyyMMdd`, `dd/MM/yyyy HH:mm`, `MMM d, yyyy`, `hh:mm tt`, `fff`,
 * `zzz`, `K`, quoted literals, `\` escapes) and standard ones (`'s'`, `'o'`, `'u'`, …). A date
 * without a time is midnight, without a zone local time. Throws PowerShell's message otherwise.
 */
export function dateTimeParseExact(text: unknown, format: unknown, _provider?: unknown): Date {
  const value = toPsString(text);
  const formats = Array.isArray(format) ? format.map(toPsString) : [toPsString(format)];
  for (const candidate of formats) {
    const date = parseWith(value, STANDARD[candidate] ?? candidate);
    if (date !== undefined) return date;
  }
  throw new PowerShellError(
    'FormatException',
    `Exception calling "ParseExact" with "3" argument(s): "String '${value}' was not recognized as a valid DateTime."`,
  );
}

function parseWith(text: string, format: string): Date | undefined {
  if (format === '') return undefined;
  const parts: Parts = { hour: 0, minute: 0, second: 0, millisecond: 0 };
  let at = 0;
  let i = 0;
  const literal = (expected: string): boolean => {
    if (text.slice(at, at + expected.length) !== expected) return false;
    at += expected.length;
    return true;
  };
  const digits = (min: number, max: number): number | undefined => {
    const found = new RegExp(`^\\d{${min},${max}}`).exec(text.slice(at));
    if (found === null) return undefined;
    at += found[0].length;
    return Number(found[0]);
  };
  const name = (names: readonly string[], short: boolean): number | undefined => {
    const rest = text.slice(at).toLowerCase();
    const index = names.findIndex((full) => rest.startsWith(short ? full.slice(0, 3) : full));
    if (index >= 0) at += short ? 3 : names[index].length;
    return index >= 0 ? index : undefined;
  };
  while (i < format.length) {
    const char = format[i];
    if (char === "'" || char === '"') {
      const end = format.indexOf(char, i + 1);
      if (end < 0 || !literal(format.slice(i + 1, end))) return undefined;
      i = end + 1;
      continue;
    }
    if (char === '\\') {
      if (!literal(format[i + 1] ?? '')) return undefined;
      i += 2;
      continue;
    }
    let run = 1;
    while (format[i + run] === char) run++;
    i += run;
    let read: number | undefined;
    switch (char) {
      case 'y':
        read = run >= 3 ? digits(4, 4) : digits(run, 2);
        if (read !== undefined && run < 3) read += read <= 49 ? 2000 : 1900;
        parts.year = read;
        break;
      case 'M':
        read = run >= 3 ? name(MONTHS, run === 3) : digits(run, 2);
        if (read !== undefined && run >= 3) read += 1;
        parts.month = read;
        break;
      case 'd':
        if (run >= 3) {
          read = name(DAYS, run === 3);
          parts.weekday = read;
        } else {
          read = digits(run, 2);
          parts.day = read;
        }
        break;
      case 'H':
      case 'h':
        read = digits(run, 2);
        parts.hour = read ?? 0;
        if (char === 'h' && read !== undefined && (read < 1 || read > 12)) return undefined;
        break;
      case 'm':
        read = digits(run, 2);
        parts.minute = read ?? 0;
        break;
      case 's':
        read = digits(run, 2);
        parts.second = read ?? 0;
        break;
      case 'f':
      case 'F': {
        const found = new RegExp(`^\\d{${char === 'f' ? run : 0},${run}}`).exec(text.slice(at));
        if (found === null) return undefined;
        at += found[0].length;
        parts.millisecond = found[0] === '' ? 0 : Math.floor(Number(`0.${found[0]}`) * 1000);
        read = 0;
        break;
      }
      case 't': {
        const rest = text.slice(at, at + run).toUpperCase();
        const am = run === 1 ? 'A' : 'AM';
        const pm = run === 1 ? 'P' : 'PM';
        if (rest.startsWith(pm)) parts.pm = true;
        else if (rest.startsWith(am)) parts.pm = false;
        else return undefined;
        at += am.length;
        read = 0;
        break;
      }
      case 'z':
      case 'K': {
        if (char === 'K' && literal('Z')) {
          parts.offset = 0;
          read = 0;
          break;
        }
        const found = /^([+-])(\d{1,2})(?::?(\d{2}))?/.exec(text.slice(at));
        if (found === null) {
          if (char === 'K') {
            read = 0;
            break;
          }
          return undefined;
        }
        at += found[0].length;
        parts.offset =
          (found[1] === '-' ? -1 : 1) * (Number(found[2]) * 60 + Number(found[3] ?? 0));
        read = 0;
        break;
      }
      default:
        if (!literal(char.repeat(run))) return undefined;
        read = 0;
    }
    if (read === undefined) return undefined;
  }
  if (at !== text.length) return undefined;
  return build(parts);
}

function build(parts: Parts): Date | undefined {
  let hour = parts.hour;
  if (parts.pm !== undefined) hour = (hour % 12) + (parts.pm ? 12 : 0);
  const now = new Date();
  const year = parts.year ?? now.getFullYear();
  const month = parts.month ?? (parts.year === undefined ? now.getMonth() + 1 : 1);
  const day = parts.day ?? 1;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || parts.minute > 59 || parts.second > 59)
    return undefined;
  const utc = new Date(
    Date.UTC(year, month - 1, day, hour, parts.minute, parts.second, parts.millisecond),
  );
  utc.setUTCFullYear(year);
  if (utc.getUTCDate() !== day || utc.getUTCMonth() !== month - 1) return undefined;
  if (parts.weekday !== undefined && utc.getUTCDay() !== parts.weekday) return undefined;
  if (parts.offset !== undefined) return new Date(utc.getTime() - parts.offset * 60_000);
  const local = new Date(year, month - 1, day, hour, parts.minute, parts.second, parts.millisecond);
  local.setFullYear(year);
  return local;
}
