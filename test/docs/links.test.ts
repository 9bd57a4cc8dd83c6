/**
 * Every relative link in README.md, docs/*.md and examples/README.md points at a file that
 * exists, and every `#anchor` at a heading of the target page (GitHub's heading slugs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pages = [
  'README.md',
  'examples/README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

describe('links in the docs', () => {
  for (const page of pages) {
    it(`${page}: relative links and anchors resolve`, () => {
      const broken: string[] = [];
      const text = readFileSync(join(root, page), 'utf8');
      for (const target of linksOf(text)) {
        if (/^[a-z]+:/i.test(target)) continue; // http:, https:, mailto:
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const file = path === '' ? join(root, page) : join(root, dirname(page), path);
        if (!existsSync(file)) {
          broken.push(`${target}: ${relative(root, file)} does not exist`);
          continue;
        }
        if (anchor !== undefined && file.endsWith('.md') && !anchorsOf(file).has(anchor)) {
          broken.push(`${target}: no heading #${anchor} in ${relative(root, file)}`);
        }
      }
      expect(broken, `broken links in ${page}:\n  ${broken.join('\n  ')}`).toEqual([]);
    });
  }
});

/** The targets of Markdown links `[text](target)` outside code blocks and code spans. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);
}

const anchorCache = new Map<string, Set<string>>();

/** The heading anchors of a Markdown file, as GitHub makes them. */
function anchorsOf(file: string): Set<string> {
  let anchors = anchorCache.get(file);
  if (anchors !== undefined) return anchors;
  anchors = new Set();
  const seen = new Map<string, number>();
  const text = readFileSync(file, 'utf8').replace(/^(```|~~~)[\s\S]*?^\1/gm, '');
  for (const match of text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = match[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  anchorCache.set(file, anchors);
  return anchors;
}
