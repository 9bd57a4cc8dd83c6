/**
 * The file and path helpers, relative paths resolved against setPowerShellRoot.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addContent,
  fileExists,
  fileReadAllText,
  fileWriteAllText,
  getChildItem,
  getContent,
  getPowerShellRoot,
  joinPath,
  outFile,
  PowerShellError,
  pathCombine,
  pathGetDirectoryName,
  pathGetExtension,
  pathGetFileName,
  pathGetFileNameWithoutExtension,
  setContent,
  setPowerShellRoot,
  testPath,
} from '../../src/powershell/index.js';

let root: string;
const previous = getPowerShellRoot();

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pode-ts-ps-files-'));
  mkdirSync(join(root, 'views', 'partials'), { recursive: true });
  writeFileSync(join(root, 'views', 'index.html'), '<h1>hi</h1>');
  writeFileSync(join(root, 'views', 'partials', 'head.html'), '<head>');
  writeFileSync(join(root, 'data.json'), '\uFEFF{"a":1}\r\nline two\n');
  expect(setPowerShellRoot(root)).toBe(root);
});

afterAll(() => {
  setPowerShellRoot(previous);
  rmSync(root, { recursive: true, force: true });
});

describe('paths relative to the PowerShell root', () => {
  it('Test-Path checks existence, as a file or a folder', () => {
    expect(testPath('data.json')).toBe(true);
    expect(testPath('views')).toBe(true);
    expect(testPath('views', { pathType: 'Container' })).toBe(true);
    expect(testPath('views', { pathType: 'Leaf' })).toBe(false);
    expect(testPath('data.json', { pathType: 'Leaf' })).toBe(true);
    expect(testPath('nope.txt')).toBe(false);
    expect(testPath(join(root, 'data.json'))).toBe(true);
    expect(() => testPath('')).toThrow(/empty string/);
  });

  it('Get-Content reads lines, or the whole text with -Raw, without the byte-order mark', () => {
    expect(getContent('data.json')).toEqual(['{"a":1}', 'line two']);
    expect(getContent('data.json', { raw: true })).toBe('{"a":1}\r\nline two\n');
    expect(() => getContent('missing.txt')).toThrow(PowerShellError);
    expect(() => getContent('missing.txt')).toThrow(
      /Cannot find path '.*missing.txt' because it does not exist./,
    );
  });

  it('Set-Content, Add-Content and Out-File write each item on its own line', () => {
    setContent('out.txt', ['one', 2, null, true]);
    expect(readFileSync(join(root, 'out.txt'), 'utf8')).toBe('one\n2\n\nTrue\n');
    addContent('out.txt', 'more');
    expect(getContent('out.txt')).toEqual(['one', '2', '', 'True', 'more']);
    outFile('out.txt', 'fresh');
    expect(getContent('out.txt', { raw: true })).toBe('fresh\n');
    outFile('out.txt', 'again', { append: true });
    expect(getContent('out.txt')).toEqual(['fresh', 'again']);
    expect(() => setContent('no/such/folder/x.txt', 'a')).toThrow(
      /Could not find a part of the path/,
    );
  });

  it('[System.IO.File] reads and writes exact text', () => {
    fileWriteAllText('exact.txt', 'no newline');
    expect(fileReadAllText('exact.txt')).toBe('no newline');
    expect(fileExists('exact.txt')).toBe(true);
    expect(fileExists('views')).toBe(false);
    expect(fileExists('missing')).toBe(false);
  });

  it('Get-ChildItem lists folders first, with FileInfo properties, filtered and recursive', () => {
    const items = getChildItem('views');
    expect(items.map((item) => item.Name)).toEqual(['partials', 'index.html']);
    const [folder, file] = items;
    expect(folder).toMatchObject({ PSIsContainer: true, Extension: '', BaseName: 'partials' });
    expect(file).toMatchObject({
      Name: 'index.html',
      BaseName: 'index',
      Extension: '.html',
      Length: 11,
      PSIsContainer: false,
      FullName: join(root, 'views', 'index.html'),
    });
    expect(file.LastWriteTime).toBeInstanceOf(Date);
    expect(getChildItem('views', { recurse: true, file: true }).map((item) => item.Name)).toEqual([
      'index.html',
      'head.html',
    ]);
    expect(getChildItem('views', { directory: true }).map((item) => item.Name)).toEqual([
      'partials',
    ]);
    expect(getChildItem('.', { filter: '*.json' }).map((item) => item.Name)).toEqual(['data.json']);
    expect(getChildItem('data.json').map((item) => item.Name)).toEqual(['data.json']);
    expect(() => getChildItem('missing')).toThrow(/does not exist/);
  });
});

describe('path strings', () => {
  it('Join-Path puts one separator between parts and resolves nothing', () => {
    expect(joinPath('a', 'b')).toBe(`a${sep}b`);
    expect(joinPath(`a${sep}`, `${sep}b`, 'c.txt')).toBe(`a${sep}b${sep}c.txt`);
    expect(joinPath('a', '..', 'b')).toBe(`a${sep}..${sep}b`);
  });

  it('[System.IO.Path] methods', () => {
    expect(pathCombine('a', 'b', 'c.txt')).toBe(`a${sep}b${sep}c.txt`);
    expect(pathCombine('a', '/root', 'c')).toBe(`/root${sep}c`);
    expect(pathGetFileName('/x/y/file.tar.gz')).toBe('file.tar.gz');
    expect(pathGetExtension('/x/y/file.tar.gz')).toBe('.gz');
    expect(pathGetExtension('/x/y/file')).toBe('');
    expect(pathGetExtension('file.')).toBe('');
    expect(pathGetFileNameWithoutExtension('/x/file.tar.gz')).toBe('file.tar');
    expect(pathGetDirectoryName('/x/y/file.txt')).toBe('/x/y');
    expect(pathGetDirectoryName('file.txt')).toBe('');
    expect(pathGetDirectoryName('/file.txt')).toBe('/');
    expect(pathGetDirectoryName('/')).toBeNull();
  });
});
