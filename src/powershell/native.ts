/**
 * External programs, as PowerShell runs them (`redis-cli GET $key`, `Get-Command redis-cli`): the
 * program's standard output comes back as PowerShell gives it (null for none, a string for one
 * line, an array of lines for more), its standard error goes to ours, and a non-zero exit code is
 * not an error (PowerShell only sets `$LASTEXITCODE`).
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { PowerShellError } from './errors.js';
import { toPsString } from './values.js';

/** Runs a program with these arguments (each made a string as PowerShell does) and resolves to its output lines. */
export function invokeNative(
  command: string,
  args: readonly unknown[],
): Promise<string | string[] | null> {
  const argv = args.flatMap((arg) => (Array.isArray(arg) ? arg : [arg])).map(toPsString);
  return new Promise((resolve, reject) => {
    execFile(
      command,
      argv,
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (stderr !== '') process.stderr.write(stderr);
        const code = (error as NodeJS.ErrnoException | null)?.code;
        if (code === 'ENOENT') {
          reject(
            new PowerShellError(
              'CommandNotFoundException',
              `The term '${command}' is not recognized as a name of a cmdlet, function, script file, or executable program.`,
            ),
          );
          return;
        }
        if (error !== null && typeof code !== 'number' && stdout === '') {
          reject(error);
          return;
        }
        const lines = stdout.replace(/\r?\n$/, '').split(/\r?\n/);
        if (stdout === '') resolve(null);
        else resolve(lines.length === 1 ? lines[0] : lines);
      },
    );
  });
}

/** `Get-Command` options. */
export interface GetCommandOptions {
  /** `'Stop'`: throw when the program is not found (else null). */
  errorAction?: string;
}

/** Where a program is on the PATH (`Get-Command name`): `{ Name, Source, CommandType }`, or null. */
export function getCommand(
  name: string,
  options: GetCommandOptions = {},
): { Name: string; Source: string; CommandType: 'Application' } | null {
  const found = findProgram(name);
  if (found !== undefined) return { Name: name, Source: found, CommandType: 'Application' };
  if (options.errorAction?.toLowerCase() === 'stop')
    throw new PowerShellError(
      'CommandNotFoundException',
      `The term '${name}' is not recognized as a name of a cmdlet, function, script file, or executable program.`,
    );
  return null;
}

/** A string without its ANSI escape sequences (PowerShell's `StringDecorated.ToString('PlainText')`). */
export function stripAnsi(value: unknown): string {
  // CSI sequences (colours, cursor moves) and OSC sequences (hyperlinks, titles)
  return toPsString(value).replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are control characters
    /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)/g,
    '',
  );
}

function findProgram(name: string): string | undefined {
  const extensions =
    process.platform === 'win32'
      ? ['', ...(process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')]
      : [''];
  const candidates = isAbsolute(name)
    ? [name]
    : (process.env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, name));
  for (const candidate of candidates) {
    for (const extension of extensions) {
      const path = candidate + extension;
      try {
        if (!statSync(path).isFile()) continue;
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
