/**
 * Splatting a hashtable into a Pode cmdlet (`$params = @{ Name = 'x'; Get = { … } }` then
 * `Add-PodeCacheStorage @params`): when the variable is assigned one hashtable literal in the
 * script, its keys bind as the cmdlet's parameters, and each value is read from the variable at
 * the call (`get: params.Get`), so the hashtable is emitted once, where the script builds it, and
 * a change made to it in between is kept.
 */
import type { CommandElement } from '../binder.js';
import { type EmitContext, NotPorted, type Scope } from '../emit/context.js';
import { lookup } from '../emit/functions.js';
import { camel, member, named, unwrap } from '../emit/syntax.js';
import type { SyntaxNode } from '../parser.js';

/** Splatted values by node range → the variable and key they are read from at the call. */
const splatted = new WeakMap<EmitContext, Map<string, { variable: string; key: string }>>();

/**
 * A command argument that splats a variable (`@params`) → the parameters and values it stands
 * for, or undefined when the argument is something else.
 */
export function splatElements(cx: EmitContext, argument: SyntaxNode): CommandElement[] | undefined {
  const inner = unwrap(argument);
  if (inner.type !== 'variable' || !inner.text.startsWith('@')) return undefined;
  const variable = inner.text.slice(1).replace(/^\{|\}$/g, '');
  const hash = assignedHashtable(argument, variable);
  if (hash === undefined)
    throw new NotPorted(
      argument,
      `splatting @${variable}: translated only when the script assigns $${variable} one hashtable literal (@{ … })`,
    );
  const ranges = splatted.get(cx) ?? new Map<string, { variable: string; key: string }>();
  splatted.set(cx, ranges);
  const elements: CommandElement[] = [];
  for (const entry of hashEntries(hash)) {
    const [keyNode, valueNode] = named(entry);
    if (keyNode === undefined || valueNode === undefined) continue;
    const key = keyNode.text.replace(/^['"]|['"]$/g, '');
    if (!/^[A-Za-z_]\w*$/.test(key))
      throw new NotPorted(keyNode, `splatting @${variable}: the key ${keyNode.text}`);
    elements.push({ kind: 'parameter', name: key, node: keyNode, colon: true });
    elements.push({ kind: 'argument', node: valueNode });
    ranges.set(rangeOf(valueNode), { variable, key });
  }
  return elements;
}

/** A bound value that came from a splatted hashtable → its read from the variable (`params.Get`). */
export function splatReference(
  cx: EmitContext,
  node: SyntaxNode,
  scope: Scope,
): string | undefined {
  const found = splatted.get(cx)?.get(rangeOf(node));
  if (found === undefined) return undefined;
  const js = lookup(found.variable.toLowerCase(), scope) ?? camel(found.variable);
  return member(js, found.key);
}

/** The hashtable literal `$name` is assigned, when the script assigns it exactly once. */
function assignedHashtable(from: SyntaxNode, name: string): SyntaxNode | undefined {
  let root = from;
  while (root.parent !== null) root = root.parent;
  const lower = `$${name.toLowerCase()}`;
  const assignments: SyntaxNode[] = [];
  const visit = (node: SyntaxNode): void => {
    if (node.type === 'assignment_expression') {
      const target = named(node)[0];
      if (target !== undefined && unwrap(target).text.toLowerCase() === lower)
        assignments.push(node);
    }
    for (const child of named(node)) visit(child);
  };
  visit(root);
  if (assignments.length !== 1) return undefined;
  const parts = named(assignments[0]);
  const value = parts[parts.length - 1];
  const hash = value === undefined ? undefined : unwrap(value);
  return hash?.type === 'hash_literal_expression' ? hash : undefined;
}

function hashEntries(hash: SyntaxNode): SyntaxNode[] {
  const body = named(hash).find((child) => child.type === 'hash_literal_body');
  return body === undefined ? [] : named(body).filter((child) => child.type === 'hash_entry');
}

function rangeOf(node: SyntaxNode): string {
  return `${node.startIndex}:${node.endIndex}`;
}
