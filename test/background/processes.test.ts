/**
 * Across processes, with real processes and the real Redis: a schedule fires once per tick for
 * the whole server (threads: 2) and across two servers sharing Redis; a counter incremented
 * under the global lock from two processes loses nothing; a stopped server's process exits by
 * itself. Run against dist/ (npm run build first).
 */
import { request } from 'node:http';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deleteKeys, redisClient, uniquePrefix } from '../redis/helpers.js';
import { BackgroundProcess } from './processes.js';

let redis: Redis;
const prefixes: string[] = [];
const processes: BackgroundProcess[] = [];

beforeAll(() => {
  redis = redisClient();
});
afterEach(async () => {
  await Promise.all(processes.splice(0).map((child) => child.kill()));
  for (const prefix of prefixes.splice(0)) await deleteKeys(redis, prefix);
});
afterAll(async () => {
  await redis.quit();
});

function start(env: Record<string, string>): BackgroundProcess {
  const child = new BackgroundProcess(env);
  processes.push(child);
  return child;
}

function redisPrefix(): string {
  const prefix = uniquePrefix();
  prefixes.push(prefix);
  return prefix;
}

/**
 * One HTTP call on a new connection (so the cluster may hand it to any worker). A connection
 * error is retried (at most twice): a connection handed to a worker as it is killed fails.
 */
async function call(url: string, method = 'GET'): Promise<{ value?: number; pid: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await callOnce(url, method);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 3 || (code !== 'EPIPE' && code !== 'ECONNRESET')) throw error;
      await sleep(200);
    }
  }
}

function callOnce(url: string, method: string): Promise<{ value?: number; pid: number }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, agent: false, timeout: 60_000 }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => {
        if (response.statusCode !== 200)
          reject(new Error(`${url}: ${response.statusCode} ${text}`));
        else resolve(JSON.parse(text));
      });
    });
    outgoing.on('error', reject);
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${url} timed out`)));
    outgoing.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The ticks counted during five seconds. */
async function ticksOverFiveSeconds(url: string): Promise<number> {
  await sleep(1_500); // let every process's schedule start
  const before = (await call(`${url}/state/ticks`)).value ?? 0;
  await sleep(5_000);
  const after = (await call(`${url}/state/ticks`)).value ?? 0;
  return after - before;
}

describe('background across processes', () => {
  it('threads: 2 (state kept by the primary): a schedule every second fires 5 ± 1 times in 5 s, not 10', async () => {
    const server = start({ THREADS: '2' });
    const ticks = await ticksOverFiveSeconds(await server.url());
    expect(ticks).toBeGreaterThanOrEqual(4);
    expect(ticks).toBeLessThanOrEqual(6);
  }, 30_000);

  it('two servers sharing Redis: a schedule every second fires 5 ± 1 times in 5 s, not 10', async () => {
    const prefix = redisPrefix();
    const first = start({ PREFIX: prefix });
    const second = start({ PREFIX: prefix });
    const [url] = await Promise.all([first.url(), second.url()]);
    const ticks = await ticksOverFiveSeconds(url);
    expect(ticks).toBeGreaterThanOrEqual(4);
    expect(ticks).toBeLessThanOrEqual(6);
  }, 30_000);

  it('threads: 2: when the worker running the schedules dies, another takes over', async () => {
    const server = start({ THREADS: '2' });
    const url = await server.url();
    await sleep(2_500);
    const leader = (await call(`${url}/state/leader`)).value ?? 0;
    expect(leader).toBeGreaterThan(0);
    process.kill(leader, 'SIGKILL');
    await sleep(1_000); // the primary replaces the worker and elects the other one
    const before = (await call(`${url}/state/ticks`)).value ?? 0;
    await sleep(3_000);
    const after = (await call(`${url}/state/ticks`)).value ?? 0;
    expect(after - before).toBeGreaterThanOrEqual(2);
    expect(after - before).toBeLessThanOrEqual(4);
    const next = (await call(`${url}/state/leader`)).value;
    expect(next).not.toBe(leader);
  }, 30_000);

  it('threads: 2: 2,000 locked increments from both workers end at 2,000', async () => {
    const server = start({ THREADS: '2', CRON: '0 0 1 1 *' });
    const url = await server.url();
    const pids = new Set<number>();
    // New connections until both workers have answered (the cluster hands them round-robin).
    for (let attempt = 0; attempt < 60 && pids.size < 2; attempt++) {
      pids.add((await call(`${url}/state/counter`)).pid);
      if (pids.size < 2) await sleep(50);
    }
    expect(pids.size).toBe(2);
    // Four callers of 500 increments each, on new connections: both workers take some.
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => call(`${url}/incr?times=500`, 'POST')),
    );
    expect(new Set(answers.map((answer) => answer.pid)).size).toBe(2);
    expect((await call(`${url}/state/counter`)).value).toBe(2_000);
  }, 60_000);

  it('two servers sharing Redis: 1,000 locked increments from each end at 2,000', async () => {
    const prefix = redisPrefix();
    const first = start({ PREFIX: prefix, CRON: '0 0 1 1 *' });
    const second = start({ PREFIX: prefix, CRON: '0 0 1 1 *' });
    const [firstUrl, secondUrl] = await Promise.all([first.url(), second.url()]);
    const answers = await Promise.all([
      call(`${firstUrl}/incr?times=1000`, 'POST'),
      call(`${secondUrl}/incr?times=1000`, 'POST'),
    ]);
    expect(answers[0].pid).not.toBe(answers[1].pid);
    expect((await call(`${firstUrl}/state/counter`)).value).toBe(2_000);
    expect(await redis.hget(`${prefix}values`, 'counter')).toBe('2000');
  }, 90_000);

  it('a stopped server with a timer, a schedule, a worker thread and Redis locks ends its process by itself', async () => {
    const server = start({ PREFIX: redisPrefix() });
    const url = await server.url();
    expect((await call(`${url}/square/12`)).value).toBe(144);
    await sleep(1_200);
    expect((await call(`${url}/state/beats`)).value).toBeGreaterThanOrEqual(1);
    server.stop();
    await server.line('stopped');
    expect(await server.exited(10_000)).toBe(0);
  }, 30_000);

  it('a stopped threaded server ends every process by itself', async () => {
    const server = start({ THREADS: '2' });
    await server.url();
    await sleep(1_200);
    server.stop();
    await server.line('stopped');
    expect(await server.exited(15_000)).toBe(0);
  }, 30_000);
});
