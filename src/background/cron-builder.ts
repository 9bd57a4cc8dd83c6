/**
 * `newCron` (Pode's `New-PodeCron`): a cron expression built from plain options instead of
 * written by hand, for `addSchedule`. A pure function: the same options always give the same
 * string, which is Pode's own for the same parameters.
 */
import { ErrorCodes, SetupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';

/** The months `newCron` takes (Pode's names; any letter case). */
export type CronMonth =
  | 'January'
  | 'February'
  | 'March'
  | 'April'
  | 'May'
  | 'June'
  | 'July'
  | 'August'
  | 'September'
  | 'October'
  | 'November'
  | 'December';

/** The days of the week `newCron` takes (Pode's names; any letter case). */
export type CronDay =
  | 'Monday'
  | 'Tuesday'
  | 'Wednesday'
  | 'Thursday'
  | 'Friday'
  | 'Saturday'
  | 'Sunday';

/** What `every` repeats on (Pode's `-Every`). */
export type CronEvery = 'Minute' | 'Hour' | 'Day' | 'Date' | 'Month' | 'Quarter' | 'Year' | 'None';

/** `newCron` options: Pode's parameters of `New-PodeCron`. */
export interface NewCronOptions {
  /** Minutes, 0-59. */
  minute?: number | readonly number[];
  /** Hours, 0-23. */
  hour?: number | readonly number[];
  /** Days of the month, 1-31. */
  date?: number | readonly number[];
  /** Months by name. */
  month?: CronMonth | readonly CronMonth[];
  /** Days of the week by name. */
  day?: CronDay | readonly CronDay[];
  /** Every minute, hour, day, date, month, quarter or year; default `'None'`. */
  every?: CronEvery;
  /** With `every`: every n-th of it (`{ every: 'Hour', interval: 2 }` is every other hour). */
  interval?: number;
}

const KEYS = optionKeys<NewCronOptions>({
  minute: true,
  hour: true,
  date: true,
  month: true,
  day: true,
  every: true,
  interval: true,
});

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
const EVERY = ['minute', 'hour', 'day', 'date', 'month', 'quarter', 'year', 'none'];

type Field = 'minute' | 'hour' | 'date' | 'month' | 'day';

/**
 * A cron expression from Pode's `New-PodeCron` parameters: `newCron({ every: 'Minute',
 * interval: 2 })` is `'*\/2 * * * *'`, `newCron({ every: 'Day', day: ['Tuesday', 'Friday'],
 * hour: 1 })` is `'0 1 * * 2,5'`. Throws a {@link SetupError} for a value out of range, an
 * unknown name, or an interval Pode refuses.
 */
export function newCron(options: NewCronOptions = {}): string {
  if (options === null || typeof options !== 'object')
    throw cronError('newCron() options must be an object.');
  rejectUnknownKeys('newCron()', options, KEYS);
  const every = choice('every', options.every ?? 'None', EVERY);
  const interval = options.interval ?? 0;
  if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 0)
    throw cronError(
      `newCron(): interval must be a whole number of 0 or more, but got: ${String(interval)}.`,
    );
  if (every === 'none' && interval > 0)
    throw cronError(
      'newCron(): an interval needs every (Minute, Hour, Day, Date or Month).',
      "Say what repeats: newCron({ every: 'Minute', interval: 5 }).",
    );
  const values: Record<Field, number[]> = {
    minute: numbers('minute', options.minute, 0, 59),
    hour: numbers('hour', options.hour, 0, 23),
    date: numbers('date', options.date, 1, 31),
    month: names('month', options.month, MONTHS).map((index) => index + 1),
    day: names('day', options.day, DAYS),
  };
  const cron: Record<Field, string> = { minute: '*', hour: '*', date: '*', month: '*', day: '*' };
  // Pode: with an interval, a single value of the repeating field is where it starts.
  const repeat = (field: Field) => {
    if (interval <= 0) return;
    if (values[field].length > 1)
      throw cronError(
        `newCron(): only one ${field} may be given with an interval, but got: ${values[field].join(', ')}.`,
      );
    if (values[field].length === 1) cron[field] = String(values[field][0]);
    cron[field] += `/${interval}`;
    values[field] = [];
  };
  switch (every) {
    case 'minute':
      repeat('minute');
      break;
    case 'hour':
      cron.minute = '0';
      repeat('hour');
      break;
    case 'day':
      cron.minute = '0';
      cron.hour = '0';
      repeat('day');
      break;
    case 'date':
      cron.minute = '0';
      cron.hour = '0';
      repeat('date');
      break;
    case 'month':
      cron.minute = '0';
      cron.hour = '0';
      if (values.day.length === 0) cron.date = '1';
      repeat('month');
      break;
    case 'quarter':
    case 'year':
      if (interval > 0)
        throw cronError(`newCron(): every ${every} takes no interval.`, 'Leave interval out.');
      cron.minute = '0';
      cron.hour = '0';
      cron.date = '1';
      cron.month = every === 'quarter' ? '1,4,7,10' : '1';
      break;
  }
  for (const field of ['minute', 'hour', 'day', 'date', 'month'] as const) {
    if (values[field].length > 0) cron[field] = values[field].join(',');
  }
  return `${cron.minute} ${cron.hour} ${cron.date} ${cron.month} ${cron.day}`;
}

function list<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

function numbers(name: string, value: unknown, min: number, max: number): number[] {
  return list(value).map((item) => {
    if (typeof item !== 'number' || !Number.isInteger(item) || item < min || item > max)
      throw cronError(
        `newCron(): ${name} must be whole numbers from ${min} to ${max}, but got: ${String(item)}.`,
      );
    return item;
  });
}

function names(name: string, value: unknown, known: readonly string[]): number[] {
  return list(value).map((item) => {
    const index = typeof item === 'string' ? known.indexOf(item.toLowerCase()) : -1;
    if (index < 0)
      throw cronError(
        `newCron(): unknown ${name} '${String(item)}'.`,
        `Use one of: ${known.map((entry) => entry[0].toUpperCase() + entry.slice(1)).join(', ')}.`,
      );
    return index;
  });
}

function choice(name: string, value: unknown, known: readonly string[]): string {
  const lower = typeof value === 'string' ? value.toLowerCase() : '';
  if (!known.includes(lower))
    throw cronError(
      `newCron(): ${name} must be one of ${known.map((entry) => entry[0].toUpperCase() + entry.slice(1)).join(', ')}, but got: ${String(value)}.`,
    );
  return lower;
}

function cronError(message: string, hint?: string): SetupError {
  return new SetupError(ErrorCodes.BAD_CRON, message, hint);
}
