import autocannon from 'autocannon';
import { describe, expect, it } from 'vitest';
import {
  addFlashMessage,
  clearFlashMessages,
  form,
  getFlashMessage,
  getFlashMessageNames,
  MemoryStore,
  removeFlashMessage,
  type ServerBuilder,
} from '../src/index.js';
import { Client, serve } from './helpers.js';

function flashRoutes(s: ServerBuilder): void {
  s.addRoute('POST', '/add', async (e) => {
    const { name, message } = e.data as { name: string; message: string };
    await Promise.resolve(); // free functions find the request after an await too
    addFlashMessage(name, message);
    e.writeJson(getFlashMessageNames());
  });
  s.addRoute('GET', '/get/:name', (e) => e.writeJson(getFlashMessage(e.parameters.name)));
  s.addRoute('GET', '/names', (e) => e.writeJson(getFlashMessageNames()));
  s.addRoute('DELETE', '/one/:name', (e) => {
    removeFlashMessage(e.parameters.name);
    e.writeJson(getFlashMessageNames());
  });
  s.addRoute('DELETE', '/all', (e) => {
    clearFlashMessages();
    e.writeJson(getFlashMessageNames());
  });
  s.addRoute('GET', '/raw', (e) => e.writeJson(e.session.data.flash ?? null));
}

const start = () =>
  serve((s) => {
    s.enableSessionMiddleware();
    flashRoutes(s);
  });

function add(client: Client, name: string, message: string) {
  return client.json<string[]>('/add', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, message }),
  });
}

describe('flash messages', () => {
  it('keeps messages in the session across requests and reads them once, in order', async () => {
    const client = new Client((await start()).url);
    expect(await add(client, 'info', 'first')).toEqual(['info']);
    expect(await add(client, 'info', 'second')).toEqual(['info']);
    expect(await client.json('/get/info')).toEqual(['first', 'second']);
    expect(await client.json('/get/info')).toEqual([]);
  });

  it('gives [] for a name with no messages', async () => {
    const client = new Client((await start()).url);
    expect(await client.json('/get/nothing')).toEqual([]);
  });

  it('stores them under the session key flash as { name: string[] }, and drops the key when empty', async () => {
    const client = new Client((await start()).url);
    await add(client, 'error', 'boom');
    await add(client, 'info', 'hi');
    expect(await client.json('/raw')).toEqual({ error: ['boom'], info: ['hi'] });
    await client.json('/get/error');
    await client.json('/get/info');
    expect(await client.json('/raw')).toBeNull();
  });

  it('lists names, removes one name, and clears them all', async () => {
    const client = new Client((await start()).url);
    await add(client, 'a', '1');
    await add(client, 'b', '2');
    await add(client, 'c', '3');
    expect(await client.json('/names')).toEqual(['a', 'b', 'c']);
    expect(await client.json('/one/b', { method: 'DELETE' })).toEqual(['a', 'c']);
    expect(await client.json('/one/missing', { method: 'DELETE' })).toEqual(['a', 'c']);
    expect(await client.json('/get/b')).toEqual([]);
    expect(await client.json('/all', { method: 'DELETE' })).toEqual([]);
    expect(await client.json('/get/a')).toEqual([]);
  });

  it('keeps each browser session its own messages', async () => {
    const server = await start();
    const alice = new Client(server.url);
    const bob = new Client(server.url);
    await add(alice, 'info', 'for alice');
    expect(await bob.json('/get/info')).toEqual([]);
    expect(await alice.json('/get/info')).toEqual(['for alice']);
  });

  it('throws "Sessions are required to use Flash messages." without sessions', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/:fn', (e) => {
        const calls: Record<string, () => unknown> = {
          add: () => addFlashMessage('a', 'b'),
          get: () => getFlashMessage('a'),
          names: () => getFlashMessageNames(),
          remove: () => removeFlashMessage('a'),
          clear: () => clearFlashMessages(),
        };
        try {
          calls[e.parameters.fn]();
          e.writeText('no error');
        } catch (error) {
          const { code, message } = error as { code: string; message: string };
          e.writeJson({ code, message });
        }
      });
    });
    for (const fn of ['add', 'get', 'names', 'remove', 'clear']) {
      expect(await (await fetch(`${server.url}/${fn}`)).json()).toEqual({
        code: 'PODE_ERR_FLASH_NO_SESSION',
        message: 'Sessions are required to use Flash messages.',
      });
    }
  });

  it('throws PODE_ERR_NO_REQUEST outside a request', () => {
    expect(() => addFlashMessage('a', 'b')).toThrow(
      /addFlashMessage\(\) was called outside a request/,
    );
    expect(() => getFlashMessage('a')).toThrow(
      expect.objectContaining({ code: 'PODE_ERR_NO_REQUEST' }),
    );
  });

  it('rejects an empty name or a message that is not a string', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware();
      s.addRoute('GET', '/', (e) => {
        const errors: string[] = [];
        for (const call of [
          () => addFlashMessage('', 'x'),
          () => addFlashMessage('a', 42 as unknown as string),
          () => getFlashMessage(''),
        ]) {
          try {
            call();
          } catch (error) {
            errors.push((error as Error).message);
          }
        }
        e.writeJson(errors);
      });
    });
    expect(await (await fetch(server.url)).json()).toEqual([
      'addFlashMessage(): the name must be a non-empty string, but got: ""',
      'addFlashMessage(): the message must be a string, but got: number',
      'getFlashMessage(): the name must be a non-empty string, but got: ""',
    ]);
  });
});

