/**
 * src/port/catalogue.json is what scripts/pode-catalogue.mjs makes from Pode's source, and it
 * records what PowerShell's binder would do with Pode's param() blocks.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ALL_PARAMETER_SETS,
  allCmdlets,
  type CatalogueCmdlet,
  catalogueSource,
  findCmdlet,
  resolveParameter,
} from '../../src/port/catalogue.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const podeSource = [process.env.PODE_SRC, join(root, '..', 'pode-src'), '/work/pode-src'].find(
  (path) => path !== undefined && existsSync(join(path, 'src', 'Public')),
);

const cmdlet = (name: string): CatalogueCmdlet => {
  const found = findCmdlet(name);
  if (found === undefined) throw new Error(`${name} is not in the catalogue`);
  return found;
};
const parameter = (cmdletName: string, name: string) => {
  const entry = cmdlet(cmdletName).parameters[name];
  if (entry === undefined) throw new Error(`${cmdletName} has no -${name}`);
  return entry;
};

describe.skipIf(podeSource === undefined)(
  `the committed catalogue is what the script makes now${podeSource === undefined ? ' (skipped: no Pode checkout at $PODE_SRC, ../pode-src or /work/pode-src)' : ''}`,
  () => {
    it('scripts/pode-catalogue.mjs regenerates src/port/catalogue.json byte for byte', () => {
      const generated = execFileSync(
        process.execPath,
        [join(root, 'scripts', 'pode-catalogue.mjs'), podeSource!, '--stdout'],
        { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      );
      const committed = readFileSync(join(root, 'src', 'port', 'catalogue.json'), 'utf8');
      expect(generated === committed, 'run `node scripts/pode-catalogue.mjs` and commit').toBe(
        true,
      );
    }, 60_000);
  },
);

describe('the catalogue records Pode as PowerShell binds it', () => {
  it('names its Pode commit and holds every public function', () => {
    expect(catalogueSource).toMatch(/^Badgerati\/Pode@[0-9a-f]{40}$/);
    expect(allCmdlets().length).toBeGreaterThan(400);
  });

  it('Add-PodeRoute has -Method (with its ValidateSet), -Path, -ScriptBlock, -FilePath', () => {
    const route = cmdlet('Add-PodeRoute');
    expect(route.defaultParameterSet).toBe('Script');
    expect(parameter('Add-PodeRoute', 'Method')).toMatchObject({
      type: 'string[]',
      switch: false,
      mandatory: [ALL_PARAMETER_SETS],
      sets: [ALL_PARAMETER_SETS],
    });
    expect(parameter('Add-PodeRoute', 'Method').validateSet).toEqual(
      expect.arrayContaining(['Get', 'Post', '*']),
    );
    expect(parameter('Add-PodeRoute', 'Path').mandatory).toEqual([ALL_PARAMETER_SETS]);
    expect(parameter('Add-PodeRoute', 'ScriptBlock')).toMatchObject({
      type: 'scriptblock',
      sets: ['Script'],
    });
    expect(parameter('Add-PodeRoute', 'FilePath')).toMatchObject({
      mandatory: ['File'],
      sets: ['File'],
    });
    expect(parameter('Add-PodeRoute', 'Authentication').aliases).toEqual(['Auth']);
  });

  it('switches are switches and never positional', () => {
    expect(parameter('Add-PodeRoute', 'PassThru')).toMatchObject({
      type: 'switch',
      switch: true,
      position: null,
    });
    expect(parameter('New-PodeAuthScheme', 'Form')).toMatchObject({
      switch: true,
      sets: ['Form'],
    });
    const positionalSwitches = allCmdlets().flatMap((entry) =>
      Object.entries(entry.parameters)
        .filter(([, p]) => p.switch && p.position !== null)
        .map(([name]) => `${entry.name} -${name}`),
    );
    expect(positionalSwitches).toEqual([]);
  });

  it('a function that names no Position and no parameter set binds in declaration order', () => {
    // Add-PodeAuth: Name, Scheme, ScriptBlock, ArgumentList, FailureUrl, … with switches skipped
    expect(parameter('Add-PodeAuth', 'Name').position).toBe(0);
    expect(parameter('Add-PodeAuth', 'Scheme').position).toBe(1);
    expect(parameter('Add-PodeAuth', 'ScriptBlock').position).toBe(2);
    expect(parameter('Add-PodeAuth', 'Scheme').valueFromPipeline).toBe(true);
    expect(parameter('Add-PodeAuth', 'Sessionless').position).toBeNull();
  });

  it('a function that names a parameter set or a Position binds only explicit positions', () => {
    // Add-PodeRoute declares sets and no Position: nothing is positional.
    const routePositions = Object.values(cmdlet('Add-PodeRoute').parameters).map((p) => p.position);
    expect(routePositions.every((position) => position === null)).toBe(true);
    // Set-PodeState: [Parameter(Position = 0)] $Value; $Name (declared first) is named-only.
    expect(parameter('Set-PodeState', 'Value').position).toBe(0);
    expect(parameter('Set-PodeState', 'Name').position).toBeNull();
    expect(parameter('Start-PodeServer', 'ScriptBlock').position).toBe(0);
    expect(parameter('Write-PodeJsonResponse', 'Value')).toMatchObject({
      position: 0,
      valueFromPipeline: true,
      sets: ['Value'],
    });
  });

  it('no two parameters of one parameter set share a position', () => {
    const clashes: string[] = [];
    for (const entry of allCmdlets()) {
      const seen = new Map<string, string>();
      for (const [name, p] of Object.entries(entry.parameters)) {
        if (p.position === null) continue;
        for (const set of p.sets) {
          const key = `${set}#${p.position}`;
          const other = seen.get(key);
          if (other !== undefined) clashes.push(`${entry.name}: -${other} and -${name}`);
          seen.set(key, name);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('aliases made with New-Alias lead to their function', () => {
    expect(cmdlet('Enable-PodeRequestLogging').name).toBe('Enable-PodeLogRequestType');
    expect(cmdlet('Enable-PodeLogRequestType').aliases).toContain('Enable-PodeRequestLogging');
  });
});

describe('findCmdlet', () => {
  it('finds a function whatever its case', () => {
    expect(findCmdlet('add-poderoute')?.name).toBe('Add-PodeRoute');
    expect(findCmdlet('ADD-PODEROUTE')?.name).toBe('Add-PodeRoute');
  });

  it('answers undefined for a name that is not a Pode function', () => {
    expect(findCmdlet('Get-ChildItem')).toBeUndefined();
    expect(findCmdlet('')).toBeUndefined();
    expect(findCmdlet('Add-PodeRou')).toBeUndefined();
  });
});

describe('resolveParameter', () => {
  const route = () => cmdlet('Add-PodeRoute');

  it('matches an exact name case-insensitively, with or without the dash', () => {
    expect(resolveParameter(route(), '-method')).toMatchObject({
      kind: 'parameter',
      name: 'Method',
    });
    expect(resolveParameter(route(), 'PATH')).toMatchObject({ kind: 'parameter', name: 'Path' });
  });

  it('matches an alias and a unique prefix of a name or alias', () => {
    expect(resolveParameter(route(), '-Auth')).toMatchObject({ name: 'Authentication' });
    expect(resolveParameter(route(), '-Authent')).toMatchObject({ name: 'Authentication' });
    expect(resolveParameter(route(), '-Scr')).toMatchObject({ name: 'ScriptBlock' });
    expect(resolveParameter(route(), '-Meth')).toMatchObject({ name: 'Method' });
  });

  it('an exact name wins over a longer one it prefixes', () => {
    // -Log prefixes both -Login and -Logout.
    expect(resolveParameter(route(), '-Login')).toMatchObject({ name: 'Login' });
    expect(resolveParameter(route(), '-Log')).toEqual({
      kind: 'ambiguous',
      candidates: ['Login', 'Logout'],
    });
  });

  it('a declared parameter wins over common parameters sharing its prefix', () => {
    // -E prefixes EndpointName, ErrorContentType and ErrorAction/ErrorVariable: ambiguous;
    // -En only EndpointName.
    expect(resolveParameter(route(), '-En')).toMatchObject({ name: 'EndpointName' });
    expect(resolveParameter(route(), '-E').kind).toBe('ambiguous');
    // -Us: User only among declared ones (common parameters do not start with Us).
    expect(resolveParameter(route(), '-Us')).toMatchObject({ name: 'User' });
    // -Ve prefixes only the common -Verbose.
    expect(resolveParameter(route(), '-Ve')).toEqual({ kind: 'common', name: 'Verbose' });
    expect(resolveParameter(route(), '-ea')).toEqual({ kind: 'common', name: 'ErrorAction' });
  });

  it('answers unknown for a name no parameter has', () => {
    expect(resolveParameter(route(), '-Nope')).toEqual({ kind: 'unknown' });
    expect(resolveParameter(route(), '-')).toEqual({ kind: 'unknown' });
  });
});
