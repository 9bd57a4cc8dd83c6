/** Child server processes running test/fixtures/background-server.mjs against dist/. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const FIXTURE = new URL('../fixtures/background-server.mjs', import.meta.url).pathname;

export class BackgroundProcess {
  readonly child: ChildProcess;
  readonly lines: Record<string, unknown>[] = [];
  readonly #waiters: (() => void)[] = [];

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [FIXTURE], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    createInterface({ input: this.child.stdout! }).on('line', (text) => {
      try {
        this.lines.push(JSON.parse(text) as Record<string, unknown>);
      } catch {
        return;
      }
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  /** The first line with this key, within the time limit. */
  async line(key: string, timeoutMs = 20_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.find((line) => key in line || 'error' in line);
      if (found !== undefined) {
        if ('error' in found) throw new Error(`The fixture failed: ${String(found.error)}`);
        return found;
      }
      if (Date.now() > deadline)
        throw new Error(`No '${key}' line; got ${JSON.stringify(this.lines)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async url(): Promise<string> {
    return String((await this.line('url')).url);
  }

  stop(): void {
    this.child.stdin?.write('stop\n');
  }

  /** Resolves with the exit code once the process is gone, or rejects after the time limit. */
  exited(timeoutMs = 15_000): Promise<number | null> {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null)
      return Promise.resolve(child.exitCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The process did not exit')), timeoutMs);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited().catch(() => {});
  }
}
