import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/index.js';
import { serve, setupFailure } from '../helpers.js';

describe('service handlers (Start-PodeServer -Interval)', () => {
  it('runs every service handler at once and then every interval, in order, until stopped', async () => {
    const runs: string[] = [];
    const server = await serve(
      (s) => {
        s.addHandler('service', 'Hello', (e) => {
          runs.push(`hello:${e.name}`);
        });
        s.addHandler('service', 'Failing', () => {
          throw new Error('kaboom');
        });
        s.addHandler(
          'service',
          'Bye',
          async (_e, who) => {
            runs.push(`bye ${String(who)}`);
          },
          { args: ['rick'] },
        );
      },
      { interval: 1 },
      { endpoint: false },
    );
    expect(server.endpoints).toEqual([]);
    expect(server.url).toBe('');
    await expect.poll(() => runs.length, { timeout: 3000 }).toBeGreaterThanOrEqual(4);
    expect(runs.slice(0, 4)).toEqual(['hello:Hello', 'bye rick', 'hello:Hello', 'bye rick']);
    await server.stop();
    const after = runs.length;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(runs.length).toBe(after);
  });

  it('does not open the endpoints of a service server, as Pode does not', async () => {
    const server = await startServer(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.addHandler('service', 'Tick', () => {});
      },
      { interval: 5, logger: false, handleSignals: false },
    );
    expect(server.endpoints).toEqual([]);
    await server.stop();
  });

  it('refuses an interval without service handlers, and service handlers without an interval', async () => {
    const none = await setupFailure(() => {}, { interval: 2 });
    expect((none as Error).message).toMatch(/No Service handlers have been defined/);
    const noInterval = await setupFailure((s) => {
      s.addHandler('service', 'Tick', () => {});
    });
    expect((noInterval as Error).message).toMatch(/Service handlers run only in a service server/);
    const badInterval = await setupFailure(() => {}, { interval: -1 });
    expect((badInterval as Error).message).toMatch(/interval option must be a whole number/);
  });

  it('refuses a handler of an unknown type, without a function, or defined twice', async () => {
    const unknownType = await setupFailure((s) => {
      s.addHandler('tcp' as 'smtp', 'X', () => {});
    });
    expect((unknownType as Error).message).toMatch(/must be 'smtp' or 'service'/);
    const noFunction = await setupFailure((s) => {
      s.addHandler('smtp', 'X', undefined as never);
    });
    expect((noFunction as Error).message).toMatch(/must be a function/);
    const twice = await setupFailure((s) => {
      s.addHandler('smtp', 'Main', () => {});
      s.addHandler('smtp', 'Main', () => {});
    });
    expect((twice as Error).message).toBe('[smtp] Main: Handler already defined.');
  });
});
