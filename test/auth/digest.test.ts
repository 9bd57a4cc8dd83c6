import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { digest } from '../../src/index.js';
import { serve, setupFailure } from '../helpers.js';

const run = promisify(execFile);
const md5 = (value: string) => createHash('md5').update(value).digest('hex');

const start = (options: Parameters<typeof digest>[0] = {}) =>
  serve((s) => {
    s.addAuth(
      'Validate',
      digest(options),
      ({ username }) => {
        if (username === 'boom') throw new Error('store down');
        return username.toLowerCase() === 'morty'
          ? { user: { name: 'Morty' }, password: 'pickle' }
          : null;
      },
      { sessionless: true },
    );
    s.addRoute({ method: 'GET', path: '/users', authentication: 'Validate' }, (e) =>
      e.writeJson({ user: e.auth.user }),
    );
  });

/** The fields of a challenge. */
function challengeOf(response: Response): Record<string, string> {
  const header = response.headers.get('www-authenticate') ?? '';
  expect(header.startsWith('Digest ')).toBe(true);
  return Object.fromEntries(
    [...header.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)].map((m) => [m[1], m[2] ?? m[3]]),
  );
}

/** A client's Authorization header for `uri`, per RFC 7616 with qop=auth. */
function answer(
  challenge: Record<string, string>,
  { username = 'morty', password = 'pickle', uri = '/users', method = 'GET', nc = '00000001' } = {},
): string {
  const cnonce = 'c0ffee';
  const ha1 = md5(`${username}:${challenge.realm}:${password}`);
  const ha2 = md5(`${method}:${uri}`);
  const response = md5(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return `Digest username="${username}", realm="${challenge.realm}", nonce="${challenge.nonce}", uri="${uri}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`;
}

describe('digest() (New-PodeAuthScheme -Digest)', () => {
  it('challenges with a realm, qop="auth", MD5 and a nonce; a correct answer gets in', async () => {
    const server = await start();
    const first = await fetch(`${server.url}/users`);
    expect(first.status).toBe(401);
    const challenge = challengeOf(first);
    expect(challenge).toMatchObject({ realm: 'User', qop: 'auth', algorithm: 'MD5' });
    const second = await fetch(`${server.url}/users`, {
      headers: { authorization: answer(challenge) },
    });
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ user: { name: 'Morty' } });
  });

  it('works with curl --digest (an independent client), query string included', async () => {
    const server = await start({ realm: 'Pode Example' });
    const { stdout } = await run('curl', [
      '-s',
      '--digest',
      '-u',
      'morty:pickle',
      '-w',
      '\n%{http_code}',
      `${server.url}/users?page=2`,
    ]);
    expect(stdout.trim().split('\n').pop()).toBe('200');
    const wrong = await run('curl', [
      '-s',
      '--digest',
      '-u',
      'morty:nope',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      `${server.url}/users`,
    ]);
    expect(wrong.stdout).toBe('401');
  });

  it('refuses a wrong password, an unknown user and a nonce it did not issue with 401 and a new challenge', async () => {
    const server = await start();
    const challenge = challengeOf(await fetch(`${server.url}/users`));
    const cases = [
      answer(challenge, { password: 'wrong' }),
      answer(challenge, { username: 'rick' }),
      answer({ ...challenge, nonce: 'made-up' }),
      answer({ ...challenge, realm: 'Other' }),
      answer(challenge, { method: 'POST' }),
    ];
    for (const authorization of cases) {
      const response = await fetch(`${server.url}/users`, { headers: { authorization } });
      expect(response.status).toBe(401);
      expect(challengeOf(response).nonce).not.toBe(challenge.nonce);
    }
  });

  it('marks an expired nonce stale', async () => {
    const server = await start({ nonceLifetime: 0.05 });
    const challenge = challengeOf(await fetch(`${server.url}/users`));
    await new Promise((resolve) => setTimeout(resolve, 120));
    const response = await fetch(`${server.url}/users`, {
      headers: { authorization: answer(challenge) },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('stale=true');
  });

  it('answers a header that cannot be read, or for another uri, with 400; a throwing validator with 500', async () => {
    const server = await start();
    const challenge = challengeOf(await fetch(`${server.url}/users`));
    for (const authorization of [
      'Digest',
      'Digest ,,,',
      'Digest username="morty',
      answer(challenge, { uri: '/admin' }),
    ]) {
      const response = await fetch(`${server.url}/users`, { headers: { authorization } });
      expect(response.status).toBe(400);
    }
    const other = await fetch(`${server.url}/users`, { headers: { authorization: 'Basic abc=' } });
    expect(other.status).toBe(401);
    const boom = await fetch(`${server.url}/users`, {
      headers: { authorization: answer(challenge, { username: 'boom' }) },
    });
    expect(boom.status).toBe(500);
    const after = await fetch(`${server.url}/users`, {
      headers: { authorization: answer(challenge) },
    });
    expect(after.status).toBe(200);
  });

  it('refuses bad options at set-up', async () => {
    for (const [options, message] of [
      [{ realm: 'a"b' }, /realm/],
      [{ nonceLifetime: 0 }, /nonceLifetime/],
      [{ headerTag: 'two words' }, /headerTag/],
      [{ algorithm: 'SHA-256' }, /algorithm/],
    ] as const) {
      const error = await setupFailure((s) => {
        s.addAuth('V', digest(options as Parameters<typeof digest>[0]), () => null, {
          sessionless: true,
        });
      });
      expect(String(error)).toMatch(message);
    }
  });
});
