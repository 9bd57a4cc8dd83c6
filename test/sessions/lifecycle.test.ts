import { describe, expect, it } from 'vitest';
import { type ServerBuilder, type SessionOptions, signValue } from '../../src/index.js';
import { Client, serve } from '../helpers.js';
import { cookieId, sessionCookie, TestStore } from './fixtures.js';

interface Answer {
  id: string;
  isNew: boolean;
  data: Record<string, unknown>;
}

/**
 * Routes over a TestStore: `/` shows the session, `/read` reads the data without changing it,
 * `/set?k=v` sets a key, `/same` writes back an equal value, `/nested` changes a nested value,
 * `/unset?k=` deletes a key, `/go` writes and redirects, `/stop` writes in a middleware that stops.
 */
function app(storage: TestStore, options: SessionOptions = {}) {
  return (s: ServerBuilder) => {
    s.enableSessionMiddleware({ secret: 'key', storage, ...options });
    const show = (e: Parameters<Parameters<ServerBuilder['addEndware']>[0]>[0]) =>
      e.writeJson({ id: e.session.id, isNew: e.session.isNew, data: e.session.data });
    s.addRoute('GET', '/', show);
    s.addRoute('GET', '/read', (e) => {
      e.writeJson({ keys: Object.keys(e.session.data), views: e.session.data.views ?? null });
    });
    s.addRoute('GET', '/set', (e) => {
      for (const [key, value] of Object.entries(e.query)) e.session.data[key] = value;
      show(e);
    });
    s.addRoute('GET', '/same', (e) => {
      e.session.data.profile = { name: 'Ada', tags: ['a', 'b'] };
      show(e);
    });
    s.addRoute('GET', '/nested', (e) => {
      (e.session.data.profile as { tags: string[] }).tags.push('c');
      show(e);
    });
    s.addRoute('GET', '/unset', (e) => {
      for (const key of Object.keys(e.query)) delete e.session.data[key];
      show(e);
    });
    s.addRoute('GET', '/go', (e) => {
      e.session.data.flashed = 'from /go';
      e.redirect('/');
    });
    s.addRoute(
      {
        method: 'GET',
        path: '/stop',
        middleware: [
          (e) => {
            e.session.data.stoppedBy = 'middleware';
            e.setStatus(403);
            return false;
          },
        ],
      },
      (e) => e.writeText('never'),
    );
  };
}

describe('a new session', () => {
  it('starts for a request without a cookie, without reading the store', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const response = await fetch(server.url);
    const answer = (await response.json()) as Answer;
    expect(answer).toMatchObject({ isNew: true, data: {} });
    expect(cookieId(response)).toBe(answer.id);
    expect(storage.calls).toEqual({ get: 0, set: 0, delete: 0 });
  });

  it('starts for malformed and badly signed cookies, and the store is not read for them', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const client = new Client(server.url);
    await client.fetch('/set?secret=mine');
    const id = client.jar.get('pode.sid')!.slice(2, -45);
    storage.resetCounts();
    const bad = [
      'garbage',
      's:',
      `s:${id}`,
      `${id}.${signValue(id, 'key').slice(-44)}`,
      signValue(id, 'wrong-secret'),
      `${signValue(id, 'key').slice(0, -2)}x=`,
      signValue(`${id}x`, 'wrong-secret'),
      signValue('has space', 'key'), // validly signed, but not an id
      signValue('', 'key'),
    ];
    for (const value of bad) {
      const response = await fetch(server.url, {
        headers: { cookie: `pode.sid=${encodeURIComponent(value)}` },
      });
      expect(response.status, value).toBe(200);
      const answer = (await response.json()) as Answer;
      expect(answer, value).toMatchObject({ isNew: true, data: {} });
      expect(answer.id).not.toBe(id);
      expect(cookieId(response)).toBe(answer.id);
    }
    expect(storage.calls.get).toBe(0);
  });

  it('starts for a validly signed id the store does not know', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const response = await fetch(server.url, {
      headers: { cookie: `pode.sid=${signValue('unknownid', 'key')}` },
    });
    const answer = (await response.json()) as Answer;
    expect(answer.isNew).toBe(true);
    expect(answer.id).not.toBe('unknownid');
    expect(storage.history).toEqual(['get unknownid']);
  });

  it('starts for an expired record even when the store still returns it, and deletes it', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const past = new Date(Date.now() - 1_000);
    storage.records.set('stale', {
      json: JSON.stringify({
        version: 1,
        metadata: {
          created: new Date(Date.now() - 60_000).toISOString(),
          expires: past.toISOString(),
        },
        data: { secret: 'old' },
      }),
      expiry: past,
    });
    const response = await fetch(server.url, {
      headers: { cookie: `pode.sid=${signValue('stale', 'key')}` },
    });
    const answer = (await response.json()) as Answer;
    expect(answer).toMatchObject({ isNew: true, data: {} });
    expect(answer.id).not.toBe('stale');
    expect(storage.records.has('stale')).toBe(false);
  });

  it('starts for a record this version cannot read', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const expires = new Date(Date.now() + 60_000).toISOString();
    for (const json of [
      '{"version":2,"metadata":{},"data":{}}',
      '"text"',
      'null',
      '{"version":1}',
      `{"version":1,"metadata":{"expires":"${expires}"},"data":["not","an","object"]}`,
      `{"version":1,"metadata":{"expires":"not a date"},"data":{}}`,
      `{"version":1,"metadata":null,"data":{}}`,
    ]) {
      storage.records.set('odd', { json, expiry: new Date(Date.now() + 60_000) });
      const response = await fetch(server.url, {
        headers: { cookie: `pode.sid=${signValue('odd', 'key')}` },
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as Answer).isNew).toBe(true);
    }
  });

  it('is not stored while its data stays empty, but its cookie is still sent', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const response = await fetch(`${server.url}/read`);
    expect(await response.json()).toEqual({ keys: [], views: null });
    expect(sessionCookie(response)).toBeDefined();
    expect(storage.calls.set).toBe(0);
    expect(storage.records.size).toBe(0);
  });

  it('is stored once it holds data', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const response = await fetch(`${server.url}/set?views=1`);
    const answer = (await response.json()) as Answer;
    expect(storage.calls.set).toBe(1);
    expect(storage.record(answer.id)?.data).toEqual({ views: '1' });
  });
});

