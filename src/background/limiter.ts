/**
 * At most `max` runs at once (Pode's `Set-PodeScheduleConcurrency` / `Set-PodeTaskConcurrency`,
 * the size of its runspace pools): a run past the maximum waits, in order, for one to end.
 * No limit until a maximum is set.
 */
import { type ErrorCode, SetupError } from '../errors.js';

export class Limiter {
  #max = Number.POSITIVE_INFINITY;
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  get max(): number {
    return this.#max;
  }

  /** Runs waiting now (for getSchedule/getTask-style reports and tests). */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Sets the maximum (a whole number of 1 or more); waiting runs start if it grew. */
  setMax(where: string, code: ErrorCode, max: unknown): void {
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) {
      throw new SetupError(
        code,
        `${where}: the maximum must be a whole number of 1 or more, but got: ${String(max)}.`,
      );
    }
    this.#max = max;
    this.#release();
  }

  /** Runs `fn` once fewer than `max` runs are going on. */
  async run<T>(fn: () => T | Promise<T>): Promise<T> {
    if (this.#active < this.#max) this.#active++;
    // #release counts a waiting run as active before waking it
    else await new Promise<void>((wake) => this.#waiting.push(wake));
    try {
      return await fn();
    } finally {
      this.#active--;
      this.#release();
    }
  }

  #release(): void {
    while (this.#active < this.#max && this.#waiting.length > 0) {
      this.#active++;
      this.#waiting.shift()?.();
    }
  }
}
