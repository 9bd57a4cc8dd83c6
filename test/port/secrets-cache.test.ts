/** The converter on Pode's cache and secret cmdlets, `$cache:`/`$secret:` variables and splatted hashtables. */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/port/index.js';

async function setup(body: string) {
  return convert(`Start-PodeServer {\n${body}\n}\n`, { file: 'server.ps1' });
}

async function route(body: string) {
  return setup(`    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {\n${body}\n    }`);
}

describe('pode-ts port: the cache', () => {
  it('cache cmdlets become the awaited free functions, with Pode parameters as options', async () => {
    const result = await route(
      [
        "        $v = Get-PodeCache -Key 'k' -Storage 'redis' -Metadata -NoEnumerate",
        "        Set-PodeCache -Key 'k' -InputObject $v -Ttl 30",
        "        @{ a = 1 } | Set-PodeCache -Key 'piped'",
        "        $exists = Test-PodeCache -Key 'k'",
        "        Remove-PodeCache -Key 'k' -Storage 'redis'",
        '        Clear-PodeCache',
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain("await getCache('k', { storage: 'redis', metadata: true })");
    expect(result.code).toContain("await setCache('k', v, { ttl: 30 });");
    expect(result.code).toContain("await setCache('piped', { a: 1 });");
    expect(result.code).toContain("await testCache('k')");
    expect(result.code).toContain("await removeCache('k', { storage: 'redis' });");
    expect(result.code).toContain('await clearCache();');
  });

  it('$cache: reads, assignments and ++ become getCache/setCache', async () => {
    const result = await route(
      [
        "        $cache:name = 'x'",
        '        $cache:hits++',
        '        $cache:total += 5',
        '        Write-PodeJsonResponse -Value @{ Name = $cache:name }',
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain("await setCache('name', 'x');");
    expect(result.code).toContain(
      "await setCache('hits', ((await getCache<any>('hits')) ?? 0) + 1);",
    );
    expect(result.code).toContain(
      "await setCache('total', add((await getCache<any>('total')), 5));",
    );
    expect(result.code).toContain("e.writeJson({ Name: (await getCache<any>('name')) });");
  });

  it('a member of $cache: is read through the value; assigning one is a TODO saying to write the whole value back', async () => {
    const read = await route('        $n = $cache:cart.items');
    expect(read.todos).toBe(0);
    expect(read.code).toContain("n = (await getCache<any>('cart')).items;");
    const write = await route('        $cache:cart.items = 2');
    expect(write.todos).toBe(1);
    expect(write.code).toContain('a member of $cache:cart');
  });

  it('Add-PodeCacheStorage, splatted from a hashtable of script blocks, reads each from the variable', async () => {
    const result = await setup(
      [
        '    $params = @{',
        '        Get = { param($key, $metadata) return $null }',
        '        Set = { param($key, $value, $ttl) }',
        '        Remove = { param($key) }',
        '        Test = { param($key) return $false }',
        '        Clear = {}',
        '    }',
        "    Add-PodeCacheStorage -Name 'mine' @params -Default",
        '    Set-PodeCacheDefaultTtl -Value 60',
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain('Get: async (key: any, metadata: any) => {');
    expect(result.code).toContain(
      "s.addCacheStorage({ name: 'mine', get: params.Get, set: params.Set, remove: params.Remove, test: params.Test, clear: params.Clear, default: true });",
    );
    expect(result.code).toContain('s.setCacheDefaultTtl(60);');
  });

  it('splatting a variable that is not one hashtable literal is a TODO that says so', async () => {
    const result = await setup("    Add-PodeCacheStorage -Name 'x' @notAssigned");
    expect(result.todos).toBe(1);
    expect(result.code).toContain(
      'translated only when the script assigns $notAssigned one hashtable',
    );
  });

  it('-Threads is left out for a script that uses the memory cache', async () => {
    const result = await convert('Start-PodeServer -Threads 2 {\n    $cache:x = 1\n}\n', {
      file: 'server.ps1',
    });
    expect(result.code).not.toContain('threads');
  });
});

describe('pode-ts port: secrets', () => {
  it('a custom vault: its script blocks become custom: { read, set, remove }', async () => {
    const result = await setup(
      [
        "    Register-PodeSecretVault -Name 'cli' -CacheTtl 1 -VaultParameters @{ Address = 'x' } -ScriptBlock {",
        '        param($config, $key)',
        '        return $config.Address',
        '    } -SetScriptBlock {',
        '        param($config, $key, $value)',
        '    } -RemoveScriptBlock {',
        '        param($config, $key)',
        '    }',
        "    Mount-PodeSecret -Name 'token' -Vault 'cli' -Key 'hello' -ExpandProperty 'foo'",
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain("vaultParameters: { Address: 'x' },");
    expect(result.code).toContain('cacheTtl: 1,');
    expect(result.code).toContain('read: async (config: any, key: any) => {');
    expect(result.code).toContain('set: async (config: any, key: any, value: any) => {');
    expect(result.code).toContain('remove: async (config: any, key: any) => {');
    expect(result.code).toContain(
      "s.mountSecret({ name: 'token', vault: 'cli', key: 'hello', expandProperty: 'foo' });",
    );
  });

  it('$secret: reads and writes, and the request-time cmdlets', async () => {
    const result = await route(
      [
        '        $secret:token = $WebEvent.Data.value',
        '        $v = Read-PodeSecret -Key $WebEvent.Parameters["key"] -Vault "cli" -ExpandProperty "foo"',
        "        Set-PodeSecret -Key 'k' -Vault 'cli' -InputObject 'v'",
        "        Mount-PodeSecret -Name 'k' -Vault 'cli' -Key 'k'",
        "        Remove-PodeSecret -Key 'k' -Vault 'cli'",
        "        Dismount-PodeSecret -Name 'k' -Remove",
        "        Write-PodeJsonResponse -Value @{ T = $secret:token; M = (Test-PodeSecret -Name 'k'); V = (Get-PodeSecret -Name 'token') }",
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain("await updateSecret('token', (e.data as any).value);");
    expect(result.code).toContain(
      "v = await readSecret({ key: toPsString(e.parameters.key), vault: 'cli', expandProperty: 'foo' });",
    );
    expect(result.code).toContain("await setSecret({ key: 'k', vault: 'cli', value: 'v' });");
    expect(result.code).toContain("mountSecret({ name: 'k', vault: 'cli', key: 'k' });");
    expect(result.code).toContain("await removeSecret({ key: 'k', vault: 'cli' });");
    expect(result.code).toContain("await dismountSecret('k', { remove: true });");
    expect(result.code).toContain("T: (await getSecret<any>('token'))");
    expect(result.code).toContain("M: testSecret('k')");
    expect(result.code).toContain("V: (await getSecret('token'))");
  });

  it('the SecretStore module becomes the local vault; splatted parameters are read from the variable', async () => {
    const result = await setup(
      [
        "    $params = @{ Name = 'local'; ModuleName = 'Microsoft.PowerShell.SecretStore'; UnlockSecret = 'pw' }",
        '    Register-PodeSecretVault @params',
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain(
      's.registerSecretVault({ local: true, name: params.Name, unlockSecret: params.UnlockSecret });',
    );
  });

  it('another SecretManagement module is a TODO that says why and what to write instead', async () => {
    const result = await setup(
      "    Register-PodeSecretVault -Name 'az' -ModuleName 'Az.KeyVault' -VaultParameters @{ AZKVaultName = 'kv' }",
    );
    expect(result.todos).toBe(1);
    expect(result.code).toContain('a PowerShell SecretManagement extension module');
    expect(result.code).toContain('custom vault');
  });

  it('the SecretStore module without -UnlockSecret is a TODO', async () => {
    const result = await setup(
      "    Register-PodeSecretVault -Name 'l' -ModuleName 'Microsoft.PowerShell.SecretStore'",
    );
    expect(result.todos).toBe(1);
    expect(result.code).toContain('without -UnlockSecret');
  });
});

describe('pode-ts port: the programs the cache and secret examples shell out to', () => {
  it('redis-cli runs as a program with its arguments; Get-Command and StringDecorated translate', async () => {
    const result = await convert(
      [
        'if (Get-Command redis-cli -ErrorAction Stop) { }',
        'Start-PodeServer {',
        '    $get = {',
        '        param($key)',
        '        $result = redis-cli -h localhost -p 6379 GET $key',
        "        return [System.Management.Automation.Internal.StringDecorated]::new($result).ToString('PlainText')",
        '    }',
        '}',
      ].join('\n'),
      { file: 'server.ps1' },
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain("getCommand('redis-cli', { errorAction: 'Stop' })");
    expect(result.code).toContain(
      "result = (await invokeNative('redis-cli', ['-h', 'localhost', '-p', 6379, 'GET', key]));",
    );
    expect(result.code).toContain('return stripAnsi(result);');
  });

  it('an unknown command is still a TODO, never sent to the shell', async () => {
    const result = await route('        some-tool --flag');
    expect(result.todos).toBe(1);
    expect(result.code).not.toContain('invokeNative');
  });
});
