import { describe, expect, it } from 'vitest';
import { type ServerBuilder, type SessionOptions, signValue } from '../../src/index.js';
import { serve } from '../helpers.js';
import { idOf } from './fixtures.js';

function counter(options: SessionOptions) {
  return (s: ServerBuilder) => {
    s.enableSessionMiddleware({ useHeaders: true, ...options });
    s.addRoute('GET', '/', (e) => {
      const views = ((e.session.data.views as number | undefined) ?? 0) + 1;
      e.session.data.views = views;
      e.writeJson({ id: e.session.id, views, isNew: e.session.isNew });
    });
    s.addRoute('POST', '/logout', async (e) => {
      await e.session.remove();
      e.setStatus(204);
    });
  };
}

interface Answer {
  id: string;
  views: number;
  isNew: boolean;
}

describe('sessions over headers (useHeaders)', () => {
  it('sends the signed id in a pode.sid response header named in Access-Control-Expose-Headers', async () => {
    const server = await serve(counter({ secret: 'key' }));
    const response = await fetch(server.url);
    const answer = (await response.json()) as Answer;
    expect(response.headers.get('pode.sid')).toBe(signValue(answer.id, 'key'));
    expect(response.headers.get('access-control-expose-headers')).toBe('pode.sid');
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('reads the id from the pode.sid request header', async () => {
    const server = await serve(counter({ duration: 60 }));
    const first = await fetch(server.url);
    const token = first.headers.get('pode.sid')!;
    const firstAnswer = (await first.json()) as Answer;
    const second = await fetch(server.url, { headers: { 'pode.sid': token } });
    expect(await second.json()).toEqual({ id: firstAnswer.id, views: 2, isNew: false });
    // no extend: an existing session is not re-sent
    expect(second.headers.get('pode.sid')).toBeNull();
  });

  it('re-sends the header on every response with extend', async () => {
    const server = await serve(counter({ duration: 60, extend: true }));
    const first = await fetch(server.url);
    const token = first.headers.get('pode.sid')!;
    const second = await fetch(server.url, { headers: { 'pode.sid': token } });
    expect(second.headers.get('pode.sid')).toBe(token);
    expect(second.headers.get('access-control-expose-headers')).toBe('pode.sid');
  });

  it('adds its name to an Access-Control-Expose-Headers the route set, keeping the route names', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({ useHeaders: true });
      s.addRoute('GET', '/', (e) => {
        e.setHeader('Access-Control-Expose-Headers', 'X-Total');
        e.writeText('ok');
      });
    });
    const response = await fetch(server.url);
    expect(response.headers.get('pode.sid')).toMatch(/^s:/);
    const exposed = response.headers.get('access-control-expose-headers')!.split(/,\s*/);
    expect(exposed.sort()).toEqual(['X-Total', 'pode.sid']);
  });

  it('uses the configured name for the header, matched case-insensitively', async () => {
    const server = await serve(counter({ name: 'X-Session' }));
    const first = await fetch(server.url);
    const token = first.headers.get('x-session')!;
    expect(token).toMatch(/^s:/);
    expect(first.headers.get('access-control-expose-headers')).toBe('X-Session');
    const second = await fetch(server.url, { headers: { 'x-SESSION': token } });
    expect(((await second.json()) as Answer).views).toBe(2);
  });

  it('ignores a pode.sid cookie in header mode', async () => {
    const server = await serve(counter({ secret: 'key' }));
    const first = await fetch(server.url);
    const token = first.headers.get('pode.sid')!;
    const viaCookie = await fetch(server.url, { headers: { cookie: `pode.sid=${token}` } });
    const answer = (await viaCookie.json()) as Answer;
    expect(answer.isNew).toBe(true);
    expect(answer.id).not.toBe(idOf(token));
  });

  it('gives a new session for a bad header value, without an error status', async () => {
    const server = await serve(counter({ secret: 'key' }));
    for (const bad of ['garbage', 's:abc.xyz', signValue('abc', 'other'), 's:', '']) {
      const response = await fetch(server.url, { headers: { 'pode.sid': bad } });
      expect(response.status).toBe(200);
      const answer = (await response.json()) as Answer;
      expect(answer).toMatchObject({ views: 1, isNew: true });
      expect(response.headers.get('pode.sid')).toBe(signValue(answer.id, 'key'));
    }
  });

  it('forgets the session on remove: the old header value then gets a new session', async () => {
    const server = await serve(counter({}));
    const first = await fetch(server.url);
    const token = first.headers.get('pode.sid')!;
    const logout = await fetch(`${server.url}/logout`, {
      method: 'POST',
      headers: { 'pode.sid': token },
    });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('pode.sid')).toBeNull();
    const after = await fetch(server.url, { headers: { 'pode.sid': token } });
    expect(((await after.json()) as Answer).isNew).toBe(true);
  });
});
