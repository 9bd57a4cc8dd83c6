import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  azureAD,
  form,
  getFlashMessage,
  type OAuth2Credentials,
  oauth2,
  oidcDiscovery,
} from '../../src/index.js';
import { Client, serve, setupFailure } from '../helpers.js';

/** A small authorization server: issues codes, checks PKCE and secrets, answers userinfo. */
interface FakeProvider {
  url: string;
  /** Every token request's form fields. */
  tokenRequests: Record<string, string>[];
  /** Every userinfo request's method and Authorization header. */
  userRequests: { method: string; authorization: string | undefined }[];
  /** Makes the token endpoint answer this (status, JSON) once. */
  failNextToken?: { status: number; body: unknown };
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function fakeProvider(): Promise<FakeProvider> {
  // code → the PKCE challenge and method given with it
  const codes = new Map<string, { challenge?: string; method?: string; redirect: string }>();
  let next = 0;
  const provider: FakeProvider = {
    url: '',
    tokenRequests: [],
    userRequests: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', provider.url);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer: provider.url,
        authorization_endpoint: `${provider.url}/authorize`,
        token_endpoint: `${provider.url}/token`,
        userinfo_endpoint: `${provider.url}/userinfo`,
        response_types_supported: ['code', 'id_token'],
        scopes_supported: ['openid', 'email', 'profile', 'offline_access'],
        code_challenge_methods_supported: ['S256'],
        grant_types_supported: ['authorization_code'],
      });
    }
    if (url.pathname === '/authorize') {
      // the "user" consents at once: back to redirect_uri with a code and the state
      const code = `code-${++next}`;
      codes.set(code, {
        challenge: url.searchParams.get('code_challenge') ?? undefined,
        method: url.searchParams.get('code_challenge_method') ?? undefined,
        redirect: url.searchParams.get('redirect_uri') ?? '',
      });
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const fields = Object.fromEntries(new URLSearchParams(await readBody(req)));
      provider.tokenRequests.push(fields);
      if (provider.failNextToken !== undefined) {
        const { status, body } = provider.failNextToken;
        provider.failNextToken = undefined;
        res.writeHead(status, { 'content-type': 'application/json' });
        return res.end(typeof body === 'string' ? body : JSON.stringify(body));
      }
      if (fields.grant_type === 'password') {
        if (fields.username === 'morty' && fields.password === 'pickle') {
          return json(res, 200, { access_token: 'at-password', token_type: 'Bearer' });
        }
        return json(res, 400, { error: 'invalid_grant', error_description: 'bad password' });
      }
      const issued = codes.get(fields.code ?? '');
      if (issued === undefined) return json(res, 400, { error: 'invalid_grant' });
      codes.delete(fields.code);
      if (fields.redirect_uri !== issued.redirect) {
        return json(res, 400, { error: 'invalid_grant', error_description: 'redirect_uri' });
      }
      if (issued.challenge !== undefined) {
        const verifier = fields.code_verifier ?? '';
        const made =
          issued.method === 'S256'
            ? createHash('sha256').update(verifier).digest('base64url')
            : verifier;
        if (made !== issued.challenge) {
          return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE mismatch' });
        }
      } else if (fields.client_secret !== 's3cret') {
        return json(res, 401, { error: 'invalid_client' });
      }
      const idPayload = Buffer.from(JSON.stringify({ sub: 'u1', name: 'From Id Token' })).toString(
        'base64url',
      );
      return json(res, 200, {
        access_token: 'at-1',
        refresh_token: 'rt-1',
        token_type: 'Bearer',
        id_token: `eyJhbGciOiJub25lIn0.${idPayload}.`,
      });
    }
    if (url.pathname === '/userinfo') {
      provider.userRequests.push({
        method: req.method ?? '',
        authorization: req.headers.authorization,
      });
      if (req.headers.authorization !== 'Bearer at-1')
        return json(res, 401, { error: 'invalid_token' });
      return json(res, 200, { sub: 'u1', name: 'Morty Smith' });
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  provider.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return provider;
}

let provider: FakeProvider;
beforeAll(async () => {
  provider = await fakeProvider();
});
afterAll(() => provider.close());

/** Follows one redirect to the provider and back: returns the callback response. */
async function signIn(client: Client, path = '/') {
  const first = await client.fetch(path);
  expect(first.status).toBe(302);
  const authorise = first.headers.get('location') ?? '';
  expect(authorise.startsWith(`${provider.url}/authorize?`)).toBe(true);
  const atProvider = await fetch(authorise, { redirect: 'manual' });
  const back = new URL(atProvider.headers.get('location') ?? '');
  const callback = await client.fetch(back.pathname + back.search);
  return { authorise: new URL(authorise), back, callback };
}

