/**
 * The emitter: a repaired PowerShell tree → a pode-ts module. Statements become lines with an
 * indentation-aware printer; anything it cannot translate exactly becomes a `// TODO(port):`
 * comment plus a `PodeError('PODE_ERR_NOT_PORTED')` throw at the same place, and a diagnostic.
 * The mapping tables (tables/) hold every name; this file holds the rules.
 */

import type { CommandElement } from './binder.js';
import { type BoundValue, bindCommand, type Catalogue, type CatalogueCmdlet } from './binder.js';
import type { SyntaxNode } from './parser.js';
import { instanceMethods, instanceProperties, staticMembers } from './tables/dotnet.js';
import {
  type HandlerKind,
  type PodeMapping,
  podeCmdlets,
  unsupportedPodeCmdlets,
  webEventMembers,
} from './tables/pode.js';
import {
  automaticVariables,
  type CmdletMapping,
  casts,
  comparisonOperators,
  numericOperators,
  powershellCmdlets,
} from './tables/powershell.js';

/** A message about one place in the script (offset in the repaired text). */
export interface Diagnostic {
  offset: number;
  message: string;
  kind: 'todo' | 'note';
}

/** What the emitter needs from the outside. */
export interface EmitOptions {
  catalogue: Catalogue;
  /** 'ts' for `pode-ts port`; 'js' drops type-only parts for `pode-ts run`. */
  language: 'ts' | 'js';
  /** The expression for `$PSScriptRoot` / the server root. */
  rootExpression: string;
  /** Reads a script beside this one (dot-sourcing, route files): its repaired tree, or an error. */
  include?: (path: string) => { root: SyntaxNode; text: string } | { error: string };
}

/** The emitted module and what happened on the way. */
export interface EmitResult {
  code: string;
  diagnostics: Diagnostic[];
  statements: number;
  todos: number;
  startsServer: boolean;
}

type ValueType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'date'
  | 'null'
  | 'array'
  | 'object'
  | 'function'
  | 'any'
  | 'unknown'
  | 'void'
  | 'record';

interface Expr {
  code: string;
  type: ValueType;
  /** the output of a cmdlet pipeline: PowerShell unwraps one item and gives $null for none */
  pipeline?: boolean;
}

interface Scope {
  kind: 'module' | 'setup' | 'handler' | 'function' | 'block';
  /** the WebEvent's name here (`e`), or null where there is none */
  event: string | null;
  vars: Map<string, string>;
  parent: Scope | undefined;
  /** variables this function must declare at its top */
  hoisted: Set<string>;
  isAsync: boolean;
  /** an Add-PodeAuth validator: returned hashtables use pode-ts's keys (user, message, code) */
  validator?: boolean;
}

class NotPorted extends Error {
  constructor(
    readonly node: SyntaxNode,
    readonly what: string,
  ) {
    super(what);
  }
}

const WRAPPERS = new Set([
  'pipeline',
  'pipeline_chain',
  'logical_expression',
  'bitwise_expression',
  'comparison_expression',
  'additive_expression',
  'multiplicative_expression',
  'format_expression',
  'range_expression',
  'array_literal_expression',
  'unary_expression',
  'argument_expression',
  'logical_argument_expression',
  'bitwise_argument_expression',
  'comparison_argument_expression',
  'additive_argument_expression',
  'multiplicative_argument_expression',
  'format_argument_expression',
  'range_argument_expression',
  'key_expression',
  'statement_list',
  'script_block_body',
  'left_assignment_expression',
  'member_name',
  'expandable_string_literal_wrapper',
]);

/** Skips the grammar's one-child wrapper nodes. */
export function unwrap(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (WRAPPERS.has(current.type) && current.childCount === 1) {
    const only = current.child(0);
    if (only === null) break;
    current = only;
  }
  return current;
}

function named(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((child): child is SyntaxNode => child !== null);
}

function all(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((child): child is SyntaxNode => child !== null);
}

/** camelCase of a PowerShell name (`Views` → `views`, `$user-name` → `userName`). */
export function camel(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_]+(.)?/g, (_, next: string | undefined) =>
    (next ?? '').toUpperCase(),
  );
  const lowered = /^[A-Z]+$/.test(clean)
    ? clean.toLowerCase()
    : clean.charAt(0).toLowerCase() + clean.slice(1);
  const safe = /^[0-9]/.test(lowered) ? `_${lowered}` : lowered;
  return RESERVED.has(safe) ? `${safe}_` : safe === '' ? '_' : safe;
}

const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await e s arguments eval'.split(
    ' ',
  ),
);

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

function propertyKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key);
}

