/** External programs as PowerShell runs them: output lines, a missing program, Get-Command, ANSI stripping. */
import { describe, expect, it } from 'vitest';
import {
  convertFromJson,
  getCommand,
  invokeNative,
  stripAnsi,
} from '../../src/powershell/index.js';

const node = process.execPath;

describe('invokeNative', () => {
  it('no output is null, one line a string, more lines an array; arguments become strings', async () => {
    expect(await invokeNative(node, ['-e', ''])).toBeNull();
    expect(
      await invokeNative(node, ['-e', 'console.log(process.argv[1] + process.argv[2])', 4, true]),
    ).toBe('4True');
    expect(await invokeNative(node, ['-e', 'console.log("a\\nb")'])).toEqual(['a', 'b']);
  });

  it('a non-zero exit code is not an error: the output still comes back', async () => {
    expect(await invokeNative(node, ['-e', 'console.log("partial"); process.exit(3)'])).toBe(
      'partial',
    );
  });

  it('a program that does not exist throws PowerShell’s CommandNotFoundException', async () => {
    await expect(invokeNative('no-such-program-pode', [])).rejects.toMatchObject({
      errorId: 'CommandNotFoundException',
    });
  });

  it('several lines of JSON piped to ConvertFrom-Json are one document', async () => {
    const lines = await invokeNative(node, [
      '-e',
      'console.log(JSON.stringify({ a: { b: 1 } }, null, 2))',
    ]);
    expect(Array.isArray(lines)).toBe(true);
    expect(convertFromJson(lines as string[])).toEqual({ a: { b: 1 } });
  });
});

describe('getCommand and stripAnsi', () => {
  it('finds a program on the PATH; a missing one is null, or throws with errorAction Stop', () => {
    const found = getCommand(node);
    expect(found?.CommandType).toBe('Application');
    expect(getCommand('no-such-program-pode')).toBeNull();
    expect(() => getCommand('no-such-program-pode', { errorAction: 'Stop' })).toThrow(
      /not recognized/,
    );
  });

  it('removes colour and hyperlink escapes, and makes null the empty string', () => {
    expect(
      stripAnsi('\u001b[31mred\u001b[0m and \u001b]8;;http://x\u0007link\u001b]8;;\u0007'),
    ).toBe('red and link');
    expect(stripAnsi(null)).toBe('');
  });
});