describe('oauth2() authorization code flow', () => {
  it('redirects to the provider, exchanges the code, fetches the user and logs in', async () => {
    const seen: OAuth2Credentials[] = [];
    const server = await serve((s) => {
      s.enableSessionMiddleware({ duration: 120 });
      s.addAuth(
        'Login',
        oauth2({
          clientId: 'app',
          clientSecret: 's3cret',
          authoriseUrl: `${provider.url}/authorize`,
          tokenUrl: `${provider.url}/token`,
          userUrl: `${provider.url}/userinfo`,
          userUrlMethod: 'GET',
        }),
        (credentials) => {
          seen.push(credentials);
          return { user: credentials.user };
        },
        { failureUrl: '/login', successUrl: '/' },
      );
      s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, (e) =>
        e.writeJson({ name: e.auth.user?.name }),
      );
    });
    const client = new Client(server.url);
    const { authorise, back, callback } = await signIn(client);
    expect(Object.fromEntries(authorise.searchParams)).toMatchObject({
      client_id: 'app',
      response_type: 'code',
      response_mode: 'query',
      scope: 'openid profile email',
      redirect_uri: `${server.url.replace(/\/$/, '')}/oauth2/callback`,
    });
    expect(authorise.searchParams.get('state')).toMatch(/^[0-9a-f-]{36}$/);
    expect(authorise.searchParams.has('code_challenge')).toBe(false);
    expect(back.pathname).toBe('/oauth2/callback');
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/');
    expect(await (await client.fetch('/')).json()).toEqual({ name: 'Morty Smith' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual({
      user: { sub: 'u1', name: 'Morty Smith' },
      accessToken: 'at-1',
      refreshToken: 'rt-1',
      response: expect.objectContaining({ access_token: 'at-1', refresh_token: 'rt-1' }),
    });
    const token = provider.tokenRequests.at(-1);
    expect(token).toMatchObject({
      client_id: 'app',
      client_secret: 's3cret',
      grant_type: 'authorization_code',
    });
    expect(provider.userRequests.at(-1)).toEqual({ method: 'GET', authorization: 'Bearer at-1' });
  });

  it('PKCE: the verifier kept in the session matches the challenge the provider saw', async () => {
    for (const method of ['S256', 'plain'] as const) {
      let user: unknown;
      const server = await serve((s) => {
        s.enableSessionMiddleware({ duration: 120 });
        s.addAuth(
          'Login',
          oauth2({
            clientId: 'public-app',
            usePkce: true,
            codeChallengeMethod: method,
            authoriseUrl: `${provider.url}/authorize`,
            tokenUrl: `${provider.url}/token`,
            redirectUrl: '/back',
          }),
          (credentials) => {
            user = credentials.user;
            return { user: credentials.user };
          },
        );
        s.addRoute({ method: 'GET', path: '/back', authentication: 'Login' }, (e) =>
          e.writeText('in'),
        );
      });
      const client = new Client(server.url);
      const { authorise, callback } = await signIn(client, '/back');
      expect(authorise.searchParams.get('code_challenge_method')).toBe(method);
      expect(provider.tokenRequests.at(-1)?.code_verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(provider.tokenRequests.at(-1)).not.toHaveProperty('client_secret');
      expect(callback.status).toBe(200);
      expect(await callback.text()).toBe('in');
      // no userUrl: the user is the id_token's payload
      expect(user).toEqual({ sub: 'u1', name: 'From Id Token' });
    }
  });

  it('refuses a callback whose state does not match (and one from another browser)', async () => {
    let calls = 0;
    const server = await serve((s) => {
      s.enableSessionMiddleware({ duration: 120 });
      s.addAuth(
        'Login',
        oauth2({
          clientId: 'app',
          clientSecret: 's3cret',
          authoriseUrl: `${provider.url}/authorize`,
          tokenUrl: `${provider.url}/token`,
        }),
        (credentials) => {
          calls++;
          return { user: credentials.user };
        },
      );
      s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, (e) => e.writeText('x'));
    });
    const client = new Client(server.url);
    const first = await client.fetch('/');
    const authorise = first.headers.get('location') ?? '';
    const atProvider = await fetch(authorise, { redirect: 'manual' });
    const back = new URL(atProvider.headers.get('location') ?? '');
    const code = back.searchParams.get('code') ?? '';
    const forged = await client.fetch(`/oauth2/callback?code=${code}&state=forged`);
    expect(forged.status).toBe(401);
    // the state is single-use: the right one after a failed try is refused too
    const replay = await client.fetch(back.pathname + back.search);
    expect(replay.status).toBe(401);
    // a stranger (no session) bringing a valid code and state is refused
    const stranger = await new Client(server.url).fetch(back.pathname + back.search);
    expect(stranger.status).toBe(401);
    expect(calls).toBe(0);
    expect((await client.fetch('/')).status).toBe(302);
  });

  it('a token endpoint error is a clear 401, or a redirect to failureUrl with the flash message', async () => {
    const messages: string[] = [];
    const server = await serve((s) => {
      s.enableSessionMiddleware({ duration: 120 });
      s.addAuth(
        'Login',
        oauth2({
          clientId: 'app',
          clientSecret: 'wrong',
          authoriseUrl: `${provider.url}/authorize`,
          tokenUrl: `${provider.url}/token`,
        }),
        (credentials) => ({ user: credentials.user }),
        { failureUrl: '/login' },
      );
      s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, (e) => e.writeText('x'));
      s.addRoute({ method: 'GET', path: '/login' }, (e) => {
        messages.push(...getFlashMessage('auth-error'));
        e.writeText('login page');
      });
    });
    const client = new Client(server.url);
    const { callback } = await signIn(client);
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/login');
    await client.fetch('/login');
    expect(messages).toEqual(['invalid_client']);

    // a token endpoint that is not JSON, and the provider's ?error= on the callback
    provider.failNextToken = { status: 502, body: '<html>bad gateway</html>' };
    const plain = await serve((s) => {
      s.enableSessionMiddleware({ duration: 120 });
      s.addAuth(
        'Login',
        oauth2({
          clientId: 'app',
          clientSecret: 's3cret',
          authoriseUrl: `${provider.url}/authorize`,
          tokenUrl: `${provider.url}/token`,
        }),
        (credentials) => ({ user: credentials.user }),
      );
      s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, (e) => e.writeText('x'));
    });
    const other = new Client(plain.url);
    const broken = await signIn(other);
    expect(broken.callback.status).toBe(401);
    expect(broken.callback.statusText).toMatch(/OAuth2 token request failed: HTTP 502/);
    const denied = await other.fetch('/oauth2/callback?error=access_denied&error_description=no');
    expect(denied.status).toBe(401);
    expect(denied.statusText).toBe('access_denied: no');
    // the server is still up
    expect((await other.fetch('/')).status).toBe(302);
  });

  it('an unreachable token URL is a 401 with the reason, not a crash', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({ duration: 120 });
      s.addAuth(
        'Login',
        oauth2({
          clientId: 'app',
          clientSecret: 's3cret',
          authoriseUrl: `${provider.url}/authorize`,
          tokenUrl: 'http://127.0.0.1:1/token',
        }),
        (credentials) => ({ user: credentials.user }),
      );
      s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, (e) => e.writeText('x'));
    });
    const { callback } = await signIn(new Client(server.url));
    expect(callback.status).toBe(401);
    expect(callback.statusText).toMatch(/OAuth2 token request failed/);
  });
});

