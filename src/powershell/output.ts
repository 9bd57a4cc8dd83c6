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
