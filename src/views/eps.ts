/**
 * The `eps` view engine: templates of the PowerShell module EPS (`Invoke-EpsTemplate`), rendered
 * unchanged. The embedded PowerShell is translated by the converter (src/port, with its grammar,
 * loaded on the first EPS view only); each file is compiled once into one function and cached
 * per server (with the engine's `watch`, a file whose modification time changed is compiled
 * again). Code the converter cannot translate makes the view fail with `PODE_ERR_NOT_PORTED`
 * naming file:line:col. As with EPS, `<%= … %>` is not HTML-escaped.
 */
import { readFile, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { ErrorCodes, PodeError } from '../errors.js';
import type { ViewData, ViewEngine } from './engine.js';
import { caseless, loadModules, type Modules } from './pode.js';

type Render = (binding: unknown, output: unknown[]) => Promise<unknown>;

/** A compiled EPS file, or why it cannot be rendered. */
interface CompiledTemplate {
  mtimeMs: number;
  render?: Render;
  problem?: PodeError;
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (modules: Modules, texts: string[]) => Promise<Render>;

async function compile(path: string, mtimeMs: number): Promise<CompiledTemplate> {
  const content = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  const { compileEpsTemplate } = await import('../port/features/eps-views.js');
  const name = relative(process.cwd(), path) || path;
  const source = await compileEpsTemplate(content);
  if (source.problems.length > 0) {
    const first = source.problems[0];
    const problem = new PodeError(
      ErrorCodes.NOT_PORTED,
      `${name}:${first.line}:${first.column}: the EPS view cannot be rendered: not translated: ${first.what}${source.problems.length > 1 ? ` (and ${source.problems.length - 1} more)` : ''}`,
      'Rewrite that code in a form pode-ts port translates (docs/port-cli.md), or move the view to Eta.',
    );
    return { mtimeMs, problem };
  }
  const modules = await loadModules();
  const render = await new AsyncFunction('__modules', '__texts', source.body)(
    modules,
    source.texts,
  );
  return { mtimeMs, render };
}

/** Renders the EPS view at `path` with `data` (EPS's `-Binding`: each entry is a variable). */
export async function renderEpsView(
  engine: ViewEngine,
  path: string,
  data: ViewData,
): Promise<string> {
  const cache = engine.cache.pode as Map<string, Promise<CompiledTemplate>>;
  const key = `eps:${path}`;
  let compiled = cache.get(key);
  if (compiled === undefined || engine.watch) {
    const mtimeMs = engine.watch ? (await stat(path)).mtimeMs : 0;
    const previous = compiled === undefined ? undefined : await compiled.catch(() => undefined);
    if (previous === undefined || previous.mtimeMs !== mtimeMs) {
      compiled = compile(path, mtimeMs);
      cache.set(key, compiled);
      compiled.catch(() => cache.delete(key));
    }
  }
  const view = await compiled!;
  if (view.problem !== undefined) throw view.problem;
  const output: unknown[] = [];
  await view.render!(caseless({ ...data }), output);
  return output.join('');
}
