/**
 * Two separate server processes (test/fixtures/session-server.mjs, run against dist/: build
 * first) on two ports, sharing one Redis and one secret: one session across both, surviving a
 * restart, and the concurrency guarantees of SPEC §6.2 holding across processes.
 */
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, sleep } from '../helpers.js';
import { deleteKeys, redisClient, ServerProcess, uniquePrefix } from './helpers.js';

const SECRET = 'multi-process-test-secret-0123456789abcdef';

let redis: Redis;
let prefix: string;
const processes: ServerProcess[] = [];

beforeAll(() => {
  redis = redisClient();
});
afterEach(async () => {
  await Promise.all(processes.splice(0).map((server) => server.kill()));
  await deleteKeys(redis, prefix);
});
afterAll(async () => {
  await redis.quit();
});

async function startProcess(port = 0): Promise<{ server: ServerProcess; url: string }> {
  const server = new ServerProcess({ PREFIX: prefix, SECRET, PORT: String(port) });
  processes.push(server);
  return { server, url: await server.url() };
}

async function startPair(): Promise<{ a: string; b: string }> {
  prefix = uniquePrefix();
  const [a, b] = await Promise.all([startProcess(), startProcess()]);
  return { a: a.url, b: b.url };
}

function sessionIdOf(client: Client): string {
  const signed = client.jar.get('pode.sid')!;
  return signed.slice(2, signed.lastIndexOf('.'));
}

describe('two server processes sharing one Redis and one secret', () => {
  it('a client alternating between them keeps one session and a growing counter', async () => {
    const { a, b } = await startPair();
    const client = new Client(a);
    const pids = new Set<number>();
    for (let request = 1; request <= 8; request++) {
      const url = request % 2 === 1 ? a : b;
      const body = await client.json<{ count: number; pid: number }>(`${url}/count`);
      expect(body.count).toBe(request);
      pids.add(body.pid);
    }
    expect(pids.size).toBe(2);
    const stored = JSON.parse((await redis.get(`${prefix}${sessionIdOf(client)}`))!);
    expect(stored.data).toEqual({ count: 8 });
  });

  it('the session survives a restart of one process', async () => {
    const { a, b } = await startPair();
    const client = new Client(a);
    await client.json(`${a}/count`);
    await client.json(`${b}/count`);
    const first = processes[0];
    const port = Number(new URL(a).port);
    first.requestStop();
    expect((await first.waitFor((line) => line.stopped === true)).redisStatus).toBe('ready');
    expect((await first.exited()).code).toBe(0);
    await expect(fetch(`${a}/count`)).rejects.toThrow();
    const restarted = await startProcess(port);
    expect(restarted.url).toBe(a);
    expect((await client.json<{ count: number }>(`${a}/count`)).count).toBe(3);
    expect((await client.json<{ count: number }>(`${b}/count`)).count).toBe(4);
  });

  it('two processes changing different keys of one session at once both keep their change', async () => {
    const { a, b } = await startPair();
    const client = new Client(a);
    await client.json(`${a}/count`);
    const slow = client.json<{ before: Record<string, unknown> }>(`${b}/slow-set/fromB?ms=600`);
    await sleep(200); // B has loaded the session and holds it while A saves
    await client.json(`${a}/set/fromA`);
    expect((await slow).before).toEqual({ count: 1 });
    const { data } = await client.json<{ data: Record<string, unknown> }>(`${a}/data`);
    expect(data).toEqual({ count: 1, fromA: true, fromB: true });
  });

  it('a session removed on one process is not brought back by a save in flight on the other', async () => {
    const { a, b } = await startPair();
    const client = new Client(a);
    await client.json(`${a}/count`);
    const id = sessionIdOf(client);
    const signed = client.jar.get('pode.sid')!;
    const slow = fetch(`${b}/slow-set/late?ms=600`, { headers: { cookie: `pode.sid=${signed}` } });
    await sleep(200);
    const removed = await client.fetch(`${a}/remove`);
    expect(removed.status).toBe(200);
    const late = await slow;
    expect(late.status).toBe(200);
    expect(late.headers.getSetCookie()).toEqual([]); // no cookie for a session that is gone
    expect(await redis.exists(`${prefix}${id}`)).toBe(0);
    // The old cookie now starts a new, empty session.
    const again = await fetch(`${a}/data`, { headers: { cookie: `pode.sid=${signed}` } });
    expect(((await again.json()) as { data: unknown }).data).toEqual({});
    expect(await redis.exists(`${prefix}${id}`)).toBe(0);
  });
});
