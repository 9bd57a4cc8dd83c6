/**
 * A server without Windows AD authentication never loads ldapts; one with it loads it on the
 * first login, not at start-up. Runs a real process on dist/ with a module-resolution hook that
 * logs every `ldapts` import.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'pode-ldapts-'));
const dist = pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'index.js')).href;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  join(dir, 'hooks.mjs'),
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (specifier === 'ldapts') appendFileSync(process.env.LDAPTS_LOG, 'ldapts\\n');
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

// Starts a server (with or without AD), makes one login request (the directory on port 1 of
// 127.0.0.1 is unreachable), and reports whether ldapts was imported before it and after it.
function script(withAd: boolean): string {
  return `import { readFileSync, existsSync } from 'node:fs';
import { basic, startServer } from ${JSON.stringify(dist)};
const loaded = () => existsSync(process.env.LDAPTS_LOG) && readFileSync(process.env.LDAPTS_LOG, 'utf8').includes('ldapts');
const server = await startServer((s) => {
  s.addEndpoint({ address: '127.0.0.1', port: 0 });
  ${
    withAd
      ? "s.addAuthWindowsAd('A', basic(), { fqdn: '127.0.0.1:1', domain: 'CORP', sessionless: true });"
      : "s.addAuth('A', basic(), () => ({ user: { id: 1 } }), { sessionless: true });"
  }
  s.addRoute({ method: 'GET', path: '/', authentication: 'A' }, (e) => e.writeText('ok'));
}, { logger: false, handleSignals: false });
const before = loaded();
const response = await fetch(server.url, { headers: { authorization: 'Basic ' + Buffer.from('a:b').toString('base64') } });
await response.arrayBuffer();
await server.stop();
console.log(JSON.stringify({ before, after: loaded(), status: response.status }));
`;
}

async function probe(
  withAd: boolean,
): Promise<{ before: boolean; after: boolean; status: number }> {
  const file = join(dir, `server-${withAd ? 'ad' : 'plain'}.mjs`);
  const log = join(dir, `ldapts-${withAd ? 'ad' : 'plain'}.log`);
  writeFileSync(file, script(withAd));
  const { stdout } = await run(process.execPath, ['--import', join(dir, 'register.mjs'), file], {
    env: { ...process.env, LDAPTS_LOG: log },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop() as string);
}

describe('ldapts is loaded lazily', () => {
  it('a server without Windows AD authentication never imports ldapts', async () => {
    expect(await probe(false)).toEqual({ before: false, after: false, status: 200 });
  }, 90_000);

  it('a server with it imports ldapts on the first login, not at start-up', async () => {
    expect(await probe(true)).toEqual({ before: false, after: true, status: 401 });
  }, 90_000);
});
