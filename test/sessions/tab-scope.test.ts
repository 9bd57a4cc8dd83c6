import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import {
  form,
  getSessionId,
  MemoryStore,
  type ServerBuilder,
  type SessionOptions,
  type SessionStore,
} from '../../src/index.js';
import { Client, serve, setupFailure } from '../helpers.js';
import { addSessionRoutes, TestStore } from './fixtures.js';

const TAB = 'x-pode-session-tab-id';
const LOGIN = { user: { name: 'Summer' }, isAuthenticated: true, name: 'login' };

interface Answer {
  id: string;
  tabId: string | null;
  data: Record<string, unknown>;
  user: string | null;
}

function app(storage: SessionStore, options: SessionOptions = {}) {
  return (s: ServerBuilder) => {
    s.enableSessionMiddleware({ secret: 'key', storage, scope: 'tab', ...options });
    const show = (e: Parameters<Parameters<ServerBuilder['addEndware']>[0]>[0]) =>
      e.writeJson({
        id: e.session.id,
        tabId: e.session.tabId ?? null,
        data: e.session.data,
        user: getSessionId(),
      });
    s.addRoute('GET', '/', show);
    addSessionRoutes(s, show);
    s.addRoute('GET', '/login', (e) => {
      e.session.data.auth = LOGIN;
      show(e);
    });
    s.addRoute('GET', '/rename', (e) => {
      (e.session.data.auth as typeof LOGIN).user.name = 'Renamed';
      show(e);
    });
    s.addRoute('GET', '/logout', (e) => {
      delete e.session.data.auth;
      show(e);
    });
  };
}

const tab = (id: string) => ({ headers: { [TAB]: id } });

describe("scope: 'tab'", () => {
  it('keeps data per X-PODE-SESSION-TAB-ID within one browser session', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const client = new Client(server.url);
    const a = await client.json<Answer>('/set?page=inbox', tab('tab-a'));
    expect(a.tabId).toBe('tab-a');
    const b = await client.json<Answer>('/set?page=settings', tab('tab-b'));
    expect(b.id).toBe(a.id);
    expect(b.tabId).toBe('tab-b');
    expect((await client.json<Answer>('/', tab('tab-a'))).data).toEqual({ page: 'inbox' });
    expect((await client.json<Answer>('/', tab('tab-b'))).data).toEqual({ page: 'settings' });
    // without the header: the browser-wide data
    expect(await client.json<Answer>('/')).toMatchObject({ tabId: null, data: {} });
    // a new tab starts empty
    expect((await client.json<Answer>('/', tab('tab-c'))).data).toEqual({});
  });

  it('shares the login (data.auth) across every tab, and the logout too', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const client = new Client(server.url);
    await client.fetch('/set?page=inbox', tab('tab-a'));
    const login = await client.json<Answer>('/login', tab('tab-a'));
    expect(login.user).toBe(login.id);
    const other = await client.json<Answer>('/', tab('tab-b'));
    expect(other.user).toBe(login.id);
    expect(other.data).toEqual({ auth: LOGIN });
    expect(await client.json<Answer>('/')).toMatchObject({ user: login.id, data: { auth: LOGIN } });
    // the login lives in the browser record, the tab record keeps only its own data
    expect(storage.record(login.id)?.data).toEqual({ auth: LOGIN });
    const tabRecords = [...storage.records.keys()].filter((key) => key !== login.id);
    expect(tabRecords).toHaveLength(1);
    expect(storage.record(tabRecords[0])?.data).toEqual({ page: 'inbox' });
    expect(storage.record(tabRecords[0])?.metadata.parent).toBe(login.id);

    const renamed = await client.json<Answer>('/rename', tab('tab-b'));
    expect(renamed.data.auth).toMatchObject({ user: { name: 'Renamed' } });
    expect((await client.json<Answer>('/', tab('tab-a'))).data.auth).toMatchObject({
      user: { name: 'Renamed' },
    });

    const logout = await client.json<Answer>('/logout', tab('tab-b'));
    expect(logout.user).toBeNull();
    const after = await client.json<Answer>('/', tab('tab-a'));
    expect(after.user).toBeNull();
    expect(after.data).toEqual({ page: 'inbox' });
  });

  it('stores the login of a brand-new session made in a tab', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const client = new Client(server.url);
    const login = await client.json<Answer>('/login', tab('first'));
    expect(storage.record(login.id)?.data).toEqual({ auth: LOGIN });
    expect((await client.json<Answer>('/', tab('second'))).user).toBe(login.id);
  });

  it('treats an invalid tab id as no tab', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const client = new Client(server.url);
    await client.fetch('/set?page=home');
    for (const bad of ['has space', 'a:b', 'x'.repeat(257)]) {
      expect(await client.json<Answer>('/', tab(bad))).toMatchObject({
        tabId: null,
        data: { page: 'home' },
      });
    }
  });

  it('ignores the tab header with the default browser scope', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage, { scope: 'browser' }));
    const client = new Client(server.url);
    await client.fetch('/set?page=one', tab('tab-a'));
    expect(await client.json<Answer>('/', tab('tab-b'))).toMatchObject({
      tabId: null,
      data: { page: 'one' },
    });
  });

  it('ends every tab when the session is removed from one', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const client = new Client(server.url);
    const a = await client.json<Answer>('/set?page=a', tab('tab-a'));
    await client.fetch('/set?page=b', tab('tab-b'));
    const old = client.jar.get('pode.sid')!;
    await client.fetch('/remove', tab('tab-a'));
    const replay = await fetch(server.url, {
      headers: { cookie: `pode.sid=${old}`, [TAB]: 'tab-b' },
    });
    const answer = (await replay.json()) as Answer;
    expect(answer.id).not.toBe(a.id);
    expect(answer.data).toEqual({});
  });

  it('moves the tab data and the login on regenerate', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage));
    const client = new Client(server.url);
    await client.fetch('/set?page=a', tab('tab-a'));
    const login = await client.json<Answer>('/login', tab('tab-a'));
    const regenerated = await client.json<Answer>('/regenerate', tab('tab-a'));
    expect(regenerated.id).not.toBe(login.id);
    expect(regenerated.user).toBe(regenerated.id);
    const again = await client.json<Answer>('/', tab('tab-a'));
    expect(again).toMatchObject({ id: regenerated.id, data: { page: 'a', auth: LOGIN } });
    expect(storage.records.has(login.id)).toBe(false);
  });
});

