/**
 * Test helpers: start a real pode-ts server on port 0 from a set-up function, and talk to it
 * over HTTP with a client that keeps cookies like a browser does (one jar per client).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type Logger, pino } from 'pino';
import { afterEach } from 'vitest';
import {
  type RunningServer,
  type ServerBuilder,
  type ServerOptions,
  startServer,
} from '../src/index.js';

const running = new Set<RunningServer>();

afterEach(async () => {
  await Promise.all([...running].map((server) => server.stop()));
  running.clear();
});

/** Starts a server on 127.0.0.1:0 (unless the set-up adds its own endpoint) and stops it after the test. */
export async function serve(
  setup: (s: ServerBuilder) => unknown,
  options: ServerOptions = {},
  { endpoint = true }: { endpoint?: boolean } = {},
): Promise<RunningServer> {
  const server = await startServer(
    async (s) => {
      if (endpoint) s.addEndpoint({ address: '127.0.0.1', port: 0 });
      await setup(s);
    },
    { logger: false, handleSignals: false, ...options },
  );
  running.add(server);
  return server;
}

/** A cookie-keeping HTTP client bound to one base URL (a browser's cookie jar, simplified). */
export class Client {
  readonly jar = new Map<string, string>();
  readonly baseUrl: string;
  readonly defaultHeaders: Record<string, string>;

  constructor(baseUrl: string, defaultHeaders: Record<string, string> = {}) {
    this.baseUrl = baseUrl;
    this.defaultHeaders = defaultHeaders;
  }

  /** Sends a request with the jar's cookies, stores the response's Set-Cookie values, returns the response. */
  async fetch(
    path: string,
    init: RequestInit & { headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...this.defaultHeaders, ...init.headers };
    const cookie = this.cookieHeader();
    if (cookie !== '' && headers.cookie === undefined) headers.cookie = cookie;
    const response = await fetch(new URL(path, this.baseUrl), {
      redirect: 'manual',
      ...init,
      headers,
    });
    for (const line of response.headers.getSetCookie()) this.#store(line);
    return response;
  }

  /** GET `path` and parse the JSON body. */
  async json<T = unknown>(
    path: string,
    init?: RequestInit & { headers?: Record<string, string> },
  ): Promise<T> {
    const response = await this.fetch(path, init);
    return (await response.json()) as T;
  }

  cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  #store(line: string): void {
    const [pair, ...attributes] = line.split(';');
    const equals = pair.indexOf('=');
    const name = pair.slice(0, equals).trim();
    const value = pair.slice(equals + 1).trim();
    const maxAge = attributes
      .map((a) => a.trim())
      .find((a) => a.toLowerCase().startsWith('max-age='));
    if (maxAge !== undefined && Number(maxAge.slice(8)) <= 0) this.jar.delete(name);
    else this.jar.set(name, value);
  }
}

/** Parses one Set-Cookie line into its name, value and attributes (lower-case keys). */
export function parseSetCookie(line: string): {
  name: string;
  value: string;
  attributes: Record<string, string>;
} {
  const [pair, ...rest] = line.split(';');
  const equals = pair.indexOf('=');
  const attributes: Record<string, string> = {};
  for (const attribute of rest) {
    const [key, ...value] = attribute.trim().split('=');
    attributes[key.toLowerCase()] = value.join('=');
  }
  return { name: pair.slice(0, equals).trim(), value: pair.slice(equals + 1).trim(), attributes };
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A fresh self-signed certificate for localhost (made with the openssl command), as PEM buffers. */
export function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'pode-ts-tls-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ].concat(['-days', '1', '-subj', '/CN=localhost']),
      { stdio: 'ignore' },
    );
    return { key: readFileSync(keyFile), cert: readFileSync(certFile) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts a server on 127.0.0.1:0 whose set-up must fail, and resolves to the rejection. If it
 * starts after all, it is stopped (nothing left listening) and the test fails.
 */
export async function setupFailure(
  setup: (s: ServerBuilder) => unknown,
  options: ServerOptions = {},
): Promise<unknown> {
  let server: RunningServer;
  try {
    server = await startServer(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        return setup(s);
      },
      { logger: false, handleSignals: false, ...options },
    );
  } catch (error) {
    return error;
  }
  await server.stop();
  throw new Error('startServer resolved, but a set-up error was expected');
}

/** A pino log line as {@link memoryLogger} keeps it. */
export interface MemoryLogLine {
  level: number;
  msg?: string;
  view?: string;
  err?: { message?: string };
  [key: string]: unknown;
}

/** A pino logger writing into memory: `lines` holds each line parsed, in order. */
export function memoryLogger(): { logger: Logger; lines: MemoryLogLine[] } {
  const lines: MemoryLogLine[] = [];
  const logger = pino(
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
        callback();
      },
    }),
  );
  return { logger, lines };
}
