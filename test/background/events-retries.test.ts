/**
 * Pode 2.x's later background features: the timer/schedule/task events' sender and metadata,
 * task retries (maxRetries, retryDelay, autoRetry), schedule and task concurrency, and the
 * state collections (newStateDictionary, newStateList, tryAdd).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  newStateBag,
  newStateDictionary,
  newStateList,
  newStateOrderedDictionary,
  tryAdd,
} from '../../src/background/collections.js';
import { Limiter } from '../../src/background/limiter.js';
import { Schedules } from '../../src/background/schedules.js';
import { Tasks, waitForTask } from '../../src/background/tasks.js';
import { threadId } from '../../src/background/thread-id.js';
import { type TimerEvent, Timers } from '../../src/background/timers.js';
import { BackgroundError, ErrorCodes, SetupError } from '../../src/errors.js';
import { TestHost } from './host.js';

const stops: (() => unknown)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

function tasks() {
  const host = new TestHost();
  const made = new Tasks(host);
  stops.push(() => made.stop());
  return { host, tasks: made };
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('timer and schedule events', () => {
  it("a timer's event carries the timer (sender) with its next trigger, and fresh metadata", async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T10:00:00Z') });
    const timers = new Timers(new TestHost());
    stops.push(() => timers.stop());
    const events: TimerEvent[] = [];
    timers.add('t', { interval: 5, limit: 2 }, (event) => {
      event.metadata.seen = true;
      events.push(event);
    });
    timers.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(events).toHaveLength(2);
    const [first, second] = events;
    expect(first.sender).toMatchObject({ name: 't', interval: 5, limit: 2, count: 1 });
    expect(first.sender.lastTriggerTime?.toISOString()).toBe('2026-03-01T10:00:05.000Z');
    expect(first.sender.nextTriggerTime?.toISOString()).toBe('2026-03-01T10:00:10.000Z');
    // the last run: the timer is completed, nothing comes next
    expect(second.sender).toMatchObject({ count: 2, completed: true });
    expect(second.sender.nextTriggerTime).toBeUndefined();
    // each run has its own metadata; the sender is a copy
    expect(second.metadata).toEqual({ seen: true });
    expect(first.metadata).not.toBe(second.metadata);
    expect(timers.get('t')).not.toHaveProperty('seen');
  });

  it("a schedule's event carries the schedule (sender) and metadata", async () => {
    vi.useFakeTimers({ now: new Date('2026-06-01T12:00:30Z') });
    const schedules = new Schedules(new TestHost());
    stops.push(() => schedules.stop());
    const seen: unknown[] = [];
    schedules.add(
      's',
      '* * * * *',
      (event) => seen.push([event.sender.name, event.sender.cron, event.metadata]),
      {
        timezone: 'UTC',
      },
    );
    schedules.start();
    await vi.advanceTimersByTimeAsync(31_000);
    expect(seen).toEqual([['s', ['* * * * *'], {}]]);
  });
});

describe('task retries', () => {
  it('autoRetry tries a failed run again up to maxRetries, with the retry count in the event', async () => {
    const { host, tasks: t } = tasks();
    const counts: number[] = [];
    t.add(
      'flaky',
      (event) => {
        counts.push(event.count);
        if (event.count < 2) throw new Error(`attempt ${event.count}`);
        return 'done';
      },
      { maxRetries: 3, autoRetry: true },
    );
    const handle = t.invoke('flaky');
    await expect(waitForTask(handle)).resolves.toBe('done');
    expect(counts).toEqual([0, 1, 2]);
    expect(handle.state).toBe('completed');
    // two retries were logged as warnings, no failure
    expect(host.errors.filter((entry) => /trying again/.test(entry.msg))).toHaveLength(2);
    expect(host.errors.some((entry) => entry.msg === "task 'flaky' failed")).toBe(false);
  });

  it('a run failing more than maxRetries times fails with its last error', async () => {
    const { host, tasks: t } = tasks();
    let runs = 0;
    t.add(
      'broken',
      (event) => {
        runs++;
        throw new Error(`attempt ${event.count}`);
      },
      { maxRetries: 2, autoRetry: true },
    );
    const handle = t.invoke('broken');
    await expect(waitForTask(handle)).rejects.toThrow('attempt 2');
    expect(runs).toBe(3);
    expect(handle.state).toBe('failed');
    expect(host.errors.some((entry) => entry.msg === "task 'broken' failed")).toBe(true);
  });

  it('without autoRetry a failed run is not tried again, whatever maxRetries says', async () => {
    const { tasks: t } = tasks();
    let runs = 0;
    t.add(
      'once',
      () => {
        runs++;
        throw new Error('no');
      },
      { maxRetries: 3 },
    );
    await expect(waitForTask(t.invoke('once'))).rejects.toThrow('no');
    expect(runs).toBe(1);
  });

  it('retryDelay (minutes) passes between a failure and the retry', async () => {
    const { tasks: t } = tasks();
    const starts: number[] = [];
    t.add(
      'slow-retry',
      (event) => {
        starts.push(Date.now());
        if (event.count === 0) throw new Error('first');
        return event.count;
      },
      { maxRetries: 1, autoRetry: true, retryDelay: 0.005 }, // 300 ms
    );
    await expect(waitForTask(t.invoke('slow-retry'))).resolves.toBe(1);
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(280);
  });

  it('refuses bad retry options with a SetupError', () => {
    const { tasks: t } = tasks();
    const bad: unknown[] = [
      { maxRetries: -1 },
      { maxRetries: 1.5 },
      { retryDelay: -1 },
      { retryDelay: 'soon' },
      { autoRetry: true }, // nothing to retry with
    ];
    for (const [index, options] of bad.entries()) {
      expect(
        () => t.add(`bad${index}`, () => {}, options as object),
        JSON.stringify(options),
      ).toThrow(SetupError);
    }
    expect(t.has('bad0')).toBe(false);
    t.add('good', () => {}, { maxRetries: 2, retryDelay: 1, autoRetry: true });
    expect(t.get('good')).toMatchObject({ maxRetries: 2, retryDelay: 1, autoRetry: true });
  });
});

describe('concurrency', () => {
  it('setConcurrency(1): task runs wait for one another, in order; timeouts count from the start', async () => {
    const { tasks: t } = tasks();
    t.setConcurrency(1);
    let active = 0;
    let most = 0;
    const order: number[] = [];
    t.add(
      'one-at-a-time',
      async (_event, args) => {
        active++;
        most = Math.max(most, active);
        await later(60);
        order.push(Number(args.n));
        active--;
      },
      { timeout: 1 },
    );
    const handles = [1, 2, 3, 4].map((n) => t.invoke('one-at-a-time', { n }));
    await Promise.all(handles.map((handle) => waitForTask(handle)));
    expect(most).toBe(1);
    expect(order).toEqual([1, 2, 3, 4]);
    expect(t.concurrency).toBe(1);
  });

  it('setConcurrency(2): at most two schedule runs at once, the rest wait their turn', async () => {
    const host = new TestHost();
    const schedules = new Schedules(host);
    stops.push(() => schedules.stop());
    schedules.setConcurrency(2);
    let active = 0;
    let most = 0;
    let done = 0;
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      schedules.add(name, '0 0 1 1 *', async () => {
        active++;
        most = Math.max(most, active);
        await later(40);
        active--;
        done++;
      });
    }
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => schedules.invoke(name)));
    expect(done).toBe(5);
    expect(most).toBe(2);
  });

  it('a maximum below 1, or not whole, is a SetupError; a larger one lets waiting runs start', async () => {
    const { tasks: t } = tasks();
    const schedules = new Schedules(new TestHost());
    for (const value of [0, -1, 1.5, Number.NaN, '2']) {
      expect(() => t.setConcurrency(value as number)).toThrow(SetupError);
      expect(() => schedules.setConcurrency(value as number)).toThrow(SetupError);
    }
    const limiter = new Limiter();
    limiter.setMax('test', ErrorCodes.TASK, 1);
    let release: () => void = () => {};
    const first = limiter.run(() => new Promise<void>((resolve) => (release = resolve)));
    let second = false;
    const next = limiter.run(() => {
      second = true;
    });
    await later(10);
    expect(second).toBe(false);
    expect(limiter.waiting).toBe(1);
    limiter.setMax('test', ErrorCodes.TASK, 2);
    await next;
    expect(second).toBe(true);
    release();
    await first;
  });
});

describe('state collections', () => {
  it('newStateDictionary and newStateList are plain values that survive a JSON copy', () => {
    const data = { a: 1 };
    const dictionary = newStateDictionary(data);
    expect(dictionary).toEqual({ a: 1 });
    expect(dictionary).not.toBe(data);
    const list = newStateList([1, 2]);
    expect(list).toEqual([1, 2]);
    expect(newStateDictionary()).toEqual({});
    expect(newStateList()).toEqual([]);
    expect(newStateOrderedDictionary({ b: 2 })).toEqual({ b: 2 });
    expect(newStateBag(['x'])).toEqual(['x']);
    dictionary.values = list;
    expect(JSON.parse(JSON.stringify(dictionary))).toEqual({ a: 1, values: [1, 2] });
  });

  it('tryAdd: appends to a list (once with unique), sets a missing key of a dictionary', () => {
    const list: unknown[] = [];
    expect(tryAdd(list, 1)).toBe(true);
    expect(tryAdd(list, 1)).toBe(true);
    expect(tryAdd(list, 1, true)).toBe(false);
    expect(list).toEqual([1, 1]);
    const dictionary: Record<string, unknown> = { a: 1 };
    expect(tryAdd(dictionary, 'a', 2)).toBe(false);
    expect(tryAdd(dictionary, 'b', 2)).toBe(true);
    expect(dictionary).toEqual({ a: 1, b: 2 });
    const map = new Map([['k', 1]]);
    expect(tryAdd(map, 'k', 2)).toBe(false);
    expect(tryAdd(map, 'j', 2)).toBe(true);
  });

  it('bad input is a clear error', () => {
    expect(() => tryAdd(null, 1)).toThrow(BackgroundError);
    expect(() => tryAdd('text', 1)).toThrow(/a list \(array\) or a dictionary/);
    expect(() => newStateList('abc' as unknown as string[])).toThrow(BackgroundError);
    expect(() => newStateDictionary([] as unknown as Record<string, unknown>)).toThrow(
      BackgroundError,
    );
  });
});

describe('threadId', () => {
  it('is 1 in a server of one process (threads: N is tested with real processes)', () => {
    expect(threadId()).toBe(1);
  });
});
