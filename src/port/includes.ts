/**
 * Scripts beside the converted one: dot-sourced files (`. ./routes.ps1`,
 * `. (Join-Path $PSScriptRoot 'routes.ps1')`) and `Use-PodeRoutes` folders (every `.ps1` in
 * `routes/`, as Pode loads them). The emitter is synchronous, so they are found in the tree,
 * read and parsed before it runs; it then asks for them by the same key.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { IncludedScript } from './emit/context.js';
import { firstError, parsePowerShell, type SyntaxNode } from './parser.js';
import { lineColumn } from './positions.js';

/** A script read for the emitter, or why it could not be. */
export type Include = IncludedScript | { error: string };

/** How deep dot-sourced files may dot-source others. */
const MAX_DEPTH = 5;

/** The key of a dot-sourced target (`./x.ps1`), or undefined when it is computed at run time. */
export function dotSourcePath(target: string): string | undefined {
  const text = target.trim();
  const joined =
    /^\(\s*Join-Path\s+(?:-Path\s+)?\$PSScriptRoot\s+(?:-ChildPath\s+)?(['"]?)([^'"()$]+)\1\s*\)$/i.exec(
      text,
    );
  const path =
    joined?.[2] ?? text.replace(/^(['"])(.*)\1$/, '$2').replace(/^\$PSScriptRoot\b/i, '.');
  if (/[$()`]/.test(path)) return undefined;
  return `./${path.replace(/\\/g, '/').replace(/^(\.\/)+|^\//, '')}`;
}

/** The folder commands that load every script of a folder, and their default folder. */
const FOLDER_COMMANDS: Record<string, string> = {
  'use-poderoutes': 'routes',
  'use-podetimers': 'timers',
  'use-podeschedules': 'schedules',
  'use-podetasks': 'tasks',
  'use-podeauth': 'auth',
};

/** The cmdlets whose script block may be in a file of its own (`-FilePath`). */
const FILE_COMMANDS = /^add-pode(route|timer|schedule|task)$/i;

/** The key of a `-FilePath './x.ps1'` script (a literal path), or undefined. */
export function filePathKey(commandText: string): string | undefined {
  const path = /-FilePath\s+(['"])([^'"$`()]+)\1/i.exec(commandText)?.[2];
  return path === undefined ? undefined : dotSourcePath(path);
}

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
): Promise<void> {
  for (const { key, files } of includesOf(root, folder)) {
    if (into.has(key)) continue;
    if (depth >= MAX_DEPTH) {
      into.set(key, { error: `${key}: dot-sourced more than ${MAX_DEPTH} files deep` });
      continue;
    }
    const loaded = await load(key, files, folder);
    into.set(key, loaded);
    if (!('error' in loaded)) await loadIncludes(loaded.root, folder, into, depth + 1);
  }
}

function includesOf(root: SyntaxNode, folder: string): { key: string; files: string[] }[] {
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
        const key = dotSourcePath(name.text);
        if (key !== undefined) found.push({ key, files: [resolve(folder, key)] });
      } else if (name && Object.hasOwn(FOLDER_COMMANDS, name.text.toLowerCase())) {
        const key = routesKey(node.text);
        if (key !== undefined)
          found.push({ key, files: routeFiles(resolve(folder, key.slice(0, -6))) });
      } else if (name && FILE_COMMANDS.test(name.text)) {
        const key = filePathKey(node.text);
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
