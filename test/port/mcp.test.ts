/** The converter on Pode's MCP cmdlets: groups, tools, -AutoSchema, piped properties, the route. */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/port/index.js';

async function setup(body: string) {
  return convert(`Start-PodeServer {\n${body}\n}\n`, { file: 'server.ps1' });
}

describe('pode-ts port: MCP', () => {
  it('-AutoSchema reads arrays, counts, lengths and DontShow from the param block', async () => {
    const result = await setup(
      [
        "    Add-PodeMcpGroup -Name 'G'",
        "    Add-PodeMcpTool -Name 'T' -Description 'd' -Group 'G' -AutoSchema -ScriptBlock {",
        '        param(',
        "            [Parameter(Mandatory, HelpMessage = 'Some tags')]",
        '            [ValidateCount(1, 3)]',
        '            [string[]]$Tags,',
        '            [ValidateLength(2, 8)]',
        '            [string]$Code,',
        '            [double]$Ratio,',
        '            [Parameter(DontShow = $true)]',
        '            [bool]$Hidden',
        '        )',
        '        return New-PodeMcpTextContent -Value $Tags',
        '    }',
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain(
      "Tags: newJsonSchemaArray(newJsonSchemaString(), { description: 'Some tags', minItems: 1, maxItems: 3 })",
    );
    expect(result.code).toContain('Code: newJsonSchemaString({ minLength: 2, maxLength: 8 })');
    expect(result.code).toContain('Ratio: newJsonSchemaNumber()');
    expect(result.code).not.toContain('Hidden: newJsonSchema');
    expect(result.code).toContain("required: ['Tags']");
    expect(result.code).toMatch(
      /async \(\{ Tags: tags, Code: code, Ratio: ratio, Hidden: hidden \}/,
    );
  });

  it('-AutoSchema on a parameter of another type stays a TODO, as Pode refuses it', async () => {
    const result = await setup(
      [
        "    Add-PodeMcpGroup -Name 'G'",
        "    Add-PodeMcpTool -Name 'T' -Description 'd' -Group 'G' -AutoSchema -ScriptBlock {",
        '        param([hashtable]$Options)',
        "        return 'x'",
        '    }',
      ].join('\n'),
    );
    expect(result.todos).toBeGreaterThan(0);
    expect(result.messages.some((m) => /\[hashtable\]/.test(m.message))).toBe(true);
  });

  it('Resolve-PodeMcpRequest in a route becomes e.resolveMcpRequest, awaited', async () => {
    const result = await setup(
      [
        "    Add-PodeMcpGroup -Name 'G'",
        "    Add-PodeRoute -Method Post -Path '/mcp' -ScriptBlock { Resolve-PodeMcpRequest -Group 'G' -ServerName 'S' }",
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain("await e.resolveMcpRequest({ group: 'G', serverName: 'S' });");
  });

  it('piping Add-PodeMcpTool into something other than Add-PodeMcpToolProperty is a TODO', async () => {
    const result = await setup(
      [
        "    Add-PodeMcpGroup -Name 'G'",
        "    Add-PodeMcpTool -Name 'T' -Description 'd' -Group 'G' -ScriptBlock { 'x' } -PassThru | Out-Default",
      ].join('\n'),
    );
    expect(result.todos).toBeGreaterThan(0);
  });
});
