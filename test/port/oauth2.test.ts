import { describe, expect, it } from 'vitest';
import { convert } from '../../src/port/index.js';

async function setup(body: string) {
  return convert(
    `Start-PodeServer {\n    Enable-PodeSessionMiddleware -Duration 120\n${body}\n}\n`,
    {
      file: 'oauth2.ps1',
    },
  );
}

describe('pode-ts port: OAuth2 schemes', () => {
  it('New-PodeAuthScheme -OAuth2 becomes oauth2({…}) and the validator gets its four values', async () => {
    const result = await setup(
      [
        "    New-PodeAuthScheme -OAuth2 -ClientId 'id' -ClientSecret 'secret' -AuthoriseUrl 'https://p/auth' -TokenUrl 'https://p/token' -UserUrl 'https://p/me' -UserUrlMethod Get -UsePKCE -CodeChallengeMethod plain |",
        "        Add-PodeAuth -Name 'Login' -ScriptBlock {",
        '            param($user, $accessToken, $refreshToken, $response)',
        '            return @{ User = @{ Name = $user.name; Token = $accessToken; Refresh = $refreshToken; Type = $response.token_type } }',
        '        }',
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain("clientId: 'id'");
    expect(result.code).toContain("userUrlMethod: 'GET'");
    expect(result.code).toContain('usePkce: true');
    expect(result.code).toContain("codeChallengeMethod: 'plain'");
    expect(result.code).toContain(
      'async ({ user, accessToken, refreshToken, response }: OAuth2Credentials, e) =>',
    );
    expect(result.code).toMatch(/import \{[^}]*\boauth2\b[^}]*type OAuth2Credentials/s);
  });

  it('New-PodeAuthAzureADScheme with an inner form scheme held in $form (renamed: form() is the factory)', async () => {
    const result = await setup(
      [
        '    $form = New-PodeAuthScheme -Form',
        "    $scheme = New-PodeAuthAzureADScheme -Tenant 'contoso' -ClientId 'id' -ClientSecret 's' -InnerScheme $form",
        "    $scheme | Add-PodeAuth -Name 'Login' -ScriptBlock { param($user, $accessToken) return @{ User = $user } }",
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain('form_ = form();');
    expect(result.code).toMatch(/azureAD\(\{\s*tenant: 'contoso',[^)]*innerScheme: form_/s);
    expect(result.code).toContain('async ({ user, accessToken }: OAuth2Credentials, e) =>');
  });

  it('ConvertFrom-PodeOIDCDiscovery is awaited at set-up', async () => {
    const result = await setup(
      [
        "    $scheme = ConvertFrom-PodeOIDCDiscovery -Url 'https://accounts.example.com' -ClientId 'id' -Scope 'openid' -UsePKCE",
        "    $scheme | Add-PodeAuth -Name 'Login' -ScriptBlock { param($user) return @{ User = $user } }",
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain(
      "await oidcDiscovery('https://accounts.example.com', { scope: 'openid', clientId: 'id', usePkce: true })",
    );
  });

  it('a validator parameter past the credentials is $null as in Pode; with -ArgumentList a TODO', async () => {
    const extra = await setup(
      "    New-PodeAuthScheme -OAuth2 -ClientId 'i' -ClientSecret 's' -AuthoriseUrl 'https://p/a' -TokenUrl 'https://p/t' | Add-PodeAuth -Name 'L' -ScriptBlock { param($u, $a, $r, $resp, $more) return @{ User = $u; More = $more } }",
    );
    expect(extra.todos).toBe(0);
    expect(extra.code).toContain(
      'async ({ user: u, accessToken: a, refreshToken: r, response: resp }: OAuth2Credentials, e) =>',
    );
    expect(extra.code).toContain('const more: any = null;');
    const basicExtra = await setup(
      "    New-PodeAuthScheme -ApiKey | Add-PodeAuth -Name 'K' -Sessionless -ScriptBlock { param($key, $other) return @{ User = $key } }",
    );
    expect(basicExtra.todos).toBe(0);
    expect(basicExtra.code).toContain('async ({ key }, e) =>');
    const withArguments = await setup(
      "    New-PodeAuthScheme -Basic | Add-PodeAuth -Name 'B' -Sessionless -ArgumentList 'x' -ScriptBlock { param($username, $password, $extra) return @{ User = $username } }",
    );
    expect(withArguments.todos).toBeGreaterThan(0);
    const realm = await setup(
      "    $s = New-PodeAuthScheme -OAuth2 -ClientId 'i' -ClientSecret 's' -AuthoriseUrl 'https://p/a' -TokenUrl 'https://p/t' -Realm 'R'",
    );
    expect(realm.todos).toBeGreaterThan(0);
    expect(realm.code).not.toContain("realm: 'R'");
    const middleware = await setup(
      "    $s = New-PodeAuthAzureADScheme -ClientId 'i' -ClientSecret 's' -Middleware $mw",
    );
    expect(middleware.todos).toBeGreaterThan(0);
  });
});
