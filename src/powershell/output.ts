/**
 * The host output cmdlets: `Write-Host` on stdout, `Write-Warning` and `Write-Error` on
 * stderr, `Write-Verbose` only when verbose output is switched on (`$VerbosePreference`).
 */
import { toPsString } from './values.js';

let verbose = false;

/** Switches `writeVerbose` output on or off (PowerShell's `$VerbosePreference`); default off. */
export function setVerbosePreference(on: boolean): void {
  verbose = on;
}

/** `Write-Host`: the values as PowerShell prints them, separated by spaces, on one line. */
export function writeHost(...values: unknown[]): void {
  process.stdout.write(`${values.map(toPsString).join(' ')}\n`);
}

/** `Write-Verbose`: 'VERBOSE: message' on stderr when verbose output is on, else nothing. */
export function writeVerbose(message: unknown): void {
  if (verbose) process.stderr.write(`VERBOSE: ${toPsString(message)}\n`);
}

/** `Write-Warning`: 'WARNING: message' on stderr. */
export function writeWarning(message: unknown): void {
  process.stderr.write(`WARNING: ${toPsString(message)}\n`);
}

/** `Write-Error` (a non-terminating error): 'Write-Error: message' on stderr; nothing thrown. */
export function writeError(message: unknown): void {
  process.stderr.write(`Write-Error: ${toPsString(message)}\n`);
}

/** `writePodeHost` options (Pode's `Write-PodeHost` switches). */
export interface WritePodeHostOptions {
  /** No newline after the value (`-NoNewLine`). */
  noNewLine?: boolean;
  /** Print the value as `Out-String` lays it out: a table of a hashtable's keys (`-Explode`). */
  explode?: boolean;
  /** With `explode`: a `[Name: label]` line first (`-Label`). */
  label?: string;
  /** With `explode`: the value's type in that line (`-ShowType`). */
  showType?: boolean;
}

/** Pode's `Write-PodeHost`: the value on stdout; exploded, laid out as PowerShell's `Out-String` does. */
export function writePodeHost(value: unknown, options: WritePodeHostOptions = {}): void {
  let text = toPsString(value);
  if (options.explode === true) {
    const meta: string[] = [];
    if (options.label !== undefined) meta.push(`Name: ${options.label}`);
    if (options.showType === true) meta.push(`TypeName: ${typeName(value)}`);
    const exploded = outString(value).trimEnd();
    text = meta.length > 0 ? `[${meta.join('; ')}]\n${exploded}` : exploded;
  }
  process.stdout.write(options.noNewLine === true ? text : `${text}\n`);
}

/**
 * A value as PowerShell's `Out-String` lays it out: a hashtable (a plain object or a Map) as its
 * Name/Value table, an array one item a line, anything else as it prints.
 */
export function outString(value: unknown): string {
  if (Array.isArray(value)) return value.map(outString).join('');
  const entries =
    value instanceof Map
      ? [...value.entries()]
      : value !== null && typeof value === 'object' && !(value instanceof Date)
        ? Object.entries(value)
        : undefined;
  if (entries === undefined) return `${toPsString(value)}\n`;
  if (entries.length === 0) return '';
  const width = Math.max(30, ...entries.map(([key]) => String(key).length + 1));
  const lines = entries.map(([key, item]) => `${String(key).padEnd(width)} ${toPsString(item)}`);
  return `\n${'Name'.padEnd(width)} Value\n${'----'.padEnd(width)} -----\n${lines.join('\n')}\n\n`;
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'Null';
  if (Array.isArray(value)) return 'System.Object[]';
  if (value instanceof Map || (typeof value === 'object' && !(value instanceof Date)))
    return 'System.Collections.Hashtable';
  if (value instanceof Date) return 'System.DateTime';
  if (typeof value === 'string') return 'System.String';
  if (typeof value === 'boolean') return 'System.Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'System.Int32' : 'System.Double';
  return typeof value;
}
