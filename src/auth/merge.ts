/**
 * Merged authentications (Pode's `Merge-PodeAuth`): several authentications as one. With
 * `valid: 'one'` the first that succeeds wins (its user, and its name in `e.auth.name`); when all
 * fail, the answer is the last failure that carries a `WWW-Authenticate` challenge, else the last
 * failure. With `valid: 'all'` the first failure answers; when all succeed, `scriptBlock` merges
 * their users into one, or the user of `mergeDefault` is taken, and `e.auth.name` is the merge's.
 * Settings the merge does not give (failureUrl, successUrl, sessionless…) come from `default`.
 */
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import { chain } from '../sessions/store.js';
import type { WebEvent } from '../web-event.js';
import {
  type AuthDefinition,
  type AuthOutcome,
  attempt,
  type MergeUsers,
  resolveOptions,
} from './registry.js';

/** Options of `s.mergeAuth`. */
export interface MergeAuthOptions {
  /** The authentications merged, in the order they are tried. */
  authentication: readonly string[];
  /** `'one'` (default): one must succeed; `'all'`: every one must. */
  valid?: 'one' | 'all';
  /** With `valid: 'all'`: merges the users (by authentication name) into `{ user }`. */
  scriptBlock?: MergeUsers;
  /** With `valid: 'all'` and no `scriptBlock`: the authentication whose user is kept. */
  mergeDefault?: string;
  /** The authentication whose settings fill those not given here. Default the first. */
  default?: string;
  failureUrl?: string;
  failureMessage?: string;
  successUrl?: string;
  successUseOrigin?: boolean;
  sessionless?: boolean;
}

const MERGE_KEYS = optionKeys<MergeAuthOptions>({
  authentication: true,
  valid: true,
  scriptBlock: true,
  mergeDefault: true,
  default: true,
  failureUrl: true,
  failureMessage: true,
  successUrl: true,
  successUseOrigin: true,
  sessionless: true,
});

/** @internal Checks the options of `s.mergeAuth` and makes the merged definition. */
export function resolveMerge(
  name: string,
  options: MergeAuthOptions,
  sessionsEnabled: boolean,
  find: (name: string) => AuthDefinition | undefined,
): AuthDefinition {
  rejectUnknownKeys(`s.mergeAuth('${name}')`, options, MERGE_KEYS);
  const names = options?.authentication;
  if (!Array.isArray(names) || names.length === 0) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `[Authentication] ${name}: authentication must be a non-empty array of authentication names.`,
      "Call s.mergeAuth('Merged', { authentication: ['ApiKey', 'Basic'] }).",
    );
  }
  const definitions = names.map((inner) => {
    const definition = typeof inner === 'string' ? find(inner) : undefined;
    if (definition === undefined) {
      throw setupError(
        ErrorCodes.AUTH_UNKNOWN,
        `Authentication method does not exist: ${String(inner)}`,
        `Add it with s.addAuth() before s.mergeAuth('${name}').`,
      );
    }
    return definition;
  });
  const valid = options.valid ?? 'one';
  if (valid !== 'one' && valid !== 'all') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `[Authentication] ${name}: valid must be 'one' or 'all', but got: ${JSON.stringify(valid)}`,
    );
  }
  for (const key of ['mergeDefault', 'default'] as const) {
    const value = options[key];
    if (value !== undefined && !names.includes(value)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `[Authentication] ${name}: the ${key} authentication '${String(value)}' is not in the authentication list supplied.`,
      );
    }
  }
  if (options.scriptBlock !== undefined && typeof options.scriptBlock !== 'function') {
    throw setupError(
      ErrorCodes.BAD_HANDLER,
      `[Authentication] ${name}: scriptBlock must be a function (results, e) => ({ user }).`,
    );
  }
  if (valid === 'all' && options.mergeDefault === undefined && options.scriptBlock === undefined) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `[Authentication] ${name}: A scriptBlock for merging multiple authenticated users into 1 object is required when valid is 'all'.`,
      "Pass scriptBlock: (results) => ({ user: … }), or mergeDefault: '<one of the authentications>'.",
    );
  }
  const fallback = definitions[names.indexOf(options.default ?? names[0])];
  const definition = resolveOptions(
    name,
    {
      failureUrl: options.failureUrl ?? fallback.failureUrl,
      failureMessage: options.failureMessage ?? fallback.failureMessage,
      successUrl: options.successUrl ?? fallback.successUrl,
      successUseOrigin: options.successUseOrigin ?? fallback.successUseOrigin,
      sessionless: options.sessionless ?? fallback.sessionless,
    },
    sessionsEnabled,
    fallback.scheme,
    fallback.validate,
  );
  return {
    ...definition,
    names: new Set([name, ...definitions.flatMap((inner) => [...inner.names])]),
    merged: {
      definitions,
      passOne: valid === 'one',
      // As in Pode, a scriptBlock given with valid: 'one' is ignored.
      combine: valid === 'all' ? options.scriptBlock : undefined,
      mergeDefault: options.mergeDefault,
    },
  };
}

type Failure = Extract<AuthOutcome, { success: false }>;
type Success = Extract<AuthOutcome, { success: true }>;

/** @internal Tries the merged authentications in order, by Pode's rules. */
export function attemptMerged(
  definition: AuthDefinition,
  merged: NonNullable<AuthDefinition['merged']>,
  event: WebEvent,
): AuthOutcome | Promise<AuthOutcome> {
  const { definitions, passOne } = merged;
  const successes: Record<string, Success> = {};
  let lastChallenged: Failure | undefined;
  let allAnonymous = true;
  const step = (index: number): AuthOutcome | Promise<AuthOutcome> => {
    if (index >= definitions.length) {
      return passOne
        ? {
            success: false,
            status: 500,
            message: undefined,
            anonymous: false,
            challenge: undefined,
          }
        : combine(definition, merged, successes, event);
    }
    return chain(attempt(definitions[index], event), (outcome) => {
      if (outcome.success) {
        if (passOne) return outcome;
        successes[definitions[index].name] = outcome;
        return step(index + 1);
      }
      if (!passOne || outcome.redirected === true) return outcome;
      allAnonymous &&= outcome.anonymous;
      if (outcome.challenge !== undefined && outcome.status === 401) lastChallenged = outcome;
      if (index === definitions.length - 1) {
        const answer = lastChallenged ?? outcome;
        return { ...answer, anonymous: allAnonymous };
      }
      return step(index + 1);
    });
  };
  return step(0);
}

function combine(
  definition: AuthDefinition,
  merged: NonNullable<AuthDefinition['merged']>,
  successes: Record<string, Success>,
  event: WebEvent,
): AuthOutcome | Promise<AuthOutcome> {
  if (merged.combine === undefined) {
    const chosen = successes[merged.mergeDefault as string];
    return { ...chosen, name: definition.name };
  }
  const results = Object.fromEntries(
    Object.entries(successes).map(([name, outcome]) => [
      name,
      outcome.headers === undefined
        ? { user: outcome.user }
        : { user: outcome.user, headers: outcome.headers },
    ]),
  );
  return chain(merged.combine(results, event), (result): AuthOutcome => {
    if (result?.user === undefined || result.user === null) {
      return {
        success: false,
        status: 401,
        message: 'The merged users gave no user.',
        anonymous: false,
        challenge: undefined,
      };
    }
    return { success: true, user: result.user, name: definition.name, headers: result.headers };
  });
}
