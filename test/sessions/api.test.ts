import { describe, expect, it } from 'vitest';
import {
  ErrorCodes,
  NoSessionError,
  type ServerBuilder,
  type SessionOptions,
  signValue,
  type WebEvent,
} from '../../src/index.js';
import { Client, parseSetCookie, serve } from '../helpers.js';
import { cookieId, sessionCookie, TestStore } from './fixtures.js';

// Session data is typed by declaration merging; tsc checks these lines (it runs over test/).
declare module '../../src/index.js' {
  interface SessionData {
    cart?: { items: string[] };
    visits?: number;
  }
}

/** Answers the error code a call throws, or 'ok'. */
function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? 'unknown';
  }
}

function app(storage: TestStore, options: SessionOptions = {}) {
  return (s: ServerBuilder) => {
    s.enableSessionMiddleware({ secret: 'key', storage, ...options });
    const show = (e: WebEvent) =>
      e.writeJson({ id: e.session.id, isNew: e.session.isNew, data: e.session.data });
    s.addRoute('GET', '/', show);
    s.addRoute('GET', '/info', (e) =>
      e.writeJson({
        id: e.session.id,
        name: e.session.name,
        tabId: e.session.tabId ?? null,
        expiry: e.session.expiry.toISOString(),
        hasSession: e.hasSession,
        duration: e.session.duration,
      }),
    );
    s.addRoute('GET', '/add', (e) => {
      const cart = e.session.data.cart ?? { items: [] };
      cart.items.push(e.query.item ?? 'thing');
      e.session.data.cart = cart;
      e.session.data.visits = (e.session.data.visits ?? 0) + 1;
      show(e);
    });
    s.addRoute('GET', '/save-now', async (e) => {
      e.session.data.visits = 99;
      await e.session.save();
      const stored = storage.record(e.session.id)?.data.visits ?? null;
      e.writeJson({ storedDuringRequest: stored });
    });
    s.addRoute('GET', '/save-unchanged', async (e) => {
      await e.session.save();
      e.writeJson({ sets: storage.calls.set });
    });
    s.addRoute('GET', '/save-forced', async (e) => {
      await e.session.save({ force: true });
      e.writeJson({ stored: storage.record(e.session.id) !== undefined });
    });
    s.addRoute('GET', '/remove', async (e) => {
      const id = e.session.id;
      await e.session.remove();
      e.writeJson({
        hasSession: e.hasSession,
        code: codeOf(() => e.session),
        stillStored: storage.records.has(id),
      });
    });
    s.addRoute('GET', '/remove-twice', async (e) => {
      const session = e.session;
      await session.remove();
      await session.remove();
      e.writeText('ok');
    });
    s.addRoute('GET', '/regenerate', async (e) => {
      const before = e.session.id;
      await e.session.regenerate();
      e.session.data.afterRegenerate = true;
      e.writeJson({ before, after: e.session.id, data: e.session.data });
    });
    s.addRoute('GET', '/reset', async (e) => {
      const before = e.session.expiry.getTime();
      await e.session.resetExpiry();
      e.writeJson({ before, after: e.session.expiry.getTime() });
    });
  };
}

describe('e.session', () => {
  it('has an id, the cookie name, no tab id, data, an expiry (a Date) and the duration', async () => {
    const server = await serve(app(new TestStore(), { duration: 30 }));
    const response = await fetch(`${server.url}/info`);
    const info = (await response.json()) as Record<string, unknown>;
    expect(info).toMatchObject({ name: 'pode.sid', tabId: null, hasSession: true, duration: 30 });
    expect(cookieId(response)).toBe(info.id);
    const expiry = Date.parse(info.expiry as string);
    expect(Math.abs(expiry - (Date.now() + 30_000))).toBeLessThan(2_000);
  });

  it('keeps typed data (declaration merging) across requests', async () => {
    const server = await serve(app(new TestStore()));
    const client = new Client(server.url);
    await client.fetch('/add?item=apple');
    const second = await client.json<{ data: { cart: { items: string[] }; visits: number } }>(
      '/add?item=pear',
    );
    expect(second.data).toEqual({ cart: { items: ['apple', 'pear'] }, visits: 2 });
  });

  it('rejects wrongly typed data at compile time', () => {
    const typed = (e: WebEvent) => {
      // @ts-expect-error visits is declared as a number
      e.session.data.visits = 'many';
      // @ts-expect-error cart.items holds strings
      e.session.data.cart = { items: [1] };
    };
    expect(typeof typed).toBe('function');
  });

  it('throws PODE_ERR_NO_SESSION where sessions are not enabled; hasSession is false', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/', (e) =>
        e.writeJson({ hasSession: e.hasSession, code: codeOf(() => e.session.data) }),
      );
    });
    expect(await (await fetch(server.url)).json()).toEqual({
      hasSession: false,
      code: ErrorCodes.NO_SESSION,
    });
    expect(new NoSessionError().code).toBe('PODE_ERR_NO_SESSION');
  });
});

