import { describe, expect, it } from 'vitest';
import {
  ErrorCodes,
  getSessionDuration,
  getSessionExpiry,
  getSessionId,
  removeSession,
  resetSessionExpiry,
  type ServerBuilder,
  type SessionOptions,
  saveSession,
  sessionScope,
  signValue,
  writeJsonResponse as writeJson,
} from '../../src/index.js';
import { strictKey } from '../../src/signing.js';
import { Client, parseSetCookie, serve } from '../helpers.js';
import { cookieId, sessionCookie, TestStore } from './fixtures.js';
import { countHit, forget, inspect } from './scope-helper.js';

/** The error code a call throws (sync or async), or 'ok'. */
async function codeOf(fn: () => unknown): Promise<string> {
  try {
    await fn();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? 'unknown';
  }
}

const LOGIN = { user: { name: 'Morty' }, isAuthenticated: true, name: 'login' };

function app(storage: TestStore, options: SessionOptions = {}) {
  return (s: ServerBuilder) => {
    s.enableSessionMiddleware({ secret: 'key', storage, ...options });
    s.addRoute('GET', '/id', (e) =>
      e.writeJson({
        plain: getSessionId(),
        forced: getSessionId({ force: true }),
        signed: getSessionId({ force: true, signed: true }),
        id: e.session.id,
      }),
    );
    s.addRoute('GET', '/login', (e) => {
      const before = getSessionId();
      e.session.data.auth = LOGIN;
      e.writeJson({ before, after: getSessionId(), signed: getSessionId({ signed: true }) });
    });
    s.addRoute('GET', '/logout', (e) => {
      delete e.session.data.auth;
      e.writeJson({ after: getSessionId() });
    });
    s.addRoute('GET', '/save', async (e) => {
      e.session.data.saved = 'yes';
      await saveSession();
      e.writeJson({ stored: storage.record(e.session.id)?.data.saved ?? null });
    });
    s.addRoute('GET', '/save-forced', async (e) => {
      await saveSession({ force: true });
      e.writeJson({ stored: storage.records.has(e.session.id) });
    });
    s.addRoute('GET', '/remove', async (e) => {
      const id = e.session.id;
      await removeSession();
      await removeSession();
      e.writeJson({ hasSession: e.hasSession, stored: storage.records.has(id) });
    });
    s.addRoute('GET', '/expiry', async () => {
      const before = getSessionExpiry();
      await resetSessionExpiry();
      const after = getSessionExpiry();
      writeJson({
        isDate: before instanceof Date,
        before: before.getTime(),
        after: after.getTime(),
        duration: getSessionDuration(),
      });
    });
    s.addRoute('GET', '/scope', async (e) => {
      const hits = await countHit();
      e.writeJson({ hits, seen: inspect('hits'), direct: e.session.data.hits });
    });
    s.addRoute('GET', '/scope-forget', (e) => {
      forget('hits');
      e.writeJson({ seen: inspect('hits') });
    });
    s.addRoute('GET', '/scope-after-remove', async (e) => {
      await e.session.remove();
      e.writeJson({
        read: sessionScope.hits ?? null,
        seen: inspect('hits'),
        write: await codeOf(() => {
          sessionScope.hits = 1;
        }),
      });
    });
  };
}

describe('getSessionId', () => {
  it('is null for an anonymous session; force gives the id; signed gives s:<id>.<sig>', async () => {
    const server = await serve(app(new TestStore()));
    const answer = await new Client(server.url).json<Record<string, string | null>>('/id');
    expect(answer.plain).toBeNull();
    expect(answer.forced).toBe(answer.id);
    expect(answer.signed).toBe(signValue(answer.id!, 'key'));
  });

  it('gives the id once the session is authenticated, in that same request and later ones', async () => {
    const server = await serve(app(new TestStore()));
    const client = new Client(server.url);
    const login = await client.json<{ before: null; after: string; signed: string }>('/login');
    expect(login.before).toBeNull();
    expect(login.after).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(login.signed).toBe(signValue(login.after, 'key'));
    const later = await client.json<Record<string, string | null>>('/id');
    expect(later.plain).toBe(login.after);
    const logout = await client.json<{ after: string | null }>('/logout');
    expect(logout.after).toBeNull();
    expect((await client.json<Record<string, string | null>>('/id')).plain).toBeNull();
  });

  it('signs strict-aware in strict mode', async () => {
    const server = await serve(app(new TestStore(), { strict: true }));
    const ua = 'test-agent/1';
    const client = new Client(server.url, { 'user-agent': ua });
    const answer = await client.json<Record<string, string>>('/id');
    expect(answer.signed).toBe(signValue(answer.id, strictKey('key', ua, '127.0.0.1')));
    expect(client.jar.get('pode.sid')).toBe(answer.signed);
  });

  it('is null where sessions are not enabled', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/', () =>
        writeJson({ plain: getSessionId(), forced: getSessionId({ force: true }) }),
      );
    });
    expect(await (await fetch(server.url)).json()).toEqual({ plain: null, forced: null });
  });
});

