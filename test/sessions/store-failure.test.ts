import { describe, expect, it } from 'vitest';
import { type ServerBuilder, type SessionOptions, signValue } from '../../src/index.js';
import { hashId } from '../../src/logging.js';
import { Client, serve } from '../helpers.js';
import {
  addSessionRoutes,
  captureLogger,
  type FailMode,
  sessionCookie,
  TestStore,
} from './fixtures.js';

const SECRET = 'a-very-secret-secret';

interface Answer {
  id: string;
  isNew: boolean;
  data: Record<string, unknown>;
}

function app(storage: TestStore, options: SessionOptions = {}) {
  return (s: ServerBuilder) => {
    s.enableSessionMiddleware({ secret: SECRET, storage, storeTimeoutMs: 150, ...options });
    const show = (e: Parameters<Parameters<ServerBuilder['addEndware']>[0]>[0]) =>
      e.writeJson({ id: e.session.id, isNew: e.session.isNew, data: e.session.data });
    s.addRoute('GET', '/', show);
    addSessionRoutes(s, show);
    s.addRoute('GET', '/save', async (e) => {
      e.session.data.saved = true;
      await e.session.save();
      show(e);
    });
    s.addRoute('GET', '/plain', (e) => e.writeText('no session touched'));
  };
}

interface LogLine {
  level: number;
  msg: string;
  sid?: string;
  err?: { message?: string };
}

const parse = (lines: string[]) => lines.map((line) => JSON.parse(line) as LogLine);

/** Starts the app over a TestStore with a captured logger and one stored session. */
async function setUp(options: SessionOptions = {}) {
  const storage = new TestStore();
  const { logger, lines } = captureLogger();
  const server = await serve(app(storage, options), { logger });
  const client = new Client(server.url);
  const { id } = await client.json<Answer>('/set?mark=kept');
  return { storage, lines, server, client, id };
}

/** Checks the log: a store error carrying the hashed id, and no raw id or secret anywhere. */
function expectSafeLog(lines: string[], id: string, operation: string) {
  const logged = parse(lines);
  const failure = logged.find((line) => line.msg === `The session store failed on ${operation}().`);
  expect(failure, lines.join('\n')).toBeDefined();
  expect(failure!.level).toBe(50);
  expect(failure!.sid).toBe(hashId(id));
  for (const line of lines) {
    expect(line).not.toContain(id);
    expect(line).not.toContain(SECRET);
    expect(line).not.toContain(signValue(id, SECRET).slice(-44));
  }
}

const MODES: FailMode[] = ['throw', 'reject', 'hang'];

describe('a failing store', () => {
  for (const mode of MODES) {
    it(`get ${mode === 'hang' ? 'hanging past storeTimeoutMs' : `${mode}ing`} → 503, hashed id logged, no cookie; recovers`, async () => {
      const { storage, lines, client, id } = await setUp(
        mode === 'hang' ? {} : { storeTimeoutMs: 5_000 },
      );
      storage.failing.get = mode;
      const started = Date.now();
      const response = await client.fetch('/');
      expect(response.status).toBe(503);
      expect(sessionCookie(response)).toBeUndefined();
      if (mode === 'hang') expect(Date.now() - started).toBeLessThan(2_000);
      expectSafeLog(lines, id, 'get');
      delete storage.failing.get;
      expect(await client.json<Answer>('/')).toEqual({
        id,
        isNew: false,
        data: { mark: 'kept' },
      });
    });
  }

  for (const mode of MODES) {
    it(`set ${mode} on a changed session → 503, no cookie, the stored data unchanged`, async () => {
      const { storage, lines, client, id } = await setUp({ extend: true, duration: 60 });
      storage.failing.set = mode;
      const response = await client.fetch('/set?mark=lost');
      expect(response.status).toBe(503);
      expect(sessionCookie(response)).toBeUndefined();
      expectSafeLog(lines, id, 'set');
      expect(storage.record(id)?.data).toEqual({ mark: 'kept' });
      delete storage.failing.set;
      expect(await client.json<Answer>('/')).toMatchObject({ id, data: { mark: 'kept' } });
    });
  }

  it('set failing on a new session with data → 503 and no cookie for the unsaved session', async () => {
    const storage = new TestStore();
    const { logger, lines } = captureLogger();
    const server = await serve(app(storage), { logger });
    storage.failing.set = 'reject';
    const response = await fetch(`${server.url}/set?a=1`);
    expect(response.status).toBe(503);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(parse(lines).some((line) => line.msg === 'The session store failed on set().')).toBe(
      true,
    );
    expect(storage.records.size).toBe(0);
  });

  it('set failing in e.session.save() → 503 and no cookie', async () => {
    const { storage, lines, client, id } = await setUp();
    storage.failing.set = 'throw';
    const response = await client.fetch('/save');
    expect(response.status).toBe(503);
    expect(sessionCookie(response)).toBeUndefined();
    expectSafeLog(lines, id, 'set');
  });

  for (const mode of MODES) {
    it(`delete ${mode} on remove → 503, no cookie, the session is still there`, async () => {
      const { storage, lines, client, id } = await setUp();
      storage.failing.delete = mode;
      const response = await client.fetch('/remove');
      expect(response.status).toBe(503);
      expect(sessionCookie(response)).toBeUndefined();
      expectSafeLog(lines, id, 'delete');
      delete storage.failing.delete;
      expect(await client.json<Answer>('/')).toMatchObject({ id, isNew: false });
    });
  }

  it('set failing on regenerate → 503, no cookie, the old session still works', async () => {
    const { storage, client, id } = await setUp();
    storage.failing.set = 'reject';
    const response = await client.fetch('/regenerate');
    expect(response.status).toBe(503);
    expect(response.headers.getSetCookie()).toEqual([]);
    delete storage.failing.set;
    expect(await client.json<Answer>('/')).toMatchObject({ id, data: { mark: 'kept' } });
  });

  it('delete failing on regenerate → 503 and no cookie for the new id', async () => {
    const { storage, client } = await setUp();
    storage.failing.delete = 'throw';
    const response = await client.fetch('/regenerate');
    expect(response.status).toBe(503);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('serves a request without a cookie whose data stays empty while the store is down', async () => {
    const storage = new TestStore();
    const server = await serve(app(storage, { extend: true, duration: 60 }));
    Object.assign(storage.failing, { get: 'throw', set: 'throw', delete: 'throw' });
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as Answer).isNew).toBe(true);
    expect(sessionCookie(response)).toBeDefined();
    expect((await fetch(`${server.url}/plain`)).status).toBe(200);
    expect(storage.calls).toEqual({ get: 0, set: 0, delete: 0 });
  });

  it('keeps serving other requests while one hangs on the store', async () => {
    const { storage, server, client } = await setUp({ storeTimeoutMs: 1_500 });
    storage.failing.get = 'hang';
    let settled = false;
    const hanging = client.fetch('/').finally(() => {
      settled = true;
    });
    const other = await fetch(`${server.url}/plain`);
    expect(other.status).toBe(200);
    expect(settled).toBe(false);
    expect((await hanging).status).toBe(503);
  });

  it('logs the request line with the hashed id only', async () => {
    const { lines, client, id } = await setUp();
    await client.fetch('/');
    const requestLines = parse(lines).filter((line) => line.msg === 'request');
    expect(requestLines.length).toBeGreaterThanOrEqual(2);
    expect(requestLines.at(-1)!.sid).toBe(hashId(id));
    for (const line of lines) {
      expect(line).not.toContain(id);
      expect(line).not.toContain(SECRET);
    }
  });
});
