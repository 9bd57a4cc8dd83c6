/**
 * The converter on the second round of OpenAPI cmdlets: viewers (-Editor, -Bookmarks, the old
 * Enable-PodeOpenApiViewer name), -NoDefaultResponses, external docs as values, -Object,
 * component parameters and -Reference, webhooks, ConvertTo-PodeRoute, Write-PodeHost -Explode and
 * Invoke-RestMethod.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/port/index.js';

async function setup(body: string, before = '') {
  return convert(`${before}Start-PodeServer {\n${body}\n}\n`, { file: 'api.ps1' });
}

function todoMessages(result: Awaited<ReturnType<typeof convert>>): string[] {
  return result.messages.filter((m) => m.kind === 'todo').map((m) => m.message);
}

describe('pode-ts port: OpenAPI viewers, webhooks and values', () => {
  it('translates the editor, bookmarks and the old viewer name', async () => {
    const result = await setup(
      [
        "    Enable-PodeOpenApi -Title 'x' -NoDefaultResponses",
        "    Enable-PodeOAViewer -Editor -Path '/docs/editor'",
        "    Enable-PodeOAViewer -Bookmarks -Path '/docs' -NoAdvertise",
        '    Enable-PodeOpenApiViewer -Type StopLight',
      ].join('\n'),
    );
    expect(todoMessages(result)).toEqual([]);
    expect(result.code).toContain("s.enableOpenApi({ title: 'x', noDefaultResponses: true });");
    expect(result.code).toContain("s.enableOAViewer({ editor: true, path: '/docs/editor' });");
    expect(result.code).toContain("s.enableOAViewer({ bookmarks: true, path: '/docs' });");
    expect(result.code).toContain("s.enableOAViewer({ type: 'stoplight' });");
  });

  it('an external doc made then piped, -Object, a piped component parameter and -Reference', async () => {
    const result = await setup(
      [
        "    $doc = New-PodeOAExternalDoc -Url 'https://example.com' -Description 'More'",
        '    $doc | Add-PodeOAExternalDoc',
        "    New-PodeOAIntProperty -Name 'id' -Required | ConvertTo-PodeOAParameter -In Path | Add-PodeOAComponentParameter -Name 'Id'",
        "    $p = ConvertTo-PodeOAParameter -Reference 'Id'",
        "    $o = New-PodeOAIntProperty -Name 'userId' -Object",
      ].join('\n'),
    );
    expect(todoMessages(result)).toEqual([]);
    expect(result.code).toContain(
      "doc = newOAExternalDoc({ url: 'https://example.com', description: 'More' });",
    );
    expect(result.code).toContain('s.addOAExternalDoc({ externalDoc: doc });');
    expect(result.code).toContain(
      "s.addOAComponentParameter('Id', convertToOAParameter('path', newOAIntProperty({ name: 'id', required: true })));",
    );
    expect(result.code).toContain("p = convertToOAParameter({ reference: 'Id' });");
    expect(result.code).toContain("o = newOAIntProperty({ name: 'userId', object: true });");
  });

  it('-Reference with other parameters stays a TODO (a reference carries nothing else)', async () => {
    const result = await setup("    $p = ConvertTo-PodeOAParameter -Reference 'Id' -Required");
    expect(todoMessages(result).join('\n')).toMatch(/-Reference with -Required/);
  });

  it('a webhook pipeline describes the webhook by { method, webhook }', async () => {
    const result = await setup(
      [
        "    Enable-PodeOpenApi -Title 'x' -OpenApiVersion '3.1.0'",
        "    Add-PodeOAWebhook -Name 'hook' -Method Post -PassThru |",
        "        Set-PodeOARouteInfo -Summary 'A hook' -PassThru |",
        '        Add-PodeOAResponse -StatusCode 200',
      ].join('\n'),
    );
    expect(todoMessages(result)).toEqual([]);
    expect(result.code).toContain("s.addOAWebhook('hook', { method: 'POST' });");
    expect(result.code).toContain(
      "s.setOARouteInfo({ method: 'POST', webhook: 'hook' }, { summary: 'A hook' });",
    );
    expect(result.code).toContain("s.addOAResponse({ method: 'POST', webhook: 'hook' }, 200);");
  });

  it('Write-PodeHost -Explode and Invoke-RestMethod in a route', async () => {
    const result = await setup(
      [
        "    Add-PodeRoute -Method Post -Path '/' -ScriptBlock {",
        "        $r = Invoke-RestMethod -Uri 'http://localhost:9000/x' -Method Post -Body 'b' -ContentType 'text/plain' -Headers @{ A = '1' }",
        '        Write-PodeHost $r -Explode -Label data',
        '    }',
      ].join('\n'),
    );
    expect(todoMessages(result)).toEqual([]);
    expect(result.code).toContain(
      "r = await invokeRestMethod('http://localhost:9000/x', { method: 'Post', body: 'b', contentType: 'text/plain', headers: { A: '1' } });",
    );
    expect(result.code).toContain("writePodeHost(r, { explode: true, label: 'data' });");
  });
});

describe('pode-ts port: ConvertTo-PodeRoute', () => {
  const functions = [
    'function Get-Greeting { param([string]$Name = \'you\') return @{ message = "hello $Name" } }',
    'function Remove-Item2 { param($Id) }',
    '',
  ].join('\n');

  it('turns script functions into a table of wrappers binding the parameters by name', async () => {
    const result = await setup(
      "    ConvertTo-PodeRoute -Commands @('Get-Greeting', 'Remove-Item2') -Path '/api' -NoVerb -Authentication Login",
      functions,
    );
    expect(todoMessages(result)).toEqual([]);
    expect(result.code).toContain(
      "'Get-Greeting': (p: Record<string, any>) => getGreeting(p.Name)",
    );
    expect(result.code).toContain("'Remove-Item2': (p: Record<string, any>) => removeItem2(p.Id)");
    expect(result.code).toContain("{ path: '/api', noVerb: true, authentication: 'Login' }");
  });

  it("leaves PowerShell's own cmdlets and -Module as TODOs saying why", async () => {
    const cmdlets = await setup(
      "    ConvertTo-PodeRoute -Commands @('Get-ChildItem', 'Get-Greeting')",
      functions,
    );
    expect(todoMessages(cmdlets).join('\n')).toMatch(/Get-ChildItem: not a function of the script/);
    // the cmdlet's route still exists (the server starts) and throws the TODO per request
    expect(cmdlets.code).toMatch(
      /'Get-ChildItem': \(\) => \{\s*\/\/ TODO\(port\): Get-ChildItem is a PowerShell cmdlet\s*throw new PodeError\(\s*'PODE_ERR_NOT_PORTED'/,
    );
    expect(cmdlets.code).toContain(
      "'Get-Greeting': (p: Record<string, any>) => getGreeting(p.Name)",
    );
    const module = await setup('    ConvertTo-PodeRoute -Module Pester');
    expect(todoMessages(module).join('\n')).toMatch(/-Module: a PowerShell module/);
  });
});
