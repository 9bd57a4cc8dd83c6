/**
 * The view engines of PowerShell template modules, rendered through the converter (src/port,
 * with its grammar, loaded on the first such view only):
 * - `eps`: templates of the module EPS (`Invoke-EpsTemplate`), rendered unchanged; as with EPS,
 *   `<%= … %>` is not HTML-escaped.
 * - `pshtml`: view scripts written with the module PSHTML's tag functions (`html { body { p {
 *   'x' } } }`), run as Pode runs them (`[string](. $path $data)`); as with PSHTML, content and
 *   attribute values are not HTML-escaped.
 * Each file is compiled once into one function and cached per server (with the engine's
 * `watch`, a file whose modification time changed is compiled again). Code the converter cannot
 * translate makes the view fail with `PODE_ERR_NOT_PORTED` naming file:line:col.
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { ErrorCodes, PodeError } from '../errors.js';
import type { ViewData, ViewEngine } from './engine.js';
import {
  type CompiledFile,
  caseless,
  compiledView,
  loadModules,
  type Modules,
  subExpressionText,
} from './pode.js';
import { pshtmlElement } from './pshtml.js';

type Render = (first: unknown, second: unknown) => Promise<unknown>;
type Kind = 'eps' | 'pshtml';

const LABEL: Record<Kind, string> = { eps: 'EPS', pshtml: 'PSHTML' };

/** A compiled EPS or PSHTML file, or why it cannot be rendered. */
interface CompiledTemplate extends CompiledFile {
  render?: Render;
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (modules: Modules, texts: string[]) => Promise<Render>;

async function compile(kind: Kind, path: string, mtimeMs: number): Promise<CompiledTemplate> {
  const content = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  const name = relative(process.cwd(), path) || path;
  const source =
    kind === 'eps'
      ? (await import('../port/features/eps-views.js')).compileEpsTemplate(content)
      : (await import('../port/features/pshtml-views.js')).compilePshtmlView(content);
  return compiled(kind, name, await source, mtimeMs);
}

async function compiled(
  kind: Kind,
  name: string,
  source: {
    texts: string[];
    body: string;
    problems: { line: number; column: number; what: string }[];
  },
  mtimeMs: number,
): Promise<CompiledTemplate> {
  if (source.problems.length > 0) {
    const first = source.problems[0];
    const problem = new PodeError(
      ErrorCodes.NOT_PORTED,
      `${name}:${first.line}:${first.column}: the ${LABEL[kind]} view cannot be rendered: not translated: ${first.what}${source.problems.length > 1 ? ` (and ${source.problems.length - 1} more)` : ''}`,
      'Rewrite that code in a form pode-ts port translates (docs/port-cli.md), or move the view to Eta.',
    );
    return { mtimeMs, problem };
  }
  const modules = { ...(await loadModules()), pshtml: { element: pshtmlElement } };
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
  const view = await load(engine, 'eps', path);
  const output: unknown[] = [];
  await view(caseless({ ...data }), output);
  return output.join('');
}

/**
 * Renders the PSHTML view script at `path` with `data` (its `$data`, `$null` when there is
 * none): its output joined with spaces, as Pode's `[string](. $path $data)`.
 */
export async function renderPshtmlView(
  engine: ViewEngine,
  path: string,
  data: ViewData,
): Promise<string> {
  const view = await load(engine, 'pshtml', path);
  const output: unknown[] = [];
  await view(output, Object.keys(data).length === 0 ? null : caseless(data));
  const { toPsString } = (await loadModules())['pode-ts/powershell'] as {
    toPsString: (value: unknown) => string;
  };
  return subExpressionText(output, toPsString);
}

// The compiled view at `path`, compiled on first use (again when watched and changed).
async function load(engine: ViewEngine, kind: Kind, path: string): Promise<Render> {
  const view = await compiledView(engine, `${kind}:${path}`, path, (file, mtimeMs) =>
    compile(kind, file, mtimeMs),
  );
  return view.render!;
}
