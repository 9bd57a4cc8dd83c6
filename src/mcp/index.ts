/** MCP (Model Context Protocol) tools served over HTTP: see docs/mcp.md. */
export type { McpBinaryContent, McpContent, McpTextContent } from './content.js';
export { newMcpAudioContent, newMcpImageContent, newMcpTextContent } from './content.js';
export { resolveMcpRequest } from './functions.js';
export {
  type JsonSchemaArrayOptions,
  type JsonSchemaCommonOptions,
  type JsonSchemaNumberOptions,
  type JsonSchemaObjectOptions,
  type JsonSchemaStringOptions,
  mergeJsonSchema,
  newJsonSchemaArray,
  newJsonSchemaBoolean,
  newJsonSchemaInteger,
  newJsonSchemaNull,
  newJsonSchemaNumber,
  newJsonSchemaObject,
  newJsonSchemaString,
} from './json-schema.js';
export type {
  McpGroupOptions,
  McpJsonSchema,
  McpToolArguments,
  McpToolFunction,
  McpToolOptions,
  McpToolResult,
} from './registry.js';
export { MCP_PROTOCOL_VERSION, type ResolveMcpOptions } from './resolve.js';
