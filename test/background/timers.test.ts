/** Timers on a fake clock: Pode's interval, limit, skip and onStart; errors logged; stop clears. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Timers } from '../../src/background/timers.js';
import { SetupError } from '../../src/errors.js';
import { TestHost } from './host.js';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-01T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const host = new TestHost();
  return { host, timers: new Timers(host) };
}

describe('timers', () => {
  it('a timer runs every interval seconds, with its arguments after the event', async () => {
    const { timers } = setup();
    const calls: unknown[][] = [];
    timers.add('tick', { interval: 5 }, (event, ...args) => calls.push([event.count, ...args]), [
      'a',
      1,
    ]);
    timers.start();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toEqual([
      [1, 'a', 1],
      [2, 'a', 1],
      [3, 'a', 1],
    ]);
    expect(timers.get('tick')?.nextTriggerTime?.toISOString()).toBe('2026-03-01T10:00:20.000Z');
  });

  it('limit: the timer runs that many times then is completed', async () => {
    const { timers } = setup();
    let runs = 0;
    timers.add('twice', { interval: 1, limit: 2 }, () => {
      runs++;
    });
    timers.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toBe(2);
    expect(timers.get('twice')).toMatchObject({
      count: 2,
      completed: true,
      nextTriggerTime: undefined,
    });
  });

  it('skip: the first runs are passed over, and onStart runs at once', async () => {
    const { timers } = setup();
    const times: number[] = [];
    const start = Date.now();
    timers.add('skipped', { interval: 10, skip: 3 }, () => {
      times.push(Date.now() - start);
    });
    timers.add('eager', { interval: 10, onStart: true }, () => {
      times.push(-(Date.now() - start) - 1);
    });
    timers.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(times).toEqual([-1]);
    await vi.advanceTimersByTimeAsync(40_000);
    // eager: 0, 10 s, 20 s, 30 s, 40 s; skipped: first at 40 s
    expect(times.filter((time) => time >= 0)).toEqual([40_000]);
    expect(times.filter((time) => time < 0)).toHaveLength(5);
  });

  it('an error is logged and the timer keeps running', async () => {
    const { host, timers } = setup();
    let runs = 0;
    timers.add('faulty', { interval: 1 }, async () => {
      runs++;
      throw new Error('boom');
    });
    timers.start();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(runs).toBe(3);
    expect(host.errors.filter((entry) => entry.msg === "timer 'faulty' failed")).toHaveLength(3);
  });

  it('a slow run is never overlapped by the next one of the same timer', async () => {
    const { timers } = setup();
    let running = 0;
    let most = 0;
    timers.add('slow', { interval: 1 }, async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      running--;
    });
    timers.start();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(most).toBe(1);
    expect(timers.get('slow')?.count).toBeGreaterThanOrEqual(6);
  });

  it('invoke runs at once, with extra arguments, and does not count towards the limit', async () => {
    const { timers } = setup();
    const seen: unknown[][] = [];
    timers.add('adhoc', { interval: 60, limit: 1 }, (_event, ...args) => seen.push(args), ['base']);
    await timers.invoke('adhoc', ['extra']);
    expect(seen).toEqual([['base', 'extra']]);
    expect(timers.get('adhoc')?.count).toBe(0);
    await expect(timers.invoke('missing')).rejects.toMatchObject({ code: 'PODE_ERR_TIMER' });
  });

  it('remove, clear, edit and stop: nothing runs after them, and stop leaves no pending timer', async () => {
    const { timers } = setup();
    let runs = 0;
    const count = () => {
      runs++;
    };
    timers.add('a', { interval: 1 }, count);
    timers.add('b', { interval: 1 }, count);
    timers.start();
    expect(timers.remove('a')).toBe(true);
    expect(timers.remove('a')).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(1);
    timers.edit('b', { interval: 10 });
    await vi.advanceTimersByTimeAsync(9_000);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(2);
    timers.stop();
    expect(vi.getTimerCount()).toBe(0);
    timers.clear();
    expect(timers.list()).toEqual([]);
  });

  it('bad set-up throws a SetupError at once', () => {
    const { timers } = setup();
    const fn = () => {};
    timers.add('x', { interval: 1 }, fn);
    expect(() => timers.add('x', { interval: 1 }, fn)).toThrow(/already defined/);
    expect(() => timers.add('y', { interval: 0 }, fn)).toThrow(SetupError);
    expect(() => timers.add('y', { interval: 1, limit: -1 }, fn)).toThrow(/limit/);
    expect(() => timers.add('y', { interval: 1, skip: -2 }, fn)).toThrow(/skip/);
    expect(() => timers.add('y', { interval: 1, intervall: 2 } as never, fn)).toThrow(
      /unknown option 'intervall'/,
    );
    expect(() => timers.add('y', { interval: 1 }, 'nope' as never)).toThrow(/function/);
    expect(() => timers.add('', { interval: 1 }, fn)).toThrow(/name/);
  });
});
