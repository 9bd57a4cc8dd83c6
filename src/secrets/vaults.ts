/**
 * One server's secret vaults and mounted secrets (Pode's `Register-PodeSecretVault`,
 * `Mount-PodeSecret`, `$secret:name`). A vault is custom (the caller's functions read, set and
 * remove secrets, as Pode's script blocks do) or local (pode-ts's encrypted file, standing in for
 * Pode's SecretStore module). Each vault's operations run one at a time, as Pode locks each vault.
 * The builder creates the registry; the free functions act on the current server's.
 */
import type { Logger } from 'pino';
import { ErrorCodes, type PodeError, SetupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import { type LocalSecretVaultOptions, LocalVault } from './local-vault.js';
import {
  expandProperty,
  protectSecretValue,
  SecretError,
  type SecretValue,
  selectProperties,
} from './values.js';

/** The parameters a vault was registered with (`-VaultParameters`), handed to its functions. */
export type VaultParameters = Record<string, unknown>;

/**
 * A custom vault's functions (Pode's `-ScriptBlock`, `-SetScriptBlock`…), each may be async.
 * Their arguments are Pode's, in Pode's order; `args` are a mount's or call's `argumentList`.
 */
export interface CustomSecretVault {
  /** Reads a secret: its value (a string, an object of values…). */
  read(parameters: VaultParameters, key: string, ...args: unknown[]): unknown;
  /** Creates or updates a secret. */
  set?(
    parameters: VaultParameters,
    key: string,
    value: SecretValue,
    metadata: Record<string, unknown> | undefined,
    ...args: unknown[]
  ): unknown;
  /** Removes a secret. */
  remove?(parameters: VaultParameters, key: string, ...args: unknown[]): unknown;
  /** Unlocks the vault with `unlockSecret`; may return when it locks again (a Date or date string). */
  unlock?(parameters: VaultParameters, secret: string): unknown;
  /** Run when the vault is unregistered (and when the server stops). */
  unregister?(parameters: VaultParameters): unknown;
}

/** `s.registerSecretVault` options: `custom` or `local`. */
export interface SecretVaultOptions {
  name: string;
  /** Handed to every function of a custom vault (Pode's `-VaultParameters`). */
  vaultParameters?: VaultParameters;
  /** The secret that unlocks the vault (a custom vault's `unlock`, the local vault's encryption). */
  unlockSecret?: string;
  /** Minutes until the vault is unlocked again; 0: never (unless `unlock` returns an expiry). */
  unlockInterval?: number;
  /** Do not unlock at registration (call `unlockSecretVault` later). Default false. */
  noUnlock?: boolean;
  /** Minutes a mounted secret's value is cached (a mount may override it); 0: not cached. */
  cacheTtl?: number;
  /** Run once at registration with the vault parameters (Pode's `-InitScriptBlock`). */
  init?: (parameters: VaultParameters) => unknown;
  /** A vault of your functions. */
  custom?: CustomSecretVault;
  /** pode-ts's encrypted file vault (needs `unlockSecret`): `true` or `{ path }`. */
  local?: LocalSecretVaultOptions | true;
}

/** `s.mountSecret` / `mountSecret` options. */
export interface MountSecretOptions {
  /** The name the secret is read by: `getSecret(name)` (Pode's `$secret:name`). */
  name: string;
  /** The vault it lives in. */
  vault: string;
  /** Its key in the vault. */
  key: string;
  /** Only these members of an object secret. */
  property?: string | readonly string[];
  /** Only this member's value (an update then writes `{ [member]: value }`). */
  expandProperty?: string;
  /** Extra arguments for a custom vault's functions. */
  argumentList?: readonly unknown[];
  /** Minutes the value is cached; default the vault's `cacheTtl`; 0: not cached. */
  cacheTtl?: number;
}

interface Vault {
  name: string;
  parameters: VaultParameters;
  custom: CustomSecretVault | undefined;
  local: LocalVault | undefined;
  unlock: { secret: string | undefined; interval: number; expiry: Date | undefined };
  cacheTtl: number;
  /** Init and the first unlock; every operation waits for it. */
  ready: Promise<void>;
  /** The tail of the vault's queue of operations. */
  queue: Promise<unknown>;
}

interface Mount {
  key: string;
  vault: string;
  property: readonly string[] | undefined;
  expand: string | undefined;
  args: readonly unknown[];
  cacheTtl: number;
  cached: { value: unknown; expiry: number } | undefined;
}

const VAULT_KEYS = optionKeys<SecretVaultOptions>({
  name: true,
  vaultParameters: true,
  unlockSecret: true,
  unlockInterval: true,
  noUnlock: true,
  cacheTtl: true,
  init: true,
  custom: true,
  local: true,
});
const CUSTOM_KEYS = optionKeys<CustomSecretVault>({
  read: true,
  set: true,
  remove: true,
  unlock: true,
  unregister: true,
});
const MOUNT_KEYS = optionKeys<MountSecretOptions>({
  name: true,
  vault: true,
  key: true,
  property: true,
  expandProperty: true,
  argumentList: true,
  cacheTtl: true,
});

/** The vaults and mounted secrets of one server. */
export class SecretVaults {
  readonly #vaults = new Map<string, Vault>();
  readonly #mounts = new Map<string, Mount>();
  /** False while the set-up runs: misuse then throws a SetupError. */
  running = false;

  /** `serverOwned`: made by a server's builder (it becomes the current registry). */
  constructor(serverOwned = true) {
    if (serverOwned) current = this;
    else this.running = true;
  }

  /** Registers a vault (`Register-PodeSecretVault`); its init and unlock start at once. */
  register(options: SecretVaultOptions): void {
    const where = 'registerSecretVault()';
    if (options === null || typeof options !== 'object')
      throw this.error(`${where} needs an options object.`, VAULT_HINT);
    rejectUnknownKeys(where, options, VAULT_KEYS);
    const name = nonEmpty(this, where, 'name', options.name);
    if (this.#vaults.has(name))
      throw this.error(
        `A secret vault named '${name}' is already registered.`,
        'Give each vault its own name, or unregister the old one first.',
      );
    if ((options.custom === undefined) === (options.local === undefined))
      throw this.error(`${where} '${name}' needs one of custom or local.`, VAULT_HINT);
    const secret = options.unlockSecret === '' ? undefined : options.unlockSecret;
    if (secret !== undefined && typeof secret !== 'string')
      throw this.error(`${where} '${name}': unlockSecret must be a string.`);
    let custom: CustomSecretVault | undefined;
    if (options.custom !== undefined) {
      rejectUnknownKeys(`${where} custom`, options.custom, CUSTOM_KEYS);
      custom = options.custom;
      if (typeof custom.read !== 'function')
        throw this.error(`The custom vault '${name}' needs a read() function.`, VAULT_HINT);
      for (const fn of ['set', 'remove', 'unlock', 'unregister'] as const) {
        if (custom[fn] !== undefined && typeof custom[fn] !== 'function')
          throw this.error(`The custom vault '${name}': ${fn} must be a function.`);
      }
      if (secret !== undefined && custom.unlock === undefined)
        throw this.error(
          `The custom vault '${name}' has an unlockSecret but no unlock() function.`,
          'Give custom an unlock(parameters, secret) function, or leave unlockSecret out.',
        );
    }
    if (options.local !== undefined && secret === undefined)
      throw this.error(
        `The local vault '${name}' needs an unlockSecret: it encrypts the vault file.`,
        "s.registerSecretVault({ name, local: true, unlockSecret: process.env.VAULT_SECRET ?? '' })",
      );
    const vault: Vault = {
      name,
      parameters: options.vaultParameters ?? {},
      custom,
      local:
        options.local === undefined
          ? undefined
          : new LocalVault(name, secret ?? '', options.local === true ? {} : options.local),
      unlock: {
        secret,
        interval: minutes(this, where, 'unlockInterval', options.unlockInterval, 0),
        expiry: undefined,
      },
      cacheTtl: minutes(this, where, 'cacheTtl', options.cacheTtl, 0),
      ready: Promise.resolve(),
      queue: Promise.resolve(),
    };
    if (options.init !== undefined && typeof options.init !== 'function')
      throw this.error(`${where} '${name}': init must be a function.`);
    const init = options.init;
    vault.ready = (async () => {
      await init?.(vault.parameters);
      if (options.noUnlock !== true) await unlockVault(vault);
    })();
    // Failures surface where the vault is used, and at start-up (ready()).
    vault.ready.catch(() => undefined);
    this.#vaults.set(name, vault);
  }

  /** Mounts a secret under a name (`Mount-PodeSecret`). */
  mount(options: MountSecretOptions): void {
    const where = 'mountSecret()';
    if (options === null || typeof options !== 'object')
      throw this.error(`${where} needs an options object.`, MOUNT_HINT);
    rejectUnknownKeys(where, options, MOUNT_KEYS);
    const name = nonEmpty(this, where, 'name', options.name);
    const vaultName = nonEmpty(this, where, 'vault', options.vault);
    const key = nonEmpty(this, where, 'key', options.key);
    if (this.#mounts.has(name))
      throw this.error(
        `A secret named '${name}' is already mounted.`,
        'Give each mounted secret its own name, or dismount the old one first.',
      );
    const vault = this.vault(vaultName, where);
    const property =
      options.property === undefined
        ? undefined
        : typeof options.property === 'string'
          ? [options.property]
          : [...options.property];
    if (property !== undefined && property.length > 0 && options.expandProperty !== undefined)
      throw this.error(`${where} '${name}': property and expandProperty cannot be used together.`);
    this.#mounts.set(name, {
      key,
      vault: vault.name,
      property: property?.length === 0 ? undefined : property,
      expand: options.expandProperty === '' ? undefined : options.expandProperty,
      args: options.argumentList ?? [],
      cacheTtl:
        options.cacheTtl === undefined || options.cacheTtl < 0
          ? vault.cacheTtl
          : minutes(this, where, 'cacheTtl', options.cacheTtl, 0),
      cached: undefined,
    });
  }

  /** Removes a mount (`Dismount-PodeSecret`); with `remove`, its secret in the vault too. */
  async dismount(name: string, remove: boolean): Promise<void> {
    const mount = this.#mounts.get(name);
    if (mount === undefined) {
      if (remove) throw this.#noMount(name, 'dismountSecret');
      return;
    }
    if (remove) await this.remove(mount.vault, mount.key, mount.args);
    this.#mounts.delete(name);
  }

  hasMount(name: string): boolean {
    return this.#mounts.has(name);
  }

  hasVault(name: string): boolean {
    return this.#vaults.has(name);
  }

  vaultNames(): string[] {
    return [...this.#vaults.keys()];
  }

  /** A mounted secret's value (`Get-PodeSecret`, `$secret:name`), from its cache while fresh. */
  async get(name: string): Promise<unknown> {
    const mount = this.#mounts.get(name);
    if (mount === undefined) throw this.#noMount(name, 'getSecret');
    if (mount.cached !== undefined && mount.cached.expiry > Date.now()) return mount.cached.value;
    let value = await this.read(mount.vault, mount.key, mount.args);
    if (mount.expand !== undefined) value = expandProperty(value, mount.expand);
    else if (mount.property !== undefined) value = selectProperties(value, mount.property);
    if (mount.cacheTtl > 0) mount.cached = { value, expiry: Date.now() + mount.cacheTtl * 60_000 };
    return value;
  }

  /** Writes a mounted secret's value (`Update-PodeSecret`, `$secret:name = value`). */
  async update(name: string, input: unknown, metadata?: Record<string, unknown>): Promise<void> {
    const mount = this.#mounts.get(name);
    if (mount === undefined) throw this.#noMount(name, 'updateSecret');
    const value = protectSecretValue(input);
    if (mount.cacheTtl > 0) mount.cached = { value, expiry: Date.now() + mount.cacheTtl * 60_000 };
    const written: SecretValue = mount.expand === undefined ? value : { [mount.expand]: value };
    await this.set(mount.vault, mount.key, written, metadata, mount.args);
  }

  /** Reads a key straight from a vault (`Read-PodeSecret`). */
  async read(vaultName: string, key: string, args: readonly unknown[] = []): Promise<unknown> {
    const vault = this.vault(vaultName, 'readSecret()');
    return this.#run(vault, 'read', async () => {
      if (vault.local !== undefined) return vault.local.read(key);
      // PowerShell has no undefined: a script block that returns nothing returns $null.
      return (await vault.custom?.read(vault.parameters, key, ...args)) ?? null;
    });
  }

  /** Writes a key straight to a vault (`Set-PodeSecret`). */
  async set(
    vaultName: string,
    key: string,
    input: unknown,
    metadata?: Record<string, unknown>,
    args: readonly unknown[] = [],
  ): Promise<void> {
    const vault = this.vault(vaultName, 'setSecret()');
    const value = protectSecretValue(input);
    await this.#run(vault, 'set', async () => {
      if (vault.local !== undefined) return vault.local.set(key, value, metadata);
      const set = vault.custom?.set;
      if (set === undefined)
        throw new SecretError(
          `The vault '${vault.name}' has no set() function to create or update secrets.`,
          'Give its custom options a set(parameters, key, value, metadata) function.',
        );
      return set(vault.parameters, key, value, metadata, ...args);
    });
  }

  /** Removes a key from a vault (`Remove-PodeSecret`). */
  async remove(vaultName: string, key: string, args: readonly unknown[] = []): Promise<void> {
    const vault = this.vault(vaultName, 'removeSecret()');
    await this.#run(vault, 'remove', async () => {
      if (vault.local !== undefined) return vault.local.remove(key);
      const remove = vault.custom?.remove;
      if (remove === undefined)
        throw new SecretError(
          `The vault '${vault.name}' has no remove() function to remove secrets.`,
          'Give its custom options a remove(parameters, key) function.',
        );
      return remove(vault.parameters, key, ...args);
    });
  }

  /** Unlocks a vault now (`Unlock-PodeSecretVault`). */
  async unlock(name: string): Promise<void> {
    const vault = this.vault(name, 'unlockSecretVault()');
    await this.#run(vault, 'unlock', () => unlockVault(vault), false);
  }

  /** Unregisters a vault (`Unregister-PodeSecretVault`): its unregister() runs, its mounts stay. */
  async unregister(name: string): Promise<void> {
    const vault = this.#vaults.get(name);
    if (vault === undefined) return;
    this.#vaults.delete(name);
    await vault.ready.catch(() => undefined);
    await vault.custom?.unregister?.(vault.parameters);
  }

  /** Waits for every vault's init and first unlock; rejects with the first failure. */
  async ready(): Promise<void> {
    for (const vault of this.#vaults.values()) {
      try {
        await vault.ready;
      } catch (error) {
        throw new SetupError(
          ErrorCodes.SECRET,
          `The secret vault '${vault.name}' failed to initialise or unlock: ${message(error)}`,
          'Check the vault parameters and its unlockSecret.',
        );
      }
    }
  }

  /** Unregisters every vault (at server stop, as Pode does); failures are logged. */
  async close(logger: Logger): Promise<void> {
    for (const name of [...this.#vaults.keys()]) {
      try {
        await this.unregister(name);
      } catch (error) {
        logger.error({ err: error, vault: name }, 'secret vault unregister failed');
      }
    }
    if (current === this) current = undefined;
  }

  /** Checks the set-up once it is complete. */
  build(): void {
    this.running = true;
  }

  /** A SetupError during the set-up, a SecretError once running. */
  error(text: string, hint?: string): PodeError {
    return this.running
      ? new SecretError(text, hint)
      : new SetupError(ErrorCodes.SECRET, text, hint);
  }

  vault(name: string, where: string): Vault {
    const vault = this.#vaults.get(name);
    if (vault === undefined)
      throw this.error(
        `${where}: no secret vault named '${name}' is registered.`,
        this.#vaults.size === 0
          ? `Register it first: s.registerSecretVault({ name: '${name}', custom: { read } }).`
          : `The vaults are: ${[...this.#vaults.keys()].join(', ')}.`,
      );
    return vault;
  }

  #noMount(name: string, where: string): PodeError {
    return this.error(
      `${where}(): no secret named '${name}' is mounted.`,
      this.#mounts.size === 0
        ? `Mount it first: s.mountSecret({ name: '${name}', vault, key }).`
        : `The mounted secrets are: ${[...this.#mounts.keys()].join(', ')}.`,
    );
  }

  /** Runs one operation on a vault after the ones before it, unlocking it again when due. */
  #run<T>(vault: Vault, operation: string, fn: () => Promise<T>, relock = true): Promise<T> {
    const run = async (): Promise<T> => {
      await vault.ready;
      if (relock && vault.unlock.expiry !== undefined && vault.unlock.expiry <= new Date())
        await unlockVault(vault);
      try {
        return await fn();
      } catch (error) {
        if (error instanceof SecretError) throw error;
        throw new SecretError(
          `The vault '${vault.name}' failed to ${operation} a secret: ${message(error)}`,
          undefined,
          error,
        );
      }
    };
    const result = vault.queue.then(run, run);
    vault.queue = result.catch(() => undefined);
    return result;
  }
}

