/**
 * Pode's cache and secret cmdlets as data (docs/caching.md, docs/secrets.md). Spread into
 * `podeCmdlets`; `Register-PodeSecretVault` (its script blocks become one `custom` object, or the
 * SecretStore module the local vault), `Mount-PodeSecret` inside a route, and the `$cache:`/
 * `$secret:` variables need code: src/port/features/secrets-cache.ts.
 */
import type { PodeMapping } from './pode.js';

const storage = { Storage: { key: 'storage', as: 'string' } } as const;

/** The cache cmdlets, by Pode's spelling. */
export const cacheCmdlets: Record<string, PodeMapping> = {
  'Get-PodeCache': {
    target: 'free',
    name: 'getCache',
    args: [{ param: 'Key', as: 'string' }],
    options: { ...storage, Metadata: { key: 'metadata', as: 'switch' } },
    // JavaScript never unwraps a single-item array: -NoEnumerate is what it always does.
    ignored: ['NoEnumerate'],
    await: true,
    result: 'any',
    positional: ['Key', 'Storage'],
  },
  'Set-PodeCache': {
    target: 'free',
    name: 'setCache',
    args: [
      { param: 'Key', as: 'string' },
      { param: 'InputObject', as: 'value', missing: 'null' },
    ],
    options: { Ttl: { key: 'ttl', as: 'number' }, ...storage },
    await: true,
    result: 'void',
    positional: ['InputObject'],
    pipeInput: 'InputObject',
  },
  'Test-PodeCache': {
    target: 'free',
    name: 'testCache',
    args: [{ param: 'Key', as: 'string' }],
    options: storage,
    await: true,
    result: 'boolean',
    positional: ['Key', 'Storage'],
  },
  'Remove-PodeCache': {
    target: 'free',
    name: 'removeCache',
    args: [{ param: 'Key', as: 'string' }],
    options: storage,
    await: true,
    result: 'void',
    positional: ['Key', 'Storage'],
  },
  'Clear-PodeCache': {
    target: 'free',
    name: 'clearCache',
    options: storage,
    await: true,
    result: 'void',
    positional: ['Storage'],
  },
  'Add-PodeCacheStorage': {
    target: 'builder',
    name: 'addCacheStorage',
    options: {
      Name: { key: 'name', as: 'string' },
      Get: { key: 'get', as: 'function' },
      Set: { key: 'set', as: 'function' },
      Remove: { key: 'remove', as: 'function' },
      Test: { key: 'test', as: 'function' },
      Clear: { key: 'clear', as: 'function' },
      Default: { key: 'default', as: 'switch' },
    },
  },
  'Get-PodeCacheStorage': {
    target: 'free',
    name: 'getCacheStorage',
    args: [{ param: 'Name', as: 'string' }],
    result: 'any',
    positional: ['Name'],
  },
  'Test-PodeCacheStorage': {
    target: 'free',
    name: 'testCacheStorage',
    args: [{ param: 'Name', as: 'string' }],
    result: 'boolean',
    positional: ['Name'],
  },
  'Remove-PodeCacheStorage': {
    target: 'free',
    name: 'removeCacheStorage',
    args: [{ param: 'Name', as: 'string' }],
    result: 'void',
    positional: ['Name'],
  },
  'Set-PodeCacheDefaultStorage': {
    target: 'builder',
    name: 'setCacheDefaultStorage',
    args: [{ param: 'Name', as: 'string' }],
    positional: ['Name'],
  },
  'Get-PodeCacheDefaultStorage': {
    target: 'free',
    name: 'getCacheDefaultStorage',
    result: 'nullableString',
  },
  'Set-PodeCacheDefaultTtl': {
    target: 'builder',
    name: 'setCacheDefaultTtl',
    args: [{ param: 'Value', as: 'number' }],
    positional: ['Value'],
  },
  'Get-PodeCacheDefaultTtl': {
    target: 'free',
    name: 'getCacheDefaultTtl',
    result: 'number',
  },
};

const argumentList = { ArgumentList: { key: 'argumentList', as: 'value' } } as const;

