/**
 * Every public export of the package has a doc comment (typedoc builds the API reference from
 * them), and so does every public method and accessor of an exported class.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const entryPoints = ['src/index.ts', 'src/redis/index.ts', 'src/powershell/index.ts']
  .map((path) => join(root, path))
  .filter((path) => ts.sys.fileExists(path));

const program = ts.createProgram(entryPoints, compilerOptions());
const checker = program.getTypeChecker();

describe('doc comments', () => {
  for (const entry of entryPoints) {
    const label = entry.slice(root.length + 1);

    it(`${label}: every export has a doc comment`, () => {
      const exported = exportsOf(entry);
      expect(exported.length).toBeGreaterThan(0);
      const missing = exported
        .filter(({ symbol }) => !isDocumented(symbol))
        .map(({ name, symbol }) => `${name} (${where(symbol)})`);
      expect(missing, `exports without a doc comment:\n  ${missing.join('\n  ')}`).toEqual([]);
    });

    it(`${label}: every public method and accessor of an exported class has a doc comment`, () => {
      const missing: string[] = [];
      for (const { name, symbol } of exportsOf(entry)) {
        if (!(symbol.flags & ts.SymbolFlags.Class)) continue;
        for (const member of symbol.members?.values() ?? []) {
          const declaration = member.declarations?.[0];
          if (declaration === undefined || !isPublicCallable(declaration)) continue;
          if (!isDocumented(member)) missing.push(`${name}.${member.name} (${where(member)})`);
        }
      }
      expect(missing, `public members without a doc comment:\n  ${missing.join('\n  ')}`).toEqual(
        [],
      );
    });
  }
});

/** The exports of a module, aliases resolved to the symbol that declares them. */
function exportsOf(file: string): { name: string; symbol: ts.Symbol }[] {
  const source = program.getSourceFile(file);
  if (source === undefined) throw new Error(`${file} is not in the program`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (moduleSymbol === undefined) throw new Error(`${file} is not a module`);
  return checker.getExportsOfModule(moduleSymbol).map((symbol) => ({
    name: symbol.name,
    symbol: symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol,
  }));
}

/** True when a declaration of the symbol carries a JSDoc comment with text or tags. */
function isDocumented(symbol: ts.Symbol): boolean {
  if (symbol.getDocumentationComment(checker).some((part) => part.text.trim() !== '')) return true;
  return (symbol.declarations ?? []).some((declaration) =>
    ts
      .getJSDocCommentsAndTags(declaration)
      .some((doc) => ts.isJSDoc(doc) && (doc.comment !== undefined || doc.tags !== undefined)),
  );
}

function isPublicCallable(declaration: ts.Declaration): boolean {
  if (
    !ts.isMethodDeclaration(declaration) &&
    !ts.isGetAccessorDeclaration(declaration) &&
    !ts.isSetAccessorDeclaration(declaration)
  ) {
    return false;
  }
  if (declaration.name === undefined || ts.isPrivateIdentifier(declaration.name)) return false;
  if (ts.isComputedPropertyName(declaration.name)) return false; // symbol-keyed internals
  const modifiers = ts.getCombinedModifierFlags(declaration);
  if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return false;
  // A setter shares the getter's comment.
  if (ts.isSetAccessorDeclaration(declaration)) return false;
  return !ts.getJSDocTags(declaration).some((tag) => tag.tagName.text === 'internal');
}

function where(symbol: ts.Symbol): string {
  const declaration = symbol.declarations?.[0];
  if (declaration === undefined) return 'no declaration';
  const source = declaration.getSourceFile();
  const { line } = source.getLineAndCharacterOfPosition(declaration.getStart());
  return `${source.fileName.slice(root.length + 1)}:${line + 1}`;
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  return { ...parsed.options, noEmit: true };
}
