import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dotSourcePath, rootVariables } from '../../src/port/includes.js';
import { convert } from '../../src/port/index.js';

const LOADER = `try {
    $ScriptPath = (Split-Path -Parent -Path $MyInvocation.MyCommand.Path)
    $podePath = Split-Path -Parent -Path $ScriptPath
    if (Test-Path -Path "$($podePath)/src/Pode.psm1" -PathType Leaf) {
        Import-Module "$($podePath)/src/Pode.psm1" -Force -ErrorAction Stop
    }
    else {
        Import-Module -Name 'Pode' -MaximumVersion 2.99 -ErrorAction Stop
    }
}
catch { throw }
`;

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A script folder with files beside the script; returns the script's path. */
function scriptFolder(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'pode-ts-port-'));
  folders.push(folder);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  return join(folder, 'server.ps1');
}

async function port(source: string, files: Record<string, string> = {}) {
  const file = scriptFolder({ 'server.ps1': source, ...files });
  return convert(source, { file });
}

describe('where the script is: Split-Path and $MyInvocation', () => {
  it('the loader block keeps the path variables the script reads, as node:path', async () => {
    const result = await port(
      `${LOADER}$site = Split-Path -Parent -Path $podePath\nStart-PodeServer {\n    Add-PodeStaticRoute -Path '/files' -Source $site\n}\n`,
    );
    expect(result.messages.filter((m) => m.kind === 'todo').map((m) => m.message)).toEqual([]);
    expect(result.code).toContain('const scriptPath = import.meta.dirname;');
    expect(result.code).toContain('const podePath = dirname(scriptPath);');
    expect(result.code).toContain('const site = dirname(podePath);');
    expect(result.code).toContain("import { dirname } from 'node:path';");
    expect(result.code).not.toContain('testPath');
  });

  it('a loader whose variables nothing else reads leaves only a comment', async () => {
    const result = await port(
      `${LOADER}Start-PodeServer {\n    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http\n}\n`,
    );
    expect(result.code).toContain("// Pode's module loader dropped");
    expect(result.code).not.toMatch(/scriptPath|podePath/);
  });

  it('Split-Path -Leaf, -LeafBase, -Extension and -IsAbsolute become node:path calls', async () => {
    const result = await port(
      "$f = '/srv/site/app.ps1'\n$a = Split-Path -Leaf -Path $f\n$b = Split-Path $f -LeafBase\n$c = Split-Path -Path $f -Extension\n$d = Split-Path -IsAbsolute $f\n$e = $MyInvocation.MyCommand.Path\nStart-PodeServer {\n    Add-PodeRoute -Method Get -Path '/' -ScriptBlock { Write-PodeJsonResponse -Value @{ a = $using:a; b = $using:b; c = $using:c; d = $using:d; e = $using:e } }\n}\n",
    );
    expect(result.messages.filter((m) => m.kind === 'todo').map((m) => m.message)).toEqual([]);
    expect(result.code).toContain('const a = basename(f);');
    expect(result.code).toContain('const b = basename(f, extname(f));');
    expect(result.code).toContain('const c = extname(f);');
    expect(result.code).toContain('const d = isAbsolute(f);');
    expect(result.code).toContain('const e_ = import.meta.filename;');
  });

  it('Split-Path -Qualifier (a drive letter) stays a TODO that says so', async () => {
    const result = await port("$q = Split-Path -Path 'C:/x' -Qualifier\nStart-PodeServer { }\n");
    expect(result.messages.map((m) => m.message)).toContain(
      'not translated: Split-Path -Qualifier',
    );
  });

  it('-Verbose on a Pode cmdlet is dropped with a note', async () => {
    const result = await port(
      'Start-PodeServer -Verbose {\n    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http\n}\n',
    );
    expect(result.messages.filter((m) => m.kind === 'todo').map((m) => m.message)).toEqual([]);
    expect(result.messages.some((m) => /-Verbose dropped/.test(m.message))).toBe(true);
  });

  it('variables of the script itself are declared once at module level', async () => {
    const result = await port(
      "$count = 1\nif ($count -gt 0) { $label = 'some' } else { $label = 'none' }\nStart-PodeServer { Add-PodeRoute -Method Get -Path '/' -ScriptBlock { Write-PodeTextResponse -Value $using:label } }\n",
    );
    expect(result.code).toContain('let label: any;');
    expect(result.code).toContain('const count = 1;');
  });
});

