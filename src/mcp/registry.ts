/**
 * The server's MCP tools and groups (Pode's `$PodeContext.Server.Mcp`): set up with
 * `s.addMcpGroup` and `s.addMcpTool`, read by `resolveMcpRequest`. Each tool's arguments are
 * validated against its input schema with ajv, loaded (and each validator compiled) on the first
 * call of a tool that has properties, so a server without MCP tools never loads it.
 */
import { createRequire } from 'node:module';
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type { WebEvent } from '../web-event.js';
import type { McpContent } from './content.js';

/** A JSON Schema object (Pode's `New-PodeJsonSchema*` results are plain objects like these). */
export type McpJsonSchema = { [key: string]: unknown };

/** The arguments a client passed to `tools/call`, by property name. */
export type McpToolArguments = Record<string, unknown>;

/**
 * What a tool returns: one content item, a list of them, or a string (sent as text content).
 * May be a promise.
 */
export type McpToolResult = McpContent | McpContent[] | string | undefined | void;

/** A tool's function (Pode's `-ScriptBlock`, its parameters splatted from the call's arguments). */
export type McpToolFunction = (
  args: McpToolArguments,
  event: WebEvent,
) => McpToolResult | Promise<McpToolResult>;

/** Options of `s.addMcpGroup` (`Add-PodeMcpGroup`). */
export interface McpGroupOptions {
  description?: string;
}

/** Options of `s.addMcpTool` (`Add-PodeMcpTool` and its `Add-PodeMcpToolProperty` calls). */
export interface McpToolOptions {
  /** What the tool does, for the client's model (required, as in Pode). */
  description: string;
  /** The group(s) the tool is listed in; each must exist (`s.addMcpGroup`). */
  group: string | readonly string[];
  /** The tool's input properties, by name: a JSON Schema each (`Add-PodeMcpToolProperty -Definition`). */
  properties?: Record<string, McpJsonSchema>;
  /** The names of the properties a call must supply (`Add-PodeMcpToolProperty -Required`). */
  required?: readonly string[];
}

/** A tool as the server keeps it. */
export interface McpTool {
  name: string;
  description: string;
  groups: string[];
  inputSchema: McpJsonSchema;
  fn: McpToolFunction;
}

/** A group of tools. */
export interface McpGroup {
  name: string;
  description: string | undefined;
  tools: string[];
}

/** One argument that failed its tool's schema. */
export interface McpArgumentIssue {
  /** A JSON pointer into the arguments (`/Name`), `''` for the arguments themselves. */
  path: string;
  message: string;
}

interface AjvError {
  instancePath: string;
  message?: string;
}
interface AjvValidate {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}
interface AjvInstance {
  compile(schema: object): AjvValidate;
}
type AjvConstructor = new (options: Record<string, unknown>) => AjvInstance;

const GROUP_KEYS = optionKeys<McpGroupOptions>({ description: true });
const TOOL_KEYS = optionKeys<McpToolOptions>({
  description: true,
  group: true,
  properties: true,
  required: true,
});

/** @internal The tools and groups of one server. */
export class McpRegistry {
  readonly groups = new Map<string, McpGroup>();
  readonly tools = new Map<string, McpTool>();
  readonly #validators = new Map<string, AjvValidate>();
  #ajv: AjvInstance | undefined;

  addGroup(name: string, options: McpGroupOptions = {}): void {
    rejectUnknownKeys(`addMcpGroup('${name}')`, options, GROUP_KEYS);
    if (typeof name !== 'string' || name === '') {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        'addMcpGroup(): the group name must be a non-empty string.',
        "Call s.addMcpGroup('Default', { description: '…' }).",
      );
    }
    if (this.groups.has(name)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `addMcpGroup(): the MCP tool group '${name}' already exists.`,
        'Give each group its own name.',
      );
    }
    this.groups.set(name, { name, description: options.description, tools: [] });
  }

  addTool(name: string, options: McpToolOptions, fn: McpToolFunction): void {
    const where = `addMcpTool('${name}')`;
    rejectUnknownKeys(where, options, TOOL_KEYS);
    if (typeof name !== 'string' || name === '') {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        'addMcpTool(): the tool name must be a non-empty string.',
        "Call s.addMcpTool('Greet', { description: '…', group: 'Default' }, () => '…').",
      );
    }
    if (this.tools.has(name)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${where}: the MCP tool '${name}' already exists.`,
        'Give each tool its own name; a tool can be in several groups (group: [...]).',
      );
    }
    if (typeof options.description !== 'string' || options.description === '') {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${where}: a description is required.`,
        'Describe what the tool does, for the client: { description: "Returns a greeting" }.',
      );
    }
    if (typeof fn !== 'function') {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${where}: the tool's function is missing.`,
        'Pass the function as the third argument.',
      );
    }
    const groups = [
      ...new Set(typeof options.group === 'string' ? [options.group] : (options.group ?? [])),
    ];
    if (groups.length === 0) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${where}: at least one group is required.`,
        "Add a group with s.addMcpGroup('Default') and pass { group: 'Default' }.",
      );
    }
    for (const group of groups) {
      if (!this.groups.has(group)) {
        throw setupError(
          ErrorCodes.BAD_OPTION,
          `${where}: the MCP tool group '${group}' does not exist.`,
          `Add it first with s.addMcpGroup('${group}').`,
        );
      }
    }
    const properties = options.properties ?? {};
    for (const required of options.required ?? []) {
      if (!Object.hasOwn(properties, required)) {
        throw setupError(
          ErrorCodes.BAD_OPTION,
          `${where}: the required property '${required}' is not among the tool's properties.`,
          `Describe it in properties: { ${required}: { type: 'string' } }.`,
        );
      }
    }
    const inputSchema: McpJsonSchema = { type: 'object' };
    if (Object.keys(properties).length > 0) inputSchema.properties = { ...properties };
    if (options.required !== undefined && options.required.length > 0) {
      inputSchema.required = [...options.required];
    }
    this.tools.set(name, { name, description: options.description, groups, inputSchema, fn });
    for (const group of groups) this.groups.get(group)?.tools.push(name);
  }

  /** The tools of `group`, in the order they were added. */
  toolsOf(group: string): McpTool[] {
    const tools: McpTool[] = [];
    for (const name of this.groups.get(group)?.tools ?? []) {
      const tool = this.tools.get(name);
      if (tool !== undefined) tools.push(tool);
    }
    return tools;
  }

  /** What is wrong with `args` for `tool`, or an empty list when they fit its schema. */
  checkArguments(tool: McpTool, args: unknown): McpArgumentIssue[] {
    let validate = this.#validators.get(tool.name);
    if (validate === undefined) {
      validate = this.#loadAjv().compile(tool.inputSchema);
      this.#validators.set(tool.name, validate);
    }
    if (validate(args)) return [];
    return (validate.errors ?? []).map((error) => ({
      path: error.instancePath,
      message: error.message ?? 'is not valid',
    }));
  }

  #loadAjv(): AjvInstance {
    if (this.#ajv === undefined) {
      const require = createRequire(import.meta.url);
      const ajvModule = require('ajv') as { default: AjvConstructor };
      this.#ajv = new ajvModule.default({ allErrors: true, strict: false });
    }
    return this.#ajv;
  }
}
