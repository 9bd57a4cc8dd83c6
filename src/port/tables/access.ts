/**
 * Issue 17's authorisation cmdlets as data (docs/authorization.md): access schemes and methods,
 * merged authentications, authentication middleware and JWT. Spread into `podeCmdlets`; the few
 * that need code (`New-PodeAccessScheme -Custom`, pipelines into `Add-PodeAccess` and
 * `Add-PodeAccessCustom`) are in src/port/features/access.ts.
 */
import type { OptionMapping, PodeMapping } from './pode.js';

/** `Add-PodeRoute` (and route group) parameters that name access methods and their values. */
export const accessRouteOptions: Record<string, OptionMapping> = {
  Access: { key: 'access', as: 'string' },
  Role: { key: 'role', as: 'value' },
  Group: { key: 'group', as: 'value' },
  Scope: { key: 'scope', as: 'value' },
  User: { key: 'user', as: 'value' },
};

/** `New-PodeAuthScheme -Bearer/-ApiKey -AsJWT -Secret`. */
export const jwtSchemeOptions: Record<string, OptionMapping> = {
  AsJWT: { key: 'asJwt', as: 'switch' },
  Secret: { key: 'secret', as: 'value' },
};

/** The cmdlets, by Pode's spelling. */
export const accessCmdlets: Record<string, PodeMapping> = {
  'New-PodeAccessScheme': {
    target: 'free',
    name: 'newAccessScheme',
    options: {
      Type: { key: 'type', as: 'lower' },
      Path: { key: 'path', as: 'string' },
      ScriptBlock: { key: 'scriptBlock', as: 'function' },
    },
    result: 'any',
  },
  'Add-PodeAccess': {
    target: 'builder',
    name: 'addAccess',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'Scheme', as: 'value' },
    ],
    options: {
      Match: { key: 'match', as: 'lower' },
      Description: { key: 'description', as: 'string' },
      // Test-PodeAccess casts the block's result to [bool]
      ScriptBlock: { key: 'scriptBlock', as: 'boolFunction' },
    },
  },
  'Merge-PodeAccess': {
    target: 'builder',
    name: 'mergeAccess',
    args: [{ param: 'Name', as: 'string' }],
    options: {
      Access: { key: 'access', as: 'value' },
      Valid: { key: 'valid', as: 'lower' },
    },
  },
  'Add-PodeAccessMiddleware': {
    target: 'builder',
    name: 'addAccessMiddleware',
    args: [{ param: 'Name', as: 'string' }],
    options: {
      Access: { key: 'access', as: 'string' },
      Route: { key: 'route', as: 'string' },
    },
  },
  'Test-PodeAccess': {
    target: 'free',
    name: 'testAccess',
    args: [{ param: 'Name', as: 'string' }],
    options: {
      Source: { key: 'source', as: 'value' },
      Destination: { key: 'destination', as: 'value' },
      ArgumentList: { key: 'args', as: 'value' },
    },
    await: true,
    result: 'boolean',
  },
  'Test-PodeAccessUser': {
    target: 'free',
    name: 'testAccessUser',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'Value', as: 'value' },
    ],
    await: true,
    result: 'boolean',
  },
  'Test-PodeAccessRoute': {
    target: 'free',
    name: 'testAccessRoute',
    args: [{ param: 'Name', as: 'string' }],
    await: true,
    result: 'boolean',
  },
  'Test-PodeAccessExists': {
    target: 'free',
    name: 'testAccessExists',
    args: [{ param: 'Name', as: 'string' }],
    result: 'boolean',
  },
  'Merge-PodeAuth': {
    target: 'builder',
    name: 'mergeAuth',
    args: [{ param: 'Name', as: 'string' }],
    options: {
      Authentication: { key: 'authentication', as: 'value' },
      Valid: { key: 'valid', as: 'lower' },
      MergeDefault: { key: 'mergeDefault', as: 'string' },
      Default: { key: 'default', as: 'string' },
      FailureUrl: { key: 'failureUrl', as: 'string' },
      FailureMessage: { key: 'failureMessage', as: 'string' },
      SuccessUrl: { key: 'successUrl', as: 'string' },
      Sessionless: { key: 'sessionless', as: 'switch' },
      SuccessUseOrigin: { key: 'successUseOrigin', as: 'switch' },
    },
    handler: { param: 'ScriptBlock', kind: 'merge-auth' },
  },
  'Add-PodeAuthMiddleware': {
    target: 'builder',
    name: 'addAuthMiddleware',
    args: [{ param: 'Name', as: 'string' }],
    options: {
      Authentication: { key: 'authentication', as: 'string' },
      Route: { key: 'route', as: 'string' },
    },
    ignored: ['OADefinitionTag'],
  },
  'ConvertTo-PodeJwt': {
    target: 'free',
    name: 'convertToJwt',
    args: [
      { param: 'Header', as: 'value' },
      { param: 'Payload', as: 'value' },
    ],
    options: { Secret: { key: 'secret', as: 'value' } },
    await: true,
    result: 'string',
  },
  'ConvertFrom-PodeJwt': {
    target: 'free',
    name: 'convertFromJwt',
    args: [{ param: 'Token', as: 'string' }],
    options: {
      Secret: { key: 'secret', as: 'value' },
      IgnoreSignature: { key: 'ignoreSignature', as: 'switch' },
    },
    await: true,
    result: 'any',
  },
  'Test-PodeJwt': {
    target: 'free',
    name: 'testJwt',
    args: [{ param: 'Payload', as: 'value' }],
  },
};
