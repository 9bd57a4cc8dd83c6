/** Pode's cron on croner: shortcuts, the random R atom, several expressions, time zones and DST. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PodeCron } from '../../src/background/cron.js';
import { SetupError } from '../../src/errors.js';

const at = (iso: string) => new Date(iso);

describe('cron', () => {
  it('five fields, minute resolution: the next time strictly after from', () => {
    const cron = new PodeCron('s', ['*/15 9-17 * * mon-fri'], { timezone: 'UTC' });
    expect(cron.next(at('2026-03-06T17:50:00Z'))?.toISOString()).toBe('2026-03-09T09:00:00.000Z');
    expect(cron.next(at('2026-03-09T09:00:00Z'))?.toISOString()).toBe('2026-03-09T09:15:00.000Z');
  });

  it("Pode's @ shortcuts, the twice- family included", () => {
    const from = at('2026-01-10T12:34:56Z');
    const next = (expression: string) =>
      new PodeCron('s', [expression], { timezone: 'UTC' }).next(from)?.toISOString();
    expect(next('@hourly')).toBe('2026-01-10T13:00:00.000Z');
    expect(next('@daily')).toBe('2026-01-11T00:00:00.000Z');
    expect(next('@minutely')).toBe('2026-01-10T12:35:00.000Z');
    expect(next('@twice-hourly')).toBe('2026-01-10T13:00:00.000Z');
    expect(next('@twice-daily')).toBe('2026-01-11T00:00:00.000Z');
    expect(next('@twice-monthly')).toBe('2026-01-15T00:00:00.000Z');
    expect(next('@quarterly')).toBe('2026-04-01T00:00:00.000Z');
    expect(next('@yearly')).toBe('2027-01-01T00:00:00.000Z');
  });

  it('several expressions: the earliest of their next times', () => {
    const cron = new PodeCron('s', ['0 18 * * *', '30 7 * * *'], { timezone: 'UTC' });
    expect(cron.next(at('2026-05-01T08:00:00Z'))?.toISOString()).toBe('2026-05-01T18:00:00.000Z');
    expect(cron.next(at('2026-05-01T19:00:00Z'))?.toISOString()).toBe('2026-05-02T07:30:00.000Z');
  });

  it('day-of-month AND day-of-week must both match, as in Pode', () => {
    // Friday the 13th.
    const cron = new PodeCron('s', ['0 0 13 * 5'], { timezone: 'UTC' });
    expect(cron.next(at('2026-01-01T00:00:00Z'))?.toISOString()).toBe('2026-02-13T00:00:00.000Z');
  });

  it('R draws a random value in the field, and draws again after a trigger; n/R starts at n', () => {
    const draws = [0.5, 0.25, 0.75, 0.1];
    const random = () => draws.shift() ?? 0;
    const cron = new PodeCron('s', ['R 3 * * *'], { random, timezone: 'UTC' });
    expect(cron.random).toBe(true);
    expect(cron.next(at('2026-01-01T00:00:00Z'))?.toISOString()).toBe('2026-01-01T03:30:00.000Z');
    cron.redraw();
    expect(cron.next(at('2026-01-01T00:00:00Z'))?.toISOString()).toBe('2026-01-01T03:15:00.000Z');
    const stepped = new PodeCron('s', ['5/R * * * *'], { random: () => 0.5, timezone: 'UTC' });
    expect(stepped.next(at('2026-01-01T00:00:00Z'))?.toISOString()).toBe(
      '2026-01-01T00:05:00.000Z',
    );
    stepped.redraw();
    expect(stepped.next(at('2026-01-01T00:00:00Z'))?.toISOString()).toBe(
      '2026-01-01T00:30:00.000Z',
    );
  });

  it('six fields run to the second', () => {
    const cron = new PodeCron('s', ['*/10 * * * * *'], { timezone: 'UTC' });
    expect(cron.next(at('2026-01-01T00:00:01Z'))?.toISOString()).toBe('2026-01-01T00:00:10.000Z');
  });

  it('time zones: 9:00 in New York, and daylight-saving transitions as croner handles them', () => {
    const cron = new PodeCron('s', ['0 9 * * *'], { timezone: 'America/New_York' });
    // Before the spring change (UTC-5) and after it (UTC-4).
    expect(cron.next(at('2026-03-07T15:00:00Z'))?.toISOString()).toBe('2026-03-08T13:00:00.000Z');
    expect(cron.next(at('2026-03-06T15:00:00Z'))?.toISOString()).toBe('2026-03-07T14:00:00.000Z');
    // 02:30 does not exist on 8 March 2026 in New York: a fixed-time job runs at the first valid time.
    const gap = new PodeCron('s', ['30 2 * * *'], { timezone: 'America/New_York' });
    expect(gap.next(at('2026-03-08T05:00:00Z'))?.toISOString()).toBe('2026-03-08T07:00:00.000Z');
    // 01:30 happens twice on 1 November 2026: a fixed-time job runs once.
    const repeat = new PodeCron('s', ['30 1 * * *'], { timezone: 'America/New_York' });
    const first = repeat.next(at('2026-11-01T04:00:00Z'))!;
    expect(first.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(repeat.next(first)?.toISOString()).toBe('2026-11-02T06:30:00.000Z');
  });

  it('an end time bounds the next trigger', () => {
    const cron = new PodeCron('s', ['0 0 * * *'], { timezone: 'UTC' });
    expect(cron.next(at('2026-01-01T01:00:00Z'), at('2026-01-01T23:00:00Z'))).toBeUndefined();
  });

  it('bad expressions throw a SetupError naming the schedule', () => {
    for (const bad of [
      '',
      '* * * *',
      '61 * * * *',
      '* * * * * * * *',
      'a b c d e',
      '5-1 * * * *',
    ]) {
      expect(() => new PodeCron("Schedule 'x'", [bad])).toThrow(SetupError);
    }
    expect(() => new PodeCron("Schedule 'x'", ['* * *'])).toThrow(/Schedule 'x'.*3 fields/);
    expect(() => new PodeCron("Schedule 'x'", [])).toThrow(/at least one/);
  });

  it('any string either parses or throws a SetupError, never anything else', () => {
    const atom = fc.constantFrom(
      '*',
      'R',
      '5',
      '0-10',
      '*/5',
      '1,2,3',
      'jan',
      'mon',
      'x',
      '99',
      '/',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(atom, { minLength: 1, maxLength: 7 }).map((atoms) => atoms.join(' ')),
        ),
        (text) => {
          try {
            const cron = new PodeCron('s', [text], { timezone: 'UTC' });
            cron.next(at('2026-01-01T00:00:00Z'));
          } catch (error) {
            expect(error).toBeInstanceOf(SetupError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('names of Object.prototype members are not shortcuts: a SetupError, not a TypeError', () => {
    for (const text of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(() => new PodeCron('s', [text], { timezone: 'UTC' })).toThrow(SetupError);
    }
  });
});
