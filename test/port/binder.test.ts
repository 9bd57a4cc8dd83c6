import { describe, expect, it } from 'vitest';
import { bindCommand, type CatalogueCmdlet, resolveParameter } from '../../src/port/binder.js';
import type { SyntaxNode } from '../../src/port/parser.js';
import { parsePowerShell } from '../../src/port/parser.js';

/** A tiny hand-made catalogue entry in the format of src/port/catalogue.json. */
const addRoute: CatalogueCmdlet = {
  aliases: [],
  defaultParameterSet: 'Script',
  parameters: {
    Method: {
      type: 'string[]',
      switch: false,
      mandatory: ['Script'],
      position: 0,
      aliases: [],
      sets: ['__AllParameterSets'],
    },
    Path: {
      type: 'string',
      switch: false,
      mandatory: ['Script'],
      position: 1,
      aliases: [],
      sets: ['__AllParameterSets'],
    },
    ScriptBlock: {
      type: 'scriptblock',
      switch: false,
      mandatory: [],
      position: 2,
      aliases: [],
      sets: ['Script'],
    },
    FilePath: {
      type: 'string',
      switch: false,
      mandatory: ['File'],
      position: 2,
      aliases: [],
      sets: ['File'],
    },
    Authentication: {
      type: 'string',
      switch: false,
      mandatory: [],
      position: null,
      aliases: ['Auth'],
      sets: ['__AllParameterSets'],
    },
    AllowAnon: {
      type: 'switch',
      switch: true,
      mandatory: [],
      position: null,
      aliases: [],
      sets: ['__AllParameterSets'],
    },
    PassThru: {
      type: 'switch',
      switch: true,
      mandatory: [],
      position: null,
      aliases: [],
      sets: ['__AllParameterSets'],
    },
  },
};

async function bind(source: string) {
  const parsed = await parsePowerShell(source);
  const command = findCommand(parsed.root);
  const elements = command.namedChildren
    .find((child) => child?.type === 'command_elements')
    ?.namedChildren.filter(
      (child): child is SyntaxNode => child !== null && child.type !== 'command_argument_sep',
    )
    .map((child) =>
      child.type === 'command_parameter'
        ? {
            kind: 'parameter' as const,
            name: child.text.replace(/^-|:$/g, ''),
            node: child,
            colon: parsed.text[child.endIndex] === ':' || child.text.endsWith(':'),
          }
        : { kind: 'argument' as const, node: child },
    );
  const binding = bindCommand(addRoute, elements ?? []);
  const values: Record<string, string | boolean> = {};
  for (const [name, value] of binding.values)
    values[name] = value.kind === 'switch' ? value.value : value.node.text;
  return { values, problems: binding.problems.map((p) => p.message) };
}

function findCommand(node: SyntaxNode): SyntaxNode {
  if (node.type === 'command') return node;
  for (const child of node.namedChildren) {
    if (child === null) continue;
    const found = findCommandOrNull(child);
    if (found !== null) return found;
  }
  throw new Error('no command');
}

function findCommandOrNull(node: SyntaxNode): SyntaxNode | null {
  try {
    return findCommand(node);
  } catch {
    return null;
  }
}

describe('the binder binds as PowerShell does', () => {
  it('names, any case', async () => {
    expect((await bind("Add-PodeRoute -method Get -PATH '/x' -ScriptBlock { 1 }")).values).toEqual({
      Method: 'Get',
      Path: "'/x'",
      ScriptBlock: '{ 1 }',
    });
  });

  it('an unambiguous prefix and an alias', async () => {
    expect((await bind("Add-PodeRoute -Meth Get -Pa '/x' -Auth Login -Allow")).values).toEqual({
      Method: 'Get',
      Path: "'/x'",
      Authentication: 'Login',
      AllowAnon: true,
    });
  });

  it('an ambiguous prefix is a problem, not a guess', async () => {
    expect((await bind("Add-PodeRoute -P '/x'")).problems).toEqual([
      'parameter -P is ambiguous: -Path, -PassThru',
    ]);
  });

  it('switches: bare, and -Switch:$false', async () => {
    expect((await bind("Add-PodeRoute Get '/x' -PassThru -AllowAnon:$false")).values).toMatchObject(
      { PassThru: true, AllowAnon: '$false' },
    );
  });

  it('positional arguments fill the positions in order, the default set first', async () => {
    expect((await bind("Add-PodeRoute Get '/x' { 1 }")).values).toEqual({
      Method: 'Get',
      Path: "'/x'",
      ScriptBlock: '{ 1 }',
    });
  });

  it('a named parameter takes its position out of the positional order', async () => {
    expect((await bind("Add-PodeRoute -Method Get '/x'")).values).toEqual({
      Method: 'Get',
      Path: "'/x'",
    });
  });

  it('an unknown parameter is a problem', async () => {
    expect(resolveParameter(addRoute, 'Nope')).toEqual({ error: 'unknown parameter -Nope' });
  });
});
