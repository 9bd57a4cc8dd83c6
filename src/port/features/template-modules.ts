/**
 * PowerShell template modules in Pode scripts: EPS and PSHTML.
 *
 * - `Import-Module EPS` / `Import-Module PSHTML` is dropped with a note: pode-ts renders both
 *   kinds of view itself (src/views/templates.ts, src/views/pshtml.ts). The names imported are
 *   kept for `Get-Module`.
 * - `Set-PodeViewEngine -Type EPS -ScriptBlock { param($path, $data) … Invoke-EpsTemplate … }`,
 *   a script block that only reads the view file and hands it to `Invoke-EpsTemplate` with
 *   `$data` as the binding, is `s.setViewEngine({ type: 'eps' })`.
 * - `Set-PodeViewEngine -Type PSHTML -Extension PS1 -ScriptBlock { param($path, $data)
 *   [string](. $path $data) }`, a script block that runs the view script with the data, is
 *   `s.setViewEngine({ type: 'pshtml', extension: 'ps1' })`.
 * - `Get-Module` (no parameters, or `-Name`) lists the modules the script imported, in the order
 *   it imported them: `Pode` first.
 */

import type { BoundValue } from '../binder.js';
import type { EmitContext, Expr } from '../emit/context.js';
import type { SyntaxNode } from '../parser.js';

/** The template modules pode-ts renders itself, by lower-case name. */
const TEMPLATE_MODULES: Record<string, { name: string; engine: string }> = {
  eps: { name: 'EPS', engine: "s.setViewEngine({ type: 'eps' })" },
  pshtml: { name: 'PSHTML', engine: "s.setViewEngine({ type: 'pshtml', extension: 'ps1' })" },
};

/** The modules each script imported (besides Pode), in order. */
const imported = new WeakMap<EmitContext, string[]>();

/** `Import-Module EPS` / `PSHTML`: the comment it becomes, or undefined for another module. */
export function templateModuleImport(
  cx: EmitContext,
  node: SyntaxNode,
  module: string,
): string[] | undefined {
  const known = TEMPLATE_MODULES[module.toLowerCase()];
  if (known === undefined) return undefined;
  const names = imported.get(cx) ?? [];
  if (!names.includes(known.name)) names.push(known.name);
  imported.set(cx, names);
  const note = `Import-Module ${known.name} dropped: pode-ts renders ${known.name} views itself (${known.engine})`;
  cx.note(node, note);
  return [`// ${note}`];
}

/** The text of a bound value, or '' when there is none. */
const text = (value: BoundValue | undefined) =>
  value === undefined ? '' : value.kind === 'node' ? value.node.text : '';

/**
 * `Set-PodeViewEngine` with a script block that only hands the view to EPS or PSHTML: the
 * pode-ts engine call, or undefined when the script block does anything else.
 */
export function templateEngineCall(
  cx: EmitContext,
  node: SyntaxNode,
  values: Map<string, BoundValue>,
): string[] | undefined {
  const block = values.get('ScriptBlock');
  if (block === undefined || block.kind !== 'node') return undefined;
  const type = text(values.get('Type'))
    .replace(/^['"]|['"]$/g, '')
    .toLowerCase();
  const extension = text(values.get('Extension'))
    .replace(/^['"]|['"]$/g, '')
    .replace(/^\./, '')
    .toLowerCase();
  const parameters = block.node
    .descendantsOfType('script_parameter')
    .map((p) => p?.text.match(/\$(\w+)/)?.[1]?.toLowerCase());
  if (parameters.length !== 2 || parameters.some((p) => p === undefined)) return undefined;
  const [path, data] = parameters as string[];
  let call: string | undefined;
  if (isEpsBlock(block.node, path, data)) {
    const own = extension === '' || extension === 'eps' ? '' : `, extension: '${extension}'`;
    call = `s.setViewEngine({ type: 'eps'${own} });`;
    cx.note(node, 'Set-PodeViewEngine -Type EPS: EPS templates are rendered by pode-ts (type eps)');
  } else if (isPshtmlBlock(block.node, path, data)) {
    call = `s.setViewEngine({ type: 'pshtml', extension: '${extension || type}' });`;
    cx.note(
      node,
      'Set-PodeViewEngine -Type PSHTML: PSHTML view scripts are rendered by pode-ts (type pshtml)',
    );
  }
  return call === undefined ? undefined : [call];
}

// Reads the file at $path (Get-Content) and returns Invoke-EpsTemplate of it, bound to $data or
// to nothing; no other command, call or member.
function isEpsBlock(block: SyntaxNode, path: string, data: string): boolean {
  const commands = block.descendantsOfType('command').filter((c) => c !== null);
  const names = commands.map((c) => (c.text.match(/^[\w-]+/)?.[0] ?? '').toLowerCase());
  if (!names.includes('invoke-epstemplate')) return false;
  if (names.some((n) => n !== 'invoke-epstemplate' && n !== 'get-content')) return false;
  if (block.descendantsOfType('invocation_expression').length > 0) return false;
  for (const command of commands) {
    const words = command.text.toLowerCase();
    if (words.startsWith('get-content') && !new RegExp(`\\$${path}\\b`).test(words)) return false;
    if (words.startsWith('invoke-epstemplate')) {
      if (/-helpers\b/.test(words)) return false;
      const binding = /-binding\s+\$(\w+)/.exec(words);
      if (binding !== null && binding[1] !== data) return false;
      if (/-path\b/.test(words) && !new RegExp(`-path\\s+\\$${path}\\b`).test(words)) return false;
    }
  }
  return true;
}

// `[string](. $path $data)`, `. $path $data` or `& $path $data`, returned or not.
function isPshtmlBlock(block: SyntaxNode, path: string, data: string): boolean {
  const body = block.text
    .replace(/^\{|\}$/g, '')
    .replace(/param\s*\([^)]*\)/i, '')
    .replace(/#[^\n]*/g, '')
    .trim()
    .toLowerCase();
  const call = `[.&]\\s*\\$${path}\\s+\\$${data}`;
  return new RegExp(`^(return\\s+)?(\\[string\\]\\s*)?(\\(\\s*${call}\\s*\\)|${call})$`).test(body);
}

/**
 * `Get-Module` / `Get-Module -Name x`: the modules the script imported (Pode first, then EPS or
 * PSHTML as pode-ts stands in for them), or undefined when it asks for more (`-ListAvailable`).
 */
export function getModuleValue(cx: EmitContext, node: SyntaxNode): Expr | undefined {
  const written = /^get-module(?:\s+(?:-Name\s+)?(['"]?)(\w[\w.*?-]*|[*?][\w.*?-]*)\1)?\s*$/i.exec(
    node.text,
  );
  if (written === null) return undefined;
  const name = written[2] === undefined ? undefined : JSON.stringify(written[2]);
  const names = ['Pode', ...(imported.get(cx) ?? [])];
  const list = `[${names.map((n) => `{ Name: '${n}', ModuleType: 'Script' }`).join(', ')}]`;
  if (name === undefined) return { code: list, type: 'array' };
  return {
    code: `${list}.filter((m) => ${cx.helper('like')}(m.Name, ${name}))`,
    type: 'array',
  };
}
