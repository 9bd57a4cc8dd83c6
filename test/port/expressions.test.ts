/**
 * Expression semantics of the converter: what PowerShell means, written so that a wrong
 * translation fails here rather than silently in a ported server.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/port/index.js';

/** Converts one route body. */
async function route(body: string, extra = '') {
  const source = `Start-PodeServer {\n${extra}    Add-PodeRoute -Method Get -Path '/:item' -ScriptBlock {\n${body}\n    }\n}\n`;
  return convert(source, { file: 'snippet.ps1', catalogue: { cmdlets: {} } });
}

describe('variables keep the type of their only assignment', () => {
  it('an array on the left of -match, -like, -eq filters it', async () => {
    const { code } = await route(
      "$files = @('a.jpg', 'b.txt')\n$m = $files -match 'jpg'\n$l = $files -like '*.txt'\n$q = $files -eq 'a.jpg'",
    );
    expect(code).toContain("m = match(files, 'jpg');");
    expect(code).toContain("l = like(files, '*.txt');");
    expect(code).toContain("q = eq(files, 'a.jpg');");
    expect(code).not.toContain('matches');
  });

  it('a variable assigned twice is not trusted: the runtime decides', async () => {
    const { code } = await route(
      "$n = 1\n$n = 'x'\nif ($n -eq 1) { Write-PodeTextResponse -Value 'one' }",
    );
    expect(code).toContain('if (eq(n, 1))');
    const once = await route("$n = 1\nif ($n -eq 1) { Write-PodeTextResponse -Value 'one' }");
    expect(once.code).toContain('if (n === 1)');
  });

  it('a variable assigned in a loop and read before it keeps no type', async () => {
    const { code } = await route(
      '$i = 0\nwhile ($i -lt 3) { $i++ }\nWrite-PodeTextResponse -Value "$i"',
    );
    expect(code).toContain('lt(i, 3)');
    expect(code).toContain('toPsString(i)');
  });
});

describe('-match and $Matches', () => {
  it('a single value sets $Matches only where the script reads it', async () => {
    const reads = await route(
      "$t = $WebEvent.Query['t']\nif ($t -match '^(\\d+)$') { Write-PodeTextResponse -Value $Matches[1] }",
    );
    expect(reads.code).toContain("if ((matches = matchOne(t, '^(\\\\d+)$')) !== null) {");
    expect(reads.code).toContain('let matches: MatchTable | null = null;');
    expect(reads.code).toContain('type MatchTable');
    const ignores = await route(
      "$t = $WebEvent.Query['t']\nif ($t -notmatch '^\\d+$') { Write-PodeTextResponse -Value 'no' }",
    );
    expect(ignores.code).toContain("if (notMatch(t, '^\\\\d+$')) {");
    expect(ignores.code).not.toContain('matches');
  });

  it('-notmatch sets $Matches when it does match, as PowerShell does', async () => {
    const { code } = await route(
      "$t = $WebEvent.Query['t']\nif ($t -notmatch 'v(\\d+)') { return }\nWrite-PodeTextResponse -Value $Matches[1]",
    );
    expect(code).toContain("if ((matches = matchOne(t, 'v(\\\\d+)')) === null) {");
  });
});

describe('indexes, ranges and -split', () => {
  it('a slice is .slice when the indexes are consecutive, itemsAt otherwise', async () => {
    const { code } = await route('$a = 1..5\n$sl = $a[1..3]\n$p = $a[0, -1]\n$l = $a[-1]');
    expect(code).toContain('sl = a.slice(1, 4);');
    expect(code).toContain('p = itemsAt(a, [0, -1]);');
    expect(code).toContain('l = a.at(-1);');
  });

  it('a range with a variable end uses range()', async () => {
    const { code } = await route(
      "$limit = [int]$WebEvent.Query['n']\n$r = 2..$limit\nforeach ($i in 1..$limit) { }",
    );
    expect(code).toContain('r = range(2, limit);');
    expect(code).toContain('for (const i of range(1, limit))');
  });

  it('-split with a limit passes it as the limit, not as part of the pattern', async () => {
    const { code } = await route("$p = 'a-b-c' -split '-', 2\n$c = 'a-B' -csplit 'b', 2");
    expect(code).toContain("p = split('a-b-c', '-', false, 2);");
    expect(code).toContain("c = split('a-B', 'b', true, 2);");
  });

  it('arithmetic inside a command argument is translated', async () => {
    const { code } = await route(
      '$x = 3\nWrite-PodeJsonResponse -Value ($x * 2)\n$m = [Math]::Max($x * 2, 1)',
    );
    expect(code).toContain('e.writeJson((x * 2));');
    expect(code).toContain('m = mathMax(x * 2, 1);');
  });
});

