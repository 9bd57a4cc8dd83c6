/**
 * [Math], Get-Random, Start-Sleep, New-Guid, the Write-* cmdlets, and the package entry: the
 * root `pode-ts` import does not load the PowerShell runtime.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  dateTimeParse,
  getRandom,
  mathAbs,
  mathCeiling,
  mathFloor,
  mathMax,
  mathMin,
  mathPow,
  mathRound,
  mathSqrt,
  mathTruncate,
  newGuid,
  PowerShellError,
  setVerbosePreference,
  startSleep,
  writeError,
  writeHost,
  writeVerbose,
  writeWarning,
} from '../../src/powershell/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

afterEach(() => {
  vi.restoreAllMocks();
  setVerbosePreference(false);
});

describe('[Math]', () => {
  it('Round is banker\u2019s rounding, with digits computed as .NET does', () => {
    expect(mathRound(2.5)).toBe(2);
    expect(mathRound(3.5)).toBe(4);
    expect(mathRound(-2.5)).toBe(-2);
    expect(mathRound(1.25, 1)).toBe(1.2);
    expect(mathRound(1.35, 1)).toBe(1.4);
    expect(mathRound(2.675, 2)).toBe(2.68); // 2.675 * 100 is exactly 267.5 in doubles, a tie
    expect(mathRound('7.5')).toBe(8);
    expect(() => mathRound(1, 16)).toThrow(PowerShellError);
  });

  it('the other methods convert their arguments as PowerShell does', () => {
    expect(mathFloor('2.7')).toBe(2);
    expect(mathCeiling(2.1)).toBe(3);
    expect(mathTruncate(-2.7)).toBe(-2);
    expect(mathAbs(-3)).toBe(3);
    expect(mathMax(1, '5')).toBe(5);
    expect(mathMin(1, 5)).toBe(1);
    expect(mathPow(2, 10)).toBe(1024);
    expect(mathSqrt(16)).toBe(4);
    expect(mathSqrt(-1)).toBeNaN();
  });

  it('Round at 0 digits is the nearest integer, ties to the even one', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (value) => {
        const rounded = mathRound(value);
        expect(Number.isInteger(rounded)).toBe(true);
        expect(Math.abs(rounded - value)).toBeLessThanOrEqual(0.5);
        if (Math.abs(rounded - value) === 0.5) expect(rounded % 2 === 0).toBe(true);
      }),
    );
  });

  it('[DateTime]::Parse reads the invariant formats', () => {
    expect(dateTimeParse('2024-01-05T00:00:00Z').getTime()).toBe(Date.UTC(2024, 0, 5));
    expect(() => dateTimeParse('soon')).toThrow(/not recognized as a valid DateTime/);
  });
});

describe('Get-Random, New-Guid, Start-Sleep', () => {
  it('Get-Random: integers in [min, max), items of -InputObject, -Count distinct items', () => {
    for (let index = 0; index < 200; index++) {
      const value = getRandom({ minimum: 1, maximum: 3 });
      expect([1, 2]).toContain(value);
    }
    expect(getRandom({ maximum: 1 })).toBe(0);
    const double = getRandom({ minimum: 0.5, maximum: 0.75 });
    expect(double).toBeGreaterThanOrEqual(0.5);
    expect(double).toBeLessThan(0.75);
    expect(['a', 'b']).toContain(getRandom({ inputObject: ['a', 'b'] }));
    const picked = getRandom({ inputObject: [1, 2, 3, 4], count: 4 });
    expect([...picked].sort()).toEqual([1, 2, 3, 4]);
    expect(getRandom({ count: 3, maximum: 10 })).toHaveLength(3);
    expect(() => getRandom({ minimum: 5, maximum: 5 })).toThrow(
      'The Minimum value (5) cannot be greater than or equal to the Maximum value (5).',
    );
  });

  it('New-Guid gives a version-4 GUID in the D form', () => {
    expect(newGuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(newGuid()).not.toBe(newGuid());
  });

  it('Start-Sleep waits for seconds and milliseconds', async () => {
    const started = performance.now();
    await startSleep({ seconds: 0.02, milliseconds: 20 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });
});

describe('Write-Host and friends', () => {
  it('Write-Host prints values as PowerShell strings joined by spaces on stdout', () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    writeHost('a', 1, [2, 3], true, null);
    expect(out).toHaveBeenCalledWith('a 1 2 3 True \n');
  });

  it('Write-Warning and Write-Error go to stderr; Write-Verbose only when switched on', () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    writeWarning('careful');
    writeError('broken');
    writeVerbose('hidden');
    setVerbosePreference(true);
    writeVerbose('shown');
    expect(err.mock.calls.map(([text]) => text)).toEqual([
      'WARNING: careful\n',
      'Write-Error: broken\n',
      'VERBOSE: shown\n',
    ]);
  });
});

describe('the package entry points', () => {
  it('package.json exports pode-ts/powershell with types, like pode-ts/redis', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      exports: Record<string, { types: string; import: string }>;
    };
    expect(manifest.exports['./powershell']).toEqual({
      types: './dist/powershell/index.d.ts',
      import: './dist/powershell/index.js',
    });
  });

  it('nothing the root pode-ts module imports statically reaches src/powershell (a hello-world does not load it; .pode views import it on first render)', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const [, specifier] of source.matchAll(/(?:from|import)\s+'(\.{1,2}\/[^']+)'/g)) {
        visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      }
    };
    visit(join(root, 'src', 'index.ts'));
    expect(seen.size).toBeGreaterThan(5);
    const reached = [...seen].filter((file) => file.includes(`${join('src', 'powershell')}`));
    expect(reached).toEqual([]);
  });
});
