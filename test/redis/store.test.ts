/**
 * RedisStore against the real Redis on 127.0.0.1:6379 (never a mock): the stored JSON, the TTL,
 * delete, and the atomic update script (merge semantics, [] vs {}, exact number text, keys that
 * need escaping, concurrent writers, no resurrection).
 */
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionOptions, SessionRecord } from '../../src/index.js';
import { RedisStore } from '../../src/redis/index.js';
import { Client, serve } from '../helpers.js';
import { deleteKeys, redisClient, uniquePrefix } from './helpers.js';

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

function newStore(options: { timeoutMs?: number } = {}): RedisStore {
  prefix = uniquePrefix();
  return new RedisStore({ client: redis, prefix, ...options });
}

function record(data: Record<string, unknown>, seconds = 120): SessionRecord {
  const now = Date.now();
  return {
    version: 1,
    metadata: {
      created: new Date(now).toISOString(),
      expires: new Date(now + seconds * 1000).toISOString(),
    },
    data,
  };
}

function inSeconds(seconds: number): Date {
  return new Date(Date.now() + seconds * 1000);
}

describe('RedisStore: get, set, delete', () => {
  it('stores the record as its JSON under <prefix><id> with a TTL of the remaining lifetime', async () => {
    const store = newStore();
    const stored = record({ views: 3, list: [], map: {} });
    await store.set('abc', stored, inSeconds(120));
    expect(await redis.get(`${prefix}abc`)).toBe(JSON.stringify(stored));
    const ttl = await redis.ttl(`${prefix}abc`);
    expect(ttl).toBeGreaterThanOrEqual(119);
    expect(ttl).toBeLessThanOrEqual(120);
    expect(await store.get('abc')).toEqual(stored);
  });

  it('uses pode:sess: as the default prefix', async () => {
    prefix = `pode:sess:test-${Date.now()}-`;
    const store = new RedisStore({ client: redis });
    expect(store.prefix).toBe('pode:sess:');
    await store.set(prefix.slice('pode:sess:'.length), record({ a: 1 }), inSeconds(10));
    expect(await redis.exists(prefix)).toBe(1);
  });

  it('a 24 h expiry (duration 0) becomes a TTL of 86400 seconds', async () => {
    const store = newStore();
    await store.set('day', record({ a: 1 }), inSeconds(24 * 60 * 60));
    expect(await redis.ttl(`${prefix}day`)).toBeGreaterThanOrEqual(86_399);
  });

  it('get gives null for a missing key and for a value that is not JSON', async () => {
    const store = newStore();
    expect(await store.get('missing')).toBeNull();
    await redis.set(`${prefix}junk`, '{not json');
    expect(await store.get('junk')).toBeNull();
  });

  it('delete removes the key, and deleting a missing key is fine', async () => {
    const store = newStore();
    await store.set('gone', record({ a: 1 }), inSeconds(60));
    await store.delete('gone');
    expect(await redis.exists(`${prefix}gone`)).toBe(0);
    await expect(store.delete('never-there')).resolves.toBeUndefined();
  });

  it('setting a record whose expiry has passed deletes it', async () => {
    const store = newStore();
    await store.set('old', record({ a: 1 }), inSeconds(60));
    await store.set('old', record({ a: 2 }), new Date(Date.now() - 1000));
    expect(await redis.exists(`${prefix}old`)).toBe(0);
  });

  it('rejects a missing client, a bad prefix and a bad timeout at once', () => {
    expect(() => new RedisStore({} as never)).toThrow(/RedisStore needs an ioredis client/);
    expect(() => new RedisStore({ client: redis, prefix: 5 as never })).toThrow(/prefix/);
    expect(() => new RedisStore({ client: redis, timeoutMs: 0 })).toThrow(/timeoutMs/);
  });
});