describe('saveSession, removeSession, resetSessionExpiry, getSessionExpiry, getSessionDuration', () => {
  it('saveSession writes a changed session at once; with force an unchanged one', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const client = new Client(server.url);
    expect(await client.json('/save')).toEqual({ stored: 'yes' });
    storage.resetCounts();
    expect(await client.json('/save-forced')).toEqual({ stored: true });
    expect(storage.calls.set).toBe(1);
  });

  it('removeSession deletes the record and the cookie, and may be called twice', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const client = new Client(server.url);
    await client.fetch('/save');
    const response = await client.fetch('/remove');
    expect(await response.json()).toEqual({ hasSession: false, stored: false });
    expect(parseSetCookie(sessionCookie(response)!).attributes['max-age']).toBe('0');
  });

  it('getSessionExpiry gives a Date; resetSessionExpiry moves it; getSessionDuration gives seconds', async () => {
    const server = await serve(app(new TestStore(), { duration: 45 }));
    const client = new Client(server.url);
    await client.fetch('/save');
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    const response = await client.fetch('/expiry');
    const answer = (await response.json()) as Record<string, number | boolean>;
    expect(answer.isDate).toBe(true);
    expect(answer.duration).toBe(45);
    expect((answer.after as number) - (answer.before as number)).toBeGreaterThanOrEqual(1_000);
    expect(cookieId(response)).toBeDefined();
  });

  it('throw PODE_ERR_NO_REQUEST outside a request', async () => {
    expect(await codeOf(() => getSessionId())).toBe(ErrorCodes.NO_REQUEST);
    expect(await codeOf(() => saveSession())).toBe(ErrorCodes.NO_REQUEST);
    expect(await codeOf(() => removeSession())).toBe(ErrorCodes.NO_REQUEST);
    expect(await codeOf(() => resetSessionExpiry())).toBe(ErrorCodes.NO_REQUEST);
    expect(await codeOf(() => getSessionExpiry())).toBe(ErrorCodes.NO_REQUEST);
    expect(await codeOf(() => getSessionDuration())).toBe(ErrorCodes.NO_REQUEST);
    expect(sessionScope.anything).toBeUndefined();
    expect(
      await codeOf(() => {
        sessionScope.anything = 1;
      }),
    ).toBe(ErrorCodes.NO_REQUEST);
  });

  it('throw PODE_ERR_NO_SESSION where sessions are off (removeSession resolves)', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/', async () =>
        writeJson({
          save: await codeOf(() => saveSession()),
          remove: await codeOf(() => removeSession()),
          reset: await codeOf(() => resetSessionExpiry()),
          expiry: await codeOf(() => getSessionExpiry()),
          duration: await codeOf(() => getSessionDuration()),
        }),
      );
    });
    expect(await (await fetch(server.url)).json()).toEqual({
      save: ErrorCodes.NO_SESSION,
      remove: 'ok',
      reset: ErrorCodes.NO_SESSION,
      expiry: ErrorCodes.NO_SESSION,
      duration: ErrorCodes.NO_SESSION,
    });
  });
});

describe('sessionScope', () => {
  it('reads and writes the session data from a helper module, after awaits and timers', async () => {
    const server = await serve(app(new TestStore()));
    const client = new Client(server.url);
    expect(await client.json('/scope')).toEqual({
      hits: 1,
      seen: { value: 1, has: true, keys: ['hits'] },
      direct: 1,
    });
    expect(await client.json('/scope')).toMatchObject({ hits: 2, direct: 2 });
    // another client has its own scope
    expect(await new Client(server.url).json('/scope')).toMatchObject({ hits: 1 });
    expect(await client.json('/scope-forget')).toEqual({
      seen: { value: undefined, has: false, keys: [] },
    });
    expect(await client.json('/scope')).toMatchObject({ hits: 1 });
  });

  it('keeps concurrent requests apart: each sees its own session', async () => {
    const server = await serve(app(new TestStore()));
    const clients = Array.from({ length: 5 }, () => new Client(server.url));
    for (const client of clients) await client.fetch('/scope');
    const answers = await Promise.all(
      clients.map((client) => client.json<{ hits: number }>('/scope')),
    );
    expect(answers.map((answer) => answer.hits)).toEqual([2, 2, 2, 2, 2]);
  });

  it('reads undefined after remove(), and a write then throws PODE_ERR_NO_SESSION', async () => {
    const server = await serve(app(new TestStore()));
    const client = new Client(server.url);
    await client.fetch('/scope');
    expect(await client.json('/scope-after-remove')).toEqual({
      read: null,
      seen: { has: false, keys: [] },
      write: ErrorCodes.NO_SESSION,
    });
  });

  it('reads undefined without sessions, and a write throws PODE_ERR_NO_SESSION', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/', async () => {
        await Promise.resolve();
        writeJson({
          read: sessionScope.views ?? null,
          keys: Object.keys(sessionScope),
          write: await codeOf(() => {
            sessionScope.views = 1;
          }),
          remove: await codeOf(() => {
            delete sessionScope.views;
          }),
        });
      });
    });
    expect(await (await fetch(server.url)).json()).toEqual({
      read: null,
      keys: [],
      write: ErrorCodes.NO_SESSION,
      remove: ErrorCodes.NO_SESSION,
    });
  });
});
