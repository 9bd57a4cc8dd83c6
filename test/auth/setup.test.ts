import { describe, expect, it } from 'vitest';
import { isLocalPath } from '../../src/auth/registry.js';
import {
  type AuthScheme,
  apiKey,
  basic,
  bearer,
  custom,
  form,
  startServer,
} from '../../src/index.js';
import { setupFailure } from '../helpers.js';

const noUser = () => null;

describe('authentication set-up errors', () => {
  it('requires sessions before a session-persistent addAuth', async () => {
    const error = await setupFailure((s) => {
      s.addAuth('Login', form(), noUser);
      s.enableSessionMiddleware();
    });
    expect(error).toMatchObject({
      code: 'PODE_ERR_AUTH_NO_SESSION',
      message: 'Sessions are required to use session persistent authentication.',
    });
  });

  it('requires sessions for addAuthSession too', async () => {
    const error = await setupFailure((s) => s.addAuthSession('Session'));
    expect(error).toMatchObject({
      message: 'Sessions are required to use session persistent authentication.',
    });
  });

  it('accepts a sessionless addAuth without sessions', async () => {
    const server = await startServer(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.addAuth('Api', bearer(), noUser, { sessionless: true });
        s.addRoute({ method: 'GET', path: '/', authentication: 'Api' }, () => {});
      },
      { logger: false, handleSignals: false },
    );
    expect((await fetch(server.url)).status).toBe(401);
    await server.stop();
  });

  it('rejects a route naming an authentication that does not exist, leaving nothing listening', async () => {
    const error = await setupFailure((s) => {
      s.addAuth('Api', bearer(), noUser, { sessionless: true });
      s.addRoute({ method: 'GET', path: '/users', authentication: 'Apl' }, () => {});
    });
    expect(error).toMatchObject({
      code: 'PODE_ERR_AUTH_UNKNOWN',
      message: '[GET] /users: Authentication method does not exist: Apl',
      hint: 'Known authentications: Api.',
    });
  });

  it('rejects the same authentication name twice', async () => {
    const error = await setupFailure((s) => {
      s.addAuth('Api', bearer(), noUser, { sessionless: true });
      s.addAuth('Api', basic(), noUser, { sessionless: true });
    });
    expect(error).toMatchObject({
      code: 'PODE_ERR_AUTH_EXISTS',
      message: 'Authentication method already defined: Api',
    });
  });

  it('rejects login, logout or allowAnon on a route without authentication', async () => {
    for (const flag of ['login', 'logout', 'allowAnon'] as const) {
      const error = await setupFailure((s) =>
        s.addRoute({ method: 'GET', path: '/x', [flag]: true }, () => {}),
      );
      expect(error).toMatchObject({
        code: 'PODE_ERR_BAD_ROUTE',
        message: '[GET] /x: login, logout and allowAnon need an authentication.',
      });
    }
  });

  it('rejects a scheme that is not one, and a validator that is not a function', async () => {
    const notAScheme = { read: 'nope' } as unknown as AuthScheme<unknown>;
    expect(
      await setupFailure((s) => s.addAuth('A', notAScheme, noUser, { sessionless: true })),
    ).toMatchObject({ code: 'PODE_ERR_BAD_OPTION' });
    expect(
      await setupFailure((s) =>
        s.addAuth('A', basic(), 'validate' as unknown as typeof noUser, { sessionless: true }),
      ),
    ).toMatchObject({
      code: 'PODE_ERR_BAD_HANDLER',
      message: '[Authentication] A: the validator must be a function, but got: string',
    });
  });

  it('rejects bad options at once, naming the option', async () => {
    expect(
      await setupFailure((s) =>
        s.addAuth('A', basic(), noUser, { sessionless: true, failureUrl: '' }),
      ),
    ).toMatchObject({
      message: '[Authentication] A: failureUrl must be a non-empty URL, but got: ""',
    });
    expect(() => apiKey({ location: 'body' as 'header' })).toThrow(
      "apiKey(): location must be 'header', 'query' or 'cookie', but got: body",
    );
    expect(() => basic({ realm: 'a"b' })).toThrow(/realm must be a string without quotes/);
    expect(() => bearer({ headerTag: 'two words' })).toThrow(/headerTag must be a single word/);
    expect(() => form({ usernameField: '' })).toThrow(/usernameField must be a non-empty string/);
    expect(() => custom('x' as unknown as () => null)).toThrow(/must be a function/);
  });

  it('allows an authentication-only route with no handler (a logout route)', async () => {
    const server = await startServer(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.enableSessionMiddleware();
        s.addAuth('Login', form(), noUser);
        s.addRoute({ method: 'POST', path: '/logout', authentication: 'Login', logout: true });
      },
      { logger: false, handleSignals: false },
    );
    expect((await fetch(`${server.url}/logout`, { method: 'POST' })).status).toBe(401);
    await server.stop();
  });
});

describe('isLocalPath (the successUseOrigin guard)', () => {
  it.each(['/', '/profile', '/a/b?c=d&e=%2F', '/%2F%2Fevil', '/path#frag'])('accepts %j', (url) => {
    expect(isLocalPath(url)).toBe(true);
  });

  it.each([
    '',
    'profile',
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'http://evil.example/',
    'HTTPS://evil.example',
    'javascript:alert(1)',
    '/a\r\nLocation: http://evil',
    '/\tevil',
    `/${'a'.repeat(3000)}`,
  ])('rejects %j', (url) => {
    expect(isLocalPath(url)).toBe(false);
  });
});
