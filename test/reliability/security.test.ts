/**
 * The session guarantees docs/security.md lists, each proved by a test that could fail:
 * a forged or stale cookie never yields someone's session, and removal really ends it.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { type SessionOptions, signValue } from '../../src/index.js';
import { Client, serve, sleep } from '../helpers.js';

const SECRET = 'security-tests-secret-0123456789abcdef';

async function counterServer(options: SessionOptions = {}) {
  return serve(
    (s) => {
      s.enableSessionMiddleware({ secret: SECRET, duration: 120, ...options });
      s.addRoute('GET', '/', (e) => {
        e.session.data.views = (Number(e.session.data.views) || 0) + 1;
        e.writeJson({ views: e.session.data.views, id: e.session.id });
      });
      s.addRoute('POST', '/regenerate', async (e) => {
        await e.session.regenerate();
        e.writeJson({ id: e.session.id });
      });
      s.addRoute('POST', '/remove', async (e) => {
        await e.session.remove();
        e.setStatus(204);
      });
    },
    { trustProxy: true },
  );
}

describe('session security guarantees', () => {
  it('a cookie signed with another secret never loads the session it names', async () => {
    const server = await counterServer();
    const owner = new Client(server.url);
    const first = await owner.json<{ id: string }>('/');
    await owner.json('/');
    const forged = signValue(first.id, 'some-other-secret-of-the-attacker-0000');
    const attacker = await fetch(`${server.url}/`, { headers: { cookie: `pode.sid=${forged}` } });
    const body = (await attacker.json()) as { views: number; id: string };
    expect(body.views).toBe(1);
    expect(body.id).not.toBe(first.id);
  });

  it('a strict-mode cookie replayed from another User-Agent or IP gets a new session', async () => {
    const server = await counterServer({ strict: true });
    const owner = new Client(server.url, {
      'user-agent': 'Owner/1.0',
      'x-forwarded-for': '10.0.0.1',
    });
    const { id } = await owner.json<{ id: string }>('/');
    expect((await owner.json<{ id: string; views: number }>('/')).views).toBe(2);
    for (const headers of [
      { 'user-agent': 'Thief/1.0', 'x-forwarded-for': '10.0.0.1' },
      { 'user-agent': 'Owner/1.0', 'x-forwarded-for': '10.6.6.6' },
    ]) {
      const response = await fetch(`${server.url}/`, {
        headers: { ...headers, cookie: owner.cookieHeader() },
      });
      const body = (await response.json()) as { id: string; views: number };
      expect(body.id).not.toBe(id);
      expect(body.views).toBe(1);
    }
    expect((await owner.json<{ views: number }>('/')).views).toBe(3);
  });

  it('an expired session is never loaded again', async () => {
    const server = await counterServer({ duration: 1 });
    const client = new Client(server.url);
    const { id } = await client.json<{ id: string }>('/');
    const stale = client.cookieHeader();
    await sleep(1_300);
    const response = await fetch(`${server.url}/`, { headers: { cookie: stale } });
    const body = (await response.json()) as { id: string; views: number };
    expect(body.id).not.toBe(id);
    expect(body.views).toBe(1);
  });

  it('the cookie from before a regenerate no longer works after it', async () => {
    const server = await counterServer();
    const client = new Client(server.url);
    await client.json('/');
    const before = client.cookieHeader();
    const { id: newId } = await client.json<{ id: string }>('/regenerate', { method: 'POST' });
    expect(client.cookieHeader()).not.toBe(before);
    const replay = (await (
      await fetch(`${server.url}/`, { headers: { cookie: before } })
    ).json()) as {
      id: string;
      views: number;
    };
    expect(replay.views).toBe(1);
    expect(replay.id).not.toBe(newId);
    expect((await client.json<{ views: number; id: string }>('/')).views).toBe(2);
  });

  it('a removed session cannot be replayed', async () => {
    const server = await counterServer();
    const client = new Client(server.url);
    const { id } = await client.json<{ id: string }>('/');
    const old = client.cookieHeader();
    const removed = await client.fetch('/remove', { method: 'POST' });
    expect(removed.status).toBe(204);
    expect(removed.headers.getSetCookie().join()).toMatch(/pode\.sid=;.*Max-Age=0/);
    const replay = (await (await fetch(`${server.url}/`, { headers: { cookie: old } })).json()) as {
      id: string;
      views: number;
    };
    expect(replay.id).not.toBe(id);
    expect(replay.views).toBe(1);
  });

  it('session ids carry at least 126 bits: 21 characters of a 64-symbol alphabet, all distinct', async () => {
    const server = await counterServer();
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++)
      ids.add((await new Client(server.url).json<{ id: string }>('/')).id);
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{21}$/);
  });

  it('marks responses that set the session cookie as not for shared caches, unless the route chose', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({ secret: SECRET, duration: 60 });
      s.addRoute('GET', '/', (e) => {
        e.session.data.x = 1;
        e.writeText('ok');
      });
      s.addRoute('GET', '/cached', (e) => {
        e.session.data.x = 1;
        e.setHeader('Cache-Control', 'private, max-age=10');
        e.writeText('ok');
      });
    });
    const client = new Client(server.url);
    const first = await client.fetch('/');
    expect(first.headers.getSetCookie()).toHaveLength(1);
    expect(first.headers.get('cache-control')).toBe('no-cache="Set-Cookie"');
    const again = await client.fetch('/');
    expect(again.headers.getSetCookie()).toHaveLength(0);
    expect(again.headers.get('cache-control')).toBeNull();
    const own = await new Client(server.url).fetch('/cached');
    expect(own.headers.get('cache-control')).toBe('private, max-age=10');
  });

  it('warns at start-up about a secret shorter than 32 characters, and still works', async () => {
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
    const server = await serve(
      (s) => {
        s.enableSessionMiddleware({ secret: 'short' });
        s.addRoute('GET', '/', (e) => {
          e.session.data.x = 1;
          e.writeText('ok');
        });
      },
      { logger },
    );
    expect(lines.join('\n')).toMatch(/shorter than 32 characters/);
    expect(lines.join('\n')).not.toContain('"short"');
    expect((await fetch(`${server.url}/`)).status).toBe(200);
  });
});
