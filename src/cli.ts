#!/usr/bin/env node
/**
 * The `pode-ts` command line (SPEC §13): `pode-ts port <script.ps1> [-o <file.ts>]` and
 * `pode-ts run <script.ps1|.js|.ts> [--port <n>] [--address <a>]`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const USAGE = `usage: pode-ts port <script.ps1> [-o, --out <file.ts>]
       pode-ts run <script.ps1 | script.js | script.ts> [--port <n>] [--address <a>]`;

/** What the run hook (read by startServer) carries: endpoint overrides and a listening callback. */
interface RunHook {
  port?: number;
  address?: string;
  /** `ranOnce`: a one-off script (no endpoint and nothing to run) that has already stopped. */
  onListening(urls: string[], ranOnce: boolean): void;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'port') return port(rest);
  if (command === 'run') return run(rest);
  if (command === '--help' || command === '-h' || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 1 : 0;
  }
  process.stderr.write(`pode-ts: unknown command '${command}'\n${USAGE}\n`);
  return 1;
}

async function port(args: string[]): Promise<number> {
  let script: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-o' || arg === '--out') out = args[++i];
    else if (arg.startsWith('--out=')) out = arg.slice(6);
    else if (script === undefined) script = arg;
    else return usage(`unexpected argument '${arg}'`);
  }
  if (script === undefined) return usage('port needs a script');
  if (out === undefined && args.includes('-o')) return usage('-o needs a file (or - for stdout)');
  const { convert, readScript, PortInputError } = await import('./port/index.js');
  try {
    const source = readScript(script);
    const result = await convert(source, { file: script, language: 'ts' });
    const { formatTypeScript } = await import('./port/format.js');
    const code = (await formatTypeScript(result.code)) ?? result.code;
    const target = out ?? `${script.replace(/\.ps1$/i, '')}.ts`;
    if (target === '-') process.stdout.write(code);
    else writeFileSync(target, code);
    report(result);
    return 0;
  } catch (error) {
    if (error instanceof PortInputError) {
      process.stderr.write(`${error.format()}\n`);
      return 1;
    }
    process.stderr.write(`${script}:1:1: ${(error as Error).message}\n`);
    return 1;
  }
}

function report(result: {
  messages: { file: string; line: number; column: number; message: string }[];
  statements: number;
  todos: number;
}): void {
  for (const message of result.messages) {
    process.stderr.write(`${message.file}:${message.line}:${message.column}: ${message.message}\n`);
  }
  process.stderr.write(
    `ported ${result.statements - result.todos} of ${result.statements} statements, ${result.todos} not translated\n`,
  );
}

async function run(args: string[]): Promise<number> {
  let script: string | undefined;
  const hook: RunHook = {
    onListening: (urls, ranOnce) => {
      for (const url of urls) process.stdout.write(`listening on ${url}\n`);
      if (ranOnce)
        process.stdout.write('ran once: no endpoint, route, timer, schedule or file watcher\n');
      else if (urls.length === 0) process.stdout.write('running with no endpoint\n');
    },
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--port') {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || value < 0 || value > 65535)
        return usage(`--port needs a port from 0 to 65535, got '${args[i] ?? ''}'`);
      hook.port = value;
    } else if (arg === '--address') {
      const value = args[++i];
      if (value === undefined || value === '') return usage('--address needs an address');
      hook.address = value;
    } else if (script === undefined) script = arg;
    else return usage(`unexpected argument '${arg}'`);
  }
  if (script === undefined) return usage('run needs a script');
  (globalThis as Record<symbol, unknown>)[Symbol.for('pode-ts.run')] = hook;
  const extension = extname(script).toLowerCase();
  if (extension === '.ps1') return runPowerShell(script);
  if (extension === '.ts' || extension === '.mts') {
    const features = process.features as { typescript?: unknown };
    if (!features.typescript) {
      process.stderr.write(
        `${script}:1:1: this Node (${process.version}) cannot run TypeScript without a compiler: compile it with tsc and run the .js, or use Node 22.18 or later\n`,
      );
      return 1;
    }
  }
  await import(pathToFileURL(resolve(script)).href);
  return -1;
}

async function runPowerShell(script: string): Promise<number> {
  const { convert, readScript, PortInputError } = await import('./port/index.js');
  let code: string;
  try {
    const source = readScript(script);
    const folder = dirname(resolve(script));
    const result = await convert(source, {
      file: script,
      language: 'js',
      rootExpression: JSON.stringify(folder),
    });
    report(result);
    code = result.code;
  } catch (error) {
    if (error instanceof PortInputError) {
      process.stderr.write(`${error.format()}\n`);
      return 1;
    }
    throw error;
  }
  const distIndex = new URL('./index.js', import.meta.url).href;
  const distPowerShell = new URL('./powershell/index.js', import.meta.url).href;
  const folder = dirname(resolve(script));
  const prologue = `import { setPowerShellRoot as __setRoot } from '${distPowerShell}';\n__setRoot(${JSON.stringify(folder)});\n`;
  const usesRuntime = /from 'pode-ts\/powershell'/.test(code);
  const linked = code
    .replace(/from 'pode-ts\/powershell'/g, `from '${distPowerShell}'`)
    .replace(/from 'pode-ts'/g, `from '${distIndex}'`);
  const directory = mkdtempSync(join(tmpdir(), 'pode-ts-run-'));
  const file = join(directory, 'server.mjs');
  writeFileSync(file, (usesRuntime ? prologue : '') + linked);
  process.chdir(folder);
  try {
    await import(pathToFileURL(file).href);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  return -1;
}

function usage(message: string): number {
  process.stderr.write(`pode-ts: ${message}\n${USAGE}\n`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`pode-ts: ${message}\n`);
    process.exitCode = 1;
  },
);
