/** Types for scripts/port-corpus.mjs, so test/port/corpus.test.ts can import it under `strict`. */

export interface CorpusRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  form?: Record<string, string>;
  keepCookies?: boolean;
  capture?: Record<string, string>;
  status: number;
  json?: unknown;
  jsonIncludes?: unknown;
  text?: string;
  bodyIncludes?: string[];
  bodyExcludes?: string[];
  bodyMatches?: string;
  headersInclude?: Record<string, string | null>;
  location?: string | null;
  setCookies?: Record<string, boolean>;
}

export interface CorpusExpectation {
  description: string;
  expectTodo: number;
  starts?: boolean;
  /** Accept the server's self-signed certificate (an https first endpoint). */
  insecure?: boolean;
  requests: CorpusRequest[];
}

export interface CorpusFailure {
  stage: 'expect' | 'port' | 'todo' | 'typecheck' | 'start' | 'answer' | 'stop';
  message: string;
}

export interface CorpusResult {
  name: string;
  ok: boolean;
  ported: number | null;
  statements: number | null;
  todos: number | null;
  expectTodo: number | null;
  portExit: number | null;
  portMs: number | null;
  typechecks: boolean | null;
  typeErrors: string[];
  starts: boolean | null;
  startExpected: boolean;
  url: string | null;
  answered: number;
  requests: number;
  answers: boolean | null;
  stops: boolean | null;
  failures: CorpusFailure[];
  notes: string[];
  stderrTail?: string;
}

export interface CorpusSummary {
  scripts: number;
  withoutTodo: number;
  typecheck: number;
  start: number;
  answerAll: number;
  passing: number;
}

export interface CorpusReport {
  results: CorpusResult[];
  summary: CorpusSummary;
  infrastructure: string[];
  workDir: string | null;
}

export const ROOT: string;
export const CORPUS_DIR: string;
export function listCorpus(filters?: string[], corpusDir?: string): string[];
export function readExpectation(name: string, corpusDir?: string): CorpusExpectation;
export function runCorpus(options?: {
  filters?: string[];
  concurrency?: number;
  keep?: boolean;
  log?: (result: CorpusResult) => void;
  /** the command line to run (default: this checkout's dist/cli.js, or $PODE_TS_CLI) */
  cli?: string;
  /** the folder of scripts (default: test/port/corpus) */
  corpusDir?: string;
  /** flags for every `node` running pode-ts (default: $PORT_CORPUS_NODE_FLAGS split on spaces) */
  nodeFlags?: string[];
}): Promise<CorpusReport>;
export function compare(expected: CorpusRequest, response: Response, text: string): string[];
export function closingLine(report: { summary: CorpusSummary; infrastructure: string[] }): string;
export function compareWithKnown(
  results: { name: string; ok: boolean }[],
  known: Set<string>,
): { regressions: string[]; fixed: string[] };
