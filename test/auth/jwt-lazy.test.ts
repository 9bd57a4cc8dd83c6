/**
 * A server without JWT never loads jose; one with a JWT scheme loads it on the first token, not at
 * start-up. Runs a real process on dist/ with a module-resolution hook that logs every `jose` import.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'pode-jose-'));
const dist = pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'index.js')).href;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  join(dir, 'hooks.mjs'),
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (specifier === 'jose') appendFileSync(process.env.JOSE_LOG, 'jose\\n');
  return next(specifier, context);
}
`,
);
writeFileSync(
  join(dir, 'register.mjs'),
  `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});
`,
);

// Starts a server (with or without a JWT scheme), makes one authenticated request, and reports
// whether jose was imported before the request and after it.
function script(withJwt: boolean): string {
  return `import { readFileSync, existsSync } from 'node:fs';
import { basic, bearer, startServer } from ${JSON.stringify(dist)};
const loaded = () => existsSync(process.env.JOSE_LOG) && readFileSync(process.env.JOSE_LOG, 'utf8').includes('jose');
const server = await startServer((s) => {
  s.addEndpoint({ address: '127.0.0.1', port: 0 });
  s.addAuth('A', ${withJwt ? "bearer({ asJwt: true, secret: 'secret-of-enough-length-123456' })" : 'basic()'}, () => ({ user: { id: 1 } }), { sessionless: true });
  s.addRoute({ method: 'GET', path: '/', authentication: 'A' }, (e) => e.writeText('ok'));
}, { logger: false, handleSignals: false });
const before = loaded();
const response = await fetch(server.url, { headers: { authorization: ${withJwt ? "'Bearer a.b.c'" : "'Basic ' + Buffer.from('a:b').toString('base64')"} } });
await response.arrayBuffer();
await server.stop();
console.log(JSON.stringify({ before, after: loaded(), status: response.status }));
`;
}

async function probe(
  withJwt: boolean,
): Promise<{ before: boolean; after: boolean; status: number }> {
  const file = join(dir, `server-${withJwt ? 'jwt' : 'plain'}.mjs`);
  const log = join(dir, `jose-${withJwt ? 'jwt' : 'plain'}.log`);
  writeFileSync(file, script(withJwt));
  const { stdout } = await run(process.execPath, ['--import', join(dir, 'register.mjs'), file], {
    env: { ...process.env, JOSE_LOG: log },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop() as string);
}

describe('jose is loaded lazily', () => {
  it('a server without JWT never imports jose', async () => {
    expect(await probe(false)).toEqual({ before: false, after: false, status: 200 });
  }, 90_000);

  it('a server with a JWT scheme imports it on the first token, not at start-up', async () => {
    expect(await probe(true)).toEqual({ before: false, after: true, status: 401 });
  }, 90_000);
});
