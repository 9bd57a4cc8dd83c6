import { describe, expect, it } from 'vitest';
import { Client, serve } from './helpers.js';

declare module '../src/index.js' {
  interface SessionData {
    views?: number;
  }
}

describe('the seed view counter', () => {
  it('counts views per session across requests with the cookie kept', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({ duration: 120, extend: true });
      s.addRoute({ method: 'GET', path: '/' }, (e) => {
        e.session.data.views = (e.session.data.views ?? 0) + 1;
        e.writeJson({ views: e.session.data.views });
      });
    });
    const client = new Client(server.url);
    expect(await client.json('/')).toEqual({ views: 1 });
    expect(await client.json('/')).toEqual({ views: 2 });
    expect(await new Client(server.url).json('/')).toEqual({ views: 1 });
    expect(await client.json('/')).toEqual({ views: 3 });
  });
});
