/**
 * The emitter's shared state: options, the script text, diagnostics, and what the module needs at
 * its top.
 */

import type { Catalogue } from '../binder.js';
import type { SyntaxNode } from '../parser.js';
import type { Parameter, ParameterSets } from './functions.js';

/** A message about one place in the script (offset in the repaired text). */
export interface Diagnostic {
  offset: number;
  message: string;
  kind: 'todo' | 'note';
}

/** What the emitter needs from the outside. */
export interface EmitOptions {
  catalogue: Catalogue;
  /** 'ts' for `pode-ts port`; 'js' drops type-only parts for `pode-ts run`. */
  language: 'ts' | 'js';
  /** The expression for `$PSScriptRoot` / the server root. */
  rootExpression: string;
  /** The expression for the script's own file (`$MyInvocation.MyCommand.Path`). */
  scriptExpression?: string;
  /** Operators the grammar lacks (`-cin`, …) by offset in the text (ParsedScript.operators). */
  operators?: ReadonlyMap<number, string>;
  /** Reads a script beside this one (dot-sourcing, route files): its repaired tree, or an error. */
  include?: (path: string) => IncludedScript | { error: string };
  /** The variables the main script sets to its own folder (`$ScriptPath`), for include keys. */
  roots?: ReadonlySet<string>;
}

/** A script beside the main one, parsed and repaired. */
export interface IncludedScript {
  root: SyntaxNode;
  text: string;
  operators?: ReadonlyMap<number, string>;
}

/** The emitted module and what happened on the way. */
export interface EmitResult {
  code: string;
  diagnostics: Diagnostic[];
  statements: number;
  todos: number;
  startsServer: boolean;
}

export type ValueType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'date'
  | 'null'
  | 'array'
  | 'object'
  | 'function'
  | 'any'
  | 'unknown'
  | 'void'
  | 'record'
  /** a Pode cookie read from `$WebEvent.Cookies[…]`: pode-ts holds its value, `.Value` is itself */
  | 'cookie'
  /** the error in a catch block (`$_`): `.Exception` is itself, `.Message` its message */
  | 'error';

export interface Expr {
  code: string;
  type: ValueType;
  /** the output of a cmdlet pipeline: PowerShell unwraps one item and gives $null for none */
  pipeline?: boolean;
}

export interface Scope {
  kind: 'module' | 'setup' | 'handler' | 'function' | 'block';
  /** the WebEvent's name here (`e`), or null where there is none */
  event: string | null;
  vars: Map<string, string>;
  parent: Scope | undefined;
  /** variables this function must declare at its top */
  hoisted: Set<string>;
  isAsync: boolean;
  /** an Add-PodeAuth validator: returned hashtables use pode-ts's keys (user, message, code) */
  validator?: boolean;
  /** An Add-PodePage script block: its last command's output is the page (returned). */
  page?: boolean;
  /** a `-AsCredential` validator's PSCredential parameter (or a `-ClientCertificate` one's certificate): `creds` (PowerShell, lower case) → its JS name */
  credential?: { ps: string; js: string; kind?: 'certificate' };
  /** inside a route group's -Routes block: the group builder's name (`g`) */
  builder?: string;
  /** variables of this scope (lower-case PowerShell name) whose type is known (see knownType) */
  known?: Map<string, ValueType>;
  /** the statement list of this function's body: an assignment directly in it may declare */
  topList?: SyntaxNode;
  /** hoisted variables declared where they are assigned (`const x = …`) instead of at the top */
  inline?: Set<string>;
  /** where a value written to the output goes (a statement used as a value): its statement */
  output?: (value: string) => string;
  /** inside a switch clause (and no loop in between): what `break` and `continue` become */
  switchTarget?: { break: string; continue: string };
  /** in a function with parameter sets: the JavaScript parameter `$PSCmdlet.ParameterSetName` reads */
  parameterSet?: string;
}

export class NotPorted extends Error {
  constructor(
    readonly node: SyntaxNode,
    readonly what: string,
  ) {
    super(what);
  }
}

