import { describe, expect, it } from 'vitest';
import { convert } from '../../src/port/index.js';

/** Converts one route body and returns the handler's lines. */
async function route(body: string) {
  const source = `Start-PodeServer {\n    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {\n${body}\n    }\n}\n`;
  return convert(source, { file: 'snippet.ps1', catalogue: { cmdlets: {} } });
}

describe('the emitter', () => {
  it('Pode DSL: endpoint, session, route with e, JSON with status', async () => {
    const result = await convert(
      "Start-PodeServer -Threads 2 {\n    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http\n    Enable-PodeSessionMiddleware -Duration 120 -Extend\n    Add-PodeRoute -Method Get, Post -Path '/x' -ScriptBlock { Write-PodeJsonResponse -Value @{ Ok = $true } -StatusCode 201 }\n}\n",
      { file: 'dsl.ps1', catalogue: { cmdlets: {} } },
    );
    expect(result.code).toContain(
      "s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });",
    );
    expect(result.code).toContain('s.enableSessionMiddleware({ duration: 120, extend: true });');
    expect(result.code).toContain(
      "s.addRoute({ method: ['GET', 'POST'], path: '/x' }, async (e) => {",
    );
    expect(result.code).toContain('e.writeJson({ Ok: true }, { statusCode: 201 });');
    expect(result.code).toMatch(/^}\);$/m);
    expect(result.messages[0].message).toMatch(/^Start-PodeServer -Threads left out/);
    expect(result.todos).toBe(0);
  });

  it('$session: keys become e.session.data with a SessionData declaration; a second spelling is reported', async () => {
    const result = await route('        $session:Views++\n        $x = $session:views');
    expect(result.code).toContain('e.session.data.views = (e.session.data.views ?? 0) + 1;');
    expect(result.code).toMatch(/interface SessionData \{\n\s+views\?: any;/);
    expect(
      result.messages.some((m) => m.message.includes('session key views is also spelled Views')),
    ).toBe(true);
  });

  it('string comparison keeps PowerShell semantics through the runtime; numbers compare inline', async () => {
    const result = await route(
      "        if ($WebEvent.Query['name'] -eq 'Bob' -and 1 -lt 2) { Write-PodeTextResponse -Value 'yes' }",
    );
    expect(result.code).toContain("if (eq(e.query.name, 'Bob') && 1 < 2) {");
    expect(result.code).toContain("import { eq } from 'pode-ts/powershell';");
  });

  it('expandable strings become template literals, -f becomes format()', async () => {
    const result = await route(
      '        $n = 3\n        $a = "n=$n and $($n + 1)"\n        $b = "{0:N2}" -f $n',
    );
    // $n is assigned once, a number: no conversion needed
    expect(result.code).toContain('`n=\u0024{n} and \u0024{n + 1}`');
    expect(result.code).toContain("format('{0:N2}', n)");
  });

  it('an unknown cmdlet is a TODO with the original text, a PodeError throw, and a message at its position', async () => {
    const result = await route('        Invoke-Nothing -Now');
    expect(result.code).toContain('// TODO(port): Invoke-Nothing -Now');
    expect(result.code).toContain(
      "throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: Invoke-Nothing (no equivalent in pode-ts)');",
    );
    expect(result.messages).toEqual([
      {
        file: 'snippet.ps1',
        line: 3,
        column: 9,
        message: 'not translated: Invoke-Nothing (no equivalent in pode-ts)',
        kind: 'todo',
      },
    ]);
    expect(result.todos).toBe(1);
  });

  it('the js language drops type-only parts', async () => {
    const result = await convert('Start-PodeServer {\n    Add-PodeEndpoint -Port 8080\n}\n', {
      file: 'a.ps1',
      language: 'js',
      catalogue: { cmdlets: {} },
    });
    expect(result.code).not.toMatch(/ServerBuilder|: any|declare module/);
    expect(result.code).toContain('await startServer(async (s) => {');
  });
});
