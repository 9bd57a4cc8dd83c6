import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  newMcpImageContent,
  newMcpTextContent,
  resolveMcpRequest,
  type ServerBuilder,
} from '../../src/index.js';
import { serve, setupFailure } from '../helpers.js';

const packageVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

function tools(s: ServerBuilder): void {
  s.addMcpGroup('Default', { description: 'the default tools' });
  s.addMcpGroup('Admin');
  s.addMcpTool('Greet', { description: 'Says hello', group: 'Default' }, () =>
    newMcpTextContent('Hello from the tool'),
  );
  s.addMcpTool(
    'GreetPerson',
    {
      description: 'Greets a person in a place',
      group: ['Default', 'Admin'],
      properties: {
        Name: { type: 'string', description: 'who' },
        Times: { type: 'integer', minimum: 1 },
      },
      required: ['Name'],
    },
    async (args) => `Hello, ${String(args.Name)} x${String(args.Times ?? 1)}`,
  );
  s.addMcpTool('Broken', { description: 'Always fails', group: 'Default' }, () => {
    throw new Error('the disk is on fire');
  });
  s.addMcpTool('Picture', { description: 'A tiny image', group: 'Admin' }, () => [
    newMcpImageContent(Buffer.from([1, 2, 3]), 'image/png'),
    newMcpTextContent({ size: 3 }),
  ]);
  s.addRoute('Post', '/mcp', (e) => e.resolveMcpRequest({ group: 'Default' }));
  s.addRoute('Post', '/admin', () =>
    resolveMcpRequest({ group: 'Admin', serverName: 'Admin tools', serverVersion: '2.1.0' }),
  );
  s.addRoute('Post', '/nogroup', (e) => e.resolveMcpRequest({ group: 'Missing' }));
}

