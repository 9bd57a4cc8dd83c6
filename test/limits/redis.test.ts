/**
 * Rate rules shared through Redis: two real server processes (and a threaded server's workers)
 * counting in the same Redis allow the limit once between them, not once each. Runs
 * test/fixtures/limit-server.mjs against dist/ (build first); keys under a random prefix,
 * deleted afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newLimitIpComponent } from '../../src/index.js';
import { serve } from '../helpers.js';
import { deleteKeys, freePort, redisClient, uniquePrefix } from '../redis/helpers.js';

const FIXTURE = new URL('../fixtures/limit-server.mjs', import.meta.url).pathname;

let redis: Redis;
let prefix = uniquePrefix();
const children: ChildProcess[] = [];

beforeAll(() => {
  redis = redisClient();
});
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }
  await deleteKeys(redis, prefix);
});
afterAll(async () => {
  await redis.quit();
});

/** Starts the fixture and resolves with its URL. */
function start(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [FIXTURE], {
    env: { ...process.env, PREFIX: prefix, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the fixture did not start')), 15_000);
    createInterface({ input: child.stdout! }).on('line', (text) => {
      const line = JSON.parse(text) as { url?: string; error?: string };
      clearTimeout(timer);
      if (line.url !== undefined) resolve(line.url);
      else reject(new Error(line.error));
    });
  });
}

/** A GET on a new connection (so a threaded server may hand it to any worker): status and pid. */
async function get(url: string): Promise<{ status: number; pid?: number }> {
  const response = await fetch(url, { headers: { connection: 'close' } });
  if (response.status !== 200) {
    await response.arrayBuffer();
    return { status: response.status };
  }
  const body = (await response.json()) as { pid: number };
  return { status: 200, pid: body.pid };
}

describe('rate rules in Redis', () => {
  it('two processes sharing Redis allow the limit between them, not once each', async () => {
    prefix = uniquePrefix();
    const [first, second] = await Promise.all([start({ LIMIT: '6' }), start({ LIMIT: '6' })]);
    const results: { status: number; pid?: number }[] = [];
    for (let i = 0; i < 12; i++) results.push(await get(i % 2 === 0 ? first : second));
    const allowed = results.filter((result) => result.status === 200);
    expect(allowed).toHaveLength(6);
    expect(results.filter((result) => result.status === 429)).toHaveLength(6);
    // Both processes answered some of the allowed ones: the count was shared, not split.
    expect(new Set(allowed.map((result) => result.pid)).size).toBe(2);
    const keys = await redis.keys(`${prefix}*`);
    expect(keys.length).toBe(1);
  });

  it('a threaded server (2 workers) counts once across its workers', async () => {
    prefix = uniquePrefix();
    const url = await start({ LIMIT: '5', THREADS: '2' });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await get(url)).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.slice(5)).toEqual([429, 429, 429, 429, 429]);
  });

  it('the window ends after duration, in Redis too', async () => {
    prefix = uniquePrefix();
    const server = await serve((s) => {
      s.addRoute('GET', '/', (e) => e.writeText('ok'));
      s.addLimitRateRule('short', {
        limit: 1,
        duration: 1000,
        components: [newLimitIpComponent()],
        redis,
        keyPrefix: prefix,
      });
    });
    expect((await fetch(server.url)).status).toBe(200);
    const refused = await fetch(server.url);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect((await fetch(server.url)).status).toBe(200);
  });

  it('a Redis that fails lets the requests through and logs why', async () => {
    const broken = redisClient({
      port: await freePort(),
      lazyConnect: true,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => lines.push(line) });
    try {
      const server = await serve(
        (s) => {
          s.addRoute('GET', '/', (e) => e.writeText('ok'));
          s.addLimitRateRule('down', {
            limit: 1,
            components: [newLimitIpComponent()],
            redis: broken,
          });
        },
        { logger },
      );
      expect((await fetch(server.url)).status).toBe(200);
      expect((await fetch(server.url)).status).toBe(200);
      expect(lines.some((line) => line.includes('the rate limit store failed'))).toBe(true);
    } finally {
      broken.disconnect();
    }
  });

  it('refuses a duration that is not whole seconds with Redis', async () => {
    await expect(
      serve((s) => s.addLimitRateRule('r', { limit: 1, duration: 1500, redis })),
    ).rejects.toThrow(/whole number of seconds/);
  });
});
