/**
 * Session data JSON cannot keep (issue 14, items 4 and 5): a write of data nested past the limit,
 * a BigInt, a cycle, a function, a lone UTF-16 surrogate, … fails that request (500, the cause
 * logged), stores nothing, and leaves the session usable with its previous data, in the memory
 * store, a custom store and RedisStore (the real Redis) alike. A save that fails for another
 * reason fails the request too: the client is never told it worked.
 */
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ErrorCodes,
  MemoryStore,
  type ServerBuilder,
  SessionDataError,
  type SessionStore,
} from '../../src/index.js';
import { RedisStore } from '../../src/redis/index.js';
import { checkStorable, MAX_DATA_DEPTH, storableCopy } from '../../src/sessions/clone.js';
import { Client, serve } from '../helpers.js';
import { deleteKeys, redisClient, uniquePrefix } from '../redis/helpers.js';
import { captureLogger, sessionCookie, TestStore } from './fixtures.js';

const SECRET = 'session-data-test-secret-0123456789';

let redis: Redis;
const prefixes: string[] = [];

beforeAll(() => {
  redis = redisClient();
});
afterEach(async () => {
  for (const prefix of prefixes.splice(0)) await deleteKeys(redis, prefix);
});
afterAll(async () => {
  await redis.quit();
});

function nested(levels: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let node = root;
  for (let i = 0; i < levels; i++) {
    const next: Record<string, unknown> = {};
    node.a = next;
    node = next;
  }
  return root;
}

/** Each bad write: what it puts into the data, and words the logged error must hold. */
const BAD_WRITES: Record<string, { write: (data: Record<string, unknown>) => void; says: RegExp }> =
  {
    'data nested 5,000 deep': {
      write: (data) => {
        data.bad = nested(5_000);
      },
      says: /data\.bad\.a\.a.*deeper than 1000 levels/,
    },
    'a BigInt': {
      write: (data) => {
        data.bad = { list: [1, 2n] };
      },
      says: /data\.bad\.list\[1\] is a BigInt/,
    },
    'a cycle': {
      write: (data) => {
        const node: Record<string, unknown> = { name: 'loop' };
        node.self = node;
        data.bad = node;
      },
      says: /data\.bad\.self .*cycle/,
    },
    'a function': {
      write: (data) => {
        data.bad = { run: () => 1 };
      },
      says: /data\.bad\.run is a function/,
    },
    'a lone surrogate in a value': {
      write: (data) => {
        data.bad = 'abc\ud800';
      },
      says: /data\.bad is a string with a lone UTF-16 surrogate/,
    },
    'a lone surrogate in a top-level key': {
      write: (data) => {
        data['k\udc00'] = 1;
      },
      says: /data\["k\\udc00"\] is a key with a lone UTF-16 surrogate/,
    },
    'a lone surrogate in a nested key': {
      write: (data) => {
        data.bad = { '\ud83d': true };
      },
      says: /data\.bad\["\\ud83d"\] is a key with a lone UTF-16 surrogate/,
    },
    NaN: {
      write: (data) => {
        data.bad = { score: Number.NaN };
      },
      says: /data\.bad\.score is NaN, which JSON stores as null/,
    },
    'a Map': {
      write: (data) => {
        data.bad = new Map([['a', 1]]);
      },
      says: /data\.bad is a Map, which JSON stores as \{\}/,
    },
  };

type StoreKind = 'memory' | 'custom' | 'redis';

function makeStore(kind: StoreKind): { storage: SessionStore; count: () => Promise<number> } {
  if (kind === 'memory') {
    const storage = new MemoryStore();
    return { storage, count: async () => storage.size };
  }
  if (kind === 'custom') {
    const storage = new TestStore();
    return { storage, count: async () => storage.records.size };
  }
  const prefix = uniquePrefix();
  prefixes.push(prefix);
  const storage = new RedisStore({ client: redis, prefix });
  return { storage, count: async () => (await redis.keys(`${prefix}*`)).length };
}

async function start(kind: StoreKind) {
  const { storage, count } = makeStore(kind);
  const { logger, lines } = captureLogger();
  const server = await serve(
    (s: ServerBuilder) => {
      s.enableSessionMiddleware({ secret: SECRET, storage });
      s.addRoute('GET', '/start', (e) => {
        e.session.data.kept = 'yes';
        e.writeJson({ ok: true });
      });
      s.addRoute('GET', '/bad/:which', (e) => {
        BAD_WRITES[e.parameters.which].write(e.session.data as Record<string, unknown>);
        e.writeText('wrote');
      });
      s.addRoute('GET', '/count', (e) => {
        const data = e.session.data as Record<string, unknown>;
        data.views = ((data.views as number | undefined) ?? 0) + 1;
        e.writeJson(data);
      });
      s.addRoute('GET', '/save-now', async (e) => {
        (e.session.data as Record<string, unknown>).bad = 10n;
        try {
          await e.session.save();
          e.writeJson({ saved: true });
        } catch (error) {
          const failure = error as SessionDataError;
          e.writeJson({ isDataError: error instanceof SessionDataError, code: failure.code });
        }
      });
      s.addRoute('GET', '/throwing-getter', (e) => {
        Object.defineProperty(e.session.data, 'lazy', {
          enumerable: true,
          configurable: true,
          get() {
            throw new Error('the getter broke');
          },
        });
        e.writeText('wrote');
      });
    },
    { logger },
  );
  return { server, lines, count };
}

