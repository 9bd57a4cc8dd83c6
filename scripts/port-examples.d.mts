/** Types for scripts/port-examples.mjs, so its test can import it under `strict`. */

export interface ExamplesSummary {
  servers: number;
  withoutTodo: number;
  typecheck: number;
  both: number;
  start: number;
  answer: number;
  noServerError: number;
}

export interface ExampleResult {
  name: string;
  script: string;
  todos: number | null;
  reasons: string[];
  typechecks: boolean | null;
  typeErrors: string[];
  starts: boolean | null;
  routes: string[];
  answered: number;
  serverErrors: number;
  problems: string[];
}

export function listServers(folder: string): string[];
export function staticGetRoutes(source: string): string[];
export function closingLine(summary: ExamplesSummary): string;
export function measure(options: {
  folder: string;
  filters?: string[];
  concurrency?: number;
  keep?: boolean;
  log?: (result: ExampleResult) => void;
}): Promise<{ results: ExampleResult[]; summary: ExamplesSummary; workDir: string | null }>;