describe('oauth2() password grant (innerScheme)', () => {
  it('exchanges the form username and password at the token URL', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({ duration: 120 });
      s.addAuth(
        'Login',
        oauth2({
          clientId: 'app',
          clientSecret: 's3cret',
          tokenUrl: `${provider.url}/token`,
          innerScheme: form(),
        }),
        ({ user, accessToken }) => ({ user: { ...user, accessToken } }),
        { failureUrl: '/login', successUrl: '/' },
      );
      s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, (e) =>
        e.writeJson(e.auth.user),
      );
      s.addRoute({ method: 'POST', path: '/login', authentication: 'Login', login: true });
    });
    const client = new Client(server.url);
    const post = (body: string) =>
      client.fetch('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    expect((await post('username=morty&password=nope')).headers.get('location')).toBe('/login');
    expect(provider.tokenRequests.at(-1)).toMatchObject({
      grant_type: 'password',
      username: 'morty',
      password: 'nope',
      scope: 'openid profile email',
    });
    expect((await post('username=morty&password=pickle')).headers.get('location')).toBe('/');
    expect(await (await client.fetch('/')).json()).toEqual({
      Provider: 'OAuth2',
      accessToken: 'at-password',
    });
    // no callback route with an inner scheme
    expect((await client.fetch('/oauth2/callback?code=x')).status).toBe(404);
  });
});

