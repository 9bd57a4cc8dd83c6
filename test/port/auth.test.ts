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
});