describe('files beside the script', () => {
  it('include keys: Windows separators, $PSScriptRoot of the including file, the script-folder variable', () => {
    expect(dotSourcePath('.\\\\scripts\\\\route.ps1')).toBe('./scripts/route.ps1');
    expect(dotSourcePath("'.\\scripts\\route.ps1'")).toBe('./scripts/route.ps1');
    expect(
      dotSourcePath('(Join-Path $PSScriptRoot .\\Sub.ps1)', {
        base: './modules',
        roots: new Set(),
      }),
    ).toBe('./modules/Sub.ps1');
    expect(
      dotSourcePath('$ScriptPath\\scripts\\x.ps1', { base: '.', roots: new Set(['scriptpath']) }),
    ).toBe('./scripts/x.ps1');
    expect(dotSourcePath('$Other\\x.ps1')).toBeUndefined();
    expect([...rootVariables(LOADER)]).toEqual(['scriptpath']);
  });

  it('Use-PodeScript brings the file in place, its own Use-PodeScript relative to it', async () => {
    const result = await port(
      "Start-PodeServer {\n    Use-PodeScript -Path ./modules/Funcs.ps1\n    Add-PodeRoute -Method Get -Path '/' -ScriptBlock { Write-Greeting }\n}\n",
      {
        'modules/Funcs.ps1':
          "Use-PodeScript -Path (Join-Path $PSScriptRoot .\\Inner.ps1)\nfunction Write-Greeting { Write-PodeJsonResponse -Value @{ Message = (Get-Inner) } }\nExport-PodeFunction -Name 'Write-Greeting'\n",
        'modules/Inner.ps1': "function Get-Inner { return 'hi' }\n",
      },
    );
    expect(result.messages.filter((m) => m.kind === 'todo').map((m) => m.message)).toEqual([]);
    expect(result.code).toContain('// from modules/Funcs.ps1');
    expect(result.code).toContain('// from modules/Inner.ps1');
    expect(result.code).toContain('async function writeGreeting()');
    expect(result.code).toContain('await writeGreeting();');
    expect(result.messages.some((m) => /Export-PodeFunction dropped/.test(m.message))).toBe(true);
  });

  it('a module file beside the script (Import-PodeModule, Import-Module ./x.psm1) is converted in place', async () => {
    for (const line of [
      "Import-PodeModule -Path './modules/Greet.psm1'",
      'Import-Module ./modules/Greet.psm1',
    ]) {
      const result = await port(
        `${line}\nStart-PodeServer {\n    Add-PodeRoute -Method Get -Path '/' -ScriptBlock { Write-PodeTextResponse -Value (Get-Greeting) }\n}\n`,
        { 'modules/Greet.psm1': "function Get-Greeting { return 'Hello' }\n" },
      );
      expect(result.messages.filter((m) => m.kind === 'todo').map((m) => m.message)).toEqual([]);
      expect(result.code).toContain('function getGreeting()');
    }
  });

  it('a missing Use-PodeScript file is a TODO naming it', async () => {
    const result = await port('Start-PodeServer {\n    Use-PodeScript -Path ./nope.ps1\n}\n');
    expect(result.messages.map((m) => m.message)).toContain(
      'not translated: ./nope.ps1: no such file beside the script',
    );
  });

  it('Add-PodeRoute -FilePath with Windows separators and dot-sourcing through $ScriptPath', async () => {
    const result = await port(
      `${LOADER}Start-PodeServer {\n    Add-PodeRoute -Method Get -Path '/a' -FilePath '.\\scripts\\route.ps1'\n    Add-PodeRoute -Method Get -Path '/b' -ScriptBlock { . $ScriptPath\\scripts\\route.ps1 }\n}\n`,
      { 'scripts/route.ps1': '{\n    Write-PodeJsonResponse -Value @{ id = 1 }\n}\n' },
    );
    expect(result.messages.filter((m) => m.kind === 'todo').map((m) => m.message)).toEqual([]);
    expect(result.code).toContain("s.addRoute({ method: 'GET', path: '/a' }");
    expect(result.code).toContain('// from scripts/route.ps1');
  });

  it('a route file that returns its script block (`return { … }`) is the handler', async () => {
    const result = await port(
      "Start-PodeServer {\n    Add-PodeRoute -Method Get -Path '/r' -FilePath './modules/Route.ps1'\n}\n",
      {
        'modules/Route.ps1':
          "# the route\nreturn {\n    Write-PodeTextResponse -Value 'from a file'\n}\n",
      },
    );
    expect(result.messages.filter((m) => m.kind === 'todo')).toEqual([]);
    expect(result.code).toContain("e.writeText('from a file');");
  });

  it('Start-PodeServer -FilePath: the server block from the file, the root its folder', async () => {
    const server = '{\n    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http\n}\n';
    const here = await port(`Start-PodeServer -FilePath './site/server.ps1'\n`, {
      'site/server.ps1': server,
    });
    expect(here.messages.filter((m) => m.kind === 'todo').map((m) => m.message)).toEqual([]);
    expect(here.code).toContain("root: join(import.meta.dirname, 'site')");
    expect(here.code).toContain(
      "s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });",
    );
    const current = await port(`Start-PodeServer -FilePath './site/server.ps1' -CurrentPath\n`, {
      'site/server.ps1': server,
    });
    expect(current.code).not.toContain('root:');
  });
});

