/** newCron (New-PodeCron): hand-checked strings for Pode's parameters, properties, bad input. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PodeCron } from '../../src/background/cron.js';
import { type CronDay, type CronMonth, newCron } from '../../src/background/cron-builder.js';
import { SetupError } from '../../src/errors.js';

const MONTHS: CronMonth[] = [
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
const DAYS: CronDay[] = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

describe('newCron', () => {
  it('gives, for each use of New-PodeCron, the expression worked out by hand', () => {
    // minute hour day-of-month month day-of-week
    const cases: [Parameters<typeof newCron>[0], string][] = [
      [{}, '* * * * *'],
      [{ every: 'Minute' }, '* * * * *'],
      [{ every: 'Minute', interval: 2 }, '*/2 * * * *'],
      [{ every: 'Minute', minute: 5, interval: 10 }, '5/10 * * * *'],
      [{ every: 'Minute', hour: [1, 2, 3], interval: 15 }, '*/15 1,2,3 * * *'],
      [{ every: 'Hour' }, '0 * * * *'],
      [{ every: 'Hour', hour: 1, interval: 1 }, '0 1/1 * * *'],
      [{ every: 'Hour', day: 'Monday' }, '0 * * * 1'],
      [{ every: 'Hour', minute: 30, interval: 3 }, '30 */3 * * *'],
      [{ every: 'Day' }, '0 0 * * *'],
      [{ every: 'Day', day: ['Tuesday', 'Friday'], hour: 1 }, '0 1 * * 2,5'],
      [{ every: 'Day', interval: 2 }, '0 0 * * */2'],
      [{ every: 'Date', date: 2, interval: 2 }, '0 0 2/2 * *'],
      [{ every: 'Month', date: 15 }, '0 0 15 * *'],
      [{ every: 'Month' }, '0 0 1 * *'],
      [{ every: 'Month', day: 'Sunday' }, '0 0 * * 0'],
      [{ every: 'Month', month: 'March', interval: 4 }, '0 0 1 3/4 *'],
      [{ every: 'Quarter' }, '0 0 1 1,4,7,10 *'],
      [{ every: 'Year', month: 'June' }, '0 0 1 6 *'],
      [{ every: 'Year' }, '0 0 1 1 *'],
      [{ minute: [0, 30], hour: 9, day: ['Monday', 'Friday'] }, '0,30 9 * * 1,5'],
      // PowerShell's ValidateSet takes any letter case
      [{ every: 'day' as 'Day', day: 'SATURDAY' as CronDay }, '0 0 * * 6'],
    ];
    for (const [options, expected] of cases)
      expect(newCron(options), JSON.stringify(options)).toBe(expected);
  });

  it('every expression it builds is one the schedules accept, with five fields', () => {
    const field = <T>(item: fc.Arbitrary<T>) =>
      fc.option(fc.uniqueArray(item, { minLength: 1, maxLength: 3 }), { nil: undefined });
    fc.assert(
      fc.property(
        fc.record({
          minute: field(fc.integer({ min: 0, max: 59 })),
          hour: field(fc.integer({ min: 0, max: 23 })),
          date: field(fc.integer({ min: 1, max: 31 })),
          month: field(fc.constantFrom(...MONTHS)),
          day: field(fc.constantFrom(...DAYS)),
          every: fc.constantFrom(
            'Minute' as const,
            'Hour' as const,
            'Day' as const,
            'Date' as const,
            'Month' as const,
            'Quarter' as const,
            'Year' as const,
            'None' as const,
          ),
        }),
        (options) => {
          const cron = newCron(options);
          expect(cron.split(' ')).toHaveLength(5);
          expect(() => new PodeCron('p', [cron], { timezone: 'UTC' })).not.toThrow();
          // a field given explicitly is in the expression as given (joined by commas)
          if (options.minute !== undefined)
            expect(cron.split(' ')[0]).toBe(options.minute.join(','));
          if (options.hour !== undefined) expect(cron.split(' ')[1]).toBe(options.hour.join(','));
          if (options.day !== undefined)
            expect(cron.split(' ')[4]).toBe(options.day.map((d) => DAYS.indexOf(d)).join(','));
          if (options.month !== undefined)
            expect(cron.split(' ')[3]).toBe(
              options.month.map((m) => MONTHS.indexOf(m) + 1).join(','),
            );
        },
      ),
    );
  });

  it('with an interval, the repeating field is */n or start/n and the next trigger is n units on', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.option(fc.integer({ min: 0, max: 29 })),
        (n, start) => {
          const cron = newCron({ every: 'Minute', interval: n, minute: start ?? undefined });
          expect(cron).toBe(`${start ?? '*'}/${n} * * * *`);
          // the first minute after 00:00:30 that is the start plus a multiple of n
          const from = start ?? 0;
          const due = Array.from({ length: 59 }, (_, i) => i + 1).find(
            (m) => m >= from && (m - from) % n === 0,
          );
          const parsed = new PodeCron('p', [cron], { timezone: 'UTC' });
          const first = parsed.next(new Date('2026-01-01T00:00:30Z'));
          expect(first?.toISOString()).toBe(
            due === undefined
              ? `2026-01-01T01:${String(from).padStart(2, '0')}:00.000Z`
              : `2026-01-01T00:${String(due).padStart(2, '0')}:00.000Z`,
          );
        },
      ),
    );
  });

  it('refuses what Pode refuses, with a SetupError', () => {
    const bad: unknown[] = [
      { interval: 2 }, // an interval needs every
      { every: 'Quarter', interval: 1 },
      { every: 'Year', interval: 1 },
      { every: 'Minute', minute: [1, 2], interval: 5 }, // one start value only
      { minute: 60 },
      { hour: -1 },
      { date: 0 },
      { date: 32 },
      { minute: 1.5 },
      { month: 'Smarch' },
      { day: 'Funday' },
      { every: 'Week' },
      { interval: -1, every: 'Hour' },
      { minutes: 5 }, // an unknown option
      'every minute',
    ];
    for (const options of bad) {
      expect(
        () => newCron(options as Parameters<typeof newCron>[0]),
        JSON.stringify(options),
      ).toThrow(SetupError);
    }
    expect(() => newCron({ month: 'Smarch' as CronMonth })).toThrow(/unknown month 'Smarch'/);
  });
});
