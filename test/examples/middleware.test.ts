import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY, start } from '../../examples/middleware/server.js';

const servers: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function startExample() {
  const lines: string[] = [];
  const server = await start(0, '127.0.0.1', { logger: false, handleSignals: false }, (line) =>
    lines.push(line),
  );
  servers.push(server);
  return { url: server.url, lines };
}

describe('examples/middleware (a port of Pode examples/Middleware.ps1)', () => {
  it('serves /users through the route-filtered and route middleware, with the agent kept', async () => {
    const { url } = await startExample();
    const response = await fetch(`${url}/users`, { headers: { 'user-agent': 'curl/8.5' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-route-middleware')).toBe('users');
    expect(await response.json()).toEqual({ users: ['John', 'Bill'], agent: 'curl/8.5' });
  });

  it('runs the /users-only middleware on no other path', async () => {
    const { url } = await startExample();
    const response = await fetch(`${url}/alive`);
    expect(await response.json()).toEqual({ alive: true });
    expect(response.headers.get('x-route-middleware')).toBeNull();
  });

  it('answers PowerShell clients 403 before any route runs', async () => {
    const { url } = await startExample();
    const response = await fetch(`${url}/users`, {
      headers: { 'user-agent': 'Mozilla/5.0 (Windows NT; en-US) WindowsPowerShell/5.1' },
    });
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('John');
  });

  it('turns the rejected IP address away in the /users route middleware', async () => {
    const server = await start(
      0,
      '127.0.0.1',
      { logger: false, handleSignals: false, trustProxy: true },
      () => {},
    );
    servers.push(server);
    const rejected = await fetch(`${server.url}/users`, {
      headers: { 'x-forwarded-for': '10.10.1.8' },
    });
    expect(rejected.status).toBe(403);
    const other = await fetch(`${server.url}/users`, {
      headers: { 'x-forwarded-for': '10.10.1.9' },
    });
    expect(other.status).toBe(200);
  });

  it('rejects /api/* without the right X-API-Key and serves it with the key', async () => {
    const { url } = await startExample();
    const missing = await fetch(`${url}/api/status`, { headers: { accept: 'application/json' } });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      status: 401,
      message: 'An X-API-Key header is required',
    });
    const wrong = await fetch(`${url}/api/status`, { headers: { 'x-api-key': 'guess' } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${url}/api/status`, { headers: { 'x-api-key': API_KEY } });
    expect(right.status).toBe(200);
    expect(await right.json()).toEqual({ status: 'ok', path: '/api/status' });
  });

  it('logs every request from the endware, stopped requests and 404s included', async () => {
    const { url, lines } = await startExample();
    await fetch(`${url}/alive`);
    await fetch(`${url}/api/status`);
    await fetch(`${url}/nowhere`);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^GET \/alive 200 \d+ms$/);
    expect(lines[1]).toMatch(/^GET \/api\/status 401 \d+ms$/);
    expect(lines[2]).toMatch(/^GET \/nowhere 404 \d+ms$/);
  });
});
