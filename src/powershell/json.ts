/**
 * `ConvertTo-Json` and `ConvertFrom-Json` as PowerShell 7 does them: two-space indentation and
 * `"key": value`, `-Depth` 2 by default with deeper values written as their string, `-Compress`,
 * `-AsArray`; dates in ISO 8601 with the local offset.
 */
import { formatDate } from './dates.js';
import { PowerShellError } from './errors.js';
import { formatDouble, isNull, setOwn, toPsString } from './values.js';

/** Options of {@link convertToJson}. */
export interface ConvertToJsonOptions {
  /** How many levels of containers are written (0 to 100; default 2, as in PowerShell). */
  depth?: number;
  /** One line, no white space. */
  compress?: boolean;
  /** Write an array even for a single value. */
  asArray?: boolean;
}

/**
 * `ConvertTo-Json`: hashtables, objects and Maps become objects (keys in insertion order),
 * arrays and Sets arrays; beyond `depth` levels a container is written as its PowerShell
 * string ('System.Collections.Hashtable', an array's items joined with spaces), as PowerShell
 * does. NaN and infinities are written as strings, as Json.NET writes them.
 */
export function convertToJson(value: unknown, options: ConvertToJsonOptions = {}): string {
  const depth = options.depth ?? 2;
  if (!Number.isInteger(depth) || depth < 0 || depth > 100) {
    throw new PowerShellError(
      'ParameterArgumentValidationError',
      depth > 100
        ? `Cannot validate argument on parameter 'Depth'. The ${depth} argument is greater than the maximum allowed range of 100. Supply an argument that is less than or equal to 100 and then try the command again.`
        : `Cannot validate argument on parameter 'Depth'. The ${depth} argument is less than the minimum allowed range of 0. Supply an argument that is greater than or equal to 0 and then try the command again.`,
    );
  }
  const input = options.asArray === true && !Array.isArray(value) ? [value] : value;
  const tree = toJsonTree(input, 0, depth);
  return options.compress === true ? JSON.stringify(tree) : indented(tree, '');
}

/** Options of {@link convertFromJson}. */
export interface ConvertFromJsonOptions {
  /** `-AsHashtable`: the same plain objects (kept for the ported call's sake). */
  asHashtable?: boolean;
}

/**
 * `ConvertFrom-Json`: objects become plain objects, arrays arrays. Empty or blank text gives
 * `$null`; text that is not JSON throws PowerShell's message.
 */
export function convertFromJson(
  input: string | readonly string[] | null,
  options: ConvertFromJsonOptions = {},
): unknown {
  void options;
  // Piped lines (a program's output) are one document, as PowerShell 7 joins them.
  const text = input === null ? '' : typeof input === 'string' ? input : input.join('\n');
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PowerShellError(
      'System.ArgumentException',
      `Conversion from JSON failed with error: ${(error as Error).message}`,
    );
  }
}

type JsonTree = null | boolean | number | string | JsonTree[] | { [key: string]: JsonTree };

function toJsonTree(value: unknown, level: number, depth: number): JsonTree {
  if (isNull(value)) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : formatDouble(value);
    case 'bigint':
      return Number(value);
    case 'function':
    case 'symbol':
      return toPsString(value);
  }
  if (value instanceof Date) return formatDate(value, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz");
  if (level > depth) return toPsString(value);
  if (Array.isArray(value) || value instanceof Set) {
    return [...value].map((item) => toJsonTree(item, level + 1, depth));
  }
  const entries =
    value instanceof Map
      ? [...value.entries()].map(([key, item]) => [toPsString(key), item] as const)
      : Object.entries(value as object);
  const out: { [key: string]: JsonTree } = {};
  for (const [key, item] of entries) setOwn(out, key, toJsonTree(item, level + 1, depth));
  if (value instanceof Error && !('message' in out)) setOwn(out, 'Message', value.message);
  return out;
}

/** Json.NET's indented layout: two spaces, `"key": value`, `[]` and `{}` when empty. */
function indented(tree: JsonTree, indent: string): string {
  if (tree === null || typeof tree !== 'object') return JSON.stringify(tree);
  const inner = `${indent}  `;
  if (Array.isArray(tree)) {
    if (tree.length === 0) return '[]';
    return `[\n${tree.map((item) => inner + indented(item, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(tree);
  if (keys.length === 0) return '{}';
  const lines = keys.map((key) => `${inner}${JSON.stringify(key)}: ${indented(tree[key], inner)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}