describe('flash lists stay small (issue 14, item 6)', () => {
  it('keeps a message added twice or more in a row once', async () => {
    const client = new Client((await start()).url);
    for (const message of ['a', 'a', 'a', 'b', 'a']) await add(client, 'info', message);
    expect(await client.json('/get/info')).toEqual(['a', 'b', 'a']);
  });

  it('keeps the latest 10 messages of a name, across requests and within one', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware();
      flashRoutes(s);
      s.addRoute('POST', '/many', (e) => {
        for (let i = 1; i <= 25; i++) addFlashMessage('info', `message ${i}`);
        e.writeText('added');
      });
    });
    const client = new Client(server.url);
    for (let i = 1; i <= 12; i++) await add(client, 'info', `message ${i}`);
    await add(client, 'other', 'kept apart');
    expect(await client.json('/get/info')).toEqual(
      Array.from({ length: 10 }, (_, i) => `message ${i + 3}`),
    );
    await client.fetch('/many', { method: 'POST' });
    expect(await client.json('/get/info')).toEqual(
      Array.from({ length: 10 }, (_, i) => `message ${i + 16}`),
    );
    expect(await client.json('/get/other')).toEqual(['kept apart']);
  });

  it('5,000 failed logins on one cookie store the error message once', async () => {
    const store = new MemoryStore();
    const server = await serve((s) => {
      s.enableSessionMiddleware({ secret: 'flash-test-secret-0123456789abcdef', storage: store });
      s.addAuth('Login', form(), () => ({ message: 'Invalid username or password' }), {
        failureUrl: '/login',
      });
      s.addRoute({ method: 'GET', path: '/login', authentication: 'Login', login: true }, (e) =>
        e.writeJson(getFlashMessage('auth-error')),
      );
      s.addRoute({ method: 'POST', path: '/login', authentication: 'Login', login: true });
    });
    const client = new Client(server.url);
    const body = 'username=morty&password=wrong';
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await client.fetch('/login', { method: 'POST', headers, body })).status).toBe(302);
    const cookie = client.cookieHeader();
    const flood = await autocannon({
      url: `${server.url}/login`,
      method: 'POST',
      headers: { ...headers, cookie },
      body,
      connections: 10,
      amount: 5_000,
      timeout: 10,
    });
    expect(flood.errors).toBe(0);
    expect(flood['3xx']).toBe(5_000);
    expect(store.size).toBe(1);
    expect(await client.json('/login')).toEqual(['Invalid username or password']);
  }, 60_000);
});
