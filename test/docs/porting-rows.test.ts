/**
 * Rows of the porting guide that a new user tripped over: `-Threads` must say that sessions then
 * need a shared store, and `Write-PodeHost` must have a row.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const guide = readFileSync(new URL('../../docs/porting.md', import.meta.url), 'utf8');
const rows = guide.split('\n').filter((line) => line.startsWith('| `'));

function rowFor(cmdlet: string): string | undefined {
  return rows.find((row) => row.split('|')[1].includes(cmdlet));
}

describe('docs/porting.md', () => {
  it('the -Threads row says sessions then need a shared store such as RedisStore', () => {
    const row = rowFor('-Threads');
    expect(row).toBeDefined();
    expect(row).toMatch(/shared store/);
    expect(row).toContain('RedisStore');
    expect(row).toContain('PODE_ERR_SESSION_SHARED_STORE');
  });

  it('Write-PodeHost has a row saying what replaces it', () => {
    const row = rowFor('Write-PodeHost');
    expect(row).toBeDefined();
    expect(row).toContain('console.log');
    expect(row).toMatch(/-Quiet/);
  });
});
