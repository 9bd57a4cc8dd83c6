/**
 * The secrets' free functions (Pode's `Get-PodeSecret`, `Read-PodeSecret`, `$secret:name`…):
 * usable in the set-up, in routes, timers and anywhere else, on the vaults of the current server.
 * Reads and writes resolve promises, since vaults are asynchronous.
 */
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import { expandProperty, selectProperties } from './values.js';
import { currentSecrets, type MountSecretOptions, type SecretVaultOptions } from './vaults.js';

/** `readSecret` options (`Read-PodeSecret`). */
export interface ReadSecretOptions {
  key: string;
  vault: string;
  /** Only these members of an object secret. */
  property?: string | readonly string[];
  /** Only this member's value. */
  expandProperty?: string;
  /** Extra arguments for a custom vault's read(). */
  argumentList?: readonly unknown[];
}

/** `setSecret` options (`Set-PodeSecret`). */
export interface SetSecretOptions {
  key: string;
  vault: string;
  /** The value: a string, an object of values, or bytes (numbers and booleans become strings). */
  value: unknown;
  /** Stored beside the value by vaults that keep metadata. */
  metadata?: Record<string, unknown>;
  argumentList?: readonly unknown[];
}

/** `removeSecret` options (`Remove-PodeSecret`). */
export interface RemoveSecretOptions {
  key: string;
  vault: string;
  argumentList?: readonly unknown[];
}

/** `updateSecret` options. */
export interface UpdateSecretOptions {
  metadata?: Record<string, unknown>;
}

/** `dismountSecret` options. */
export interface DismountSecretOptions {
  /** Remove the secret from its vault too. Default false. */
  remove?: boolean;
}

const READ_KEYS = optionKeys<ReadSecretOptions>({
  key: true,
  vault: true,
  property: true,
  expandProperty: true,
  argumentList: true,
});
const SET_KEYS = optionKeys<SetSecretOptions>({
  key: true,
  vault: true,
  value: true,
  metadata: true,
  argumentList: true,
});
const REMOVE_KEYS = optionKeys<RemoveSecretOptions>({ key: true, vault: true, argumentList: true });
const UPDATE_KEYS = optionKeys<UpdateSecretOptions>({ metadata: true });
const DISMOUNT_KEYS = optionKeys<DismountSecretOptions>({ remove: true });

/** A mounted secret's value (`Get-PodeSecret`, `$secret:name`); cached for the mount's cacheTtl. */
export async function getSecret<T = unknown>(name: string): Promise<T> {
  return (await currentSecrets().get(name)) as T;
}

/** Writes a mounted secret's value to its vault (`Update-PodeSecret`, `$secret:name = value`). */
export async function updateSecret(
  name: string,
  value: unknown,
  options: UpdateSecretOptions = {},
): Promise<void> {
  rejectUnknownKeys('updateSecret()', options, UPDATE_KEYS);
  await currentSecrets().update(name, value, options.metadata);
}

/** True when a secret of this name is mounted (`Test-PodeSecret`). */
export function testSecret(name: string): boolean {
  return currentSecrets().hasMount(name);
}

/** Mounts a secret (`Mount-PodeSecret`) while the server runs; in the set-up, `s.mountSecret`. */
export function mountSecret(options: MountSecretOptions): void {
  currentSecrets().mount(options);
}

/** Dismounts a secret (`Dismount-PodeSecret`); `remove` deletes it from its vault too. */
export async function dismountSecret(
  name: string,
  options: DismountSecretOptions = {},
): Promise<void> {
  rejectUnknownKeys('dismountSecret()', options, DISMOUNT_KEYS);
  await currentSecrets().dismount(name, options.remove === true);
}

/** Reads a key straight from a vault (`Read-PodeSecret`). */
export async function readSecret<T = unknown>(options: ReadSecretOptions): Promise<T> {
  rejectUnknownKeys('readSecret()', options, READ_KEYS);
  const value = await currentSecrets().read(options.vault, options.key, options.argumentList);
  if (options.expandProperty !== undefined && options.expandProperty.trim() !== '')
    return expandProperty(value, options.expandProperty) as T;
  if (options.property !== undefined && options.property.length > 0)
    return selectProperties(
      value,
      typeof options.property === 'string' ? [options.property] : options.property,
    ) as T;
  return value as T;
}

/** Creates or updates a key in a vault (`Set-PodeSecret`). */
export async function setSecret(options: SetSecretOptions): Promise<void> {
  rejectUnknownKeys('setSecret()', options, SET_KEYS);
  await currentSecrets().set(
    options.vault,
    options.key,
    options.value,
    options.metadata,
    options.argumentList,
  );
}

/** Removes a key from a vault (`Remove-PodeSecret`). */
export async function removeSecret(options: RemoveSecretOptions): Promise<void> {
  rejectUnknownKeys('removeSecret()', options, REMOVE_KEYS);
  await currentSecrets().remove(options.vault, options.key, options.argumentList);
}

/** Registers a vault while the server runs (`Register-PodeSecretVault`); in the set-up, `s.registerSecretVault`. */
export function registerSecretVault(options: SecretVaultOptions): void {
  currentSecrets().register(options);
}

/** Unregisters a vault (`Unregister-PodeSecretVault`): its custom unregister() runs. */
export async function unregisterSecretVault(name: string): Promise<void> {
  await currentSecrets().unregister(name);
}

/** Unlocks a vault now (`Unlock-PodeSecretVault`), e.g. one registered with `noUnlock`. */
export async function unlockSecretVault(name: string): Promise<void> {
  await currentSecrets().unlock(name);
}

/** True when a vault of this name is registered (`Test-PodeSecretVault`). */
export function testSecretVault(name: string): boolean {
  return currentSecrets().hasVault(name);
}

/** The names of the registered vaults (`Get-PodeSecretVault`). */
export function getSecretVaultNames(): string[] {
  return currentSecrets().vaultNames();
}
