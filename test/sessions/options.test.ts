import { describe, expect, it } from 'vitest';
import {
  ErrorCodes,
  MemoryStore,
  type ServerBuilder,
  type SessionOptions,
  type SessionStore,
  SetupError,
} from '../../src/index.js';
import { Client, parseSetCookie, serve, setupFailure } from '../helpers.js';
import { sessionCookie, TestStore } from './fixtures.js';

/** Starts a server whose set-up must fail; resolves to the SetupError it rejected with. */
async function setupError(
  setup: (s: ServerBuilder) => void,
  threads?: number,
): Promise<SetupError> {
  const error = await setupFailure(setup, { threads });
  expect(error).toBeInstanceOf(SetupError);
  return error as SetupError;
}

const failWith = (options: SessionOptions) =>
  setupError((s) => void s.enableSessionMiddleware(options));

describe('enableSessionMiddleware set-up errors (thrown by startServer)', () => {
  it('refuses to be enabled twice', async () => {
    const error = await setupError((s) => {
      s.enableSessionMiddleware();
      s.enableSessionMiddleware();
    });
    expect(error.message).toBe('Session Middleware has already been initialised.');
    expect(error.code).toBe(ErrorCodes.SESSION_ALREADY_ENABLED);
  });

  for (const method of ['get', 'set', 'delete'] as const) {
    it(`names the missing '${method}()' of a custom storage`, async () => {
      const storage: Record<string, unknown> = {
        get: () => null,
        set: () => {},
        delete: () => {},
      };
      delete storage[method];
      const error = await failWith({ storage: storage as unknown as SessionStore, secret: 'k' });
      expect(error.message).toBe(
        `The custom session storage does not implement the required '${method}()' method.`,
      );
      expect(error.code).toBe(ErrorCodes.SESSION_STORE_METHOD);
    });
  }

  it('refuses a storage that is not an object', async () => {
    const error = await failWith({ storage: 'redis' as unknown as SessionStore, secret: 'k' });
    expect(error.code).toBe(ErrorCodes.SESSION_STORE_METHOD);
  });

  it('requires a secret with a custom storage', async () => {
    const error = await failWith({ storage: new TestStore() });
    expect(error.message).toBe('A Secret is required when using custom session storage.');
    expect(error.code).toBe(ErrorCodes.SESSION_SECRET_REQUIRED);
  });

  it('refuses a negative duration, saying what it got', async () => {
    const error = await failWith({ duration: -1 });
    expect(error.message).toBe('Duration must be 0 or greater, but got: -1s');
    expect(error.code).toBe(ErrorCodes.SESSION_DURATION);
    expect((await failWith({ duration: Number.NaN })).code).toBe(ErrorCodes.SESSION_DURATION);
  });

  it('refuses an absoluteDuration that is not above 0', async () => {
    expect((await failWith({ absoluteDuration: 0 })).code).toBe(ErrorCodes.SESSION_DURATION);
    expect((await failWith({ absoluteDuration: -5 })).message).toContain('-5s');
  });

  it('refuses the memory store with threads > 1 and says to use a shared store', async () => {
    const error = await setupError((s) => void s.enableSessionMiddleware(), 2);
    expect(error.code).toBe(ErrorCodes.SESSION_SHARED_STORE);
    expect(error.message).toContain('memory session store');
    expect(error.hint).toMatch(/shared store/);
    const explicit = await setupError(
      (s) => void s.enableSessionMiddleware({ storage: new MemoryStore(), secret: 'k' }),
      2,
    );
    expect(explicit.code).toBe(ErrorCodes.SESSION_SHARED_STORE);
  });

  it('refuses bad values of the other options with a message naming the option', async () => {
    const cases: [SessionOptions, RegExp][] = [
      [{ secret: '' }, /secret/],
      [{ secret: [] }, /secret/],
      [{ name: 'bad name' }, /name/],
      [{ name: '' }, /name/],
      [{ scope: 'window' as 'tab' }, /scope/],
      [{ sameSite: 'loose' as 'lax' }, /sameSite/],
      [{ secure: 'yes' as 'auto' }, /secure/],
      [{ generator: 'nanoid' as unknown as () => string }, /generator/],
      [{ storeTimeoutMs: 0 }, /storeTimeoutMs/],
      [{ maxSessions: 0 }, /maxSessions/],
      [{ maxSessions: 10, storage: new TestStore(), secret: 'k' }, /maxSessions/],
    ];
    for (const [options, message] of cases) {
      const error = await failWith(options);
      expect(error.message, JSON.stringify(options)).toMatch(message);
    }
  });
});

