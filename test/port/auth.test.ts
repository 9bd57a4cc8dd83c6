import { describe, expect, it } from 'vitest';
import { convert } from '../../src/port/index.js';

async function setup(body: string, prefix = '') {
  return convert(`${prefix}Start-PodeServer {\n${body}\n}\n`, { file: 'auth.ps1' });
}

describe('pode-ts port: authentication schemes and cmdlets', () => {
  it('a computed -Location is lower-cased and typed as the locations apiKey() takes', async () => {
    const result = await setup(
      "    New-PodeAuthScheme -ApiKey -Location $Where | Add-PodeAuth -Name 'K' -Sessionless -ScriptBlock { param($key) return @{ User = $key } }",
      "param([string]$Where = 'Header')\n",
    );
    expect(result.todos).toBe(0);
    expect(result.code).toMatch(
      /apiKey\(\{ location: (toPsString\(where\)|where)\.toLowerCase\(\) as 'header' \| 'query' \| 'cookie' \}\)/,
    );
  });

  it('Test-PodeAuth and Test-PodeAuthExists in a route', async () => {
    const result = await setup(
      [
        "    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {",
        "        if ((Test-PodeAuth -Name 'Login' -IgnoreSession) -and (Test-PodeAuthExists -Name 'Login')) { Write-PodeTextResponse -Value 'in' }",
        '    }',
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain("await testAuth('Login', { ignoreSession: true })");
    expect(result.code).toContain("testAuthExists('Login')");
  });

  it('-Bearer -Scope becomes bearer({ scope }) and the validator returns scope', async () => {
    const result = await setup(
      "    New-PodeAuthScheme -Bearer -Scope 'read', 'write' | Add-PodeAuth -Name 'B' -Sessionless -ScriptBlock { param($token) return @{ User = @{ T = $token }; Scope = 'read' } }",
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain("bearer({ scope: ['read', 'write'] })");
    expect(result.code).toContain("scope: 'read'");
  });

  it('-AsCredential: the PSCredential becomes the credentials object; .Domain stays a TODO', async () => {
    const ok = await setup(
      [
        "    New-PodeAuthScheme -Form -AsCredential | Add-PodeAuth -Name 'L' -Sessionless -ScriptBlock {",
        '        param($creds)',
        '        $u = $creds.UserName',
        '        $p = $creds.GetNetworkCredential().Password',
        '        $n = $creds.GetNetworkCredential()',
        '        return @{ User = @{ Name = $u; Same = ($n.UserName -eq $u) } }',
        '    }',
      ].join('\n'),
    );
    expect(ok.todos).toBe(0);
    expect(ok.code).toContain('async (creds, e) =>');
    expect(ok.code).toContain('creds.username');
    expect(ok.code).toContain('creds.password');
    expect(ok.code).not.toContain('AsCredential');
    const domain = await setup(
      "    New-PodeAuthScheme -Basic -AsCredential | Add-PodeAuth -Name 'L' -Sessionless -ScriptBlock { param($c) return @{ User = $c.GetNetworkCredential().Domain } }",
    );
    expect(domain.todos).toBe(1);
    expect(domain.messages.map((m) => m.message).join('\n')).toMatch(/only username and password/);
  });

  it('Add-PodeAuthUserFile, piped or with -Scheme, with its script block as the scriptBlock option', async () => {
    const result = await setup(
      [
        '    Enable-PodeSessionMiddleware -Duration 120',
        "    New-PodeAuthScheme -Form | Add-PodeAuthUserFile -Name 'Login' -FilePath './users.json' -Groups 'Admin' -HmacSecret 'k' -FailureUrl '/login' -ScriptBlock {",
        '        param($user)',
        '        return @{ User = @{ Name = $user.Name } }',
        '    }',
        "    Add-PodeAuthUserFile -Name 'Plain' -Scheme (New-PodeAuthScheme -Basic) -Sessionless",
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain(
      "s.addAuthUserFile('Login', form(), { filePath: './users.json', groups: 'Admin', hmacSecret: 'k', failureUrl: '/login', scriptBlock: async (user: any, e) => {",
    );
    expect(result.code).toContain("s.addAuthUserFile('Plain', basic(), { sessionless: true });");
  });

  it('Add-PodeAuthWindowsAd: its parameters as options, -Server as fqdn, the script block as scriptBlock; -ADModule is a TODO', async () => {
    const result = await setup(
      [
        '    Enable-PodeSessionMiddleware -Duration 120',
        "    New-PodeAuthScheme -Form | Add-PodeAuthWindowsAd -Name 'Login' -Fqdn 'dc.corp.example' -Domain 'CORP' -SearchBase 'OU=Staff,DC=corp,DC=example' -Groups 'Admins', 'Ops' -DirectGroups -KeepCredential -FailureUrl '/login' -ScriptBlock {",
        '        param($user)',
        '        return @{ User = @{ Name = $user.Name } }',
        '    }',
        "    Add-PodeAuthWindowsAd -Name 'Api' -Scheme (New-PodeAuthScheme -Basic) -Server 'dc2.corp.example' -Users 'svc' -NoGroups -OpenLDAP -Sessionless",
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain(
      "s.addAuthWindowsAd('Login', form(), { fqdn: 'dc.corp.example', domain: 'CORP', searchBase: 'OU=Staff,DC=corp,DC=example', groups: ['Admins', 'Ops'], directGroups: true, keepCredential: true, failureUrl: '/login', scriptBlock: async (user: any, e) => {",
    );
    expect(result.code).toContain(
      "s.addAuthWindowsAd('Api', basic(), { fqdn: 'dc2.corp.example', users: 'svc', noGroups: true, openLDAP: true, sessionless: true });",
    );
    const module = await setup(
      "    New-PodeAuthScheme -Basic | Add-PodeAuthWindowsAd -Name 'W' -ADModule -Sessionless",
    );
    expect(module.todos).toBe(1);
    expect(module.messages.map((m) => m.message).join('\n')).toMatch(/-ADModule/);
  });

  it('-Digest: the validator gets username and params and returns the password', async () => {
    const result = await setup(
      "    New-PodeAuthScheme -Digest | Add-PodeAuth -Name 'D' -Sessionless -ScriptBlock { param($username, $params) return @{ User = @{ N = $username }; Password = 'pickle' } }",
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain('digest()');
    expect(result.code).toContain('async ({ username, params }, e) =>');
    expect(result.code).toContain("password: 'pickle'");
  });

  it('-ClientCertificate: $cert.Thumbprint is translated, $cert.Subject is a TODO', async () => {
    const ok = await setup(
      "    New-PodeAuthScheme -ClientCertificate | Add-PodeAuth -Name 'C' -Sessionless -ScriptBlock { param($cert, $errors) if ($cert.Thumbprint -eq 'AB') { return @{ User = @{ Until = $cert.NotAfter } } } }",
    );
    expect(ok.todos).toBe(0);
    expect(ok.code).toContain('clientCertificate()');
    expect(ok.code).toContain('async ({ cert, errors }, e) =>');
    expect(ok.code).toContain('cert.thumbprint');
    expect(ok.code).toContain('cert.notAfter');
    const subject = await setup(
      "    New-PodeAuthScheme -ClientCertificate | Add-PodeAuth -Name 'C' -Sessionless -ScriptBlock { param($cert) return @{ User = $cert.Subject } }",
    );
    expect(subject.todos).toBe(1);
  });

  it('Use-PodeAuth with no auth folder beside the script is a TODO naming the folder', async () => {
    const result = await setup('    Use-PodeAuth');
    expect(result.todos).toBe(1);
    expect(result.messages.map((m) => m.message).join('\n')).toMatch(/Use-PodeAuth|auth\/\*\.ps1/);
  });

  it('Register-PodeAuthEvent: $TriggeredEvent.User is the user of the event', async () => {
    const result = await setup(
      [
        "    Register-PodeAuthEvent -Name 'Login' -Type Logout -EventName 'Bye' -ScriptBlock {",
        '        "bye $($TriggeredEvent.User.Name) from $($TriggeredEvent.Name)" | Out-Default',
        '    }',
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain(
      "s.registerAuthEvent('Login', 'logout', 'Bye', async (event) => {",
    );
    expect(result.code).toContain('event.user.Name');
    expect(result.code).toContain('event.name');
  });
});