describe('oidcDiscovery() and azureAD()', () => {
  it('builds the scheme from the discovery document and signs in with it', async () => {
    let seen: OAuth2Credentials | undefined;
    const scheme = await oidcDiscovery(provider.url, {
      clientId: 'app',
      clientSecret: 's3cret',
      scope: ['openid', 'email', 'not-offered'],
    });
    const server = await serve((s) => {
      s.enableSessionMiddleware({ duration: 120 });
      s.addAuth('Login', scheme, (credentials) => {
        seen = credentials;
        return { user: credentials.user };
      });
      s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, (e) => e.writeText('ok'));
    });
    const { authorise } = await signIn(new Client(server.url));
    expect(authorise.searchParams.get('scope')).toBe('openid email');
    // Pode's default user URL method is POST
    expect(provider.userRequests.at(-1)?.method).toBe('POST');
    expect(seen?.user).toEqual({ sub: 'u1', name: 'Morty Smith' });
  });

  it('a bad discovery URL or document is a set-up error naming it', async () => {
    await expect(
      oidcDiscovery(`${provider.url}/nowhere`, { clientId: 'a', clientSecret: 'b' }),
    ).rejects.toThrow(/cannot read the discovery document .*nowhere.*HTTP 404/);
    await expect(
      oidcDiscovery(provider.url, { clientId: 'a', clientSecret: 'b', innerScheme: form() }),
    ).rejects.toThrow(/does not support the 'password' grant_type/);
  });

  it('azureAD() points at the tenant', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({ duration: 120 });
      s.addAuth(
        'Login',
        azureAD({ tenant: 'contoso', clientId: 'app', clientSecret: 'x' }),
        (c) => ({
          user: c.user,
        }),
      );
      s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, (e) => e.writeText('ok'));
    });
    const response = await new Client(server.url).fetch('/');
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(
      'https://login.microsoftonline.com/contoso/oauth2/v2.0/authorize',
    );
    expect(() => azureAD({ tenant: ' ', clientId: 'x', clientSecret: 'y' })).toThrow(/tenant/);
    // a tenant cannot change the path it is put in
    const odd = await serve((s) => {
      s.enableSessionMiddleware({ duration: 120 });
      s.addAuth('Login', azureAD({ tenant: 'a/../b', clientId: 'x', clientSecret: 'y' }), (c) => ({
        user: c.user,
      }));
      s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, (e) => e.writeText('ok'));
    });
    expect((await new Client(odd.url).fetch('/')).headers.get('location')).toMatch(
      /^https:\/\/login\.microsoftonline\.com\/a%2F\.\.%2Fb\/oauth2\/v2\.0\/authorize\?/,
    );
  });
});

describe('oauth2() set-up errors', () => {
  it('refuses missing URLs, a missing secret without PKCE, a bad inner scheme and no sessions', async () => {
    const base = { clientId: 'a', clientSecret: 'b', tokenUrl: 'https://p/token' };
    expect(() => oauth2(base)).toThrow(/authoriseUrl is required/);
    expect(() =>
      oauth2({ clientId: 'a', tokenUrl: 'https://p/token', authoriseUrl: 'https://p/a' }),
    ).toThrow(/clientSecret is required when not using PKCE/);
    expect(() => oauth2({ ...base, authoriseUrl: 'ftp://p' })).toThrow(
      /authoriseUrl must be an http/,
    );
    expect(() =>
      oauth2({ ...base, authoriseUrl: 'https://p/a', userUrlMethod: 'PUT' as 'GET' }),
    ).toThrow(/userUrlMethod/);
    expect(() =>
      oauth2({ ...base, authoriseUrl: 'https://p/a', codeChallengeMethod: 'md5' as 'plain' }),
    ).toThrow(/codeChallengeMethod must be 'S256' or 'plain', but got: "md5"/);
    expect(
      oauth2({ ...base, authoriseUrl: 'https://p/a', codeChallengeMethod: 's256' as 'S256' }).type,
    ).toBe('oauth2');
    expect(() =>
      oauth2({ ...base, innerScheme: { type: 'bearer' } as unknown as ReturnType<typeof form> }),
    ).toThrow(/innerScheme can only be a basic\(\) or form\(\)/);
    expect(() => oauth2({ ...base, authoriseUrl: 'https://p/a', redirect: '/x' } as never)).toThrow(
      /redirect/,
    );
    const error = await setupFailure((s) => {
      s.addAuth(
        'Login',
        oauth2({ ...base, authoriseUrl: 'https://p/a' }),
        (c) => ({ user: c.user }),
        {
          sessionless: true,
        },
      );
    });
    expect(String(error)).toMatch(/needs sessions/);
  });
});
