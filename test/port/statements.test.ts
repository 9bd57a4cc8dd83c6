import { describe, expect, it } from 'vitest';
import { convert } from '../../src/port/index.js';
import { firstError, parsePowerShell } from '../../src/port/parser.js';

/** Converts one route body (and an optional server prefix) and returns the result. */
async function route(body: string, server = '') {
  const source = `Start-PodeServer ${server}{\n    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {\n${body}\n    }\n}\n`;
  return convert(source, { file: 'snippet.ps1', catalogue: { cmdlets: {} } });
}

describe('operators the grammar lacks', () => {
  it('-iin, -cin, -inotin and -cnotin parse, and the original operator is kept', async () => {
    const parsed = await parsePowerShell(
      "$a = 'x' -iin $l\n$b = 'x' -cin $l\n$c = 'x' -inotin $l\n$d = 'x' -cnotin $l\n$e = '-cin'\n",
    );
    expect(firstError(parsed.root)).toBeUndefined();
    expect([...parsed.operators.values()]).toEqual(['-iin', '-cin', '-inotin', '-cnotin']);
    expect(parsed.text).toContain("$e = '-cin'");
  });

  it('-cin and -cnotin compare case-sensitively, -iin and -inotin as -in and -notin', async () => {
    const result = await route(
      "        $l = @('A')\n        $a = 'a' -iin $l\n        $b = 'a' -cin $l\n        $c = 'a' -inotin $l\n        $d = 'a' -cnotin $l",
    );
    expect(result.code).toContain("a = isIn('a', l);");
    expect(result.code).toContain("b = isIn('a', l, true);");
    expect(result.code).toContain("c = notIn('a', l);");
    expect(result.code).toContain("d = notIn('a', l, true);");
    expect(result.todos).toBe(0);
  });
});

describe('switch', () => {
  it('a switch used as a value with one value per clause assigns in an if/else chain', async () => {
    const result = await route(
      "        $sound = switch ($WebEvent.Parameters['name']) { 'dog' { 'woof' } 'cat' { 'meow' } default { 'silence' } }",
    );
    expect(result.code).toContain("if (eq(e.parameters.name, 'dog')) {\n      sound = 'woof';");
    expect(result.code).toContain("} else if (eq(e.parameters.name, 'cat')) {");
    expect(result.code).toContain("} else {\n      sound = 'silence';\n    }");
    expect(result.todos).toBe(0);
  });

  it('clauses that can both match run both, and default runs only when none did', async () => {
    const result = await route(
      "        $n = [int]$WebEvent.Query['n']\n        $size = switch ($n) { { $_ -lt 10 } { 'small' } { $_ -lt 100 } { 'medium' } default { 'large' } }",
    );
    expect(result.code).toContain('let matched = false;');
    expect(result.code).toContain(
      "if (lt(n, 10)) {\n        matched = true;\n        sizeItems.push('small');",
    );
    expect(result.code).toContain('if (!matched) {');
    expect(result.code).toContain('size = psOutput(sizeItems);');
  });

  it('a switch over an array runs once per item; break leaves the whole switch', async () => {
    const result = await route(
      "        switch (@('a', 'b')) {\n            'a' { Write-Host 'A' }\n            'b' { Write-Host 'B'; break }\n        }",
    );
    expect(result.code).toContain("for (const item of ['a', 'b']) {");
    expect(result.code).toContain("if (eq(item, 'a')) {");
    expect(result.code).toMatch(/writeHost\('B'\);\n\s+break;/);
  });

  it('a break inside an if of a clause leaves the switch through a label; a loop keeps its own break', async () => {
    const result = await route(
      "        $v = 'x'\n        switch -Wildcard ($v) {\n            'x*' {\n                if ($true) { break }\n                foreach ($i in 1..2) { break }\n                Write-Host 'after'\n            }\n            'y*' { Write-Host 'y' }\n        }",
    );
    expect(result.code).toContain('switchBlock: {');
    expect(result.code).toContain('break switchBlock;');
    expect(result.code).toMatch(/for \(const i of [^)]*\) \{\n\s+break;\n/);
    expect(result.todos).toBe(0);
  });

  it('-Regex with a default clause sets $Matches', async () => {
    const result = await route(
      "        $v = $WebEvent.Query['v']\n        $r = switch -Regex ($v) { '^(\\d+)$' { $Matches[1] } default { 'none' } }",
    );
    expect(result.code).toContain("if ((matches = match(v as string, '^(\\\\d+)$')) !== null) {");
    expect(result.code).toContain("r = matches[1];\n    } else {\n      r = 'none';");
    expect(result.todos).toBe(0);
  });
});