describe('WebEvent members', () => {
  it('Method is lower case, as Pode gives it; Response and Auth members come from tables', async () => {
    const { code } = await route(
      '$m = $WebEvent.Method\n$st = $WebEvent.Response.StatusCode\n$a = $WebEvent.Auth.IsAuthenticated\n$n = $WebEvent.Auth.User.Name',
    );
    expect(code).toContain('m = e.method.toLowerCase();');
    expect(code).toContain('st = e.response.statusCode;');
    expect(code).toContain('a = e.auth.isAuthenticated;');
    expect(code).toContain('n = e.auth.user?.Name;');
  });

  it('an unknown Response or Auth member is a TODO, not a guess', async () => {
    const response = await route('$h = $WebEvent.Response.Headers');
    expect(response.todos).toBe(1);
    expect(response.code).toContain('TODO(port): $h = $WebEvent.Response.Headers');
    const auth = await route('$s = $WebEvent.Auth.Store');
    expect(auth.todos).toBe(1);
  });

  it("a cookie's .Value is the cookie pode-ts holds; other cookie members are TODOs", async () => {
    const { code } = await route(
      "$c = $WebEvent.Cookies['theme']\nif ($null -ne $c) { Write-PodeTextResponse -Value $c.Value }",
    );
    expect(code).toContain('c = e.cookies.theme;');
    expect(code).toContain('e.writeText(toPsString(c));');
    const other = await route("$c = $WebEvent.Cookies['theme']\n$d = $c.Expires");
    expect(other.todos).toBe(1);
  });
});

describe('pipeline blocks and catch', () => {
  it('$_ never takes the name of a variable around it', async () => {
    const { code } = await route(
      "$item = $WebEvent.Parameters['item']\n$list = @('a', 'b') | Where-Object { $_ -ne $item }",
    );
    expect(code).toContain("whereObject(['a', 'b'], (each: any) => ne(each, item))");
  });

  it('$_.Exception.Message in a catch is the error message, with no any', async () => {
    const { code } = await route(
      "try { throw 'bad' } catch { Write-PodeTextResponse -Value $_.Exception.Message -StatusCode 400 }",
    );
    expect(code).toContain('} catch (error) {');
    expect(code).toContain('e.writeText((error as Error).message, { statusCode: 400 });');
    const other = await route("try { throw 'bad' } catch { $x = $_.ScriptStackTrace }");
    expect(other.todos).toBe(1);
  });
});

describe('dates', () => {
  it('date parts, ParseExact and subtraction', async () => {
    const { code } = await route(
      "$d = [datetime]::ParseExact($WebEvent.Query['d'], 'yyyyMMdd', $null)\n$y = $d.Year\n$w = $d.DayOfWeek\n$span = (Get-Date) - $d\n$t = $d.Ticks",
    );
    expect(code).toContain("d = dateTimeParseExact(e.query.d, 'yyyyMMdd');");
    expect(code).toContain('y = d.getFullYear();');
    expect(code).toContain('w = dayOfWeek(d);');
    expect(code).toContain('span = dateDifference((new Date()), d);');
    expect(code).toContain('TODO(port): $t = $d.Ticks');
  });
});

describe('function parameters', () => {
  it('[string] and [int] parameters left out are empty and zero, as PowerShell binds them', async () => {
    const result = await convert(
      'function Test-It([string]$Name, [int]$Count, $Other) { return $Name.Length + $Count }\nStart-PodeServer { }\n',
      { file: 'f.ps1', catalogue: { cmdlets: {} } },
    );
    expect(result.code).toContain("async function testIt(name = '', count = 0, other?: any)");
  });
});

describe('-replace', () => {
  it('on an array answers an array, which a string hole prints through toPsString', async () => {
    const { code } = await route(
      "$names = @('a1', 'b2')\n$clean = $names -replace '\\d', ''\n$text = \"$clean\"",
    );
    expect(code).toContain("const clean = replace(names, '\\\\d', '');");
    expect(code).toContain('const text = `\u0024{toPsString(clean)}`;');
  });
});

describe('a route’s own variables', () => {
  it('are trusted per route: two routes may each assign $n once', async () => {
    const result = await convert(
      'Start-PodeServer {\n  Add-PodeRoute -Method Get -Path \'/a\' -ScriptBlock { $n = 1; Write-PodeTextResponse -Value "$n" }\n  Add-PodeRoute -Method Get -Path \'/b\' -ScriptBlock { $n = 2; $n++; Write-PodeTextResponse -Value "$n" }\n}\n',
      { file: 'r.ps1', catalogue: { cmdlets: {} } },
    );
    expect(result.code).toContain('const n = 1;');
    expect(result.code).toContain('e.writeText(`\u0024{n}`);');
    // the second route assigns it twice: declared at the top, printed through the runtime
    expect(result.code).toContain('e.writeText(`\u0024{toPsString(n)}`);');
  });
});

describe('deliberate differences the script depends on', () => {
  it('a query or body key with a capital is reported once: Pode matches it in any case', async () => {
    const result = await route(
      "$a = $WebEvent.Query['Name']\n$b = $WebEvent.Query['Name']\n$c = $WebEvent.Data.UserName\n$d = $WebEvent.Query['page']",
    );
    const notes = result.messages
      .map((m) => m.message)
      .filter((m) => m.includes('is read as spelled'));
    expect(notes).toEqual([
      "query key 'Name' is read as spelled in pode-ts (only ?Name=); Pode also matches it in another case",
      "body key 'UserName' is read as spelled in pode-ts; Pode also matches it in another case",
    ]);
  });
});

describe('a pipeline used as a value', () => {
  it('is its one item, or $null for none, where an operator or a member reads it', async () => {
    const { code } = await route(
      '$items = @(1, 2)\nif ($null -eq ($items | Where-Object { $_ -gt 5 } | Select-Object -First 1)) { return }\n$keep = @($items | Where-Object { $_ -gt 1 })',
    );
    expect(code).toContain(
      'if (psOutput(selectObject(whereObject(items, (item: any) => gt(item, 5)), { first: 1 })) == null) {',
    );
    // @( ) keeps the array even when one item is left
    expect(code).toContain('const keep = whereObject(items, (item: any) => gt(item, 1));');
  });
});
