#!/usr/bin/env node
/**
 * Generates src/port/catalogue.json: every public Pode function, read from the `param()` blocks of
 * Pode's own source (src/Public/*.ps1), with what the converter's argument binder needs to bind
 * `-Method Get` and positional arguments as PowerShell binds them.
 *
 * Usage:
 *   node scripts/pode-catalogue.mjs [<pode-source-dir>] [--out <file> | --stdout]
 *
 * <pode-source-dir> is a git checkout of https://github.com/Badgerati/Pode (MIT). When it is not
 * given, the script uses $PODE_SRC, else ../pode-src beside this repository. The checkout's commit
 * (`git rev-parse HEAD`) is recorded in the file's `source` field. The output is deterministic
 * (keys sorted, one parameter per line), so `git diff` shows what a new Pode version changed.
 *
 * Parsing uses tree-sitter-powershell's .wasm through web-tree-sitter: no PowerShell is needed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { Language, Parser, Query } from 'web-tree-sitter';

const ALL_SETS = '__AllParameterSets';
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const main = async () => {
  const { sourceDir, out } = parseArguments(process.argv.slice(2));
  const catalogue = await buildCatalogue(sourceDir);
  const text = serialise(catalogue);
  if (out === '-') {
    process.stdout.write(text);
  } else {
    writeFileSync(out, text);
    const count = Object.keys(catalogue.cmdlets).length;
    process.stderr.write(`wrote ${out}: ${count} cmdlets from ${catalogue.source}\n`);
  }
};

/** Reads every top-level function and alias of `<sourceDir>/src/Public/*.ps1`. */
export async function buildCatalogue(sourceDir) {
  const publicDir = join(sourceDir, 'src', 'Public');
  if (!existsSync(publicDir)) {
    throw new Error(`${publicDir} does not exist: pass the folder of a Pode checkout`);
  }
  const commit = execFileSync('git', ['-C', sourceDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' });
  const { parser, query } = await createParser();
  const cmdlets = {};
  const aliases = [];
  const files = readdirSync(publicDir)
    .filter((name) => name.endsWith('.ps1'))
    .sort();
  for (const name of files) {
    const path = join(publicDir, name);
    const tree = parser.parse(readFileSync(path, 'utf8'));
    const where = (node) =>
      `${path}:${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
    const found = query
      .captures(tree.rootNode)
      .filter((capture) => capture.name !== 'name')
      .map((capture) => capture.node)
      .filter((node) => !insideFunction(node));
    for (const node of found.filter((node) => node.type === 'function_statement')) {
      const cmdlet = readFunction(node, where);
      if (cmdlets[cmdlet.name] !== undefined)
        throw new Error(`${where(node)}: ${cmdlet.name} twice`);
      cmdlets[cmdlet.name] = cmdlet.entry;
    }
    for (const node of found.filter((node) => node.type === 'command')) {
      const alias = readAliasCommand(node, where);
      if (alias !== undefined) aliases.push(alias);
    }
    tree.delete();
  }
  for (const { alias, target, at } of aliases) {
    const cmdlet = cmdlets[target];
    if (cmdlet === undefined) throw new Error(`${at}: alias ${alias} names unknown ${target}`);
    if (!cmdlet.aliases.includes(alias)) cmdlet.aliases.push(alias);
  }
  for (const cmdlet of Object.values(cmdlets)) cmdlet.aliases.sort();
  return { source: `Badgerati/Pode@${commit.trim()}`, cmdlets };
}

/** One `function Verb-Noun { [CmdletBinding()] param(…) … }`. */
function readFunction(node, where) {
  const name = node.namedChildren.find((child) => child.type === 'function_name')?.text;
  if (name === undefined) throw new Error(`${where(node)}: a function without a name`);
  const body = node.namedChildren.find((child) => child.type === 'script_block');
  const paramBlock = body?.namedChildren.find((child) => child.type === 'param_block');
  if (node.namedChildren.some((child) => child.type === 'function_parameter_declaration')) {
    throw new Error(`${where(node)}: ${name} declares parameters after its name; not supported`);
  }
  const functionAttributes = attributesOf(paramBlock, where);
  const binding = functionAttributes.find((attribute) => is(attribute.name, 'CmdletBinding'));
  const aliasAttribute = functionAttributes.find((attribute) => is(attribute.name, 'Alias'));
  const lists = (paramBlock?.namedChildren ?? []).filter(
    (child) => child.type === 'parameter_list',
  );
  const broken = lists.find((list) => list.hasError);
  if (broken !== undefined)
    throw new Error(`${where(broken)}: the grammar cannot parse ${name}'s param()`);
  const declared = lists
    .flatMap((list) => list.namedChildren.filter((child) => child.type === 'script_parameter'))
    .map((parameter) => readParameter(parameter, where));

  // PowerShell numbers the parameters itself (declaration order, switches skipped) only when no
  // [Parameter()] names a Position or a ParameterSetName and PositionalBinding is not $false.
  const positionalBinding = binding?.named.positionalbinding;
  const automatic =
    (positionalBinding === undefined || positionalBinding === true) &&
    !declared.some((parameter) => parameter.custom);
  let next = 0;
  const parameters = {};
  for (const parameter of declared) {
    let position = parameter.position;
    if (automatic && !parameter.entry.switch) position = next++;
    parameters[parameter.name] = { ...parameter.entry, position };
  }
  const defaultSet = binding?.named.defaultparametersetname;
  return {
    name,
    entry: {
      aliases: aliasAttribute === undefined ? [] : aliasAttribute.positional.map(String),
      defaultParameterSet: typeof defaultSet === 'string' ? defaultSet : null,
      parameters,
    },
  };
}

/** One `[Parameter(…)] [Alias(…)] [ValidateSet(…)] [type] $Name = default`. */
function readParameter(node, where) {
  const variable = node.namedChildren.find((child) => child.type === 'variable');
  if (variable === undefined) throw new Error(`${where(node)}: a parameter without a name`);
  const name = variable.text.replace(/^\$/, '').replace(/^\{(.*)\}$/, '$1');
  const attributes = attributesOf(node, where);
  const typeNames = attributes.filter((attribute) => attribute.type !== undefined);
  const written = typeNames.at(-1)?.type ?? 'object';
  const isSwitch = /^(switch|(System\.Management\.Automation\.)?SwitchParameter)$/i.test(written);
  const parameterAttributes = attributes.filter((attribute) => is(attribute.name, 'Parameter'));
  const sets = new Set();
  const mandatory = new Set();
  const positions = new Set();
  let custom = false;
  let valueFromPipeline = false;
  for (const { named } of parameterAttributes) {
    const set = typeof named.parametersetname === 'string' ? named.parametersetname : ALL_SETS;
    sets.add(set);
    if (named.mandatory === true) mandatory.add(set);
    if (typeof named.position === 'number') positions.add(named.position);
    if (named.valuefrompipeline === true) valueFromPipeline = true;
    if (typeof named.position === 'number' || set !== ALL_SETS) custom = true;
  }
  if (sets.size === 0) sets.add(ALL_SETS);
  if (positions.size > 1) {
    throw new Error(`${where(node)}: $${name} has a different Position per set; not supported`);
  }
  const entry = {
    aliases: attributes
      .filter((attribute) => is(attribute.name, 'Alias'))
      .flatMap((attribute) => attribute.positional.map(String)),
    mandatory: [...mandatory].sort(),
    sets: [...sets].sort(),
    switch: isSwitch,
    type: isSwitch ? 'switch' : written,
    valueFromPipeline,
  };
  const validateSet = attributes.find((attribute) => is(attribute.name, 'ValidateSet'));
  if (validateSet !== undefined) entry.validateSet = validateSet.positional.map(String);
  return { name, custom, position: positions.size === 1 ? [...positions][0] : null, entry };
}

/**
 * The attributes directly on a param block or parameter: `[Name(args)]` as `{ name, positional,
 * named }` (named keys lower-cased, `[Parameter(Mandatory)]` as true), `[type]` as `{ type }`.
 */
function attributesOf(node, where) {
  const list = node?.namedChildren.find((child) => child.type === 'attribute_list');
  return (list?.namedChildren ?? []).map((attribute) => {
    const typeLiteral = attribute.namedChildren.find((child) => child.type === 'type_literal');
    if (typeLiteral !== undefined) return { type: typeLiteral.text.replace(/^\[|\]$/g, '').trim() };
    const name = attribute.namedChildren.find((child) => child.type === 'attribute_name')?.text;
    if (!/^(Parameter|Alias|ValidateSet|CmdletBinding)$/i.test(name ?? '')) return { name };
    const args = attribute.namedChildren.find((child) => child.type === 'attribute_arguments');
    const positional = [];
    const named = {};
    for (const argument of args?.namedChildren ?? []) {
      if (argument.type !== 'attribute_argument') continue;
      const key = argument.namedChildren.find((child) => child.type === 'simple_name');
      const value = argument.namedChildren.find((child) => child.type !== 'simple_name');
      if (key !== undefined) {
        named[key.text.toLowerCase()] = value === undefined ? true : constant(value, where);
      } else if (value !== undefined) {
        positional.push(...[constant(value, where)].flat());
      }
    }
    return { name, positional, named };
  });
}

/** The value of a constant attribute argument: a string, an integer, $true/$false, or a list. */
function constant(node, where) {
  let current = node;
  while (current.namedChildCount === 1 && !isLeafValue(current.type)) {
    current = current.namedChildren[0];
  }
  switch (current.type) {
    case 'string_literal':
      return unquote(current.text, where(current));
    case 'integer_literal':
      return Number.parseInt(current.text, 10);
    case 'variable': {
      const name = current.text.toLowerCase();
      if (name === '$true') return true;
      if (name === '$false') return false;
      break;
    }
    case 'array_literal_expression':
      return current.namedChildren.map((child) => constant(child, where));
  }
  throw new Error(`${where(node)}: not a constant attribute argument: ${node.text}`);
}

const isLeafValue = (type) =>
  type === 'string_literal' || type === 'integer_literal' || type === 'variable';

function unquote(text, at) {
  if (/^'.*'$/s.test(text)) return text.slice(1, -1).replaceAll("''", "'");
  if (/^".*"$/s.test(text) && !/[$`]/.test(text)) return text.slice(1, -1).replaceAll('""', '"');
  throw new Error(`${at}: not a constant string: ${text}`);
}

/** `New-Alias [-Name] X [-Value] Y` and `Set-Alias …` outside any function. */
function readAliasCommand(node, where) {
  const command = node.namedChildren.find((child) => child.type === 'command_name')?.text ?? '';
  if (!/^(New|Set)-Alias$/i.test(command)) return undefined;
  const elements = node.namedChildren.find((child) => child.type === 'command_elements');
  const named = {};
  const positional = [];
  let pending;
  for (const element of elements?.namedChildren ?? []) {
    if (element.type === 'command_argument_sep') continue;
    if (element.type === 'command_parameter') {
      pending = element.text.replace(/^-/, '').replace(/:$/, '').toLowerCase();
      continue;
    }
    const value = element.type === 'generic_token' ? element.text : constant(element, where);
    if (pending === undefined) positional.push(value);
    else named[pending] = value;
    pending = undefined;
  }
  const alias = named.name ?? positional.shift();
  const target = named.value ?? positional.shift();
  if (typeof alias !== 'string' || typeof target !== 'string') {
    throw new Error(`${where(node)}: cannot read ${node.text}`);
  }
  return { alias, target, at: where(node) };
}

/** True for a node within a function's body (Pode exports only script-level functions). */
function insideFunction(node) {
  for (let parent = node.parent; parent !== null; parent = parent.parent) {
    if (parent.type === 'function_statement') return true;
  }
  return false;
}

async function createParser() {
  // V8 otherwise optimises the 1 MB grammar in the background and Node waits for it before it
  // exits: 12-50 s of CPU on this machine for a 1 s job. The baseline compiler parses fast enough.
  v8.setFlagsFromString('--liftoff-only');
  const require = createRequire(import.meta.url);
  await Parser.init();
  const wasm = require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm');
  const language = await Language.load(wasm);
  const parser = new Parser();
  parser.setLanguage(language);
  // Only alias commands are captured: walking every command of Pode's source takes seconds.
  const aliasCommand =
    '(command (command_name) @name (#match? @name "^([Nn]ew|[Ss]et)-[Aa]lias$"))';
  return { parser, query: new Query(language, `(function_statement) @f ${aliasCommand} @c`) };
}

/** JSON with sorted keys; a cmdlet's parameters one per line. */
export function serialise(catalogue) {
  const sorted = (object) => Object.fromEntries(Object.entries(object).sort(byKey));
  const lines = ['{', `  "source": ${JSON.stringify(catalogue.source)},`, '  "cmdlets": {'];
  const names = Object.keys(catalogue.cmdlets).sort(compareKeys);
  names.forEach((name, index) => {
    const cmdlet = catalogue.cmdlets[name];
    lines.push(`    ${JSON.stringify(name)}: {`);
    lines.push(`      "aliases": ${JSON.stringify(cmdlet.aliases)},`);
    lines.push(`      "defaultParameterSet": ${JSON.stringify(cmdlet.defaultParameterSet)},`);
    const parameters = Object.entries(cmdlet.parameters).sort(byKey);
    if (parameters.length === 0) {
      lines.push('      "parameters": {}');
    } else {
      lines.push('      "parameters": {');
      parameters.forEach(([parameter, entry], at) => {
        const comma = at === parameters.length - 1 ? '' : ',';
        lines.push(
          `        ${JSON.stringify(parameter)}: ${JSON.stringify(sorted(entry))}${comma}`,
        );
      });
      lines.push('      }');
    }
    lines.push(index === names.length - 1 ? '    }' : '    },');
  });
  lines.push('  }', '}', '');
  return lines.join('\n');
}

const compareKeys = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const byKey = ([a], [b]) => compareKeys(a, b);
const is = (name, expected) => name?.toLowerCase() === expected.toLowerCase();

function parseArguments(args) {
  let sourceDir;
  let out = join(repoRoot, 'src', 'port', 'catalogue.json');
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--stdout') out = '-';
    else if (arg === '--out' || arg === '-o') out = args[++index];
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else sourceDir = arg;
  }
  sourceDir ??= process.env.PODE_SRC ?? join(repoRoot, '..', 'pode-src');
  return { sourceDir: resolve(sourceDir), out };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    process.stderr.write(`pode-catalogue: ${error.message}\n`);
    process.exit(1);
  });
}
