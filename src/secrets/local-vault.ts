/**
 * The built-in local vault: pode-ts's stand-in for Pode's `Microsoft.PowerShell.SecretStore`
 * vault. Secrets live in one JSON file, encrypted as a whole with AES-256-GCM under a key derived
 * (scrypt) from the vault's `unlockSecret`. Every read opens the file again, so every process of
 * a threaded server (and a restarted server) sees the others' writes; writes take a lock file and
 * replace the file atomically.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { SecretError, type SecretValue } from './values.js';

/** `local` options of `s.registerSecretVault`. */
export interface LocalSecretVaultOptions {
  /** The vault file. Default `~/.pode-ts/secrets/<vault name>.json` (per user, as SecretStore). */
  path?: string;
}

interface VaultFile {
  format: 'pode-ts-vault';
  version: 1;
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

type StoredValue =
  | { type: 'string'; value: string }
  | { type: 'object'; value: Record<string, unknown> }
  | { type: 'bytes'; value: string };

interface StoredSecret {
  secret: StoredValue;
  metadata?: Record<string, unknown>;
}

const LOCK_WAIT_MS = 5000;
const LOCK_STALE_MS = 10_000;

/** One local vault file, opened with its unlock secret. */
export class LocalVault {
  readonly path: string;
  readonly #secret: string;
  #key: { salt: string; key: Buffer } | undefined;

  constructor(name: string, secret: string, options: LocalSecretVaultOptions = {}) {
    this.path = options.path ?? join(homedir(), '.pode-ts', 'secrets', `${fileName(name)}.json`);
    this.#secret = secret;
  }

  /** Checks the secret opens the file (when there is one yet). */
  async unlock(): Promise<void> {
    await this.#load();
  }

  async read(key: string): Promise<SecretValue> {
    const secrets = await this.#load();
    const found = secrets[key];
    if (found === undefined)
      throw new SecretError(`There is no secret '${key}' in the local vault ${this.path}.`);
    return decode(found.secret);
  }

  async set(key: string, value: SecretValue, metadata?: Record<string, unknown>): Promise<void> {
    await this.#locked(async () => {
      const secrets = await this.#load();
      secrets[key] = { secret: encode(value), ...(metadata === undefined ? {} : { metadata }) };
      await this.#save(secrets);
    });
  }

  async remove(key: string): Promise<void> {
    await this.#locked(async () => {
      const secrets = await this.#load();
      if (secrets[key] === undefined)
        throw new SecretError(`There is no secret '${key}' in the local vault ${this.path}.`);
      delete secrets[key];
      await this.#save(secrets);
    });
  }

  async #load(): Promise<Record<string, StoredSecret>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    let file: VaultFile;
    try {
      file = JSON.parse(text) as VaultFile;
      if (file.format !== 'pode-ts-vault') throw new Error('not a vault file');
    } catch (error) {
      throw new SecretError(
        `${this.path} is not a pode-ts local vault file.`,
        'Point the vault at another path, or move that file away.',
        error,
      );
    }
    const key = await this.#keyFor(file.salt);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(file.data, 'base64')),
        decipher.final(),
      ]);
      return JSON.parse(plain.toString('utf8')) as Record<string, StoredSecret>;
    } catch (error) {
      throw new SecretError(
        `The local vault ${this.path} cannot be opened: the unlockSecret is not the one it was created with, or the file was changed.`,
        'Give the vault the unlockSecret it was created with (or remove the file to start an empty vault).',
        error,
      );
    }
  }

  async #save(secrets: Record<string, StoredSecret>): Promise<void> {
    const salt = this.#key?.salt ?? randomBytes(16).toString('base64');
    const key = await this.#keyFor(salt);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    const file: VaultFile = {
      format: 'pode-ts-vault',
      version: 1,
      salt,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, JSON.stringify(file), { mode: 0o600 });
    await rename(temporary, this.path);
  }

  async #keyFor(salt: string): Promise<Buffer> {
    if (this.#key?.salt === salt) return this.#key.key;
    const key = await new Promise<Buffer>((resolve, reject) =>
      scrypt(this.#secret, Buffer.from(salt, 'base64'), 32, (error, derived) =>
        error === null ? resolve(derived) : reject(error),
      ),
    );
    this.#key = { salt, key };
    return key;
  }

  /** Runs `fn` holding the vault's lock file (other processes of the server write the same file). */
  async #locked<T>(fn: () => Promise<T>): Promise<T> {
    const lock = `${this.path}.lock`;
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        await (await open(lock, 'wx')).close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const age = await stat(lock).then(
          (info) => Date.now() - info.mtimeMs,
          () => 0,
        );
        if (age > LOCK_STALE_MS) await rm(lock, { force: true });
        else if (Date.now() > deadline)
          throw new SecretError(`The local vault ${this.path} stayed locked by another process.`);
        else await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    try {
      return await fn();
    } finally {
      await rm(lock, { force: true });
    }
  }
}

function encode(value: SecretValue): StoredValue {
  if (typeof value === 'string') return { type: 'string', value };
  if (Buffer.isBuffer(value)) return { type: 'bytes', value: value.toString('base64') };
  return { type: 'object', value };
}

function decode(stored: StoredValue): SecretValue {
  if (stored.type === 'bytes') return Buffer.from(stored.value, 'base64');
  return stored.value;
}

function fileName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '_');
}
