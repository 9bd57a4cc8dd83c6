import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { saveRequestFile } from '../../src/index.js';
import { serve } from '../helpers.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'pode-ts-upload-'));
  roots.push(root);
  return root;
}

function upload(field: string, name: string, content: string): FormData {
  const form = new FormData();
  form.set('note', 'hello');
  form.set(field, new Blob([content], { type: 'text/plain' }), name);
  return form;
}

async function uploadSite(root: string) {
  return serve(
    (s) => {
      s.addRoute('POST', '/upload', async (e) => {
        const path = await e.saveRequestFile('avatar');
        e.writeJson({ saved: path });
      });
      s.addRoute('POST', '/to-folder', async (e) => {
        await saveRequestFile('avatar', { path: 'uploads' });
        e.writeJson({ ok: true });
      });
      s.addRoute('POST', '/as-file', async (e) => {
        await e.saveRequestFile('avatar', { path: 'renamed.txt' });
        e.writeJson({ ok: true });
      });
      s.addRoute('POST', '/only-png', async (e) => {
        const path = await e.saveRequestFile('avatar', { fileName: ['Ruler.PNG'] });
        e.writeJson({ saved: path ?? null });
      });
    },
    { root },
  );
}

describe('saveRequestFile (Save-PodeRequestFile) over HTTP', () => {
  it('saves an upload in the server root under its uploaded name', async () => {
    const root = tempRoot();
    const server = await uploadSite(root);
    const response = await fetch(`${server.url}/upload`, {
      method: 'POST',
      body: upload('avatar', 'me.txt', 'picture bytes'),
    });
    expect(response.status).toBe(200);
    expect(readFileSync(join(root, 'me.txt'), 'utf8')).toBe('picture bytes');
    expect(((await response.json()) as { saved: string }).saved).toBe(join(root, 'me.txt'));
  });

  it('saves into a folder given by -Path, or at a path that is no folder', async () => {
    const root = tempRoot();
    mkdirSync(join(root, 'uploads'));
    const server = await uploadSite(root);
    const toFolder = await fetch(`${server.url}/to-folder`, {
      method: 'POST',
      body: upload('avatar', 'a.txt', 'one'),
    });
    expect(toFolder.status).toBe(200);
    expect(readFileSync(join(root, 'uploads', 'a.txt'), 'utf8')).toBe('one');
    const asFile = await fetch(`${server.url}/as-file`, {
      method: 'POST',
      body: upload('avatar', 'b.txt', 'two'),
    });
    expect(asFile.status).toBe(200);
    expect(readFileSync(join(root, 'renamed.txt'), 'utf8')).toBe('two');
  });

  it('with -FileName saves only a file of that name (case-insensitive)', async () => {
    const root = tempRoot();
    const server = await uploadSite(root);
    const other = await fetch(`${server.url}/only-png`, {
      method: 'POST',
      body: upload('avatar', 'other.png', 'x'),
    });
    expect(await other.json()).toEqual({ saved: null });
    expect(existsSync(join(root, 'other.png'))).toBe(false);
    const ruler = await fetch(`${server.url}/only-png`, {
      method: 'POST',
      body: upload('avatar', 'ruler.png', 'y'),
    });
    expect(((await ruler.json()) as { saved: string }).saved).toBe(join(root, 'ruler.png'));
  });

  it('answers 400 when no file was uploaded under the key, and keeps serving', async () => {
    const root = tempRoot();
    const server = await uploadSite(root);
    const missing = await fetch(`${server.url}/upload`, {
      method: 'POST',
      body: upload('picture', 'me.txt', 'x'),
    });
    expect(missing.status).toBe(400);
    const none = await fetch(`${server.url}/upload`, { method: 'POST' });
    expect(none.status).toBe(400);
    const after = await fetch(`${server.url}/upload`, {
      method: 'POST',
      body: upload('avatar', 'ok.txt', 'fine'),
    });
    expect(after.status).toBe(200);
  });

  it('answers 400 to an uploaded name that would leave the folder, writing nothing', async () => {
    const root = tempRoot();
    const inner = join(root, 'site');
    mkdirSync(inner);
    const server = await uploadSite(inner);
    for (const name of ['../escape.txt', '..', 'a/../../escape.txt']) {
      const response = await fetch(`${server.url}/upload`, {
        method: 'POST',
        body: upload('avatar', name, 'evil'),
      });
      expect(response.status).toBe(400);
    }
    expect(existsSync(join(root, 'escape.txt'))).toBe(false);
  });
});
