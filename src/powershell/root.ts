/**
 * The folder relative paths resolve against: the server's root, as Pode's `-RootPath` (and
 * `$PSScriptRoot` for a script) is. `pode-ts run` sets it to the script's folder.
 */
import { isAbsolute, resolve } from 'node:path';

let root: string | undefined;

/**
 * Sets the folder that relative paths given to the file helpers (`getContent`, `testPath`,
 * `fileReadAllText`, …) resolve against. Defaults to `process.cwd()`. Returns the absolute folder.
 */
export function setPowerShellRoot(dir: string): string {
  root = resolve(dir);
  return root;
}

/** The folder relative paths resolve against (see {@link setPowerShellRoot}). */
export function getPowerShellRoot(): string {
  return root ?? process.cwd();
}

/** An absolute path for `path`, relative ones taken from the PowerShell root. */
export function resolvePath(path: string): string {
  return isAbsolute(path) ? path : resolve(getPowerShellRoot(), path);
}
