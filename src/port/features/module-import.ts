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

import type { EmitContext } from '../emit/context.js';
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

/**
 * A top-level `try { … } catch { throw }` (or a bare `if`) that only works out where Pode is and
 * imports it: the lines it becomes (a comment), or undefined when the statement is anything else
 * or when a variable it sets is used elsewhere in the script.
 */
export function podeLoaderBlock(cx: EmitContext, node: SyntaxNode): string[] | undefined {
  if (node.type !== 'try_statement' && node.type !== 'if_statement') return undefined;
  let imports = 0;
  const assigned = new Set<string>();
  const stack: SyntaxNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as SyntaxNode;
    if (current.type === 'command') {
      const name = (current.text.match(/^[\w.-]+/)?.[0] ?? '').toLowerCase();
      if (name === 'import-module') {
        if (!isPodeImport(current.text)) return undefined;
        imports++;
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
      assigned.add(target[1].replace(/^script:/i, ''));
    }
    for (const child of current.namedChildren) if (child !== null) stack.push(child);
  }
  if (imports === 0) return undefined;
  const rest = cx.text.slice(0, node.startIndex) + cx.text.slice(node.endIndex);
  for (const name of assigned) {
    if (new RegExp(`\\$(script:)?${name}\\b`, 'i').test(rest)) return undefined;
  }
  return ["// Pode's module loader dropped: pode-ts is imported above"];
}
