/**
 * Raw HTTP(S) for the acceptance tests: requests that fetch cannot make or hides (HEAD bodies,
 * reason phrases, chunked uploads, self-signed https), and child processes running a script
 * against the built package in dist/.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What a raw request returns. */
export interface RawResponse {
  status: number;
  statusMessage: string;
  headers: IncomingHttpHeaders;
  body: string;
  bytes: Buffer;
}

/** Options of {@link rawRequest}. */
export interface RawRequestOptions {
  method?: string;
  headers?: Record<string, string | number>;
  /** Sent in one piece (with a Content-Length unless a header says otherwise). */
  body?: string | Buffer;
  /** Sent one by one with chunked transfer encoding. */
  chunks?: readonly (string | Buffer)[];
}

/** Sends one request over a fresh connection (self-signed certificates accepted) and reads the whole response. */
export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<RawResponse> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolvePromise, reject) => {
    const request = send(
      target,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
        rejectUnauthorized: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolvePromise({
            status: response.statusCode ?? 0,
            statusMessage: response.statusMessage ?? '',
            headers: response.headers,
            body: bytes.toString('utf8'),
            bytes,
          });
        });
      },
    );
    request.on('error', reject);
    if (options.chunks !== undefined) {
      for (const chunk of options.chunks) request.write(chunk);
      request.end();
    } else {
      request.end(options.body);
    }
  });
}

/** The built package entry: child processes import it, so `npm run build` must have run. */
export const DIST_ENTRY = resolve(import.meta.dirname, '../../dist/index.js');

/** A node child process running a script, with its output collected. */
export interface ChildServer {
  child: ChildProcess;
  /** The URL the script printed as `URL <url>` on stdout. */
  url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code and signal when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Writes `source` (an ES module; `PODE` in it is replaced by the dist entry's URL) to a temp
 * file, runs it with node, and resolves once it prints a line `URL <url>`.
 */
export async function spawnScript(source: string): Promise<ChildServer> {
  if (!existsSync(DIST_ENTRY)) {
    throw new Error(`${DIST_ENTRY} is missing: run \`npm run build\` before these tests.`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'pode-ts-child-'));
  const file = join(dir, 'server.mjs');
  await writeFile(file, source.replaceAll('PODE', JSON.stringify(pathToFileURL(DIST_ENTRY).href)));
  const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => {
      void rm(dir, { recursive: true, force: true });
      done({ code, signal });
    }),
  );
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the child printed no URL in time; stderr: ${err}`));
    }, 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^URL (\S+)$/m.exec(out);
      if (match !== null) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the child exited early (${code ?? signal}); stderr: ${err}`));
    });
  });
  return { child, url, stdout: () => out, stderr: () => err, exited };
}
