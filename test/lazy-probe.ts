/**
 * What the lazy-load tests share: child processes on dist/ that record every module specifier
 * they resolve, through a `module.register` resolve hook, so a test can tell whether (and when)
 * an optional library was imported.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DIST_ENTRY = join(import.meta.dirname, '..', 'dist', 'index.js');

/**
 * The start of a server script for `spawnScript`: a Set `seen` gets every specifier the process
 * resolves from then on (the hook runs on Node's loader thread and posts each one back).
 */
export const RECORD_RESOLVES = `
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const seen = new Set();
const { port1, port2 } = new MessageChannel();
port1.on('message', (specifier) => seen.add(specifier));
port1.unref();
const hooks = 'data:text/javascript,' + encodeURIComponent(
  'let port; export function initialize(data) { port = data.port; }' +
  'export async function resolve(specifier, context, next) { port.postMessage(specifier); return next(specifier, context); }',
);
register(hooks, import.meta.url, { data: { port: port2 }, transferList: [port2] });
`;

/**
 * Runs `body` (an ES module; `PODE` in it is replaced by the dist entry's URL) to its end in a
 * fresh process and returns the JSON of its last line. In `body`, `resolved(name)` tells whether
 * the specifier `name` has been resolved so far: the hook writes each one to a log before the
 * import goes on, so the answer is exact at every point of the script.
 */
export async function runProbe(body: string): Promise<unknown> {
  if (!existsSync(DIST_ENTRY)) {
    throw new Error(`${DIST_ENTRY} is missing: run \`npm run build\` before these tests.`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'pode-ts-probe-'));
  try {
    const log = join(dir, 'resolved.log');
    const hooks = join(dir, 'hooks.mjs');
    await writeFile(
      hooks,
      `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  appendFileSync(${JSON.stringify(log)}, specifier + '\\n');
  return next(specifier, context);
}
`,
    );
    const register = join(dir, 'register.mjs');
    await writeFile(
      register,
      `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(hooks).href)});
`,
    );
    const script = join(dir, 'probe.mjs');
    await writeFile(
      script,
      `import { existsSync, readFileSync } from 'node:fs';
const resolved = (name) =>
  existsSync(${JSON.stringify(log)}) && readFileSync(${JSON.stringify(log)}, 'utf8').split('\\n').includes(name);
${body.replaceAll('PODE', JSON.stringify(pathToFileURL(DIST_ENTRY).href))}`,
    );
    const { stdout } = await run(process.execPath, ['--import', register, script], {
      timeout: 60_000,
    });
    return JSON.parse(stdout.trim().split('\n').pop() as string);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
