/**
 * Pode's own view engine: `.pode` files are HTML with PowerShell `$(…)` sub-expressions over
 * `$data`, rendered as Pode renders them (the file is one PowerShell double-quoted string). The
 * converter (src/port, with its grammar) is loaded on the first `.pode` view only; each file is
 * compiled once, each sub-expression into one function, and cached per server (with the engine's
 * `watch`, a file whose modification time changed is compiled again). A sub-expression the
 * converter cannot translate makes the view fail with `PODE_ERR_NOT_PORTED` naming file:line:col.
 */
import { readFile, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { ErrorCodes, PodeError } from '../errors.js';
import type { ViewData, ViewEngine } from './engine.js';

type Part = (data: unknown, output: unknown[]) => Promise<unknown>;

/** A compiled `.pode` file: text pieces and parts, in order, or why it cannot be rendered. */
interface CompiledView extends CompiledFile {
  pieces: (string | Part)[];
}

export type Modules = Record<string, Record<string, unknown>>;
let modulesLoading: Promise<Modules> | undefined;

/** The modules translated code imports from, loaded with the converter on the first translated view. */
export function loadModules(): Promise<Modules> {
  modulesLoading ??= (async () => {
    const [index, powershell, fs, path] = await Promise.all([
      import('../index.js'),
      import('../powershell/index.js'),
      import('node:fs'),
      import('node:path'),
    ]);
    return {
      'pode-ts': index as unknown as Record<string, unknown>,
      'pode-ts/powershell': powershell as unknown as Record<string, unknown>,
      'node:fs': fs as unknown as Record<string, unknown>,
      'node:path': path as unknown as Record<string, unknown>,
    };
  })();
  return modulesLoading;
}

/** A compiled view file of a converter-backed engine, or why it cannot be rendered. */
export interface CompiledFile {
  mtimeMs: number;
  problem?: PodeError;
}

/**
 * The compiled file at `path` (cached under `key` in the server's view cache): compiled on first
 * use, and again when the engine watches and the file's modification time changed. Throws the
 * file's problem, if it has one.
 */
export async function compiledView<T extends CompiledFile>(
  engine: ViewEngine,
  key: string,
  path: string,
  compileFile: (path: string, mtimeMs: number) => Promise<T>,
): Promise<T> {
  const cache = engine.cache.pode as Map<string, Promise<T>>;
  let entry = cache.get(key);
  if (entry === undefined || engine.watch) {
    const mtimeMs = engine.watch ? (await stat(path)).mtimeMs : 0;
    const previous = entry === undefined ? undefined : await entry.catch(() => undefined);
    if (previous === undefined || previous.mtimeMs !== mtimeMs) {
      entry = compileFile(path, mtimeMs);
      cache.set(key, entry);
      entry.catch(() => cache.delete(key));
    }
  }
  const view = await entry!;
  if (view.problem !== undefined) throw view.problem;
  return view;
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (modules: Modules) => Promise<Part[]>;

async function compile(path: string, mtimeMs: number): Promise<CompiledView> {
  const content = await readFile(path, 'utf8');
  const { compilePodeView } = await import('../port/features/pode-views.js');
  const name = relative(process.cwd(), path) || path;
  const source = await compilePodeView(content.replace(/^\uFEFF/, ''), name);
  if (source.problems.length > 0) {
    const first = source.problems[0];
    const problem = new PodeError(
      ErrorCodes.NOT_PORTED,
      `${name}:${first.line}:${first.column}: the .pode view cannot be rendered: not translated: ${first.what}${source.problems.length > 1 ? ` (and ${source.problems.length - 1} more)` : ''}`,
      'Rewrite that sub-expression in a form pode-ts port translates (docs/port-cli.md), or move the view to Eta.',
    );
    return { mtimeMs, pieces: [], problem };
  }
  const modules = await loadModules();
  const parts = await new AsyncFunction('__modules', source.body)(modules);
  let k = 0;
  const pieces = source.pieces.map((piece) => (piece.kind === 'text' ? piece.text : parts[k++]));
  return { mtimeMs, pieces };
}

/** Renders the `.pode` view at `path` with `data` (Pode's `$data`). */
export async function renderPodeView(
  engine: ViewEngine,
  path: string,
  data: ViewData,
): Promise<string> {
  const view = await compiledView(engine, path, path, compile);
  // Pode passes $data only when it has entries; otherwise $data is $null.
  const argument = Object.keys(data).length === 0 ? null : caseless(data);
  const { toPsString } = (await loadModules())['pode-ts/powershell'] as {
    toPsString: (value: unknown) => string;
  };
  let html = '';
  for (const piece of view.pieces) {
    if (typeof piece === 'string') {
      html += piece;
      continue;
    }
    const output: unknown[] = [];
    await piece(argument, output);
    html += subExpressionText(output, toPsString);
  }
  return html;
}

/**
 * A sub-expression's output as PowerShell puts it in a string: each item (arrays written to the
 * output are enumerated once), nothing for none, the one item, or the items joined with spaces.
 */
export function subExpressionText(
  output: unknown[],
  toPsString: (value: unknown) => string,
): string {
  const items: unknown[] = [];
  for (const item of output) {
    if (item === undefined) continue;
    if (Array.isArray(item)) items.push(...item);
    else items.push(item);
  }
  if (items.length === 0) return '';
  return toPsString(items.length === 1 ? items[0] : items);
}

const wrapped = new WeakMap<object, object>();

/**
 * `data` with PowerShell's case-insensitive keys (`$data.Name` finds `name`), all the way down
 * through plain objects and arrays; other objects are left as they are.
 */
export function caseless<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  const prototype = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) return value;
  const known = wrapped.get(value);
  if (known !== undefined) return known as T;
  const proxy = new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !Array.isArray(target) && !(key in target)) {
        const lower = key.toLowerCase();
        const found = Object.keys(target).find((k) => k.toLowerCase() === lower);
        if (found !== undefined) return caseless((target as Record<string, unknown>)[found]);
      }
      return caseless(Reflect.get(target, key, receiver));
    },
    has(target, key) {
      if (typeof key !== 'string' || Array.isArray(target)) return Reflect.has(target, key);
      const lower = key.toLowerCase();
      return key in target || Object.keys(target).some((k) => k.toLowerCase() === lower);
    },
  });
  wrapped.set(value, proxy);
  return proxy;
}
