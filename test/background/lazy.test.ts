/**
 * A server that uses no background feature loads none of its dependencies (croner, async-mutex,
 * redis-semaphore); one that does loads them on first use. Runs test/fixtures/background-lazy.mjs
 * against dist/ (npm run build first).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const FIXTURE = new URL('../fixtures/background-lazy.mjs', import.meta.url).pathname;

function loaded(env: Record<string, string>): string[] {
  const output = execFileSync(process.execPath, [FIXTURE], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return output
    .split('\n')
    .filter((line) => line.startsWith('LOADED '))
    .map((line) => line.slice('LOADED '.length));
}

describe('the background loads lazily', () => {
  it('a hello-world server loads none of croner, async-mutex or redis-semaphore', () => {
    expect(loaded({})).toEqual([]);
  });

  it('a schedule loads croner, and a lock async-mutex, on first use', () => {
    const names = loaded({ USE: '1' });
    expect(names).toContain('croner');
    expect(names).toContain('async-mutex');
    expect(names).not.toContain('redis-semaphore');
  });
});