/** Unlocks a vault: a custom vault's unlock(), or the local vault's key; sets the next expiry. */
async function unlockVault(vault: Vault): Promise<void> {
  const secret = vault.unlock.secret;
  if (secret === undefined) return;
  if (vault.local !== undefined) {
    await vault.local.unlock();
    return;
  }
  const returned = await vault.custom?.unlock?.(vault.parameters, secret);
  let expiry: Date | undefined;
  if (returned !== undefined && returned !== null && returned !== '') {
    expiry = new Date(returned as string | number | Date);
    if (Number.isNaN(expiry.getTime()) || expiry <= new Date())
      throw new SecretError(
        `The vault '${vault.name}' unlock() returned an expiry that is not in the future: ${String(returned)}`,
      );
  } else if (vault.unlock.interval > 0) {
    expiry = new Date(Date.now() + vault.unlock.interval * 60_000);
  }
  vault.unlock.expiry = expiry;
}

let current: SecretVaults | undefined;
let fallback: SecretVaults | undefined;

/** The vaults of the server being set up or running in this process; outside any, a process-wide set. */
export function currentSecrets(): SecretVaults {
  if (current !== undefined) return current;
  fallback ??= new SecretVaults(false);
  return fallback;
}

const VAULT_HINT =
  "s.registerSecretVault({ name: 'vault', custom: { read: (parameters, key) => …, set, remove } }), or { name, local: true, unlockSecret }";
const MOUNT_HINT = "s.mountSecret({ name: 'apiKey', vault: 'vault', key: 'api-key' })";

function nonEmpty(registry: SecretVaults, where: string, key: string, value: unknown): string {
  if (typeof value !== 'string' || value === '')
    throw registry.error(
      `${where} needs a non-empty string ${key}.`,
      key === 'name' ? VAULT_HINT : MOUNT_HINT,
    );
  return value;
}

function minutes(
  registry: SecretVaults,
  where: string,
  key: string,
  value: number | undefined,
  fallbackValue: number,
): number {
  if (value === undefined) return fallbackValue;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw registry.error(
      `${where}: ${key} must be a number of minutes, 0 or more, but got: ${String(value)}`,
    );
  return value;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