describe('RedisStore: atomic update', () => {
  it('sets and unsets top-level keys, replaces the metadata and the TTL, keeps the rest', async () => {
    const store = newStore();
    await store.set('u', record({ keep: 'k', change: 1, drop: true }), inSeconds(30));
    const metadata = {
      created: '2024-01-01T00:00:00.000Z',
      expires: new Date(Date.now() + 300_000).toISOString(),
    };
    const applied = await store.update(
      'u',
      { set: { change: 2, added: { deep: [1, { x: null }] } }, unset: ['drop'] },
      metadata,
      inSeconds(300),
    );
    expect(applied).toBe(true);
    const stored = JSON.parse((await redis.get(`${prefix}u`))!) as SessionRecord;
    expect(stored).toEqual({
      version: 1,
      metadata,
      data: { keep: 'k', change: 2, added: { deep: [1, { x: null }] } },
    });
    expect(await redis.ttl(`${prefix}u`)).toBeGreaterThanOrEqual(299);
  });

  it('returns false for a missing record and does not create it', async () => {
    const store = newStore();
    const applied = await store.update(
      'nobody',
      { set: { a: 1 }, unset: [] },
      record({}).metadata,
      inSeconds(60),
    );
    expect(applied).toBe(false);
    expect(await redis.exists(`${prefix}nobody`)).toBe(0);
  });

  it('a record deleted before the update stays deleted (no resurrection)', async () => {
    const store = newStore();
    await store.set('r', record({ a: 1 }), inSeconds(60));
    await store.delete('r');
    expect(
      await store.update('r', { set: { b: 2 }, unset: [] }, record({}).metadata, inSeconds(60)),
    ).toBe(false);
    expect(await redis.exists(`${prefix}r`)).toBe(0);
  });

  it('an update whose expiry has passed deletes the record and reports it gone', async () => {
    const store = newStore();
    await store.set('late', record({ a: 1 }), inSeconds(60));
    const applied = await store.update(
      'late',
      { set: { a: 2 }, unset: [] },
      record({}).metadata,
      new Date(Date.now() - 10),
    );
    expect(applied).toBe(false);
    expect(await redis.exists(`${prefix}late`)).toBe(0);
  });

  it('leaves a record it cannot use untouched and reports it gone', async () => {
    const store = newStore();
    const foreign = JSON.stringify({ version: 2, metadata: {}, data: { a: 1 } });
    await redis.set(`${prefix}v2`, foreign);
    await redis.set(`${prefix}broken`, '{"version":1,"metadata":{},"data":{"a":[1,');
    for (const id of ['v2', 'broken']) {
      expect(
        await store.update(id, { set: { b: 1 }, unset: [] }, record({}).metadata, inSeconds(60)),
      ).toBe(false);
    }
    expect(await redis.get(`${prefix}v2`)).toBe(foreign);
  });

  it('keeps [] and {} apart, and the exact text of numbers, in kept and in changed values', async () => {
    const store = newStore();
    const data = {
      emptyList: [],
      emptyMap: {},
      nested: { a: [], b: {}, c: [[], [{}]] },
      big: 2 ** 60,
      precise: 0.1 + 0.2,
      tiny: 5e-324,
      text: 'quote " backslash \\ unicode ✓ \u0000 braces {[',
    };
    await store.set('shape', record(data), inSeconds(60));
    const applied = await store.update(
      'shape',
      { set: { newList: [], newMap: {}, deep: { x: [], y: {} }, precise2: 1 / 3 }, unset: [] },
      record({}).metadata,
      inSeconds(60),
    );
    expect(applied).toBe(true);
    const text = (await redis.get(`${prefix}shape`))!;
    const stored = JSON.parse(text) as SessionRecord;
    expect(stored.data).toEqual({
      ...data,
      newList: [],
      newMap: {},
      deep: { x: [], y: {} },
      precise2: 1 / 3,
    });
    expect(Array.isArray(stored.data.emptyList)).toBe(true);
    expect(Array.isArray(stored.data.emptyMap)).toBe(false);
    expect(Array.isArray((stored.data.deep as { x: unknown }).x)).toBe(true);
    expect(text).toContain(`"precise":${JSON.stringify(0.1 + 0.2)}`);
    expect(text).toContain(`"big":${JSON.stringify(2 ** 60)}`);
  });

  it('handles keys that need escaping, and stored JSON written with spaces and escapes', async () => {
    const store = newStore();
    // Written by hand, as another tool might: whitespace, and keys spelled with \u escapes.
    const handWritten =
      '{ "version" : 1 ,\n "metadata" : { "created" : "2024-01-01T00:00:00.000Z", "expires" : "2099-01-01T00:00:00.000Z" },\n' +
      ' "data" : { "\\u0061" : [ ] , "q\\"k" : { } , "back\\\\slash" : 1, "\\u0062ye" : 2, "keep" : "x" } }';
    await redis.set(`${prefix}esc`, handWritten);
    const applied = await store.update(
      'esc',
      { set: { a: 'replaced', 'new"key': [], 'ключ ✓': {} }, unset: ['back\\slash', 'bye'] },
      record({}).metadata,
      inSeconds(60),
    );
    expect(applied).toBe(true);
    const text = (await redis.get(`${prefix}esc`))!;
    expect(text).not.toContain('u0061'); // replaced in place, not added beside the old spelling
    const stored = JSON.parse(text) as SessionRecord;
    expect(stored.data).toEqual({
      a: 'replaced',
      'q"k': {},
      keep: 'x',
      'new"key': [],
      'ключ ✓': {},
    });
  });

  it('a record an older version stored with a lone-surrogate key can still be updated, and the key deleted', async () => {
    const store = newStore();
    // JSON.stringify writes a lone surrogate as an escape that Redis's cjson cannot decode.
    await redis.set(`${prefix}old`, JSON.stringify(record({ '\ud800': 1, views: 1 })));
    const metadata = record({}).metadata;
    expect(
      await store.update('old', { set: { views: 2 }, unset: [] }, metadata, inSeconds(60)),
    ).toBe(true);
    expect((await store.get('old'))?.data).toEqual({ '\ud800': 1, views: 2 });
    expect(await store.update('old', { set: {}, unset: ['\ud800'] }, metadata, inSeconds(60))).toBe(
      true,
    );
    expect((await store.get('old'))?.data).toEqual({ views: 2 });
  });

  it('a value JSON cannot hold (a function, undefined) removes its key, as a full save would', async () => {
    const store = newStore();
    await store.set('fn', record({ a: 1, b: 2 }), inSeconds(60));
    await store.update(
      'fn',
      { set: { a: () => 1, c: 3 }, unset: [] },
      record({}).metadata,
      inSeconds(60),
    );
    expect((await store.get('fn'))?.data).toEqual({ b: 2, c: 3 });
  });

  it('concurrent updates of different keys from separate connections all keep their change', async () => {
    const store = newStore();
    const other = redisClient();
    const otherStore = new RedisStore({ client: other, prefix });
    try {
      await store.set('busy', record({ start: true }), inSeconds(60));
      const writes = Array.from({ length: 60 }, (_, index) =>
        (index % 2 === 0 ? store : otherStore).update(
          'busy',
          { set: { [`key${index}`]: index }, unset: [] },
          record({}).metadata,
          inSeconds(60),
        ),
      );
      expect(await Promise.all(writes)).toEqual(writes.map(() => true));
      const data = (await store.get('busy'))!.data as Record<string, unknown>;
      expect(Object.keys(data)).toHaveLength(61);
      for (let index = 0; index < 60; index++) expect(data[`key${index}`]).toBe(index);
    } finally {
      await other.quit();
    }
  });

  it('any data and any change give what merging in JavaScript gives (property)', async () => {
    const store = newStore();
    const key = fc.string({ maxLength: 8 }).filter((name) => name !== '__proto__');
    const data = fc.dictionary(key, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(data, data, fc.array(key, { maxLength: 3 }), async (before, set, unset) => {
        const id = `p${run++}`;
        const normalised = JSON.parse(JSON.stringify(before)) as Record<string, unknown>;
        await store.set(id, record(normalised), inSeconds(60));
        const unsetOnly = unset.filter((name) => !Object.hasOwn(set, name));
        await store.update(id, { set, unset: unsetOnly }, record({}).metadata, inSeconds(60));
        const expected = { ...normalised };
        for (const name of unsetOnly) delete expected[name];
        for (const name of Object.keys(set)) expected[name] = set[name];
        const stored = (await store.get(id))!.data;
        expect(stored).toStrictEqual(JSON.parse(JSON.stringify(expected)));
      }),
      { numRuns: 150 },
    );
  });
});

