/** A server with MCP tools loads ajv only when a tool is first called. */
import { describe, expect, it } from 'vitest';
import { spawnScript } from '../acceptance/raw-http.js';

const script = `
import { createRequire } from 'node:module';
const { startServer } = await import(PODE);
const cache = createRequire(import.meta.url).cache;
const ajvLoaded = () => Object.keys(cache).some((file) => /[\\\\/]node_modules[\\\\/]ajv[\\\\/]/.test(file));
const server = await startServer((s) => {
  s.addEndpoint({ address: '127.0.0.1', port: 0 });
  s.addMcpGroup('G');
  s.addMcpTool('T', { description: 'd', group: 'G', properties: { a: { type: 'string' } } }, () => 'ok');
  s.addRoute('POST', '/mcp', (e) => e.resolveMcpRequest({ group: 'G' }));
  s.addRoute('GET', '/ajv', (e) => e.writeJson({ loaded: ajvLoaded() }));
}, { logger: false, handleSignals: false });
process.on('SIGTERM', () => process.exit(0));
console.log('URL ' + server.url);
`;

describe('MCP loads ajv lazily', () => {
  it('ajv is not loaded by set-up or tools/list, and is by the first tools/call', async () => {
    const child = await spawnScript(script);
    try {
      const loaded = async () =>
        ((await (await fetch(`${child.url}/ajv`)).json()) as { loaded: boolean }).loaded;
      const rpc = (body: unknown) =>
        fetch(`${child.url}/mcp`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect(await loaded()).toBe(false);
      await rpc({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
      expect(await loaded()).toBe(false);
      const call = await rpc({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'T', arguments: { a: 'x' } },
      });
      expect(((await call.json()) as { result: { isError: boolean } }).result.isError).toBe(false);
      expect(await loaded()).toBe(true);
    } finally {
      child.child.kill('SIGTERM');
      await child.exited;
    }
  }, 60_000);
});
