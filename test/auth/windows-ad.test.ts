import { createServer } from 'node:net';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AuthWindowsAdOptions,
  basic,
  bearer,
  form,
  type ServerBuilder,
} from '../../src/index.js';
import { Client, serve, setupFailure } from '../helpers.js';
import { startDirectory, type TestDirectory } from './ldap-directory.js';

const basicHeader = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`;
const BASE = 'DC=corp,DC=test';

let directory: TestDirectory;

beforeEach(async () => {
  // alice is in Developers, which is in Engineering (nested); bob is in Ops; carol in nothing
  directory = await startDirectory({
    domain: 'CORP',
    base: BASE,
    users: [
      { account: 'alice', password: 'wonderland', name: 'Alice Liddell', mail: 'alice@corp.test' },
      { account: 'bob', password: 'builder', name: 'Bob Builder' },
      { account: 'carol', password: 'singer', name: 'Carol' },
    ],
    groups: [
      { name: 'Developers', members: ['alice'] },
      { name: 'Engineering', members: ['Developers'] },
      { name: 'Ops', members: ['bob'] },
    ],
  });
});

afterEach(async () => {
  await directory.close();
});

/** A sessionless basic() AD auth on GET /me, answering with the user. */
function serveBasic(options: AuthWindowsAdOptions = {}, logger?: pino.Logger) {
  return serve(
    (s) => {
      s.addAuthWindowsAd('AD', basic(), {
        fqdn: directory.address,
        domain: 'CORP',
        searchBase: BASE,
        sessionless: true,
        ...options,
      });
      s.addRoute({ method: 'GET', path: '/me', authentication: 'AD' }, (e) =>
        e.writeJson(e.auth.user),
      );
    },
    logger === undefined ? {} : { logger },
  );
}

async function me(url: string, pair: string) {
  const response = await fetch(`${url}/me`, { headers: { authorization: basicHeader(pair) } });
  return { status: response.status, body: response.status === 200 ? await response.json() : null };
}

describe('s.addAuthWindowsAd (Add-PodeAuthWindowsAd) against an LDAP directory', () => {
  it('logs in through a form with sessions, as the example does, and logs out', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({ duration: 120, extend: true });
      s.addAuthWindowsAd('Login', form(), {
        fqdn: directory.address,
        domain: 'CORP',
        searchBase: BASE,
        groups: [],
        users: [],
        failureUrl: '/login',
        successUrl: '/',
      });
      s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, (e) =>
        e.writeJson(e.auth.user),
      );
      s.addRoute({ method: 'GET', path: '/login', authentication: 'Login', login: true }, (e) =>
        e.writeText('login page'),
      );
      s.addRoute({ method: 'POST', path: '/login', authentication: 'Login', login: true });
      s.addRoute({ method: 'POST', path: '/logout', authentication: 'Login', logout: true });
    });
    const client = new Client(server.url);
    const home = await client.fetch('/');
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/login');
    const page = await client.fetch('/login');
    expect(await page.text()).toBe('login page');

    const login = await client.fetch('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=CORP%5Calice&password=wonderland',
    });
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/');
    expect(directory.binds).toEqual(['CORP\\alice']);
    const user = await client.json('/');
    expect(user).toEqual({
      UserType: 'Domain',
      AuthenticationType: 'LDAP',
      DistinguishedName: `CN=Alice Liddell,OU=Users,${BASE}`,
      Username: 'alice',
      Name: 'Alice Liddell',
      Email: 'alice@corp.test',
      Fqdn: directory.address,
      Domain: 'CORP',
      Groups: expect.arrayContaining(['Developers', 'Engineering']),
      Credential: null,
    });
    // the session carries the login: the directory is not asked again
    expect(directory.binds).toHaveLength(1);
    const logout = await client.fetch('/logout', { method: 'POST' });
    expect(logout.headers.get('location')).toBe('/login');
    expect((await client.fetch('/')).status).toBe(302);
  });

  it('a wrong password or an unknown user fails the form login back to the login page', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({ duration: 120 });
      s.addAuthWindowsAd('Login', form(), {
        fqdn: directory.address,
        domain: 'CORP',
        searchBase: BASE,
        failureUrl: '/login',
        successUrl: '/',
      });
      s.addRoute({ method: 'POST', path: '/login', authentication: 'Login', login: true });
      s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, (e) => e.writeText('in'));
    });
    for (const body of [
      'username=alice&password=wrong',
      'username=nobody&password=wonderland',
      'username=alice&password=',
    ]) {
      const client = new Client(server.url);
      const response = await client.fetch('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/login');
      expect((await client.fetch('/')).status).toBe(302);
    }
    // the empty password never reached the directory (it would be an unauthenticated bind)
    expect(directory.binds).toEqual(['CORP\\alice', 'CORP\\nobody']);
  });

  it('answers 401 with Pode’s messages: bad credentials, and a bound user the search cannot find', async () => {
    const server = await serveBasic();
    const wrong = await fetch(`${server.url}/me`, {
      headers: { authorization: basicHeader('alice:nope') },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.statusText).toBe('Invalid credentials supplied');
    // bound, but outside the search base: Pode's "not found"
    const elsewhere = await serveBasic({ searchBase: 'DC=other,DC=test' });
    const missing = await fetch(`${elsewhere.url}/me`, {
      headers: { authorization: basicHeader('alice:wonderland') },
    });
    expect(missing.status).toBe(401);
    expect(missing.statusText).toBe('User not found in Active Directory');
  });

  it('takes the username as account, DOMAIN\\account or account@fqdn, and binds as DOMAIN\\account', async () => {
    const server = await serveBasic();
    for (const name of ['bob', 'CORP\\bob', 'bob@corp.test']) {
      const { status, body } = await me(server.url, `${name}:builder`);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        Username: 'bob',
        Name: 'Bob Builder',
        Email: '',
        Groups: ['Ops'],
      });
    }
    expect(directory.binds).toEqual(['CORP\\bob', 'CORP\\bob', 'CORP\\bob']);
  });

  it('reads nested groups through the in-chain rule, or only direct ones with directGroups', async () => {
    const nested = await serveBasic();
    const all = await me(nested.url, 'alice:wonderland');
    expect([...(all.body as { Groups: string[] }).Groups].sort()).toEqual([
      'Developers',
      'Engineering',
    ]);
    expect(directory.searches).toContain(
      `(member:1.2.840.113556.1.4.1941:=CN=Alice Liddell,OU=Users,${BASE})`,
    );
    const direct = await serveBasic({ directGroups: true });
    expect((await me(direct.url, 'alice:wonderland')).body).toMatchObject({
      Groups: ['Developers'],
    });
    const none = await serveBasic({ noGroups: true });
    expect((await me(none.url, 'alice:wonderland')).body).toMatchObject({ Groups: [] });
  });

  it('lets in only members of the listed groups (nested count), or the listed users', async () => {
    const engineers = await serveBasic({ groups: ['engineering'] });
    expect((await me(engineers.url, 'alice:wonderland')).status).toBe(200);
    const refused = await fetch(`${engineers.url}/me`, {
      headers: { authorization: basicHeader('bob:builder') },
    });
    expect(refused.status).toBe(401);
    expect(refused.statusText).toBe('You are not authorised to access this website');
    // Engineering holds alice only through Developers: with directGroups she is not in it
    const direct = await serveBasic({ groups: ['Engineering'], directGroups: true });
    expect((await me(direct.url, 'alice:wonderland')).status).toBe(401);

    const listed = await serveBasic({ users: ['CAROL'], groups: ['Ops'] });
    expect((await me(listed.url, 'carol:singer')).status).toBe(200);
    expect((await me(listed.url, 'bob:builder')).status).toBe(200);
    expect((await me(listed.url, 'alice:wonderland')).status).toBe(401);
  });

  it('runs scriptBlock with the user after the checks, and keeps the credential when asked', async () => {
    const server = await serveBasic({
      keepCredential: true,
      scriptBlock: (user) =>
        user.Username === 'bob'
          ? { message: 'Bob is away', code: 403 }
          : { user: { Who: user.Name, Credential: user.Credential } },
    });
    expect((await me(server.url, 'alice:wonderland')).body).toEqual({
      Who: 'Alice Liddell',
      Credential: { Username: 'CORP\\alice', Password: 'wonderland' },
    });
    const bob = await fetch(`${server.url}/me`, {
      headers: { authorization: basicHeader('bob:builder') },
    });
    expect(bob.status).toBe(403);
    expect(bob.statusText).toBe('Bob is away');
  });

  it('a directory that cannot be reached fails the login with 401, logs why, and the server keeps going', async () => {
    // a port nothing listens on
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => lines.push(line) });
    const server = await serveBasic({ fqdn: `127.0.0.1:${port}` }, logger);
    const response = await fetch(`${server.url}/me`, {
      headers: { authorization: basicHeader('alice:wonderland') },
    });
    expect(response.status).toBe(401);
    expect(response.statusText).toBe('Invalid credentials supplied');
    expect(lines.join('\n')).toMatch(/directory could not be reached/);
    expect(lines.join('\n')).toMatch(/ECONNREFUSED/);
    // the server still answers, and a wrong password against a live directory is not logged
    const live = await serveBasic({}, logger);
    lines.length = 0;
    expect((await me(live.url, 'alice:bad')).status).toBe(401);
    expect(lines).toEqual([]);
    expect((await me(live.url, 'alice:wonderland')).status).toBe(200);
  });

  it('refuses bad options at set-up with a clear message', async () => {
    const base = { fqdn: '127.0.0.1:1', sessionless: true };
    const cases: [(s: ServerBuilder) => void, RegExp][] = [
      [(s) => s.addAuthWindowsAd('A', bearer(), base), /username and password/],
      [(s) => s.addAuthWindowsAd('A', basic(), { ...base, fqdn: ' ' }), /fqdn must be/],
      [(s) => s.addAuthWindowsAd('A', basic(), { ...base, fqdn: 'ldap://' }), /fqdn/],
      [(s) => s.addAuthWindowsAd('A', basic(), { ...base, domain: '' }), /domain must be/],
      [
        (s) => s.addAuthWindowsAd('A', basic(), { ...base, users: [1 as unknown as string] }),
        /users must be/,
      ],
      [
        (s) => s.addAuthWindowsAd('A', basic(), { ...base, groups: ['a'], noGroups: true }),
        /noGroups cannot be used with groups/,
      ],
      [
        (s) => s.addAuthWindowsAd('A', basic(), { ...base, directGroups: true, noGroups: true }),
        /noGroups cannot be used with directGroups/,
      ],
      [
        (s) => s.addAuthWindowsAd('A', basic(), { ...base, noGroups: 'yes' as unknown as boolean }),
        /noGroups must be true or false/,
      ],
      [
        (s) =>
          s.addAuthWindowsAd('A', basic(), {
            ...base,
            scriptBlock: 'x' as unknown as AuthWindowsAdOptions['scriptBlock'],
          }),
        /scriptBlock must be a function/,
      ],
      [
        (s) => s.addAuthWindowsAd('A', basic(), { ...base, bogus: 1 } as AuthWindowsAdOptions),
        /bogus/,
      ],
      [(s) => s.addAuthWindowsAd('A', basic(), { fqdn: '127.0.0.1:1' }), /Sessions are required/],
    ];
    for (const [setup, message] of cases) {
      const error = await setupFailure(setup);
      expect(String(error)).toMatch(message);
    }
  });

  it('without fqdn, uses the machine’s domain (USERDNSDOMAIN here), or fails at set-up when there is none', async () => {
    const saved = process.env.USERDNSDOMAIN;
    try {
      process.env.USERDNSDOMAIN = 'corp.test';
      const server = await serve((s) => {
        s.addAuthWindowsAd('AD', basic(), { sessionless: true });
        s.addRoute({ method: 'GET', path: '/', authentication: 'AD' }, (e) => e.writeText('in'));
      });
      expect((await fetch(`${server.url}/`)).status).toBe(401);
    } finally {
      if (saved === undefined) delete process.env.USERDNSDOMAIN;
      else process.env.USERDNSDOMAIN = saved;
    }
    // this machine's own domain, as Pode reads it: the set-up fails without one
    const { machineDomain, windowsAdValidator } = await import('../../src/auth/windows-ad.js');
    const withoutEnv = await (async () => {
      delete process.env.USERDNSDOMAIN;
      try {
        return machineDomain() === undefined
          ? String(
              await setupFailure((s) => s.addAuthWindowsAd('AD', basic(), { sessionless: true })),
            )
          : 'this machine has a domain';
      } finally {
        if (saved !== undefined) process.env.USERDNSDOMAIN = saved;
      }
    })();
    if (withoutEnv !== 'this machine has a domain') {
      expect(withoutEnv).toMatch(/no fqdn was given .* pass the domain's server as fqdn/);
    }
    expect(() => windowsAdValidator('A', basic(), {}, () => undefined)).toThrow(
      /no fqdn was given and this machine has no DNS domain: pass the domain's server as fqdn/,
    );
  });
});
