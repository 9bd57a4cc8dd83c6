/**
 * `ConvertTo-PodeRoute -Commands 'Get-Greeting', 'Set-Greeting'` → `s.convertToRoute({
 * 'Get-Greeting': (p) => getGreeting(p.Name), … }, { … })`: each named script function becomes a
 * route calling it with the request's parameters bound by name, as Pode splats them. PowerShell's
 * own cmdlets have no JavaScript to call: their routes exist and throw the TODO per request. A
 * module's commands (`-Module`) cannot even be listed: a set-up TODO.
 */
import type { BoundValue } from '../binder.js';
import { argumentExpression, checkUnmapped, optionsObject } from '../emit/builder.js';
import { type EmitContext, NotPorted, type Scope } from '../emit/context.js';
import { recordTodo } from '../emit/statements.js';
import { member, quote } from '../emit/syntax.js';
import type { SyntaxNode } from '../parser.js';
import type { PodeMapping } from '../tables/pode.js';

/** The lines of a `ConvertTo-PodeRoute` call. */
export function convertToRouteCall(
  cx: EmitContext,
  node: SyntaxNode,
  name: string,
  mapping: PodeMapping,
  scope: Scope,
  values: Map<string, BoundValue>,
): string[] {
  if (values.has('Module'))
    throw new NotPorted(
      node,
      `${name} -Module: a PowerShell module's commands cannot run in pode-ts (write the routes, or pass script functions with -Commands)`,
    );
  const commands = values.get('Commands');
  if (commands === undefined || commands.kind !== 'node')
    throw new NotPorted(node, `${name} without -Commands`);
  // `@('Get-A')` is `toArray('Get-A')`: the names are the string literals either way
  const code = argumentExpression(cx, commands.node, scope).code.replace(
    /^toArray\((.*)\)$/s,
    '$1',
  );
  if (!/^\[?\s*'[^'\\]*'(\s*,\s*'[^'\\]*')*\s*\]?$/.test(code))
    throw new NotPorted(commands.node, `${name} with commands that are not written as names`);
  const names = [...code.matchAll(/'([^'\\]*)'/g)].map((match) => match[1]);
  const entries: string[] = [];
  for (const command of names) {
    const jsName = cx.functions.get(command.toLowerCase());
    if (jsName === undefined) {
      // A PowerShell cmdlet: the route exists as in Pode, and each request to it gets the TODO.
      const what = `${name} of ${command}: not a function of the script (PowerShell's own cmdlets cannot run in pode-ts)`;
      recordTodo(cx, new NotPorted(commands.node, what));
      entries.push(
        `'${command}': () => {\n// TODO(port): ${command} is a PowerShell cmdlet\nthrow new PodeError('PODE_ERR_NOT_PORTED', ${quote(`Not ported: ${what}`)});\n}`,
      );
      continue;
    }
    const parameters = cx.functionParameters.get(command.toLowerCase()) ?? [];
    const args = parameters.map((parameter) => member('p', parameter.name));
    const call = `${jsName}(${args.join(', ')})`;
    entries.push(`'${command}': (p${cx.ts(': Record<string, any>')}) => ${call}`);
  }
  if (names.some((command) => (cx.functionParameters.get(command.toLowerCase()) ?? []).length > 0))
    cx.note(
      node,
      `${name}: each parameter is read from the query or body as spelled in the function; Pode also matches it in another case`,
    );
  const rest = new Map([...values].filter(([key]) => key !== 'Commands'));
  checkUnmapped(cx, rest, mapping, name, node);
  const options = optionsObject(cx, rest, mapping, scope, node);
  const table = `{ ${entries.join(', ')} }`;
  return [`s.convertToRoute(${table}${options === '' ? '' : `, ${options}`});`];
}
