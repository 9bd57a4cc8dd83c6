import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';

const DIST = pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'index.js')).href;

// A threaded server with timers and no endpoint: the workers run the timer (in the one the
// primary elects), the primary resolves with no endpoint, and SIGTERM stops every process.
it('threads: 2 with a timer and no endpoint: runs the timer in a worker and stops on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pode-ts-no-endpoint-'));
  const file = join(dir, 'server.mjs');
  writeFileSync(
    file,
    [
      "import cluster from 'node:cluster';",
      `import { startServer } from ${JSON.stringify(DIST)};`,
      'const server = await startServer(',
      "  (s) => s.addTimer('tick', { interval: 1 }, () => console.log('tick ' + cluster.isWorker)),",
      '  { threads: 2, logger: false },',
      ');',
      "if (cluster.isPrimary) console.log('started ' + JSON.stringify(server.endpoints) + ' ' + JSON.stringify(server.url));",
    ].join('\n'),
  );
  const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    // bounded: 20 s for two workers to start and the first tick
    for (let wait = 0; wait < 200 && !/tick true/.test(stdout); wait++) {
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^started \[\] ""$/m);
    expect(stdout).toMatch(/^tick true$/m);
    expect(stdout).not.toMatch(/^tick false$/m);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exit).toBe(0);
}, 40_000);
