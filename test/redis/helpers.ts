/**
 * Redis helpers for the tests: a client on the shared test Redis (127.0.0.1:6379), a unique key
 * prefix per test whose keys are deleted afterwards, a throwaway redis-server of our own on a
 * free port (for outages), and child server processes running test/fixtures/session-server.mjs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Redis, type RedisOptions } from 'ioredis';

export const REDIS_PORT = 6379;

/** A unique prefix for one test's keys. */
export function uniquePrefix(): string {
  return `pode:test:${randomUUID()}:`;
}

/** A client on the shared test Redis, with the settings docs/scaling.md recommends. */
export function redisClient(options: RedisOptions = {}): Redis {
  const client = new Redis({
    host: '127.0.0.1',
    port: REDIS_PORT,
    socketTimeout: 5_000,
    maxRetriesPerRequest: 1,
    ...options,
  });
  client.on('error', () => {}); // connection errors surface as failed commands
  return client;
}

/** Deletes every key starting with `prefix`. */
export async function deleteKeys(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A redis-server of our own (AOF on, fsync always, in a temporary directory) that a test may stop. */
export class OwnRedis {
  readonly port: number;
  readonly dir = mkdtempSync(join(tmpdir(), 'pode-redis-'));
  #process: ChildProcess | undefined;

  constructor(port: number) {
    this.port = port;
  }

  /** Starts redis-server and resolves once it answers PING. */
  async start(): Promise<void> {
    this.#process = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--dir',
        this.dir,
        '--daemonize',
        'no',
      ],
      { stdio: 'ignore' },
    );
    const probe = new Redis({ port: this.port, host: '127.0.0.1', lazyConnect: true });
    probe.on('error', () => {});
    try {
      const deadline = Date.now() + 5_000;
      for (;;) {
        try {
          await probe.connect();
          await probe.ping();
          return;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          probe.disconnect();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    } finally {
      probe.disconnect();
    }
  }

  /** Freezes the server (SIGSTOP): connections stay open, nothing is answered, nothing is lost. */
  pause(): void {
    this.#process?.kill('SIGSTOP');
  }

  /** Thaws a paused server (SIGCONT). */
  resume(): void {
    this.#process?.kill('SIGCONT');
  }

  /** Kills the server at once (SIGKILL) and resolves when it is gone. */
  async crash(): Promise<void> {
    const child = this.#process;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGCONT');
    child.kill('SIGKILL');
    await exited;
  }

  /** Kills the server and removes its directory. */
  async destroy(): Promise<void> {
    await this.crash();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A server process running test/fixtures/session-server.mjs against dist/. */
export class ServerProcess {
  readonly child: ChildProcess;
  readonly lines: Record<string, unknown>[] = [];
  readonly #waiters: {
    test: (line: Record<string, unknown>) => boolean;
    resolve: (line: Record<string, unknown>) => void;
  }[] = [];

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [FIXTURE], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    createInterface({ input: this.child.stdout! }).on('line', (text) => {
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return;
      }
      this.lines.push(line);
      for (const waiter of [...this.#waiters]) {
        if (waiter.test(line)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    });
  }

  /** Resolves with the first stdout JSON line (already printed or to come) matching `test`. */
  waitFor(
    test: (line: Record<string, unknown>) => boolean,
    timeoutMs = 10_000,
  ): Promise<Record<string, unknown>> {
    const seen = this.lines.find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(`No matching line within ${timeoutMs} ms; got ${JSON.stringify(this.lines)}`),
        );
      }, timeoutMs);
      this.#waiters.push({
        test,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
    });
  }

  /** The URL the fixture printed once listening. */
  async url(): Promise<string> {
    const line = await this.waitFor((candidate) => 'url' in candidate || 'error' in candidate);
    if (typeof line.url !== 'string') throw new Error(`The fixture failed: ${String(line.error)}`);
    return line.url;
  }

  /** Resolves with the exit code and signal once the process is gone. */
  exited(timeoutMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) {
      return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The process did not exit')), timeoutMs);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal });
      });
    });
  }

  /** Asks the fixture to call server.stop() (a line on its stdin). */
  requestStop(): void {
    this.child.stdin?.write('stop\n');
  }

  /** Kills the process (if still running) and waits for it to go. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited();
  }
}

const FIXTURE = new URL('../fixtures/session-server.mjs', import.meta.url).pathname;

/** Whether a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
