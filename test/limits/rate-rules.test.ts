/**
 * Rate rules over HTTP (`s.addLimitRateRule`, Pode's `Add-PodeLimitRateRule`): a fixed window
 * per key, 429 with Retry-After past the limit, components choosing what is counted, and every
 * set-up mistake refused at once.
 */
import { describe, expect, it } from 'vitest';
import {
  newLimitCustomComponent,
  newLimitHeaderComponent,
  newLimitIpComponent,
  newLimitMethodComponent,
  newLimitRouteComponent,
  type ServerBuilder,
  startServer,
} from '../../src/index.js';
import { serve, sleep } from '../helpers.js';

async function statuses(url: string, count: number, init: RequestInit = {}): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < count; i++) result.push((await fetch(url, init)).status);
  return result;
}

function routes(s: ServerBuilder): void {
  s.addRoute('GET', '/limited', (e) => e.writeText('ok'));
  s.addRoute('POST', '/limited', (e) => e.writeText('posted'));
  s.addRoute('GET', '/free', (e) => e.writeText('free'));
  s.addRoute('GET', '/api/:id', (e) => e.writeText(e.parameters.id));
}

describe('rate rules', () => {
  it('allows limit requests per key, then answers 429 with Retry-After; other routes are not counted', async () => {
    const server = await serve((s) => {
      routes(s);
      s.addLimitRateRule('three', {
        limit: 3,
        duration: 60_000,
        components: [newLimitIpComponent(), newLimitRouteComponent({ path: '/limited' })],
      });
    });
    expect(await statuses(`${server.url}/limited`, 3)).toEqual([200, 200, 200]);
    const refused = await fetch(`${server.url}/limited`);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await statuses(`${server.url}/free`, 5)).toEqual([200, 200, 200, 200, 200]);
  });

  it('starts a new window after duration milliseconds', async () => {
    const server = await serve((s) => {
      routes(s);
      s.addLimitRateRule('one', { limit: 1, duration: 400, components: [newLimitIpComponent()] });
    });
    expect(await statuses(`${server.url}/free`, 2)).toEqual([200, 429]);
    await sleep(700);
    expect(await statuses(`${server.url}/free`, 2)).toEqual([200, 429]);
  });

  it('counts each header value on its own, or all values as one with group', async () => {
    const server = await serve((s) => {
      routes(s);
      s.addLimitRateRule('per-key', {
        limit: 1,
        components: [newLimitHeaderComponent({ name: 'X-Api-Key' })],
      });
    });
    const a = { headers: { 'x-api-key': 'a' } };
    const b = { headers: { 'x-api-key': 'b' } };
    expect(await statuses(`${server.url}/free`, 2, a)).toEqual([200, 429]);
    expect(await statuses(`${server.url}/free`, 2, b)).toEqual([200, 429]);
    // No header: the component does not match, so the rule does not apply.
    expect(await statuses(`${server.url}/free`, 3)).toEqual([200, 200, 200]);

    const grouped = await serve((s) => {
      routes(s);
      s.addLimitRateRule('grouped', {
        limit: 1,
        components: [newLimitHeaderComponent({ name: 'X-Api-Key', group: true })],
      });
    });
    expect((await fetch(`${grouped.url}/free`, a)).status).toBe(200);
    expect((await fetch(`${grouped.url}/free`, b)).status).toBe(429);
  });

  it('counts only the methods named, and wildcard routes per path unless grouped', async () => {
    const server = await serve((s) => {
      routes(s);
      s.addLimitRateRule('posts', {
        limit: 1,
        components: [newLimitMethodComponent({ method: 'post' })],
      });
      s.addLimitRateRule('api', {
        limit: 1,
        components: [newLimitRouteComponent({ path: '/api/*' })],
      });
    });
    expect(await statuses(`${server.url}/limited`, 2, { method: 'POST' })).toEqual([200, 429]);
    expect(await statuses(`${server.url}/limited`, 2)).toEqual([200, 200]);
    expect(await statuses(`${server.url}/api/1`, 2)).toEqual([200, 429]);
    expect(await statuses(`${server.url}/api/2`, 1)).toEqual([200]);

    const grouped = await serve((s) => {
      routes(s);
      s.addLimitRateRule('api', {
        limit: 1,
        components: [newLimitRouteComponent({ path: '/api/*', group: true })],
      });
    });
    expect(await statuses(`${grouped.url}/api/1`, 1)).toEqual([200]);
    expect(await statuses(`${grouped.url}/api/2`, 1)).toEqual([429]);
  });

  it('takes a custom component, a status code and priorities', async () => {
    const server = await serve((s) => {
      routes(s);
      s.addLimitRateRule('low', {
        limit: 100,
        components: [newLimitCustomComponent((e) => e.query.user ?? null)],
      });
      s.addLimitRateRule('high', {
        limit: 1,
        statusCode: 503,
        priority: 10,
        components: [newLimitCustomComponent((e) => e.query.user ?? null)],
      });
    });
    expect(await statuses(`${server.url}/free?user=ann`, 2)).toEqual([200, 503]);
    expect(await statuses(`${server.url}/free?user=bob`, 1)).toEqual([200]);
    expect(await statuses(`${server.url}/free`, 3)).toEqual([200, 200, 200]);
  });

  it('limits paths without routes too (404 until the limit, then 429)', async () => {
    const server = await serve((s) => {
      routes(s);
      s.addLimitRateRule('all', { limit: 2, components: [newLimitIpComponent()] });
    });
    expect(await statuses(`${server.url}/nowhere`, 3)).toEqual([404, 404, 429]);
  });

  it("maps Pode's older Add-PodeLimitRule (type, values, limit, seconds)", async () => {
    const server = await serve((s) => {
      routes(s);
      s.addLimitRule({ type: 'route', values: '/limited', limit: 2, seconds: 5 });
      s.addLimitRule({ type: 'ip', values: ['127.0.0.0/8'], limit: 4, seconds: 5, group: true });
    });
    expect(await statuses(`${server.url}/limited`, 3)).toEqual([200, 200, 429]);
    // The refused third request stopped at the route rule: the IP rule counted 2 of its 4.
    expect(await statuses(`${server.url}/free`, 3)).toEqual([200, 200, 429]);
  });

  it('limit 0 refuses every matching request', async () => {
    const server = await serve((s) => {
      routes(s);
      s.addLimitRateRule('closed', {
        limit: 0,
        components: [newLimitRouteComponent({ path: '/limited' })],
      });
    });
    expect(await statuses(`${server.url}/limited`, 1)).toEqual([429]);
    expect(await statuses(`${server.url}/free`, 1)).toEqual([200]);
  });
});

