/**
 * Script functions (with hoisted declarations and implicit output), script-level param(), dot-
 * sourced files and Use-PodeRoutes route files, and calls to script functions.
 */

import { dotSourcePath, keyFolder, routesKey } from '../includes.js';
import type { SyntaxNode } from '../parser.js';
import { automaticVariables } from '../tables/powershell.js';
import { argumentExpression } from './builder.js';
import { commandElements, commandName } from './commands.js';
import { type EmitContext, type Expr, NotPorted, type Scope } from './context.js';
import { emitExpression } from './expressions.js';
import { braced, commentLines, emitStatement, statementList, todo } from './statements.js';
import { all, camel, findStatementList, isBareValue, named, unwrap } from './syntax.js';

export function findParamBlock(node: SyntaxNode): SyntaxNode | undefined {
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

export interface Parameter {
  name: string;
  tsType: string;
  default: SyntaxNode | undefined;
  /** the parameter sets it belongs to (`[Parameter(ParameterSetName = 'Id')]`); empty: all */
  sets: string[];
  /** `[Parameter(Mandatory)]` (in every set it names) */
  mandatory: boolean;
}

/** A function's parameter sets: their names, and the one a call that settles none is in. */
export interface ParameterSets {
  names: string[];
  default: string;
}

/** The JavaScript parameter that carries the parameter set a call binds (`$PSCmdlet.ParameterSetName`). */
export const PARAMETER_SET = 'parameterSetName';

/** The parameter sets a function declares, or undefined when it declares none. */
export function parameterSets(
  parameters: readonly Parameter[],
  block: SyntaxNode | undefined,
): ParameterSets | undefined {
  const names = [...new Set(parameters.flatMap((parameter) => parameter.sets))];
  if (names.length === 0) return undefined;
  const declared = /DefaultParameterSetName\s*=\s*['"]([^'"]+)['"]/i.exec(block?.text ?? '')?.[1];
  const chosen = names.find((name) => name.toLowerCase() === declared?.toLowerCase());
  return { names, default: chosen ?? declared ?? names[0] };
}

/**
 * The parameter set a call binds, as PowerShell settles it: the sets every bound parameter
 * belongs to; of several, the default one, else the only one whose mandatory parameters are all
 * bound. Undefined when that leaves none or more than one.
 */
export function boundSet(
  parameters: readonly Parameter[],
  sets: ParameterSets,
  bound: readonly boolean[],
): string | undefined {
  let candidates = sets.names;
  parameters.forEach((parameter, index) => {
    if (!bound[index] || parameter.sets.length === 0) return;
    const lower = parameter.sets.map((set) => set.toLowerCase());
    candidates = candidates.filter((set) => lower.includes(set.toLowerCase()));
  });
  if (candidates.length === 1) return candidates[0];
  if (candidates.includes(sets.default)) return sets.default;
  const complete = candidates.filter((set) =>
    parameters.every(
      (parameter, index) =>
        bound[index] ||
        !parameter.mandatory ||
        (parameter.sets.length > 0 && !parameter.sets.includes(set)),
    ),
  );
  return complete.length === 1 ? complete[0] : undefined;
}

export const PARAMETER_TYPES: Record<string, string> = {
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

export function collectParameters(node: SyntaxNode | undefined): Parameter[] {
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
    const attributeText = attributes?.text ?? '';
    const sets = [...attributeText.matchAll(/ParameterSetName\s*=\s*['"]([^'"]+)['"]/gi)].map(
      (match) => match[1],
    );
    result.push({
      name: variable.text.replace(/^\$/, ''),
      tsType: PARAMETER_TYPES[typeText] ?? 'any',
      default: defaultNode === undefined ? undefined : named(defaultNode)[0],
      sets: [...new Set(sets)],
      mandatory: /\[\s*Parameter\s*\([^)]*\bMandatory\b(?!\s*=\s*\$false)/i.test(attributeText),
    });
  }
  return result;
}

/** Registers a function's name and parameters, so calls to it are translated. */
function declareFunction(cx: EmitContext, node: SyntaxNode): string | undefined {
  const nameNode = named(node).find((child) => child.type === 'function_name');
  if (nameNode === undefined) return undefined;
  const jsName = camel(nameNode.text);
  cx.functions.set(nameNode.text.toLowerCase(), jsName);
  const block =
    named(node).find((child) => child.type === 'function_parameter_declaration') ??
    named(node).find((child) => child.type === 'param_block') ??
    findParamBlock(node);
  const declaredParameters = collectParameters(block);
  cx.functionParameters.set(nameNode.text.toLowerCase(), declaredParameters);
  const sets = parameterSets(declaredParameters, block);
  if (sets === undefined) cx.functionSets.delete(nameNode.text.toLowerCase());
  else cx.functionSets.set(nameNode.text.toLowerCase(), sets);
  return jsName;
}

/**
 * The functions a statement list defines at its own level, declared before any is emitted: a
 * function's body may call one defined below it (PowerShell looks a command up when it runs, and
 * a module's functions all exist once it is loaded), as JavaScript's hoisted declarations allow.
 */
export function declareFunctions(cx: EmitContext, list: SyntaxNode): void {
  for (const child of named(list)) {
    const statement = unwrap(child);
    if (statement.type === 'function_statement') declareFunction(cx, statement);
  }
}

export function functionStatement(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  const jsName = declareFunction(cx, node);
  if (jsName === undefined) throw new NotPorted(node, 'this function');
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
    if (parameter.tsType === 'boolean') {
      inner.known ??= new Map();
      inner.known.set(parameter.name.toLowerCase(), 'boolean');
    }
    const type = cx.ts(`: ${parameter.tsType}`);
    if (parameter.default !== undefined) {
      params.push(`${name}${type} = ${emitExpression(cx, parameter.default, inner).code}`);
    } else if (parameter.tsType === 'boolean') {
      params.push(`${name} = false`);
    } else if (parameter.tsType === 'string' || parameter.tsType === 'number') {
      // PowerShell gives a [string] parameter left out '' and an [int] one 0
      params.push(`${name} = ${parameter.tsType === 'string' ? "''" : '0'}`);
    } else {
      // PowerShell passes $null for a parameter left out: every one without a default is optional,
      // and typed `any` (reading a member of one left out is $null in PowerShell, not an error)
      params.push(`${name}${cx.ts('?: any')}`);
    }
  }
  const nameText = named(node).find((child) => child.type === 'function_name')?.text ?? '';
  const functionSets = cx.functionSets.get(nameText.toLowerCase());
  if (functionSets !== undefined) {
    // the set a call binds is worked out where it is called (userCall) and passed last
    params.push(`${PARAMETER_SET} = ${JSON.stringify(functionSets.default).replace(/"/g, "'")}`);
    inner.parameterSet = PARAMETER_SET;
  }
  const list = named(node).find((child) => child.type === 'script_block') ?? node;
  const body = functionBody(cx, list, inner);
  return braced(`async function ${jsName}(${params.join(', ')})`, body);
}

/** The statements of a script block body, with hoisted declarations and implicit output. */
export function functionBody(cx: EmitContext, block: SyntaxNode, scope: Scope): string[] {
  const list = findStatementList(block);
  if (list === undefined) return [];
  const statements = all(list).filter(
    (child) => child.type !== ';' && child.type !== 'empty_statement',
  );
  hoist(list, scope);
  scope.topList = list;
  const lines: string[] = [];
  const last = [...statements].reverse().find((child) => child.type !== 'comment');
  for (const child of statements) {
    if (child.type === 'comment') {
      lines.push(...commentLines(child));
      continue;
    }
    const pageOutput = child === last && scope.page === true && unwrap(child).type === 'command';
    if ((child === last && scope.kind !== 'setup' && isBareValue(child)) || pageOutput) {
      cx.statements++;
      try {
        const value = emitExpression(cx, child, scope);
        lines.push(value.type === 'void' ? `${value.code};` : `return ${value.code};`);
      } catch (error) {
        if (!(error instanceof NotPorted)) throw error;
        lines.push(...todo(cx, child, error));
      }
      continue;
    }
    if (scope.kind === 'handler' && isBareValue(child)) {
      // A route's output is discarded by Pode.
      lines.push(...emitStatement(cx, child, { ...scope, kind: 'block' }));
      continue;
    }
    lines.push(...emitStatement(cx, child, scope));
  }
  const declarations = [...scope.hoisted]
    .filter((name) => scope.inline?.has(name) !== true)
    .map((name) => `let ${name}${cx.ts(': any')};`);
  return [...declarations, ...lines];
}

/** Every variable assigned in this function is declared once, at its top. */
export function hoist(list: SyntaxNode, scope: Scope): void {
  const visit = (node: SyntaxNode) => {
    if (node.type === 'script_block_expression' || node.type === 'function_statement') return;
    if (node.type === 'assignment_expression') {
      const target = unwrap(named(node)[0]);
      if (target.type === 'variable') {
        const raw = target.text.replace(/^\$/, '');
        if (!raw.includes(':')) {
          const lower = raw.toLowerCase();
          if (!lookup(lower, scope) && !automaticVariables[lower]) {
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

export function lookup(lower: string, scope: Scope | undefined): string | undefined {
  for (let s = scope; s !== undefined; s = s.parent) {
    const found = s.vars.get(lower);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function scriptParams(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  const lines: string[] = [];
  for (const parameter of collectParameters(node)) {
    cx.statements++;
    const name = camel(parameter.name);
    scope.vars.set(parameter.name.toLowerCase(), name);
    if (parameter.tsType === 'boolean') {
      scope.known ??= new Map();
      scope.known.set(parameter.name.toLowerCase(), 'boolean');
    }
    const env = `process.env.${parameter.name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
    const fallback =
      parameter.default === undefined
        ? 'undefined'
        : emitExpression(cx, parameter.default, scope).code;
    let value: string;
    if (parameter.tsType === 'number')
      value = `${env} === undefined ? ${fallback} : Number(${env})`;
    else if (parameter.tsType === 'boolean')
      value = `${env} === undefined ? ${fallback === 'undefined' ? 'false' : fallback} : ${env} === 'true'`;
    else value = `${env} ?? ${fallback}`;
    lines.push(
      `// param $${parameter.name}: set ${env.slice(12)} to override`,
      `const ${name}${cx.ts(parameter.tsType === 'any' ? ': any' : '')} = ${value};`,
    );
  }
  return lines;
}

export function dotSource(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  const target = commandName(node).replace(/^\.\s*/, '');
  const path = dotSourcePath(target, cx.keyContext());
  if (cx.options.include === undefined || path === undefined)
    throw new NotPorted(node, `dot-sourcing ${target}`);
  return includeFile(cx, node, path, scope);
}

/** The statements of a script file beside this one, in place (dot-sourcing, Use-PodeScript). */
export function includeFile(
  cx: EmitContext,
  node: SyntaxNode,
  path: string,
  scope: Scope,
): string[] {
  if (cx.options.include === undefined) throw new NotPorted(node, `loading ${path}`);
  const included = cx.options.include(path);
  if ('error' in included) throw new NotPorted(node, included.error);
  return [
    `// from ${path.slice(2)}`,
    ...cx.withText(
      included.text,
      () => includedLines(cx, included.root, scope),
      included.operators,
      node.startIndex,
      keyFolder(path),
    ),
  ];
}

/** `Use-PodeRoutes` (and `Use-PodeTimers`, `Use-PodeSchedules`, `Use-PodeTasks`): the folder's scripts, in place. */
export function useRoutes(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  const command = commandName(node);
  if (cx.options.include === undefined) throw new NotPorted(node, command);
  const key = routesKey(node.text);
  if (key === undefined) throw new NotPorted(node, `${command} with a computed -Path`);
  const included = cx.options.include(key);
  if ('error' in included) throw new NotPorted(node, included.error);
  return [
    `// ${command}: ${key}`,
    ...cx.withText(
      included.text,
      () => includedLines(cx, included.root, scope),
      included.operators,
      node.startIndex,
      key.slice(0, -6),
    ),
  ];
}

export function userCall(cx: EmitContext, node: SyntaxNode, jsName: string, scope: Scope): Expr {
  const elements = commandElements(cx, node);
  const parameters = cx.functionParameters.get(commandName(node).toLowerCase()) ?? [];
  const values: (string | undefined)[] = parameters.map(() => undefined);
  const positional: string[] = [];
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    if (element.kind === 'argument') {
      positional.push(argumentExpression(cx, element.node, scope).code);
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
    values[index] = argumentExpression(cx, next.node, scope).code;
    i++;
  }
  for (const value of positional) {
    const free = values.findIndex(
      (v, index) => v === undefined && parameters[index].tsType !== 'boolean',
    );
    if (free < 0) throw new NotPorted(node, `more arguments than ${jsName} has parameters`);
    values[free] = value;
  }
  const sets = cx.functionSets.get(commandName(node).toLowerCase());
  if (sets !== undefined) {
    const set = boundSet(
      parameters,
      sets,
      values.map((value) => value !== undefined),
    );
    if (set === undefined)
      throw new NotPorted(
        node,
        `${commandName(node)}: which of its parameter sets this call binds`,
      );
    if (set !== sets.default) {
      while (values.length < parameters.length) values.push(undefined);
      values.push(`'${set.replace(/['\\]/g, '\\$&')}'`);
    }
  }
  let last = values.length;
  while (last > 0 && values[last - 1] === undefined) last--;
  const args = values.slice(0, last).map((v) => v ?? 'undefined');
  return { code: `await ${jsName}(${args.join(', ')})`, type: 'any' };
}

/** An included script's statements and comments, in the scope of the line that includes it. */
function includedLines(cx: EmitContext, root: SyntaxNode, scope: Scope): string[] {
  const lines: string[] = [];
  for (const child of all(root)) {
    if (child.type === 'comment') lines.push(...commentLines(child));
    else if (child.type === 'statement_list') {
      declareFunctions(cx, child);
      lines.push(...statementList(cx, child, scope, 'include'));
    } else if (child.type === 'param_block')
      throw new NotPorted(child, 'a param() block in an included script');
  }
  return lines;
}
