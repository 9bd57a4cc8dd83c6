/**
 * Shared state (`Set-PodeState`, `Get-PodeState`, `Save-PodeState`…): named values every
 * request, timer, schedule and task of a server sees, in one store for all its processes. In one
 * process the values are the live objects (change one in place and every reader sees it, as in
 * Pode); under `threads: N` or with Redis each read is a copy, so a change must be written back
 * with `setState` (and, when others write too, inside a lock).
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { BackgroundError, ErrorCodes } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import { currentBackground } from './runtime.js';
import type { StateEntry } from './store.js';

/** `setState` options. */
export interface SetStateOptions {
  /** Scopes the value belongs to, for `saveState`/`getStateNames` filters. */
  scope?: string | readonly string[];
}

/** `getStateNames` options (Pode's filters, applied in this order). */
export interface StateNamesOptions {
  /** Only names with one of these scopes. */
  scope?: string | readonly string[];
  /** Only these names. */
  include?: string | readonly string[];
  /** Not these names. */
  exclude?: string | readonly string[];
  /** Only names matching this regular expression (case-insensitive when a string). */
  pattern?: string | RegExp;
}

/** `saveState` options. */
export interface SaveStateOptions {
  scope?: string | readonly string[];
  include?: string | readonly string[];
  exclude?: string | readonly string[];
  /** Write the JSON on one line. Default false (indented). */
  compress?: boolean;
}

/** `restoreState` options. */
export interface RestoreStateOptions {
  /** Keep the current values and add (or replace) the file's; default false: the file's only. */
  merge?: boolean;
}

const SET_KEYS = optionKeys<SetStateOptions>({ scope: true });
const NAMES_KEYS = optionKeys<StateNamesOptions>({
  scope: true,
  include: true,
  exclude: true,
  pattern: true,
});
const SAVE_KEYS = optionKeys<SaveStateOptions>({
  scope: true,
  include: true,
  exclude: true,
  compress: true,
});
const RESTORE_KEYS = optionKeys<RestoreStateOptions>({ merge: true });

/**
 * Sets a named state value (`Set-PodeState`, `$state:name = value`) and resolves to the value.
 * Without `scope`, a value that exists keeps its scopes.
 */
export async function setState<T>(
  name: string,
  value: T,
  options: SetStateOptions = {},
): Promise<T> {
  checkName('setState', name);
  rejectUnknownKeys('setState()', options, SET_KEYS);
  const scope =
    options.scope === undefined ? undefined : strings('setState', 'scope', options.scope);
  const background = currentBackground();
  if (!background.replaysSetup) await background.store().set(name, value, scope);
  return value;
}

/** The named state value (`Get-PodeState`, `$state:name`), or null (Pode's `$null`). Under threads or Redis, a copy. */
export async function getState<T = unknown>(name: string): Promise<T | null> {
  checkName('getState', name);
  const entry = await currentBackground().store().get(name);
  return entry === undefined ? null : (entry.value as T);
}

/** Removes a named state value (`Remove-PodeState`) and resolves to what it was, or null. */
export async function removeState<T = unknown>(name: string): Promise<T | null> {
  checkName('removeState', name);
  const background = currentBackground();
  if (background.replaysSetup) return null;
  const entry = await background.store().remove(name);
  return entry === undefined ? null : (entry.value as T);
}

/** True when a state value of this name exists (`Test-PodeState`). */
export async function testState(name: string): Promise<boolean> {
  checkName('testState', name);
  return (await currentBackground().store().get(name)) !== undefined;
}

/** The names of the state values, filtered as Pode's `Get-PodeStateNames`. */
export async function getStateNames(options: StateNamesOptions = {}): Promise<string[]> {
  rejectUnknownKeys('getStateNames()', options, NAMES_KEYS);
  const scope = lower(strings('getStateNames', 'scope', options.scope));
  const include = lower(strings('getStateNames', 'include', options.include));
  const exclude = lower(strings('getStateNames', 'exclude', options.exclude));
  const pattern =
    options.pattern === undefined || options.pattern === ''
      ? undefined
      : typeof options.pattern === 'string'
        ? new RegExp(options.pattern, 'i')
        : options.pattern;
  const listed = await currentBackground().store().list();
  return listed
    .filter(
      ({ name, scope: scopes }) =>
        (scope.length === 0 || scopes.some((entry) => scope.includes(entry.toLowerCase()))) &&
        (include.length === 0 || include.includes(name.toLowerCase())) &&
        !exclude.includes(name.toLowerCase()) &&
        (pattern === undefined || pattern.test(name)),
    )
    .map(({ name }) => name);
}

