/**
 * Where the script is: `$MyInvocation.MyCommand.Path` (the script's file), `Split-Path` (its
 * switches → node:path), and Windows separators in literal paths. `$PSScriptRoot` is an automatic
 * variable (tables/powershell.ts).
 *
 *   $ScriptPath = Split-Path -Parent -Path $MyInvocation.MyCommand.Path   →  import.meta.dirname
 *   $podePath = Split-Path -Parent -Path $ScriptPath                      →  dirname(scriptPath)
 *   Split-Path -Leaf -Path $file                                         →  basename(file)
 */

import type { BoundValue } from '../binder.js';
import { argumentExpression } from '../emit/builder.js';
import { type EmitContext, type Expr, NotPorted, type Scope } from '../emit/context.js';
import type { SyntaxNode } from '../parser.js';

/** `$MyInvocation.MyCommand.Path` (or `.Definition`, `$PSCommandPath`): the script's own file. */
const SCRIPT_FILE = /^\$MyInvocation\.MyCommand\.(Path|Definition)$|^\$PSCommandPath$/i;

/** True when `text` names the script's own file. */
export function isScriptFile(text: string): boolean {
  return SCRIPT_FILE.test(text.replace(/^\((.*)\)$/s, '$1').trim());
}

/** The script's file: the ported module beside the original, or the original for `pode-ts run`. */
export function scriptFile(cx: EmitContext): Expr {
  return { code: cx.options.scriptExpression ?? 'import.meta.filename', type: 'string' };
}

/** `$MyInvocation.MyCommand.Path` and `.Name` as members, or undefined for another member. */
export function invocationMember(
  cx: EmitContext,
  object: SyntaxNode,
  name: string,
): Expr | undefined {
  const text = `${object.text}.${name}`;
  if (isScriptFile(text)) return scriptFile(cx);
  if (/^\$MyInvocation\.MyCommand\.Name$/i.test(text)) {
    cx.nodeImport('node:path', 'basename');
    return { code: `basename(${scriptFile(cx).code})`, type: 'string' };
  }
  return undefined;
}

/** Split-Path's switches, each → the node:path function giving that part. */
const PARTS: Record<string, string> = {
  Parent: 'dirname',
  Leaf: 'basename',
  LeafBase: 'basename',
  Extension: 'extname',
  IsAbsolute: 'isAbsolute',
};

/** PowerShell's Split-Path switches pode-ts does not translate: drive letters and wildcards. */
const UNSUPPORTED = ['Qualifier', 'NoQualifier', 'Resolve'];

/** `Split-Path` (parameters already bound): the node:path call for its switch. */
export function splitPath(
  cx: EmitContext,
  node: SyntaxNode,
  values: Map<string, BoundValue>,
  scope: Scope,
  input: Expr | undefined,
): Expr {
  for (const name of UNSUPPORTED)
    if (values.has(name)) throw new NotPorted(node, `Split-Path -${name}`);
  const switches = Object.keys(PARTS).filter((name) => {
    const value = values.get(name);
    return value?.kind === 'switch' && value.value === true;
  });
  if (switches.length > 1)
    throw new NotPorted(node, `Split-Path with -${switches.join(' and -')} together`);
  const part = switches[0] ?? 'Parent';
  const pathValue = values.get('Path') ?? values.get('LiteralPath');
  let path: Expr;
  if (pathValue !== undefined && pathValue.kind === 'node') {
    // the script's folder, written as such
    if (part === 'Parent' && isScriptFile(pathValue.node.text))
      return { code: cx.options.rootExpression, type: 'string' };
    path = argumentExpression(cx, pathValue.node, scope);
  } else if (input !== undefined) path = input;
  else throw new NotPorted(node, 'Split-Path without a path');
  const code = forwardSlashes(path.code);
  const fn = PARTS[part];
  cx.nodeImport('node:path', fn);
  if (part === 'LeafBase') {
    cx.nodeImport('node:path', 'extname');
    const simple = /^[\w.]+$/.test(code);
    if (simple) return { code: `basename(${code}, extname(${code}))`, type: 'string' };
    return { code: `((p) => basename(p, extname(p)))(${code})`, type: 'string' };
  }
  return { code: `${fn}(${code})`, type: part === 'IsAbsolute' ? 'boolean' : 'string' };
}

/** A literal path written with Windows separators (`'.\scripts\x.ps1'`) uses `/`. */
export function forwardSlashes(code: string): string {
  if (/^'[^'\\]*(\\\\[^'\\]*)+'$/.test(code)) return code.replace(/\\\\/g, '/');
  return code;
}
