import { describe, expect, it } from 'vitest';
import { convert } from '../../src/port/index.js';

/** Converts a set-up block (inside Start-PodeServer) with the real catalogue. */
async function setup(body: string) {
  return convert(`Start-PodeServer {\n${body}\n}\n`, { file: 'realtime.ps1' });
}

describe('pode-ts port: manual WebSocket upgrades, groups, SSE events, WebSocket clients', () => {
  it('-NoAutoUpgradeWebSockets, ConvertTo-PodeSignalConnection, -Group and $WebEvent.Signal', async () => {
    const result = await setup(
      [
        '    Add-PodeEndpoint -Address localhost -Port 8091 -Protocol Ws -NoAutoUpgradeWebSockets',
        "    Add-PodeRoute -Method Get -Path '/msg' -ScriptBlock {",
        "        ConvertTo-PodeSignalConnection -Name 'Msg' -Group 'admins' -Scope Local -ClientId 'c1'",
        "        Send-PodeSignal -Name 'Msg' -Group $WebEvent.Signal.Group -Value 'hi'",
        '        $local = $WebEvent.Signal.IsLocal',
        "        Close-PodeSignalConnection -Name 'Msg' -Group 'admins'",
        '    }',
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain('noAutoUpgradeWebSockets: true');
    expect(result.code).toContain(
      "e.toSignalConnection({ name: 'Msg', group: 'admins', scope: 'local', clientId: 'c1' });",
    );
    expect(result.code).toContain(
      "sendSignal({ value: 'hi', path: 'Msg', group: e.signal?.group });",
    );
    expect(result.code).toContain("e.signal?.scope === 'local'");
    expect(result.code).toContain("disconnectSignal({ path: 'Msg', group: 'admins' });");
  });

  it('Register-PodeSignalEvent and Register-PodeSseEvent take a list of names', async () => {
    const result = await setup(
      [
        "    Register-PodeSignalEvent -Name 'Msg', 'Local' -Type Connect -EventName 'On' -ScriptBlock {",
        '        $TriggeredEvent.Connection.ClientId | Out-Default',
        '    }',
        "    Register-PodeSseEvent -Name 'Test', 'Data' -Type Disconnect -EventName 'Off' -ScriptBlock {",
        '        $TriggeredEvent.Name | Out-Default',
        '    }',
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain(
      "s.registerSignalEvent(['Msg', 'Local'], 'connect', async (event) => {",
    );
    expect(result.code).toContain(
      "s.registerSseEvent(['Test', 'Data'], 'disconnect', async (event) => {",
    );
    expect(result.code).toContain("{ eventName: 'Off' }");
  });

  it('Connect-PodeWebSocket is the builder method at set-up and the awaited free function in a route', async () => {
    const result = await setup(
      [
        '    Set-PodeWebSocketConcurrency -Maximum 3',
        "    Connect-PodeWebSocket -Name 'Ex' -Url 'ws://localhost:8091' -ScriptBlock {",
        '        Send-PodeWebSocket -Message @{ echo = $WsEvent.Data.message } -Type Binary',
        '    }',
        "    Add-PodeRoute -Method Get -Path '/connect' -ScriptBlock {",
        "        Connect-PodeWebSocket -Name 'Other' -Url 'wss://example.com/' -ContentType 'text/plain'",
        "        Reset-PodeWebSocket -Name 'Ex' -Url 'ws://localhost:8092'",
        "        $up = Test-PodeWebSocket -Name 'Ex'",
        "        Disconnect-PodeWebSocket -Name 'Other'",
        "        Remove-PodeWebSocket -Name 'Other'",
        '    }',
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain('s.setWebSocketConcurrency(3);');
    expect(result.code).toContain("s.connectWebSocket('Ex', 'ws://localhost:8091', async (e) => {");
    expect(result.code).toContain(
      "sendWebSocket({ message: { echo: (e.data as any).message }, type: 'binary' });",
    );
    expect(result.code).toContain(
      "await connectWebSocket('Other', 'wss://example.com/', { contentType: 'text/plain' });",
    );
    expect(result.code).toContain(
      "await resetWebSocket({ name: 'Ex', url: 'ws://localhost:8092' });",
    );
    expect(result.code).toContain("testWebSocket('Ex')");
    expect(result.code).toContain("await disconnectWebSocket({ name: 'Other' });");
    expect(result.code).toContain("await removeWebSocket({ name: 'Other' });");
  });
});
