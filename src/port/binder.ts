/**
 * Binds a command's arguments to parameters as PowerShell does, from the catalogue of Pode's
 * public functions: exact names, aliases, any unambiguous prefix, switches (`-PassThru`,
 * `-PassThru:$false`), `-Name:value`, and positional arguments by their effective position.
 */
import type { SyntaxNode } from './parser.js';

/** One parameter of a catalogued function (src/port/catalogue.json). */
export interface CatalogueParameter {
  type: string;
  switch: boolean;
  mandatory: string[];
  position: number | null;
  aliases: string[];
  sets: string[];
  validateSet?: string[];
}

/** One catalogued function. */
export interface CatalogueCmdlet {
  aliases: string[];
  defaultParameterSet: string | null;
  parameters: Record<string, CatalogueParameter>;
}

/** The catalogue of Pode's public functions. */
export interface Catalogue {
  source?: string;
  cmdlets: Record<string, CatalogueCmdlet>;
}

/** A command's elements as the grammar gives them: `-Name` tokens and argument nodes. */
export type CommandElement =
  | { kind: 'parameter'; name: string; node: SyntaxNode; colon: boolean }
  | { kind: 'argument'; node: SyntaxNode };

/** The value bound to a parameter: an argument node, or a switch's literal state. */
export type BoundValue =
  | { kind: 'node'; node: SyntaxNode }
  | { kind: 'switch'; value: boolean; node: SyntaxNode };

/** The result of binding one command. */
export interface Binding {
  /** Canonical parameter name (the catalogue's spelling) → value. */
  values: Map<string, BoundValue>;
  /** Problems: unknown or ambiguous parameters, positional arguments with nowhere to go. */
  problems: { node: SyntaxNode; message: string }[];
}

/** Resolves a written parameter name (any case, alias or unambiguous prefix) to its canonical name. */
export function resolveParameter(
  cmdlet: CatalogueCmdlet,
  written: string,
): { name: string } | { error: string } {
  const lower = written.toLowerCase();
  const names = Object.keys(cmdlet.parameters);
  for (const name of names) {
    if (name.toLowerCase() === lower) return { name };
    if (cmdlet.parameters[name].aliases.some((alias) => alias.toLowerCase() === lower)) {
      return { name };
    }
  }
  const matches = names.filter(
    (name) =>
      name.toLowerCase().startsWith(lower) ||
      cmdlet.parameters[name].aliases.some((alias) => alias.toLowerCase().startsWith(lower)),
  );
  if (matches.length === 1) return { name: matches[0] };
  if (matches.length > 1) {
    return {
      error: `parameter -${written} is ambiguous: ${matches.map((m) => `-${m}`).join(', ')}`,
    };
  }
  return { error: `unknown parameter -${written}` };
}

/** Binds `elements` to `cmdlet`'s parameters. */
export function bindCommand(cmdlet: CatalogueCmdlet, elements: CommandElement[]): Binding {
  const values = new Map<string, BoundValue>();
  const problems: Binding['problems'] = [];
  const positional: SyntaxNode[] = [];
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    if (element.kind === 'argument') {
      positional.push(element.node);
      continue;
    }
    const resolved = resolveParameter(cmdlet, element.name);
    const common =
      'error' in resolved && resolved.error.startsWith('unknown')
        ? harmlessCommonParameter(element.name)
        : undefined;
    if (common !== undefined) {
      // -Verbose, -Debug, -WarningAction …: PowerShell's output preferences, nothing to port.
      const next = elements[i + 1];
      if (
        common.takesValue ? next?.kind === 'argument' : element.colon && next?.kind === 'argument'
      ) {
        const value = next.node.text.replace(/^['"]|['"]$/g, '').toLowerCase();
        if (common.name === 'ErrorAction' && value !== 'stop') {
          problems.push({
            node: element.node,
            message: `-ErrorAction ${next.node.text} (pode-ts calls throw on errors: wrap the call in try/catch)`,
          });
        }
        i++;
      }
      continue;
    }
    if ('error' in resolved) {
      problems.push({ node: element.node, message: resolved.error });
      // A value after an unknown parameter belongs to it, not to a position.
      const next = elements[i + 1];
      if (next?.kind === 'argument' && element.colon) i++;
      continue;
    }
    const parameter = cmdlet.parameters[resolved.name];
    const next = elements[i + 1];
    if (parameter.switch) {
      if (element.colon && next?.kind === 'argument') {
        values.set(resolved.name, { kind: 'node', node: next.node });
        i++;
      } else {
        values.set(resolved.name, { kind: 'switch', value: true, node: element.node });
      }
      continue;
    }
    if (next?.kind !== 'argument') {
      problems.push({ node: element.node, message: `parameter -${resolved.name} has no value` });
      continue;
    }
    values.set(resolved.name, { kind: 'node', node: next.node });
    i++;
  }
  const byPosition = Object.entries(cmdlet.parameters)
    .filter(([, parameter]) => parameter.position !== null && !parameter.switch)
    .sort(
      (a, b) =>
        (a[1].position ?? 0) - (b[1].position ?? 0) ||
        setRank(cmdlet, a[1]) - setRank(cmdlet, b[1]),
    );
  const taken = new Set<number>();
  for (const [name, parameter] of byPosition) {
    if (values.has(name) && parameter.position !== null) taken.add(parameter.position);
  }
  for (const node of positional) {
    const free = byPosition.find(
      ([name, parameter]) => !values.has(name) && !taken.has(parameter.position ?? -1),
    );
    if (free !== undefined) taken.add(free[1].position ?? -1);
    if (free === undefined) {
      problems.push({ node, message: 'positional argument with no parameter to bind to' });
      continue;
    }
    values.set(free[0], { kind: 'node', node });
  }
  return { values, problems };
}

/** Parameters of the default set (or of every set) bind a shared position first. */
function setRank(cmdlet: CatalogueCmdlet, parameter: CatalogueParameter): number {
  if (parameter.sets.includes('__AllParameterSets')) return 0;
  if (cmdlet.defaultParameterSet !== null && parameter.sets.includes(cmdlet.defaultParameterSet)) {
    return 0;
  }
  return 1;
}

/**
 * PowerShell's common parameters that change only what is written to the console (or, for
 * `-ErrorAction Stop`, what pode-ts does anyway): dropped when a command is bound.
 */
const HARMLESS_COMMON: Record<string, { aliases: string[]; takesValue: boolean }> = {
  Verbose: { aliases: ['vb'], takesValue: false },
  Debug: { aliases: ['db'], takesValue: false },
  WarningAction: { aliases: ['wa'], takesValue: true },
  InformationAction: { aliases: ['infa'], takesValue: true },
  ProgressAction: { aliases: ['proga'], takesValue: true },
  OutBuffer: { aliases: ['ob'], takesValue: true },
  ErrorAction: { aliases: ['ea'], takesValue: true },
};

/** The harmless common parameter written as `written` (exact name, alias or unique prefix), if any. */
function harmlessCommonParameter(
  written: string,
): { name: string; takesValue: boolean } | undefined {
  const lower = written.replace(/:$/, '').toLowerCase();
  const matches = Object.entries(HARMLESS_COMMON).filter(
    ([name, entry]) =>
      name.toLowerCase().startsWith(lower) || entry.aliases.some((alias) => alias === lower),
  );
  if (matches.length !== 1) return undefined;
  return { name: matches[0][0], takesValue: matches[0][1].takesValue };
}
