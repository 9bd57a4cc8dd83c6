/**
 * The emitter: a repaired PowerShell tree → a pode-ts module. Statements become lines with an
 * indentation-aware printer; anything it cannot translate exactly becomes a `// TODO(port):`
 * comment plus a `PodeError('PODE_ERR_NOT_PORTED')` throw at the same place, and a diagnostic.
 * The mapping tables (../tables/) hold every name; the files of this folder hold the rules, one
 * concern each, as functions over the shared EmitContext.
 */

import type { SyntaxNode } from '../parser.js';
import { LINE_BREAK } from './builder.js';
import { EmitContext, type EmitOptions, type EmitResult, type Scope } from './context.js';
import { declareFunctions, hoist, scriptParams } from './functions.js';
import { commentLines, statementList } from './statements.js';
import { all, propertyKey } from './syntax.js';
import { countAssignments } from './variables.js';

export type { Diagnostic, EmitOptions, EmitResult } from './context.js';

/** Emits a whole script. */
export class Emitter {
  readonly #cx: EmitContext;

  constructor(text: string, options: EmitOptions) {
    this.#cx = new EmitContext(text, options);
  }

  /** Emits the module for the program node. */
  emitProgram(root: SyntaxNode): EmitResult {
    const cx = this.#cx;
    const scope: Scope = {
      kind: 'module',
      event: null,
      vars: new Map(),
      parent: undefined,
      hoisted: new Set(),
      isAsync: true,
    };
    countAssignments(cx.assignments, root);
    const body: string[] = [];
    for (const child of all(root)) {
      if (child.type === 'param_block') body.push(...scriptParams(cx, child, scope));
      else if (child.type === 'statement_list') {
        // the script's own variables are declared once, before its first statement
        const params = new Set(scope.hoisted);
        hoist(child, scope);
        declareFunctions(cx, child);
        scope.topList = child;
        const lines = statementList(cx, child, scope, 'module');
        const declarations = [...scope.hoisted]
          .filter((name) => !params.has(name) && scope.inline?.has(name) !== true)
          // a variable of a dropped statement (Pode's module loader) is not declared
          .filter((name) => lines.some((line) => new RegExp(`\\b${name}\\b`).test(line)))
          .map((name) => `let ${name}${cx.ts(': any')};`);
        const first = lines.findIndex((line) => !/^(\/\/|\/\*| \*)/.test(line));
        lines.splice(first < 0 ? lines.length : first, 0, ...declarations);
        body.push(...lines);
      } else if (child.type === 'comment') body.push(...commentLines(child));
    }
    if (cx.matchesVar && cx.options.language === 'ts') cx.helpers.add('type MatchTable');
    const head: string[] = [];
    const podeImports = [...cx.imports].sort();
    if (cx.nodeImports.size > 0) {
      for (const [module, names] of [...cx.nodeImports].sort()) {
        head.push(`import { ${[...names].sort().join(', ')} } from '${module}';`);
      }
    }
    if (podeImports.length > 0) head.push(`import { ${podeImports.join(', ')} } from 'pode-ts';`);
    if (cx.helpers.size > 0) {
      const byName = (name: string) => name.replace(/^type /, '');
      const helpers = [...cx.helpers].sort((a, b) => (byName(a) < byName(b) ? -1 : 1));
      head.push(`import { ${helpers.join(', ')} } from 'pode-ts/powershell';`);
    }
    if (head.length > 0) head.push('');
    if (cx.options.language === 'ts' && cx.sessionKeys.size > 0) {
      head.push("declare module 'pode-ts' {", '  interface SessionData {');
      for (const key of cx.sessionKeys.values()) head.push(`    ${propertyKey(key)}?: any;`);
      head.push('  }', '}', '');
    }
    if (cx.usesState) {
      head.push(
        cx.options.language === 'ts'
          ? '/** Set-PodeState / Get-PodeState: one process, so a module variable. */'
          : '',
        `const state${cx.ts(': Record<string, any>')} = {};`,
        '',
      );
    }
    if (cx.podeConfig !== undefined) {
      head.push(
        '/** Get-PodeConfig: the settings of server.psd1, as the file held them when converted. */',
        `const podeConfig${cx.ts(': Record<string, any>')} = ${cx.podeConfig};`,
        '',
      );
    }
    if (cx.usesOutput) {
      head.push(
        "/** A pipeline's value as PowerShell assigns it: no item → null, one → the item, more → the array. */",
        `function psOutput(items${cx.ts(': unknown')})${cx.ts(': any')} {`,
        '  const list = Array.isArray(items) ? items : [items];',
        '  return list.length === 0 ? null : list.length === 1 ? list[0] : list;',
        '}',
        '',
      );
    }
    if (cx.matchesVar) {
      head.push(`let matches${cx.ts(': MatchTable | null')} = null;`, '');
    }
    const code =
      `${[...head.filter((line, i) => !(line === '' && head[i - 1] === '')), ...body].join('\n').trim()}\n`.replaceAll(
        LINE_BREAK,
        '\n',
      );
    return {
      code,
      diagnostics: cx.diagnostics,
      statements: cx.statements,
      todos: cx.todos,
      startsServer: cx.startsServer,
    };
  }
}