async function start() {
  const server = await serve(tools);
  const url = server.url;
  const post = async (path: string, body: unknown, contentType = 'application/json') => {
    const response = await fetch(new URL(path, url), {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const json = response.headers.get('content-type')?.startsWith('application/json')
      ? JSON.parse(text)
      : undefined;
    return { status: response.status, json, text };
  };
  const rpc = (method: string, params?: unknown, id: unknown = 1, path = '/mcp') =>
    post(path, { jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
  return { post, rpc };
}

describe('MCP over HTTP', () => {
  it('initialize answers the protocol version, the tools capability and the server info', async () => {
    const { rpc } = await start();
    const answer = await rpc(
      'initialize',
      { protocolVersion: '2025-11-25', capabilities: {} },
      'a1',
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      jsonrpc: '2.0',
      id: 'a1',
      result: {
        protocolVersion: '2025-11-25',
        capabilities: { tools: { listChanged: false } },
        serverInfo: { name: 'Pode MCP Server', version: packageVersion },
      },
    });
    const admin = await rpc('initialize', {}, 2, '/admin');
    expect(admin.json.result.serverInfo).toEqual({ name: 'Admin tools', version: '2.1.0' });
  });

  it('tools/list lists only the group tools with their input schemas', async () => {
    const { rpc } = await start();
    const answer = await rpc('tools/list');
    expect(answer.status).toBe(200);
    expect(answer.json.result.tools).toEqual([
      { name: 'Greet', description: 'Says hello', inputSchema: { type: 'object' } },
      {
        name: 'GreetPerson',
        description: 'Greets a person in a place',
        inputSchema: {
          type: 'object',
          properties: {
            Name: { type: 'string', description: 'who' },
            Times: { type: 'integer', minimum: 1 },
          },
          required: ['Name'],
        },
      },
      { name: 'Broken', description: 'Always fails', inputSchema: { type: 'object' } },
    ]);
    const admin = await rpc('tools/list', undefined, 3, '/admin');
    expect(admin.json.result.tools.map((t: { name: string }) => t.name)).toEqual([
      'GreetPerson',
      'Picture',
    ]);
  });

  it('tools/call runs the tool with its arguments and returns its content', async () => {
    const { rpc } = await start();
    const greet = await rpc('tools/call', { name: 'Greet' }, 7);
    expect(greet.json).toEqual({
      jsonrpc: '2.0',
      id: 7,
      result: { content: [{ type: 'text', text: 'Hello from the tool' }], isError: false },
    });
    const person = await rpc('tools/call', {
      name: 'GreetPerson',
      arguments: { Name: 'Rick', Times: 2 },
    });
    expect(person.json.result).toEqual({
      content: [{ type: 'text', text: 'Hello, Rick x2' }],
      isError: false,
    });
    const picture = await rpc('tools/call', { name: 'Picture' }, 1, '/admin');
    expect(picture.json.result.content).toEqual([
      { type: 'image', data: 'AQID', mimeType: 'image/png' },
      { type: 'text', text: '{\n  "size": 3\n}' },
    ]);
  });

  it('arguments that break the schema answer a tool error naming what is wrong, and the tool does not run', async () => {
    const { rpc } = await start();
    const missing = await rpc('tools/call', { name: 'GreetPerson', arguments: {} });
    expect(missing.status).toBe(200);
    expect(missing.json.result.isError).toBe(true);
    expect(missing.json.result.content[0].text).toMatch(
      /Invalid arguments for tool 'GreetPerson'.*Name/,
    );
    const wrongType = await rpc('tools/call', {
      name: 'GreetPerson',
      arguments: { Name: 5, Times: 0 },
    });
    expect(wrongType.json.result.isError).toBe(true);
    expect(wrongType.json.result.content[0].text).toMatch(/\/Name must be string/);
    expect(wrongType.json.result.content[0].text).toMatch(/\/Times must be >= 1/);
    const notObject = await rpc('tools/call', { name: 'GreetPerson', arguments: 'Rick' });
    expect(notObject.json.result.isError).toBe(true);
  });

  it('a tool that throws answers an error result and the server keeps serving', async () => {
    const { rpc } = await start();
    const broken = await rpc('tools/call', { name: 'Broken' }, 9);
    expect(broken.status).toBe(200);
    expect(broken.json).toEqual({
      jsonrpc: '2.0',
      id: 9,
      result: {
        content: [
          {
            type: 'text',
            text: "Error invoking tool 'Broken' in group 'Default': the disk is on fire",
          },
        ],
        isError: true,
      },
    });
    expect((await rpc('ping', undefined, 10)).json).toEqual({ jsonrpc: '2.0', id: 10, result: {} });
  });

  it('an unknown tool, or one of another group, is -32602', async () => {
    const { rpc } = await start();
    const unknown = await rpc('tools/call', { name: 'Nope' }, 4);
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({
      jsonrpc: '2.0',
      id: 4,
      error: { code: -32602, message: "Tool 'Nope' not found in group 'Default'" },
    });
    const otherGroup = await rpc('tools/call', { name: 'Picture' });
    expect(otherGroup.json.error.code).toBe(-32602);
    const noParams = await rpc('tools/call');
    expect(noParams.json.error.code).toBe(-32602);
  });

  it('an unknown method is -32601', async () => {
    const { rpc } = await start();
    const answer = await rpc('resources/list', undefined, 5);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      jsonrpc: '2.0',
      id: 5,
      error: { code: -32601, message: "Method 'resources/list' not found" },
    });
  });

  it('malformed JSON sent as text is -32700; with a JSON content type the body parser answers 400', async () => {
    const { post } = await start();
    const text = await post('/mcp', '{"jsonrpc": "2.0", "id": 1,', 'text/plain');
    expect(text.status).toBe(400);
    expect(text.json).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'Parse error: the body is not valid JSON' },
    });
    const json = await post('/mcp', '{"jsonrpc": ');
    expect(json.status).toBe(400);
    expect(json.text).toMatch(/not valid JSON/);
    const good = await post(
      '/mcp',
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
      'text/plain',
    );
    expect(good.json.result).toEqual({});
  });

  it('invalid requests are -32600: wrong version, no method, no id, a batch, no body', async () => {
    const { post } = await start();
    const cases: [unknown, string][] = [
      [{ jsonrpc: '1.0', id: 1, method: 'ping' }, 'Invalid JSON-RPC version'],
      [{ jsonrpc: '2.0', id: 1 }, 'Missing method'],
      [{ jsonrpc: '2.0', method: 'tools/list' }, 'Missing ID for non-notification method'],
      [
        { jsonrpc: '2.0', id: { x: 1 }, method: 'tools/list' },
        'Missing ID for non-notification method',
      ],
      [[{ jsonrpc: '2.0', id: 1, method: 'ping' }], 'Batch requests are not supported'],
      ['42', 'The request must be a JSON-RPC object'],
      ['"ping"', 'The request must be a JSON-RPC object'],
    ];
    for (const [body, message] of cases) {
      const answer = await post('/mcp', typeof body === 'string' ? body : JSON.stringify(body));
      expect(answer.status, message).toBe(400);
      expect(answer.json.error, message).toEqual({ code: -32600, message });
    }
    const empty = await post('/mcp', '');
    expect(empty.json.error.code).toBe(-32600);
  });

  it('a notification is accepted with 202 and no body', async () => {
    const { post } = await start();
    const answer = await post('/mcp', { jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(answer.status).toBe(202);
    expect(answer.text).toBe('');
  });

  it('a route naming a group that does not exist answers -32603', async () => {
    const { rpc } = await start();
    const answer = await rpc('tools/list', undefined, 1, '/nogroup');
    expect(answer.status).toBe(400);
    expect(answer.json.error).toEqual({ code: -32603, message: "Group 'Missing' not found" });
  });

  it('method names are matched without regard to case, as Pode does', async () => {
    const { rpc } = await start();
    expect((await rpc('Tools/List')).json.result.tools).toHaveLength(3);
  });
});

describe('MCP set-up errors', () => {
  const cases: [string, (s: ServerBuilder) => void, RegExp][] = [
    ['a duplicate group', (s) => s.addMcpGroup('A').addMcpGroup('A'), /group 'A' already exists/],
    [
      'a tool in a missing group',
      (s) => s.addMcpTool('T', { description: 'd', group: 'Nope' }, () => 'x'),
      /group 'Nope' does not exist/,
    ],
    [
      'a duplicate tool',
      (s) =>
        s
          .addMcpGroup('A')
          .addMcpTool('T', { description: 'd', group: 'A' }, () => 'x')
          .addMcpTool('T', { description: 'd', group: 'A' }, () => 'x'),
      /tool 'T' already exists/,
    ],
    [
      'a tool without a description',
      (s) => s.addMcpGroup('A').addMcpTool('T', { description: '', group: 'A' }, () => 'x'),
      /a description is required/,
    ],
    [
      'a required property that is not described',
      (s) =>
        s
          .addMcpGroup('A')
          .addMcpTool('T', { description: 'd', group: 'A', required: ['X'] }, () => 'x'),
      /required property 'X'/,
    ],
    [
      'an unknown option',
      (s) =>
        s
          .addMcpGroup('A')
          .addMcpTool('T', { description: 'd', group: 'A', groups: 'A' } as never, () => 'x'),
      /groups/,
    ],
  ];
  for (const [name, setup, message] of cases) {
    it(`${name} fails the set-up with a message saying how to fix it`, async () => {
      const error = await setupFailure(setup);
      expect(String((error as Error).message)).toMatch(message);
    });
  }
});