describe('save if changed', () => {
  it('does not write a stored session that was only read', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage, { duration: 60 }));
    const client = new Client(server.url);
    await client.fetch('/set?views=3');
    storage.resetCounts();
    expect(await client.json('/read')).toEqual({ keys: ['views'], views: '3' });
    expect(await client.json('/')).toMatchObject({ data: { views: '3' } });
    expect(storage.calls).toEqual({ get: 2, set: 0, delete: 0 });
  });

  it('does not write when a value is replaced by an equal one (deep comparison)', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const client = new Client(server.url);
    await client.fetch('/same');
    storage.resetCounts();
    await client.fetch('/same');
    expect(storage.calls.set).toBe(0);
  });

  it('writes a nested change, and a deleted key', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const client = new Client(server.url);
    const { id } = await client.json<Answer>('/same');
    await client.fetch('/set?other=1');
    storage.resetCounts();
    await client.fetch('/nested');
    expect(storage.calls.set).toBe(1);
    expect(storage.record(id)?.data.profile).toEqual({ name: 'Ada', tags: ['a', 'b', 'c'] });
    await client.fetch('/unset?other');
    expect(storage.calls.set).toBe(2);
    expect(storage.record(id)?.data).not.toHaveProperty('other');
  });

  it('keeps keys case-sensitive', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const client = new Client(server.url);
    await client.fetch('/set?Views=big&views=small');
    expect(await client.json<Answer>('/')).toMatchObject({
      data: { Views: 'big', views: 'small' },
    });
  });

  it('always writes with extend, even when nothing changed', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage, { duration: 60, extend: true }));
    const client = new Client(server.url);
    await client.fetch('/set?views=1');
    storage.resetCounts();
    await client.fetch('/read');
    await client.fetch('/read');
    expect(storage.calls.set).toBe(2);
  });
});

describe('the session cookie on responses', () => {
  it('is sent for a new session, then not again without extend', async () => {
    const server = await serve(app(new TestStore(), { duration: 60 }));
    const client = new Client(server.url);
    expect(sessionCookie(await client.fetch('/set?a=1'))).toBeDefined();
    expect(sessionCookie(await client.fetch('/set?a=2'))).toBeUndefined();
    expect(sessionCookie(await client.fetch('/read'))).toBeUndefined();
  });

  it('is sent on every response with extend', async () => {
    const server = await serve(app(new TestStore(), { duration: 60, extend: true }));
    const client = new Client(server.url);
    const first = await client.fetch('/set?a=1');
    const id = cookieId(first);
    for (let i = 0; i < 3; i++) expect(cookieId(await client.fetch('/read'))).toBe(id);
  });

  it('is not sent for a path no route matches (no session middleware runs)', async () => {
    const server = await serve(app(new TestStore()));
    const response = await fetch(`${server.url}/missing`);
    expect(response.status).toBe(404);
    expect(sessionCookie(response)).toBeUndefined();
  });
});

describe('saving before the response leaves', () => {
  it('stores the data of a route that redirects before the redirect is answered (slow async store)', async () => {
    const storage = new TestStore({ async: true, delayMs: 40 });
    const server = await serve(app(storage));
    const client = new Client(server.url);
    const redirect = await client.fetch('/go');
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/');
    expect(storage.calls.set).toBe(1);
    expect(await client.json<Answer>('/')).toMatchObject({
      isNew: false,
      data: { flashed: 'from /go' },
    });
  });

  it('stores data written by a middleware that stopped the chain', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const client = new Client(server.url);
    const stopped = await client.fetch('/stop');
    expect(stopped.status).toBe(403);
    expect(await client.json<Answer>('/')).toMatchObject({ data: { stoppedBy: 'middleware' } });
  });

  it('runs the save before server endware, which sees the stored record', async () => {
    const storage = new TestStore();
    const seen: unknown[] = [];
    const server = await serve((s) => {
      app(storage)(s);
      s.addEndware((e) => {
        if (e.hasSession) seen.push(storage.record(e.session.id)?.data ?? null);
      });
    });
    await fetch(`${server.url}/set?k=v`);
    expect(seen).toEqual([{ k: 'v' }]);
  });
});