describe('statements used as values', () => {
  it('$x = foreach with one value per item becomes a map', async () => {
    const result = await route(
      '        $xs = @(1, 2)\n        $doubled = foreach ($x in $xs) { $x * 2 }',
    );
    // $xs is assigned once, an array: no toArray needed (port-expr's type tracking)
    expect(result.code).toContain('doubled = psOutput(xs.map((x) => multiply(x, 2)));');
    expect(result.todos).toBe(0);
  });

  it('$x = if … else … assigns in each branch; without else $x is $null', async () => {
    const result = await route(
      "        $a = if ($true) { 'yes' }\n        $b = if ($false) { 1 } else { 2 }",
    );
    expect(result.code).toContain(
      "if (true) {\n      a = 'yes';\n    } else {\n      a = null;\n    }",
    );
    expect(result.code).toContain('} else {\n      b = 2;\n    }');
  });

  it('$x = while collects what the loop writes', async () => {
    const result = await route('        $i = 0\n        $all = while ($i -lt 3) { $i; $i++ }');
    expect(result.code).toContain('const allItems: unknown[] = [];');
    expect(result.code).toContain('allItems.push(i);');
    expect(result.code).toContain('all = psOutput(allItems);');
  });
});

describe('Where-Object comparison form', () => {
  it('Where-Object Prop -op Value, -Property/-Value, -C… forms and -Not', async () => {
    const result = await route(
      "        $l = @()\n        $a = $l | Where-Object Team -eq 'x'\n        $b = $l | Where-Object -Property Age -GT -Value 3\n        $c = $l | Where-Object Name -CLike 'A*'\n        $d = $l | Where-Object -Not Deleted\n        $f = $l | Where-Object Active",
    );
    expect(result.code).toContain("whereObject(l, (item: any) => eq(item.Team, 'x'))");
    expect(result.code).toContain('whereObject(l, (item: any) => gt(item.Age, 3))');
    expect(result.code).toContain("whereObject(l, (item: any) => like(item.Name, 'A*', true))");
    expect(result.code).toContain('whereObject(l, (item: any) => !truthy(item.Deleted))');
    expect(result.code).toContain('whereObject(l, (item: any) => item.Active)');
    expect(result.todos).toBe(0);
  });

  it('-Is has no equivalent: a TODO, not a silent translation', async () => {
    const result = await route("        $a = @() | Where-Object Value -Is 'int'");
    expect(result.todos).toBe(1);
  });
});

describe('Start-PodeServer -Threads', () => {
  it('becomes threads, with a note that sessions then need a shared store', async () => {
    const result = await route("        Write-PodeTextResponse -Value 'x'", '-Threads 3 ');
    expect(result.code).toMatch(/^\}, \{ threads: 3 \}\);$/m);
    expect(
      result.messages.some((m) => /threads are worker processes.*shared store/.test(m.message)),
    ).toBe(true);
  });

  it('is left out, with the reason, when the script shares memory between requests', async () => {
    const result = await route('        $session:n = 1', '-Threads 3 ');
    expect(result.code).not.toContain('threads');
    expect(result.messages.some((m) => /-Threads left out: .*\(sessions\)/.test(m.message))).toBe(
      true,
    );
  });
});

