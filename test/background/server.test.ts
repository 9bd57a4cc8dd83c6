/**
 * Timers, schedules, tasks and state on a real server spoken to over HTTP: the builder methods,
 * the free functions from routes, set-up errors, and request-time errors answered 500.
 */
import { describe, expect, it } from 'vitest';
import {
  addTimer,
  getSchedule,
  getState,
  getTimer,
  invokeTask,
  invokeTimer,
  lockObject,
  setState,
  testTimer,
  waitTask,
} from '../../src/index.js';
import { serve, setupFailure, sleep } from '../helpers.js';

describe('background on a server', () => {
  it('a timer increments state that a route reads; invokeTimer from a route runs it at once', async () => {
    const server = await serve((s) => {
      s.addTimer('count', { interval: 0.05 }, () =>
        lockObject(async () => {
          await setState('ticks', ((await getState<number>('ticks')) ?? 0) + 1);
        }),
      );
      s.addTimer(
        'manual',
        { interval: 3600 },
        async (_event, by) => {
          await setState('manual', ((await getState<number>('manual')) ?? 0) + Number(by));
        },
        [2],
      );
      s.addRoute('GET', '/ticks', async (e) => e.writeJson({ ticks: await getState('ticks') }));
      s.addRoute('POST', '/manual', async (e) => {
        await invokeTimer('manual');
        e.writeJson({ manual: await getState('manual'), count: getTimer('manual')?.count });
      });
    });
    await sleep(400);
    const { ticks } = (await (await fetch(`${server.url}/ticks`)).json()) as { ticks: number };
    expect(ticks).toBeGreaterThanOrEqual(2);
    const manual = await (await fetch(`${server.url}/manual`, { method: 'POST' })).json();
    expect(manual).toEqual({ manual: 2, count: 0 });
  });

  it('a timer added from a route runs, and nothing runs after stop()', async () => {
    let runs = 0;
    const server = await serve((s) => {
      s.addRoute('POST', '/timers/:name', (e) => {
        addTimer(e.parameters.name, { interval: 0.05 }, () => {
          runs++;
        });
        e.writeJson({ exists: testTimer(e.parameters.name) });
      });
      s.addRoute('POST', '/timers/:name/again', (e) => {
        addTimer(e.parameters.name, { interval: 1 }, () => {});
        e.writeText('unreachable');
      });
    });
    const added = await fetch(`${server.url}/timers/fast`, { method: 'POST' });
    expect(await added.json()).toEqual({ exists: true });
    // The same name again: the set-up error is a 500 at request time, and the server goes on.
    expect((await fetch(`${server.url}/timers/fast/again`, { method: 'POST' })).status).toBe(500);
    await sleep(300);
    expect(runs).toBeGreaterThanOrEqual(2);
    await server.stop();
    const stopped = runs;
    await sleep(200);
    expect(runs).toBe(stopped);
  });

  it('a task invoked from a route gives its result; getSchedule tells the next trigger', async () => {
    const server = await serve((s) => {
      s.addTask('greet', async (_event, args) => `hello ${String(args.name)}`);
      s.addSchedule('nightly', '0 3 * * *', () => {}, { timezone: 'UTC' });
      s.addRoute('GET', '/greet/:name', async (e) => {
        const handle = invokeTask('greet', { name: e.parameters.name });
        e.writeJson({ message: await waitTask(handle, { timeout: 5 }) });
      });
      s.addRoute('GET', '/next', (e) => {
        e.writeJson({ next: getSchedule('nightly')?.nextTriggerTime?.toISOString() });
      });
    });
    expect(await (await fetch(`${server.url}/greet/ana`)).json()).toEqual({ message: 'hello ana' });
    const { next } = (await (await fetch(`${server.url}/next`)).json()) as { next: string };
    expect(next).toMatch(/T03:00:00\.000Z$/);
    expect(new Date(next).getTime()).toBeGreaterThan(Date.now());
  });

  it('state set in the set-up is seen by routes', async () => {
    const server = await serve(async (s) => {
      await setState('greeting', { text: 'hi' }, { scope: ['app'] });
      s.addRoute('GET', '/', async (e) => e.writeJson(await getState('greeting')));
    });
    expect(await (await fetch(server.url)).json()).toEqual({ text: 'hi' });
  });

  it('a route calling an unknown timer or task answers 500 and the server keeps serving', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/timer', async (e) => {
        await invokeTimer('missing');
        e.writeText('unreachable');
      });
      s.addRoute('GET', '/task', (e) => {
        invokeTask('missing');
        e.writeText('unreachable');
      });
      s.addRoute('GET', '/ok', (e) => e.writeText('ok'));
    });
    expect((await fetch(`${server.url}/timer`)).status).toBe(500);
    expect((await fetch(`${server.url}/task`)).status).toBe(500);
    expect(await (await fetch(`${server.url}/ok`)).text()).toBe('ok');
  });

  it('set-up mistakes reject startServer with a coded error', async () => {
    expect(await setupFailure((s) => s.addTimer('t', { interval: -1 }, () => {}))).toMatchObject({
      code: 'PODE_ERR_TIMER',
    });
    expect(await setupFailure((s) => s.addSchedule('s', '* * *', () => {}))).toMatchObject({
      code: 'PODE_ERR_BAD_CRON',
    });
    expect(
      await setupFailure((s) => {
        s.addTask('t', () => 1);
        s.addTask('t', () => 2);
      }),
    ).toMatchObject({ code: 'PODE_ERR_TASK' });
    expect(await setupFailure((s) => s.useStateStore({} as never))).toMatchObject({
      code: 'PODE_ERR_STATE',
    });
  });
});
