/**
 * Scripts beside the converted one: dot-sourced files (`. ./routes.ps1`,
 * `. (Join-Path $PSScriptRoot 'routes.ps1')`) and `Use-PodeRoutes` folders (every `.ps1` in
 * `routes/`, as Pode loads them). The emitter is synchronous, so they are found in the tree,
 * read and parsed before it runs; it then asks for them by the same key.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { IncludedScript } from './emit/context.js';
import { isPodeImport } from './features/module-import.js';
import { firstError, parsePowerShell, type SyntaxNode } from './parser.js';
import { lineColumn } from './positions.js';

/** A script read for the emitter, or why it could not be. */
export type Include = IncludedScript | { error: string };

/** The include key of the server's configuration file, `server.psd1` beside the script. */
export const PODE_CONFIG_KEY = './server.psd1';

/** How deep dot-sourced files may dot-source others. */
const MAX_DEPTH = 5;

/**
 * How a path written in a script is resolved: `base` is the folder of the file it is written in
 * (relative to the main script's folder, for `$PSScriptRoot`), `roots` the variables the script
 * sets to its own folder (`$ScriptPath = Split-Path -Parent -Path $MyInvocation.MyCommand.Path`).
 */
export interface KeyContext {
  base: string;
  roots: ReadonlySet<string>;
}

const MAIN: KeyContext = { base: '.', roots: new Set() };