describe("scope: 'tab' records belong to their session (memory store)", () => {
  const tabKey = (id: string, tabId: string) => `${id}:tab:${tabId}`;

  function memoryApp(store: MemoryStore, options: SessionOptions = {}) {
    return (s: ServerBuilder) => {
      app(store, options)(s);
      s.addAuth('Login', form(), ({ username }) => ({ user: { name: username } }));
      s.addRoute({ method: 'POST', path: '/sign-in', authentication: 'Login' }, (e) =>
        e.writeJson({ id: e.session.id, data: e.session.data }),
      );
    };
  }

  async function openTabs(client: Client, tabs: string[]): Promise<string> {
    let id = '';
    for (const name of tabs) id = (await client.json<Answer>(`/set?page=${name}`, tab(name))).id;
    return id;
  }

  it('lists a session its tab records, the one saved longest ago first', async () => {
    const store = new MemoryStore();
    const server = await serve(memoryApp(store));
    const client = new Client(server.url);
    const id = await openTabs(client, ['a', 'b', 'c']);
    expect(store.children(id)).toEqual(['a', 'b', 'c'].map((t) => tabKey(id, t)));
    await client.fetch('/set?page=a2', tab('a'));
    expect(store.children(id)).toEqual(['b', 'c', 'a'].map((t) => tabKey(id, t)));
    expect(store.children('no-such-session')).toEqual([]);
  });

  it('deletes every tab record of a session removed from one tab', async () => {
    const store = new MemoryStore();
    const server = await serve(memoryApp(store));
    const client = new Client(server.url);
    const id = await openTabs(client, ['a', 'b', 'c']);
    expect(store.size).toBe(4);
    expect(await (await client.fetch('/remove', tab('a'))).text()).toBe('removed');
    expect(store.size).toBe(0);
    for (const t of ['a', 'b', 'c']) expect(store.get(tabKey(id, t))).toBeNull();
  });

  it('moves every tab record to the new id on regenerate', async () => {
    const store = new MemoryStore();
    const server = await serve(memoryApp(store));
    const client = new Client(server.url);
    const old = await openTabs(client, ['a', 'b', 'c']);
    const regenerated = await client.json<Answer>('/regenerate', tab('a'));
    expect(regenerated.id).not.toBe(old);
    for (const t of ['a', 'b', 'c']) {
      expect(await client.json<Answer>('/', tab(t))).toMatchObject({
        id: regenerated.id,
        data: { page: t },
      });
      expect(store.get(tabKey(old, t))).toBeNull();
      expect(store.get(tabKey(regenerated.id, t))?.metadata.parent).toBe(regenerated.id);
    }
    expect(store.size).toBe(4);
  });

  it('deletes every tab record of the old id at a login, whose session starts afresh in every tab', async () => {
    const store = new MemoryStore();
    const server = await serve(memoryApp(store));
    const client = new Client(server.url);
    const old = await openTabs(client, ['a', 'b', 'c']);
    const login = await client.fetch('/sign-in', {
      method: 'POST',
      body: new URLSearchParams({ username: 'summer', password: 'x' }),
      headers: { [TAB]: 'b' },
    });
    const { id } = (await login.json()) as { id: string };
    expect(id).not.toBe(old);
    expect(store.get(old)).toBeNull();
    for (const t of ['a', 'b', 'c']) {
      expect(store.get(tabKey(old, t))).toBeNull();
      expect((await client.json<Answer>('/', tab(t))).data).toEqual({
        auth: { user: { name: 'summer' }, isAuthenticated: true, name: 'Login' },
      });
    }
    expect(store.size).toBe(1);
  });

  it('keeps at most maxTabs tab records per session, dropping the one saved longest ago', async () => {
    const store = new MemoryStore();
    const server = await serve(memoryApp(store, { maxTabs: 3 }));
    const client = new Client(server.url);
    const id = await openTabs(client, ['t0', 't1', 't2']);
    await client.fetch('/set?page=again', tab('t0')); // t0 is now the latest save
    await openTabs(client, ['t3']);
    expect(store.children(id)).toEqual(['t2', 't0', 't3'].map((t) => tabKey(id, t)));
    expect((await client.json<Answer>('/', tab('t1'))).data).toEqual({});
    expect((await client.json<Answer>('/', tab('t0'))).data).toEqual({ page: 'again' });
    expect(store.size).toBe(4);
  });

  it('caps one cookie flooding new tab ids at 64 tab records by default', async () => {
    const store = new MemoryStore();
    const server = await serve(memoryApp(store));
    const client = new Client(server.url);
    const names = Array.from({ length: 100 }, (_, i) => `flood-${i}`);
    const id = await openTabs(client, names);
    const kept = store.children(id);
    expect(kept).toHaveLength(64);
    expect(kept[63]).toBe(tabKey(id, 'flood-99'));
    expect(store.size).toBe(65);
  });

  it('rejects a maxTabs that is not a whole number of 1 or more', async () => {
    for (const maxTabs of [0, 1.5, -1]) {
      const error = (await setupFailure((s) =>
        s.enableSessionMiddleware({ scope: 'tab', maxTabs }),
      )) as { code: string; message: string };
      expect(error.code).toBe('PODE_ERR_BAD_OPTION');
      expect(error.message).toContain('maxTabs must be a whole number of 1 or more');
    }
  });
});

describe("scope: 'tab' with a store that cannot list tab records", () => {
  it('warns at start-up, and removing from one tab still ends every tab', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'warn' },
      new Writable({
        write(chunk, _encoding, callback) {
          lines.push(String(chunk));
          callback();
        },
      }),
    );
    const storage = new TestStore();
    const server = await serve(app(storage), { logger });
    expect(lines.join('\n')).toMatch(/has no children\(\) method/);
    const client = new Client(server.url);
    await client.fetch('/set?page=a', tab('tab-a'));
    await client.fetch('/set?page=b', tab('tab-b'));
    const old = client.jar.get('pode.sid')!;
    const id = old.slice(2, old.lastIndexOf('.'));
    await client.fetch('/remove', tab('tab-a'));
    // the requesting tab's record and the browser record are gone; tab-b's waits for its expiry
    expect([...storage.records.keys()]).toEqual([`${id}:tab:tab-b`]);
    const replay = await fetch(server.url, {
      headers: { cookie: `pode.sid=${old}`, [TAB]: 'tab-b' },
    });
    expect(((await replay.json()) as Answer).data).toEqual({});
  });
});
