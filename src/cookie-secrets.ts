/**
 * Pode's named cookie secrets (`Set-PodeCookieSecret` / `Get-PodeCookieSecret`): kept by the
 * builder, read at request time through the event. The global one is CSRF's default secret.
 */
import { ErrorCodes, setupError } from './errors.js';
import { optionKeys } from './option-keys.js';

/** Which cookie secret: `{ name }`, or `{ global: true }` for the global one. */
export interface CookieSecretOptions {
  name?: string;
  global?: boolean;
}

export const COOKIE_SECRET_KEYS = optionKeys<CookieSecretOptions & { value: string }>({
  name: true,
  global: true,
  value: true,
});

/** @internal The stored name of a cookie secret (`'global'` for the global one). */
export function cookieSecretName(where: string, options: CookieSecretOptions): string {
  if (options?.global === true) return 'global';
  if (typeof options?.name !== 'string' || options.name.length === 0) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${where} needs a name, or global: true.`,
      "Pass { name: 'my-secret' } or { global: true }.",
    );
  }
  return options.name;
}