function member(object: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${object}.${key}` : `${object}[${quote(key)}]`;
}

/** Emits a whole script. */
export class Emitter {
  readonly #options: EmitOptions;
  readonly #text: string;
  readonly diagnostics: Diagnostic[] = [];
  readonly #imports = new Set<string>();
  readonly #helpers = new Set<string>();
  readonly #nodeImports = new Map<string, Set<string>>();
  readonly #sessionKeys = new Map<string, string>();
  readonly #sessionRaw = new Map<string, string>();
  #statements = 0;
  #todos = 0;
  #startsServer = false;
  #usesState = false;
  #reportedSessionCase = new Set<string>();
  #matchesVar = false;

  constructor(text: string, options: EmitOptions) {
    this.#text = text;
    this.#options = options;
  }

  /** Emits the module for the program node. */
  emitProgram(root: SyntaxNode): EmitResult {
    const scope: Scope = {
      kind: 'module',
      event: null,
      vars: new Map(),
      parent: undefined,
      hoisted: new Set(),
      isAsync: true,
    };
    const body: string[] = [];
    for (const child of all(root)) {
      if (child.type === 'param_block') body.push(...this.#scriptParams(child, scope));
      else if (child.type === 'statement_list')
        body.push(...this.#statementList(child, scope, 'module'));
      else if (child.type === 'comment') body.push(...this.#comment(child));
    }
    const head: string[] = [];
    const podeImports = [...this.#imports].sort();
    if (this.#nodeImports.size > 0) {
      for (const [module, names] of [...this.#nodeImports].sort()) {
        head.push(`import { ${[...names].sort().join(', ')} } from '${module}';`);
      }
    }
    if (podeImports.length > 0) head.push(`import { ${podeImports.join(', ')} } from 'pode-ts';`);
    if (this.#helpers.size > 0) {
      head.push(`import { ${[...this.#helpers].sort().join(', ')} } from 'pode-ts/powershell';`);
    }
    if (head.length > 0) head.push('');
    if (this.#options.language === 'ts' && this.#sessionKeys.size > 0) {
      head.push("declare module 'pode-ts' {", '  interface SessionData {');
      for (const key of this.#sessionKeys.values()) head.push(`    ${propertyKey(key)}?: any;`);
      head.push('  }', '}', '');
    }
    if (this.#usesState) {
      head.push(
        this.#options.language === 'ts'
          ? '/** Set-PodeState / Get-PodeState: one process, so a module variable. */'
          : '',
        `const state${this.#ts(': Record<string, any>')} = {};`,
        '',
      );
    }
    if (this.#usesOutput) {
      head.push(
        "/** A pipeline's value as PowerShell assigns it: no item → null, one → the item, more → the array. */",
        `function psOutput(items${this.#ts(': unknown')})${this.#ts(': any')} {`,
        '  const list = Array.isArray(items) ? items : [items];',
        '  return list.length === 0 ? null : list.length === 1 ? list[0] : list;',
        '}',
        '',
      );
    }
    if (this.#matchesVar)
      head.push(`let matches${this.#ts(': Record<string, string> | null')} = null;`, '');
    const code = `${[...head.filter((line, i) => !(line === '' && head[i - 1] === '')), ...body].join('\n').trim()}\n`;
    return {
      code,
      diagnostics: this.diagnostics,
      statements: this.#statements,
      todos: this.#todos,
      startsServer: this.#startsServer,
    };
  }

  #ts(text: string): string {
    return this.#options.language === 'ts' ? text : '';
  }

  #note(node: SyntaxNode, message: string): void {
    this.diagnostics.push({ offset: node.startIndex, message, kind: 'note' });
  }

  // ---------------------------------------------------------------- statements

  #statementList(list: SyntaxNode, scope: Scope, _where: string): string[] {
    const lines: string[] = [];
    const children = list.type === 'statement_list' ? all(list) : [list];
    for (const child of children) {
      if (child.type === ';' || child.type === 'empty_statement') continue;
      if (child.type === 'comment') {
        lines.push(...this.#comment(child));
        continue;
      }
      lines.push(...this.#statement(child, scope));
    }
    return lines;
  }

  #comment(node: SyntaxNode): string[] {
    const text = node.text;
    if (text.startsWith('<#')) {
      const inner = text
        .slice(2, -2)
        .split(/\r?\n/)
        .map((line) => line.trimEnd());
      return ['/*', ...inner.map((line) => ` *${line === '' ? '' : ` ${line.trim()}`}`), ' */'];
    }
    return [`//${text.slice(1).replace(/\s+$/, '')}`];
  }

  #statement(node: SyntaxNode, scope: Scope): string[] {
    this.#statements++;
    try {
      return this.#statementUnchecked(node, scope);
    } catch (error) {
      if (!(error instanceof NotPorted)) throw error;
      return this.#todo(node, error);
    }
  }

  #todo(statement: SyntaxNode, error: NotPorted): string[] {
    this.#todos++;
    this.diagnostics.push({
      offset: error.node.startIndex,
      message: `not translated: ${error.what}`,
      kind: 'todo',
    });
    this.#imports.add('PodeError');
    const original = statement.text.split(/\r?\n/);
    const indent = Math.min(
      ...original
        .slice(1)
        .filter((l) => l.trim() !== '')
        .map((l) => l.length - l.trimStart().length),
      1000,
    );
    const lines = original.map(
      (line, i) => `// ${i === 0 || indent === 1000 ? line.trim() : line.slice(indent).trimEnd()}`,
    );
    lines[0] = `// TODO(port): ${original[0].trim()}`;
    return [
      ...lines,
      `throw new PodeError('PODE_ERR_NOT_PORTED', ${quote(`Not ported: ${error.what}`)});`,
    ];
  }

  #statementUnchecked(raw: SyntaxNode, scope: Scope): string[] {
    const node = unwrap(raw);
    switch (node.type) {
      case 'assignment_expression':
        return [`${this.#assignment(node, scope)};`];
      case 'if_statement':
        return this.#if(node, scope);
      case 'foreach_statement':
        return this.#foreach(node, scope);
      case 'for_statement':
        return this.#for(node, scope);
      case 'while_statement':
        return this.#while(node, scope);
      case 'do_statement':
        return this.#do(node, scope);
      case 'switch_statement':
        return this.#switch(node, scope);
      case 'try_statement':
        return this.#try(node, scope);
      case 'flow_control_statement':
        return this.#flow(node, scope);
      case 'function_statement':
        return this.#function(node, scope);
      case 'command':
      case 'command_name':
        return this.#commandStatement(node, scope);
      case 'pipeline_chain':
        return this.#pipelineStatement(node, scope);
      case 'post_increment_expression':
      case 'post_decrement_expression':
      case 'pre_increment_expression':
      case 'pre_decrement_expression':
        return [`${this.#increment(node, scope)};`];
      case 'param_block':
        throw new NotPorted(node, 'a param() block here');
      case 'trap_statement':
        throw new NotPorted(node, 'trap');
      case 'class_statement':
      case 'enum_statement':
        throw new NotPorted(node, `${node.type.replace('_statement', '')} definitions`);
      default: {
        const expression = this.#expression(node, scope);
        if (scope.kind === 'function' && expression.type !== 'void') {
          throw new NotPorted(
            node,
            'a value written to the output of a function (return it instead)',
          );
        }
        return [`${expression.code};`];
      }
    }
  }

  #block(node: SyntaxNode | null, scope: Scope): string[] {
    if (node === null) return [];
    const list = named(node).find((child) => child.type === 'statement_list');
    const comments = named(node).filter((child) => child.type === 'comment');
    const lines = list === undefined ? [] : this.#statementList(list, scope, 'block');
    if (list === undefined) for (const comment of comments) lines.push(...this.#comment(comment));
    return lines;
  }

  #braced(head: string, body: string[]): string[] {
    return [`${head} {`, ...body.map((line) => `  ${line}`), '}'];
  }

  #if(node: SyntaxNode, scope: Scope): string[] {
    const condition = node.childForFieldName('condition');
    if (condition === null) throw new NotPorted(node, 'if without a condition');
    const blocks = named(node).filter((child) => child.type === 'statement_block');
    const lines = this.#braced(
      `if (${this.#condition(condition, scope)})`,
      this.#block(blocks[0] ?? null, scope),
    );
    for (const clause of named(node)) {
      if (clause.type === 'elseif_clauses' || clause.type === 'elseif_clause') {
        const clauses =
          clause.type === 'elseif_clause'
            ? [clause]
            : named(clause).filter((c) => c.type === 'elseif_clause');
        for (const elseIf of clauses) {
          const elseCondition = elseIf.childForFieldName('condition');
          if (elseCondition === null) throw new NotPorted(elseIf, 'elseif without a condition');
          const block = named(elseIf).find((c) => c.type === 'statement_block') ?? null;
          lines[lines.length - 1] = `} else if (${this.#condition(elseCondition, scope)}) {`;
          lines.push(...this.#block(block, scope).map((line) => `  ${line}`), '}');
        }
      }
      if (clause.type === 'else_clause') {
        const block = named(clause).find((c) => c.type === 'statement_block') ?? null;
        lines[lines.length - 1] = '} else {';
        lines.push(...this.#block(block, scope).map((line) => `  ${line}`), '}');
      }
    }
    return lines;
  }

  #condition(raw: SyntaxNode, scope: Scope): string {
    const node =
      raw.type.endsWith('_condition') && named(raw).length > 0
        ? named(raw).filter((c) => c.type !== 'comment')[0]
        : raw;
    const expression = this.#expression(node, scope);
    return this.#truthy(expression);
  }

  #truthy(expression: Expr): string {
    if (
      expression.type === 'boolean' ||
      expression.type === 'string' ||
      expression.type === 'number' ||
      expression.type === 'null' ||
      expression.type === 'date'
    ) {
      return expression.code;
    }
    return `${this.#helper('truthy')}(${expression.code})`;
  }

  #foreach(node: SyntaxNode, scope: Scope): string[] {
    const variable = named(node).find((child) => child.type === 'variable');
    const kids = named(node);
    const source = kids.find(
      (child, i) =>
        i > 0 &&
        child !== variable &&
        child.type !== 'statement_block' &&
        child.type !== 'comment' &&
        child.type !== 'foreach_parameter',
    );
    const block = kids.find((child) => child.type === 'statement_block') ?? null;
    if (variable === undefined || source === undefined) throw new NotPorted(node, 'this foreach');
    const name = this.#declareLoopVariable(variable, scope);
    const items = this.#expression(source, scope);
    const iterable =
      items.type === 'array' ? items.code : `${this.#helper('toArray')}(${items.code})`;
    return this.#braced(`for (const ${name} of ${iterable})`, this.#block(block, scope));
  }

  #declareLoopVariable(variable: SyntaxNode, scope: Scope): string {
    const psName = variable.text.replace(/^\$/, '').toLowerCase();
    const name = this.#uniqueName(camel(variable.text.replace(/^\$/, '')), scope);
    scope.vars.set(psName, name);
    return name;
  }

  #uniqueName(name: string, _scope: Scope): string {
    return name;
  }

  #for(node: SyntaxNode, scope: Scope): string[] {
    const init = node.childForFieldName('for_initializer');
    const condition = node.childForFieldName('for_condition');
    const iterator = node.childForFieldName('for_iterator');
    const block = named(node).find((child) => child.type === 'statement_block') ?? null;
    let initCode = '';
    if (init !== null) {
      const assignment = unwrap(named(init)[0] ?? init);
      if (assignment.type !== 'assignment_expression')
        throw new NotPorted(init, 'this for initializer');
      const target = unwrap(named(assignment)[0]);
      const name = this.#declareLoopVariable(target, scope);
      const value = this.#expression(
        assignment.childForFieldName('value') ?? named(assignment)[2],
        scope,
      );
      initCode = `let ${name} = ${value.code}`;
    }
    const conditionCode =
      condition === null ? '' : this.#condition(named(condition)[0] ?? condition, scope);
    let iteratorCode = '';
    if (iterator !== null) {
      const step = unwrap(named(iterator)[0] ?? iterator);
      iteratorCode = step.type.includes('crement')
        ? this.#increment(step, scope)
        : this.#assignment(step, scope);
    }
    return this.#braced(
      `for (${initCode}; ${conditionCode}; ${iteratorCode})`,
      this.#block(block, scope),
    );
  }

  #while(node: SyntaxNode, scope: Scope): string[] {
    const condition = node.childForFieldName('condition');
    if (condition === null) throw new NotPorted(node, 'while without a condition');
    const block = named(node).find((child) => child.type === 'statement_block') ?? null;
    return this.#braced(`while (${this.#condition(condition, scope)})`, this.#block(block, scope));
  }

  #do(node: SyntaxNode, scope: Scope): string[] {
    const condition = node.childForFieldName('condition');
    if (condition === null) throw new NotPorted(node, 'do without a condition');
    const block = named(node).find((child) => child.type === 'statement_block') ?? null;
    const until = all(node).some((child) => child.type.toLowerCase() === 'until');
    const test = this.#condition(condition, scope);
    return [
      ...this.#braced('do', this.#block(block, scope)).slice(0, -1),
      `} while (${until ? `!(${test})` : test});`,
    ];
  }

  #switch(node: SyntaxNode, scope: Scope): string[] {
    const parameters = named(node).find((child) => child.type === 'switch_parameters');
    const flags = (parameters?.text ?? '').toLowerCase();
    if (/-file|-parallel/.test(flags)) throw new NotPorted(node, 'switch -File');
    const mode = /-regex/.test(flags) ? 'regex' : /-wildcard/.test(flags) ? 'wildcard' : 'value';
    const caseSensitive = /-casesensitive/.test(flags);
    const condition = named(node).find((child) => child.type === 'switch_condition');
    const body = named(node).find((child) => child.type === 'switch_body');
    if (condition === undefined || body === undefined) throw new NotPorted(node, 'this switch');
    const inner = named(condition).find((child) => child.type !== 'comment');
    if (inner === undefined) throw new NotPorted(node, 'this switch');
    const subject = this.#expression(inner, scope);
    const clauses = named(body)
      .flatMap((child) => (child.type === 'switch_clauses' ? named(child) : [child]))
      .filter((child) => child.type === 'switch_clause');
    const lines = [`const switchValue = ${subject.code};`];
    const tests: string[] = [];
    let defaultBlock: string[] | undefined;
    scope.vars.set('_', 'switchValue');
    scope.vars.set('psitem', 'switchValue');
    for (const clause of clauses) {
      const clauseCondition =
        named(clause).find((child) => child.type === 'switch_clause_condition') ?? named(clause)[0];
      const block = named(clause).find((child) => child.type === 'statement_block') ?? null;
      const conditionNode = unwrap(clauseCondition);
      const statements = this.#block(block, scope);
      if (conditionNode.text.toLowerCase() === 'default') {
        defaultBlock = statements;
        continue;
      }
      let test: string;
      if (conditionNode.type === 'script_block_expression') {
        const inside = named(conditionNode).find((child) => child.type === 'script_block');
        const expression = inside === undefined ? undefined : named(inside)[0];
        if (expression === undefined) throw new NotPorted(clause, 'an empty switch condition');
        test = this.#condition(expression, scope);
      } else {
        const value =
          conditionNode.type === 'generic_token' ||
          conditionNode.type === 'simple_name' ||
          conditionNode.type === 'command_name'
            ? { code: quote(conditionNode.text), type: 'string' as ValueType }
            : this.#expression(conditionNode, scope);
        const cs = caseSensitive ? ', true' : '';
        if (mode === 'regex') {
          this.#matchesVar = true;
          test = `(matches = ${this.#helper('match')}(switchValue, ${value.code}${cs})) !== null`;
        } else if (mode === 'wildcard')
          test = `${this.#helper('like')}(switchValue, ${value.code}${cs})`;
        else if (value.type === 'number' && subject.type === 'number')
          test = `switchValue === ${value.code}`;
        else test = `${this.#helper('eq')}(switchValue, ${value.code}${cs})`;
      }
      tests.push(test);
      // PowerShell runs every matching clause; `break` stops. One flag per switch keeps it exact.
      lines.push(
        ...this.#braced(
          `if (${test})`,
          statements.map((line) => (line === 'break;' ? 'break switchBlock;' : line)),
        ),
      );
    }
    scope.vars.delete('_');
    scope.vars.delete('psitem');
    if (defaultBlock !== undefined) {
      const none =
        tests.length === 0
          ? 'true'
          : tests
              .map((t) => `!(${t.replace(/^\(matches = .*\)\) !== null$/, (m) => m)})`)
              .join(' && ');
      if (mode === 'regex') throw new NotPorted(node, 'switch -Regex with a default clause');
      lines.push(
        ...this.#braced(
          `if (${none})`,
          defaultBlock.map((line) => (line === 'break;' ? 'break switchBlock;' : line)),
        ),
      );
    }
    return this.#braced('switchBlock:', lines).map((line, i) =>
      i === 0 ? 'switchBlock: {' : line,
    );
  }

  #try(node: SyntaxNode, scope: Scope): string[] {
    const block = named(node).find((child) => child.type === 'statement_block') ?? null;
    const lines = this.#braced('try', this.#block(block, scope));
    const catches = named(node)
      .flatMap((child) => (child.type === 'catch_clauses' ? named(child) : [child]))
      .filter((child) => child.type === 'catch_clause');
    if (catches.length > 1) throw new NotPorted(node, 'several typed catch clauses');
    for (const clause of catches) {
      if (
        named(clause).some(
          (child) => child.type === 'catch_type_list' || child.type === 'type_literal',
        )
      ) {
        this.#note(clause, 'a typed catch catches every error in JavaScript');
      }
      const catchBlock = named(clause).find((child) => child.type === 'statement_block') ?? null;
      scope.vars.set('_', 'error');
      scope.vars.set('psitem', 'error');
      const body = this.#block(catchBlock, scope);
      scope.vars.delete('_');
      scope.vars.delete('psitem');
      lines[lines.length - 1] = `} catch (error${this.#ts(': any')}) {`;
      lines.push(...body.map((line) => `  ${line}`), '}');
    }
    const finallyClause = named(node).find((child) => child.type === 'finally_clause');
    if (finallyClause !== undefined) {
      const finallyBlock =
        named(finallyClause).find((child) => child.type === 'statement_block') ?? null;
      lines[lines.length - 1] = '} finally {';
      lines.push(...this.#block(finallyBlock, scope).map((line) => `  ${line}`), '}');
    }
    return lines;
  }

  #flow(node: SyntaxNode, scope: Scope): string[] {
    const keyword = (all(node)[0]?.text ?? '').toLowerCase();
    const value = named(node).find((child) => child.type !== 'comment' && child.type !== 'label');
    switch (keyword) {
      case 'return':
        if (value === undefined) return ['return;'];
        if (this.#inValidator(scope) && unwrap(value).type === 'hash_literal_expression') {
          return [`return ${this.#hashtable(unwrap(value), scope, true).code};`];
        }
        return [`return ${this.#output(this.#expression(value, scope))};`];
      case 'break':
      case 'continue':
        if (value !== undefined) throw new NotPorted(node, `${keyword} with a label`);
        return [`${keyword};`];
      case 'throw': {
        if (value === undefined) return ['throw error;'];
        const thrown = this.#expression(value, scope);
        return [
          thrown.type === 'string' ? `throw new Error(${thrown.code});` : `throw ${thrown.code};`,
        ];
      }
      case 'exit':
        return [`process.exit(${value === undefined ? '' : this.#expression(value, scope).code});`];
      default:
        throw new NotPorted(node, keyword);
    }
  }

  #function(node: SyntaxNode, scope: Scope): string[] {
    const nameNode = named(node).find((child) => child.type === 'function_name');
    if (nameNode === undefined) throw new NotPorted(node, 'this function');
    const jsName = camel(nameNode.text);
    this.#functions.set(nameNode.text.toLowerCase(), jsName);
    const declaredParameters = collectParameters(
      named(node).find((child) => child.type === 'function_parameter_declaration') ??
        named(node).find((child) => child.type === 'param_block') ??
        findParamBlock(node),
    );
    this.#functionParameters.set(nameNode.text.toLowerCase(), declaredParameters);
    const inner: Scope = {
      kind: 'function',
      event: null,
      vars: new Map(),
      parent: scope,
      hoisted: new Set(),
      isAsync: true,
    };
    const params: string[] = [];
    const declared = named(node).find((child) => child.type === 'function_parameter_declaration');
    const paramBlock =
      named(node).find((child) => child.type === 'param_block') ?? findParamBlock(node);
    for (const parameter of collectParameters(declared ?? paramBlock)) {
      const name = camel(parameter.name);
      inner.vars.set(parameter.name.toLowerCase(), name);
      const type = this.#ts(`: ${parameter.tsType}`);
      if (parameter.default !== undefined) {
        params.push(`${name}${type} = ${this.#expression(parameter.default, inner).code}`);
      } else if (parameter.tsType === 'boolean') {
        params.push(`${name} = false`);
      } else {
        // PowerShell passes $null for a parameter left out: every one without a default is optional.
        params.push(`${name}${this.#ts(`?: ${parameter.tsType}`)}`);
      }
    }
    const list = named(node).find((child) => child.type === 'script_block') ?? node;
    const body = this.#functionBody(list, inner);
    return this.#braced(`async function ${jsName}(${params.join(', ')})`, body);
  }

  readonly #functions = new Map<string, string>();
  readonly #functionParameters = new Map<string, Parameter[]>();

  /** The statements of a script block body, with hoisted declarations and implicit output. */
  #functionBody(block: SyntaxNode, scope: Scope): string[] {
    const list = findStatementList(block);
    if (list === undefined) return [];
    const statements = all(list).filter(
      (child) => child.type !== ';' && child.type !== 'empty_statement',
    );
    this.#hoist(list, scope);
    const lines: string[] = [];
    for (const name of scope.hoisted) lines.push(`let ${name}${this.#ts(': any')};`);
    const last = [...statements].reverse().find((child) => child.type !== 'comment');
    for (const child of statements) {
      if (child.type === 'comment') {
        lines.push(...this.#comment(child));
        continue;
      }
      if (child === last && scope.kind !== 'setup' && isBareValue(child)) {
        this.#statements++;
        try {
          const value = this.#expression(child, scope);
          lines.push(value.type === 'void' ? `${value.code};` : `return ${value.code};`);
        } catch (error) {
          if (!(error instanceof NotPorted)) throw error;
          lines.push(...this.#todo(child, error));
        }
        continue;
      }
      if (scope.kind === 'handler' && isBareValue(child)) {
        // A route's output is discarded by Pode.
        lines.push(...this.#statement(child, { ...scope, kind: 'block' }));
        continue;
      }
      lines.push(...this.#statement(child, scope));
    }
    return lines;
  }

  /** Every variable assigned in this function is declared once, at its top. */
  #hoist(list: SyntaxNode, scope: Scope): void {
    const visit = (node: SyntaxNode) => {
      if (node.type === 'script_block_expression' || node.type === 'function_statement') return;
      if (node.type === 'assignment_expression') {
        const target = unwrap(named(node)[0]);
        if (target.type === 'variable') {
          const raw = target.text.replace(/^\$/, '');
          if (!raw.includes(':')) {
            const lower = raw.toLowerCase();
            if (!this.#lookup(lower, scope) && !automaticVariables[lower]) {
              const name = camel(raw);
              scope.vars.set(lower, name);
              scope.hoisted.add(name);
            }
          }
        }
      }
      for (const child of named(node)) visit(child);
    };
    visit(list);
  }

  #lookup(lower: string, scope: Scope | undefined): string | undefined {
    for (let s = scope; s !== undefined; s = s.parent) {
      const found = s.vars.get(lower);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  #scriptParams(node: SyntaxNode, scope: Scope): string[] {
    const lines: string[] = [];
    for (const parameter of collectParameters(node)) {
      this.#statements++;
      const name = camel(parameter.name);
      scope.vars.set(parameter.name.toLowerCase(), name);
      const env = `process.env.${parameter.name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
      const fallback =
        parameter.default === undefined
          ? 'undefined'
          : this.#expression(parameter.default, scope).code;
      let value: string;
      if (parameter.tsType === 'number')
        value = `${env} === undefined ? ${fallback} : Number(${env})`;
      else if (parameter.tsType === 'boolean')
        value = `${env} === undefined ? ${fallback === 'undefined' ? 'false' : fallback} : ${env} === 'true'`;
      else value = `${env} ?? ${fallback}`;
      lines.push(
        `// param $${parameter.name}: set ${env.slice(12)} to override`,
        `const ${name}${this.#ts(parameter.tsType === 'any' ? ': any' : '')} = ${value};`,
      );
    }
    return lines;
  }

  // ---------------------------------------------------------------- commands

  #commandStatement(node: SyntaxNode, scope: Scope): string[] {
    const name = this.#commandName(node);
    const lower = name.toLowerCase();
    if (lower === 'import-module') {
      const argument = node.text
        .replace(/^\S+\s*/, '')
        .replace(/^-Name\s+/i, '')
        .replace(/['"]/g, '')
        .trim();
      if (/^pode(\.psd1|\.psm1)?$/i.test(argument) || /[\\/]pode\.psm?d?1$/i.test(argument))
        return [];
      throw new NotPorted(node, `Import-Module ${argument}`);
    }
    if (isDotSource(node)) return this.#dotSource(node, scope);
    if (lower === 'use-poderoutes') return this.#useRoutes(node, scope);
    if (lower === 'start-podeserver') return this.#startServer(node, scope);
    if (lower === 'set-podestate') return [`${this.#stateSet(node, scope)};`];
    if (lower === 'lock-podeobject') return this.#lockObject(node, scope);
    const mapping = this.#podeMapping(name);
    if (mapping?.target === 'drop') {
      this.#note(node, `${name} dropped: ${mapping.note}`);
      return [`// ${name}: ${mapping.note}`];
    }
    if (mapping?.target === 'builder')
      return this.#builderCall(node, name, mapping, scope, undefined);
    const expression = this.#command(node, scope, undefined);
    return [`${expression.code};`];
  }

  #pipelineStatement(node: SyntaxNode, scope: Scope): string[] {
    const parts = pipelineParts(node);
    const last = parts[parts.length - 1];
    const lastName =
      last.type === 'command' || last.type === 'command_name'
        ? this.#commandName(last).toLowerCase()
        : '';
    if (lastName === 'add-podeauth' && parts.length === 2) {
      const mapping = podeCmdlets['Add-PodeAuth'];
      return this.#builderCall(last, 'Add-PodeAuth', mapping, scope, parts[0]);
    }
    if (lastName === 'enable-poderequestlogging' || lastName === 'enable-podeerrorlogging') {
      this.#note(
        node,
        'logging is on by default in pode-ts (one pino line per request, errors with stacks)',
      );
      return ['// logging: on by default in pode-ts'];
    }
    if (lastName === 'out-null') {
      const value = this.#pipeline(parts.slice(0, -1), scope);
      return [`${value.code};`];
    }
    return [`${this.#pipeline(parts, scope).code};`];
  }

  #commandName(node: SyntaxNode): string {
    if (node.type === 'command_name') return node.text;
    const nameNode =
      node.childForFieldName('command_name') ??
      named(node).find(
        (child) => child.type === 'command_name' || child.type === 'command_name_expr',
      );
    return nameNode?.text ?? '';
  }

  #elements(node: SyntaxNode): CommandElement[] {
    if (node.type === 'command_name') return [];
    const elements =
      node.childForFieldName('command_elements') ??
      named(node).find((child) => child.type === 'command_elements');
    if (elements === undefined || elements === null) return [];
    const result: CommandElement[] = [];
    for (const child of named(elements)) {
      if (child.type === 'command_argument_sep' || child.type === 'comment') continue;
      if (child.type === 'command_parameter') {
        const text = child.text;
        const colon = text.endsWith(':') || this.#text[child.endIndex] === ':';
        result.push({
          kind: 'parameter',
          name: text.replace(/^-/, '').replace(/:$/, ''),
          node: child,
          colon,
        });
        continue;
      }
      if (child.type === 'redirection' || child.type === 'redirections')
        throw new NotPorted(child, 'redirection');
      result.push({ kind: 'argument', node: child });
    }
    return result;
  }

  /** The catalogue entry for a cmdlet, or one made from the mapping tables. */
  #cmdlet(name: string): CatalogueCmdlet | undefined {
    const catalogue = this.#options.catalogue.cmdlets;
    const exact =
      catalogue[name] ??
      Object.entries(catalogue).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
    if (exact !== undefined) return exact;
    const pode = this.#podeMappingEntry(name);
    const ps = Object.entries(powershellCmdlets).find(
      ([key]) => key.toLowerCase() === name.toLowerCase(),
    );
    if (pode === undefined && ps === undefined) return undefined;
    const names = new Set<string>();
    const switches = new Set<string>();
    const positional: string[] = [];
    if (pode !== undefined) {
      const mapping = pode[1];
      for (const arg of mapping.args ?? []) names.add(arg.param);
      for (const [param, option] of Object.entries(mapping.options ?? {})) {
        names.add(param);
        if (option.as === 'switch' || option.as === 'notSwitch') switches.add(param);
      }
      if (mapping.handler !== undefined) names.add(mapping.handler.param);
      for (const param of mapping.ignored ?? []) names.add(param);
      for (const param of mapping.positional ?? []) names.add(param);
      positional.push(...(mapping.positional ?? []));
      for (const match of (mapping.name ?? '').matchAll(/\{([A-Z]\w*)\}/g)) names.add(match[1]);
      if (pode[0] === 'New-PodeAuthScheme')
        for (const s of ['Basic', 'Form', 'Bearer', 'ApiKey', 'Custom']) switches.add(s);
      for (const s of switches) names.add(s);
      names.add('ArgumentList');
      names.add('PassThru');
    }
    if (ps !== undefined) {
      const mapping = ps[1];
      for (const param of [
        ...(mapping.args ?? []),
        ...Object.keys(mapping.options ?? {}),
        ...(mapping.positional ?? []),
        ...(mapping.switches ?? []),
      ])
        names.add(param);
      if (mapping.input !== undefined) names.add(mapping.input);
      if (mapping.block !== undefined) names.add(mapping.block);
      for (const s of mapping.switches ?? []) switches.add(s);
      positional.push(...(mapping.positional ?? []));
      for (const [param, key] of Object.entries(mapping.options ?? {}))
        if (
          [
            'compress',
            'asArray',
            'asHashtable',
            'descending',
            'unique',
            'caseSensitive',
            'sum',
            'average',
            'maximum',
            'minimum',
            'raw',
            'append',
            'recurse',
            'file',
            'directory',
          ].includes(key)
        )
          switches.add(param);
    }
    const parameters: CatalogueCmdlet['parameters'] = {};
    for (const param of names) {
      const position = positional.indexOf(param);
      parameters[param] = {
        type: switches.has(param) ? 'switch' : 'object',
        switch: switches.has(param),
        mandatory: [],
        position: position < 0 || switches.has(param) ? null : position,
        aliases: [],
        sets: ['__AllParameterSets'],
      };
    }
    return { aliases: [], defaultParameterSet: null, parameters };
  }

  #podeMappingEntry(name: string): [string, PodeMapping] | undefined {
    return Object.entries(podeCmdlets).find(([key]) => key.toLowerCase() === name.toLowerCase());
  }

  #podeMapping(name: string): PodeMapping | undefined {
    return this.#podeMappingEntry(name)?.[1];
  }

  #bind(node: SyntaxNode, name: string): Map<string, BoundValue> {
    const cmdlet = this.#cmdlet(name);
    if (cmdlet === undefined) throw new NotPorted(node, `${name} (no equivalent in pode-ts)`);
    const binding = bindCommand(cmdlet, this.#elements(node));
    if (binding.problems.length > 0) {
      const problem = binding.problems[0];
      throw new NotPorted(problem.node, `${name}: ${problem.message}`);
    }
    return binding.values;
  }

  #startServer(node: SyntaxNode, scope: Scope): string[] {
    this.#startsServer = true;
    const mapping = podeCmdlets['Start-PodeServer'];
    const values = this.#bind(node, 'Start-PodeServer');
    const block = values.get('ScriptBlock');
    if (block === undefined || block.kind !== 'node')
      throw new NotPorted(node, 'Start-PodeServer without a script block');
    this.#imports.add('startServer');
    if (values.has('Threads')) {
      // Pode's threads are runspaces of one process sharing its memory (sessions, state); pode-ts's
      // are worker processes that share nothing, so a memory session store refuses them.
      values.delete('Threads');
      this.#note(
        node,
        "Start-PodeServer -Threads left out: Pode's threads share one process's memory, pode-ts's threads are processes (set threads with a shared session store, see docs/scaling.md)",
      );
    }
    const options = this.#optionsObject(values, mapping, scope, node);
    for (const ignored of mapping.ignored ?? []) {
      if (values.has(ignored))
        this.#note(node, `Start-PodeServer -${ignored} has no effect in pode-ts`);
    }
    const setupScope: Scope = {
      kind: 'setup',
      event: null,
      vars: new Map(),
      parent: scope,
      hoisted: new Set(),
      isAsync: true,
    };
    const body = this.#scriptBlockBody(block.node, setupScope);
    const head = `await startServer(async (s${this.#ts(': ServerBuilder')}) => {`;
    if (this.#options.language === 'ts') this.#imports.add('type ServerBuilder');
    return [head, ...body.map((line) => `  ${line}`), options === '' ? '});' : `}, ${options});`];
  }

  #scriptBlockBody(node: SyntaxNode, scope: Scope): string[] {
    const block = unwrap(node);
    if (block.type !== 'script_block_expression')
      throw new NotPorted(node, 'a script block held in a variable');
    const inner = named(block).find((child) => child.type === 'script_block');
    if (inner === undefined) {
      return named(block)
        .filter((child) => child.type === 'comment')
        .flatMap((c) => this.#comment(c));
    }
    const lines = this.#functionBody(inner, scope);
    const comments = named(block).filter((child) => child.type === 'comment');
    return [...comments.flatMap((c) => this.#comment(c)), ...lines];
  }

  #builderCall(
    node: SyntaxNode,
    name: string,
    mapping: PodeMapping,
    scope: Scope,
    piped: SyntaxNode | undefined,
  ): string[] {
    if (scope.kind !== 'setup') throw new NotPorted(node, `${name} outside Start-PodeServer`);
    const values = this.#bind(node, name);
    if (piped !== undefined && mapping.name === 'addAuth')
      values.set('Scheme', { kind: 'node', node: piped });
    if (values.has('FilePath') && name.toLowerCase() === 'add-poderoute')
      return this.#routeFile(node, values, mapping, scope);
    const args = this.#mappedArguments(values, mapping, name, scope, node);
    const options = this.#optionsObject(values, mapping, scope, node);
    const handler = mapping.handler === undefined ? undefined : values.get(mapping.handler.param);
    this.#checkUnmapped(values, mapping, name, node);
    let handlerCode: string[] | undefined;
    if (handler !== undefined && handler.kind === 'node' && mapping.handler !== undefined) {
      handlerCode = this.#handler(
        handler.node,
        mapping.handler.kind,
        scope,
        values,
        name === 'Add-PodeAuth' || mapping.name === 'addAuth'
          ? this.#schemeKind(values.get('Scheme'), scope)
          : undefined,
      );
    }
    if (mapping.name === 'addRoute') {
      return this.#call(`s.addRoute(${options}`, handlerCode, '');
    }
    if (mapping.name === 'addMiddleware') {
      const route = options === '' ? '' : options;
      return this.#call(
        `s.addMiddleware(${route === '' ? args[0] : `{ name: ${args[0]}, ${route.slice(2, -2)} }`}`,
        handlerCode,
        '',
      );
    }
    if (mapping.name === 'addAuth') {
      if (handlerCode === undefined)
        throw new NotPorted(node, 'Add-PodeAuth without a script block');
      return this.#call(
        `s.addAuth(${args.join(', ')}`,
        handlerCode,
        options === '' ? '' : `, ${options}`,
      );
    }
    const allArgs = [...args];
    if (handlerCode !== undefined)
      return this.#call(
        `s.${mapping.name}(${allArgs.join(', ')}`,
        handlerCode,
        options === '' ? '' : `, ${options}`,
      );
    if (options !== '') allArgs.push(options);
    return [`s.${mapping.name}(${allArgs.join(', ')});`];
  }

  #call(head: string, handler: string[] | undefined, tail: string): string[] {
    if (handler === undefined) return [`${head}${tail});`];
    const separator = head.endsWith('(') ? '' : ', ';
    const [first, ...rest] = handler;
    return [
      `${head}${separator}${first}`,
      ...rest.slice(0, -1),
      `${rest[rest.length - 1]}${tail});`,
    ];
  }

  #checkUnmapped(
    values: Map<string, BoundValue>,
    mapping: PodeMapping,
    name: string,
    node: SyntaxNode,
  ): void {
    const known = new Set<string>([
      ...(mapping.args ?? []).map((a) => a.param),
      ...Object.keys(mapping.options ?? {}),
      ...(mapping.ignored ?? []),
      'ArgumentList',
      'FilePath',
      'Scheme',
      'Basic',
      'Form',
      'Bearer',
      'ApiKey',
      'Custom',
    ]);
    if (mapping.handler !== undefined) known.add(mapping.handler.param);
    for (const param of values.keys()) {
      if (!known.has(param))
        throw new NotPorted(node, `${name} -${param} (no equivalent in pode-ts)`);
    }
    for (const ignored of mapping.ignored ?? []) {
      if (values.has(ignored)) this.#note(node, `${name} -${ignored} has no effect in pode-ts`);
    }
  }

  /** The mapping's positional arguments, in order: each bound value converted, or its stand-in. */
  #mappedArguments(
    values: Map<string, BoundValue>,
    mapping: PodeMapping,
    name: string,
    scope: Scope,
    node: SyntaxNode,
  ): string[] {
    const args: string[] = [];
    for (const argument of mapping.args ?? []) {
      const value = values.get(argument.param);
      if (value === undefined) {
        if (argument.missing === undefined)
          throw new NotPorted(node, `${name} without -${argument.param}`);
        args.push(argument.missing);
      } else args.push(this.#convert(value, argument.as, scope, node));
    }
    return args;
  }

  #optionsObject(
    values: Map<string, BoundValue>,
    mapping: PodeMapping,
    scope: Scope,
    node: SyntaxNode,
  ): string {
    const entries: string[] = [];
    const nested = new Map<string, string[]>();
    for (const [param, option] of Object.entries(mapping.options ?? {})) {
      const value = values.get(param);
      if (value === undefined) continue;
      if (option.as === 'ifExists') {
        const text =
          value.kind === 'node' ? value.node.text.replace(/['"]/g, '').toLowerCase() : '';
        if (text === 'default') continue;
      }
      const code = this.#convert(value, option.as, scope, node);
      const [key, sub] = option.key.split('.');
      if (sub !== undefined) nested.set(key, [...(nested.get(key) ?? []), `${sub}: ${code}`]);
      else entries.push(`${key}: ${code}`);
    }
    for (const [key, inner] of nested) entries.push(`${key}: { ${inner.join(', ')} }`);
    return entries.length === 0 ? '' : `{ ${entries.join(', ')} }`;
  }

  #convert(value: BoundValue, as: string, scope: Scope, _node: SyntaxNode): string {
    if (value.kind === 'switch')
      return as === 'notSwitch' ? String(!value.value) : String(value.value);
    const argument = unwrap(value.node);
    switch (as) {
      case 'switch':
        return this.#truthy(this.#expression(argument, scope));
      case 'notSwitch':
        return `!${this.#truthy(this.#expression(argument, scope))}`;
      case 'string': {
        const expression = this.#argument(argument, scope);
        return expression.type === 'string'
          ? expression.code
          : `${this.#helper('toPsString')}(${expression.code})`;
      }
      case 'number': {
        const expression = this.#argument(argument, scope);
        return expression.type === 'number'
          ? expression.code
          : `${this.#helper('toInt')}(${expression.code})`;
      }
      case 'lower':
      case 'ifExists': {
        const expression = this.#argument(argument, scope);
        if (/^'[^']*'$/.test(expression.code)) return expression.code.toLowerCase();
        throw new NotPorted(argument, 'a computed enum value');
      }
      case 'methods':
      case 'upperList': {
        const items = this.#listItems(argument, scope);
        if (items.some((item) => !/^'[^']*'$/.test(item)))
          throw new NotPorted(argument, 'computed methods');
        const upper = items.map((item) => item.toUpperCase());
        if (as === 'methods' && upper.length === 1) return upper[0];
        return `[${upper.join(', ')}]`;
      }
      case 'fileContents': {
        const expression = this.#argument(argument, scope);
        this.#nodeImport('node:fs', 'readFileSync');
        this.#nodeImport('node:path', 'resolve');
        return `readFileSync(resolve(${this.#options.rootExpression}, ${expression.code}), 'utf8')`;
      }
      case 'function':
        return this.#handler(argument, 'inline', scope, new Map(), undefined).join('\n');
      case 'functions': {
        const items = this.#listNodes(argument);
        return `[${items.map((item) => this.#handler(item, 'middleware', scope, new Map(), undefined).join('\n')).join(', ')}]`;
      }
      default:
        return this.#argument(argument, scope).code;
    }
  }

  #listNodes(node: SyntaxNode): SyntaxNode[] {
    const inner = unwrap(node);
    if (inner.type === 'array_literal_expression') return named(inner).map(unwrap);
    if (inner.type === 'array_expression') {
      const list = named(inner).find((child) => child.type === 'statement_list');
      return list === undefined ? [] : this.#listNodes(named(list)[0] ?? list);
    }
    return [inner];
  }

  #listItems(node: SyntaxNode, scope: Scope): string[] {
    return this.#listNodes(node).map((item) => this.#argument(item, scope).code);
  }

  /** A command argument: barewords are strings. */
  #argument(node: SyntaxNode, scope: Scope): Expr {
    const inner = unwrap(node);
    if (inner.type === 'generic_token' || inner.type === 'command_name') {
      if (/^-?\d+(\.\d+)?$/.test(inner.text)) return { code: inner.text, type: 'number' };
      return { code: quote(inner.text), type: 'string' };
    }
    return this.#expression(inner, scope);
  }

  #schemeKind(scheme: BoundValue | undefined, scope: Scope): string | undefined {
    if (scheme === undefined || scheme.kind !== 'node') return undefined;
    const node = unwrap(scheme.node);
    if (node.type === 'variable') return this.#schemeVars.get(node.text.toLowerCase());
    if (node.type === 'command') return this.#schemeKindOf(node);
    void scope;
    return undefined;
  }

  readonly #schemeVars = new Map<string, string>();

  #schemeKindOf(node: SyntaxNode): string | undefined {
    const elements = this.#elements(node);
    for (const element of elements) {
      if (element.kind !== 'parameter') continue;
      const kind = ['Basic', 'Form', 'Bearer', 'ApiKey', 'Custom'].find((k) =>
        k.toLowerCase().startsWith(element.name.toLowerCase()),
      );
      if (kind !== undefined) return kind;
    }
    return 'Basic';
  }

  #handler(
    node: SyntaxNode,
    kind: HandlerKind,
    scope: Scope,
    values: Map<string, BoundValue>,
    schemeKind: string | undefined,
  ): string[] {
    const block = unwrap(node);
    if (block.type === 'variable') {
      const name = this.#expression(block, scope);
      return [name.code];
    }
    if (block.type !== 'script_block_expression')
      throw new NotPorted(node, 'a script block that is not written in place');
    const event = kind === 'route' || kind === 'middleware' || kind === 'endware' ? 'e' : null;
    const inner: Scope = {
      kind: 'handler',
      event,
      vars: new Map(),
      parent: scope,
      hoisted: new Set(),
      isAsync: true,
    };
    if (kind === 'inline') inner.kind = 'function';
    const scriptBlock = named(block).find((child) => child.type === 'script_block');
    const paramBlock = scriptBlock === undefined ? undefined : findParamBlock(scriptBlock);
    const params = collectParameters(paramBlock);
    const argumentList = values.get('ArgumentList');
    const prologue: string[] = [];
    let signature: string;
    if (kind === 'auth') {
      const keys =
        schemeKind === 'Bearer'
          ? ['token']
          : schemeKind === 'ApiKey'
            ? ['key']
            : schemeKind === 'Custom'
              ? undefined
              : ['username', 'password'];
      if (keys === undefined) throw new NotPorted(node, 'a validator for a custom scheme');
      const names = params.map((parameter, i) => {
        const jsName = camel(parameter.name);
        inner.vars.set(parameter.name.toLowerCase(), jsName);
        const key = keys[i];
        if (key === undefined)
          throw new NotPorted(node, 'validator parameters past the credentials');
        return key === jsName ? key : `${key}: ${jsName}`;
      });
      inner.event = 'e';
      inner.validator = true;
      signature = `async ({ ${names.join(', ')} }, e) =>`;
      if (names.length === 0) signature = 'async (_credentials, e) =>';
    } else if (kind === 'custom-scheme') {
      throw new NotPorted(node, 'a custom scheme');
    } else if (event !== null) {
      signature = 'async (e) =>';
      if (params.length > 0) {
        if (argumentList === undefined || argumentList.kind !== 'node')
          throw new NotPorted(node, 'script block parameters without -ArgumentList');
        const items = this.#listNodes(argumentList.node);
        params.forEach((parameter, i) => {
          const jsName = camel(parameter.name);
          inner.vars.set(parameter.name.toLowerCase(), jsName);
          const item = items[i];
          prologue.push(
            `const ${jsName} = ${item === undefined ? 'undefined' : this.#expression(item, scope).code};`,
          );
        });
      }
    } else {
      signature = `async (${params.map((p) => camel(p.name)).join(', ')}) =>`;
      for (const p of params) inner.vars.set(p.name.toLowerCase(), camel(p.name));
    }
    const body = this.#scriptBlockBody(block, inner);
    if (kind === 'middleware' && !body.some((line) => /\breturn\b/.test(line))) {
      // Pode runs the next middleware only when one returns $true.
      this.#note(
        node,
        'a middleware that returns nothing stops the request in Pode; in pode-ts it continues',
      );
    }
    return [`${signature} {`, ...[...prologue, ...body].map((line) => `  ${line}`), '}'];
  }

  #routeFile(
    node: SyntaxNode,
    values: Map<string, BoundValue>,
    mapping: PodeMapping,
    scope: Scope,
  ): string[] {
    const file = values.get('FilePath');
    if (file === undefined || file.kind !== 'node' || this.#options.include === undefined)
      throw new NotPorted(node, 'Add-PodeRoute -FilePath');
    const path = this.#argument(file.node, scope);
    if (!/^'[^']*'$/.test(path.code)) throw new NotPorted(file.node, 'a computed -FilePath');
    const included = this.#options.include(path.code.slice(1, -1));
    if ('error' in included) throw new NotPorted(file.node, included.error);
    const options = this.#optionsObject(values, mapping, scope, node);
    const block = findScriptBlockExpression(included.root);
    if (block === undefined)
      throw new NotPorted(file.node, 'a route file that is not one script block');
    const handler = this.#withText(included.text, () =>
      this.#handler(block, 'route', scope, values, undefined),
    );
    return this.#call(`s.addRoute(${options}`, handler, '');
  }

  #withText<T>(text: string, run: () => T): T {
    const saved = this.#textOverride;
    this.#textOverride = text;
    try {
      return run();
    } finally {
      this.#textOverride = saved;
    }
  }

  #textOverride: string | undefined;

  #dotSource(node: SyntaxNode, scope: Scope): string[] {
    const target = this.#commandName(node).replace(/^\.\s*/, '');
    const path = target.replace(/^\$PSScriptRoot[\\/]?/i, './').replace(/^['"]|['"]$/g, '');
    if (this.#options.include === undefined || path.includes('$'))
      throw new NotPorted(node, `dot-sourcing ${target}`);
    const included = this.#options.include(path);
    if ('error' in included) throw new NotPorted(node, included.error);
    const list = findStatementList(included.root);
    return [
      `// from ${path}`,
      ...(list === undefined
        ? []
        : this.#withText(included.text, () => this.#statementList(list, scope, 'module'))),
    ];
  }

  #useRoutes(node: SyntaxNode, scope: Scope): string[] {
    if (this.#options.include === undefined) throw new NotPorted(node, 'Use-PodeRoutes');
    const values = this.#elements(node);
    const pathElement = values.findIndex(
      (element) => element.kind === 'parameter' && 'path'.startsWith(element.name.toLowerCase()),
    );
    const folder =
      pathElement >= 0 && values[pathElement + 1]?.kind === 'argument'
        ? this.#argument(
            (values[pathElement + 1] as { node: SyntaxNode }).node,
            scope,
          ).code.replace(/^'|'$/g, '')
        : 'routes';
    const included = this.#options.include(`${folder}/*.ps1`);
    if ('error' in included) throw new NotPorted(node, included.error);
    const list = findStatementList(included.root);
    return [
      `// Use-PodeRoutes: ${folder}`,
      ...(list === undefined
        ? []
        : this.#withText(included.text, () => this.#statementList(list, scope, 'setup'))),
    ];
  }

  #stateSet(node: SyntaxNode, scope: Scope): string {
    const elements = this.#elements(node);
    const get = (param: string): SyntaxNode | undefined => {
      const index = elements.findIndex(
        (element) => element.kind === 'parameter' && param.startsWith(element.name.toLowerCase()),
      );
      const value = elements[index + 1];
      return index >= 0 && value?.kind === 'argument' ? value.node : undefined;
    };
    const name = get('name');
    if (name === undefined) throw new NotPorted(node, 'Set-PodeState without -Name');
    const value = get('value');
    this.#usesState = true;
    const key = this.#argument(name, scope).code;
    return `state[${key}] = ${value === undefined ? 'null' : this.#argument(value, scope).code}`;
  }

  #lockObject(node: SyntaxNode, scope: Scope): string[] {
    const block = this.#elements(node).find(
      (element) =>
        element.kind === 'argument' && unwrap(element.node).type === 'script_block_expression',
    );
    if (block === undefined || block.kind !== 'argument')
      throw new NotPorted(node, 'Lock-PodeObject without a script block');
    const inner = named(unwrap(block.node)).find((child) => child.type === 'script_block');
    const list = inner === undefined ? undefined : findStatementList(inner);
    return [
      '// Lock-PodeObject: JavaScript runs one handler at a time',
      '{',
      ...(list === undefined ? [] : this.#statementList(list, scope, 'block')).map((l) => `  ${l}`),
      '}',
    ];
  }

  /** A command used for its value (or as a statement). */
  #command(node: SyntaxNode, scope: Scope, input: Expr | undefined): Expr {
    const name = this.#commandName(node);
    const lower = name.toLowerCase();
    if (/^-?\d+\.\.-?\d+$/.test(name)) return this.#range(name);
    if (lower === 'get-podestate') {
      const elements = this.#elements(node);
      const value = elements.find((element) => element.kind === 'argument');
      if (value === undefined || value.kind !== 'argument')
        throw new NotPorted(node, 'Get-PodeState without a name');
      this.#usesState = true;
      return { code: `state[${this.#argument(value.node, scope).code}]`, type: 'any' };
    }
    const user = this.#functions.get(lower);
    if (user !== undefined) return this.#userCall(node, user, scope);
    const unsupported = Object.entries(unsupportedPodeCmdlets).find(
      ([key]) => key.toLowerCase() === lower,
    );
    if (unsupported !== undefined)
      throw new NotPorted(node, `${unsupported[0]} (${unsupported[1]})`);
    const pode = this.#podeMappingEntry(name);
    if (pode !== undefined) return this.#podeCall(node, pode[0], pode[1], scope, input);
    const ps = Object.entries(powershellCmdlets).find(([key]) => key.toLowerCase() === lower);
    if (ps !== undefined) return this.#psCall(node, ps[0], ps[1], scope, input);
    throw new NotPorted(node, `${name} (no equivalent in pode-ts)`);
  }

  #userCall(node: SyntaxNode, jsName: string, scope: Scope): Expr {
    const elements = this.#elements(node);
    const parameters = this.#functionParameters.get(this.#commandName(node).toLowerCase()) ?? [];
    const values: (string | undefined)[] = parameters.map(() => undefined);
    const positional: string[] = [];
    for (let i = 0; i < elements.length; i++) {
      const element = elements[i];
      if (element.kind === 'argument') {
        positional.push(this.#argument(element.node, scope).code);
        continue;
      }
      const lower = element.name.toLowerCase();
      const matches = parameters.filter((p) => p.name.toLowerCase().startsWith(lower));
      const exact = parameters.findIndex((p) => p.name.toLowerCase() === lower);
      const index = exact >= 0 ? exact : matches.length === 1 ? parameters.indexOf(matches[0]) : -1;
      if (index < 0)
        throw new NotPorted(element.node, `-${element.name}: no such parameter of ${jsName}`);
      const next = elements[i + 1];
      if (parameters[index].tsType === 'boolean' && !(element.colon && next?.kind === 'argument')) {
        values[index] = 'true';
        continue;
      }
      if (next?.kind !== 'argument')
        throw new NotPorted(element.node, `-${element.name} without a value`);
      values[index] = this.#argument(next.node, scope).code;
      i++;
    }
    for (const value of positional) {
      const free = values.findIndex(
        (v, index) => v === undefined && parameters[index].tsType !== 'boolean',
      );
      if (free < 0) throw new NotPorted(node, `more arguments than ${jsName} has parameters`);
      values[free] = value;
    }
    let last = values.length;
    while (last > 0 && values[last - 1] === undefined) last--;
    const args = values.slice(0, last).map((v) => v ?? 'undefined');
    return { code: `await ${jsName}(${args.join(', ')})`, type: 'any' };
  }

  #event(scope: Scope): string {
    for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) {
      if (s.event !== null) return s.event;
      if (s.kind === 'function') break;
    }
    this.#imports.add('getWebEvent');
    return 'getWebEvent()';
  }

  #podeCall(
    node: SyntaxNode,
    name: string,
    mapping: PodeMapping,
    scope: Scope,
    input: Expr | undefined,
  ): Expr {
    if (mapping.target === 'builder' || mapping.target === 'startServer')
      throw new NotPorted(node, `${name} used as a value`);
    if (mapping.target === 'drop') throw new NotPorted(node, `${name} used as a value`);
    const values = this.#bind(node, name);
    if (input !== undefined) throw new NotPorted(node, `piping into ${name}`);
    if (mapping.target === 'scheme') return this.#scheme(node, values, mapping, scope);
    if (mapping.target === 'expression') {
      const template = mapping.name ?? '';
      let missing: string | undefined;
      const code = template.replace(/\{(\w+)\}/g, (_, hole: string) => {
        if (hole === 'e') return this.#event(scope);
        const value = values.get(hole);
        if (value === undefined) {
          missing = hole;
          return '';
        }
        return this.#convert(
          value,
          hole === 'Duration' ? 'number' : hole === 'Values' ? 'value' : 'string',
          scope,
          node,
        );
      });
      if (missing !== undefined) throw new NotPorted(node, `${name} without -${missing}`);
      return { code, type: (mapping.result ?? 'void') as ValueType };
    }
    this.#checkUnmapped(values, mapping, name, node);
    const args = this.#mappedArguments(values, mapping, name, scope, node);
    const options = this.#optionsObject(values, mapping, scope, node);
    if (options !== '') args.push(options);
    let callee: string;
    if (mapping.target === 'event') {
      const event = this.#event(scope);
      if (event === 'getWebEvent()' && mapping.free !== undefined) {
        this.#imports.delete('getWebEvent');
        this.#imports.add(mapping.free);
        callee = mapping.free;
      } else callee = `${event}.${mapping.name}`;
    } else {
      this.#imports.add(mapping.name ?? '');
      callee = mapping.name ?? '';
    }
    const call = `${callee}(${args.join(', ')})`;
    return {
      code: mapping.await === true ? `await ${call}` : call,
      type:
        (mapping.result ?? 'void') === 'nullableString'
          ? 'any'
          : ((mapping.result ?? 'void') as ValueType),
    };
  }

  #scheme(
    node: SyntaxNode,
    values: Map<string, BoundValue>,
    mapping: PodeMapping,
    scope: Scope,
  ): Expr {
    const kind = ['Basic', 'Form', 'Bearer', 'ApiKey', 'Custom'].find((k) => values.has(k));
    if (kind === undefined || kind === 'Custom')
      throw new NotPorted(
        node,
        kind === 'Custom' ? 'New-PodeAuthScheme -Custom' : 'this New-PodeAuthScheme',
      );
    for (const param of values.keys()) {
      if (param !== kind && mapping.options?.[param] === undefined)
        throw new NotPorted(node, `New-PodeAuthScheme -${param} (no equivalent in pode-ts)`);
    }
    const factory = kind === 'ApiKey' ? 'apiKey' : kind.toLowerCase();
    this.#imports.add(factory);
    const options = this.#optionsObject(values, mapping, scope, node);
    return { code: `${factory}(${options})`, type: 'any' };
  }

  #psCall(
    node: SyntaxNode,
    name: string,
    mapping: CmdletMapping,
    scope: Scope,
    input: Expr | undefined,
  ): Expr {
    const values = this.#bind(node, name);
    if (name === 'Get-Date' && values.size === 0) return { code: 'new Date()', type: 'date' };
    if (
      name === 'Write-Host' ||
      name === 'Write-Output' ||
      name === 'Out-Default' ||
      name === 'Out-Host'
    ) {
      if (name === 'Write-Output' && scope.kind === 'function')
        throw new NotPorted(node, 'Write-Output in a function (return the value instead)');
      const items = this.#elements(node)
        .filter((element) => element.kind === 'argument')
        .map((element) => this.#argument(element.node, scope).code);
      if (input !== undefined) items.unshift(input.code);
      return { code: `${this.#helper('writeHost')}(${items.join(', ')})`, type: 'void' };
    }
    const helper = this.#helper(mapping.helper ?? '');
    const args: string[] = [];
    if (mapping.block !== undefined) {
      const block = values.get(mapping.block);
      if (input === undefined) throw new NotPorted(node, `${name} without pipeline input`);
      if (block === undefined || block.kind !== 'node')
        throw new NotPorted(node, `${name} without a script block`);
      const fn = this.#itemFunction(block.node, scope, name === 'Where-Object');
      return { code: `${helper}(${input.code}, ${fn})`, type: 'array' };
    }
    for (const param of mapping.args ?? []) {
      const value = values.get(param);
      if (param === mapping.input && input !== undefined) {
        args.push(input.code);
        continue;
      }
      if (value === undefined) {
        if (args.length === 0 && param === mapping.input)
          throw new NotPorted(node, `${name} without input`);
        continue;
      }
      args.push(
        value.kind === 'switch' ? String(value.value) : this.#argument(value.node, scope).code,
      );
    }
    const options: string[] = [];
    for (const [param, key] of Object.entries(mapping.options ?? {})) {
      const value = values.get(param);
      if (value === undefined) continue;
      if (param === mapping.input && input !== undefined) continue;
      options.push(
        `${key}: ${value.kind === 'switch' ? String(value.value) : this.#argument(value.node, scope).code}`,
      );
    }
    if (
      input !== undefined &&
      mapping.input !== undefined &&
      !(mapping.args ?? []).includes(mapping.input)
    ) {
      options.push(`${mapping.options?.[mapping.input] ?? camel(mapping.input)}: ${input.code}`);
    }
    for (const param of values.keys()) {
      if (
        !(mapping.args ?? []).includes(param) &&
        mapping.options?.[param] === undefined &&
        !(mapping.switches ?? []).includes(param) &&
        param !== mapping.input
      ) {
        throw new NotPorted(node, `${name} -${param}`);
      }
    }
    if (options.length > 0) args.push(`{ ${options.join(', ')} }`);
    const call = `${helper}(${args.join(', ')})`;
    return {
      code: mapping.await === true ? `await ${call}` : call,
      type: (mapping.result ?? 'any') as ValueType,
    };
  }

  #itemFunction(node: SyntaxNode, scope: Scope, predicate: boolean): string {
    const block = unwrap(node);
    if (block.type !== 'script_block_expression')
      throw new NotPorted(node, 'a script block held in a variable');
    const inner: Scope = {
      kind: 'block',
      event: null,
      vars: new Map([
        ['_', 'item'],
        ['psitem', 'item'],
      ]),
      parent: scope,
      hoisted: new Set(),
      isAsync: false,
    };
    const scriptBlock = named(block).find((child) => child.type === 'script_block');
    const list = scriptBlock === undefined ? undefined : findStatementList(scriptBlock);
    const statements =
      list === undefined
        ? []
        : all(list).filter(
            (c) => c.type !== ';' && c.type !== 'comment' && c.type !== 'empty_statement',
          );
    const annotation = this.#ts(': any');
    if (statements.length === 1 && isBareValue(statements[0])) {
      const value = this.#expression(statements[0], inner);
      return `(item${annotation}) => ${predicate ? this.#truthy(value) : value.code}`;
    }
    throw new NotPorted(
      node,
      `a ${predicate ? 'Where-Object' : 'ForEach-Object'} block with statements`,
    );
  }

  #pipeline(parts: SyntaxNode[], scope: Scope): Expr {
    let value: Expr | undefined;
    for (const part of parts) {
      const node = unwrap(part);
      if (node.type === 'command' || node.type === 'command_name')
        value = this.#command(node, scope, value);
      else if (value === undefined) value = this.#expression(node, scope);
      else throw new NotPorted(node, 'an expression after a pipe');
    }
    if (value === undefined) throw new NotPorted(parts[0], 'an empty pipeline');
    const last = unwrap(parts[parts.length - 1]);
    if (
      (last.type === 'command' || last.type === 'command_name') &&
      (value.type === 'array' || value.type === 'any')
    ) {
      const name = this.#commandName(last).toLowerCase();
      if (Object.keys(powershellCmdlets).some((key) => key.toLowerCase() === name)) {
        return { ...value, pipeline: true };
      }
    }
    return value;
  }

  #range(text: string): Expr {
    const [from, to] = text.split('..').map(Number);
    const count = Math.abs(to - from) + 1;
    if (count <= 20) {
      const items = Array.from({ length: count }, (_, i) => (from <= to ? from + i : from - i));
      return { code: `[${items.join(', ')}]`, type: 'array' };
    }
    return {
      code: `Array.from({ length: ${count} }, (_, i) => ${from} ${from <= to ? '+' : '-'} i)`,
      type: 'array',
    };
  }

  // ---------------------------------------------------------------- expressions

  #helper(name: string): string {
    this.#helpers.add(name);
    return name;
  }

  #nodeImport(module: string, name: string): void {
    const names = this.#nodeImports.get(module) ?? new Set<string>();
    names.add(name);
    this.#nodeImports.set(module, names);
  }

  #expression(raw: SyntaxNode, scope: Scope): Expr {
    const node = unwrap(raw);
    switch (node.type) {
      case 'decimal_integer_literal':
      case 'integer_literal':
        return this.#integer(node);
      case 'hexadecimal_integer_literal':
        return { code: node.text, type: 'number' };
      case 'real_literal':
        if (/[a-z]$/i.test(node.text)) throw new NotPorted(node, `the number ${node.text}`);
        return { code: node.text, type: 'number' };
      case 'string_literal':
        return this.#string(node, scope);
      case 'expandable_string_literal':
      case 'expandable_here_string_literal':
        return this.#expandable(node, scope);
      case 'verbatim_string_characters':
        return { code: quote(node.text.slice(1, -1).replace(/''/g, "'")), type: 'string' };
      case 'verbatim_here_string_characters':
        return {
          code: quote(node.text.replace(/^@'\r?\n/, '').replace(/\r?\n'@$/, '')),
          type: 'string',
        };
      case 'variable':
      case 'braced_variable':
        return this.#variable(node, scope);
      case 'member_access':
        return this.#memberAccess(node, scope);
      case 'invokation_expression':
        return this.#invocation(node, scope);
      case 'element_access':
        return this.#elementAccess(node, scope);
      case 'hash_literal_expression':
        return this.#hashtable(node, scope);
      case 'array_expression':
        return this.#arrayExpression(node, scope);
      case 'array_literal_expression':
        return {
          code: `[${named(node)
            .map((item) => this.#expression(item, scope).code)
            .join(', ')}]`,
          type: 'array',
        };
      case 'parenthesized_expression': {
        const inner = named(node).find((child) => child.type !== 'comment');
        if (inner === undefined) throw new NotPorted(node, 'empty parentheses');
        const value = this.#pipelineOrExpression(inner, scope);
        return {
          code: /^[\w.$[\]'()]+$/.test(value.code) ? value.code : `(${value.code})`,
          type: value.type,
        };
      }
      case 'sub_expression': {
        const list = named(node).find((child) => child.type === 'statement_list');
        const statements =
          list === undefined
            ? []
            : named(list).filter((c) => c.type !== 'comment' && c.type !== 'empty_statement');
        if (statements.length !== 1) throw new NotPorted(node, 'a $( ) with several statements');
        const value = this.#pipelineOrExpression(statements[0], scope);
        const simple = /^[\w.$]+(\([^()]*(\([^()]*\))?[^()]*\))?$/.test(value.code);
        return { code: simple ? value.code : `(${value.code})`, type: value.type };
      }
      case 'cast_expression':
        return this.#cast(node, scope);
      case 'comparison_expression':
        return this.#comparison(node, scope);
      case 'logical_expression':
        return this.#logical(node, scope);
      case 'additive_expression':
      case 'multiplicative_expression':
        return this.#arithmetic(node, scope);
      case 'format_expression': {
        const [format, , args] = all(node);
        const items = this.#listNodes(args).map((item) => this.#expression(item, scope).code);
        return {
          code: `${this.#helper('format')}(${this.#expression(format, scope).code}, ${items.join(', ')})`,
          type: 'string',
        };
      }
      case 'range_expression': {
        const [from, , to] = all(node);
        const a = this.#expression(from, scope).code;
        const b = this.#expression(to, scope).code;
        if (/^-?\d+$/.test(a) && /^-?\d+$/.test(b)) return this.#range(`${a}..${b}`);
        return {
          code: `Array.from({ length: Math.abs(${b} - ${a}) + 1 }, (_, i) => (${a} <= ${b} ? ${a} + i : ${a} - i))`,
          type: 'array',
        };
      }
      case 'expression_with_unary_operator':
        return this.#unary(node, scope);
      case 'post_increment_expression':
      case 'post_decrement_expression':
      case 'pre_increment_expression':
      case 'pre_decrement_expression':
        return { code: this.#increment(node, scope), type: 'number' };
      case 'assignment_expression':
        return { code: this.#assignment(node, scope), type: 'void' };
      case 'script_block_expression':
        return {
          code: this.#handler(node, 'inline', scope, new Map(), undefined).join('\n'),
          type: 'function',
        };
      case 'command':
      case 'command_name':
      case 'pipeline_chain':
        return this.#pipelineOrExpression(node, scope);
      case 'generic_token':
        return { code: quote(node.text), type: 'string' };
      case 'type_literal':
        throw new NotPorted(node, `the type ${node.text}`);
      default:
        throw new NotPorted(node, node.type.replace(/_/g, ' '));
    }
  }

  #pipelineOrExpression(node: SyntaxNode, scope: Scope): Expr {
    const inner = unwrap(node);
    if (inner.type === 'pipeline_chain') return this.#pipeline(pipelineParts(inner), scope);
    if (inner.type === 'command' || inner.type === 'command_name')
      return this.#command(inner, scope, undefined);
    if (inner.type === 'assignment_expression')
      throw new NotPorted(inner, 'an assignment used as a value');
    return this.#expression(inner, scope);
  }

  #integer(node: SyntaxNode): Expr {
    const match = /^(\d+)(kb|mb|gb|tb)?$/i.exec(node.text);
    if (match === null) throw new NotPorted(node, `the number ${node.text}`);
    const unit = { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 }[
      (match[2] ?? '').toLowerCase() as 'kb'
    ];
    return {
      code: unit === undefined ? match[1] : String(Number(match[1]) * unit),
      type: 'number',
    };
  }

  #string(node: SyntaxNode, scope: Scope): Expr {
    const inner = named(node)[0];
    if (inner === undefined) return { code: quote(node.text.slice(1, -1)), type: 'string' };
    return this.#expression(inner, scope);
  }

  #expandable(node: SyntaxNode, scope: Scope): Expr {
    const text = node.text;
    const here = node.type === 'expandable_here_string_literal' || text.startsWith('@"');
    const open = here ? (/^@"[ \t]*\r?\n/.exec(text)?.[0].length ?? 2) : 1;
    const close = here ? (/\r?\n"@$/.exec(text)?.[0].length ?? 2) : 1;
    const parts: string[] = [];
    let cursor = node.startIndex + open;
    const end = node.endIndex - close;
    const source = this.#textOverride ?? this.#text;
    let dynamic = false;
    for (const child of named(node)) {
      if (child.startIndex < cursor) continue;
      parts.push(escapeTemplate(unescapePowerShell(source.slice(cursor, child.startIndex), here)));
      const value = this.#expression(child, scope);
      parts.push(
        `\${${value.type === 'string' || value.type === 'number' ? value.code : `${this.#helper('toPsString')}(${value.code})`}}`,
      );
      dynamic = true;
      cursor = child.endIndex;
    }
    parts.push(
      escapeTemplate(unescapePowerShell(source.slice(cursor, Math.max(cursor, end)), here)),
    );
    if (!dynamic) {
      return {
        code: quote(
          unescapePowerShell(
            source.slice(node.startIndex + open, Math.max(node.startIndex + open, end)),
            here,
          ),
        ),
        type: 'string',
      };
    }
    return { code: `\`${parts.join('')}\``, type: 'string' };
  }

  #variable(node: SyntaxNode, scope: Scope): Expr {
    let raw = node.text.replace(/^\$/, '');
    if (raw.startsWith('{') && raw.endsWith('}')) raw = raw.slice(1, -1);
    if (raw.startsWith('@')) throw new NotPorted(node, 'splatting');
    const colon = raw.indexOf(':');
    if (colon > 0) {
      const drive = raw.slice(0, colon).toLowerCase();
      const name = raw.slice(colon + 1);
      if (drive === 'env') return { code: member('process.env', name), type: 'any' };
      if (drive === 'session') return this.#sessionKey(node, name, scope);
      if (
        drive === 'script' ||
        drive === 'global' ||
        drive === 'using' ||
        drive === 'state' ||
        drive === 'local' ||
        drive === 'private'
      ) {
        const found = this.#lookup(name.toLowerCase(), scope);
        if (found !== undefined) return { code: found, type: 'any' };
        if (drive === 'using' || drive === 'local' || drive === 'private')
          throw new NotPorted(node, `$${raw}: no such variable in the script`);
        return { code: this.#moduleVariable(name, scope), type: 'any' };
      }
      throw new NotPorted(node, `$${raw}`);
    }
    const lower = raw.toLowerCase();
    if (lower === 'webevent') return { code: this.#event(scope), type: 'any' };
    if (lower === 'matches') {
      this.#matchesVar = true;
      return { code: 'matches', type: 'any' };
    }
    const found = this.#lookup(lower, scope);
    if (found !== undefined) return { code: found, type: lower === '_' ? 'any' : 'any' };
    const automatic = automaticVariables[lower];
    if (automatic !== undefined)
      return {
        code: automatic.js.replace('{root}', this.#options.rootExpression),
        type: automatic.type as ValueType,
      };
    if (lower === '_' || lower === 'psitem')
      throw new NotPorted(node, '$_ outside a pipeline block or catch');
    throw new NotPorted(node, `$${raw} (a variable the script does not set)`);
  }

  /** `$script:x` written in a function before any module-level assignment: declare it at module level. */
  #moduleVariable(name: string, scope: Scope): string {
    let module: Scope | undefined = scope;
    while (module?.parent !== undefined) module = module.parent;
    const js = camel(name);
    module?.vars.set(name.toLowerCase(), js);
    return js;
  }

  #sessionKey(node: SyntaxNode, name: string, scope: Scope): Expr {
    const key = this.#sessionSpelling(node, name);
    const event = this.#event(scope);
    if (event === 'getWebEvent()') {
      this.#imports.delete('getWebEvent');
      this.#imports.add('sessionScope');
      return { code: member('sessionScope', key), type: 'any' };
    }
    return { code: member(`${event}.session.data`, key), type: 'any' };
  }

  #sessionSpelling(node: SyntaxNode, name: string): string {
    const lower = name.toLowerCase();
    const first = this.#sessionKeys.get(lower);
    if (first === undefined) {
      const spelling = camel(name);
      this.#sessionKeys.set(lower, spelling);
      this.#sessionRaw.set(lower, name);
      return spelling;
    }
    const firstRaw = this.#sessionRaw.get(lower);
    if (firstRaw !== name && !this.#reportedSessionCase.has(`${lower}:${name}`)) {
      this.#reportedSessionCase.add(`${lower}:${name}`);
      this.#note(
        node,
        `session key ${name} is also spelled ${firstRaw}: the first spelling wins (${first}); keys are case-sensitive in pode-ts`,
      );
    }
    return first;
  }

  #memberAccess(node: SyntaxNode, scope: Scope): Expr {
    const [objectNode, operator, nameNode] = all(node);
    const name = nameNode?.text ?? '';
    if (operator?.type === '::')
      return this.#staticMember(objectNode, name, undefined, node, scope);
    if (!/^\w+$/.test(name)) throw new NotPorted(node, 'a computed member name');
    return this.#instanceMember(objectNode, name, scope, node);
  }

  #instanceMember(objectNode: SyntaxNode, name: string, scope: Scope, node: SyntaxNode): Expr {
    const object = unwrap(objectNode);
    const lower = name.toLowerCase();
    // $WebEvent.X
    if (object.type === 'variable' && object.text.toLowerCase() === '$webevent') {
      const mapped =
        webEventMembers[name] ??
        Object.entries(webEventMembers).find(([key]) => key.toLowerCase() === lower)?.[1];
      const event = this.#event(scope);
      if (mapped === undefined) return { code: `${event}.metadata.${camel(name)}`, type: 'any' };
      return {
        code: `${event}.${mapped.js}`,
        type: mapped.type === 'unknown' ? 'unknown' : (mapped.type as ValueType),
      };
    }
    const parent = this.#expression(object, scope);
    // $WebEvent.Session.Data.X → the session key
    if (/\.session\.data$/.test(parent.code) || parent.code === 'sessionScope') {
      const key = this.#sessionSpelling(node, name);
      return { code: member(parent.code, key), type: 'any' };
    }
    if (/\.session$/.test(parent.code) && lower === 'data')
      return { code: `${parent.code}.data`, type: 'any' };
    if (/\.request$/.test(parent.code)) {
      if (lower === 'useragent')
        return {
          code: `${parent.code.replace(/\.request$/, '')}.headers['user-agent']`,
          type: 'any',
        };
      if (lower === 'headers')
        return { code: `${parent.code.replace(/\.request$/, '')}.headers`, type: 'record' };
      if (lower === 'remoteendpoint')
        return { code: parent.code.replace(/\.request$/, ''), type: 'object' };
      if (lower === 'url') return { code: `${parent.code}.url`, type: 'any' };
    }
    if (
      /^(e|getWebEvent\(\))$/.test(parent.code.replace(/\.request$/, '')) &&
      parent.type === 'object' &&
      lower === 'address'
    ) {
      return { code: `${parent.code}.remoteAddress`, type: 'string' };
    }
    if (/\.auth$/.test(parent.code) && lower === 'user')
      return { code: `${parent.code}.user`, type: 'any' };
    if (/\.(query|parameters|cookies|headers)$/.test(parent.code)) {
      const key = /\.headers$/.test(parent.code) ? name.toLowerCase() : name;
      return { code: member(parent.code, key), type: 'any' };
    }
    if (parent.code.endsWith('.data') || parent.type === 'unknown')
      return {
        code: `(${parent.code} as any).${name}`.replace(
          this.#options.language === 'js' ? / as any/ : /$^/,
          '',
        ),
        type: 'any',
      };
    const property = instanceProperties[lower];
    if (property !== undefined && (lower !== 'length' || true)) {
      if (lower === 'count' && parent.type === 'array')
        return { code: `${parent.code}.length`, type: 'number' };
      for (const helper of property.helpers ?? []) this.#helper(helper);
      return { code: property.js.replace('{this}', parent.code), type: property.type as ValueType };
    }
    if (lower === 'value' && this.#cookieValue(object)) return parent;
    return { code: member(parent.code, name), type: 'any' };
  }

  #cookieValue(object: SyntaxNode): boolean {
    return /Get-PodeCookie/i.test(object.text);
  }

  #staticMember(
    typeNode: SyntaxNode,
    name: string,
    args: SyntaxNode[] | undefined,
    node: SyntaxNode,
    scope: Scope,
  ): Expr {
    const type = typeNode.text
      .replace(/^\[|\]$/g, '')
      .toLowerCase()
      .replace(/^system\./, '');
    const table = staticMembers[type];
    const mapping = table?.[name.toLowerCase()];
    if (mapping === undefined)
      throw new NotPorted(node, `[${typeNode.text.replace(/^\[|\]$/g, '')}]::${name}`);
    for (const helper of mapping.helpers ?? []) this.#helper(helper);
    if (mapping.js.includes('hostname()')) this.#nodeImport('node:os', 'hostname');
    const values = (args ?? []).map((arg) => this.#expression(arg, scope).code);
    return { code: fill(mapping.js, undefined, values), type: mapping.type as ValueType };
  }

  #invocation(node: SyntaxNode, scope: Scope): Expr {
    const children = all(node);
    const objectNode = children[0];
    const operator = children[1];
    const nameNode = children[2];
    const argumentList = children.find((child) => child.type === 'argument_list');
    const args = argumentList === undefined ? [] : this.#invocationArguments(argumentList);
    const name = nameNode?.text ?? '';
    if (operator?.type === '::') return this.#staticMember(objectNode, name, args, node, scope);
    const lower = name.toLowerCase();
    const object = this.#expression(objectNode, scope);
    const values = args.map((arg) => this.#expression(arg, scope));
    if (lower === 'tostring') {
      if (values.length === 0)
        return {
          code:
            object.type === 'string'
              ? object.code
              : `${this.#helper('toPsString')}(${object.code})`,
          type: 'string',
        };
      if (object.type === 'number' || object.type === 'any' || object.type === 'date')
        return {
          code: `${this.#helper('format')}(${quote('{0:')} + ${values[0].code} + '}', ${object.code})`,
          type: 'string',
        };
    }
    if (lower === 'split' && values.length === 1 && /^'.'$/.test(values[0].code))
      return { code: `${this.#receiver(object)}.split(${values[0].code})`, type: 'array' };
    if (lower === 'substring') {
      const receiver = this.#receiver(object);
      if (values.length === 1)
        return { code: `${receiver}.slice(${values[0].code})`, type: 'string' };
      return {
        code: `${receiver}.slice(${values[0].code}, ${values[0].code} + ${values[1].code})`,
        type: 'string',
      };
    }
    if (lower === 'add' && values.length === 1)
      return { code: `${this.#receiver(object)}.push(${values[0].code})`, type: 'void' };
    if (lower === 'add' && values.length === 2)
      return {
        code: `${this.#receiver(object)}[${values[0].code}] = ${values[1].code}`,
        type: 'void',
      };
    if (lower === 'remove' && values.length === 1)
      return { code: `delete ${this.#receiver(object)}[${values[0].code}]`, type: 'void' };
    const mapping = instanceMethods[lower];
    if (mapping === undefined) throw new NotPorted(node, `the method .${name}()`);
    for (const helper of mapping.helpers ?? []) this.#helper(helper);
    return {
      code: fill(
        mapping.js,
        this.#receiver(object),
        values.map((v) => v.code),
      ),
      type: mapping.type as ValueType,
    };
  }

  #receiver(object: Expr): string {
    if (object.type === 'unknown' && this.#options.language === 'ts')
      return `(${object.code} as any)`;
    return object.code;
  }

  #invocationArguments(list: SyntaxNode): SyntaxNode[] {
    const inner = named(list).find((child) => child.type === 'argument_expression_list');
    if (inner === undefined) return [];
    return named(inner).filter((child) => child.type !== 'comment');
  }

  #elementAccess(node: SyntaxNode, scope: Scope): Expr {
    const [objectNode, , indexNode] = all(node);
    const object = this.#expression(objectNode, scope);
    const index = this.#expression(indexNode, scope);
    if (/\.session\.data$/.test(object.code) && /^'[^']*'$/.test(index.code)) {
      return {
        code: member(object.code, this.#sessionSpelling(node, index.code.slice(1, -1))),
        type: 'any',
      };
    }
    if (/\.headers$/.test(object.code) && /^'[^']*'$/.test(index.code))
      return { code: member(object.code, index.code.slice(1, -1).toLowerCase()), type: 'any' };
    if (/^'[^']*'$/.test(index.code))
      return { code: member(this.#receiver(object), index.code.slice(1, -1)), type: 'any' };
    if (index.type === 'number' && /^-\d+$/.test(index.code))
      return { code: `${this.#receiver(object)}.at(${index.code})`, type: 'any' };
    return { code: `${this.#receiver(object)}[${index.code}]`, type: 'any' };
  }

  #inValidator(scope: Scope): boolean {
    for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) {
      if (s.validator === true) return true;
      if (s.kind === 'function') return false;
    }
    return false;
  }

  /** A pipeline's value as PowerShell assigns it. */
  #output(value: Expr): string {
    if (value.pipeline !== true) return value.code;
    this.#usesOutput = true;
    return `psOutput(${value.code})`;
  }

  #usesOutput = false;

  #hashtable(node: SyntaxNode, scope: Scope, camelKeys = false): Expr {
    const body = named(node).find((child) => child.type === 'hash_literal_body');
    const entries =
      body === undefined ? [] : named(body).filter((child) => child.type === 'hash_entry');
    const parts: string[] = [];
    for (const entry of entries) {
      const [keyNode, , valueNode] = all(entry);
      const key = unwrap(keyNode);
      let keyText: string;
      if (key.type === 'simple_name' || key.type === 'generic_token')
        keyText = propertyKey(camelKeys ? camel(key.text) : key.text);
      else {
        const value = this.#expression(key, scope);
        keyText = /^'[^']*'$/.test(value.code)
          ? propertyKey(value.code.slice(1, -1))
          : `[${value.code}]`;
      }
      const value = this.#pipelineOrExpression(valueNode, scope);
      parts.push(`${keyText}: ${value.code}`);
    }
    if (parts.length === 0)
      return { code: `{}${this.#ts(' as Record<string, any>')}`, type: 'object' };
    return { code: `{ ${parts.join(', ')} }`, type: 'object' };
  }

  #arrayExpression(node: SyntaxNode, scope: Scope): Expr {
    const list = named(node).find((child) => child.type === 'statement_list');
    const statements =
      list === undefined
        ? []
        : named(list).filter(
            (child) => child.type !== 'comment' && child.type !== 'empty_statement',
          );
    if (statements.length === 0) return { code: `[]${this.#ts(' as any[]')}`, type: 'array' };
    if (statements.length > 1)
      return {
        code: `[${statements.map((s) => this.#pipelineOrExpression(s, scope).code).join(', ')}]`,
        type: 'array',
      };
    const inner = unwrap(statements[0]);
    if (inner.type === 'array_literal_expression') return this.#expression(inner, scope);
    const value = this.#pipelineOrExpression(inner, scope);
    if (value.type === 'array') return value;
    return { code: `${this.#helper('toArray')}(${value.code})`, type: 'array' };
  }

  #cast(node: SyntaxNode, scope: Scope): Expr {
    let castNode = node;
    while (
      !named(castNode).some((c) => c.type === 'type_literal') &&
      named(castNode).length === 1
    ) {
      castNode = named(castNode)[0];
    }
    const typeNode = named(castNode).find((c) => c.type === 'type_literal');
    const valueNode = named(castNode).find((c) => c !== typeNode && c.type !== 'comment');
    if (typeNode === undefined || valueNode === undefined) throw new NotPorted(node, 'this cast');
    const type = typeNode.text
      .replace(/^\[|\]$/g, '')
      .toLowerCase()
      .replace(/\s/g, '');
    const cast = casts[type];
    if (cast === undefined)
      throw new NotPorted(node, `the cast [${typeNode.text.replace(/^\[|\]$/g, '')}]`);
    const value = this.#expression(valueNode, scope);
    if (cast.result === 'void') return { code: `void ${value.code}`, type: 'void' };
    if (cast.helper === undefined) return value;
    if (cast.helper === 'toInt' && value.type === 'number' && /^\d+$/.test(value.code))
      return value;
    if (cast.helper === 'toPsString' && value.type === 'string') return value;
    return { code: `${this.#helper(cast.helper)}(${value.code})`, type: cast.result as ValueType };
  }

  #comparison(node: SyntaxNode, scope: Scope): Expr {
    const [leftNode, operatorNode, rightNode] = all(node);
    if (rightNode === undefined) throw new NotPorted(node, 'this comparison');
    const operatorText = operatorNode.text.toLowerCase().replace(/^-/, '');
    const caseSensitive =
      /^c(eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin|replace|split)$/.test(
        operatorText,
      );
    const operator =
      /^[ci](eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin|replace|split)$/.test(
        operatorText,
      )
        ? operatorText.slice(1)
        : operatorText;
    const left = this.#expression(leftNode, scope);
    if (operator === 'is' || operator === 'isnot' || operator === 'as')
      throw new NotPorted(node, `-${operator}`);
    if (operator === 'join') {
      return {
        code: `${this.#helper('join')}(${left.code}, ${this.#expression(rightNode, scope).code})`,
        type: 'string',
      };
    }
    const cs = caseSensitive ? ', true' : '';
    if (operator === 'replace') {
      const items = this.#listNodes(rightNode).map((item) => this.#expression(item, scope).code);
      return {
        code: `${this.#helper('replace')}(${left.code}, ${items[0]}, ${items[1] ?? "''"}${cs})`,
        type: 'string',
      };
    }
    const right = this.#expression(rightNode, scope);
    if (operator === 'split')
      return { code: `${this.#helper('split')}(${left.code}, ${right.code}${cs})`, type: 'array' };
    if (
      (operator === 'eq' || operator === 'ne') &&
      (right.type === 'null' || left.type === 'null')
    ) {
      const other = right.type === 'null' ? left : right;
      if (left.type === 'null' || other.type !== 'array')
        return { code: `${other.code} ${operator === 'eq' ? '==' : '!='} null`, type: 'boolean' };
    }
    const numeric = numericOperators[operator];
    if (numeric !== undefined && left.type === 'number' && right.type === 'number')
      return { code: `${left.code} ${numeric} ${right.code}`, type: 'boolean' };
    if (
      (operator === 'eq' || operator === 'ne') &&
      left.type === 'string' &&
      right.type === 'string' &&
      /^'[^A-Za-z]*'$/.test(right.code)
    ) {
      return { code: `${left.code} ${numeric} ${right.code}`, type: 'boolean' };
    }
    const helper = comparisonOperators[operator];
    if (helper === undefined) throw new NotPorted(node, `-${operatorText}`);
    if (operator === 'match') {
      this.#matchesVar = true;
      return {
        code: `(matches = ${this.#helper('match')}(${left.code}, ${right.code}${cs})) !== null`,
        type: 'boolean',
      };
    }
    const type: ValueType =
      left.type === 'array' && !['contains', 'notcontains', 'in', 'notin'].includes(operator)
        ? 'array'
        : 'boolean';
    return { code: `${this.#helper(helper)}(${left.code}, ${right.code}${cs})`, type };
  }

  #logical(node: SyntaxNode, scope: Scope): Expr {
    const [leftNode, operatorNode, rightNode] = all(node);
    const operator = operatorNode.text.toLowerCase();
    const left = this.#truthy(this.#expression(leftNode, scope));
    const right = this.#truthy(this.#expression(rightNode, scope));
    if (operator === '-and') return { code: `${left} && ${right}`, type: 'boolean' };
    if (operator === '-or') return { code: `${left} || ${right}`, type: 'boolean' };
    if (operator === '-xor') return { code: `(${left}) !== (${right})`, type: 'boolean' };
    throw new NotPorted(node, operator);
  }

  #arithmetic(node: SyntaxNode, scope: Scope): Expr {
    const [leftNode, operatorNode, rightNode] = all(node);
    const operator = operatorNode.text;
    const left = this.#expression(leftNode, scope);
    const right = this.#expression(rightNode, scope);
    const wrap = (e: Expr) => (/^[\w.$'"`()[\]]+$/.test(e.code) ? e.code : `(${e.code})`);
    if (left.type === 'number' && right.type === 'number' && operator !== '/' && operator !== '%') {
      return { code: `${left.code} ${operator} ${wrap(right)}`, type: 'number' };
    }
    if (operator === '+') {
      if (left.type === 'string')
        return {
          code: `${left.code} + ${right.type === 'string' || right.type === 'number' ? wrap(right) : `${this.#helper('toPsString')}(${right.code})`}`,
          type: 'string',
        };
      return { code: `${this.#helper('add')}(${left.code}, ${right.code})`, type: 'any' };
    }
    if (operator === '*')
      return { code: `${this.#helper('multiply')}(${left.code}, ${right.code})`, type: 'any' };
    if (operator === '/')
      return { code: `${this.#helper('divide')}(${left.code}, ${right.code})`, type: 'number' };
    if (operator === '%')
      return { code: `${this.#helper('mod')}(${left.code}, ${right.code})`, type: 'number' };
    if (operator === '-') {
      if (left.type === 'date' || right.type === 'date')
        throw new NotPorted(node, 'date subtraction');
      return { code: `${this.#toNumber(left)} - ${this.#toNumber(right)}`, type: 'number' };
    }
    throw new NotPorted(node, operator);
  }

  #toNumber(e: Expr): string {
    if (e.type === 'number') return /^[\w.]+$/.test(e.code) ? e.code : `(${e.code})`;
    return `${this.#helper('toDouble')}(${e.code})`;
  }

  #unary(node: SyntaxNode, scope: Scope): Expr {
    const [operatorNode, valueNode] = all(node);
    const operator = operatorNode.text.toLowerCase();
    if (operator === '!' || operator === '-not') {
      const value = this.#expression(valueNode, scope);
      const test = this.#truthy(value);
      return { code: /^[\w.$()]+$/.test(test) ? `!${test}` : `!(${test})`, type: 'boolean' };
    }
    if (operator === '-') {
      const value = this.#expression(valueNode, scope);
      return {
        code: `-${value.type === 'number' ? value.code : this.#toNumber(value)}`,
        type: 'number',
      };
    }
    if (operator === '-join')
      return {
        code: `${this.#helper('join')}(${this.#expression(valueNode, scope).code})`,
        type: 'string',
      };
    if (operator === '-split')
      return {
        code: `${this.#helper('split')}(${this.#expression(valueNode, scope).code})`,
        type: 'array',
      };
    if (operator === ',')
      return { code: `[${this.#expression(valueNode, scope).code}]`, type: 'array' };
    if (operator.startsWith('[')) return this.#cast(node, scope);
    throw new NotPorted(node, `the operator ${operator}`);
  }

  #target(node: SyntaxNode, scope: Scope): Expr {
    const target = unwrap(node);
    if (target.type === 'variable') {
      const raw = target.text.replace(/^\$/, '');
      const colon = raw.indexOf(':');
      if (colon < 0) {
        const found = this.#lookup(raw.toLowerCase(), scope);
        if (found !== undefined) return { code: found, type: 'any' };
        const name = camel(raw);
        scope.vars.set(raw.toLowerCase(), name);
        scope.hoisted.add(name);
        return { code: name, type: 'any' };
      }
    }
    return this.#expression(target, scope);
  }

  #assignment(node: SyntaxNode, scope: Scope): string {
    const [targetNode, operatorNode] = all(node);
    const valueNode = node.childForFieldName('value') ?? all(node)[2];
    const operator = operatorNode.text;
    const target = this.#target(targetNode, scope);
    if (target.code.startsWith('process.env.') && operator === '=') {
      return `${target.code} = ${this.#helper('toPsString')}(${this.#pipelineOrExpression(valueNode, scope).code})`;
    }
    const value = this.#pipelineOrExpression(valueNode, scope);
    if (operator === '=') return `${target.code} = ${this.#output(value)}`;
    const helper = { '+=': 'add', '-=': '', '*=': 'multiply', '/=': 'divide', '%=': 'mod' }[
      operator
    ];
    if (helper === undefined) throw new NotPorted(node, operator);
    if (
      value.type === 'number' &&
      operator === '+=' &&
      /\.session\.data|sessionScope/.test(target.code)
    ) {
      return `${target.code} = (${target.code} ?? 0) + ${value.code}`;
    }
    if (helper === '')
      return `${target.code} = ${this.#toNumber(target)} - ${this.#toNumber(value)}`;
    return `${target.code} = ${this.#helper(helper)}(${target.code}, ${value.code})`;
  }

  #increment(node: SyntaxNode, scope: Scope): string {
    const operand = named(node)[0];
    const target = this.#target(operand, scope);
    const plus = node.type.includes('increment');
    return `${target.code} = (${target.code} ?? 0) ${plus ? '+' : '-'} 1`;
  }
}

