/**
 * Dates as .NET formats and parses them in the invariant culture: `formatDate` (custom and
 * standard format strings), `toDate`/`parseDateTime` (`[datetime]'…'`), and `getDate`
 * (`Get-Date`, with `-Format` and `-UFormat`).
 */
import { PowerShellError } from './errors.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The invariant culture's standard date formats, as custom formats. */
export const STANDARD: Record<string, string> = {
  d: 'MM/dd/yyyy',
  D: 'dddd, dd MMMM yyyy',
  f: 'dddd, dd MMMM yyyy HH:mm',
  F: 'dddd, dd MMMM yyyy HH:mm:ss',
  g: 'MM/dd/yyyy HH:mm',
  G: 'MM/dd/yyyy HH:mm:ss',
  m: 'MMMM dd',
  M: 'MMMM dd',
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: 'HH:mm',
  T: 'HH:mm:ss',
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  U: 'dddd, dd MMMM yyyy HH:mm:ss',
  y: 'yyyy MMMM',
  Y: 'yyyy MMMM',
};

/** Standard formats that describe UTC: they are printed in UTC whatever the option says. */
const UTC_FORMATS = new Set(['r', 'R', 'u', 'U']);

/** Options of {@link formatDate}. */
export interface FormatDateOptions {
  /** Print the date's UTC time (as a `DateTimeKind.Utc` value prints), not the local time. */
  utc?: boolean;
}

/**
 * Formats a date with a .NET format string in the invariant culture: standard formats ('d',
 * 'o', 's', 'u', 'r', …) and custom ones ('yyyy-MM-dd HH:mm:ss', 'ddd, dd MMM', 'hh:mm tt',
 * 'fff', 'zzz', quoted literals, `\` escapes). Local time unless `utc` is set; 'r', 'u' and
 * 'U' always print UTC, as the zone they name.
 */
export function formatDate(date: Date, format: string, options: FormatDateOptions = {}): string {
  if (Number.isNaN(date.getTime())) throw new PowerShellError('InvalidDate', 'Invalid date.');
  let pattern = format;
  let utc = options.utc === true;
  if (format.length === 1) {
    const standard = STANDARD[format];
    if (standard === undefined) {
      throw new PowerShellError('FormatException', 'Input string was not in a correct format.');
    }
    pattern = standard;
    utc ||= UTC_FORMATS.has(format);
  }
  return formatCustom(parts(date, utc), pattern);
}

interface DateParts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC. */
  offset: number;
  utc: boolean;
}

function parts(date: Date, utc: boolean): DateParts {
  if (utc) {
    return {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      weekday: date.getUTCDay(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
      millisecond: date.getUTCMilliseconds(),
      offset: 0,
      utc,
    };
  }
  return {
    year: date.getFullYear(),
    month: date.getMonth() + 1,
    day: date.getDate(),
    weekday: date.getDay(),
    hour: date.getHours(),
    minute: date.getMinutes(),
    second: date.getSeconds(),
    millisecond: date.getMilliseconds(),
    offset: -date.getTimezoneOffset(),
    utc,
  };
}

function formatCustom(p: DateParts, pattern: string): string {
  let out = '';
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index];
    if (char === "'" || char === '"') {
      const end = pattern.indexOf(char, index + 1);
      if (end === -1) {
        throw new PowerShellError(
          'FormatException',
          `Cannot find a matching quote character for the character '${char}'.`,
        );
      }
      out += pattern.slice(index + 1, end);
      index = end + 1;
      continue;
    }
    if (char === '\\') {
      out += pattern[index + 1] ?? '';
      index += 2;
      continue;
    }
    if (char === '%') {
      index++;
      continue;
    }
    let run = 1;
    while (pattern[index + run] === char) run++;
    index += run;
    const written = specifier(p, char, run);
    if (written === undefined) {
      out += char.repeat(run);
    } else if (written === '' && char === 'F' && out.endsWith('.')) {
      out = out.slice(0, -1);
    } else {
      out += written;
    }
  }
  return out;
}

