/** Schedules on a fake clock: cron ticks, limit, start and end times, onStart, timeout, claims. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Schedules } from '../../src/background/schedules.js';
import { MemoryStateStore } from '../../src/background/store.js';
import { SetupError } from '../../src/errors.js';
import { TestHost } from './host.js';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-06-01T12:00:30Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const host = new TestHost();
  return { host, schedules: new Schedules(host) };
}

describe('schedules', () => {
  it('runs at each cron time with its arguments; getSchedule tells the next trigger', async () => {
    const { schedules } = setup();
    const runs: string[] = [];
    schedules.add(
      'minutely',
      '* * * * *',
      (event, args) => {
        runs.push(`${event.count}:${new Date().toISOString()}:${String(args.who)}`);
      },
      { args: { who: 'me' }, timezone: 'UTC' },
    );
    schedules.start();
    expect(schedules.get('minutely')?.nextTriggerTime?.toISOString()).toBe(
      '2026-06-01T12:01:00.000Z',
    );
    await vi.advanceTimersByTimeAsync(150_000);
    expect(runs).toEqual([
      '1:2026-06-01T12:01:00.000Z:me',
      '2:2026-06-01T12:02:00.000Z:me',
      '3:2026-06-01T12:03:00.000Z:me',
    ]);
    expect(schedules.get('minutely')?.lastTriggerTime?.toISOString()).toBe(
      '2026-06-01T12:03:00.000Z',
    );
    expect(schedules.nextTrigger('minutely', new Date('2026-06-01T13:00:00Z'))?.toISOString()).toBe(
      '2026-06-01T13:01:00.000Z',
    );
  });

  it('limit: completed after that many runs', async () => {
    const { schedules } = setup();
    let runs = 0;
    schedules.add(
      'twice',
      '* * * * *',
      () => {
        runs++;
      },
      { limit: 2 },
    );
    schedules.start();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(runs).toBe(2);
    expect(schedules.get('twice')).toMatchObject({ completed: true, nextTriggerTime: undefined });
  });

  it('startTime and endTime bound the runs', async () => {
    const { schedules } = setup();
    const runs: string[] = [];
    schedules.add(
      'window',
      '* * * * *',
      () => {
        runs.push(new Date().toISOString());
      },
      {
        startTime: new Date('2026-06-01T12:03:00Z'),
        endTime: new Date('2026-06-01T12:05:00Z'),
      },
    );
    schedules.start();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(runs).toEqual([
      '2026-06-01T12:03:00.000Z',
      '2026-06-01T12:04:00.000Z',
      '2026-06-01T12:05:00.000Z',
    ]);
    expect(schedules.get('window')?.completed).toBe(true);
  });

  it('onStart runs once at start besides the cron times', async () => {
    const { schedules } = setup();
    let runs = 0;
    schedules.add(
      'eager',
      '@hourly',
      () => {
        runs++;
      },
      { onStart: true },
    );
    schedules.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(runs).toBe(2);
  });

  it('a run past its timeout has its signal aborted and a warning logged; errors are logged', async () => {
    const { host, schedules } = setup();
    let aborted = false;
    schedules.add(
      'slow',
      '* * * * *',
      async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 10_000));
        aborted = event.signal.aborted;
      },
      { timeout: 2 },
    );
    schedules.add('faulty', '* * * * *', () => {
      throw new Error('bad');
    });
    schedules.start();
    await vi.advanceTimersByTimeAsync(45_000);
    expect(aborted).toBe(true);
    expect(host.errors.map((entry) => entry.msg)).toEqual(
      expect.arrayContaining(["schedule 'slow' ran past its timeout", "schedule 'faulty' failed"]),
    );
  });

  it('a tick another machine claimed first does not run here', async () => {
    const { host, schedules } = setup();
    const claimed = new Set<string>();
    host.state = Object.assign(new MemoryStateStore(), {
      async claim(key: string) {
        if (claimed.has(key)) return false;
        claimed.add(key);
        return true;
      },
    });
    const other = new Schedules(host);
    let runs = 0;
    const count = () => {
      runs++;
    };
    schedules.add('shared', '* * * * *', count);
    other.add('shared', '* * * * *', count);
    schedules.start();
    other.start();
    await vi.advanceTimersByTimeAsync(300_000);
    expect(runs).toBe(5);
  });

  it('invoke, edit, remove and stop', async () => {
    const { schedules } = setup();
    const seen: unknown[] = [];
    schedules.add(
      's',
      '0 0 * * *',
      (_event, args) => {
        seen.push(args.n);
      },
      { args: { n: 1 } },
    );
    await schedules.invoke('s', { n: 2 });
    expect(seen).toEqual([2]);
    expect(schedules.get('s')?.count).toBe(0);
    schedules.start();
    schedules.edit('s', { cron: '*/2 * * * *' });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(seen).toEqual([2, 1]);
    schedules.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(schedules.remove('s')).toBe(true);
    expect(() => schedules.nextTrigger('s')).toThrow(/No schedule named 's'/);
  });

  it('bad set-up throws a SetupError at once', () => {
    const { schedules } = setup();
    const fn = () => {};
    schedules.add('x', '@daily', fn);
    expect(() => schedules.add('x', '@daily', fn)).toThrow(/already defined/);
    expect(() => schedules.add('y', 'every day', fn)).toThrow(SetupError);
    expect(() => schedules.add('y', '@daily', fn, { limit: -1 })).toThrow(/limit/);
    expect(() => schedules.add('y', '@daily', fn, { endTime: new Date('2020-01-01') })).toThrow(
      /future/,
    );
    expect(() =>
      schedules.add('y', '@daily', fn, {
        startTime: new Date('2030-01-02'),
        endTime: new Date('2030-01-01'),
      }),
    ).toThrow(/before the endTime/);
    expect(() => schedules.add('y', '@daily', fn, { timezone: 'Mars/Olympus' })).toThrow(
      /time zone/,
    );
    expect(() => schedules.add('y', '@daily', fn, { limt: 1 } as never)).toThrow(
      /Did you mean 'limit'/,
    );
  });
});
