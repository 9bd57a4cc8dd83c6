import { describe, expect, it } from 'vitest';
import { convert } from '../../src/port/index.js';

async function setup(body: string) {
  return convert(`Start-PodeServer {\n${body}\n}\n`, { file: 'access.ps1' });
}

describe('pode-ts port: access on groups and static routes, Merge-PodeAuth -ScriptBlock', () => {
  it('-Access/-Role/-Group/-Scope/-User on Add-PodeRouteGroup, Add-PodeStaticRoute and Add-PodeStaticRouteGroup', async () => {
    const result = await setup(
      [
        "    Add-PodeStaticRoute -Path '/r' -Source './r' -Authentication 'A' -Access 'Rbac' -Role 'Admin', 'Dev' -User 'morty'",
        "    Add-PodeStaticRouteGroup -Path '/s' -Source './s' -Authentication 'A' -Access 'Gbac' -Group 'Ops' -Routes {",
        "        Add-PodeStaticRoute -Path '/x' -Source '/x' -Scope 'read'",
        '    }',
        "    Add-PodeRouteGroup -Path '/g' -Authentication 'A' -Access 'Sbac' -Scope 'write' -Routes {",
        "        Add-PodeRoute -Method Get -Path '/y' -ScriptBlock { Write-PodeTextResponse -Value 'y' }",
        '    }',
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain(
      "s.addStaticRoute('/r', './r', { authentication: 'A', access: 'Rbac', role: ['Admin', 'Dev'], user: 'morty' });",
    );
    expect(result.code).toContain(
      "s.addStaticRouteGroup({ path: '/s', authentication: 'A', access: 'Gbac', group: 'Ops', source: './s' }",
    );
    expect(result.code).toContain("g.addStaticRoute('/x', '/x', { scope: 'read' });");
    expect(result.code).toContain(
      "s.addRouteGroup({ path: '/g', authentication: 'A', access: 'Sbac', scope: 'write' }",
    );
  });

  it('Merge-PodeAuth -ScriptBlock: $results.<Auth>.User/.Headers and @{ User } are translated', async () => {
    const result = await setup(
      [
        "    Merge-PodeAuth -Name 'Both' -Authentication 'A', 'B' -Valid All -ScriptBlock {",
        '        param($r)',
        "        return @{ User = @{ First = $r.a.User; Second = $r['B'].user }; Headers = $r.A.Headers }",
        '    }',
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain(
      "s.mergeAuth('Both', { authentication: ['A', 'B'], valid: 'all', scriptBlock: async (r, e) => {",
    );
    expect(result.code).toContain(
      'return { user: { First: r.A.user, Second: r.B.user }, headers: r.A.headers };',
    );
  });

  it.each([
    ['$results.A.Success', 'return @{ User = $results.A.Success }'],
    ['$results.Count', 'if ($results.Count -gt 1) { return @{ User = 1 } }'],
    ['$results.C.User (not merged)', 'return @{ User = $results.C.User }'],
    ['$results passed whole', 'return @{ User = $results }'],
    ['$results.A alone', 'return @{ User = $results.A }'],
  ])('Merge-PodeAuth -ScriptBlock using %s stays a TODO', async (_label, line) => {
    const result = await setup(
      [
        "    Merge-PodeAuth -Name 'Both' -Authentication 'A', 'B' -Valid All -ScriptBlock {",
        '        param($results)',
        `        ${line}`,
        '    }',
      ].join('\n'),
    );
    expect(result.todos).toBe(1);
    expect(result.code).not.toContain('s.mergeAuth(');
    expect(result.code).toContain('only $results.<AuthName>.User and .Headers are translated');
  });
});

describe('Add-PodeAccess -ScriptBlock', () => {
  it("casts the block's result to [bool] as Test-PodeAccess does (boolResult)", async () => {
    const result = await convert(
      [
        'Start-PodeServer {',
        '    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http',
        "    New-PodeAccessScheme -Type Role | Add-PodeAccess -Name 'Roles' -ScriptBlock {",
        '        param($user, $values)',
        "        return @('QA')",
        '    }',
        '}',
      ].join('\n'),
      { file: 'script.ps1' },
    );
    expect(result.code).toContain('scriptBlock: boolResult(async (');
    expect(result.todos).toBe(0);
  });
});