function specifier(p: DateParts, char: string, run: number): string | undefined {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  switch (char) {
    case 'd':
      if (run === 1 || run === 2) return pad(p.day, run);
      return run === 3 ? DAYS[p.weekday].slice(0, 3) : DAYS[p.weekday];
    case 'M':
      if (run === 1 || run === 2) return pad(p.month, run);
      return run === 3 ? MONTHS[p.month - 1].slice(0, 3) : MONTHS[p.month - 1];
    case 'y':
      return run <= 2 ? pad(p.year % 100, run) : pad(p.year, run);
    case 'h':
      return pad(hour12, Math.min(run, 2));
    case 'H':
      return pad(p.hour, Math.min(run, 2));
    case 'm':
      return pad(p.minute, Math.min(run, 2));
    case 's':
      return pad(p.second, Math.min(run, 2));
    case 'f':
    case 'F': {
      if (run > 7)
        throw new PowerShellError('FormatException', 'Input string was not in a correct format.');
      const digits = pad(p.millisecond, 3).padEnd(7, '0').slice(0, run);
      return char === 'f' ? digits : digits.replace(/0+$/, '');
    }
    case 't':
      return (p.hour < 12 ? 'AM' : 'PM').slice(0, run === 1 ? 1 : 2);
    case 'g':
      return 'A.D.';
    case 'K':
      return p.utc ? 'Z' : offsetText(p.offset, 3);
    case 'z':
      return offsetText(p.offset, Math.min(run, 3));
    case ':':
      return ':';
    case '/':
      return '/';
  }
  return undefined;
}

