/**
 * Redis outages, against a redis-server of our own on a free port (AOF on, fsync always):
 * unreachable at start, frozen mid-traffic (SIGSTOP/SIGCONT: the connection stays open and
 * nothing answers, so calls time out), and killed then restarted (SIGKILL: connections refused,
 * data back from the AOF). Requests needing Redis get 503 with a logged error meanwhile, the
 * server keeps serving the rest, recovers by itself, and no committed session data is lost.
 */
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/index.js';
import { RedisStore } from '../../src/redis/index.js';
import { Client, serve, sleep } from '../helpers.js';
import { freePort, OwnRedis, uniquePrefix } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface LogLine {
  level: number;
  msg: string;
  sid?: string;
  err?: { message: string };
}

async function setUp({
  timeoutMs = 300,
  storeTimeoutMs,
}: {
  timeoutMs?: number;
  storeTimeoutMs?: number;
} = {}): Promise<{ own: OwnRedis; server: RunningServer; logs: LogLine[] }> {
  const own = new OwnRedis(await freePort());
  cleanups.push(() => own.destroy());
  // The client settings docs/scaling.md recommends, with a short reconnect delay for the test.
  const client = new Redis({
    host: '127.0.0.1',
    port: own.port,
    maxRetriesPerRequest: 1,
    socketTimeout: 5_000,
    retryStrategy: () => 100,
  });
  client.on('error', () => {});
  cleanups.push(() => client.disconnect());
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line !== '') logs.push(JSON.parse(line));
      done();
    },
  });
  const store = new RedisStore({ client, prefix: uniquePrefix(), timeoutMs });
  const server = await serve(
    (s) => {
      s.enableSessionMiddleware({
        secret: 'outage-test-secret-0123456789abcdef0123',
        storage: store,
        duration: 600,
        storeTimeoutMs,
      });
      s.addRoute('GET', '/count', (e) => {
        e.session.data.count = ((e.session.data.count as number | undefined) ?? 0) + 1;
        e.writeJson({ count: e.session.data.count });
      });
      s.addRoute('GET', '/hello', (e) => e.writeText('hello'));
    },
    { logger: pino({ level: 'error' }, sink) },
  );
  return { own, server, logs };
}

async function countUntilServed(client: Client, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await client.fetch('/count');
    if (response.status === 200) return ((await response.json()) as { count: number }).count;
    expect(response.status).toBe(503);
    if (Date.now() > deadline) throw new Error('The server did not recover');
    await sleep(100);
  }
}

function storeErrors(logs: LogLine[]): LogLine[] {
  return logs.filter((line) => line.level === 50 && /session store failed/.test(line.msg));
}

describe('Redis outages', () => {
  it('a server starts while Redis is unreachable, answers 503 where it needs Redis, and recovers when Redis comes up', async () => {
    const { own, server, logs } = await setUp();
    const visitor = new Client(server.url);
    // A request that never touches the store is served.
    const hello = await visitor.fetch('/hello');
    expect(hello.status).toBe(200);
    // A new session with data cannot be stored: 503, logged, and no session cookie.
    const failed = await visitor.fetch('/count');
    expect(failed.status).toBe(503);
    expect(failed.headers.getSetCookie()).toEqual([]);
    expect(storeErrors(logs).length).toBeGreaterThan(0);
    expect(storeErrors(logs)[0].err?.message).toMatch(/Redis/);

    await own.start();
    expect(await countUntilServed(visitor)).toBe(1);
    expect(await countUntilServed(visitor)).toBe(2);
  });

  it("a frozen Redis is cut off by storeTimeoutMs when the store's own timeoutMs is longer", async () => {
    const { own, server, logs } = await setUp({ timeoutMs: 20_000, storeTimeoutMs: 200 });
    await own.start();
    const client = new Client(server.url);
    expect(await countUntilServed(client)).toBe(1);
    own.pause();
    try {
      expect((await client.fetch('/count')).status).toBe(503);
      expect(storeErrors(logs).at(-1)?.err?.message).toBe('timed out after 200 ms');
    } finally {
      own.resume();
    }
    expect(await countUntilServed(client)).toBe(2);
  });

  it('mid-traffic, a frozen and then a crashed Redis give 503 and logged errors, then recovery with no lost data', async () => {
    const { own, server, logs } = await setUp();
    await own.start();
    const clients = [0, 1, 2].map(() => new Client(server.url));
    for (const [index, client] of clients.entries()) {
      for (let visit = 0; visit <= index; visit++) await countUntilServed(client);
    }
    const idsInLogs = clients.map((client) => client.jar.get('pode.sid')!);

    // Frozen: the connection stays open, nothing answers; each call fails after timeoutMs.
    own.pause();
    try {
      for (const client of clients) {
        const started = Date.now();
        expect((await client.fetch('/count')).status).toBe(503);
        expect(Date.now() - started).toBeLessThan(3_000);
      }
      // A visitor without a session is still served (only requests needing Redis fail).
      expect((await fetch(`${server.url}/hello`)).status).toBe(200);
      const frozenErrors = storeErrors(logs);
      expect(frozenErrors.length).toBeGreaterThanOrEqual(3);
      expect(frozenErrors.at(-1)?.err?.message).toMatch(/did not answer within 300 ms/);
      expect(typeof frozenErrors.at(-1)?.sid).toBe('string');
      for (const signed of idsInLogs) {
        const id = signed.slice(2, signed.lastIndexOf('.'));
        expect(JSON.stringify(logs)).not.toContain(id); // ids are logged hashed only
      }
    } finally {
      own.resume();
    }
    // Thawed: every session is there with its committed count, and carries on.
    for (const [index, client] of clients.entries()) {
      expect(await countUntilServed(client)).toBe(index + 2);
    }

    // Crashed: connections are refused, so calls fail at once.
    await own.crash();
    const errorsBefore = storeErrors(logs).length;
    for (const client of clients) expect((await client.fetch('/count')).status).toBe(503);
    expect(storeErrors(logs).length).toBeGreaterThanOrEqual(errorsBefore + 3);

    // Restarted (same port, same AOF): the client reconnects by itself and no session is lost.
    await own.start();
    for (const [index, client] of clients.entries()) {
      expect(await countUntilServed(client)).toBe(index + 3);
    }
  });
});