describe('enableSessionMiddleware defaults', () => {
  it('uses a pode.sid browser-session cookie: Path=/, HttpOnly, SameSite=Lax, no Max-Age, no Secure', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware();
      s.addRoute('GET', '/', (e) => e.writeJson({ duration: e.session.duration }));
    });
    const response = await fetch(server.url);
    expect(await response.json()).toEqual({ duration: 0 });
    const line = sessionCookie(response);
    expect(line).toBeDefined();
    const cookie = parseSetCookie(line!);
    expect(cookie.attributes).toMatchObject({ path: '/', httponly: '', samesite: 'Lax' });
    expect(cookie.attributes).not.toHaveProperty('max-age');
    expect(cookie.attributes).not.toHaveProperty('expires');
    expect(cookie.attributes).not.toHaveProperty('secure');
    expect(cookie.attributes).not.toHaveProperty('domain');
  });

  it('makes 21-character nanoid ids, different for every new session', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware();
      s.addRoute('GET', '/', (e) => e.writeJson({ id: e.session.id }));
    });
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const { id } = (await (await fetch(server.url)).json()) as { id: string };
      expect(id).toMatch(/^[A-Za-z0-9_-]{21}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(5);
  });

  it('signs with a random secret per server start: a cookie from one server is new to the next', async () => {
    const setup = (s: ServerBuilder) => {
      s.enableSessionMiddleware();
      s.addRoute('GET', '/', (e) => {
        e.session.data.seen = true;
        e.writeJson({ id: e.session.id, isNew: e.session.isNew });
      });
    };
    const first = await serve(setup);
    const client = new Client(first.url);
    const { id } = await client.json<{ id: string }>('/');
    const second = await serve(setup);
    const other = new Client(second.url);
    for (const [name, value] of client.jar) other.jar.set(name, value);
    const answer = await other.json<{ id: string; isNew: boolean }>('/');
    expect(answer.isNew).toBe(true);
    expect(answer.id).not.toBe(id);
  });

  it('honours every cookie option: name, httpOnly, secure, sameSite, path, domain', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({
        name: 'my.session',
        httpOnly: false,
        secure: true,
        sameSite: 'strict',
        path: '/app',
        domain: 'example.test',
        duration: 60,
      });
      s.addRoute('GET', '/app', (e) => e.writeText(e.session.name));
    });
    const response = await fetch(`${server.url}/app`);
    expect(await response.text()).toBe('my.session');
    const line = sessionCookie(response, 'my.session');
    expect(line).toBeDefined();
    const cookie = parseSetCookie(line!);
    expect(cookie.value).toMatch(/^s:[A-Za-z0-9_-]{21}\.[A-Za-z0-9+/]{43}=$/);
    expect(cookie.attributes).toMatchObject({
      path: '/app',
      domain: 'example.test',
      samesite: 'Strict',
      secure: '',
      'max-age': '60',
    });
    expect(cookie.attributes).not.toHaveProperty('httponly');
    expect(sessionCookie(response)).toBeUndefined();
  });

  it("writes SameSite=None for sameSite: 'none'", async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({ sameSite: 'none', secure: true });
      s.addRoute('GET', '/', (e) => e.writeText('ok'));
    });
    const cookie = parseSetCookie(sessionCookie(await fetch(server.url))!);
    expect(cookie.attributes.samesite).toBe('None');
  });

  it('uses a custom generator for every new id, sync or async', async () => {
    let count = 0;
    const server = await serve((s) => {
      s.enableSessionMiddleware({
        generator: async () => {
          await Promise.resolve();
          count++;
          return `custom-${count}`;
        },
      });
      s.addRoute('GET', '/', (e) => e.writeText(e.session.id));
    });
    expect(await (await fetch(server.url)).text()).toBe('custom-1');
    expect(await (await fetch(server.url)).text()).toBe('custom-2');
  });

  it('answers 500 without a cookie when the generator returns an invalid id', async () => {
    for (const bad of ['', 'has space', 'x'.repeat(257), 'semi;colon', 42]) {
      const server = await serve((s) => {
        s.enableSessionMiddleware({ generator: () => bad as string });
        s.addRoute('GET', '/', (e) => e.writeText('never'));
      });
      const response = await fetch(server.url);
      expect(response.status, String(bad)).toBe(500);
      expect(sessionCookie(response)).toBeUndefined();
      expect(await response.text()).not.toContain('never');
    }
  });

  it('accepts generator ids of 256 characters of [A-Za-z0-9_.~-]', async () => {
    const id = `a.b~c_d-${'z'.repeat(248)}`;
    const server = await serve((s) => {
      s.enableSessionMiddleware({ generator: () => id });
      s.addRoute('GET', '/', (e) => {
        e.session.data.n = ((e.session.data.n as number | undefined) ?? 0) + 1;
        e.writeJson({ id: e.session.id, n: e.session.data.n });
      });
    });
    const client = new Client(server.url);
    expect(await client.json('/')).toEqual({ id, n: 1 });
    expect(await client.json('/')).toEqual({ id, n: 2 });
  });

  it('caps the memory store with the maxSessions shorthand', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({ maxSessions: 2, duration: 60 });
      s.addRoute('GET', '/', (e) => {
        e.session.data.n = ((e.session.data.n as number | undefined) ?? 0) + 1;
        e.writeJson(e.session.data.n);
      });
    });
    const clients = [new Client(server.url), new Client(server.url), new Client(server.url)];
    for (const client of clients) expect(await client.json('/')).toBe(1);
    // the first session expires soonest: it was evicted to make room for the third
    expect(await clients[0].json('/')).toBe(1);
    expect(await clients[2].json('/')).toBe(2);
  });
});
