import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FileEvent, wildcardRegex } from '../../src/background/file-watchers.js';
import { serve, setupFailure, sleep } from '../helpers.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'pode-watch-'));
  folders.push(folder);
  return folder;
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await sleep(20);
}

describe('s.addFileWatcher (Add-PodeFileWatcher)', () => {
  it('reports created, changed (once per burst), renamed and deleted files, with include and exclude', async () => {
    const root = tempFolder();
    mkdirSync(join(root, 'incoming', 'sub'), { recursive: true });
    writeFileSync(join(root, 'incoming', 'old.csv'), 'a');
    const events: FileEvent[] = [];
    const seen: unknown[] = [];
    await serve(
      (s) =>
        s.addFileWatcher(
          { name: 'prices', path: './incoming', include: '*.csv', exclude: 'skip*', args: 'x' },
          (event, extra) => {
            events.push(event);
            seen.push(extra);
          },
        ),
      { root },
    );
    await sleep(100);
    const dir = join(root, 'incoming');
    writeFileSync(join(dir, 'new.csv'), '1');
    await until(() => events.length >= 1);
    for (let i = 0; i < 5; i++) writeFileSync(join(dir, 'old.csv'), `v${i}`);
    writeFileSync(join(dir, 'notes.txt'), 'ignored by include');
    writeFileSync(join(dir, 'skip-me.csv'), 'ignored by exclude');
    writeFileSync(join(dir, 'sub', 'deep.csv'), 'in a subfolder');
    await until(() => events.length >= 3);
    await sleep(300);
    renameSync(join(dir, 'new.csv'), join(dir, 'renamed.csv'));
    await until(() => events.length >= 4);
    rmSync(join(dir, 'old.csv'));
    await until(() => events.length >= 5);
    await sleep(300);
    const summary = events.map((e) => `${e.type} ${e.name}`);
    expect(summary).toEqual([
      'Created new.csv',
      'Changed old.csv',
      'Created sub/deep.csv',
      'Renamed renamed.csv',
      'Deleted old.csv',
    ]);
    expect(events[3]?.old.name).toBe('new.csv');
    expect(events[0]?.fullPath).toBe(join(dir, 'new.csv'));
    expect(seen.every((value) => value === 'x')).toBe(true);
  });

  it('eventName and noSubdirectories narrow what is reported; a failing function is logged and watching goes on', async () => {
    const root = tempFolder();
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'sub', 'there-before'), '1');
    writeFileSync(join(root, 'pre'), '1');
    const events: string[] = [];
    await serve(
      (s) =>
        s.addFileWatcher(
          { path: root, eventName: ['Deleted', 'Existed'], include: '*', noSubdirectories: true },
          (event) => {
            events.push(`${event.type} ${event.name}`);
            throw new Error('the function failed');
          },
        ),
      { root },
    );
    await sleep(100);
    writeFileSync(join(root, 'a'), '1');
    writeFileSync(join(root, 'sub', 'b'), '1');
    await sleep(300);
    rmSync(join(root, 'a'));
    rmSync(join(root, 'sub', 'b'));
    await until(() => events.length >= 1);
    await sleep(300);
    writeFileSync(join(root, 'c'), '1');
    await sleep(300);
    rmSync(join(root, 'c'));
    await until(() => events.length >= 3);
    expect(events).toEqual(['Existed pre', 'Deleted a', 'Deleted c']);
  });

  it('refuses a missing folder, a duplicate name, an unknown event, placeholders and unknown keys at set-up', async () => {
    const root = tempFolder();
    const cases = [
      (s: import('../../src/index.js').ServerBuilder) =>
        s.addFileWatcher({ path: './missing' }, () => {}),
      (s: import('../../src/index.js').ServerBuilder) => {
        s.addFileWatcher({ name: 'a', path: '.' }, () => {});
        s.addFileWatcher({ name: 'a', path: '.' }, () => {});
      },
      (s: import('../../src/index.js').ServerBuilder) =>
        s.addFileWatcher({ path: '.', eventName: 'Moved' as never }, () => {}),
      (s: import('../../src/index.js').ServerBuilder) =>
        s.addFileWatcher({ path: './:project/src' }, () => {}),
      (s: import('../../src/index.js').ServerBuilder) =>
        s.addFileWatcher({ path: '.', colour: 'red' } as never, () => {}),
    ];
    for (const setup of cases) {
      const error = (await setupFailure(setup, { root })) as { code: string; message: string };
      expect(error.code).toMatch(/^PODE_ERR_(BAD|UNKNOWN)_OPTION$/);
    }
  });

  it('wildcards match the whole relative name, in any case, across separators', () => {
    const regex = wildcardRegex(['*.PS1', 'logs/*']);
    expect(regex?.test('server.ps1')).toBe(true);
    expect(regex?.test('sub/server.ps1')).toBe(true);
    expect(regex?.test('server.ps1.bak')).toBe(false);
    expect(regex?.test('logs/today.txt')).toBe(true);
    expect(wildcardRegex(['*.*'])?.test('README')).toBe(false);
    expect(wildcardRegex([])).toBeUndefined();
  });
});
