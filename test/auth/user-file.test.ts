import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { basic, bearer, form, hashUserFilePassword, type ServerBuilder } from '../../src/index.js';
import { Client, serve, setupFailure } from '../helpers.js';

const basicHeader = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`;

function usersRoot(secret?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'pode-ts-users-'));
  writeFileSync(
    join(root, 'users.json'),
    JSON.stringify([
      {
        Name: 'Ada Lovelace',
        Username: 'ada',
        Email: 'ada@example.test',
        Password: hashUserFilePassword('engine', secret),
        Groups: ['Admin', 'Dev'],
        Metadata: { Desk: 7 },
      },
      {
        Name: 'Bob',
        Username: 'bob',
        Password: hashUserFilePassword('builder', secret),
        Groups: ['Ops'],
      },
    ]),
  );
  return root;
}

describe('s.addAuthUserFile (Add-PodeAuthUserFile)', () => {
  it("hashes like Pode: Base64 SHA-256 of the UTF-8 password (the example file's 'pickle')", () => {
    expect(hashUserFilePassword('pickle')).toBe('bQik5jDkqg1c2HPmWuoKI99C3mEHPstJ7xcVj+ap3Oo=');
    expect(hashUserFilePassword('pickle', 'k')).not.toBe(hashUserFilePassword('pickle'));
  });

  const start = (root: string, options: Parameters<typeof serveFile>[1] = {}) =>
    serveFile(root, options);
  function serveFile(
    root: string,
    options: { users?: string[]; groups?: string[]; hmacSecret?: string } = {},
  ) {
    return serve(
      (s) => {
        s.addAuthUserFile('File', basic(), { sessionless: true, ...options });
        s.addRoute({ method: 'GET', path: '/me', authentication: 'File' }, (e) =>
          e.writeJson(e.auth.user),
        );
      },
      { root },
    );
  }

  it('logs a user in with the right password; the user is the file entry without its password', async () => {
    const server = await start(usersRoot());
    const response = await fetch(`${server.url}/me`, {
      headers: { authorization: basicHeader('ADA:engine') },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      Name: 'Ada Lovelace',
      Username: 'ada',
      Email: 'ada@example.test',
      Groups: ['Admin', 'Dev'],
      Metadata: { Desk: 7 },
    });
  });

  it('refuses a wrong password or an unknown user with 401', async () => {
    const server = await start(usersRoot());
    for (const pair of ['ada:wrong', 'nobody:engine', 'ada:']) {
      const response = await fetch(`${server.url}/me`, {
        headers: { authorization: basicHeader(pair) },
      });
      expect(response.status).toBe(401);
    }
  });

  it('checks HMAC passwords with hmacSecret', async () => {
    const server = await start(usersRoot('s3cret'), { hmacSecret: 's3cret' });
    const ok = await fetch(`${server.url}/me`, {
      headers: { authorization: basicHeader('bob:builder') },
    });
    expect(ok.status).toBe(200);
    const plain = await start(usersRoot('s3cret'));
    const refused = await fetch(`${plain.url}/me`, {
      headers: { authorization: basicHeader('bob:builder') },
    });
    expect(refused.status).toBe(401);
  });

  it('lets in only the listed users or members of the listed groups', async () => {
    const server = await start(usersRoot(), { groups: ['admin'] });
    const ada = await fetch(`${server.url}/me`, {
      headers: { authorization: basicHeader('ada:engine') },
    });
    expect(ada.status).toBe(200);
    const bob = await fetch(`${server.url}/me`, {
      headers: { authorization: basicHeader('bob:builder') },
    });
    expect(bob.status).toBe(401);
    const listed = await start(usersRoot(), { users: ['BOB'], groups: ['nobody'] });
    const bob2 = await fetch(`${listed.url}/me`, {
      headers: { authorization: basicHeader('bob:builder') },
    });
    expect(bob2.status).toBe(200);
  });

  it('runs scriptBlock with the user after the checks, with sessions and a login form', async () => {
    const root = usersRoot();
    const server = await serve(
      (s) => {
        s.enableSessionMiddleware({ duration: 120 });
        s.addAuthUserFile('Login', form(), {
          failureUrl: '/login',
          successUrl: '/',
          scriptBlock: (user) =>
            user.Username === 'bob' ? { message: 'Bob is away' } : { user: { Who: user.Name } },
        });
        s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, (e) =>
          e.writeJson(e.auth.user),
        );
        s.addRoute({ method: 'POST', path: '/login', authentication: 'Login', login: true });
      },
      { root },
    );
    const client = new Client(server.url);
    const post = (body: string) =>
      client.fetch('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    expect((await post('username=bob&password=builder')).headers.get('location')).toBe('/login');
    const login = await post('username=ada&password=engine');
    expect(login.headers.get('location')).toBe('/');
    expect(await client.json('/')).toEqual({ Who: 'Ada Lovelace' });
  });

  it('a users file that goes missing or breaks after start-up is a 500, and the server keeps going', async () => {
    const root = usersRoot();
    const server = await start(root);
    writeFileSync(join(root, 'users.json'), '{ not json');
    const broken = await fetch(`${server.url}/me`, {
      headers: { authorization: basicHeader('ada:engine') },
    });
    expect(broken.status).toBe(500);
    writeFileSync(
      join(root, 'users.json'),
      JSON.stringify([{ Username: 'ada', Password: hashUserFilePassword('x') }]),
    );
    const again = await fetch(`${server.url}/me`, {
      headers: { authorization: basicHeader('ada:x') },
    });
    expect(again.status).toBe(200);
  });

  it('refuses at set-up: a missing file, a scheme without passwords, bad lists or secret', async () => {
    const root = usersRoot();
    const cases: [(s: ServerBuilder) => void, RegExp][] = [
      [
        (s) => s.addAuthUserFile('A', basic(), { sessionless: true, filePath: 'nope.json' }),
        /does not exist/,
      ],
      [(s) => s.addAuthUserFile('A', bearer(), { sessionless: true }), /username and password/],
      [
        (s) =>
          s.addAuthUserFile('A', basic(), { sessionless: true, groups: [1 as unknown as string] }),
        /groups must be/,
      ],
      [
        (s) => s.addAuthUserFile('A', basic(), { sessionless: true, hmacSecret: ' ' }),
        /hmacSecret/,
      ],
      [(s) => s.addAuthUserFile('A', basic()), /Sessions are required/],
    ];
    for (const [setup, message] of cases) {
      const error = await setupFailure(setup, { root });
      expect(String(error)).toMatch(message);
    }
  });
});
