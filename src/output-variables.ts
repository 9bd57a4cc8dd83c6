/**
 * Pode's `Out-PodeVariable`: values a server hands to the script that started it, set as global
 * variables once the server stops (Pode sets them in the caller's scope when `Start-PodeServer`
 * returns).
 */
import { ErrorCodes, PodeError } from './errors.js';

const pending = new Map<string, unknown>();

/**
 * `Out-PodeVariable`: `globalThis[name]` becomes `value` when the server stops (the last value
 * given for a name wins). Under `threads: N`, in the worker process that called it.
 */
export function outVariable(name: string, value: unknown): void {
  if (typeof name !== 'string' || name === '') {
    throw new PodeError(
      ErrorCodes.BAD_OPTION,
      'outVariable needs a variable name: outVariable(name, value).',
    );
  }
  pending.set(name, value);
}

/** @internal At stop: every value given to `outVariable` becomes a global variable. */
export function publishOutputVariables(): void {
  const globals = globalThis as Record<string, unknown>;
  for (const [name, value] of pending) globals[name] = value;
  pending.clear();
}
