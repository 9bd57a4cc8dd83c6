/**
 * Tab records in Redis (issue 14, item 7): RedisStore lists a session's tab records from a sorted
 * set written in the same script as each record, so removing, regenerating or logging in a
 * tab-scoped session deletes or moves every tab record of it, and one cookie cannot pile up more
 * than `maxTabs` of them. Against the real Redis, with a unique key prefix per test.
 */
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  form,
  getSessionId,
  type ServerBuilder,
  type SessionOptions,
  type SessionRecord,
} from '../../src/index.js';
import { RedisStore } from '../../src/redis/index.js';
import { Client, serve } from '../helpers.js';
import { deleteKeys, redisClient, uniquePrefix } from './helpers.js';

const TAB = 'x-pode-session-tab-id';
const tab = (id: string) => ({ headers: { [TAB]: id } });
const tabKey = (id: string, tabId: string) => `${id}:tab:${tabId}`;

let redis: Redis;
let prefix: string;

beforeAll(() => {
  redis = redisClient();
});
afterEach(async () => {
  await deleteKeys(redis, prefix);
});
afterAll(async () => {
  await redis.quit();
});

function newStore(): RedisStore {
  prefix = uniquePrefix();
  return new RedisStore({ client: redis, prefix });
}

function record(data: Record<string, unknown>, parent?: string, seconds = 120): SessionRecord {
  const now = Date.now();
  const metadata: SessionRecord['metadata'] = {
    created: new Date(now).toISOString(),
    expires: new Date(now + seconds * 1000).toISOString(),
  };
  if (parent !== undefined) metadata.parent = parent;
  return { version: 1, metadata, data };
}

const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000);

/** Every key under the test's prefix, without the prefix. */
async function keys(): Promise<string[]> {
  const found = await redis.keys(`${prefix}*`);
  return found.map((key) => key.slice(prefix.length)).sort();
}

interface Answer {
  id: string;
  data: Record<string, unknown>;
}

function app(store: RedisStore, options: SessionOptions = {}) {
  return (s: ServerBuilder) => {
    s.enableSessionMiddleware({ secret: 'key', storage: store, scope: 'tab', ...options });
    const show = (e: Parameters<Parameters<ServerBuilder['addEndware']>[0]>[0]) =>
      e.writeJson({ id: e.session.id, data: e.session.data, user: getSessionId() });
    s.addRoute('GET', '/', show);
    s.addRoute('GET', '/set', (e) => {
      for (const [key, value] of Object.entries(e.query)) e.session.data[key] = value;
      show(e);
    });
    s.addRoute('GET', '/remove', async (e) => {
      await e.session.remove();
      e.writeText('removed');
    });
    s.addRoute('GET', '/regenerate', async (e) => {
      await e.session.regenerate();
      show(e);
    });
    s.addAuth('Login', form(), ({ username }) => ({ user: { name: username } }));
    s.addRoute({ method: 'POST', path: '/sign-in', authentication: 'Login' }, show);
  };
}

async function openTabs(client: Client, tabs: string[]): Promise<string> {
  let id = '';
  for (const name of tabs) id = (await client.json<Answer>(`/set?page=${name}`, tab(name))).id;
  return id;
}

