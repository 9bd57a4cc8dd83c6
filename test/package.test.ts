/**
 * What `npm pack` ships: the LICENSE, and source maps whose sources are in the package (the maps
 * point at src/, so src/ ships beside dist/); and the API reference `npm run docs` builds: a front
 * page (the README) and the modules named as users import them, `pode-ts` and `pode-ts/redis`.
 * Needs dist/ (npm test builds first).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const temporary = mkdtempSync(join(tmpdir(), 'pode-package-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

function packedFiles(): Set<string> {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
  });
  const [pack] = JSON.parse(output) as { files: { path: string }[] }[];
  return new Set(pack.files.map((file) => file.path));
}

describe('the package', () => {
  const files = packedFiles();

  it('ships an MIT LICENSE naming the pode-ts contributors and crediting Pode', () => {
    expect(files.has('LICENSE')).toBe(true);
    const text = readFileSync(join(root, 'LICENSE'), 'utf8');
    expect(text).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} pode-ts contributors\n/);
    expect(text).toContain('Matthew Kelly (Badgerati)');
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      license: string;
    };
    expect(manifest.license).toBe('MIT');
  });

  it('ships the source of every source map and declaration map it ships', () => {
    const maps = [...files].filter((path) => path.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const map of maps) {
      const { sources } = JSON.parse(readFileSync(join(root, map), 'utf8')) as {
        sources: string[];
      };
      for (const source of sources) {
        const path = normalize(join(dirname(map), source));
        if (!files.has(path)) missing.push(`${map} → ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('npm run docs builds the API reference with the README as its front page and modules pode-ts and pode-ts/redis', () => {
    const json = join(temporary, 'api.json');
    const output = execFileSync(
      join(root, 'node_modules', '.bin', 'typedoc'),
      ['--out', join(temporary, 'html'), '--json', json],
      { cwd: root, encoding: 'utf8' },
    );
    expect(output).not.toMatch(/\[warning\]|\[error\]/);
    const project = JSON.parse(readFileSync(json, 'utf8')) as {
      name: string;
      readme?: unknown[];
      children: { name: string }[];
    };
    expect(project.name).toBe('pode-ts');
    expect(project.children.map((child) => child.name)).toEqual(['pode-ts', 'pode-ts/redis']);
    expect(project.readme?.length).toBeGreaterThan(0);
    const front = readFileSync(join(temporary, 'html', 'index.html'), 'utf8');
    expect(front).toContain('Installing in your own project'); // the README's text
  }, 180_000);
});
