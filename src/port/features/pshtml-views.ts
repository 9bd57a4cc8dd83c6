/**
 * PSHTML views, compiled by the converter. A PSHTML view is a PowerShell script (`param($data)`
 * then `html { head { … } body { … } }`) whose tag functions (`p`, `div -Class x { … }`,
 * `link -href …`, `img 'a.png'`) each write one HTML element; Pode renders the view by running
 * it (`[string](. $path $data)`: the output joined with spaces).
 *
 * Here each tag call becomes a call of the runtime's element function (src/views/pshtml.ts)
 * with the tag, its attributes (its parameters, in the order written, then `-Attributes`) and its
 * content; a script-block content becomes a local function (defined just before the statement,
 * so it sees the variables in scope there) that collects its output in a list. The rewritten
 * script is translated by the emitter. Tags inside other script blocks (`Where-Object { p … }`)
 * are not rewritten and stay a TODO of the emitter. Loaded only when a PSHTML view is first
 * rendered.
 */

import { camel, named } from '../emit/syntax.js';
import { firstError, parsePowerShell, type SyntaxNode } from '../parser.js';
import { lineColumn } from '../positions.js';
import { type CompiledTemplateSource, moduleBody } from './eps-views.js';
import { collectOutput, emitView, type ViewProblem } from './pode-views.js';

/** A PSHTML tag function: the element it writes, whether it is void, its positional parameters. */
interface TagShape {
  element: string;
  void?: boolean;
  positional: string[];
}

// PSHTML's tag functions (each writes the element of its name; `selecttag` writes <select>).
const CONTENT_TAGS =
  'a address article aside blockquote body button canvas caption colgroup datalist dd div dl dt em fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header html label legend li map math meter nav noscript ol optgroup option output p pre progress section small strong style sub sup table tbody td textarea tfoot th thead title tr ul';
const VOID_TAGS = 'area base br col hr input keygen meta';

const TAGS: Record<string, TagShape> = {
  ...Object.fromEntries(
    CONTENT_TAGS.split(' ').map((tag) => [tag, { element: tag, positional: ['Content'] }]),
  ),
  ...Object.fromEntries(
    VOID_TAGS.split(' ').map((tag) => [tag, { element: tag, void: true, positional: [] }]),
  ),
  img: { element: 'img', void: true, positional: ['src', 'alt', 'height', 'width'] },
  link: { element: 'link', void: true, positional: ['href', 'type', 'rel'] },
  script: { element: 'script', positional: ['src', 'type', 'integrity', 'crossorigin'] },
  selecttag: { element: 'select', positional: ['Content'] },
  doctype: { element: '!DOCTYPE', positional: [] },
};

/** The tag functions PSHTML views may call, by lower-case name. */
export const PSHTML_TAGS: ReadonlySet<string> = new Set(Object.keys(TAGS));

/** PowerShell's common parameters: not attributes. */
const COMMON = new Set([
  'verbose',
  'debug',
  'erroraction',
  'warningaction',
  'informationaction',
  'errorvariable',
  'warningvariable',
  'informationvariable',
  'outvariable',
  'outbuffer',
  'pipelinevariable',
]);

const OUTPUT = '$PodeViewOutput';
const ELEMENT = 'New-PodePshtmlElement';
const VIEW = 'Invoke-PodePshtmlView';
const BLOCK = 'PodePshtmlBlock';

class Rewriter {
  blocks = 0;
  problems: { node: SyntaxNode; what: string }[] = [];
  constructor(readonly text: string) {}

  /** A statement list: each statement after the block functions its tags need. */
  list(list: SyntaxNode | undefined): string {
    if (list === undefined) return '';
    const lines: string[] = [];
    for (const statement of named(list)) {
      const defs: string[] = [];
      let code: string;
      if (statement.type === 'flow_control_statement' && /^return\b/i.test(statement.text)) {
        // `return X` writes X to the output first
        const value = named(statement).find((c) => c.type !== 'comment');
        code =
          value === undefined
            ? `return ${OUTPUT}`
            : `${OUTPUT}.Add((${this.node(value, defs)}))\nreturn ${OUTPUT}`;
      } else code = this.node(statement, defs);
      lines.push(...defs, code);
    }
    return lines.join('\n');
  }

  /** A node's text with its tag calls rewritten (block functions added to `defs`). */
  node(node: SyntaxNode, defs: string[]): string {
    if (node.type === 'command') {
      const name = node.childForFieldName('command_name')?.text ?? named(node)[0]?.text ?? '';
      const shape = TAGS[name.toLowerCase()];
      if (shape !== undefined) return this.tag(node, shape, defs);
    }
    if (node.type === 'statement_list') return `\n${this.list(node)}\n`;
    if (node.type === 'script_block_expression' || node.type === 'function_statement')
      return node.text;
    let out = '';
    let at = node.startIndex;
    for (const child of named(node)) {
      out += this.text.slice(at, child.startIndex) + this.node(child, defs);
      at = child.endIndex;
    }
    return out + this.text.slice(at, node.endIndex);
  }

