/**
 * `Get-PodeConfig`: the settings of `server.psd1` beside the script (Pode's configuration file),
 * as one object. The file is read where the script is converted and its hashtable becomes a
 * module constant (`podeConfig`), so the converted server reads what the file held then; with no
 * file it is `{}`, as Pode's configuration is then empty.
 */
import type { EmitContext, Expr, Scope } from '../emit/context.js';
import { NotPorted } from '../emit/context.js';
import { emitExpression } from '../emit/expressions.js';
import { unwrap } from '../emit/syntax.js';
import { PODE_CONFIG_KEY } from '../includes.js';
import type { SyntaxNode } from '../parser.js';

/** The JavaScript name of the configuration constant. */
export const PODE_CONFIG = 'podeConfig';

/** `Get-PodeConfig` as a value: the module constant, declared once (see program.ts). */
export function podeConfigValue(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  if (node.namedChildren.length > 1) throw new NotPorted(node, 'Get-PodeConfig with parameters');
  if (cx.podeConfig === undefined) {
    const included = cx.options.include?.(PODE_CONFIG_KEY);
    if (included === undefined || 'error' in included) {
      if (included !== undefined && !/no such file/.test(included.error))
        throw new NotPorted(node, `Get-PodeConfig: ${included.error}`);
      cx.podeConfig = '{}';
    } else {
      const value = hashtableOf(included.root);
      if (value === undefined)
        throw new NotPorted(node, 'Get-PodeConfig: server.psd1 does not hold one hashtable');
      const module: Scope = { ...scope, kind: 'module', vars: new Map(), parent: undefined };
      cx.podeConfig = cx.withText(
        included.text,
        () => emitExpression(cx, value, module).code,
        included.operators,
        node.startIndex,
      );
    }
    cx.note(node, 'Get-PodeConfig: server.psd1 is read as it is now, into the podeConfig constant');
  }
  return { code: PODE_CONFIG, type: 'object' };
}

/** The file's one top-level hashtable (`@{ … }`), or undefined. */
function hashtableOf(root: SyntaxNode): SyntaxNode | undefined {
  let found: SyntaxNode | undefined;
  const visit = (node: SyntaxNode): boolean => {
    const inner = unwrap(node);
    if (inner.type === 'hash_literal_expression') {
      found = inner;
      return true;
    }
    if (inner.type === 'comment') return false;
    return node.namedChildren.some((child) => child !== null && visit(child));
  };
  visit(root);
  return found;
}
