/**
 * Authentication against a JSON file of users (Pode's `Add-PodeAuthUserFile`): an array of
 * `{ Name, Username, Email, Password, Groups, Metadata }`, the password stored as the Base64
 * SHA-256 of the UTF-8 password, or its HMAC-SHA256 with `hmacSecret`. The file is read on each
 * login, so users can be added without a restart.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ErrorCodes, setupError } from '../errors.js';
import type { WebEvent } from '../web-event.js';
import type { AuthOptions, AuthValidation, AuthValidator } from './registry.js';
import type { AuthScheme } from './schemes.js';

/** A user of the file, as the validator and `e.auth.user` see it (Pode's keys). */
export interface UserFileUser {
  [key: string]: unknown;
  /** The display name. */
  Name?: string;
  Username: string;
  Email?: string;
  /** The groups the user is in (matched by `groups`, case-insensitive). */
  Groups?: string[];
  /** Anything else the file holds for the user. */
  Metadata?: { [key: string]: unknown };
}

/** Options of `s.addAuthUserFile` (the `s.addAuth` options, plus the file's). */
export interface AuthUserFileOptions extends AuthOptions {
  /** The JSON file of users, relative to the server root. Default `'users.json'`. */
  filePath?: string;
  /** Only these usernames may log in (case-insensitive); with `groups`, either passes. */
  users?: readonly string[];
  /** Only members of one of these groups may log in (case-insensitive). */
  groups?: readonly string[];
  /** The passwords are HMAC-SHA256 with this secret, not plain SHA-256. */
  hmacSecret?: string;
  /** Called with the file's user after the password and the users/groups checks pass: returns `{ user }` or a failure. */
  scriptBlock?: (
    user: UserFileUser,
    event: WebEvent,
  ) => AuthValidation | null | undefined | Promise<AuthValidation | null | undefined>;
}

const REFUSED = 'You are not authorised to access this website';

/**
 * @internal Checks the options of `s.addAuthUserFile` and makes the validator that reads the
 * file; returns it with the options left for `s.addAuth`.
 */
export function userFileValidator(
  name: string,
  scheme: AuthScheme<unknown>,
  options: AuthUserFileOptions,
  root: string,
): { validate: AuthValidator<unknown>; authOptions: AuthOptions } {
  if (options === null || typeof options !== 'object') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.addAuthUserFile('${name}'): options must be an object.`,
    );
  }
  const { filePath, users, groups, hmacSecret, scriptBlock, ...authOptions } = options;
  if (scheme?.type !== 'basic' && scheme?.type !== 'form' && scheme?.type !== 'custom') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.addAuthUserFile('${name}'): the scheme must give a username and password (basic(), form() or custom()).`,
    );
  }
  const file = resolve(root, filePath ?? 'users.json');
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.addAuthUserFile('${name}'): the users file does not exist: ${file}`,
      'Create it (a JSON array of { Username, Password, … }) or give filePath relative to the server root.',
    );
  }
  const allowedUsers = stringList(name, 'users', users);
  const allowedGroups = stringList(name, 'groups', groups);
  if (hmacSecret !== undefined && (typeof hmacSecret !== 'string' || hmacSecret.trim() === '')) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.addAuthUserFile('${name}'): hmacSecret must be a non-empty string.`,
    );
  }
  if (scriptBlock !== undefined && typeof scriptBlock !== 'function') {
    throw setupError(
      ErrorCodes.BAD_HANDLER,
      `s.addAuthUserFile('${name}'): scriptBlock must be a function.`,
    );
  }
  const hash = (password: string): Buffer =>
    hmacSecret === undefined
      ? createHash('sha256').update(password, 'utf8').digest()
      : createHmac('sha256', Buffer.from(hmacSecret, 'utf8')).update(password, 'utf8').digest();

  const validate: AuthValidator<unknown> = async (credentials, event) => {
    const { username, password } = (credentials ?? {}) as {
      username?: unknown;
      password?: unknown;
    };
    if (typeof username !== 'string' || typeof password !== 'string') return { message: REFUSED };
    const entry = findUser(await readUsers(file), username);
    if (entry === undefined || !samePassword(entry.Password, hash(password))) {
      return { message: REFUSED };
    }
    const user = {
      Name: entry.Name,
      Username: String(entry.Username),
      Email: entry.Email,
      Groups: entry.Groups,
      Metadata: entry.Metadata,
    } as UserFileUser;
    if (!allowed(user, allowedUsers, allowedGroups)) return { message: REFUSED };
    if (scriptBlock === undefined) return { user: { ...user } };
    return scriptBlock(user, event);
  };
  return { validate, authOptions };
}

/** @internal Pode's hash of a password for a users file: Base64 SHA-256, or HMAC-SHA256 with a secret. */
export function hashUserFilePassword(password: string, hmacSecret?: string): string {
  return (
    hmacSecret === undefined
      ? createHash('sha256').update(password, 'utf8')
      : createHmac('sha256', Buffer.from(hmacSecret, 'utf8')).update(password, 'utf8')
  ).digest('base64');
}

async function readUsers(file: string): Promise<Record<string, unknown>[]> {
  // A missing or broken file is the server's fault: it throws, and the request gets a 500.
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list.filter(
    (item): item is Record<string, unknown> => item !== null && typeof item === 'object',
  );
}

function findUser(
  users: Record<string, unknown>[],
  username: string,
): Record<string, unknown> | undefined {
  const wanted = username.toLowerCase();
  return users.find(
    (user) => typeof user.Username === 'string' && user.Username.toLowerCase() === wanted,
  );
}

function samePassword(stored: unknown, actual: Buffer): boolean {
  if (typeof stored !== 'string') return false;
  const expected = Buffer.from(stored, 'base64');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function allowed(user: UserFileUser, users: string[], groups: string[]): boolean {
  if (users.length === 0 && groups.length === 0) return true;
  if (users.some((u) => u.toLowerCase() === user.Username.toLowerCase())) return true;
  const member = Array.isArray(user.Groups)
    ? user.Groups.filter((g): g is string => typeof g === 'string').map((g) => g.toLowerCase())
    : [];
  return groups.some((g) => member.includes(g.toLowerCase()));
}

function stringList(name: string, key: string, value: unknown): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.addAuthUserFile('${name}'): ${key} must be an array of names.`,
    );
  }
  return [...list];
}
