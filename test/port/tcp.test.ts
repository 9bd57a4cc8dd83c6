/** The converter on Pode's TCP, SMTP and service cmdlets: verbs, handlers and their events. */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/port/index.js';

async function setup(body: string, head = 'Start-PodeServer') {
  return convert(`${head} {\n${body}\n}\n`, { file: 'server.ps1' });
}

describe('pode-ts port: TCP verbs', () => {
  it('verbs become s.addVerb, with $TcpEvent as e and the TCP client cmdlets as its methods', async () => {
    const result = await setup(
      [
        "    Add-PodeEndpoint -Address localhost -Port 9000 -Protocol Tcp -Name 'EP1' -CRLFMessageEnd -Acknowledge 'Hi!' -Hostname 'foo.example.com'",
        "    Add-PodeVerb -Verb 'HELLO :name' -EndpointName EP1 -ScriptBlock {",
        '        Write-PodeTcpClient -Message "HI $($TcpEvent.Parameters.name) of $($TcpEvent.Parameters.count)"',
        '        $answer = Read-PodeTcpClient -CRLFMessageEnd -Timeout 500',
        '        $TcpEvent.Request.Body | Out-Default',
        '        Close-PodeTcpClient',
        '    }',
        "    Add-PodeVerb -Verb 'QUIT' -Close",
        "    Add-PodeVerb -Verb 'STARTTLS' -UpgradeToSsl",
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain(
      "s.addEndpoint({ address: 'localhost', port: 9000, protocol: 'tcp', name: 'EP1', hostname: 'foo.example.com', acknowledge: 'Hi!', crlfMessageEnd: true });",
    );
    expect(result.code).toContain("s.addVerb('HELLO :name', async (e) => {");
    // the converter writes a template literal: its placeholders are the expected text
    const written = [
      'e.write(`HI $',
      '{toPsString(e.parameters.name)} of $',
      '{toPsString(e.parameters.count)}`);',
    ];
    expect(result.code).toContain(written.join(''));
    expect(result.code).toContain('await e.read({ timeout: 500, crlfMessageEnd: true })');
    expect(result.code).toContain('e.request.body');
    expect(result.code).toContain('e.close();');
    expect(result.code).toContain("}, { endpointName: 'EP1' });");
    expect(result.code).toContain("s.addVerb('QUIT', { close: true });");
    expect(result.code).toContain("s.addVerb('STARTTLS', { upgradeToSsl: true });");
  });

  it('outside a verb the TCP client cmdlets are the free functions', async () => {
    const result = await convert(
      [
        'function Send-Greeting { Write-PodeTcpClient -Message "hello"; Close-PodeTcpClient }',
        'Start-PodeServer {',
        '    Add-PodeEndpoint -Address localhost -Port 9000 -Protocol Tcp',
        "    Add-PodeVerb -Verb 'HI' -ScriptBlock { Send-Greeting }",
        '}',
      ].join('\n'),
      { file: 'server.ps1' },
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain("writeTcpClient('hello');");
    expect(result.code).toContain('closeTcpClient();');
  });

  it('HTTP-only parameters on a TCP endpoint stay TODOs', async () => {
    const result = await setup(
      "    Add-PodeEndpoint -Address localhost -Port 9000 -Protocol Tcp -DualMode -RedirectTo 'x' -Name y",
    );
    expect(result.todos).toBe(1);
    expect(result.code).toMatch(/-DualMode on a tcp endpoint/);
  });
});

describe('pode-ts port: SMTP and service handlers', () => {
  it('Add-PodeHandler -Type Smtp becomes s.addHandler with $SmtpEvent.Email as e.email', async () => {
    const result = await setup(
      [
        '    Add-PodeEndpoint -Address localhost -Protocol Smtps -SelfSigned -TlsMode Explicit',
        "    Add-PodeHandler -Type Smtp -Name 'Main' -ScriptBlock {",
        '        Write-PodeHost $SmtpEvent.Email.From',
        '        Write-PodeHost $SmtpEvent.Email.IsUrgent',
        '        Write-PodeHost $SmtpEvent.Email.ContentType',
        '        Write-PodeHost $SmtpEvent.Email.Attachments.Length',
        '    }',
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain(
      "s.addEndpoint({ address: 'localhost', protocol: 'smtps', selfSigned: true, tlsMode: 'explicit' });",
    );
    expect(result.code).toContain("s.addHandler('smtp', 'Main', async (e) => {");
    expect(result.code).toContain('writePodeHost(e.email.from);');
    expect(result.code).toContain('writePodeHost(e.email.isUrgent);');
    expect(result.code).toContain('writePodeHost(e.email.contentType);');
    expect(result.code).toContain('writePodeHost(e.email.attachments.length);');
  });

  it('Start-PodeServer -Interval with service handlers becomes a service server', async () => {
    const result = await setup(
      "    Add-PodeHandler -Type Service -Name 'Hello' -ScriptBlock { Write-PodeHost 'hello' }",
      'Start-PodeServer -Interval 3',
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain("s.addHandler('service', 'Hello', async (e) => {");
    expect(result.code).toContain('{ interval: 3 }');
  });
});