describe('handlers', () => {
  it('New-PodeMiddleware held in a variable and given to -Middleware is the function', async () => {
    const result = await port(
      "Start-PodeServer {\n    $mid = New-PodeMiddleware -ScriptBlock { 'here' | Out-Default }\n    Add-PodeRouteGroup -Path '/api' -Middleware $mid -Routes {\n        Add-PodeRoute -Method Get -Path '/x' -ScriptBlock { Write-PodeJsonResponse -Value @{ ok = 1 } }\n    }\n}\n",
    );
    expect(result.messages.filter((m) => m.kind === 'todo').map((m) => m.message)).toEqual([]);
    expect(result.code).toContain('mid = async (e: WebEvent) => {');
    expect(result.code).toContain('middleware: [mid]');
  });

  it('New-PodeMiddleware -Route outside Add-PodeMiddleware stays a TODO', async () => {
    const result = await port(
      "Start-PodeServer {\n    $mid = New-PodeMiddleware -Route '/x' -ScriptBlock { return $true }\n}\n",
    );
    expect(result.todos).toBe(1);
  });

  it('$session in a middleware of a script that never sets it is the web event (Pode 0.x)', async () => {
    const result = await port(
      "Start-PodeServer {\n    Add-PodeMiddleware -Name 'ip' -ScriptBlock {\n        if ($session.Request.Handler.RemoteEndPoint.Address.IPAddressToString -ieq '10.0.0.1') { return $false }\n        return $true\n    }\n}\n",
    );
    expect(result.messages.filter((m) => m.kind === 'todo').map((m) => m.message)).toEqual([]);
    expect(result.code).toContain("e.remoteAddress === '10.0.0.1'");
    expect(result.messages.some((m) => /\$session read as \$WebEvent/.test(m.message))).toBe(true);
  });

  it('Add-PodeStaticRouteGroup without -Path is the group at /', async () => {
    const result = await port(
      "Start-PodeServer {\n    Add-PodeStaticRouteGroup -FileBrowser -Routes {\n        Add-PodeStaticRoute -Path '/files' -Source './public'\n    }\n}\n",
    );
    expect(result.messages.filter((m) => m.kind === 'todo').map((m) => m.message)).toEqual([]);
    expect(result.code).toContain("s.addStaticRouteGroup({ path: '/', fileBrowser: true }");
  });

  it('Save-PodeRequestFile becomes e.saveRequestFile', async () => {
    const result = await port(
      "Start-PodeServer {\n    Add-PodeRoute -Method Post -Path '/up' -ScriptBlock {\n        Save-PodeRequestFile -Key 'avatar' -Path 'uploads' -FileName 'a.png'\n    }\n}\n",
    );
    expect(result.messages.filter((m) => m.kind === 'todo').map((m) => m.message)).toEqual([]);
    expect(result.code).toContain(
      "await e.saveRequestFile('avatar', { path: 'uploads', fileName: 'a.png' });",
    );
  });
});
