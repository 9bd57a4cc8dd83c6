/**
 * The OpenAPI documents of the converter's corpus scripts (test/port/corpus/openapi-*), run as a
 * user runs them (`pode-ts run server.ps1 --port 0`), pass a real OpenAPI validator: the
 * fixtures' documents are checked as the example's are in document.test.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApiErrors } from './validator.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

/** Starts `pode-ts run` on a corpus script and resolves to its URL once it listens. */
function run(script: string): Promise<string> {
  const child = spawn(process.execPath, [CLI, 'run', script, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no listening line: ${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url !== undefined) {
        clearTimeout(timer);
        resolve(url.replace(/\/$/, ''));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}: ${output}`));
    });
  });
}

describe("the converted corpus scripts' OpenAPI documents", () => {
  const cases = [
    { name: 'openapi-pets', paths: ['/docs/openapi'] },
    { name: 'openapi-definitions', paths: ['/docs/openapi', '/docs/v2/openapi'] },
    { name: 'openapi-webhooks', paths: ['/docs/openapi'] },
  ];
  for (const { name, paths } of cases) {
    it(`${name}: every document it serves is a valid OpenAPI document`, async () => {
      expect(existsSync(CLI), 'dist/cli.js is missing: run npm run build').toBe(true);
      const url = await run(join(ROOT, 'test', 'port', 'corpus', name, 'server.ps1'));
      for (const path of paths) {
        const response = await fetch(`${url}${path}`);
        expect(response.status).toBe(200);
        const document = (await response.json()) as { openapi: string; paths: object };
        expect(document.openapi).toMatch(/^3\./);
        expect(Object.keys(document.paths).length).toBeGreaterThan(0);
        expect(await openApiErrors(document)).toBeUndefined();
      }
    }, 90_000);
  }
});
