/**
 * The converter: a Pode script in, a pode-ts module out (`pode-ts port`, `pode-ts run`). Loads
 * the parser and the catalogue lazily; nothing here is imported by `pode-ts` itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Catalogue } from './binder.js';
import { Emitter } from './emit/program.js';
import { type Include, loadIncludes, rootVariables } from './includes.js';
import { firstError, parsePowerShell } from './parser.js';
import { lineColumn } from './positions.js';

/** The largest script the converter reads. */
export const MAX_SCRIPT_BYTES = 10 * 1024 * 1024;

/** Options of {@link convert}. */
export interface ConvertOptions {
  /** The script's path, for messages and for files beside it. */
  file: string;
  /** 'ts' (default) for `pode-ts port`; 'js' for `pode-ts run`. */
  language?: 'ts' | 'js';
  /** The expression for the script's folder; default `import.meta.dirname`. */
  rootExpression?: string;
  /** The expression for the script's own file; default `import.meta.filename` (or the script's path when rootExpression is given). */
  scriptExpression?: string;
  catalogue?: Catalogue;
}

/** One stderr line: `<file>:<line>:<col>: <message>`. */
export interface PortMessage {
  file: string;
  line: number;
  column: number;
  message: string;
  kind: 'todo' | 'note';
}

/** What {@link convert} gives back. */
export interface ConvertResult {
  code: string;
  messages: PortMessage[];
  statements: number;
  todos: number;
}

/** A script that cannot be converted at all: one message, exit 1. */
export class PortInputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
  }

  /** `<file>:<line>:<col>: <message>`. */
  format(): string {
    return `${this.file}:${this.line}:${this.column}: ${this.message}`;
  }
}

let cataloguePromise: Promise<Catalogue> | undefined;

/** The catalogue of Pode's functions (src/port/catalogue.json), or an empty one. */
export function loadCatalogue(): Promise<Catalogue> {
  cataloguePromise ??= (async () => {
    const path = new URL('./catalogue.json', import.meta.url);
    if (!existsSync(path)) return { cmdlets: {} };
    return JSON.parse(readFileSync(path, 'utf8')) as Catalogue;
  })();
  return cataloguePromise;
}

/** Reads a script file, rejecting what cannot be a PowerShell script. */
export function readScript(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PortInputError(
      file,
      1,
      1,
      code === 'ENOENT'
        ? 'cannot read the script: no such file'
        : code === 'EISDIR'
          ? 'cannot read the script: it is a directory'
          : `cannot read the script (${code ?? 'error'})`,
    );
  }
  return decodeScript(file, bytes);
}

/** Checks and decodes a script's bytes (size, binary, empty, BOM). */
export function decodeScript(file: string, bytes: Buffer): string {
  if (bytes.length > MAX_SCRIPT_BYTES)
    throw new PortInputError(
      file,
      1,
      1,
      `the script is larger than 10 MB (${bytes.length} bytes): not converted`,
    );
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = bytes.subarray(2).toString('utf16le');
  else text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const nul = text.indexOf('\0');
  if (nul >= 0 || text.includes('\uFFFD')) {
    const at = lineColumn(text, nul >= 0 ? nul : text.indexOf('\uFFFD'));
    throw new PortInputError(
      file,
      at.line,
      at.column,
      'the file is binary, not a PowerShell script',
    );
  }
  if (text.trim() === '') throw new PortInputError(file, 1, 1, 'the script is empty');
  return text;
}

/** Converts a Pode script's text to a pode-ts module. */
export async function convert(source: string, options: ConvertOptions): Promise<ConvertResult> {
  const file = options.file;
  const parsed = await parsePowerShell(source);
  const error = firstError(parsed.root);
  if (error !== undefined) {
    const at = lineColumn(source, parsed.positions.toOriginal(error.startIndex));
    const near = source
      .slice(parsed.positions.toOriginal(error.startIndex))
      .split(/\r?\n/)[0]
      .trim()
      .slice(0, 40);
    throw new PortInputError(
      file,
      at.line,
      at.column,
      `syntax error: ${error.isMissing ? `missing ${error.type}` : `unexpected ${near === '' ? 'end of file' : `'${near}'`}`}`,
    );
  }
  const folder = dirname(resolve(file));
  const includes = new Map<string, Include>();
  await loadIncludes(parsed.root, folder, includes);
  const emitter = new Emitter(parsed.text, {
    catalogue: options.catalogue ?? (await loadCatalogue()),
    language: options.language ?? 'ts',
    rootExpression: options.rootExpression ?? 'import.meta.dirname',
    scriptExpression:
      options.scriptExpression ??
      (options.rootExpression === undefined
        ? 'import.meta.filename'
        : JSON.stringify(resolve(file))),
    operators: parsed.operators,
    roots: rootVariables(parsed.text),
    include: (key) => includes.get(key) ?? { error: `${key}: not found beside the script` },
  });
  const result = emitter.emitProgram(parsed.root);
  if (!result.startsServer) {
    throw new PortInputError(
      file,
      1,
      1,
      'not a Pode server: the script never calls Start-PodeServer',
    );
  }
  const messages = result.diagnostics.map((diagnostic) => {
    const at = lineColumn(source, parsed.positions.toOriginal(diagnostic.offset));
    return {
      file,
      line: at.line,
      column: at.column,
      message: diagnostic.message,
      kind: diagnostic.kind,
    };
  });

  return { code: result.code, messages, statements: result.statements, todos: result.todos };
}