describe('scripts beside the converted one', () => {
  it('dot-sourced paths and Use-PodeRoutes folders have one key each way they are written', async () => {
    const { dotSourcePath, routesKey } = await import('../../src/port/includes.js');
    expect(dotSourcePath('./api.ps1')).toBe('./api.ps1');
    expect(dotSourcePath("'$PSScriptRoot\\lib\\api.ps1'")).toBe('./lib/api.ps1');
    expect(dotSourcePath("(Join-Path $PSScriptRoot 'api.ps1')")).toBe('./api.ps1');
    expect(dotSourcePath('(Join-Path $PSScriptRoot -ChildPath "api.ps1")')).toBe('./api.ps1');
    expect(dotSourcePath('$file')).toBeUndefined();
    expect(routesKey('Use-PodeRoutes')).toBe('routes/*.ps1');
    expect(routesKey("Use-PodeRoutes -Path './api'")).toBe('api/*.ps1');
    expect(routesKey('Use-PodeRoutes -Path $folder')).toBeUndefined();
  });

  it('a dot-sourced file that is not there is a TODO at the line that dot-sources it', async () => {
    const result = await convert('Start-PodeServer {\n    . ./missing-routes.ps1\n}\n', {
      file: '/nonexistent-folder/server.ps1',
      catalogue: { cmdlets: {} },
    });
    expect(result.todos).toBe(1);
    expect(result.messages[0]).toMatchObject({ line: 2, column: 5 });
    expect(result.messages[0].message).toContain('./missing-routes.ps1');
  });
});

describe('middleware piped to Add-PodeMiddleware', () => {
  it('a hashtable in a variable and New-PodeMiddleware become s.addMiddleware with their arguments', async () => {
    const source =
      "Start-PodeServer {\n    $mw = @{ Logic = { param($n) return $true }; Arguments = @(5) }\n    $mw | Add-PodeMiddleware -Name 'A'\n    New-PodeMiddleware -ScriptBlock { return $true } | Add-PodeMiddleware -Name 'B'\n}\n";
    const result = await convert(source, { file: 'mw.ps1' });
    expect(result.code).toContain(
      "s.addMiddleware('A', async (e) => {\n    const n = 5;\n    return true;",
    );
    expect(result.code).toContain("s.addMiddleware('B', async (e) => {\n    return true;");
    expect(result.code).toContain('// $mw: a middleware, added below');
    expect(result.todos).toBe(0);
  });

  it('a middleware hashtable with a key pode-ts has no place for is a TODO', async () => {
    const source =
      "Start-PodeServer {\n    @{ Logic = { return $true }; Options = @{} } | Add-PodeMiddleware -Name 'A'\n}\n";
    const result = await convert(source, { file: 'mw.ps1', catalogue: { cmdlets: {} } });
    expect(result.todos).toBe(1);
  });
});

describe('New-PodeAuthScheme -Custom', () => {
  it('becomes custom((e) => …) and the validator takes what it returns as its parameters', async () => {
    const source =
      "Start-PodeServer {\n    $scheme = New-PodeAuthScheme -Custom -ScriptBlock {\n        param($opts)\n        return @($WebEvent.Query['a'], $WebEvent.Query['b'])\n    }\n    $scheme | Add-PodeAuth -Name 'C' -Sessionless -ScriptBlock {\n        param($a, $b)\n        if ($a -eq $b) { return @{ User = @{ Name = $a } } }\n        return $null\n    }\n}\n";
    const result = await convert(source, { file: 'custom.ps1' });
    expect(result.code).toContain('scheme = custom(async (e) => {');
    expect(result.code).toContain("s.addAuth('C', scheme, async ([a, b]: any, e) => {");
    expect(result.code).not.toContain('const opts');
    expect(result.todos).toBe(0);
  });
});

describe("the block Pode's examples start with", () => {
  it('try { Split-Path …; Import-Module …/Pode.psm1 or Pode } catch { throw } is dropped', async () => {
    const source =
      'try {\n    # find Pode\n    $ScriptPath = (Split-Path -Parent -Path $MyInvocation.MyCommand.Path)\n    $podePath = Split-Path -Parent -Path $ScriptPath\n    if (Test-Path -Path "$($podePath)/src/Pode.psm1" -PathType Leaf) {\n        Import-Module "$($podePath)/src/Pode.psm1" -Force -ErrorAction Stop\n    }\n    else {\n        Import-Module -Name \'Pode\' -MaximumVersion 2.99 -ErrorAction Stop\n    }\n}\ncatch { throw }\nStart-PodeServer { }\n';
    const result = await convert(source, { file: 'example.ps1', catalogue: { cmdlets: {} } });
    expect(result.code).toContain("// Pode's module loader dropped: pode-ts is imported above");
    expect(result.code).not.toContain('Split-Path');
    expect(result.todos).toBe(0);
  });

  it('a try block that does more than import Pode is translated as usual', async () => {
    const source =
      'try {\n    Import-Module Pode\n    $x = 1\n}\ncatch { throw }\nStart-PodeServer { }\n';
    const result = await convert(source, { file: 'example.ps1', catalogue: { cmdlets: {} } });
    expect(result.code).toContain('try {');
    expect(result.code).toContain('x = 1;');
  });
});

