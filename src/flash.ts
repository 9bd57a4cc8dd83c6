/**
 * Flash messages (Pode's `Add-PodeFlashMessage`, `Get-PodeFlashMessage`, …): short messages kept
 * in the session under the key `flash` until they are read once, typically across a redirect
 * ("Wrong password" shown on the login page after a failed POST).
 */
import { currentEvent } from './context.js';
import { ErrorCodes, PodeError } from './errors.js';
import type { StoredSessionData } from './types.js';
import type { WebEvent } from './web-event.js';

/**
 * The most messages kept under one name: past it the oldest goes. A flash message is shown once,
 * on the next page; a list that grows with every failed login would only cost memory and time.
 */
export const MAX_FLASH_MESSAGES = 10;

/**
 * Adds `message` to the flash messages named `name` of the current session (`Add-PodeFlashMessage`).
 * The same message twice in a row is kept once, and a name keeps its latest
 * {@link MAX_FLASH_MESSAGES} messages.
 */
export function addFlashMessage(name: string, message: string): void {
  addFlash(currentEvent('addFlashMessage'), name, message);
}

/**
 * Returns the flash messages named `name` and removes them, so each is read once
 * (`Get-PodeFlashMessage`). Returns `[]` when there are none.
 */
export function getFlashMessage(name: string): string[] {
  const data = flashData(currentEvent('getFlashMessage'));
  checkName(name, 'getFlashMessage');
  const flash = readFlash(data);
  const messages = flash?.[name];
  if (flash === undefined || messages === undefined) return [];
  delete flash[name];
  if (Object.keys(flash).length === 0) delete data.flash;
  return Array.isArray(messages) ? messages.filter((m) => typeof m === 'string') : [];
}

/** The names that have flash messages waiting (`Get-PodeFlashMessageNames`). */
export function getFlashMessageNames(): string[] {
  const flash = readFlash(flashData(currentEvent('getFlashMessageNames')));
  return flash === undefined ? [] : Object.keys(flash);
}

/** Removes the flash messages named `name` without reading them (`Remove-PodeFlashMessage`). */
export function removeFlashMessage(name: string): void {
  const data = flashData(currentEvent('removeFlashMessage'));
  checkName(name, 'removeFlashMessage');
  const flash = readFlash(data);
  if (flash === undefined || !Object.hasOwn(flash, name)) return;
  delete flash[name];
  if (Object.keys(flash).length === 0) delete data.flash;
}

/** Removes every flash message of the current session (`Clear-PodeFlashMessages`). */
export function clearFlashMessages(): void {
  const data = flashData(currentEvent('clearFlashMessages'));
  if (data.flash !== undefined) delete data.flash;
}

/** @internal Adds a flash message on `event`'s session (used by authentication for `auth-error`). */
export function addFlash(event: WebEvent, name: string, message: string): void {
  const data = flashData(event);
  checkName(name, 'addFlashMessage');
  if (typeof message !== 'string') {
    throw new PodeError(
      ErrorCodes.BAD_OPTION,
      `addFlashMessage(): the message must be a string, but got: ${typeof message}`,
    );
  }
  const flash = readFlash(data) ?? {};
  const earlier = Object.hasOwn(flash, name) ? flash[name] : undefined;
  if (!Array.isArray(earlier)) {
    flash[name] = [message];
  } else if (earlier[earlier.length - 1] !== message) {
    const kept =
      earlier.length >= MAX_FLASH_MESSAGES ? earlier.slice(1 - MAX_FLASH_MESSAGES) : earlier;
    flash[name] = [...kept, message];
  }
  data.flash = flash;
}

function flashData(event: WebEvent): StoredSessionData {
  if (!event.hasSession) {
    throw new PodeError(
      ErrorCodes.FLASH_NO_SESSION,
      'Sessions are required to use Flash messages.',
      'Call s.enableSessionMiddleware() in the set-up, before the routes that use flash messages run.',
    );
  }
  return event.session.storedData;
}

// The flash record, or undefined when there is none (or what is stored is not one).
function readFlash(data: StoredSessionData): Record<string, string[]> | undefined {
  const flash: unknown = data.flash;
  if (flash === null || typeof flash !== 'object' || Array.isArray(flash)) return undefined;
  return flash as Record<string, string[]>;
}

function checkName(name: unknown, functionName: string): void {
  if (typeof name !== 'string' || name.length === 0) {
    throw new PodeError(
      ErrorCodes.BAD_OPTION,
      `${functionName}(): the name must be a non-empty string, but got: ${JSON.stringify(name)}`,
    );
  }
}
