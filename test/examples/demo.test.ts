import { afterEach, describe, expect, it } from 'vitest';
import { COUNTER_COOKIE, start } from '../../examples/demo/server.js';
import { Client } from '../helpers.js';

const servers: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function startDemo() {
  const demo = await start(0, '127.0.0.1', { logger: false, handleSignals: false });
  servers.push(demo.counter, demo.loginSite);
  return demo;
}

describe('examples/demo (what npm start runs)', () => {
  it('counts views per session under its own cookie and forgets them on /forget', async () => {
    const { counter } = await startDemo();
    const browser = new Client(counter.url);
    const first = await browser.fetch('/');
    expect(await first.json()).toEqual({ views: 1 });
    expect(first.headers.get('set-cookie')).toMatch(new RegExp(`^${COUNTER_COOKIE}=s:`));
    expect(await browser.json('/')).toEqual({ views: 2 });
    expect(await new Client(counter.url).json('/')).toEqual({ views: 1 });
    const forget = await browser.fetch('/forget');
    expect(forget.headers.get('set-cookie')).toMatch(new RegExp(`^${COUNTER_COOKIE}=;.*Max-Age=0`));
    expect(await browser.json('/')).toEqual({ views: 1 });
  });

  it('serves the login site beside it, on another port, sending anonymous visitors to /login', async () => {
    const { counter, loginSite } = await startDemo();
    expect(loginSite.endpoints[0].port).not.toBe(counter.endpoints[0].port);
    const home = await fetch(`${loginSite.url}/`, { redirect: 'manual' });
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/login');
    const login = await fetch(`${loginSite.url}/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('<form');
  });

  it('keeps the two sessions apart in one browser (cookies are shared across ports)', async () => {
    const { counter, loginSite } = await startDemo();
    const browser = new Client(counter.url);
    expect(await browser.json('/')).toEqual({ views: 1 });
    // The same jar visits the login site, as a browser would on localhost.
    await browser.fetch(`${loginSite.url}/login`);
    expect([...browser.jar.keys()].sort()).toEqual([COUNTER_COOKIE, 'pode.sid'].sort());
    expect(await browser.json('/')).toEqual({ views: 2 });
  });
});
