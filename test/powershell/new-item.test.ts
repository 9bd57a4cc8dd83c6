import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/port/index.js';
import {
  getPowerShellRoot,
  newItem,
  PowerShellError,
  setPowerShellRoot,
  testPath,
} from '../../src/powershell/index.js';

let root: string;
const previous = getPowerShellRoot();
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pode-ni-'));
  setPowerShellRoot(root);
});
afterAll(() => {
  setPowerShellRoot(previous);
  rmSync(root, { recursive: true, force: true });
});

describe('newItem (New-Item)', () => {
  it('creates a folder with the folders above it, and returns it as an item', () => {
    const made = newItem('data/images', { itemType: 'Directory' });
    expect(statSync(join(root, 'data', 'images')).isDirectory()).toBe(true);
    expect(made.Name).toBe('images');
    expect(made.PSIsContainer).toBe(true);
  });

  it('an existing folder is an error, unless force (then it is returned as it is)', () => {
    newItem('kept', { itemType: 'directory' });
    expect(() => newItem('kept', { itemType: 'Directory' })).toThrow(/already exists/);
    expect(newItem('kept', { itemType: 'Directory', force: true }).FullName).toBe(
      join(root, 'kept'),
    );
  });

  it('creates a file (File is the default) with its value; force overwrites and makes its folders', () => {
    const file = newItem('note.txt', { value: 'hello' });
    expect(file.PSIsContainer).toBe(false);
    expect(readFileSync(join(root, 'note.txt'), 'utf8')).toBe('hello');
    expect(() => newItem('note.txt')).toThrow(PowerShellError);
    newItem('note.txt', { value: 'again', force: true });
    expect(readFileSync(join(root, 'note.txt'), 'utf8')).toBe('again');
    expect(() => newItem('missing/deep.txt')).toThrow(/Could not find a part of the path/);
    newItem('missing/deep.txt', { value: 1, force: true });
    expect(readFileSync(join(root, 'missing', 'deep.txt'), 'utf8')).toBe('1');
  });

  it('rejects an empty path, an unknown item type, and a file where a folder is asked for', () => {
    expect(() => newItem('')).toThrow(/empty string/);
    expect(() => newItem('link', { itemType: 'SymbolicLink' })).toThrow(/not supported/);
    newItem('plain.txt');
    expect(() => newItem('plain.txt', { itemType: 'Directory', force: true })).toThrow(
      /already exists/,
    );
  });

  it('is what the converter makes of New-Item', async () => {
    const script = `Start-PodeServer {
  New-Item -ItemType Directory -Path './data' -Force | Out-Null
  Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http
}`;
    const result = await convert(script, { file: 'server.ps1' });
    expect(result.code).toContain("newItem('./data', { itemType: 'Directory', force: true });");
    expect(result.todos).toBe(0);
  });
});

describe('testPath pathType', () => {
  it('reads Leaf and Container in any case, as PowerShell does, and refuses another value', () => {
    newItem('cased', { itemType: 'Directory' });
    expect(testPath('cased', { pathType: 'container' })).toBe(true);
    expect(testPath('cased', { pathType: 'LEAF' })).toBe(false);
    expect(() => testPath('cased', { pathType: 'Folder' })).toThrow(/PathType/);
  });
});
