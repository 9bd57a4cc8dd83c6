import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/port/index.js';
import {
  getPowerShellRoot,
  PowerShellError,
  removeItem,
  setPowerShellRoot,
} from '../../src/powershell/index.js';

let root: string;
const previous = getPowerShellRoot();
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pode-rm-'));
  setPowerShellRoot(root);
});
afterAll(() => {
  setPowerShellRoot(previous);
  rmSync(root, { recursive: true, force: true });
});

describe('removeItem (Remove-Item)', () => {
  it('removes files (one or a list) relative to the root, and folders with recurse', () => {
    writeFileSync(join(root, 'a.txt'), 'a');
    writeFileSync(join(root, 'b.txt'), 'b');
    removeItem('a.txt');
    expect(existsSync(join(root, 'a.txt'))).toBe(false);
    writeFileSync(join(root, 'a.txt'), 'a');
    removeItem(['a.txt', 'b.txt']);
    expect(existsSync(join(root, 'b.txt'))).toBe(false);
    mkdirSync(join(root, 'empty'));
    removeItem('empty');
    expect(existsSync(join(root, 'empty'))).toBe(false);
    mkdirSync(join(root, 'full', 'deeper'), { recursive: true });
    writeFileSync(join(root, 'full', 'deeper', 'x'), 'x');
    expect(() => removeItem('full')).toThrow(/Recurse/);
    removeItem('full', { recurse: true });
    expect(existsSync(join(root, 'full'))).toBe(false);
  });

  it('a missing path, a wildcard and a read-only file without force are errors', () => {
    expect(() => removeItem('missing.txt')).toThrow(PowerShellError);
    expect(() => removeItem('*.txt')).toThrow(/wildcards/);
    writeFileSync(join(root, 'locked.txt'), 'x');
    chmodSync(join(root, 'locked.txt'), 0o444);
    expect(() => removeItem('locked.txt')).toThrow(/read-only/);
    removeItem('locked.txt', { force: true });
    expect(existsSync(join(root, 'locked.txt'))).toBe(false);
  });

  it('the converter translates -Path, -Recurse and -Force', async () => {
    const result = await convert(
      "Start-PodeServer {\n    Add-PodeRoute -Method Delete -Path '/cache' -ScriptBlock {\n        Remove-Item -Path './cache' -Recurse -Force | Out-Null\n        Remove-Item './old.txt'\n    }\n}\n",
      { file: 'x.ps1' },
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain("removeItem('./cache', { recurse: true, force: true });");
    expect(result.code).toContain("removeItem('./old.txt');");
  });
});