// ---------------------------------------------------------------- small helpers

function fill(template: string, self: string | undefined, args: string[]): string {
  return template
    .replace('{this}', self ?? '')
    .replace('{args}', args.join(', '))
    .replace(/\{(\d)\}/g, (_, i: string) => args[Number(i)] ?? 'undefined');
}

function unescapePowerShell(text: string, here: boolean): string {
  let result = text.replace(
    /`(.)/gs,
    (_, c: string) =>
      ({ n: '\n', t: '\t', r: '\r', '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v' })[
        c
      ] ?? c,
  );
  if (!here) result = result.replace(/""/g, '"');
  return result;
}

function escapeTemplate(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

function isDotSource(node: SyntaxNode): boolean {
  return named(node).some(
    (child) => child.type === 'command_invokation_operator' && child.text === '.',
  );
}

function pipelineParts(node: SyntaxNode): SyntaxNode[] {
  return all(node).filter((child) => child.type !== '|' && child.type !== 'comment');
}

function isBareValue(node: SyntaxNode): boolean {
  const inner = unwrap(node);
  return ![
    'assignment_expression',
    'if_statement',
    'foreach_statement',
    'for_statement',
    'while_statement',
    'do_statement',
    'switch_statement',
    'try_statement',
    'flow_control_statement',
    'function_statement',
    'command',
    'command_name',
    'pipeline_chain',
    'post_increment_expression',
    'post_decrement_expression',
    'pre_increment_expression',
    'pre_decrement_expression',
    'comment',
    'param_block',
    'trap_statement',
  ].includes(inner.type);
}

function findStatementList(node: SyntaxNode): SyntaxNode | undefined {
  if (node.type === 'statement_list') return node;
  for (const child of named(node)) {
    if (child.type === 'script_block_expression' || child.type === 'function_statement') continue;
    const found = findStatementList(child);
    if (found !== undefined) return found;
  }
  return undefined;
}

function findParamBlock(node: SyntaxNode): SyntaxNode | undefined {
  for (const child of named(node)) {
    if (child.type === 'param_block') return child;
    if (
      child.type === 'script_block' ||
      child.type === 'script_block_body' ||
      child.type === 'ERROR'
    ) {
      const found = findParamBlock(child);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function findScriptBlockExpression(node: SyntaxNode): SyntaxNode | undefined {
  const list = findStatementList(node);
  const first =
    list === undefined ? undefined : named(list).find((child) => child.type !== 'comment');
  if (first === undefined) return undefined;
  const inner = unwrap(first);
  return inner.type === 'script_block_expression' ? inner : undefined;
}

interface Parameter {
  name: string;
  tsType: string;
  default: SyntaxNode | undefined;
}

const PARAMETER_TYPES: Record<string, string> = {
  string: 'string',
  int: 'number',
  int32: 'number',
  long: 'number',
  double: 'number',
  bool: 'boolean',
  switch: 'boolean',
  hashtable: 'Record<string, any>',
  'string[]': 'string[]',
};

function collectParameters(node: SyntaxNode | undefined): Parameter[] {
  if (node === undefined) return [];
  const list =
    node.type === 'parameter_list'
      ? node
      : named(node).find((child) => child.type === 'parameter_list');
  if (list === undefined) return [];
  const result: Parameter[] = [];
  for (const parameter of named(list)) {
    const inner = parameter.type === 'script_parameter' ? parameter : unwrap(parameter);
    const variable =
      inner.type === 'variable' ? inner : named(inner).find((child) => child.type === 'variable');
    if (variable === undefined) continue;
    const attributes = named(inner).find((child) => child.type === 'attribute_list');
    const typeText =
      attributes === undefined
        ? ''
        : (
            attributes.text.match(/\[([\w.[\]]+)\]\s*$/)?.[1] ??
            attributes.text
              .match(/\[([\w.]+(?:\[\])?)\]/g)
              ?.pop()
              ?.slice(1, -1) ??
            ''
          ).toLowerCase();
    const defaultNode = named(inner).find((child) => child.type === 'script_parameter_default');
    result.push({
      name: variable.text.replace(/^\$/, ''),
      tsType: PARAMETER_TYPES[typeText] ?? 'any',
      default: defaultNode === undefined ? undefined : named(defaultNode)[0],
    });
  }
  return result;
}
