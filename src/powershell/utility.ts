/**
 * `Get-Random` and `Start-Sleep` with PowerShell's parameters.
 */
import { randomInt } from 'node:crypto';
import { toArray } from './casts.js';
import { PowerShellError } from './errors.js';

/** Options of {@link getRandom}: `Get-Random`'s parameters. */
export interface GetRandomOptions {
  /** The lowest value (inclusive); default 0. */
  minimum?: number;
  /** The bound: exclusive for integers, as in PowerShell; default Int32.MaxValue. */
  maximum?: number;
  /** Pick from these items instead of a range. */
  inputObject?: unknown;
  /** How many: distinct items from `inputObject`, or that many numbers from the range. */
  count?: number;
}

/**
 * `Get-Random`: an integer in `[minimum, maximum)` (a double when either bound is not an
 * integer), or a random item of `inputObject`; with `count`, an array (items without repeats,
 * in random order). Throws PowerShell's message when minimum ≥ maximum.
 */
export function getRandom(options: GetRandomOptions & { count: number }): unknown[];
export function getRandom(options: GetRandomOptions & { inputObject: unknown }): unknown;
export function getRandom(options?: GetRandomOptions): number;
export function getRandom(options: GetRandomOptions = {}): unknown {
  if (options.inputObject !== undefined) {
    const items = toArray(options.inputObject);
    if (options.count === undefined)
      return items.length === 0 ? null : items[randomInt(items.length)];
    const shuffled = [...items];
    for (let index = shuffled.length - 1; index > 0; index--) {
      const other = randomInt(index + 1);
      [shuffled[index], shuffled[other]] = [shuffled[other], shuffled[index]];
    }
    return shuffled.slice(0, Math.max(0, options.count));
  }
  const minimum = options.minimum ?? 0;
  const maximum = options.maximum ?? 2_147_483_647;
  if (minimum >= maximum) {
    throw new PowerShellError(
      'MinGreaterThanOrEqualMax',
      `The Minimum value (${minimum}) cannot be greater than or equal to the Maximum value (${maximum}).`,
    );
  }
  const one = () =>
    Number.isInteger(minimum) && Number.isInteger(maximum) && maximum - minimum <= 2 ** 48 - 1
      ? randomInt(minimum, maximum)
      : minimum + Math.random() * (maximum - minimum);
  if (options.count !== undefined) return Array.from({ length: Math.max(0, options.count) }, one);
  return one();
}

/** `Start-Sleep`: resolves after the seconds and milliseconds given (fractions allowed). */
export function startSleep(
  options: { seconds?: number; milliseconds?: number } = {},
): Promise<void> {
  const ms = (options.seconds ?? 0) * 1000 + (options.milliseconds ?? 0);
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
