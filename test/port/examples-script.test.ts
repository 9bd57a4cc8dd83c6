import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closingLine, listServers, staticGetRoutes } from '../../scripts/port-examples.mjs';

// scripts/port-examples.mjs measures issue 15's target on a folder of real Pode scripts; these
// are its pure parts (which scripts are servers, which routes it requests, the closing line).

describe('port-examples: staticGetRoutes', () => {
  it('takes literal GET paths and skips parameters, wildcards, variables and other methods', () => {
    const source = [
      "Add-PodeRoute -Method Get -Path '/' -ScriptBlock { Write-PodeTextResponse -Value 'hi' }",
      'Add-PodeRoute -Method Get -Path "/about" -ScriptBlock {',
      '}',
      "Add-PodeRoute -Method Post -Path '/form' -ScriptBlock { }",
      "Add-PodeRoute -Method Get, Post -Path '/both' -ScriptBlock { }",
      "Add-PodeRoute -Method * -Path '/any' -ScriptBlock { }",
      "Add-PodeRoute -Method Get -Path '/users/:id' -ScriptBlock { }",
      "Add-PodeRoute -Method Get -Path '/files/*' -ScriptBlock { }",
      'Add-PodeRoute -Method Get -Path "/$prefix/x" -ScriptBlock { }',
      "Add-PodeRoute -Method 'GET' `",
      "    -Path '/continued' -ScriptBlock { }",
      "Add-PodeRoute -Method Get -Path '/' -ScriptBlock { } # twice, kept once",
    ].join('\n');
    expect(staticGetRoutes(source)).toEqual(['/', '/about', '/both', '/any', '/continued']);
  });

  it('finds nothing in a script without routes', () => {
    expect(staticGetRoutes('Start-PodeServer { Add-PodeEndpoint -Address * -Port 8080 }')).toEqual(
      [],
    );
  });
});

describe('port-examples: listServers and closingLine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'port-examples-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists only the .ps1 files that start a server, in sub-folders too, sorted', () => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'b.ps1'), 'Start-PodeServer { }');
    writeFileSync(join(dir, 'sub', 'a.ps1'), 'start-podeserver -Threads 2 { }');
    writeFileSync(join(dir, 'helpers.ps1'), 'function Get-Thing { 1 }');
    writeFileSync(join(dir, 'notes.txt'), 'Start-PodeServer');
    expect(listServers(dir)).toEqual(['b.ps1', join('sub', 'a.ps1')]);
  });

  it('totals with percentages', () => {
    const line = closingLine({
      servers: 4,
      withoutTodo: 3,
      typecheck: 4,
      both: 3,
      start: 2,
      answer: 2,
      noServerError: 1,
    });
    expect(line).toBe(
      'examples: 4 servers, 3 (75 %) without TODO, 4 (100 %) type-check, 3 (75 %) both, 2 (50 %) start, 2 (50 %) answer every static GET route (1 with no 5xx)',
    );
  });
});
