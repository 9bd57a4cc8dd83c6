/** Tasks: handles, results, errors and timeouts, in this process and on worker threads. */
import { afterEach, describe, expect, it } from 'vitest';
import { Tasks, waitForTask } from '../../src/background/tasks.js';
import { SetupError } from '../../src/errors.js';
import { TestHost } from './host.js';

const pools: Tasks[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((tasks) => tasks.stop()));
});

function setup() {
  const host = new TestHost();
  const tasks = new Tasks(host);
  pools.push(tasks);
  return { host, tasks };
}

describe('tasks', () => {
  it('invoke returns a handle at once; waitTask gives the result', async () => {
    const { tasks } = setup();
    tasks.add('add', async (event, args) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { sum: Number(args.a) + Number(args.b), name: event.name };
    });
    const handle = tasks.invoke('add', { a: 2, b: 3 });
    expect(handle.state).toBe('running');
    expect(tasks.get('add')?.running).toBe(1);
    await expect(waitForTask(handle)).resolves.toEqual({ sum: 5, name: 'add' });
    expect(handle.state).toBe('completed');
    expect(tasks.get('add')?.running).toBe(0);
  });

  it("waitTask's timeout throws PODE_ERR_TASK_TIMEOUT; the run itself goes on", async () => {
    const { tasks } = setup();
    tasks.add('slow', () => new Promise((resolve) => setTimeout(() => resolve('late'), 300)));
    const handle = tasks.invoke('slow');
    await expect(waitForTask(handle, { timeout: 0.05 })).rejects.toMatchObject({
      code: 'PODE_ERR_TASK_TIMEOUT',
    });
    await expect(waitForTask(handle)).resolves.toBe('late');
  });

  it("a run's own timeout fails it and aborts its signal; its error is logged", async () => {
    const { host, tasks } = setup();
    let signal: AbortSignal | undefined;
    tasks.add('stuck', (event) => {
      signal = event.signal;
      return new Promise(() => {});
    });
    const handle = tasks.invoke('stuck', {}, { timeout: 0.05 });
    await expect(waitForTask(handle)).rejects.toMatchObject({ code: 'PODE_ERR_TASK_TIMEOUT' });
    expect(signal?.aborted).toBe(true);
    expect(handle.state).toBe('failed');
    expect(host.errors.some((entry) => entry.msg === "task 'stuck' failed")).toBe(true);
  });

  it('a failing task rejects its handle with its error', async () => {
    const { tasks } = setup();
    tasks.add('bad', () => {
      throw new Error('nope');
    });
    await expect(waitForTask(tasks.invoke('bad'))).rejects.toThrow('nope');
  });

  it('a worker task runs on a worker thread: CPU-bound work leaves the event loop free', async () => {
    const { tasks } = setup();
    tasks.add(
      'fib',
      (_event, args) => {
        const fib = (n: number): number => (n < 2 ? n : fib(n - 1) + fib(n - 2));
        return { value: fib(Number(args.n)), thread: require('node:worker_threads').threadId };
      },
      { worker: true },
    );
    const handle = tasks.invoke('fib', { n: 30 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    const result = (await waitForTask(handle, { timeout: 30 })) as {
      value: number;
      thread: number;
    };
    clearInterval(ticker);
    expect(result.value).toBe(832040);
    expect(ticks).toBeGreaterThan(0); // this thread kept turning while the worker computed
    expect(result.thread).toBeGreaterThan(0);
    const results = await Promise.all(
      [10, 11, 12].map((n) => waitForTask(tasks.invoke('fib', { n }), { timeout: 30 })),
    );
    expect(results.map((entry) => (entry as { value: number }).value)).toEqual([55, 89, 144]);
  });

  it('a worker task past its timeout has its thread ended and fails with a timeout', async () => {
    const { tasks } = setup();
    tasks.add(
      'spin',
      () => {
        for (;;) {}
      },
      { worker: true, timeout: 0.2 },
    );
    tasks.add('quick', (_event, args) => Number(args.x) * 2, { worker: true });
    await expect(waitForTask(tasks.invoke('spin'), { timeout: 30 })).rejects.toMatchObject({
      code: 'PODE_ERR_TASK_TIMEOUT',
    });
    await expect(waitForTask(tasks.invoke('quick', { x: 21 }), { timeout: 30 })).resolves.toBe(42);
  });

  it('a worker task that throws rejects with its message', async () => {
    const { tasks } = setup();
    tasks.add(
      'throws',
      () => {
        throw new Error('in the worker');
      },
      { worker: true },
    );
    await expect(waitForTask(tasks.invoke('throws'), { timeout: 30 })).rejects.toThrow(
      /in the worker/,
    );
  });

  it('unknown names, bad handles and bad options are refused', async () => {
    const { tasks } = setup();
    const fn = () => 1;
    tasks.add('t', fn);
    expect(() => tasks.add('t', fn)).toThrow(SetupError);
    expect(() => tasks.add('u', fn, { timeout: -5 })).toThrow(/timeout/);
    expect(() => tasks.add('u', fn, { workers: true } as never)).toThrow(/unknown option/);
    expect(() => tasks.invoke('missing')).toThrow(/No task named 'missing'/);
    await expect(waitForTask({} as never)).rejects.toThrow(/handle/);
    expect(tasks.remove('t')).toBe(true);
    expect(tasks.get('t')).toBeUndefined();
  });
});
