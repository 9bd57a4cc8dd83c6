/**
 * Anonymous traffic never logs anyone out (issue 14, item 2): the memory store keeps anonymous
 * and authenticated sessions apart, anonymous ones within their own cap and always evicted first,
 * so a flood of cookie-less requests (failed logins included) of any size cannot push out a
 * logged-in session that has not expired, and memory stays bounded.
 */
import autocannon from 'autocannon';
import { describe, expect, it } from 'vitest';
import {
  type AuthValidator,
  ErrorCodes,
  form,
  MemoryStore,
  type SessionRecord,
  type UsernamePasswordCredentials,
} from '../../src/index.js';
import { Client, serve } from '../helpers.js';

const LOGIN = { user: { id: 1 }, isAuthenticated: true, name: 'Login' };

function record(data: Record<string, unknown>, parent?: string): SessionRecord {
  const metadata: SessionRecord['metadata'] = {
    created: new Date().toISOString(),
    expires: new Date(Date.now() + 600_000).toISOString(),
  };
  if (parent !== undefined) metadata.parent = parent;
  return { version: 1, metadata, data };
}

/** An expiry `seconds` from now: logged-in users stored first expire first, as idle ones do. */
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000);

function floodAnonymous(store: MemoryStore, count: number, from = 0): void {
  for (let i = from; i < from + count; i++) {
    store.set(`anon-${i}`, record({ flash: { 'auth-error': ['Invalid'] } }), inSeconds(600));
  }
}

describe('MemoryStore: anonymous and authenticated sessions', () => {
  it('an anonymous flood of any size never evicts an authenticated session that has not expired', () => {
    const store = new MemoryStore({ maxSessions: 100 });
    for (let i = 0; i < 50; i++) store.set(`user-${i}`, record({ auth: LOGIN }), inSeconds(60));
    floodAnonymous(store, 20_000);
    for (let i = 0; i < 50; i++) expect(store.get(`user-${i}`)?.data.auth).toEqual(LOGIN);
    expect(store.size).toBeLessThanOrEqual(100);
    expect(store.anonymousSize).toBeLessThanOrEqual(50);
    expect(store.get('anon-19999')).not.toBeNull(); // the newest anonymous ones are kept
    store.close();
  });

  it('keeps anonymous sessions within maxAnonymousSessions, evicting the soonest-expiring', () => {
    const store = new MemoryStore({ maxSessions: 1_000, maxAnonymousSessions: 64 });
    store.set('user', record({ auth: LOGIN }), inSeconds(10));
    floodAnonymous(store, 5_000);
    expect(store.anonymousSize).toBeLessThanOrEqual(64);
    expect(store.anonymousSize).toBeGreaterThan(32);
    expect(store.get('anon-0')).toBeNull();
    expect(store.get('anon-4999')).not.toBeNull();
    expect(store.get('user')).not.toBeNull();
    store.close();
  });

  it('when authenticated sessions alone fill maxSessions, the soonest-expiring authenticated ones go', () => {
    const store = new MemoryStore({ maxSessions: 128 });
    floodAnonymous(store, 100);
    for (let i = 0; i < 200; i++) {
      store.set(`user-${i}`, record({ auth: LOGIN }), inSeconds(60 + i));
    }
    expect(store.size).toBeLessThanOrEqual(128);
    expect(store.anonymousSize).toBe(0); // every anonymous session went before any login did
    expect(store.get('user-0')).toBeNull();
    expect(store.get('user-199')).not.toBeNull();
    store.close();
  });

  it('moves a session that logs in to the authenticated side, and back when it logs out', () => {
    const store = new MemoryStore({ maxSessions: 100 });
    const metadata = record({}).metadata;
    store.set('visitor', record({ cart: ['a'] }), inSeconds(30));
    expect(
      store.update('visitor', { set: { auth: LOGIN }, unset: [] }, metadata, inSeconds(30)),
    ).toBe(true);
    expect(store.anonymousSize).toBe(0);
    floodAnonymous(store, 10_000);
    expect(store.get('visitor')?.data).toEqual({ cart: ['a'], auth: LOGIN });

    expect(store.update('visitor', { set: {}, unset: ['auth'] }, metadata, inSeconds(30))).toBe(
      true,
    );
    floodAnonymous(store, 10_000, 10_000);
    expect(store.get('visitor')).toBeNull();
    store.close();
  });

  it("keeps a logged-in browser session's tab records through a flood, even those stored before the login", () => {
    const store = new MemoryStore({ maxSessions: 100 });
    store.set('browser', record({}), inSeconds(30));
    store.set('browser:tab:early', record({ step: 1 }, 'browser'), inSeconds(30));
    const metadata = record({}).metadata;
    store.update('browser', { set: { auth: LOGIN }, unset: [] }, metadata, inSeconds(30));
    store.set('browser:tab:late', record({ step: 2 }, 'browser'), inSeconds(30));
    floodAnonymous(store, 20_000);
    expect(store.get('browser')).not.toBeNull();
    expect(store.get('browser:tab:early')?.data).toEqual({ step: 1 });
    expect(store.get('browser:tab:late')?.data).toEqual({ step: 2 });
    store.close();
  });

  it('refuses a maxAnonymousSessions that is not a whole number from 1 to maxSessions', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, 101]) {
      expect(() => new MemoryStore({ maxSessions: 100, maxAnonymousSessions: bad })).toThrow(
        expect.objectContaining({
          code: ErrorCodes.BAD_OPTION,
          message: expect.stringContaining('maxAnonymousSessions'),
        }),
      );
    }
    const store = new MemoryStore({ maxSessions: 100 });
    expect(store.maxAnonymousSessions).toBe(100);
    store.close();
  });
});

const checkMorty: AuthValidator<UsernamePasswordCredentials> = ({ username, password }) =>
  username === 'morty' && password === 'pickle'
    ? { user: { id: 7, name: 'Morty' } }
    : { message: 'Invalid username or password' };

describe('a flood of failed logins', () => {
  it('20,000 cookie-less failed logins leave an idle logged-in user logged in, and the store at its cap', async () => {
    const store = new MemoryStore({ maxSessions: 500 });
    const server = await serve((s) => {
      s.enableSessionMiddleware({
        secret: 'eviction-test-secret-0123456789abcdef',
        storage: store,
        duration: 600,
      });
      s.addAuth('Login', form(), checkMorty, { failureUrl: '/login', successUrl: '/' });
      s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, (e) =>
        e.writeJson({ user: e.auth.user }),
      );
      s.addRoute({ method: 'POST', path: '/login', authentication: 'Login', login: true });
    });
    const morty = new Client(server.url);
    const loggedIn = await morty.fetch('/login', {
      method: 'POST',
      body: new URLSearchParams({ username: 'morty', password: 'pickle' }),
    });
    expect(loggedIn.status).toBe(302);
    expect(await morty.json('/')).toEqual({ user: { id: 7, name: 'Morty' } });

    const flood = await autocannon({
      url: `${server.url}/login`,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=morty&password=wrong',
      connections: 10,
      amount: 20_000,
      timeout: 10,
    });
    expect(flood.errors).toBe(0);
    expect(flood['3xx']).toBe(20_000); // every failed login redirected to the login page

    expect(store.size).toBeLessThanOrEqual(500);
    expect(store.anonymousSize).toBeGreaterThan(0);
    const after = await morty.fetch('/');
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ user: { id: 7, name: 'Morty' } });
  }, 120_000);
});