/** The key of a dot-sourced target (`./x.ps1`), or undefined when it is computed at run time. */
export function dotSourcePath(target: string, context: KeyContext = MAIN): string | undefined {
  const text = target.trim();
  const joined =
    /^\(\s*Join-Path\s+(?:-Path\s+)?\$(\w+)\s+(?:-ChildPath\s+)?(['"]?)([^'"()$]+)\2\s*\)$/i.exec(
      text,
    );
  if (joined !== null) {
    const folder = folderOf(`$${joined[1]}`, context);
    return folder === undefined ? undefined : normalise(`${folder}/${joined[3]}`);
  }
  let path = text.replace(/^(['"])(.*)\1$/, '$2');
  const variable = /^\$\(?(\w+)\)?(?=[\\/])/.exec(path);
  if (variable !== null) {
    const folder = folderOf(`$${variable[1]}`, context);
    if (folder === undefined) return undefined;
    path = folder + path.slice(variable[0].length);
  }
  if (/[$()`]/.test(path)) return undefined;
  return normalise(path);
}

/** The folder a variable stands for: `$PSScriptRoot` (the file's own), or the script's folder. */
function folderOf(variable: string, context: KeyContext): string | undefined {
  const name = variable.slice(1).toLowerCase();
  if (name === 'psscriptroot') return context.base;
  if (context.roots.has(name)) return '.';
  return undefined;
}

/** `./a/b.ps1` from any spelling: Windows separators, `./` repeated, `a/../b`. */
function normalise(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return `./${parts.join('/')}`;
}

/** The variables a script sets to its own folder (Pode's examples call it `$ScriptPath`). */
export function rootVariables(text: string): Set<string> {
  const roots = new Set<string>();
  const pattern =
    /\$(?:script:)?(\w+)\s*=\s*\(?\s*(?:Split-Path\s+(?:-Parent\s+)?(?:-Path\s+)?\$MyInvocation\.MyCommand\.Path\s*(?:-Parent\s*)?|\$PSScriptRoot\s*)\)?\s*$/gim;
  for (const match of text.matchAll(pattern)) roots.add(match[1].toLowerCase());
  return roots;
}

/** The folder of an include key (`./modules/x.ps1` → `./modules`), for its `$PSScriptRoot`. */
export function keyFolder(key: string): string {
  const at = key.lastIndexOf('/');
  return at <= 1 ? '.' : key.slice(0, at);
}

/**
 * A path argument of a command that loads a file (`Use-PodeScript -Path`, `-FilePath`,
 * `Import-Module ./x.psm1`): its key, or undefined when it is not a literal path.
 */
export function pathArgument(
  commandText: string,
  parameter: string,
  context: KeyContext = MAIN,
  position = true,
): string | undefined {
  const named = new RegExp(
    `\\s-${parameter}(?::|\\s+)((['"])[^'"]*\\2|\\([^()]*\\)|[^\\s'"()]+)`,
    'i',
  ).exec(commandText);
  const positional = position
    ? /^\S+\s+((['"])[^'"]*\2|\([^()]*\)|[^\s'"()-][^\s'"()]*)/.exec(commandText)
    : null;
  const raw = named?.[1] ?? positional?.[1];
  return raw === undefined ? undefined : dotSourcePath(raw, context);
}

/** The folder commands that load every script of a folder, and their default folder. */
const FOLDER_COMMANDS: Record<string, string> = {
  'use-poderoutes': 'routes',
  'use-podetimers': 'timers',
  'use-podeschedules': 'schedules',
  'use-podetasks': 'tasks',
  'use-podeauth': 'auth',
};

/**
 * The key of a `Use-PodeRoutes` (or `Use-PodeTimers`, `Use-PodeSchedules`, `Use-PodeTasks`)
 * command: its folder (default `routes`, `timers`…) and `/*.ps1`.
 */
export function routesKey(commandText: string): string | undefined {
  const command = /^\s*([\w-]+)/.exec(commandText)?.[1].toLowerCase() ?? '';
  const folder = Object.hasOwn(FOLDER_COMMANDS, command) ? FOLDER_COMMANDS[command] : 'routes';
  const path = /-Path\s+(['"]?)([^'"\s]+)\1/i.exec(commandText)?.[2] ?? folder;
  if (/[$()`]/.test(path)) return undefined;
  return `${path
    .replace(/\\/g, '/')
    .replace(/^\$PSScriptRoot\/?/i, '')
    .replace(/^\.\//, '')}/*.ps1`;
}

/** Reads and parses every script `root` includes (and what those include), by key. */
export async function loadIncludes(
  root: SyntaxNode,
  folder: string,
  into: Map<string, Include>,
  depth = 0,
  context: KeyContext = { base: '.', roots: rootVariables(root.text) },
): Promise<void> {
  for (const { key, files } of includesOf(root, folder, context)) {
    if (into.has(key)) continue;
    if (depth >= MAX_DEPTH) {
      into.set(key, { error: `${key}: dot-sourced more than ${MAX_DEPTH} files deep` });
      continue;
    }
    const loaded = await load(key, files, folder);
    into.set(key, loaded);
    if (!('error' in loaded))
      await loadIncludes(loaded.root, folder, into, depth + 1, {
        base: key.endsWith('/*.ps1') ? key.slice(0, -6) : keyFolder(key),
        roots: rootVariables(loaded.text),
      });
  }
}

/**
 * Commands whose -FilePath is a script file Pode loads (the script block of a route, timer,
 * schedule or task, or the server's).
 */
const FILE_PATH_COMMANDS = new Set([
  'add-poderoute',
  'add-podetimer',
  'add-podeschedule',
  'add-podetask',
  'start-podeserver',
]);

/** The key of a file a command loads, or undefined when the command loads none. */
export function commandIncludeKey(
  name: string,
  commandText: string,
  context: KeyContext,
): string | undefined {
  const lower = name.toLowerCase();
  if (lower === 'use-podescript') return pathArgument(commandText, 'Path', context);
  if (FILE_PATH_COMMANDS.has(lower) && /\s-FilePath\b/i.test(commandText))
    return pathArgument(commandText, 'FilePath', context, false);
  if ((lower === 'import-module' || lower === 'import-podemodule') && !isPodeImport(commandText)) {
    const key = pathArgument(commandText, lower === 'import-module' ? 'Name' : 'Path', context);
    return key !== undefined && /\.ps[m]?1$/i.test(key) ? key : undefined;
  }
  return undefined;
}

function includesOf(
  root: SyntaxNode,
  folder: string,
  context: KeyContext,
): { key: string; files: string[] }[] {
  const found: { key: string; files: string[] }[] = [];
  const visit = (node: SyntaxNode) => {
    if (node.type === 'command') {
      const name = node.namedChildren.find(
        (child) => child?.type === 'command_name' || child?.type === 'command_name_expr',
      );
      const dotSourced = node.namedChildren.some(
        (child) => child?.type === 'command_invokation_operator' && child.text === '.',
      );
      if (dotSourced && name) {
        const key = dotSourcePath(name.text, context);
        if (key !== undefined) found.push({ key, files: [resolve(folder, key)] });
      } else if (name && Object.hasOwn(FOLDER_COMMANDS, name.text.toLowerCase())) {
        const key = routesKey(node.text);
        if (key !== undefined)
          found.push({ key, files: routeFiles(resolve(folder, key.slice(0, -6))) });
      } else if (name && name.text.toLowerCase() === 'get-podeconfig') {
        // Pode's configuration file, read where the script is converted (features/pode-config.ts)
        found.push({ key: PODE_CONFIG_KEY, files: [resolve(folder, 'server.psd1')] });
      } else if (name) {
        const key = commandIncludeKey(name.text, node.text, context);
        if (key !== undefined) found.push({ key, files: [resolve(folder, key)] });
      }
    }
    for (const child of node.namedChildren) if (child !== null) visit(child);
  };
  visit(root);
  return found;
}

/** Every .ps1 under a routes folder, in path order (Pode dot-sources them all). */
function routeFiles(directory: string): string[] {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) return [];
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...routeFiles(path));
    else if (entry.name.toLowerCase().endsWith('.ps1')) files.push(path);
  }
  return files.sort();
}

async function load(key: string, files: string[], folder: string): Promise<Include> {
  if (files.length === 0) return { error: `${key}: no such file beside the script` };
  const parts: string[] = [];
  for (const file of files) {
    if (!existsSync(file)) return { error: `${key}: no such file beside the script` };
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    // one header comment per route file: it is carried into the output
    parts.push(
      files.length > 1 ? `# from ${relative(folder, file).replace(/\\/g, '/')}\n${text}` : text,
    );
  }
  const source = parts.join('\n');
  const parsed = await parsePowerShell(source);
  const error = firstError(parsed.root);
  if (error !== undefined) {
    const at = lineColumn(source, parsed.positions.toOriginal(error.startIndex));
    return { error: `${key}: syntax error at line ${at.line}` };
  }
  return { root: parsed.root, text: parsed.text, operators: parsed.operators };
}