describe('script-level variables', () => {
  const script = (lines: string[]) =>
    convert(lines.join('\n'), { file: 'script.ps1', catalogue: { cmdlets: {} } });

  it('a variable assigned once before Start-PodeServer is a const; one assigned twice is declared once', async () => {
    const result = await script([
      '$port = 8080',
      '$mode = 1',
      '$mode = 2',
      'Start-PodeServer {',
      '    Add-PodeEndpoint -Address localhost -Port $port -Protocol Http',
      '    Write-Host $mode',
      '}',
    ]);
    expect(result.code).toContain('const port = 8080;');
    expect(result.code).toContain('let mode: any;');
    expect(result.code).toContain('mode = 2;');
    expect(result.code).not.toMatch(/let port/);
    expect(result.todos).toBe(0);
  });

  it('a SCREAMING_CASE name stays one; an all-caps word becomes lower case', async () => {
    const result = await script([
      "$LOGGING_TYPE = 'terminal'",
      '$PORT = 8080',
      'Start-PodeServer {',
      '    Add-PodeEndpoint -Address localhost -Port $PORT -Protocol Http',
      '    Write-Host $logging_type',
      '}',
    ]);
    expect(result.code).toContain("const LOGGING_TYPE = 'terminal';");
    expect(result.code).toContain('writeHost(LOGGING_TYPE);');
    expect(result.code).toContain('const port = 8080;');
  });
});

describe('routes on several endpoints', () => {
  it("-EndpointName 'a', 'b' binds the route to both", async () => {
    const result = await convert(
      [
        'Start-PodeServer {',
        '    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http -Name a',
        '    Add-PodeEndpoint -Address localhost -Port 8081 -Protocol Http -Name b',
        "    Add-PodeRoute -Method Get -Path '/' -EndpointName 'a', 'b' -ScriptBlock { Write-PodeTextResponse -Value 'hi' }",
        '}',
      ].join('\n'),
      { file: 'script.ps1' },
    );
    expect(result.code).toContain("endpointName: ['a', 'b']");
    expect(result.todos).toBe(0);
  });
});

describe('route paths', () => {
  it('a path without a leading slash gets one, as Pode adds it (-Path * is every path)', async () => {
    const result = await convert(
      [
        'Start-PodeServer {',
        '    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http',
        "    Add-PodeRoute -Method * -Path * -ScriptBlock { Write-PodeTextResponse -Value 'any' }",
        "    Add-PodeRoute -Method Get -Path 'users' -ScriptBlock { Write-PodeTextResponse -Value 'u' }",
        "    Add-PodeRoute -Method Get -Path '/ok' -ScriptBlock { Write-PodeTextResponse -Value 'ok' }",
        '}',
      ].join('\n'),
      { file: 'script.ps1' },
    );
    expect(result.code).toContain("s.addRoute({ method: '*', path: '/*' }");
    expect(result.code).toContain("s.addRoute({ method: 'GET', path: '/users' }");
    expect(result.code).toContain("s.addRoute({ method: 'GET', path: '/ok' }");
  });
});

describe('pipeline input', () => {
  it('a value piped into Write-Verbose is its message; into a cmdlet that takes no input, a TODO', async () => {
    const piped = await route("        'hello' | Write-Verbose");
    expect(piped.code).toContain("writeVerbose('hello');");
    expect(piped.todos).toBe(0);
    const lost = await route("        'x' | Start-Sleep -Seconds 1");
    expect(lost.todos).toBe(1);
    expect(lost.code).not.toContain('startSleep({ seconds: 1 })');
  });
});