function offsetText(minutes: number, width: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const hours = Math.floor(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  if (width === 1) return `${sign}${hours}`;
  if (width === 2) return `${sign}${String(hours).padStart(2, '0')}`;
  return `${sign}${String(hours).padStart(2, '0')}:${String(rest).padStart(2, '0')}`;
}

/**
 * Formats a date with a Unix-style `-UFormat` string as `Get-Date -UFormat` does ('%Y-%m-%d',
 * '%s' for seconds since 1970, '%A', '%B', '%H:%M:%S', '%Z' for the offset, …).
 */
export function formatUFormat(date: Date, format: string): string {
  const p = parts(date, false);
  const two = (value: number) => String(value).padStart(2, '0');
  const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  const start = new Date(p.year, 0, 1);
  const dayOfYear =
    Math.round((new Date(p.year, p.month - 1, p.day).getTime() - start.getTime()) / 86_400_000) + 1;
  const table: Record<string, () => string> = {
    a: () => DAYS[p.weekday].slice(0, 3),
    A: () => DAYS[p.weekday],
    b: () => MONTHS[p.month - 1].slice(0, 3),
    h: () => MONTHS[p.month - 1].slice(0, 3),
    B: () => MONTHS[p.month - 1],
    c: () => formatCustom(p, 'ddd MMM dd HH:mm:ss yyyy'),
    C: () => two(Math.floor(p.year / 100)),
    d: () => two(p.day),
    D: () => formatCustom(p, 'MM/dd/yy'),
    e: () => String(p.day).padStart(2, ' '),
    F: () => formatCustom(p, 'yyyy-MM-dd'),
    H: () => two(p.hour),
    I: () => two(hour12),
    j: () => String(dayOfYear).padStart(3, '0'),
    k: () => String(p.hour).padStart(2, ' '),
    l: () => String(hour12).padStart(2, ' '),
    m: () => two(p.month),
    M: () => two(p.minute),
    n: () => '\n',
    p: () => (p.hour < 12 ? 'AM' : 'PM'),
    r: () => formatCustom(p, 'hh:mm:ss tt'),
    R: () => formatCustom(p, 'HH:mm'),
    s: () => String(Math.floor(date.getTime() / 1000)),
    S: () => two(p.second),
    t: () => '\t',
    T: () => formatCustom(p, 'HH:mm:ss'),
    u: () => String(p.weekday === 0 ? 7 : p.weekday),
    w: () => String(p.weekday),
    x: () => formatCustom(p, 'MM/dd/yy'),
    X: () => formatCustom(p, 'HH:mm:ss'),
    y: () => two(p.year % 100),
    Y: () => String(p.year),
    Z: () => offsetText(p.offset, 2),
    '%': () => '%',
  };
  return format.replace(/%(.)/gs, (whole, key: string) => table[key]?.() ?? whole);
}

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const SLASHED =
  /^(\d{1,4})\/(\d{1,2})\/(\d{1,4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?\s*(AM|PM)?)?$/i;
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?$/i;

/**
 * Reads a date as `[datetime]'…'` and `[DateTime]::Parse` do in the invariant culture:
 * ISO 8601 ('2024-01-31', '2024-01-31T10:00:00Z', with an offset or fraction), US order
 * ('01/31/2024 10:00 PM'), 'yyyy/MM/dd', month names ('31 January 2024', RFC 1123), and a time
 * alone (today). Without a zone the time is local. Throws PowerShell's message otherwise.
 */
export function parseDateTime(text: string): Date {
  const trimmed = text.trim();
  const parsed = parseKnown(trimmed);
  if (parsed !== undefined && !Number.isNaN(parsed.getTime())) return parsed;
  throw new PowerShellError(
    'FormatException',
    `String '${text}' was not recognized as a valid DateTime.`,
  );
}

function parseKnown(text: string): Date | undefined {
  let match = ISO.exec(text);
  if (match !== null) {
    const [, year, month, day, hour, minute, second, fraction, zone] = match;
    return build(+year, +month, +day, +(hour ?? 0), +(minute ?? 0), +(second ?? 0), fraction, zone);
  }
  match = SLASHED.exec(text);
  if (match !== null) {
    const [, first, second, third, hour, minute, seconds, fraction, meridiem] = match;
    const yearFirst = first.length >= 3;
    const [year, month, day] = yearFirst ? [+first, +second, +third] : [+third, +first, +second];
    const fullYear = !yearFirst && third.length <= 2 ? 2000 + year : year;
    return build(
      fullYear,
      month,
      day,
      to24(+(hour ?? 0), meridiem),
      +(minute ?? 0),
      +(seconds ?? 0),
      fraction,
    );
  }
  match = TIME_ONLY.exec(text);
  if (match !== null) {
    const [, hour, minute, second, meridiem] = match;
    const now = new Date();
    return build(
      now.getFullYear(),
      now.getMonth() + 1,
      now.getDate(),
      to24(+hour, meridiem),
      +minute,
      +(second ?? 0),
    );
  }
  if (/[a-z]{3}/i.test(text) && /\d/.test(text)) {
    const time = Date.parse(text);
    return Number.isNaN(time) ? undefined : new Date(time);
  }
  return undefined;
}

function to24(hour: number, meridiem: string | undefined): number {
  if (meridiem === undefined) return hour;
  const pm = meridiem.toUpperCase() === 'PM';
  return (hour % 12) + (pm ? 12 : 0);
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction?: string,
  zone?: string,
): Date | undefined {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  const millisecond = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const check = new Date(utc);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return undefined;
  if (zone === undefined) {
    const local = new Date(year, month - 1, day, hour, minute, second, millisecond);
    local.setFullYear(year);
    return local;
  }
  if (zone.toUpperCase() === 'Z') return check;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  return new Date(utc - offset * 60_000);
}

/** Options of {@link getDate}: `Get-Date`'s `-Date`, `-Format`, `-UFormat`. */
export interface GetDateOptions {
  /** The date to use instead of now (a Date, a string to parse, or ticks). */
  date?: unknown;
  /** A .NET format string: the result is a string. */
  format?: string;
  /** A Unix-style format string: the result is a string. */
  uFormat?: string;
  /** With `format`, print UTC rather than local time. */
  utc?: boolean;
}

/**
 * `Get-Date`: now (or `date`) as a Date, or as a string when `format` or `uFormat` is given.
 */
export function getDate(options: GetDateOptions & { format: string }): string;
export function getDate(options: GetDateOptions & { uFormat: string }): string;
export function getDate(options?: Omit<GetDateOptions, 'format' | 'uFormat'>): Date;
export function getDate(options: GetDateOptions): Date | string;
export function getDate(options: GetDateOptions = {}): Date | string {
  const date = options.date === undefined ? new Date() : toDateValue(options.date);
  if (options.format !== undefined) return formatDate(date, options.format, { utc: options.utc });
  if (options.uFormat !== undefined) return formatUFormat(date, options.uFormat);
  return date;
}

/** .NET ticks (100 ns since 0001-01-01) at the Unix epoch. */
const EPOCH_TICKS = 621_355_968_000_000_000n;

/**
 * `[datetime]$value`: a Date stays (copied), a string is parsed as {@link parseDateTime} does,
 * a number is .NET ticks. `$null` and anything else throw PowerShell's message.
 */
export function toDateValue(value: unknown): Date {
  if (value instanceof Date) return new Date(value.getTime());
  if (typeof value === 'string') return parseDateTime(value);
  if (typeof value === 'number' && Number.isInteger(value)) {
    const ms = (BigInt(value) - EPOCH_TICKS) / 10_000n;
    return new Date(Number(ms));
  }
  if (value === null || value === undefined) {
    throw new PowerShellError('NullConversion', 'Cannot convert null to type "System.DateTime".');
  }
  throw new PowerShellError(
    'InvalidCastParseTargetInvocation',
    `Cannot convert value "${String(value)}" to type "System.DateTime".`,
  );
}
