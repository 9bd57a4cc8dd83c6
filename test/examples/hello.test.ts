import { afterEach, describe, expect, it } from 'vitest';
import { start } from '../../examples/hello/server.js';
import { Client } from '../helpers.js';

const servers: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

describe('examples/hello (the README quick start)', () => {
  it('counts views per browser and sends a two-minute sliding session cookie', async () => {
    const server = await start(0, '127.0.0.1', { logger: false, handleSignals: false });
    servers.push(server);
    const browser = new Client(server.url);
    const first = await browser.fetch('/');
    expect(await first.json()).toEqual({ views: 1 });
    expect(first.headers.get('set-cookie')).toMatch(
      /^pode\.sid=s:[\w.~-]+\.[\w+/]+=*;.*Max-Age=120/,
    );
    expect(await browser.json('/')).toEqual({ views: 2 });
    expect(await new Client(server.url).json('/')).toEqual({ views: 1 });
    expect(await browser.json('/')).toEqual({ views: 3 });
  });
});
