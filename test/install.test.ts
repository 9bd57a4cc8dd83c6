/**
 * Installing pode-ts as the README says, as a new user would: `npm pack` in the checkout, then
 * `npm install <tarball>` in a fresh project, and the README's Quick start (on port 0), compiled
 * with tsc and run with node. With `"type": "module"` it serves; without it tsc refuses the
 * top-level await (the failure the README warns about). Dependencies come from npm's cache (npm
 * ci filled it). Needs dist/ (npm test builds it).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const temporary = mkdtempSync(join(tmpdir(), 'pode-install-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

const readme = readFileSync(join(root, 'README.md'), 'utf8');
/** The README's first TypeScript block (the Quick start), on a free port. */
const quickStart = /```ts\n([\s\S]*?)```/
  .exec(readme)![1]
  .replace("address: 'localhost', port: 8080", "address: '127.0.0.1', port: 0");
const TSC = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

function project(name: string, manifest: Record<string, unknown>, tarball: string): string {
  const dir = join(temporary, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, ...manifest }));
  execFileSync(
    'npm',
    ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'],
    { cwd: dir, stdio: 'pipe' },
  );
  writeFileSync(join(dir, 'server.ts'), quickStart);
  return dir;
}

function compile(dir: string) {
  return spawnSync(
    process.execPath,
    [TSC, 'server.ts', '--module', 'nodenext', '--target', 'es2022', '--strict', '--skipLibCheck'],
    { cwd: dir, encoding: 'utf8' },
  );
}

describe('installing from a packed tarball, as the README says', () => {
  it('the README gives the commands and the ESM requirement this test follows', () => {
    expect(readme).toContain('npm pack');
    expect(readme).toContain('npm install ../pode-ts/pode-ts-0.1.0.tgz');
    expect(readme).toContain('"type": "module"');
  });

  it('runs the Quick start server in a project with "type": "module", and fails without it', async () => {
    const packed = execFileSync(
      'npm',
      ['pack', '--ignore-scripts', '--pack-destination', temporary],
      { cwd: root, encoding: 'utf8' },
    );
    const tarball = join(temporary, packed.trim().split('\n').at(-1)!);

    const esm = project('esm-app', { type: 'module' }, tarball);
    const compiled = compile(esm);
    expect(compiled.stdout).toBe('');
    const child = spawn(process.execPath, ['server.js'], {
      cwd: esm,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      // The Quick start's own line (pode-ts's pino log lines come on stdout too).
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
          output += chunk;
          const match = /^listening on (http:\/\/[^\s"]+)$/m.exec(output);
          if (match) resolve(match[1]);
        });
        child.once('exit', () => reject(new Error(`The server exited: ${output}`)));
      });
      expect(await (await fetch(url)).json()).toEqual({ views: 1 });
    } finally {
      child.kill('SIGKILL');
    }

    const commonjs = project('cjs-app', {}, tarball);
    const refused = compile(commonjs);
    expect(refused.status).not.toBe(0);
    expect(refused.stdout).toContain(
      "error TS1309: The current file is a CommonJS module and cannot use 'await' at the top level.",
    );
  }, 240_000);
});
