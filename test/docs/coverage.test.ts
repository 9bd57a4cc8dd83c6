/**
 * The guides keep up with the code: every error code, option and WebEvent member, and every
 * value the package exports, is named in the guide that owns it. The names are read from the
 * source with the TypeScript compiler, so a new option without docs fails here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const entryPoints = ['src/index.ts', 'src/redis/index.ts', 'src/powershell/index.ts']
  .map((path) => join(root, path))
  .filter(existsSync);
const program = ts.createProgram(entryPoints, { ...compilerOptions(), noEmit: true });
const checker = program.getTypeChecker();
const rootExports = exportsOf(entryPoints[0]);

const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('the guides name everything the code offers', () => {
  it('docs/errors.md lists every error code', () => {
    const page = read('docs/errors.md');
    const missing = Object.values(ErrorCodes).filter((code) => !page.includes(`\`${code}\``));
    expect(missing, 'error codes missing from docs/errors.md').toEqual([]);
  });

  const optionPages: [string, string][] = [
    ['SessionOptions', 'docs/sessions.md'],
    ['ServerOptions', 'docs/getting-started.md'],
    ['EndpointOptions', 'docs/getting-started.md'],
    ['RouteOptions', 'docs/routes.md'],
    ['CookieOptions', 'docs/web-event.md'],
    ['TimerOptions', 'docs/background.md'],
    ['ScheduleOptions', 'docs/background.md'],
    ['TaskOptions', 'docs/background.md'],
    ['SaveStateOptions', 'docs/background.md'],
    ['StateNamesOptions', 'docs/background.md'],
  ];
  for (const [typeName, page] of optionPages) {
    it(`${page} documents every ${typeName} option`, () => {
      const text = read(page);
      const missing = propertiesOf(typeName).filter((name) => !text.includes(`\`${name}\``));
      expect(missing, `${typeName} options missing from ${page}`).toEqual([]);
    });
  }

  it('docs/web-event.md documents every public WebEvent member', () => {
    const text = read('docs/web-event.md');
    const missing = publicMembersOf('WebEvent').filter((name) => !text.includes(`e.${name}`));
    expect(missing, 'WebEvent members missing from docs/web-event.md').toEqual([]);
  });

  it('docs/sessions.md documents every public Session member', () => {
    const text = read('docs/sessions.md');
    const missing = publicMembersOf('Session').filter((name) => !text.includes(`\`${name}`));
    expect(missing, 'Session members missing from docs/sessions.md').toEqual([]);
  });

  it('every value the package exports is named in the README or a guide', () => {
    const text = [
      read('README.md'),
      ...readdirSync(join(root, 'docs'))
        .filter((name) => name.endsWith('.md'))
        .map((name) => read(`docs/${name}`)),
    ].join('\n');
    const values = entryPoints.flatMap((entry) =>
      exportsOf(entry)
        .filter(({ symbol }) => symbol.flags & ts.SymbolFlags.Value)
        .map(({ name }) => name),
    );
    expect(values.length).toBeGreaterThan(10);
    const missing = values.filter((name) => !new RegExp(`\\b${name}\\b`).test(text));
    expect(missing, 'exports that no guide mentions').toEqual([]);
  });
});

function exportsOf(file: string): { name: string; symbol: ts.Symbol }[] {
  const source = program.getSourceFile(file)!;
  const moduleSymbol = checker.getSymbolAtLocation(source)!;
  return checker.getExportsOfModule(moduleSymbol).map((symbol) => ({
    name: symbol.name,
    symbol: symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol,
  }));
}

function exported(typeName: string): ts.Symbol {
  const found = rootExports.find(({ name }) => name === typeName);
  if (found === undefined) throw new Error(`${typeName} is not exported from src/index.ts`);
  return found.symbol;
}

/** The property names of an exported interface. */
function propertiesOf(typeName: string): string[] {
  return checker
    .getDeclaredTypeOfSymbol(exported(typeName))
    .getProperties()
    .map((property) => property.name);
}

/** The public, non-internal instance members of an exported class (methods, accessors, fields). */
function publicMembersOf(className: string): string[] {
  const names: string[] = [];
  for (const member of exported(className).members?.values() ?? []) {
    const declaration = member.declarations?.[0];
    if (
      declaration === undefined ||
      ts.isConstructorDeclaration(declaration) ||
      ts.isTypeParameterDeclaration(declaration)
    ) {
      continue;
    }
    const name = ts.getNameOfDeclaration(declaration);
    if (name === undefined || !ts.isIdentifier(name)) continue; // #private and symbol keys
    const flags = ts.getCombinedModifierFlags(declaration);
    if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
    if (ts.getJSDocTags(declaration).some((tag) => tag.tagName.text === 'internal')) continue;
    names.push(member.name);
  }
  return names;
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config.config, ts.sys, root).options;
}
