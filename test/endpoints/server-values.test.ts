/**
 * Server-level values: Pode's cookie secrets (`Set-PodeCookieSecret`, `Get-PodeCookieSecret`, the
 * global one as CSRF's default secret) and the uptime metrics.
 */
import { describe, expect, it } from 'vitest';
import { readableDuration } from '../../src/endpoints/uptime.js';
import {
  getCookieSecret,
  getServerRestartCount,
  getServerUptime,
  newCsrfToken,
  SetupError,
  startServer,
} from '../../src/index.js';
import { Client, serve, setupFailure } from '../helpers.js';

describe('cookie secrets', () => {
  it('reads the global and named secrets back in a request, and undefined for one never set', async () => {
    const server = await serve((s) => {
      s.setCookieSecret({ global: true, value: 'pi' });
      s.setCookieSecret({ name: 'other', value: 'rho' });
      expect(s.getCookieSecret({ global: true })).toBe('pi');
      s.addRoute('GET', '/', (e) =>
        e.writeJson({
          global: getCookieSecret({ global: true }),
          other: e.getCookieSecret({ name: 'other' }),
          none: e.getCookieSecret({ name: 'none' }) ?? null,
        }),
      );
    });
    const body = await (await fetch(`${server.url}/`)).json();
    expect(body).toEqual({ global: 'pi', other: 'rho', none: null });
  });

  it('signs a cookie with the global secret so getCookie verifies it', async () => {
    const server = await serve((s) => {
      s.setCookieSecret({ global: true, value: 'pi' });
      s.addRoute('GET', '/set', (e) => {
        e.setCookie('date', 'today', { secret: e.getCookieSecret({ global: true }) });
      });
      s.addRoute('GET', '/check', (e) =>
        e.writeJson({
          value: e.getCookie('date', { secret: e.getCookieSecret({ global: true }) }),
        }),
      );
    });
    const client = new Client(server.url);
    await client.fetch('/set');
    expect(client.jar.get('date')).toMatch(/^s:today\./);
    expect(await (await client.fetch('/check')).json()).toEqual({ value: 'today' });
  });

  it('gives CSRF with cookies the global secret when it has none of its own', async () => {
    const server = await serve((s) => {
      s.setCookieSecret({ global: true, value: 'rem' });
      s.enableCsrfMiddleware({ useCookies: true });
      s.addRoute('GET', '/', (e) => e.writeText(newCsrfToken()));
      s.addRoute('POST', '/', (e) => e.writeText('posted'));
    });
    const client = new Client(server.url);
    const token = await (await client.fetch('/')).text();
    const refused = await client.fetch('/', { method: 'POST' });
    expect(refused.status).toBe(403);
    const accepted = await client.fetch('/', {
      method: 'POST',
      headers: { 'pode.csrf': token },
    });
    expect([accepted.status, await accepted.text()]).toEqual([200, 'posted']);
  });

  it('refuses a secret with neither name nor global, and an empty value', async () => {
    const noName = await setupFailure((s) => s.setCookieSecret({ value: 'x' }));
    expect(noName).toBeInstanceOf(SetupError);
    expect((noName as Error).message).toMatch(/needs a name, or global: true/);
    const empty = await setupFailure((s) => s.setCookieSecret({ global: true, value: '' }));
    expect((empty as Error).message).toMatch(/non-empty string/);
  });

  it('throws outside a request for the free function', () => {
    expect(() => getCookieSecret({ global: true })).toThrow(/getCookieSecret/);
  });
});

describe('uptime', () => {
  it('counts from the last start, and counts a second server in the process as a restart', async () => {
    const first = await startServer(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.addRoute('GET', '/', (e) =>
          e.writeJson({ uptime: getServerUptime(), restarts: getServerRestartCount() }),
        );
      },
      { logger: false, handleSignals: false },
    );
    const body = (await (await fetch(`${first.url}/`)).json()) as {
      uptime: number;
      restarts: number;
    };
    expect(body.uptime).toBeGreaterThanOrEqual(0);
    expect(body.uptime).toBeLessThan(10_000);
    const afterFirst = getServerRestartCount();
    expect(body.restarts).toBe(afterFirst);
    await first.stop();
    const second = await serve((s) => s.addRoute('GET', '/', (e) => e.writeText('x')));
    expect(second.url).toBeTruthy();
    expect(getServerRestartCount()).toBe(afterFirst + 1);
    expect(getServerUptime({ total: true })).toBeGreaterThanOrEqual(getServerUptime());
    expect(typeof getServerUptime({ format: 'concise' })).toBe('string');
  });

  it('writes durations as Pode does', () => {
    const ms = ((1 * 24 + 2) * 3600 + 3 * 60 + 4) * 1000 + 5;
    expect(readableDuration(ms, 'concise', false)).toBe('1d 2h 3m 4s 5ms');
    expect(readableDuration(ms, 'compact', false)).toBe('01:02:03:04.005');
    expect(readableDuration(ms, 'compact', true)).toBe('01:02:03:04');
    expect(readableDuration(ms, 'verbose', true)).toBe('1 day, 2 hours, 3 minutes, 4 seconds');
    expect(readableDuration(0, 'verbose', true)).toBe('0 milliseconds');
    expect(readableDuration(1, 'concise', false)).toBe('1ms');
  });
});