describe('e.session.save()', () => {
  it('writes at once when the data changed, and not again at the end of the request', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const client = new Client(server.url);
    await client.fetch('/add');
    storage.resetCounts();
    expect(await client.json('/save-now')).toEqual({ storedDuringRequest: 99 });
    expect(storage.calls.set).toBe(1);
  });

  it('does not write an unchanged session without force', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const client = new Client(server.url);
    await client.fetch('/add');
    storage.resetCounts();
    expect(await client.json('/save-unchanged')).toEqual({ sets: 0 });
    expect(storage.calls.set).toBe(0);
  });

  it('writes with force even when nothing changed, a new empty session included', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const client = new Client(server.url);
    expect(await client.json('/save-forced')).toEqual({ stored: true });
    const id = client.jar.get('pode.sid')!.slice(2, -45);
    expect(storage.record(id)?.data).toEqual({});
    storage.resetCounts();
    expect(await client.json('/save-forced')).toEqual({ stored: true });
    expect(storage.calls.set).toBe(1);
    // the empty session was stored: the next request resumes it
    expect(await client.json('/')).toMatchObject({ id, isNew: false });
  });
});

describe('e.session.remove()', () => {
  it('deletes the record, sends an expiring cookie with the same Path and Domain, and ends the session', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage, { path: '/', domain: '127.0.0.1' }));
    const client = new Client(server.url);
    const { id } = await client.json<{ id: string }>('/add');
    const old = client.jar.get('pode.sid')!;
    const response = await client.fetch('/remove');
    expect(await response.json()).toEqual({
      hasSession: false,
      code: ErrorCodes.NO_SESSION,
      stillStored: false,
    });
    const cookie = parseSetCookie(sessionCookie(response)!);
    expect(cookie.value).toBe('');
    expect(cookie.attributes).toMatchObject({ 'max-age': '0', path: '/', domain: '127.0.0.1' });
    expect(Date.parse(cookie.attributes.expires)).toBeLessThanOrEqual(Date.now());
    expect(storage.records.has(id)).toBe(false);
    expect(client.jar.has('pode.sid')).toBe(false);
    // replaying the old cookie gets a new session
    const replay = await fetch(server.url, { headers: { cookie: `pode.sid=${old}` } });
    const answer = (await replay.json()) as { id: string; isNew: boolean };
    expect(answer.isNew).toBe(true);
    expect(answer.id).not.toBe(id);
  });

  it('on a new session sends only the expiring cookie and stores nothing', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const response = await fetch(`${server.url}/remove`);
    expect(response.status).toBe(200);
    const lines = response.headers.getSetCookie();
    expect(lines).toHaveLength(1);
    expect(parseSetCookie(lines[0]).attributes['max-age']).toBe('0');
    expect(storage.calls).toEqual({ get: 0, set: 0, delete: 0 });
  });

  it('may be called twice on the same Session object', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const client = new Client(server.url);
    await client.fetch('/add');
    const response = await client.fetch('/remove-twice');
    expect(response.status).toBe(200);
    expect(storage.records.size).toBe(0);
  });
});

describe('e.session.regenerate()', () => {
  it('moves the data to a new id sent on this response; the old cookie no longer works', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const client = new Client(server.url);
    const { id } = await client.json<{ id: string }>('/add?item=kept');
    const oldCookie = client.jar.get('pode.sid')!;
    const response = await client.fetch('/regenerate');
    const answer = (await response.json()) as { before: string; after: string };
    expect(answer.before).toBe(id);
    expect(answer.after).not.toBe(id);
    expect(cookieId(response)).toBe(answer.after);
    expect(storage.records.has(id)).toBe(false);
    expect(storage.record(answer.after)?.data).toEqual({
      cart: { items: ['kept'] },
      visits: 1,
      afterRegenerate: true,
    });
    expect(await client.json('/')).toMatchObject({
      id: answer.after,
      isNew: false,
      data: { cart: { items: ['kept'] }, afterRegenerate: true },
    });
    const replay = await fetch(server.url, { headers: { cookie: `pode.sid=${oldCookie}` } });
    expect(((await replay.json()) as { isNew: boolean }).isNew).toBe(true);
  });

  it('on a new session sends the new id only', async () => {
    let n = 0;
    const storage = new TestStore();
    const server = await serve(app(storage, { generator: () => `id${++n}` }));
    const response = await fetch(`${server.url}/regenerate`);
    expect(await response.json()).toMatchObject({ before: 'id1', after: 'id2' });
    const lines = response.headers.getSetCookie();
    expect(lines).toHaveLength(1);
    expect(parseSetCookie(lines[0]).value).toBe(signValue('id2', 'key'));
    expect(storage.record('id2')?.data).toEqual({ afterRegenerate: true });
    expect(storage.records.has('id1')).toBe(false);
  });
});

describe('e.session.resetExpiry()', () => {
  it('restarts the duration from now, re-sends the cookie and stores the new expiry', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage, { duration: 60 }));
    const client = new Client(server.url);
    const { id } = await client.json<{ id: string }>('/add');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    storage.resetCounts();
    const response = await client.fetch('/reset');
    const { before, after } = (await response.json()) as { before: number; after: number };
    expect(after - before).toBeGreaterThanOrEqual(1_000);
    const cookie = parseSetCookie(sessionCookie(response)!);
    expect(cookie.attributes['max-age']).toBe('60');
    expect(storage.calls.set).toBe(1);
    expect(Date.parse(storage.record(id)!.metadata.expires)).toBe(after);
  });
});