/** The secret cmdlets, by Pode's spelling. */
export const secretCmdlets: Record<string, PodeMapping> = {
  'Register-PodeSecretVault': {
    target: 'builder',
    name: 'registerSecretVault',
    options: {
      Name: { key: 'name', as: 'string' },
      VaultParameters: { key: 'vaultParameters', as: 'value' },
      UnlockSecret: { key: 'unlockSecret', as: 'string' },
      UnlockInterval: { key: 'unlockInterval', as: 'number' },
      NoUnlock: { key: 'noUnlock', as: 'switch' },
      CacheTtl: { key: 'cacheTtl', as: 'number' },
      InitScriptBlock: { key: 'init', as: 'function' },
      ScriptBlock: { key: 'custom.read', as: 'function' },
      SetScriptBlock: { key: 'custom.set', as: 'function' },
      RemoveScriptBlock: { key: 'custom.remove', as: 'function' },
      UnlockScriptBlock: { key: 'custom.unlock', as: 'function' },
      UnregisterScriptBlock: { key: 'custom.unregister', as: 'function' },
    },
    unported: {
      UnlockSecureSecret:
        'a SecureString: give the plain secret as unlockSecret (from an environment variable)',
    },
  },
  'Mount-PodeSecret': {
    target: 'builder',
    name: 'mountSecret',
    options: {
      Name: { key: 'name', as: 'string' },
      Vault: { key: 'vault', as: 'string' },
      Key: { key: 'key', as: 'string' },
      Property: { key: 'property', as: 'value' },
      ExpandProperty: { key: 'expandProperty', as: 'string' },
      ...argumentList,
      CacheTtl: { key: 'cacheTtl', as: 'number' },
    },
  },
  'Dismount-PodeSecret': {
    target: 'free',
    name: 'dismountSecret',
    args: [{ param: 'Name', as: 'string' }],
    options: { Remove: { key: 'remove', as: 'switch' } },
    await: true,
    result: 'void',
    positional: ['Name'],
  },
  'Get-PodeSecret': {
    target: 'free',
    name: 'getSecret',
    args: [{ param: 'Name', as: 'string' }],
    await: true,
    result: 'any',
    positional: ['Name'],
  },
  'Update-PodeSecret': {
    target: 'free',
    name: 'updateSecret',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'InputObject', as: 'value', missing: 'null' },
    ],
    options: { Metadata: { key: 'metadata', as: 'value' } },
    await: true,
    result: 'void',
    positional: ['InputObject'],
    pipeInput: 'InputObject',
  },
  'Test-PodeSecret': {
    target: 'free',
    name: 'testSecret',
    args: [{ param: 'Name', as: 'string' }],
    result: 'boolean',
    positional: ['Name'],
  },
  'Read-PodeSecret': {
    target: 'free',
    name: 'readSecret',
    options: {
      Key: { key: 'key', as: 'string' },
      Vault: { key: 'vault', as: 'string' },
      Property: { key: 'property', as: 'value' },
      ExpandProperty: { key: 'expandProperty', as: 'string' },
      ...argumentList,
    },
    await: true,
    result: 'any',
  },
  'Set-PodeSecret': {
    target: 'free',
    name: 'setSecret',
    options: {
      Key: { key: 'key', as: 'string' },
      Vault: { key: 'vault', as: 'string' },
      InputObject: { key: 'value', as: 'value' },
      Metadata: { key: 'metadata', as: 'value' },
      ...argumentList,
    },
    await: true,
    result: 'void',
    pipeInput: 'InputObject',
  },
  'Remove-PodeSecret': {
    target: 'free',
    name: 'removeSecret',
    options: {
      Key: { key: 'key', as: 'string' },
      Vault: { key: 'vault', as: 'string' },
      ...argumentList,
    },
    await: true,
    result: 'void',
  },
  'Unregister-PodeSecretVault': {
    target: 'free',
    name: 'unregisterSecretVault',
    args: [{ param: 'Name', as: 'string' }],
    await: true,
    result: 'void',
    positional: ['Name'],
  },
  'Unlock-PodeSecretVault': {
    target: 'free',
    name: 'unlockSecretVault',
    args: [{ param: 'Name', as: 'string' }],
    await: true,
    result: 'void',
    positional: ['Name'],
  },
  'Test-PodeSecretVault': {
    target: 'free',
    name: 'testSecretVault',
    args: [{ param: 'Name', as: 'string' }],
    result: 'boolean',
    positional: ['Name'],
  },
};
