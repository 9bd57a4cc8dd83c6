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
