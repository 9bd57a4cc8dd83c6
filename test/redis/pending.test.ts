/**
 * RedisStore's own bound on unanswered commands (maxPending) and its start-up check of the
 * ioredis client's settings. The bound under a real hanging Redis is in hang-memory.test.ts;
 * here a client whose commands never settle shows the counting rules exactly.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisStore } from '../../src/redis/index.js';
import { REDIS_PORT } from './helpers.js';

/** Looks like an ioredis client to RedisStore; every command stays unanswered until `answer()`. */
function silentClient() {
  const waiting: (() => void)[] = [];
  const command = () =>
    new Promise<null>((resolve) => {
      waiting.push(() => resolve(null));
    });
  return {
    status: 'ready',
    options: { socketTimeout: 5_000 },
    commandQueue: { length: 0 },
    offlineQueue: { length: 0 },
    defineCommand() {},
    podeSessionUpdate: command,
    podeSessionUpdateTab: command,
    podeSessionSetTab: command,
    podeSessionChildren: command,
    get: command,
    set: command,
    del: command,
    waiting,
    answerAll() {
      for (const answer of waiting.splice(0)) answer();
    },
  };
}

const clients: Redis[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect();
});

function lazyClient(options: RedisOptions): Redis {
  const client = new Redis({ port: REDIS_PORT, lazyConnect: true, ...options });
  clients.push(client);
  return client;
}

function warningsDuring(action: () => void): Promise<Error[]> {
  const seen: Error[] = [];
  const listener = (warning: Error) => seen.push(warning);
  process.on('warning', listener);
  action();
  // Node emits process warnings on the next tick.
  return new Promise((resolve) =>
    setImmediate(() => {
      process.off('warning', listener);
      resolve(seen);
    }),
  );
}

describe('RedisStore: maxPending', () => {
  it('fails at once, sending nothing, once maxPending commands are unanswered, and takes commands again when Redis answers', async () => {
    const client = silentClient();
    client.commandQueue.length = 2; // the client still holds them
    const store = new RedisStore({ client: client as never, timeoutMs: 20, maxPending: 2 });
    await expect(store.get('a')).rejects.toThrow('Redis did not answer within 20 ms.');
    await expect(store.get('b')).rejects.toThrow('Redis did not answer within 20 ms.');
    expect(store.pending).toBe(2);
    const started = Date.now();
    await expect(store.get('c')).rejects.toThrow(/has not answered 2 commands .*maxPending 2/);
    expect(Date.now() - started).toBeLessThan(15); // no timer: refused at once
    expect(client.waiting.length).toBe(2); // nothing more was sent

    client.answerAll();
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.pending).toBe(0);
    const next = store.get('d');
    client.answerAll();
    expect(await next).toBeNull();
  });

  it('starts counting afresh when the count is full but the client holds no command (commands dropped on a reconnect)', async () => {
    const client = silentClient();
    const store = new RedisStore({ client: client as never, timeoutMs: 20, maxPending: 1 });
    await expect(store.get('a')).rejects.toThrow(/within 20 ms/);
    expect(store.pending).toBe(1);
    // The client's queues are empty and it is ready: the unanswered command was dropped.
    const next = store.get('b');
    expect(client.waiting.length).toBe(2);
    client.waiting[1]();
    expect(await next).toBeNull();
  });

  it('refuses a maxPending that is not a whole number of 1 or more', () => {
    const client = silentClient() as never;
    for (const maxPending of [0, -1, 1.5, Number.NaN, '10']) {
      expect(() => new RedisStore({ client, maxPending: maxPending as number })).toThrow(
        expect.objectContaining({
          code: 'PODE_ERR_BAD_OPTION',
          message: expect.stringContaining('maxPending'),
        }),
      );
    }
  });
});

describe('RedisStore: the client settings check at start-up', () => {
  it('warns once, with the fix, about a client without socketTimeout', async () => {
    const client = lazyClient({});
    const warnings = await warningsDuring(() => {
      new RedisStore({ client });
      new RedisStore({ client, prefix: 'other:' });
    });
    expect(warnings).toHaveLength(1);
    const [warning] = warnings as (Error & { code?: string; detail?: string })[];
    expect(warning.code).toBe('PODE_WARN_REDIS_CLIENT');
    expect(warning.message).toMatch(/no socketTimeout/);
    expect(warning.detail).toMatch(/new Redis\(url, \{ socketTimeout: 5000 \}\)/);
  });

  it('warns about maxRetriesPerRequest: null and names both fixes', async () => {
    const client = lazyClient({ maxRetriesPerRequest: null });
    const [warning] = (await warningsDuring(() => {
      new RedisStore({ client, timeoutMs: 4_000 });
    })) as (Error & { detail?: string })[];
    expect(warning.message).toMatch(/maxRetriesPerRequest is null/);
    expect(warning.detail).toContain('{ socketTimeout: 8000, maxRetriesPerRequest: 1 }');
  });

  it('says nothing about a client with the recommended settings', async () => {
    const client = lazyClient({ socketTimeout: 5_000, maxRetriesPerRequest: 1 });
    expect(await warningsDuring(() => new RedisStore({ client }))).toEqual([]);
  });
});
