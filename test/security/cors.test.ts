/**
 * CORS (`s.setSecurityAccessControl`, Pode's `Set-PodeSecurityAccessControl`) over HTTP, with the
 * requests a browser sends: preflights (OPTIONS with Origin and Access-Control-Request-Method/
 * -Headers), simple requests, `Vary: Origin`, credentials, and bad Origins.
 */
import { describe, expect, it } from 'vitest';
import type { AccessControlOptions, ServerBuilder } from '../../src/index.js';
import { serve } from '../helpers.js';

const APP = 'https://app.example.com';

function api(options: AccessControlOptions, extra: (s: ServerBuilder) => void = () => {}) {
  return serve((s) => {
    s.addRoute('GET', '/items', (e) => e.writeJson([1, 2]));
    s.addRoute(['PUT', 'DELETE'], '/items/:id', (e) => e.writeJson({ id: e.parameters.id }));
    s.setSecurityAccessControl(options);
    extra(s);
  });
}

function preflight(url: string, origin: string, method: string, headers?: string) {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      ...(headers === undefined ? {} : { 'access-control-request-headers': headers }),
    },
  });
}

describe('CORS', () => {
  it('answers a preflight from an allowed origin with 204, the methods, headers and max-age', async () => {
    const server = await api({
      origin: [APP, 'https://admin.example.com'],
      methods: ['GET', 'PUT', 'DELETE'],
      headers: ['Content-Type', 'X-Token'],
      duration: 600,
      credentials: true,
    });
    const response = await preflight(`${server.url}/items/7`, APP, 'PUT', 'content-type,x-token');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, PUT, DELETE');
    expect(response.headers.get('access-control-allow-headers')).toBe('Content-Type, X-Token');
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('vary')).toMatch(/Origin/);
    expect(await response.text()).toBe('');
  });

  it('echoes an allowed origin on the actual request, with Vary: Origin; another origin gets no CORS headers', async () => {
    const server = await api({ origin: APP });
    const allowed = await fetch(`${server.url}/items`, { headers: { origin: APP } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
    expect(allowed.headers.get('vary')).toMatch(/Origin/);
    expect(allowed.headers.get('access-control-allow-methods')).toBeNull();
    const other = await fetch(`${server.url}/items`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('vary')).toMatch(/Origin/);
    const otherPreflight = await preflight(`${server.url}/items`, 'https://evil.example', 'GET');
    expect(otherPreflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("a '*' origin is sent as '*' without credentials, and echoed with them", async () => {
    const open = await api({ origin: '*', methods: '*', headers: '*' });
    const response = await preflight(`${open.url}/items`, APP, 'GET', 'x-anything');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toBe('*');
    const plain = await fetch(`${open.url}/items`);
    expect(plain.headers.get('access-control-allow-origin')).toBe('*');

    const withCredentials = await api({ origin: '*', methods: '*', credentials: true });
    const echoed = await preflight(`${withCredentials.url}/items/1`, APP, 'delete');
    expect(echoed.headers.get('access-control-allow-origin')).toBe(APP);
    expect(echoed.headers.get('access-control-allow-methods')).toBe('DELETE');
    expect(echoed.headers.get('vary')).toMatch(/Origin/);
  });

  it('withOptions answers preflights with 200 on every path, as Pode; without it, paths without routes are 404', async () => {
    const without = await api({ origin: APP });
    expect((await preflight(`${without.url}/unknown`, APP, 'GET')).status).toBe(404);
    const withOptions = await api({ origin: APP, withOptions: true });
    expect((await preflight(`${withOptions.url}/items`, APP, 'GET')).status).toBe(200);
    const response = await preflight(`${withOptions.url}/unknown`, APP, 'GET');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('autoMethods lists the methods of the routes; autoHeaders, authorizationHeader and crossDomainXhrRequests add headers', async () => {
    const server = await api({
      origin: APP,
      autoMethods: true,
      withOptions: true,
      autoHeaders: true,
      authorizationHeader: true,
      crossDomainXhrRequests: true,
    });
    const response = await preflight(`${server.url}/items`, APP, 'GET');
    expect(response.headers.get('access-control-allow-methods')?.split(', ').sort()).toEqual([
      'DELETE',
      'GET',
      'OPTIONS',
      'PUT',
    ]);
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'Authorization, X-Requested-With, Content-Type',
    );
  });

  it('a malformed or null Origin gets no CORS headers and the request is still answered', async () => {
    const server = await api({ origin: APP, credentials: true });
    for (const origin of [
      'null',
      'not a url',
      'https://app.example.com/path',
      'https://user@app.example.com',
      'javascript:alert(1)',
      `https://${'a'.repeat(3000)}.com`,
      'HTTPS://APP.EXAMPLE.COM:443x',
    ]) {
      const response = await fetch(`${server.url}/items`, { headers: { origin } });
      expect(response.status, origin).toBe(200);
      expect(response.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
    // The same origin written differently (case, default port) is the same origin.
    const response = await fetch(`${server.url}/items`, {
      headers: { origin: 'HTTPS://App.Example.com:443' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('refuses impossible settings at set-up', async () => {
    await expect(api({ origin: APP, headers: '*', credentials: true })).rejects.toThrow(
      /credentials/,
    );
    await expect(api({ origin: APP, methods: '*', autoMethods: true })).rejects.toThrow(
      /autoMethods/,
    );
    await expect(api({ origin: APP, methods: 'FETCH' })).rejects.toThrow(/unknown method/);
    await expect(api({ origin: 'app.example.com' })).rejects.toThrow(/not an origin/);
    await expect(api({ origin: APP, duration: 0 })).rejects.toThrow(/duration/);
    await expect(api({ origin: APP, maxAge: 5 } as never)).rejects.toThrow(/unknown option/);
  });

  it('a server with security headers and CORS still limits: the 429 carries the CORS headers', async () => {
    const server = await api({ origin: APP }, (s) => s.addLimitRateRule('one', { limit: 1 }));
    expect((await fetch(`${server.url}/items`, { headers: { origin: APP } })).status).toBe(200);
    const refused = await fetch(`${server.url}/items`, { headers: { origin: APP } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('access-control-allow-origin')).toBe(APP);
  });
});