  /** A tag call: `(New-PodePshtmlElement 'p' @{ … } $attributes $content)`. */
  tag(node: SyntaxNode, shape: TagShape, defs: string[]): string {
    const elements = named(node).find((c) => c.type === 'command_elements');
    const items = elements === undefined ? [] : named(elements);
    const values: [string, SyntaxNode | true][] = [];
    const positional: SyntaxNode[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item.type === 'command_argument_sep' || item.type === 'comment') continue;
      if (item.type === 'command_parameter') {
        const name = item.text.replace(/^-/, '').replace(/:$/, '');
        let next = i + 1;
        while (next < items.length && items[next].type === 'command_argument_sep') next++;
        const value = items[next];
        if (value === undefined || value.type === 'command_parameter') values.push([name, true]);
        else {
          values.push([name, value]);
          i = next;
        }
        continue;
      }
      positional.push(item);
    }
    if (positional.length > shape.positional.length) {
      this.problems.push({
        node: positional[shape.positional.length],
        what: `${shape.element}: a positional value PSHTML has no parameter for`,
      });
    }
    positional.forEach((value, k) => {
      if (k < shape.positional.length) values.push([shape.positional[k], value]);
    });
    const attributes: string[] = [];
    let extra = '$null';
    let content = '$null';
    for (const [name, value] of values) {
      const lower = name.toLowerCase();
      if (COMMON.has(lower)) continue;
      if (value === true) {
        attributes.push(`'${lower}' = $true`);
        continue;
      }
      if (lower === 'attributes') extra = `(${this.node(value, defs)})`;
      else if (lower === 'content') content = this.content(value, defs);
      else attributes.push(`'${lower}' = (${this.node(value, defs)})`);
    }
    const kind = shape.void === true ? 'Void' : shape.element === '!DOCTYPE' ? 'Doctype' : 'Tag';
    return `(${ELEMENT} '${kind}' '${shape.element}' @{ ${attributes.join('; ')} } ${extra} ${content})`;
  }

  /** Content: a script block becomes a local function that collects its output. */
  content(value: SyntaxNode, defs: string[]): string {
    let block = value;
    while (block.type !== 'script_block_expression' && named(block).length === 1)
      block = named(block)[0];
    if (block.type !== 'script_block_expression') return `(${this.node(value, defs)})`;
    const k = this.blocks++;
    const inner = named(block).find((c) => c.type === 'script_block');
    const body = inner?.descendantsOfType('statement_list')[0] ?? undefined;
    defs.push(
      `function ${BLOCK}${k}(${OUTPUT}) {\n${this.list(body ?? undefined)}\nreturn ${OUTPUT}\n}`,
    );
    return `(${BLOCK}${k} @())`;
  }
}

/** Compiles a PSHTML view script into a function body over `__modules` and `__texts`. */
export async function compilePshtmlView(content: string): Promise<CompiledTemplateSource> {
  const problems: ViewProblem[] = [];
  const original = await parsePowerShell(content);
  const syntax = firstError(original.root);
  if (syntax !== undefined) {
    const at = lineColumn(content, original.positions.toOriginal(syntax.startIndex));
    problems.push({ ...at, what: 'code that is not valid PowerShell' });
    return { texts: [], body: '', problems };
  }
  const rewriter = new Rewriter(original.text);
  const root = original.root;
  const param = named(root).find((c) => c.type === 'param_block');
  const list = named(root).find((c) => c.type === 'statement_list');
  let params = `param(${OUTPUT})`;
  if (param !== undefined) {
    const open = param.text.indexOf('(');
    const inner = param.text.slice(open + 1, param.text.lastIndexOf(')'));
    params = `${param.text.slice(0, open)}(${OUTPUT}${inner.trim() === '' ? '' : `, ${inner}`})`;
  }
  const rewrittenBody = rewriter.list(list);
  for (const problem of rewriter.problems) {
    problems.push({
      ...lineColumn(content, original.positions.toOriginal(problem.node.startIndex)),
      what: problem.what,
    });
  }
  if (problems.length > 0) return { texts: [], body: '', problems };
  const script = [
    `function ${ELEMENT}($Kind, $Tag, $Attributes, $Extra, $Content) { }`,
    `function ${VIEW} {`,
    params,
    rewrittenBody,
    `return ${OUTPUT}`,
    '}',
    '',
  ].join('\n');
  // Second pass: each block function's (and the view's) output statements add to its list.
  const first = await parsePowerShell(script);
  const edits: { at: number; insert: string }[] = [];
  for (const fn of first.root.descendantsOfType('function_statement')) {
    if (fn === null || !new RegExp(`^function\\s+(${BLOCK}\\d+|${VIEW})\\b`).test(fn.text))
      continue;
    const body = fn.descendantsOfType('statement_list')[0];
    if (body === undefined || body === null) continue;
    collectOutput(body, edits, undefined, undefined, (node) =>
      node.text.startsWith(`${OUTPUT}.Add(`),
    );
  }
  let rewritten = first.text;
  for (const edit of edits.sort((a, b) => b.at - a.at))
    rewritten = `${rewritten.slice(0, edit.at)}${edit.insert}${rewritten.slice(edit.at)}`;
  const parsed = await parsePowerShell(rewritten);
  const result = await emitView(parsed);
  for (const diagnostic of result.diagnostics) {
    if (diagnostic.kind !== 'todo') continue;
    // where the code the message is about is in the view: the largest node around it whose
    // text (its first line) is written in the view
    let found = -1;
    let longest = 0;
    for (
      let node: SyntaxNode | null = parsed.root.descendantForIndex(diagnostic.offset);
      node !== null;
      node = node.parent
    ) {
      const snippet = node.text.split('\n')[0].trim().slice(0, 80);
      const at = snippet.length > longest ? content.indexOf(snippet) : -1;
      if (at >= 0) {
        found = at;
        longest = snippet.length;
      }
    }
    problems.push({
      ...(found < 0 ? { line: 1, column: 1 } : lineColumn(content, found)),
      what: diagnostic.message.replace(/^not translated: /, ''),
    });
  }
  const element = camel(ELEMENT);
  const code = result.code.replace(
    new RegExp(`async function ${element}\\(`),
    'async function __unusedElementStub(',
  );
  const body = `const ${element} = __modules.pshtml.element;\n${moduleBody(code, camel(VIEW))}`;
  return { texts: [], body, problems };
}
