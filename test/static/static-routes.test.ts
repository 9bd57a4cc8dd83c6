import { describe, expect, it } from 'vitest';
import { serve } from '../helpers.js';
import { standardSite } from './fixtures.js';

const root = standardSite();

async function site(options = {}) {
  return serve((s) => {
    s.addStaticRoute('/assets', './assets', options);
    s.addRoute('GET', '/api/hello', (e) => e.writeText('hello'));
  }, { root });
}

describe('static routes', () => {
  it('serves a file with its type, length, ETag and Last-Modified', async () => {
    const server = await site();
    const response = await fetch(`${server.url}/assets/site.css`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(response.headers.get('content-length')).toBe('20');
    expect(response.headers.get('etag')).toMatch(/^W\/"/);
    expect(response.headers.get('last-modified')).not.toBeNull();
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(await response.text()).toBe('body { color: red; }');
  });
});
