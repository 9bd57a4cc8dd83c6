/**
 * A hello-world server pays nothing for web-site features: Eta and @fastify/send are loaded on
 * the first view or file, not when pode-ts is imported. A child process records every module
 * specifier it resolves through a module.register hook.
 */
import { describe, expect, it } from 'vitest';
import { spawnScript } from '../acceptance/raw-http.js';
import { RECORD_RESOLVES } from '../lazy-probe.js';

const script = `
${RECORD_RESOLVES}
const { startServer } = await import(PODE);
const { mkdtempSync, writeFileSync, mkdirSync, rmSync } = await import('node:fs');
const { join } = await import('node:path');
const { tmpdir } = await import('node:os');
const root = mkdtempSync(join(tmpdir(), 'pode-ts-lazy-'));
mkdirSync(join(root, 'views'));
writeFileSync(join(root, 'views', 'page.eta'), '<p><%= it.x %></p>');
writeFileSync(join(root, 'file.txt'), 'file');
const server = await startServer((s) => {
  s.addEndpoint({ address: '127.0.0.1', port: 0 });
  s.setViewEngine({ type: 'eta' });
  s.addRoute('GET', '/', (e) => e.writeText('hello'));
  s.addRoute('GET', '/view', (e) => e.writeView('page', { x: 1 }));
  s.addRoute('GET', '/file', (e) => e.writeFile('./file.txt'));
  s.addRoute('GET', '/seen', (e) => e.writeJson([...seen]));
}, { logger: false, handleSignals: false, root });
process.on('SIGTERM', () => {
  rmSync(root, { recursive: true, force: true });
  process.exit(0);
});
console.log('URL ' + server.url);
`;

describe('lazy loading', () => {
  it('loads neither Eta nor @fastify/send until a view or a file is sent', async () => {
    const child = await spawnScript(script);
    try {
      await (await fetch(`${child.url}/`)).text();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const before = (await (await fetch(`${child.url}/seen`)).json()) as string[];
      expect(before.some((specifier) => specifier.endsWith('dist/index.js'))).toBe(true);
      expect(before).not.toContain('eta');
      expect(before).not.toContain('@fastify/send');
      expect(await (await fetch(`${child.url}/view`)).text()).toBe('<p>1</p>');
      expect(await (await fetch(`${child.url}/file`)).text()).toBe('file');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const after = (await (await fetch(`${child.url}/seen`)).json()) as string[];
      expect(after).toContain('eta');
      expect(after).toContain('@fastify/send');
    } finally {
      child.child.kill('SIGTERM');
      await child.exited;
    }
  }, 20_000);
});
