/**
 * Every ```ts block of README.md and docs/*.md type-checks against the current source, so the
 * docs cannot rot. Each block is written to test/docs/.blocks/ (inside the package, so
 * `import … from 'pode-ts'` resolves, here to src/ through `paths`) and compiled with the
 * repository's compiler options, one program per Markdown file.
 *
 * - Every block is a module and may import what it uses from 'pode-ts' (or node:*).
 * - Unless it declares its own, a block has a builder `s` and an event `e` in scope, so a
 *   fragment such as `s.addRoute(…)` or `e.writeJson(…)` needs no boilerplate.
 * - A block fenced as ```ts nocheck is skipped (for deliberately wrong code: use sparingly).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const blocksDir = join(root, 'test', 'docs', '.blocks');

const PRELUDE = [
  "declare const s: import('pode-ts').ServerBuilder;",
  "declare const e: import('pode-ts').WebEvent;",
  '',
].join('\n');

/** A ```ts block of a Markdown file. */
interface Block {
  /** 1-based line of the block's first code line in the Markdown file. */
  line: number;
  code: string;
  skip: boolean;
}

const markdownFiles = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];

let previous: ts.Program | undefined;

afterAll(() => {
  rmSync(blocksDir, { recursive: true, force: true });
  mkdirSync(blocksDir, { recursive: true });
  writeFileSync(
    join(blocksDir, '.gitignore'),
    '# Code blocks extracted from README.md and docs/*.md by test/docs/code-blocks.test.ts.\n*\n!.gitignore\n',
  );
});

describe('code blocks in the docs type-check', () => {
  it('finds the guides and their blocks', () => {
    expect(markdownFiles).toContain('README.md');
    expect(markdownFiles.length).toBeGreaterThan(5);
    expect(extractBlocks(readFileSync(join(root, 'README.md'), 'utf8')).length).toBeGreaterThan(0);
  });

  for (const file of markdownFiles) {
    const blocks = extractBlocks(readFileSync(join(root, file), 'utf8'));
    if (blocks.length === 0) continue;
    it(`${file}: ${blocks.length} block(s)`, () => {
      const errors = checkBlocks(file, blocks);
      expect(errors, `type errors in ${file}:\n${errors.join('\n')}`).toEqual([]);
    });
  }
});

/** The ```ts / ```typescript blocks of a Markdown text. */
function extractBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(ts|typescript)\b(.*)$/.exec(lines[i]);
    if (open === null) continue;
    const [, indent, fence, , info] = open;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].trimStart().startsWith(fence)) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
      j++;
    }
    blocks.push({ line: i + 2, code: body.join('\n'), skip: /\bnocheck\b/.test(info) });
    i = j;
  }
  return blocks;
}

/** Writes the blocks of one Markdown file and returns its diagnostics, located in the Markdown. */
function checkBlocks(file: string, blocks: Block[]): string[] {
  const dir = join(blocksDir, file.replace(/[^A-Za-z0-9]+/g, '-'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const written = new Map<string, { block: Block; offset: number }>();
  blocks.forEach((block, index) => {
    if (block.skip) return;
    const ownsNames = /^(?:export\s+)?(?:const|let|var|function|class)\s+(?:s|e)\b/m.test(
      block.code,
    );
    const prelude = ownsNames ? '' : PRELUDE;
    const path = join(dir, `block-${String(index + 1).padStart(2, '0')}.ts`);
    writeFileSync(path, `${prelude}${block.code}\nexport {};\n`);
    written.set(path, { block, offset: prelude.split('\n').length - 1 });
  });
  if (written.size === 0) return [];
  const program = ts.createProgram([...written.keys()], compilerOptions(), undefined, previous);
  previous = program;
  const errors: string[] = [];
  for (const [path, { block, offset }] of written) {
    const source = program.getSourceFile(path)!;
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    for (const diagnostic of diagnostics) {
      const { line } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      const markdownLine = block.line + line - offset;
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n    ');
      errors.push(`  ${file}:${markdownLine}: ${message}`);
    }
  }
  return errors;
}

let options: ts.CompilerOptions | undefined;

function compilerOptions(): ts.CompilerOptions {
  if (options !== undefined) return options;
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  options = {
    ...parsed.options,
    noEmit: true,
    // Check the docs against the source as it is now, built or not.
    baseUrl: root,
    paths: {
      'pode-ts': ['src/index.ts'],
      'pode-ts/redis': ['src/redis/index.ts'],
      'pode-ts/powershell': ['src/powershell/index.ts'],
    },
  };
  return options;
}
