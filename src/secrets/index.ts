/** Pode's secrets: vaults, mounted secrets, `$secret:name` (docs/secrets.md). */
export type {
  DismountSecretOptions,
  ReadSecretOptions,
  RemoveSecretOptions,
  SetSecretOptions,
  UpdateSecretOptions,
} from './functions.js';
export {
  dismountSecret,
  getSecret,
  getSecretVaultNames,
  mountSecret,
  readSecret,
  registerSecretVault,
  removeSecret,
  setSecret,
  testSecret,
  testSecretVault,
  unlockSecretVault,
  unregisterSecretVault,
  updateSecret,
} from './functions.js';
export type { LocalSecretVaultOptions } from './local-vault.js';
export type { SecretValue } from './values.js';
export { SecretError } from './values.js';
export type {
  CustomSecretVault,
  MountSecretOptions,
  SecretVaultOptions,
  VaultParameters,
} from './vaults.js';
