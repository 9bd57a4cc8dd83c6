/**
 * A throw-away site on disk for the static-file and view tests: a server root holding `public/`,
 * `assets/` (with a sub-folder, a dotfile and an index), `views/` and a secret beside them that
 * nothing may serve.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

/** Makes a fresh site folder from `files` (relative path → content); removed after the test file. */
export function makeSite(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'pode-ts-site-'));
  for (const [path, content] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

/** Makes a symlink at `link` (relative to `root`) pointing at `target` (absolute). */
export function link(root: string, link: string, target: string): void {
  mkdirSync(dirname(join(root, link)), { recursive: true });
  symlinkSync(target, join(root, link));
}

/** The standard site: assets, public, a secret outside both, and symlinks in and out. */
export function standardSite(): string {
  const root = makeSite({
    'secret.txt': 'TOP SECRET',
    'assets/site.css': 'body { color: red; }',
    'assets/app.js': 'console.log(1);',
    'assets/data.json': '{"a":1}',
    'assets/index.html': '<h1>assets index</h1>',
    'assets/.env': 'PASSWORD=1',
    'assets/.hidden/file.txt': 'hidden',
    'assets/docs/readme.txt': 'read me',
    'assets/docs/guide.txt': 'guide',
    'assets/big.bin': Buffer.alloc(64 * 1024, 7),
    'assets/%2e%2e/literal.txt': 'a folder really named %2e%2e',
    'assets/space name.txt': 'spaced',
    'downloads/report.pdf': '%PDF-1.4 fake',
    'downloads/naïve.txt': 'unicode name',
    'public/favicon.ico': 'ico',
    'public/index.html': '<h1>public index</h1>',
    'public/css/main.css': 'main {}',
  });
  link(root, 'assets/outside.txt', join(root, 'secret.txt'));
  link(root, 'assets/outside-dir', root);
  link(root, 'assets/inside.txt', join(root, 'assets/site.css'));
  return root;
}

/** What {@link rawGet} returns. */
export interface RawAnswer {
  status: number;
  headers: import('node:http').IncomingHttpHeaders;
  body: string;
  /** The body's bytes as received (not decoded). */
  raw: Buffer;
}

/**
 * Sends `path` exactly as given (no URL normalisation: `..`, `%2e`, backslashes reach the
 * server as written) and reads the whole answer.
 */
export function rawGet(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        hostname,
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            raw: Buffer.concat(chunks),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}