/** The state every part of the emitter reads and writes while one script is emitted. */
export class EmitContext {
  readonly diagnostics: Diagnostic[] = [];
  /** names imported from 'pode-ts' */
  readonly imports = new Set<string>();
  /** names imported from 'pode-ts/powershell' */
  readonly helpers = new Set<string>();
  readonly nodeImports = new Map<string, Set<string>>();
  readonly sessionKeys = new Map<string, string>();
  readonly sessionRaw = new Map<string, string>();
  readonly reportedSessionCase = new Set<string>();
  /** script functions: PowerShell name (lower case) → JavaScript name */
  readonly functions = new Map<string, string>();
  readonly functionParameters = new Map<string, Parameter[]>();
  /** script functions with parameter sets: PowerShell name (lower case) → their sets */
  readonly functionSets = new Map<string, ParameterSets>();
  readonly schemeVars = new Map<string, string>();
  statements = 0;
  todos = 0;
  startsServer = false;
  usesState = false;
  /** `Get-PodeConfig`'s object (server.psd1), once it is read: declared as `podeConfig` at the top */
  podeConfig: string | undefined;
  usesOutput = false;
  matchesVar = false;
  /** how often the script assigns each variable (lower-case name, any scope): see knownType */
  readonly assignments = new Map<string, number>();
  /** switches being emitted, one inside the other: their labels must differ */
  switchDepth = 0;
  /** the text of an included file while its tree is emitted */
  textOverride: string | undefined;
  operatorsOverride: ReadonlyMap<number, string> | undefined;
  /** the offset of the dot-source or Use-PodeRoutes line while an included file is emitted */
  includedAt: number | undefined;
  /** the folder of the included file being emitted (relative to the script's), for `$PSScriptRoot` */
  includeBase: string | undefined;

  constructor(
    readonly text: string,
    readonly options: EmitOptions,
  ) {}

  /** `text` in TypeScript output, nothing in JavaScript output. */
  ts(text: string): string {
    return this.options.language === 'ts' ? text : '';
  }

  note(node: SyntaxNode, message: string): void {
    this.diagnostics.push({ offset: this.offsetOf(node), message, kind: 'note' });
  }

  /** Imports a helper from 'pode-ts/powershell' and returns its name. */
  helper(name: string): string {
    this.helpers.add(name);
    return name;
  }

  nodeImport(module: string, name: string): void {
    const names = this.nodeImports.get(module) ?? new Set<string>();
    names.add(name);
    this.nodeImports.set(module, names);
  }

  /** Runs `run` with an included file's text (and operators) as the source of node offsets. */
  withText<T>(
    text: string,
    run: () => T,
    operators?: ReadonlyMap<number, string>,
    at?: number,
    base?: string,
  ): T {
    const saved = [this.textOverride, this.operatorsOverride, this.includedAt] as const;
    const savedBase = this.includeBase;
    this.includeBase = base ?? this.includeBase;
    this.textOverride = text;
    this.operatorsOverride = operators ?? new Map();
    // messages about the included file point at the line that includes it
    this.includedAt = this.includedAt ?? at;
    try {
      return run();
    } finally {
      [this.textOverride, this.operatorsOverride, this.includedAt] = saved;
      this.includeBase = savedBase;
    }
  }

  /** How a path written in the code being emitted resolves to an include key. */
  keyContext(): { base: string; roots: ReadonlySet<string> } {
    return { base: this.includeBase ?? '.', roots: this.options.roots ?? new Set() };
  }

  /** Where a message about `node` points in the main script. */
  offsetOf(node: SyntaxNode): number {
    return this.includedAt ?? node.startIndex;
  }

  /** An operator's text as written (`-cin` where the grammar only knows `-in`). */
  operatorText(node: SyntaxNode): string {
    const operators =
      this.textOverride === undefined ? this.options.operators : this.operatorsOverride;
    return operators?.get(node.startIndex) ?? node.text;
  }
}
