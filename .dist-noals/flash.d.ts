import type { WebEvent } from './web-event.js';
/** Adds `message` to the flash messages named `name` of the current session (`Add-PodeFlashMessage`). */
export declare function addFlashMessage(name: string, message: string): void;
/**
 * Returns the flash messages named `name` and removes them, so each is read once
 * (`Get-PodeFlashMessage`). Returns `[]` when there are none.
 */
export declare function getFlashMessage(name: string): string[];
/** The names that have flash messages waiting (`Get-PodeFlashMessageNames`). */
export declare function getFlashMessageNames(): string[];
/** Removes the flash messages named `name` without reading them (`Remove-PodeFlashMessage`). */
export declare function removeFlashMessage(name: string): void;
/** Removes every flash message of the current session (`Clear-PodeFlashMessages`). */
export declare function clearFlashMessages(): void;
/** @internal Adds a flash message on `event`'s session (used by authentication for `auth-error`). */
export declare function addFlash(event: WebEvent, name: string, message: string): void;
//# sourceMappingURL=flash.d.ts.map