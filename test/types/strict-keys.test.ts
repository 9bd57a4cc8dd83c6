/**
 * Declared session, user and metadata keys are strict: each fixture in test/types/fixtures/ is
 * compiled alone (declarations merge program-wide) with the repository's compiler options. A line
 * ending in `// expect TSnnnn` must fail with that error (a misspelt key gets the compiler's
 * "Did you mean"), and no other line may fail. The fixtures are excluded from `npm run typecheck`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = join(root, 'test', 'types', 'fixtures');

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  return { ...parsed.options, noEmit: true };
}

/** `line: TSnnnn message` for every error in the fixture, and the errors its comments expect. */
function compile(name: string): { actual: string[]; expected: string[]; messages: string[] } {
  const path = join(fixtures, name);
  const program = ts.createProgram([path], compilerOptions());
  const source = program.getSourceFile(path)!;
  const diagnostics = [
    ...program.getSyntacticDiagnostics(source),
    ...program.getSemanticDiagnostics(source),
  ];
  const actual: string[] = [];
  const messages: string[] = [];
  for (const diagnostic of diagnostics) {
    const { line } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    actual.push(`${line + 1}: TS${diagnostic.code}`);
    messages.push(ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
  }
  const expected: string[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      const match = /\/\/ expect (TS\d+)$/.exec(text);
      if (match) expected.push(`${index + 1}: ${match[1]}`);
    });
  return { actual: actual.sort(), expected: expected.sort(), messages };
}

describe('declared keys are strict', () => {
  it('a misspelt declared session, metadata or user key fails to compile, with a did-you-mean', () => {
    const { actual, expected, messages } = compile('declared-keys.ts');
    expect(expected.length).toBe(5);
    expect(actual).toEqual(expected);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Property 'viewz' does not exist .* Did you mean 'views'\?/),
        expect.stringMatching(/Property 'vews' does not exist .* Did you mean 'views'\?/),
        expect.stringMatching(/Property 'requestid' .* Did you mean 'requestId'\?/),
        expect.stringMatching(/Property 'names' .* Did you mean 'name'\?/),
      ]),
    );
  }, 60_000);

  it('while nothing is declared, any key compiles', () => {
    const { actual } = compile('undeclared-keys.ts');
    expect(actual).toEqual([]);
  }, 60_000);

  it('an index signature beside declared keys allows other keys and keeps the declared types', () => {
    const { actual, expected } = compile('open-keys.ts');
    expect(expected.length).toBe(1);
    expect(actual).toEqual(expected);
  }, 60_000);
});