describe('RedisStore behind the session middleware', () => {
  /** A server whose GET /count counts the visits of a session kept in `storage`. */
  function counterServer(storage: RedisStore, options: SessionOptions = {}) {
    return serve((s) => {
      s.enableSessionMiddleware({
        secret: 'redis-store-test-secret-0123456789',
        storage,
        ...options,
      });
      s.addRoute('GET', '/count', (e) => {
        e.session.data.count = ((e.session.data.count as number | undefined) ?? 0) + 1;
        e.writeJson({ count: e.session.data.count, id: e.session.id });
      });
    });
  }

  it('a session counter lives in Redis, and stop() leaves the client open', async () => {
    const store = newStore();
    const server = await counterServer(store, { duration: 60 });
    const client = new Client(server.url);
    await client.json('/count');
    const { count, id } = await client.json<{ count: number; id: string }>('/count');
    expect(count).toBe(2);
    const stored = JSON.parse((await redis.get(`${prefix}${id}`))!) as SessionRecord;
    expect(stored.data).toEqual({ count: 2 });
    expect(await redis.ttl(`${prefix}${id}`)).toBeGreaterThanOrEqual(59);
    await server.stop();
    expect(redis.status).toBe('ready');
    expect(await redis.ping()).toBe('PONG');
  });

  it('a subclass that replaces a method is still cut off at storeTimeoutMs', async () => {
    // RedisStore's timeoutMs bounds one Redis command; an overridden get() may do anything.
    class SlowStore extends RedisStore {
      override get(_id: string): Promise<SessionRecord | null> {
        return new Promise(() => {});
      }
    }
    prefix = uniquePrefix();
    const store = new SlowStore({ client: redis, prefix, timeoutMs: 50 });
    const server = await counterServer(store, { storeTimeoutMs: 200 });
    const client = new Client(server.url);
    await client.json('/count'); // a new session: nothing is read yet
    const response = await client.fetch('/count', { signal: AbortSignal.timeout(3_000) });
    expect(response.status).toBe(503);
  });
});
