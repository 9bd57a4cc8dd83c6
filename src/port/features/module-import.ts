/**
 * Loading Pode itself: `Import-Module Pode` in any of its spellings (a path to `Pode.psm1`/
 * `Pode.psd1`, `-Name`, `-Force`, `-ErrorAction`, version bounds) and the loader block that
 * Pode's example servers open with (find the module beside the script, else the installed one):
 *
 *   try {
 *     $ScriptPath = (Split-Path -Parent -Path $MyInvocation.MyCommand.Path)
 *     $podePath = Split-Path -Parent -Path $ScriptPath
 *     if (Test-Path -Path "$($podePath)/src/Pode.psm1" -PathType Leaf) { Import-Module "…/Pode.psm1" -Force }
 *     else { Import-Module -Name 'Pode' -MaximumVersion 2.99 -ErrorAction Stop }
 *   } catch { throw }
 *
 * Both load a module that pode-ts replaces with `import … from 'pode-ts'`, so both are dropped.
 */

import type { EmitContext, Scope } from '../emit/context.js';
import { output, pipelineOrExpression } from '../emit/expressions.js';
import type { SyntaxNode } from '../parser.js';

/** Import-Module's parameters that only say how to load the module (with their value, if any). */
const LOAD_PARAMETERS =
  /\s+-(?:Force|Global|DisableNameChecking|PassThru|NoClobber|(?:ErrorAction|MaximumVersion|MinimumVersion|RequiredVersion|Scope|Prefix)(?::|\s+)\S+)(?=\s|$)/gi;

/** True for `Import-Module` of Pode (by name or by a path ending in Pode.psm1/Pode.psd1). */
export function isPodeImport(text: string): boolean {
  const argument = ` ${text.replace(/^\S+/, '')}`
    .replace(LOAD_PARAMETERS, '')
    .replace(/^\s*-Name(?::|\s+)/i, '')
    .replace(/['"]/g, '')
    .trim();
  return /^pode(\.psd1|\.psm1)?$/i.test(argument) || /[\\/]pode\.ps[md]1$/i.test(argument);
}

/** What a variable of a Pode loader block is set from. */
const LOADER_VALUE = /\b(Split-Path|Join-Path|Test-Path)\b|\$MyInvocation\b|\$PSScriptRoot\b/i;

/** The commands a Pode loader block may run besides importing Pode. */
const LOADER_COMMANDS = new Set(['split-path', 'test-path', 'join-path']);

/** What a loader-shaped statement holds, or undefined when it is not one. */
interface LoaderShape {
  /** the assignments, in script order, by variable (lower case, without `script:`) */
  assignments: { name: string; node: SyntaxNode; value: string }[];
  /** `Import-Module` of something other than Pode (EPS, PSHTML): kept, in order */
  otherImports: SyntaxNode[];
}

function loaderShape(node: SyntaxNode): LoaderShape | undefined {
  if (node.type !== 'try_statement' && node.type !== 'if_statement') return undefined;
  let imports = 0;
  const shape: LoaderShape = { assignments: [], otherImports: [] };
  const stack: SyntaxNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as SyntaxNode;
    if (current.type === 'command') {
      const name = (current.text.match(/^[\w.-]+/)?.[0] ?? '').toLowerCase();
      if (name === 'import-module') {
        if (isPodeImport(current.text)) imports++;
        else shape.otherImports.push(current);
        continue;
      }
      if (name === 'throw') continue;
      if (!LOADER_COMMANDS.has(name)) return undefined;
    }
    if (current.type === 'flow_control_statement' && !/^throw\s*$/i.test(current.text))
      return undefined;
    if (current.type === 'assignment_expression') {
      // only values that work out where Pode is: a variable set to anything else is the script's own
      const target = /^\$([\w:]+)\s*=([\s\S]*)$/.exec(current.text);
      if (target === null || !LOADER_VALUE.test(target[2])) return undefined;
      shape.assignments.push({
        name: target[1].replace(/^script:/i, '').toLowerCase(),
        node: current,
        value: target[2],
      });
    }
    for (const child of current.namedChildren) if (child !== null) stack.push(child);
  }
  if (imports === 0) return undefined;
  shape.assignments.sort((a, b) => a.node.startIndex - b.node.startIndex);
  shape.otherImports.sort((a, b) => a.startIndex - b.startIndex);
  return shape;
}

const uses = (text: string, name: string) => new RegExp(`\\$(script:)?${name}\\b`, 'i').test(text);

/**
 * A top-level `try { … } catch { throw }` (or a bare `if`) that only works out where Pode is and
 * imports it: the statements it becomes, or undefined when the statement is anything else. The
 * Pode import is dropped; a path variable the rest of the script reads (`$ScriptPath`) is kept
 * (with those it is computed from), and so is the import of another module (a TODO of its own).
 */
export function podeLoaderBlock(
  cx: EmitContext,
  node: SyntaxNode,
  scope: Scope,
  emit: (statement: SyntaxNode) => string[],
): string[] | undefined {
  const shape = loaderShape(node);
  if (shape === undefined) return undefined;
  // the rest of the script, without the loader blocks (a script may hold two copies of one)
  let rest = cx.text;
  const siblings = node.parent?.namedChildren ?? [];
  for (const sibling of [...siblings].reverse()) {
    if (sibling === null) continue;
    if (sibling.startIndex === node.startIndex || loaderShape(sibling) !== undefined)
      rest = rest.slice(0, sibling.startIndex) + rest.slice(sibling.endIndex);
  }
  const needed = new Set(shape.assignments.filter((a) => uses(rest, a.name)).map((a) => a.name));
  // a kept variable computed from another (`$podePath = Split-Path $ScriptPath`) keeps that one
  for (const assignment of [...shape.assignments].reverse()) {
    if (!needed.has(assignment.name)) continue;
    for (const other of shape.assignments)
      if (other.node.startIndex < assignment.node.startIndex && uses(assignment.value, other.name))
        needed.add(other.name);
  }
  const lines = ["// Pode's module loader dropped: pode-ts is imported above"];
  for (const assignment of shape.assignments) {
    if (!needed.has(assignment.name)) continue;
    const declared = declaration(cx, assignment.node, assignment.name, scope);
    lines.push(...(declared ?? emit(assignment.node)));
  }
  for (const other of shape.otherImports) lines.push(...emit(other));
  return lines;
}

/** `$ScriptPath = …` set once, at the top of the script: `const scriptPath = …`. */
function declaration(
  cx: EmitContext,
  node: SyntaxNode,
  name: string,
  scope: Scope,
): string[] | undefined {
  if (scope.kind !== 'module' || cx.assignments.get(name) !== 1) return undefined;
  const js = scope.vars.get(name);
  const value = node.childForFieldName('value');
  if (js === undefined || value === null || !scope.hoisted.has(js)) return undefined;
  cx.statements++;
  const expression = pipelineOrExpression(cx, value, scope);
  const code = output(cx, expression);
  if (expression.type === 'string') {
    scope.known ??= new Map();
    scope.known.set(name, 'string');
  }
  scope.inline ??= new Set();
  scope.inline.add(js);
  return [`const ${js} = ${code};`];
}