interface LogLine {
  level: number;
  msg: string;
  err?: { code?: string; message?: string };
}

function dataErrors(lines: string[]): LogLine[] {
  return lines
    .map((line) => JSON.parse(line) as LogLine)
    .filter((line) => line.err?.code === ErrorCodes.SESSION_DATA);
}

for (const kind of ['memory', 'custom', 'redis'] as const) {
  describe(`session data JSON cannot keep, ${kind} store`, () => {
    for (const [name, bad] of Object.entries(BAD_WRITES)) {
      it(`a write of ${name} fails that request with 500 and a logged cause; the session keeps its data and stays usable`, async () => {
        const { server, lines } = await start(kind);
        const client = new Client(server.url);
        expect((await client.fetch('/start')).status).toBe(200);
        const cookie = client.cookieHeader();

        const failed = await client.fetch(`/bad/${encodeURIComponent(name)}`);
        expect(failed.status).toBe(500);
        expect(await failed.text()).not.toContain('wrote');
        expect(sessionCookie(failed)).toBeUndefined();
        const logged = dataErrors(lines);
        expect(logged, lines.join('\n')).toHaveLength(1);
        expect(logged[0].level).toBe(50);
        expect(logged[0].err?.message).toMatch(bad.says);

        // The same cookie still works, with the data from before, and saves again.
        expect(client.cookieHeader()).toBe(cookie);
        const first = await client.fetch('/count');
        expect(first.status).toBe(200);
        expect(await first.json()).toEqual({ kept: 'yes', views: 1 });
        expect(await client.json('/count')).toEqual({ kept: 'yes', views: 2 });
      });
    }

    it('a new session whose first write holds a BigInt gets 500, no cookie, and nothing is stored', async () => {
      const { server, count } = await start(kind);
      const response = await fetch(`${server.url}/bad/${encodeURIComponent('a BigInt')}`);
      expect(response.status).toBe(500);
      expect(sessionCookie(response)).toBeUndefined();
      expect(await count()).toBe(0);
    });

    it('a new session whose first write holds a lone surrogate key gets 500, and later sessions are served', async () => {
      const { server, count } = await start(kind);
      const client = new Client(server.url);
      const failed = await client.fetch(
        `/bad/${encodeURIComponent('a lone surrogate in a top-level key')}`,
      );
      expect(failed.status).toBe(500);
      expect(client.jar.size).toBe(0);
      expect(await count()).toBe(0);
      expect(await client.json('/count')).toEqual({ views: 1 });
      expect(await client.json('/count')).toEqual({ views: 2 });
    });

    it('an explicit save() of such data rejects with a SessionDataError the route can catch', async () => {
      const { server } = await start(kind);
      const client = new Client(server.url);
      await client.fetch('/start');
      const answer = await client.json('/save-now');
      expect(answer).toEqual({ isDataError: true, code: ErrorCodes.SESSION_DATA });
      expect(await client.json('/count')).toEqual({ kept: 'yes', views: 1 });
    });

    it('a save that fails for another reason (a getter that throws) answers 500, not 200', async () => {
      const { server, lines } = await start(kind);
      const client = new Client(server.url);
      await client.fetch('/start');
      const failed = await client.fetch('/throwing-getter');
      expect(failed.status).toBe(500);
      const logged = dataErrors(lines);
      expect(logged).toHaveLength(1);
      expect(logged[0].err?.message).toContain('could not be saved');
      expect(lines.join('\n')).toContain('the getter broke');
      expect(await client.json('/count')).toEqual({ kept: 'yes', views: 1 });
    });
  });
}

describe('storableCopy and checkStorable', () => {
  it('copy as JSON keeps the data: a Date becomes its ISO string, undefined keys go, undefined items become null', () => {
    const when = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
    const value = { when, gone: undefined, list: [1, undefined, 'x'], nested: { ok: true } };
    const copy = storableCopy(value);
    expect(copy).toEqual(JSON.parse(JSON.stringify(value)));
    expect(Object.isFrozen(copy)).toBe(true);
    expect(Object.isFrozen(copy.list)).toBe(true);
    expect(Object.isFrozen(copy.nested)).toBe(true);
    expect(() => checkStorable(value)).not.toThrow();
  });

  it(`accepts data nested ${MAX_DATA_DEPTH} deep and refuses one level more`, () => {
    // nested(n) holds n + 1 objects: the outermost is level 1.
    expect(() => storableCopy(nested(MAX_DATA_DEPTH - 1))).not.toThrow();
    expect(() => storableCopy(nested(MAX_DATA_DEPTH))).toThrow(SessionDataError);
    expect(() => checkStorable(nested(100_000))).toThrow(/deeper than 1000 levels/);
  });

  it('keeps an own __proto__ key as a key', () => {
    const value = JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as Record<string, unknown>;
    const copy = storableCopy(value);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
  });

  it('names a cycle deep inside arrays by its path', () => {
    const inner: unknown[] = [];
    inner.push({ back: inner });
    expect(() => checkStorable({ a: [0, inner] })).toThrow(
      /data\.a\[1\]\[0\]\.back holds an object inside itself/,
    );
  });
});