describe('RedisStore: tab records', () => {
  it('lists the tab records of a session, the one saved longest ago first, skipping deleted ones', async () => {
    const store = newStore();
    await store.set('p', record({ a: 1 }), inSeconds(120));
    for (const t of ['x', 'y', 'z']) {
      await store.set(tabKey('p', t), record({ t }, 'p'), inSeconds(120));
    }
    expect(await store.children('p')).toEqual(['x', 'y', 'z'].map((t) => tabKey('p', t)));
    // a save moves a record to the end of the list
    const metadata = record({}, 'p').metadata;
    expect(
      await store.update(tabKey('p', 'x'), { set: { n: 1 }, unset: [] }, metadata, inSeconds(120)),
    ).toBe(true);
    expect(await store.children('p')).toEqual(['y', 'z', 'x'].map((t) => tabKey('p', t)));
    await store.delete(tabKey('p', 'y'));
    expect(await store.children('p')).toEqual(['z', 'x'].map((t) => tabKey('p', t)));
    expect(await store.children('nobody')).toEqual([]);
  });

  it('keeps the list at least as long as its longest-lived tab record, and deletes it with the session', async () => {
    const store = newStore();
    await store.set('p', record({}), inSeconds(600));
    await store.set(tabKey('p', 'x'), record({}, 'p', 60), inSeconds(60));
    await store.set(tabKey('p', 'y'), record({}, 'p', 600), inSeconds(600));
    const ttl = await redis.ttl(`${prefix}p:tabs`);
    expect(ttl).toBeGreaterThanOrEqual(599);
    await store.set(tabKey('p', 'z'), record({}, 'p', 30), inSeconds(30));
    expect(await redis.ttl(`${prefix}p:tabs`)).toBeGreaterThanOrEqual(598);
    await store.delete('p');
    expect(await redis.exists(`${prefix}p:tabs`)).toBe(0);
  });

  it('keeps no tab list with a Cluster client, whose keys may sit on different nodes', async () => {
    const cluster = redisClient();
    Object.defineProperty(cluster, 'isCluster', { value: true });
    try {
      prefix = uniquePrefix();
      const store = new RedisStore({ client: cluster, prefix });
      await store.set('p', record({}), inSeconds(60));
      await store.set(tabKey('p', 'x'), record({ t: 1 }, 'p'), inSeconds(60));
      expect(await store.children('p')).toBeNull();
      expect(await keys()).toEqual(['p', tabKey('p', 'x')]);
      const metadata = record({}, 'p').metadata;
      expect(
        await store.update(tabKey('p', 'x'), { set: { t: 2 }, unset: [] }, metadata, inSeconds(60)),
      ).toBe(true);
      expect(await keys()).toEqual(['p', tabKey('p', 'x')]);
      await store.delete('p');
      expect(await keys()).toEqual([tabKey('p', 'x')]);
    } finally {
      await cluster.quit();
    }
  });

  it('deletes every tab record of a session removed from one tab', async () => {
    const store = newStore();
    const server = await serve(app(store));
    const client = new Client(server.url);
    const id = await openTabs(client, ['a', 'b', 'c']);
    expect(await keys()).toEqual(
      [id, `${id}:tabs`, ...['a', 'b', 'c'].map((t) => tabKey(id, t))].sort(),
    );
    expect(await (await client.fetch('/remove', tab('b'))).text()).toBe('removed');
    expect(await keys()).toEqual([]);
  });

  it('moves every tab record to the new id on regenerate', async () => {
    const store = newStore();
    const server = await serve(app(store));
    const client = new Client(server.url);
    const old = await openTabs(client, ['a', 'b', 'c']);
    const { id } = await client.json<Answer>('/regenerate', tab('c'));
    expect(id).not.toBe(old);
    for (const t of ['a', 'b', 'c']) {
      expect(await client.json<Answer>('/', tab(t))).toMatchObject({ id, data: { page: t } });
    }
    expect(await keys()).toEqual(
      [id, `${id}:tabs`, ...['a', 'b', 'c'].map((t) => tabKey(id, t))].sort(),
    );
    expect((await store.get(tabKey(id, 'a')))?.metadata.parent).toBe(id);
  });

  it('leaves no record of the old id after a login', async () => {
    const store = newStore();
    const server = await serve(app(store));
    const client = new Client(server.url);
    await openTabs(client, ['a', 'b']);
    const login = await client.fetch('/sign-in', {
      method: 'POST',
      body: new URLSearchParams({ username: 'summer', password: 'x' }),
      headers: { [TAB]: 'a' },
    });
    const { id } = (await login.json()) as Answer;
    expect(await keys()).toEqual([id]);
    expect((await client.json<Answer>('/', tab('b'))).data).toEqual({
      auth: { user: { name: 'summer' }, isAuthenticated: true, name: 'Login' },
    });
  });

  it('keeps at most maxTabs tab records per session', async () => {
    const store = newStore();
    const server = await serve(app(store, { maxTabs: 3 }));
    const client = new Client(server.url);
    const id = await openTabs(client, ['t0', 't1', 't2', 't3', 't4']);
    expect(await store.children(id)).toEqual(['t2', 't3', 't4'].map((t) => tabKey(id, t)));
    expect((await keys()).filter((key) => key.includes(':tab:'))).toHaveLength(3);
    expect((await client.json<Answer>('/', tab('t0'))).data).toEqual({});
  });
});
