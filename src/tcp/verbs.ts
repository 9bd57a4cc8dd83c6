/**
 * Pode's verbs: the first word(s) of a TCP message chosen like a route. A verb is matched against
 * the whole message, case-insensitively: `HELLO :name` takes `HELLO morty` (the last parameter
 * takes the rest of the line), `*` takes whatever no other verb took, and a verb without
 * parameters is a regular expression as in Pode (`HELLO|HI`).
 */
import { ErrorCodes, setupError } from '../errors.js';
import type { VerbHandler } from './types.js';

/** One verb as the set-up gave it. */
export interface VerbDefinition {
  /** As written (`HELLO :name`). */
  verb: string;
  fn: VerbHandler | undefined;
  /** Endpoint names it is bound to; undefined: every TCP endpoint. */
  endpointNames: readonly string[] | undefined;
  close: boolean;
  upgradeToSsl: boolean;
  args: readonly unknown[];
}

/** A verb found for a message, with its parameters. */
export interface VerbMatch {
  definition: VerbDefinition;
  parameters: Record<string, string>;
}

interface CompiledVerb {
  /** Pode's key: the verb with its placeholders resolved. */
  key: string;
  pattern: RegExp;
  names: string[];
  definitions: VerbDefinition[];
}

const PLACEHOLDER = /:(\w+)/g;

/** The verbs of a server, compiled once at set-up. */
export class VerbTable {
  readonly #verbs = new Map<string, CompiledVerb>();
  #catchAll: VerbDefinition[] = [];

  get size(): number {
    return this.#verbs.size + this.#catchAll.length;
  }

  /** Every endpoint name the verbs are bound to (checked against the endpoints at build). */
  boundNames(): Set<string> {
    const names = new Set<string>();
    for (const definition of this.#all()) {
      for (const name of definition.endpointNames ?? []) names.add(name);
    }
    return names;
  }

  /** Adds a verb; the same verb twice on a shared endpoint is a set-up error, as in Pode. */
  add(definition: VerbDefinition): void {
    if (definition.verb === '*') {
      this.#checkUnique(this.#catchAll, definition);
      this.#catchAll.push(definition);
      return;
    }
    const compiled = compileVerb(definition.verb);
    const existing = this.#verbs.get(compiled.key.toLowerCase());
    if (existing !== undefined) {
      this.#checkUnique(existing.definitions, definition);
      existing.definitions.push(definition);
      return;
    }
    this.#verbs.set(compiled.key.toLowerCase(), { ...compiled, definitions: [definition] });
  }

  /**
   * The verb for a message on an endpoint: a verb written exactly as the message first, then the
   * first verb whose pattern takes the whole message, then `*`; undefined when none applies.
   */
  find(message: string, endpointName: string): VerbMatch | undefined {
    const literal = this.#verbs.get(message.toLowerCase());
    const literalDefinition =
      literal === undefined ? undefined : forEndpoint(literal.definitions, endpointName);
    if (literal !== undefined && literalDefinition !== undefined) {
      return { definition: literalDefinition, parameters: parametersOf(literal, message) };
    }
    for (const compiled of this.#verbs.values()) {
      if (!compiled.pattern.test(message)) continue;
      const definition = forEndpoint(compiled.definitions, endpointName);
      if (definition === undefined) continue;
      return { definition, parameters: parametersOf(compiled, message) };
    }
    const catchAll = forEndpoint(this.#catchAll, endpointName);
    return catchAll === undefined ? undefined : { definition: catchAll, parameters: {} };
  }

  *#all(): Iterable<VerbDefinition> {
    for (const compiled of this.#verbs.values()) yield* compiled.definitions;
    yield* this.#catchAll;
  }

  #checkUnique(definitions: readonly VerbDefinition[], added: VerbDefinition): void {
    for (const definition of definitions) {
      const shared = overlap(definition.endpointNames, added.endpointNames);
      if (shared === undefined) continue;
      throw setupError(
        ErrorCodes.ROUTE_EXISTS,
        `[Verb] ${added.verb}: Already defined${shared === '' ? '' : ` for ${shared}`}.`,
        'Define each verb once per endpoint, or bind the copies to different endpoints with endpointName.',
      );
    }
  }
}

/**
 * Pode's pattern for a verb: with `:name` placeholders, the text is literal and each placeholder
 * takes one or more characters other than `/`; without, the verb is a regular expression.
 */
export function compileVerb(verb: string): Omit<CompiledVerb, 'definitions'> {
  const names: string[] = [];
  let source: string;
  if (/:\w/.test(verb)) {
    source = escapeRegExp(verb).replace(PLACEHOLDER, (_match, name: string) => {
      names.push(name);
      return '([^/]+?)';
    });
  } else {
    source = verb;
  }
  let pattern: RegExp;
  try {
    pattern = new RegExp(`^(?:${source})$`, 'i');
  } catch (error) {
    throw setupError(
      ErrorCodes.BAD_ROUTE,
      `[Verb] ${verb}: not a valid pattern: ${(error as Error).message}`,
      'A verb without :parameters is a regular expression: escape characters such as ( [ ? + with a backslash.',
    );
  }
  return { key: source, pattern, names };
}

function parametersOf(
  compiled: Omit<CompiledVerb, 'definitions'>,
  message: string,
): Record<string, string> {
  const parameters: Record<string, string> = {};
  if (compiled.names.length === 0) return parameters;
  const match = compiled.pattern.exec(message);
  if (match === null) return parameters;
  compiled.names.forEach((name, i) => {
    const value = match[i + 1];
    if (value !== undefined) parameters[name] = value;
  });
  return parameters;
}

/** The definition bound to this endpoint, else the one bound to every endpoint. */
function forEndpoint(
  definitions: readonly VerbDefinition[],
  endpointName: string,
): VerbDefinition | undefined {
  const lower = endpointName.toLowerCase();
  return (
    definitions.find((definition) =>
      definition.endpointNames?.some((name) => name.toLowerCase() === lower),
    ) ?? definitions.find((definition) => definition.endpointNames === undefined)
  );
}

/** '' when both apply everywhere, the first shared endpoint name, or undefined when disjoint. */
function overlap(
  a: readonly string[] | undefined,
  b: readonly string[] | undefined,
): string | undefined {
  if (a === undefined && b === undefined) return '';
  if (a === undefined || b === undefined) return undefined;
  return a.find((name) => b.some((other) => other.toLowerCase() === name.toLowerCase()));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
