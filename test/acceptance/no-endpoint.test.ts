import { describe, expect, it } from 'vitest';
import { ErrorCodes, type ServerOptions, startServer } from '../../src/index.js';

const quiet: ServerOptions = { logger: false, handleSignals: false };

// Pode keeps a server with no endpoint open while timers, schedules or file watchers exist, and
// runs a set-up with nothing to serve or run once (Test-PodeServerKeepOpen).
describe('a server with no endpoint', () => {
  it('with a timer: runs the timer, has no endpoint, and stops', async () => {
    let ticks = 0;
    const server = await startServer((s) => {
      s.addTimer('tick', { interval: 1 }, () => {
        ticks++;
      });
    }, quiet);
    try {
      expect(server.endpoints).toEqual([]);
      expect(server.url).toBe('');
      for (let wait = 0; wait < 50 && ticks === 0; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(ticks).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
    const after = ticks;
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(ticks).toBe(after);
  }, 15_000);

  it('with nothing to serve or run: the set-up runs once and the server is already stopped', async () => {
    let ran = 0;
    const server = await startServer(async () => {
      ran++;
    }, quiet);
    expect(ran).toBe(1);
    expect(server.endpoints).toEqual([]);
    // stop() of a stopped server resolves at once, and can be called again
    await server.stop();
    await server.stop();
  });

  it('with routes: refused with PODE_ERR_NO_ENDPOINT', async () => {
    await expect(startServer((s) => s.addRoute('GET', '/', () => {}), quiet)).rejects.toMatchObject(
      { code: ErrorCodes.NO_ENDPOINT },
    );
  });

  it('with a signal route: refused with PODE_ERR_NO_ENDPOINT', async () => {
    await expect(
      startServer((s) => s.addSignalRoute('/ws', () => {}), quiet),
    ).rejects.toMatchObject({ code: ErrorCodes.NO_ENDPOINT });
  });
});