/**
 * Saves the state values (filtered as `getStateNames`) to a JSON file (`Save-PodeState`). The
 * file is written beside its final place and then renamed over it, so a crash mid-save leaves
 * the previous file whole. A relative path starts at the server root.
 */
export async function saveState(path: string, options: SaveStateOptions = {}): Promise<void> {
  checkPath('saveState', path);
  rejectUnknownKeys('saveState()', options, SAVE_KEYS);
  const background = currentBackground();
  const names = await getStateNames({
    scope: options.scope,
    include: options.include,
    exclude: options.exclude,
  });
  const entries = await background.store().entries(names);
  const file: Record<string, { Value: unknown; Scope: string[] }> = {};
  for (const [name, entry] of Object.entries(entries))
    file[name] = { Value: entry.value, Scope: entry.scope };
  const text = options.compress === true ? JSON.stringify(file) : JSON.stringify(file, null, 2);
  const target = resolvePath(background.root, path);
  const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, { encoding: 'utf8', flush: true });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Loads state values from a file `saveState` (or Pode's `Save-PodeState`) wrote
 * (`Restore-PodeState`): the file's values replace the state, or join it with `merge`. A missing
 * file does nothing. A relative path starts at the server root.
 */
export async function restoreState(path: string, options: RestoreStateOptions = {}): Promise<void> {
  checkPath('restoreState', path);
  rejectUnknownKeys('restoreState()', options, RESTORE_KEYS);
  const background = currentBackground();
  let text: string;
  try {
    text = await readFile(resolvePath(background.root, path), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (text.trim() === '') return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BackgroundError(
      ErrorCodes.STATE,
      `restoreState(): ${path} is not JSON: ${(error as Error).message}`,
    );
  }
  if (background.replaysSetup) return;
  await background.store().replace(stateEntries(path, parsed), options.merge === true);
}

/** The entries of a state file: Pode's `{ name: { Value, Scope } }`, its version-2 wrapper, or bare values. */
function stateEntries(path: string, parsed: unknown): Record<string, StateEntry> {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BackgroundError(
      ErrorCodes.STATE,
      `restoreState(): ${path} does not hold a state object.`,
    );
  }
  const data = (parsed as Record<string, unknown>).__pode_state_data__ ?? parsed;
  const entries: Record<string, StateEntry> = {};
  for (const [name, raw] of Object.entries(data as Record<string, unknown>)) {
    if (raw !== null && typeof raw === 'object' && 'Value' in raw) {
      const scope = (raw as { Scope?: unknown }).Scope;
      entries[name] = {
        value: (raw as { Value: unknown }).Value,
        scope: Array.isArray(scope) ? scope.map(String) : [],
      };
    } else {
      entries[name] = { value: raw, scope: [] };
    }
  }
  return entries;
}

function resolvePath(root: string, path: string): string {
  return isAbsolute(path) ? path : resolve(root, path);
}

function checkName(where: string, name: unknown): asserts name is string {
  if (typeof name !== 'string' || name === '') {
    throw new BackgroundError(
      ErrorCodes.STATE,
      `${where}() needs a state name (a non-empty string), but got: ${String(name)}.`,
    );
  }
}

function checkPath(where: string, path: unknown): asserts path is string {
  if (typeof path !== 'string' || path === '') {
    throw new BackgroundError(
      ErrorCodes.STATE,
      `${where}() needs a file path, but got: ${String(path)}.`,
    );
  }
}

function strings(where: string, name: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) {
    throw new BackgroundError(ErrorCodes.STATE, `${where}(): ${name} must be an array of strings.`);
  }
  return [...value];
}

function lower(values: string[]): string[] {
  return values.map((value) => value.toLowerCase());
}
