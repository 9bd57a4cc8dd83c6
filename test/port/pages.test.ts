import { describe, expect, it } from 'vitest';
import { convert } from '../../src/port/index.js';

async function setup(body: string) {
  return convert(`Start-PodeServer {\n${body}\n}\n`, { file: 'site.ps1' });
}

describe('pode-ts port: Add-PodePage', () => {
  it('a view page, a file page (not a script file) and route options', async () => {
    const result = await setup(
      [
        "    Add-PodePage -Name Index -View 'simple' -FlashMessages",
        "    Add-PodePage -Name File -FilePath './views/simple.pode' -Data @{ 'numbers' = @(1, 2, 3) }",
        "    Add-PodePage -Name Admin -Path '/admin' -View 'admin' -Authentication 'Login' -Role 'Boss'",
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain(
      "s.addPage({ name: 'Index', view: 'simple', flashMessages: true });",
    );
    expect(result.code).toContain(
      "s.addPage({ name: 'File', filePath: './views/simple.pode', data: { numbers: [1, 2, 3] } });",
    );
    expect(result.code).toContain(
      "s.addPage({ name: 'Admin', path: '/admin', view: 'admin', authentication: 'Login', role: 'Boss' });",
    );
  });

  it('a script block page returns its output, and -Data reaches its parameters by name', async () => {
    const plain = await setup("    Add-PodePage -Name Hello -ScriptBlock { 'hi' }");
    expect(plain.todos).toBe(0);
    expect(plain.code).toMatch(/s\.addPage\(\{ name: 'Hello' \}, async \(e\) => \{\s+return 'hi';/);
    const withData = await setup(
      '    Add-PodePage -Name Hi -Data @{ Who = \'you\' } -ScriptBlock { param($Who) "hi $Who" }',
    );
    expect(withData.todos).toBe(0);
    expect(withData.code).toContain('async (e, { Who: who }: any) =>');
  });

  it('a parameter pode-ts lacks is a TODO, not a silent drop', async () => {
    const result = await setup("    Add-PodePage -Name X -View 'x' -EndpointName 'api'");
    expect(result.todos).toBeGreaterThan(0);
    expect(result.code).toContain('TODO(port)');
  });
});

describe('pode-ts port: Add-PodeFileWatcher', () => {
  it('options first, $FileEvent members in pode-ts spelling, -ArgumentList by position', async () => {
    const result = await setup(
      [
        "    Add-PodeFileWatcher -Name 'src' -Path './src' -Include '*.ps1', '*.psm1' -Exclude 'tmp*' -EventName Created, Deleted -NoSubdirectories -ArgumentList 'x' -ScriptBlock {",
        '        param($tag)',
        '        "$tag $($FileEvent.Type) $($FileEvent.FullPath) $($FileEvent.Old.Name)" | Out-Default',
        '    }',
      ].join('\n'),
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain(
      "s.addFileWatcher({ name: 'src', path: './src', eventName: ['Created', 'Deleted'],",
    );
    expect(result.code).toContain("include: ['*.ps1', '*.psm1'], exclude: 'tmp*'");
    expect(result.code).toContain("noSubdirectories: true, args: 'x' }");
    expect(result.code).toContain('async (fileEvent, tag) =>');
    expect(result.code).toContain('fileEvent.fullPath');
    expect(result.code).toContain('fileEvent.old.name');
  });

  it('-NotifyFilter has no effect and says so; an unknown parameter is a TODO', async () => {
    const noted = await setup(
      "    Add-PodeFileWatcher -Path '.' -NotifyFilter LastWrite -ScriptBlock { 'x' | Out-Default }",
    );
    expect(noted.todos).toBe(0);
    expect(noted.code).toContain("s.addFileWatcher({ path: '.' }");
  });
});

describe('pode-ts port: a page whose script block ends in a command', () => {
  it('returns the command output as the page', async () => {
    const result = await setup('    Add-PodePage -Name Processes -ScriptBlock { Get-Process }');
    expect(result.todos).toBe(0);
    expect(result.code).toContain('return getProcess();');
  });
});
