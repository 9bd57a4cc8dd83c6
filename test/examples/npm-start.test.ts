/**
 * `npm start` stops on SIGTERM: npm passes the signal to the shell running the script, which
 * exits without passing it on, so the demo server stops itself once that shell is gone. Runs the
 * real `npm start` (it builds first: slow, so it has its own file) on free ports.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive } from '../redis/helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const started: number[] = [];
let npm: ChildProcess | undefined;

afterAll(() => {
  for (const pid of started) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  if (npm?.exitCode === null) npm.kill('SIGKILL');
});

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}

describe('npm start', () => {
  it('stops the demo server when npm gets SIGTERM', async () => {
    const child = spawn('npm', ['start'], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    npm = child;
    let output = '';
    const urls: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`npm start did not start: ${output}`)),
        170_000,
      );
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        for (const match of chunk.matchAll(/"pid":(\d+)/g)) started.push(Number(match[1]));
        if (/site: +http:\/\/\S+\//.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', () => reject(new Error(`npm start exited: ${output}`)));
    });
    for (const match of output.matchAll(/site: +(http:\/\/\S+)\//g)) urls.push(match[1]);
    expect(urls).toHaveLength(1);
    const login = await fetch(`${urls[0]}/login`); // the demo site serves its login page
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('pode-ts demo');
    const servers = [...new Set(started)];
    expect(servers).toHaveLength(1);

    const stopped = Date.now();
    child.kill('SIGTERM');
    await exitOf(child);
    expect(await goneWithin(servers[0], 10_000)).toBe(true);
    expect(Date.now() - stopped).toBeLessThan(10_000);
    for (const url of urls) await expect(fetch(url)).rejects.toThrow();
  }, 200_000);
});
