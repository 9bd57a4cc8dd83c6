import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeParameterName, firstError, parsePowerShell } from '../../src/port/parser.js';
import { lineColumn } from '../../src/port/positions.js';

async function clean(source: string) {
  const parsed = await parsePowerShell(source);
  return { parsed, error: firstError(parsed.root) };
}

describe('the repair pass closes the grammar gaps', () => {
  it('a comment-only script block parses', async () => {
    const { parsed, error } = await clean(
      "Add-PodeRoute -Method Get -Path '/' -ScriptBlock {\n    # logic\n}\n",
    );
    expect(error).toBeUndefined();
    expect(parsed.repairs.some((r) => r.startsWith('empty block'))).toBe(true);
  });

  it('an empty script block parses', async () => {
    expect(
      (await clean("Add-PodeRoute -Method Get -Path '/' -ScriptBlock { }\n")).error,
    ).toBeUndefined();
  });

  it('a bareword comma list becomes a list of strings', async () => {
    const { parsed, error } = await clean(
      "Add-PodeRoute -Method Get, Post -Path '/' -ScriptBlock { 1 }\n",
    );
    expect(error).toBeUndefined();
    expect(parsed.text).toContain("-Method 'Get', 'Post' -Path");
  });

  it('a leading-pipe continuation joins the lines', async () => {
    const { error } = await clean('$x = Get-Thing\n    | Where-Object { $_ }\n');
    expect(error).toBeUndefined();
  });

  it('one-line switch clauses parse', async () => {
    const { error } = await clean("switch ($v) { 'a' { 1 } default { 2 } }\n");
    expect(error).toBeUndefined();
  });

  it('param() followed by a statement on the same line parses', async () => {
    const { error } = await clean('function Get-Thing { param([string]$Name) return $Name }\n');
    expect(error).toBeUndefined();
  });

  it('a parameter name with digits stays one parameter (-OAuth2, -Sha256)', async () => {
    const { parsed, error } = await clean(
      "New-PodeAuthScheme -OAuth2 -ClientId 'a'\nProtect-PodeValue -Sha256 'x'\n",
    );
    expect(error).toBeUndefined();
    const names: string[] = [];
    const visit = (node: NonNullable<typeof parsed.root>) => {
      if (node.type === 'command_parameter') names.push(decodeParameterName(node.text));
      for (const child of node.namedChildren) if (child !== null) visit(child);
    };
    visit(parsed.root);
    expect(names).toEqual(['-OAuth2', '-ClientId', '-Sha256']);
    // '-Sha256 x' used to parse as -Sha with the argument 256, without an error
    expect(parsed.repairs.filter((r) => r.startsWith('parameter '))).toHaveLength(2);
    const at = parsed.text.indexOf('-ClientId');
    expect(parsed.positions.toOriginal(at)).toBe(
      "New-PodeAuthScheme -OAuth2 -ClientId 'a'".indexOf('-ClientId'),
    );
  });

  it('a bareword before a comma and a non-bareword value is quoted (`Select-Object Name, @{…}`)', async () => {
    const { parsed, error } = await clean(
      "$top = Get-Thing | Select-Object Name, @{ e = { $_.Size / 1mb }; n = 'MB' } | Sort-Object MB\n",
    );
    expect(error).toBeUndefined();
    expect(parsed.text).toContain("Select-Object 'Name', @{");
    // the words after the list keep their place in the original text
    expect(parsed.positions.toOriginal(parsed.text.indexOf('Sort-Object'))).toBe(
      "$top = Get-Thing | Select-Object Name, @{ e = { $_.Size / 1mb }; n = 'MB' } | ".length,
    );
  });

  it('a statement keyword glued to a closing brace (`}try {`) starts a new statement', async () => {
    const { parsed, error } = await clean(
      'Start-PodeServer {\n    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http\n}try {\n    $a = 1\n}\ncatch { throw }\n',
    );
    expect(error).toBeUndefined();
    expect(parsed.text).toContain('}\ntry {');
    expect(parsed.root.namedChildren[0]?.namedChildren.map((n) => n?.type)).toContain(
      'try_statement',
    );
  });

  it('`}try` inside a string is left alone', async () => {
    const { parsed, error } = await clean("$s = '}try {'\n");
    expect(error).toBeUndefined();
    expect(parsed.repairs).toEqual([]);
  });

  it('a real syntax error stays an error, at its place in the original text', async () => {
    const source =
      "Add-PodeRoute -Method Get, Post -Path '/' -ScriptBlock {\n    # logic\n}\nif ( {\n";
    const { parsed, error } = await clean(source);
    expect(error).toBeDefined();
    const at = lineColumn(source, parsed.positions.toOriginal(error?.startIndex ?? 0));
    expect(at.line).toBeGreaterThanOrEqual(4);
  });

  it('positions map back through repairs: every original offset survives a round trip', async () => {
    const source =
      "Add-PodeRoute -Method Get, Post -Path '/' -ScriptBlock {\n    # logic\n}\n$after = 1\n";
    const { parsed } = await clean(source);
    const repairedAt = parsed.text.indexOf('$after');
    expect(parsed.positions.toOriginal(repairedAt)).toBe(source.indexOf('$after'));
  });

  it('any text gets a tree and never throws (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (text) => {
        const parsed = await parsePowerShell(text);
        expect(['program', 'ERROR']).toContain(parsed.root.type);
      }),
      { numRuns: 60 },
    );
  });
});
