import { describe, expect, it } from 'vitest';
import { convert } from '../../src/port/index.js';

/** Converts a set-up block (inside Start-PodeServer) with the real catalogue. */
async function setup(body: string, head = 'Start-PodeServer') {
  return convert(`${head} {\n${body}\n}\n`, { file: 'endpoints.ps1' });
}

/** Converts one route body. */
async function route(body: string) {
  return setup(`    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {\n${body}\n    }`);
}

const todoMessages = (result: Awaited<ReturnType<typeof convert>>) =>
  result.messages.filter((m) => m.kind === 'todo').map((m) => m.message);

describe('pode-ts port: endpoints', () => {
  it('translates host names, dual mode, certificates, redirecting and default endpoints', async () => {
    const result = await setup(
      [
        '    Add-PodeEndpoint -Address 127.0.0.1 -Hostname pode.example.com -Port 8080 -Protocol Http -Name Site -Default',
        '    Add-PodeEndpoint -Address * -Port 8081 -Protocol Http -DualMode -Name Old -RedirectTo Site',
        '    Add-PodeEndpoint -Address localhost -Port 8443 -Protocol Https -SelfSigned -AllowClientCertificate',
        "    Add-PodeEndpoint -Address localhost -Port 8444 -Protocol Https -Certificate './cert.pem' -CertificateKey './key.pem' -CertificatePassword 'test'",
        '    Add-PodeEndpoint -Hostname pode4.example.com -Port 8082 -Protocol Http -LookupHostname -Force',
      ].join('\n'),
    );
    expect(todoMessages(result)).toEqual([]);
    const code = result.code.replace(/\s+/g, ' ');
    expect(code).toContain(
      "s.addEndpoint({ address: '127.0.0.1', port: 8080, protocol: 'http', name: 'Site', hostname: 'pode.example.com', default: true });",
    );
    expect(code).toContain(
      "s.addEndpoint({ address: '*', port: 8081, protocol: 'http', name: 'Old', dualMode: true, redirectTo: 'Site' });",
    );
    expect(code).toContain('selfSigned: true, allowClientCertificate: true');
    expect(code).toContain(
      "certificate: './cert.pem', certificateKey: './key.pem', certificatePassword: 'test'",
    );
    expect(code).toContain("hostname: 'pode4.example.com', lookupHostname: true");
  });

  it('leaves the Windows certificate store as a TODO that says what to do instead', async () => {
    const result = await setup(
      "    Add-PodeEndpoint -Address localhost -Port 8443 -Protocol Https -CertificateThumbprint '2A62'",
    );
    expect(todoMessages(result).join('\n')).toMatch(
      /CertificateThumbprint: the Windows certificate store .* export the certificate to a \.pfx/,
    );
  });

  it('translates Move-PodeResponseUrl with components or an endpoint name into a redirect target', async () => {
    const result = await route(
      [
        '        Move-PodeResponseUrl -Protocol Https -Port 8443',
        '        Move-PodeResponseUrl -Address 127.0.0.1 -Moved',
        '        Move-PodeResponseUrl -EndpointName Site',
        "        Move-PodeResponseUrl -Url '/home'",
      ].join('\n'),
    );
    expect(todoMessages(result)).toEqual([]);
    expect(result.messages.filter((m) => m.kind === 'note')).toEqual([]);
    expect(result.code).toContain("e.redirect({ protocol: 'https', port: 8443 });");
    expect(result.code).toContain("e.redirect({ address: '127.0.0.1' }, { moved: true });");
    expect(result.code).toContain("e.redirect({ endpointName: 'Site' });");
    expect(result.code).toContain("e.redirect('/home');");
  });

  it('gives a route path written without its leading slash one, as Pode does (-Path *)', async () => {
    const result = await setup(
      [
        '    Add-PodeRoute -Method * -Path * -ScriptBlock { Move-PodeResponseUrl -Port 8443 }',
        "    Add-PodeRoute -Method Get -Path 'users/:id' -ScriptBlock { Write-PodeTextResponse -Value 'x' }",
      ].join('\n'),
    );
    expect(todoMessages(result)).toEqual([]);
    expect(result.code).toContain("s.addRoute({ method: '*', path: '/*' }");
    expect(result.code).toContain("s.addRoute({ method: 'GET', path: '/users/:id' }");
  });

  it('translates the cookie secrets and the server metrics', async () => {
    const result = await setup(
      [
        "    Set-PodeCookieSecret -Value 'pi' -Global",
        "    Set-PodeCookieSecret -Name 'mine' -Value 'rho'",
        "    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {",
        '        $s = Get-PodeCookieSecret -Global',
        "        $m = Get-PodeCookieSecret -Name 'mine'",
        '        Write-PodeJsonResponse -Value @{ r = (Get-PodeServerRestartCount); u = (Get-PodeServerUptime -Total -Format Concise) }',
        '    }',
      ].join('\n'),
    );
    expect(todoMessages(result)).toEqual([]);
    expect(result.code).toContain("s.setCookieSecret({ value: 'pi', global: true });");
    expect(result.code).toContain("s.setCookieSecret({ name: 'mine', value: 'rho' });");
    expect(result.code).toContain('e.getCookieSecret({ global: true })');
    expect(result.code).toContain("e.getCookieSecret({ name: 'mine' })");
    expect(result.code).toContain('getServerRestartCount()');
    expect(result.code).toContain("getServerUptime({ total: true, format: 'concise' })");
  });

  it('drops -Verbose, -Debug and -ErrorAction Stop, and keeps -ErrorAction SilentlyContinue as a TODO', async () => {
    const dropped = await setup(
      '    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http -ErrorAction Stop -Verbose:$true',
      'Start-PodeServer -Verbose -Debug',
    );
    expect(todoMessages(dropped)).toEqual([]);
    expect(dropped.code).toContain(
      "s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });",
    );
    const kept = await setup(
      '    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http -ErrorAction SilentlyContinue',
    );
    expect(todoMessages(kept).join('\n')).toMatch(/-ErrorAction SilentlyContinue .*try\/catch/);
  });

  it('translates $PodeContext.Server.Root, $WebEvent.Endpoint members and GetRandomFileName', async () => {
    const result = await route(
      [
        '        $root = $PodeContext.Server.Root',
        '        $name = [System.IO.Path]::GetRandomFileName()',
        '        Write-PodeJsonResponse -Value @{ p = $WebEvent.Endpoint.Protocol; n = $WebEvent.Endpoint.Name; a = $WebEvent.Endpoint.Address }',
      ].join('\n'),
    );
    expect(todoMessages(result)).toEqual([]);
    expect(result.code).toContain('root = import.meta.dirname;');
    expect(result.code).toContain('name = pathGetRandomFileName();');
    expect(result.code).toContain(
      "e.writeJson({ p: e.endpoint.protocol, n: e.endpoint.name, a: (e.headers.host ?? '') });",
    );
    const other = await route('        $x = $PodeContext.Server.Endpoints');
    expect(todoMessages(other).join('\n')).toMatch(/\$PodeContext \(Pode's internal server state/);
  });
});
