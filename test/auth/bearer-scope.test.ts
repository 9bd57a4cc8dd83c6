import { describe, expect, it } from 'vitest';
import { bearer } from '../../src/index.js';
import { serve, setupFailure } from '../helpers.js';

describe('bearer({ scope }) (New-PodeAuthScheme -Bearer -Scope)', () => {
  const start = (scope: string | string[]) =>
    serve((s) => {
      s.addAuth(
        'Validate',
        bearer({ scope }),
        ({ token }) => {
          if (token === 'writer') return { user: { name: 'Morty' }, scope: 'write' };
          if (token === 'reader') return { user: { name: 'Rick' }, scope: 'read' };
          if (token === 'none') return { user: { name: 'Summer' } };
          return null;
        },
        { sessionless: true },
      );
      s.addRoute({ method: 'GET', path: '/users', authentication: 'Validate' }, (e) =>
        e.writeJson({ user: e.auth.user }),
      );
    });
  const get = (url: string, token?: string) =>
    fetch(`${url}/users`, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });

  it('lets a user in whose scope is one of the scheme scopes', async () => {
    const server = await start('write');
    const response = await get(server.url, 'writer');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: { name: 'Morty' } });
    const both = await start(['read', 'write']);
    expect((await get(both.url, 'reader')).status).toBe(200);
  });

  it('answers another scope, or none, with 403 insufficient_scope', async () => {
    const server = await start('write');
    for (const token of ['reader', 'none']) {
      const response = await get(server.url, token);
      expect(response.status).toBe(403);
      expect(response.headers.get('www-authenticate')).toBe(
        'Bearer realm="User", scope="write", error="insufficient_scope"',
      );
    }
  });

  it('names the scopes in the 401 challenge of a missing or unknown token', async () => {
    const server = await start(['read', 'write']);
    for (const token of [undefined, 'stranger']) {
      const response = await get(server.url, token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(
        'Bearer realm="User", scope="read write"',
      );
    }
  });

  it('refuses a scope that cannot be written in a challenge, at set-up', async () => {
    for (const scope of ['two words', 'a"b', 42, ['ok', '']]) {
      const error = await setupFailure((s) => {
        s.addAuth('V', bearer({ scope: scope as string }), () => null, { sessionless: true });
      });
      expect(String(error)).toMatch(/scope must be a scope name/);
    }
  });
});
