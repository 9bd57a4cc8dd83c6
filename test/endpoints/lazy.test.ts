/**
 * The self-signed certificate maker (`selfsigned` and its X.509 libraries) is loaded only when an
 * endpoint asks for a self-signed certificate: a plain http server never resolves it.
 */
import { describe, expect, it } from 'vitest';
import { spawnScript } from '../acceptance/raw-http.js';
import { RECORD_RESOLVES } from '../lazy-probe.js';

const script = `
${RECORD_RESOLVES}
const { startServer } = await import(PODE);
const server = await startServer((s) => {
  s.addEndpoint({ address: '127.0.0.1', port: 0 });
  s.addRoute('GET', '/seen', (e) => e.writeJson([...seen]));
}, { logger: false, handleSignals: false });
process.on('SIGTERM', () => process.exit(0));
console.log('URL ' + server.url);
`;

describe('lazy loading of the certificate maker', () => {
  it('does not load selfsigned for an http server', async () => {
    const child = await spawnScript(script);
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const seen = (await (await fetch(`${child.url}/seen`)).json()) as string[];
      expect(seen.some((specifier) => specifier.endsWith('dist/index.js'))).toBe(true);
      expect(seen).not.toContain('selfsigned');
    } finally {
      child.child.kill('SIGTERM');
      await child.exited;
    }
  }, 30_000);
});
