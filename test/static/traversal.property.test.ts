/**
 * Property: whatever path a client sends to a static route, no byte of a file outside its folder
 * (nor a dotfile, nor a symlink out) is ever served. Paths are generated from pieces chosen to
 * combine into every spelling of a way out: dots, encoded and double-encoded dots and slashes,
 * backslashes, NUL bytes, the names of the secret and of the links that lead out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serve } from '../helpers.js';
import { rawGet, standardSite } from './fixtures.js';

const root = standardSite();

const pieces = [
  '..',
  '.',
  '%2e',
  '%2E',
  '%2e%2e',
  '.%2e',
  '%252e',
  '%252e%252e',
  '%25252e',
  '/',
  '//',
  '%2f',
  '%2F',
  '%252f',
  '%5c',
  '%5C',
  '\\',
  '%00',
  '%c0%af',
  'secret.txt',
  'outside.txt',
  'outside-dir',
  'docs',
  '.env',
  '%2eenv',
  '.hidden',
  'site.css',
  'assets',
  '~',
  ';',
  '%3b',
];

// What may legitimately come back: a file really inside the folder, a listing, or an error page.
const forbidden = ['TOP SECRET', 'PASSWORD=1', 'hidden'];

describe('static traversal property', () => {
  it('never serves a file from outside the folder, a dotfile or a symlink out, whatever the path', async () => {
    const server = await serve(
      (s) => s.addStaticRoute('/assets', './assets', { fileBrowser: true }),
      { root },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 }),
        async (parts) => {
          const path = `/assets/${parts.join('')}`;
          const response = await rawGet(server.url, path);
          for (const secret of forbidden) expect(response.body, path).not.toContain(secret);
          expect(response.status, path).toBeLessThan(500);
        },
      ),
      { numRuns: 400 },
    );
    // The folder is still served after all that.
    expect((await fetch(`${server.url}/assets/site.css`)).status).toBe(200);
  }, 60_000);
});
