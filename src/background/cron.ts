/**
 * Pode's cron: five fields (minute hour day-of-month month day-of-week, Pode's meaning: a time
 * must match day-of-month AND day-of-week), Pode's `@` shortcuts, and its random `R` atom (a
 * random value in the field's range, drawn again after every trigger; `n/R` starts at n). A
 * six-field expression (seconds first) is accepted too. Parsing and iteration (time zones,
 * daylight-saving transitions) are croner's; this file only rewrites Pode's extras into
 * plain cron for it.
 */
import { createRequire } from 'node:module';
import type { Cron } from 'croner';
import { ErrorCodes, SetupError } from '../errors.js';

/** croner, loaded on the first schedule (synchronously, so set-up errors still throw at once). */
let croner: typeof import('croner') | undefined;
function loadCroner(): typeof import('croner') {
  croner ??= createRequire(import.meta.url)('croner') as typeof import('croner');
  return croner;
}

/** Pode's `@` shortcuts (croner knows the classic ones, but not the `@twice-…` family). */
export const CRON_SHORTCUTS: Readonly<Record<string, string>> = {
  '@minutely': '* * * * *',
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@quarterly': '0 0 1 1,4,7,10 *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@twice-hourly': '0,30 * * * *',
  '@twice-daily': '0 0,12 * * *',
  '@twice-weekly': '0 0 * * 0,4',
  '@twice-monthly': '0 0 1,15 * *',
  '@twice-yearly': '0 0 1 1,6 *',
  '@twice-annually': '0 0 1 1,6 *',
};

/** The ranges of the five Pode fields, and of the seconds field in a six-field expression. */
const FIELD_RANGES: readonly (readonly [number, number])[] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];
const SECONDS_RANGE = [0, 59] as const;

/** Options for the iteration of an expression. */
export interface CronOptions {
  /** An IANA time zone (`'Europe/London'`); default the process's local time. */
  timezone?: string;
  /** Where random atoms draw from; default Math.random (tests pass their own). */
  random?: () => number;
}

/** One schedule's cron expressions, with their random atoms drawn. */
export class PodeCron {
  readonly expressions: readonly string[];
  readonly #options: CronOptions;
  readonly #templates: string[][];
  #crons: Cron[];
  #draws = 0;

  /** Throws a {@link SetupError} naming the schedule when an expression is not valid. */
  constructor(where: string, expressions: readonly string[], options: CronOptions = {}) {
    if (expressions.length === 0) {
      throw badCron(where, '(none)', 'a schedule needs at least one cron expression');
    }
    this.expressions = expressions;
    this.#options = options;
    this.#templates = expressions.map((expression) => fieldsOf(where, expression));
    this.#crons = this.#draw(where);
  }

  /** True when an expression has a random atom (drawn again after every trigger). */
  get random(): boolean {
    return this.#templates.some((fields) => fields.some(isRandomAtom));
  }

  /** The earliest trigger strictly after `from` (and before `end`), or undefined. */
  next(from: Date, end?: Date): Date | undefined {
    let best: Date | undefined;
    for (const cron of this.#crons) {
      const next = cron.nextRun(from);
      if (next === null || (end !== undefined && next.getTime() > end.getTime())) continue;
      if (best === undefined || next.getTime() < best.getTime()) best = next;
    }
    return best;
  }

  /** Draws the random atoms again (Pode does this after each trigger). */
  redraw(): void {
    if (this.random) this.#crons = this.#draw('cron');
  }

  #draw(where: string): Cron[] {
    const random = this.#options.random ?? Math.random;
    const first = this.#draws++ === 0;
    return this.#templates.map((fields, index) => {
      const seconds = fields.length === 6;
      const pattern = fields
        .map((atom, field) => {
          const range = seconds
            ? field === 0
              ? SECONDS_RANGE
              : FIELD_RANGES[field - 1]
            : FIELD_RANGES[field];
          return drawAtom(atom, range, random, first);
        })
        .join(' ');
      try {
        return new (loadCroner().Cron)(pattern, {
          paused: true,
          domAndDow: true,
          sloppyRanges: true,
          mode: '5-or-6-parts',
          ...(this.#options.timezone === undefined ? {} : { timezone: this.#options.timezone }),
        });
      } catch (error) {
        throw badCron(where, this.expressions[index], (error as Error).message);
      }
    });
  }
}

function fieldsOf(where: string, expression: unknown): string[] {
  if (typeof expression !== 'string' || expression.trim() === '') {
    throw badCron(where, String(expression), 'a cron expression must be a non-empty string');
  }
  const trimmed = expression.trim();
  // own keys only: `__proto__` or `constructor` is not a shortcut
  const shortcut = trimmed.toLowerCase();
  const expanded = Object.hasOwn(CRON_SHORTCUTS, shortcut) ? CRON_SHORTCUTS[shortcut] : trimmed;
  const fields = expanded.split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) {
    throw badCron(
      where,
      expression,
      `it has ${fields.length} fields; Pode's cron has 5 (minute hour day month weekday), or 6 with seconds first`,
    );
  }
  return fields;
}

function isRandomAtom(atom: string): boolean {
  return /^(r|\d+\/r|\*\/r)$/i.test(atom);
}

/** `R` → a random value in the range; `n/R` → n on the first draw, then random (as Pode). */
function drawAtom(
  atom: string,
  range: readonly [number, number],
  random: () => number,
  first: boolean,
): string {
  const pick = () => String(range[0] + Math.floor(random() * (range[1] - range[0] + 1)));
  if (/^r$/i.test(atom)) return pick();
  const step = /^(\d+|\*)\/r$/i.exec(atom);
  if (step !== null && !first) return pick();
  if (step !== null) return step[1] === '*' ? String(range[0]) : step[1];
  return atom;
}

function badCron(where: string, expression: string, why: string): SetupError {
  return new SetupError(
    ErrorCodes.BAD_CRON,
    `${where}: the cron expression '${expression}' is not valid: ${why}.`,
    "Write five fields 'minute hour day-of-month month day-of-week' (e.g. '*/5 * * * *'), a shortcut such as '@hourly', or six fields with seconds first.",
  );
}
