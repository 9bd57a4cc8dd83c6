/**
 * Unknown option keys: a misspelt key (`durration`, `thread`) from plain JavaScript would
 * otherwise be ignored, silently keeping the default. Each options object the set-up API takes
 * is checked once, when it is given (never per request), against the keys its TypeScript type
 * declares, and an unknown key throws `PODE_ERR_UNKNOWN_OPTION` with the nearest known key, as
 * the compiler tells TypeScript users.
 */
import { ErrorCodes, setupError } from './errors.js';

/**
 * The keys of an options type, written as `{ key: true, … }` so that the compiler insists on
 * every key of `T` and no other: the runtime list cannot drift from the type.
 */
export function optionKeys<T extends object>(keys: Record<keyof T, true>): ReadonlySet<string> {
  return new Set(Object.keys(keys));
}

/**
 * Throws when `options` (an object given to `where`) has an own enumerable key outside `known`.
 * Keys whose value is `undefined` are refused too: `{ durration: undefined }` is still a typo.
 */
export function rejectUnknownKeys(
  where: string,
  options: unknown,
  known: ReadonlySet<string>,
): void {
  if (options === null || typeof options !== 'object') return;
  for (const key of Object.keys(options)) {
    if (known.has(key)) continue;
    const nearest = nearestKey(key, known);
    const list = [...known].join(', ');
    throw setupError(
      ErrorCodes.UNKNOWN_OPTION,
      nearest === undefined
        ? `${where}: unknown option '${key}'.`
        : `${where}: unknown option '${key}'. Did you mean '${nearest}'?`,
      `The options it takes: ${list}.`,
    );
  }
}

/** The known key closest to `key` (case-insensitive Levenshtein), when it is close enough to be a typo. */
export function nearestKey(key: string, known: Iterable<string>): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = levenshtein(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // As TypeScript's suggestion: within about a third of the name's length.
  const limit = Math.max(1, Math.floor(key.length * 0.34));
  return bestDistance <= limit ? best : undefined;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}
