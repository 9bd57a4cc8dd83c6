import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { splitEpsTemplate } from '../../src/port/features/eps-views.js';
import { convert } from '../../src/port/index.js';

async function setup(body: string, before = '') {
  return convert(`${before}Start-PodeServer {\n${body}\n}\n`, { file: 'site.ps1' });
}

const EPS_ENGINE = [
  '    Set-PodeViewEngine -Type EPS -ScriptBlock {',
  '        param($path, $data)',
  '        $template = Get-Content -Path $path -Raw -Force',
  '        if ($null -eq $data) { return (Invoke-EpsTemplate -Template $template) }',
  '        return (Invoke-EpsTemplate -Template $template -Binding $data)',
  '    }',
].join('\n');

describe('pode-ts port: EPS and PSHTML template modules', () => {
  it('drops Import-Module EPS/PSHTML with a note and maps their view engine script blocks', async () => {
    const eps = await setup(EPS_ENGINE, 'Import-Module -Name EPS -ErrorAction Stop\n');
    expect(eps.todos).toBe(0);
    expect(eps.code).toContain("s.setViewEngine({ type: 'eps' });");
    expect(eps.code).toContain('// Import-Module EPS dropped');
    expect(eps.code).not.toContain('Invoke');
    const pshtml = await setup(
      '    Set-PodeViewEngine -Type PSHTML -Extension PS1 -ScriptBlock {\n        param($path, $data)\n        return [string](. $path $data)\n    }',
      'Import-Module PSHTML\n',
    );
    expect(pshtml.todos).toBe(0);
    expect(pshtml.code).toContain("s.setViewEngine({ type: 'pshtml', extension: 'ps1' });");
  });

  it('keeps a script block that does more than hand the file to EPS as a TODO, not the eps engine', async () => {
    const helpers = await setup(
      "    Set-PodeViewEngine -Type EPS -ScriptBlock {\n        param($path, $data)\n        Invoke-EpsTemplate -Path $path -Binding $data -Helpers @{ x = 'y' }\n    }",
    );
    expect(helpers.code).not.toContain("type: 'eps' }");
    expect(helpers.todos).toBeGreaterThan(0);
    const other = await setup(
      "    Set-PodeViewEngine -Type EPS -ScriptBlock {\n        param($path, $data)\n        Write-Host 'x'\n        Invoke-EpsTemplate -Path $path -Binding $data\n    }",
    );
    expect(other.code).not.toContain("type: 'eps' }");
  });

  it('another PowerShell module is still a TODO', async () => {
    const result = await setup(
      '    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http',
      'Import-Module ActiveDirectory\n',
    );
    expect(result.todos).toBe(1);
    expect(result.code).toContain('Not ported: Import-Module ActiveDirectory');
  });

  it('Get-Module lists the imported modules (by -Name with wildcards); -ListAvailable is a TODO', async () => {
    const result = await setup(
      [
        "    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {",
        '        $all = Get-Module',
        "        $some = Get-Module -Name 'E*'",
        '    }',
        "    Add-PodeRoute -Method Get -Path '/all' -ScriptBlock {",
        '        $available = Get-Module -ListAvailable',
        '    }',
      ].join('\n'),
      'Import-Module EPS\n',
    );
    expect(result.todos).toBe(1);
    expect(result.code).toContain(
      "const all = [{ Name: 'Pode', ModuleType: 'Script' }, { Name: 'EPS', ModuleType: 'Script' }];",
    );
    expect(result.code).toMatch(/\.filter\(\(m\) => like\(m\.Name, ["']E\*["']\)\)/);
    expect(result.code).toContain('Not ported: Get-Module');
  });
});

describe('EPS tag rules', () => {
  it('splits text, expressions and code as EPS does', () => {
    // `-%>` drops the line break after it, `<%-` the spaces before it, `<%#` writes nothing
    expect(splitEpsTemplate('a <%= $x -%>\nb <%# c %>\n  <%- $y = 1 -%>\n<%% d %%>')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'expression', code: '$x', offset: 5 },
      { kind: 'text', text: 'b \n' },
      { kind: 'code', code: '$y = 1', offset: 29 },
      { kind: 'text', text: '<% d %>' },
    ]);
    // `-%>` followed by spaces keeps them and the line break, as EPS does
    expect(splitEpsTemplate('<% $a -%>  \nz')).toEqual([
      { kind: 'code', code: '$a', offset: 2 },
      { kind: 'text', text: '  \nz' },
    ]);
  });
});

describe('a server with the eps engine but no EPS view', () => {
  it('does not load the converter or its grammar', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pode-ts-lazy-'));
    const hooks = join(dir, 'hooks.mjs');
    const log = join(dir, 'loaded.txt');
    writeFileSync(
      hooks,
      `import { appendFileSync } from 'node:fs';\nexport async function resolve(specifier, context, next) {\n  const result = await next(specifier, context);\n  appendFileSync(${JSON.stringify(log)}, result.url + '\\n');\n  return result;\n}\n`,
    );
    const index = pathToFileURL(resolve('dist/index.js')).href;
    const script = `
      import { register } from 'node:module';
      register(${JSON.stringify(pathToFileURL(hooks).href)});
      const { startServer } = await import(${JSON.stringify(index)});
      const server = await startServer((s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.setViewEngine({ type: 'eps' });
        s.addRoute('GET', '/', (e) => e.writeText('hello'));
      }, { logger: false, handleSignals: false });
      const text = await (await fetch(server.url)).text();
      await server.stop();
      console.log(text);
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.stdout.trim()).toBe('hello');
    const loaded = readFileSync(log, 'utf8');
    expect(loaded).toContain('dist/index.js');
    expect(loaded).not.toMatch(/web-tree-sitter|dist\/port\/|tree-sitter-powershell/);
  });
});
