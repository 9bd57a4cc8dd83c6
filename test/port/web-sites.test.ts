import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitPodeView } from '../../src/port/features/pode-views.js';
import { convert } from '../../src/port/index.js';

/** Converts a set-up block (inside Start-PodeServer) with the real catalogue. */
async function setup(body: string) {
  return convert(`Start-PodeServer {\n${body}\n}\n`, { file: 'site.ps1' });
}

/** Converts one route body. */
async function route(body: string) {
  return setup(`    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {\n${body}\n    }`);
}

describe('pode-ts port: views, static files and groups', () => {
  it('views: engine, folders, data and options; Data is written only when something follows', async () => {
    const result = await setup(
      [
        '    Set-PodeViewEngine -Type Pode',
        "    Set-PodeDefaultFolder -Type Views -Path './templates'",
        "    Add-PodeViewFolder -Name 'mail' -Source './mail'",
        "    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {",
        "        Write-PodeViewResponse -Path 'index'",
        "        Write-PodeViewResponse -Path 'home' -Data @{ Name = 'Rick' }",
        "        Write-PodeViewResponse 'login' -FlashMessages -StatusCode 401 -Folder 'mail'",
        "        $footer = Use-PodePartialView -Path 'shared/footer'",
        '    }',
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain("s.setViewEngine({ type: 'pode' });");
    expect(result.code).toContain("s.setDefaultFolder('views', './templates');");
    expect(result.code).toContain("s.addViewFolder('mail', './mail');");
    expect(result.code).toContain("await e.writeView('index');");
    expect(result.code).toContain("await e.writeView('home', { Name: 'Rick' });");
    expect(result.code).toContain(
      "await e.writeView('login', {}, { status: 401, flashMessages: true, folder: 'mail' });",
    );
    expect(result.code).toContain("footer = await e.usePartialView('shared/footer');");
  });

  it('a custom view engine script block becomes render (path, data)', async () => {
    const result = await setup(
      '    Set-PodeViewEngine -Type Mustache -Extension mst -ScriptBlock {\n        param($path, $data)\n        return "rendered $path"\n    }',
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain(
      "s.setViewEngine({ type: 'mustache', extension: 'mst', render: async (path: any, data: any) => {",
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the generated code holds a template literal
    expect(result.code).toContain('return `rendered ${toPsString(path)}`;');
  });

  it('static routes, attachments and files with their options, -RedirectToDefault included', async () => {
    const result = await setup(
      [
        "    Add-PodeStaticRoute -Path '/assets' -Source './public' -Defaults @('main.html') -FileBrowser",
        "    Add-PodeStaticRoute -Path '/dl' -Source './files' -DownloadOnly -Authentication 'Login' -EndpointName 'api'",
        "    Add-PodeStaticRoute -Path '/docs' -Source './docs' -RedirectToDefault",
        "    Add-PodeRoute -Method Get -Path '/f' -ScriptBlock {",
        "        Set-PodeResponseAttachment -Path '/dl/a.zip' -ContentType 'application/zip'",
        "        Write-PodeFileResponse -Path './a.txt' -ContentType 'text/plain' -StatusCode 202 -Cache -MaxAge 60",
        "        Write-PodeDirectoryResponse -Path './shared'",
        '    }',
      ].join('\n'),
    );
    expect(result.code).toContain(
      "s.addStaticRoute('/assets', './public', { defaults: toArray('main.html'), fileBrowser: true });",
    );
    expect(result.code).toContain(
      "s.addStaticRoute('/dl', './files', { authentication: 'Login', endpointName: 'api', downloadOnly: true });",
    );
    expect(result.code).toContain(
      "await e.setResponseAttachment('/dl/a.zip', { contentType: 'application/zip' });",
    );
    expect(result.code).toContain(
      "await e.writeFile('./a.txt', { statusCode: 202, contentType: 'text/plain', cache: true, maxAge: 60 });",
    );
    expect(result.code).toContain("await e.writeDirectory('./shared');");
    expect(result.code).toContain(
      "s.addStaticRoute('/docs', './docs', { redirectToDefault: true });",
    );
    expect(result.todos).toBe(0);
  });

  it('route groups: nested -Routes blocks become (g) => …, and routes inside call g', async () => {
    const result = await setup(
      [
        "    Add-PodeRouteGroup -Path '/api' -Authentication 'Basic' -TransferEncoding gzip -Routes {",
        "        Add-PodeRoute -Method Get -Path '/a' -ScriptBlock { Write-PodeTextResponse -Value 'a' }",
        "        Add-PodeRouteGroup -Path '/v2' -Routes {",
        "            Add-PodeStaticRoute -Path '/files' -Source './files'",
        '        }',
        '    }',
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain(
      "s.addRouteGroup({ path: '/api', authentication: 'Basic', transferEncoding: 'gzip' }, (g: RouteGroup) => {",
    );
    expect(result.code).toContain("    g.addRoute({ method: 'GET', path: '/a' }, async (e) => {");
    expect(result.code).toContain("    g.addRouteGroup({ path: '/v2' }, (g: RouteGroup) => {");
    expect(result.code).toContain("      g.addStaticRoute('/files', './files');");
  });

  it('a group without -Routes is a TODO, not a silent empty group', async () => {
    const result = await setup("    Add-PodeRouteGroup -Path '/api'");
    expect(result.todos).toBe(1);
    expect(result.code).toContain("throw new PodeError('PODE_ERR_NOT_PORTED'");
  });
});

describe('pode-ts port: formats', () => {
  it('each format with its options; pipeline input becomes the value', async () => {
    const result = await route(
      [
        '        $x = @{ A = 1 }',
        '        Write-PodeJsonResponse -Value $x -Depth 4 -NoCompress',
        "        Write-PodeXmlResponse -Value $x -StatusCode 201 -ContentType 'text/xml'",
        '        Write-PodeCsvResponse -Value $x',
        '        Write-PodeYamlResponse -Value $x -Depth 3',
        "        Write-PodeMarkdownResponse -Value '# hi' -AsHtml",
        '        $x | Write-PodeXmlResponse',
      ].join('\n'),
    );
    expect(result.code).toContain('e.writeJson(x, { depth: 4, noCompress: true });');
    expect(result.code).toContain("e.writeXml(x, { statusCode: 201, contentType: 'text/xml' });");
    expect(result.code).toContain('e.writeCsv(x);');
    expect(result.code).toContain('e.writeYaml(x, { depth: 3 });');
    expect(result.code).toContain("e.writeMarkdown('# hi', { asHtml: true });");
    expect(result.code).toMatch(/^\s+e\.writeXml\(x\);$/m);
  });

  it('-TransferEncoding on a route', async () => {
    const result = await setup(
      "    Add-PodeRoute -Method Post -Path '/up' -TransferEncoding Gzip -ScriptBlock { Write-PodeTextResponse -Value 'ok' }",
    );
    expect(result.code).toContain(
      "s.addRoute({ method: 'POST', path: '/up', transferEncoding: 'gzip' }, async (e) => {",
    );
  });
});

describe('pode-ts port: logging', () => {
  it('the pipelines real scripts use, current and older names', async () => {
    const result = await setup(
      [
        '    New-PodeLogTerminalMethod | Enable-PodeLogErrorType -Levels error, WARNING',
        "    New-PodeLogFileMethod -Name 'req' -Path './logs' -MaxDays 4 -MaxSize 1024 | Enable-PodeLogRequestType -Format Common",
        '    New-PodeLoggingMethod -Terminal | Enable-PodeErrorLogging',
        "    New-PodeLoggingMethod -File -Name 'old' -MaxDays 2 -Batch 5 -BatchTimeout 3 | Enable-PodeRequestLogging",
        '    $m = New-PodeLogTerminalMethod -BatchInfo (New-PodeLogBatchInfo -Size 10 -Timeout 5)',
        "    $m | Add-PodeLogType -Name 'audit' -Levels Informational, Debug",
        "    Enable-PodeLogErrorType -Method $m -Levels '*'",
        "    Remove-PodeLogType -Name 'audit'",
        '    Disable-PodeLogRequestType',
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain(
      "s.enableLogErrorType(newLogTerminalMethod(), { levels: ['Error', 'Warning'] });",
    );
    expect(result.code).toContain(
      "s.enableLogRequestType(newLogFileMethod({ name: 'req', path: './logs', maxDays: 4, maxSize: 1024 }), { format: 'Common' });",
    );
    expect(result.code).toContain('s.enableLogErrorType(newLogTerminalMethod());');
    expect(result.code).toContain(
      "s.enableLogRequestType(newLogFileMethod({ name: 'old', maxDays: 2, batch: newLogBatchInfo({ size: 5, timeout: 3 }) }));",
    );
    expect(result.code).toContain(
      'm = newLogTerminalMethod({ batch: newLogBatchInfo({ size: 10, timeout: 5 }) });',
    );
    expect(result.code).toContain(
      "s.addLogType('audit', m, { levels: ['Informational', 'Debug'] });",
    );
    expect(result.code).toContain("s.enableLogErrorType(m, { levels: ['*'] });");
    expect(result.code).toContain("s.removeLogType('audit');");
    expect(result.code).toContain('s.disableLogRequestType();');
  });

  it('custom methods and log type script blocks become functions; Write-PodeLog and Write-PodeErrorLog in routes', async () => {
    const result = await setup(
      [
        '    $custom = New-PodeLogCustomMethod -ScriptBlock {',
        '        param($items)',
        '        $items | Out-Default',
        '    }',
        "    $custom | Add-PodeLogType -Name 'events' -ScriptBlock {",
        '        param($item)',
        '        return "event $($item.Id)"',
        '    }',
        "    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {",
        "        Write-PodeLog -Name 'events' -InputObject @{ Id = 1 } -Level debug",
        '        try { throw "no" } catch { $_ | Write-PodeErrorLog -Level Warning }',
        '    }',
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    // version 1 (Pode's default): the method gets the transformed items, the type the data
    expect(result.code).toMatch(
      /custom = newLogCustomMethod\(\s*podeLogMethod\(async \(items: any\) => \{/,
    );
    expect(result.code).toMatch(
      /s\.addLogType\('events', custom, \{\s*format: podeLogType\(async \(item: any\) => \{/,
    );
    expect(result.code).toContain(
      "writeLog('events', { inputObject: { Id: 1 }, level: 'Debug' });",
    );
    expect(result.code).toContain("writeErrorLog(error, { level: 'Warning' });");
  });

  it('-Version 2 and -ArgumentList of log script blocks: called as Pode calls them (podeLogMethod, podeLogType)', async () => {
    const result = await setup(
      [
        '    $m = New-PodeLogCustomMethod -Version 2 -ScriptBlock {',
        '        param($items, $tag)',
        '        $items[0].Data.Verb | Out-Default',
        "    } -ArgumentList 'shop'",
        "    $m | Add-PodeLogType -Name 'custom' -Version 2 -ScriptBlock {",
        '        param($logEvent)',
        '        return @{ Verb = $logEvent.Data.Verb; Level = $logEvent.Level }',
        '    }',
        "    New-PodeLogTerminalMethod | Add-PodeLogType -Name 'raw' -Raw",
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain('m = newLogCustomMethod(');
    expect(result.code).toMatch(/podeLogMethod\(\s*async \(items: any, tag: any\) => \{/);
    expect(result.code).toMatch(/\},\s*2,\s*\['shop'\],?\s*\)/);
    expect(result.code).toMatch(/format: podeLogType\(\s*async \(logEvent: any\) => \{/);
    expect(result.code).toMatch(/\},\s*'custom',\s*2,?\s*\)/);
    expect(result.code).toContain("s.addLogType('raw', newLogTerminalMethod());");
    expect(result.messages.map((m) => m.message).join('\n')).not.toMatch(/-Raw/);
  });

  it('what has no equivalent is a TODO: an unknown level, a computed level, the event viewer, a computed -Version', async () => {
    for (const line of [
      '    New-PodeLogTerminalMethod | Enable-PodeLogErrorType -Levels Fatal',
      '    New-PodeLogTerminalMethod | Enable-PodeLogErrorType -Levels $levels',
      '    New-PodeLoggingMethod -EventViewer | Enable-PodeErrorLogging',
      "    New-PodeLogTerminalMethod | Add-PodeLogType -Name 'x' -LogFormat Syslog",
      '    $m = New-PodeLogCustomMethod -Version $v -ScriptBlock {\n        param($items)\n        $items | Out-Default\n    }',
    ]) {
      const result = await setup(line);
      expect(result.todos, line).toBe(1);
    }
  });
});

describe('splitPodeView (.pode files as PowerShell reads a double-quoted string)', () => {
  it('splits text, sub-expressions, variables and escapes', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: PowerShell's ${w} variable syntax
    expect(splitPodeView('<p a="1">$($data.x) `$y $z ${w} `n $ $(1 + (2)) $("a)b")</p>')).toEqual([
      { kind: 'text', text: '<p a="1">' },
      { kind: 'code', code: '$data.x', offset: 9 },
      { kind: 'text', text: ' $y ' },
      { kind: 'code', code: '$z', offset: 24 },
      { kind: 'text', text: ' ' },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: PowerShell's ${w} variable syntax
      { kind: 'code', code: '${w}', offset: 27 },
      { kind: 'text', text: ' \n $ ' },
      { kind: 'code', code: '1 + (2)', offset: 37 },
      { kind: 'text', text: ' ' },
      { kind: 'code', code: '"a)b"', offset: 48 },
      { kind: 'text', text: '</p>' },
    ]);
  });

  it('text with no $ or backtick is one piece, as it is', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (raw) => {
        const text = raw.replace(/[$`]/g, '');
        const pieces = splitPodeView(text);
        expect(pieces).toEqual(text === '' ? [] : [{ kind: 'text', text }]);
      }),
    );
  });

  it('never throws; each code piece starts with $ at its offset, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('$', '(', ')', '`', '"', "'", '#', '\n', 'a', '{', '}', ' '), {
          maxLength: 60,
        }),
        (chars) => {
          const text = chars.join('');
          let last = -1;
          for (const piece of splitPodeView(text)) {
            if (piece.kind !== 'code') continue;
            expect(text[piece.offset]).toBe('$');
            expect(piece.offset).toBeGreaterThan(last);
            last = piece.offset;
          }
        },
      ),
    );
  });
});