describe('rate rule set-up mistakes', () => {
  const cases: [string, (s: ServerBuilder) => void, RegExp][] = [
    [
      'an unknown option',
      (s) => s.addLimitRateRule('r', { limit: 1, durration: 5 } as never),
      /Did you mean 'duration'/,
    ],
    ['a negative limit', (s) => s.addLimitRateRule('r', { limit: -1 }), /limit must be/],
    [
      'a fractional duration',
      (s) => s.addLimitRateRule('r', { limit: 1, duration: 1.5 }),
      /duration must be/,
    ],
    [
      'a bad IP',
      (s) =>
        s.addLimitRateRule('r', {
          limit: 1,
          components: [newLimitIpComponent({ ip: '300.1.1.1' })],
        }),
      /not an IP address/,
    ],
    [
      'a bad subnet',
      (s) =>
        s.addLimitRateRule('r', {
          limit: 1,
          components: [newLimitIpComponent({ ip: '10.0.0.0/33' })],
        }),
      /not an IP address/,
    ],
    [
      'an unknown component type',
      (s) => s.addLimitRateRule('r', { limit: 1, components: [{ type: 'planet' } as never] }),
      /unknown type/,
    ],
    [
      'a header component without names',
      (s) =>
        s.addLimitRateRule('r', { limit: 1, components: [newLimitHeaderComponent({ name: [] })] }),
      /header name/,
    ],
    [
      'a repeated name',
      (s) => {
        s.addLimitRateRule('r', { limit: 1 });
        s.addLimitRateRule('r', { limit: 1 });
      },
      /already exists/,
    ],
    [
      'a client that is not Redis',
      (s) => s.addLimitRateRule('r', { limit: 1, redis: {} as never }),
      /ioredis client/,
    ],
    [
      'a bad status code',
      (s) => s.addLimitRateRule('r', { limit: 1, statusCode: 99 }),
      /statusCode/,
    ],
    [
      'a legacy rule of an unknown type',
      (s) => s.addLimitRule({ type: 'planet' as never, values: 'x', limit: 1, seconds: 1 }),
      /type must be/,
    ],
  ];
  for (const [what, setup, message] of cases) {
    it(`refuses ${what} at set-up`, async () => {
      await expect(
        startServer(
          (s) => {
            s.addEndpoint({ address: '127.0.0.1', port: 0 });
            setup(s);
          },
          { logger: false, handleSignals: false },
        ),
      ).rejects.toThrow(message);
    });
  }

  it('refuses in-memory counters with threads (each worker would count on its own)', async () => {
    const { ServerBuilder } = await import('../../src/builder.js');
    const builder = new ServerBuilder({ threads: 2 });
    let error: unknown;
    try {
      builder.addLimitRateRule('r', { limit: 1 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'PODE_ERR_BAD_OPTION' });
    const text = String((error as Error).message);
    expect(text).toMatch(/threads: 2 needs Redis/);
    expect(text).toMatch(/2 times the limit/);
    const hint = String((error as { hint?: string }).hint);
    expect(hint).toContain("redis: new Redis('redis://127.0.0.1:6379')");
    expect(hint).toContain('or start without threads');
  });
});
