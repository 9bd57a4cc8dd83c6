/**
 * Pode's MCP cmdlets (src/mcp, docs/mcp.md) as data. `Add-PodeMcpTool` and its piped
 * `Add-PodeMcpToolProperty` calls need code (src/port/features/mcp.ts); the rest is here.
 */
import type { OptionMapping, PodeMapping } from './pode.js';

const description: Record<string, OptionMapping> = {
  Description: { key: 'description', as: 'string' },
};

const numberOptions: Record<string, OptionMapping> = {
  ...description,
  MultipleOf: { key: 'multipleOf', as: 'number' },
  Minimum: { key: 'minimum', as: 'number' },
  Maximum: { key: 'maximum', as: 'number' },
  ExclusiveMinimum: { key: 'exclusiveMinimum', as: 'switch' },
  ExclusiveMaximum: { key: 'exclusiveMaximum', as: 'switch' },
  Constant: { key: 'constant', as: 'value' },
  Enum: { key: 'enum', as: 'value' },
};

export const mcpCmdlets: Record<string, PodeMapping> = {
  'Add-PodeMcpGroup': {
    target: 'builder',
    name: 'addMcpGroup',
    args: [{ param: 'Name', as: 'string' }],
    options: description,
  },
  'Resolve-PodeMcpRequest': {
    target: 'event',
    name: 'resolveMcpRequest',
    free: 'resolveMcpRequest',
    options: {
      Group: { key: 'group', as: 'string' },
      ServerName: { key: 'serverName', as: 'string' },
      ServerVersion: { key: 'serverVersion', as: 'string' },
    },
    await: true,
  },
  'New-PodeMcpTextContent': {
    target: 'free',
    name: 'newMcpTextContent',
    args: [{ param: 'Value', as: 'value', missing: 'null' }],
    result: 'any',
    positional: ['Value'],
    pipeInput: 'Value',
  },
  'New-PodeMcpImageContent': {
    target: 'free',
    name: 'newMcpImageContent',
    args: [
      { param: 'Bytes', as: 'value', missing: 'undefined' },
      { param: 'MimeType', as: 'string' },
    ],
    result: 'any',
  },
  'New-PodeMcpAudioContent': {
    target: 'free',
    name: 'newMcpAudioContent',
    args: [
      { param: 'Bytes', as: 'value', missing: 'undefined' },
      { param: 'MimeType', as: 'string' },
    ],
    result: 'any',
  },
  'New-PodeJsonSchemaNull': {
    target: 'free',
    name: 'newJsonSchemaNull',
    options: description,
    result: 'any',
  },
  'New-PodeJsonSchemaBoolean': {
    target: 'free',
    name: 'newJsonSchemaBoolean',
    options: { ...description, Constant: { key: 'constant', as: 'switch' } },
    result: 'any',
  },
  'New-PodeJsonSchemaInteger': {
    target: 'free',
    name: 'newJsonSchemaInteger',
    options: numberOptions,
    result: 'any',
  },
  'New-PodeJsonSchemaNumber': {
    target: 'free',
    name: 'newJsonSchemaNumber',
    options: numberOptions,
    result: 'any',
  },
  'New-PodeJsonSchemaString': {
    target: 'free',
    name: 'newJsonSchemaString',
    options: {
      ...description,
      Pattern: { key: 'pattern', as: 'string' },
      MinLength: { key: 'minLength', as: 'number' },
      MaxLength: { key: 'maxLength', as: 'number' },
      Constant: { key: 'constant', as: 'string' },
      Enum: { key: 'enum', as: 'value' },
    },
    result: 'any',
  },
  'New-PodeJsonSchemaArray': {
    target: 'free',
    name: 'newJsonSchemaArray',
    args: [{ param: 'Item', as: 'value' }],
    options: {
      ...description,
      MinItems: { key: 'minItems', as: 'number' },
      MaxItems: { key: 'maxItems', as: 'number' },
      Unique: { key: 'unique', as: 'switch' },
    },
    result: 'any',
  },
};
