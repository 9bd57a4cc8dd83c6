import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'pode-ts-cli-'));

function script(name: string, text: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function cli(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
}

const HELLO = `Import-Module Pode
Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http
    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Hello = 'world' }
    }
}
`;

describe('pode-ts port', () => {
  it('writes the module beside the script and prints the summary line', () => {
    const file = script('hello.ps1', HELLO);
    const result = cli('port', file);
    expect(result.status).toBe(0);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(
      'ported 5 of 5 statements, 0 not translated',
    );
    const code = readFileSync(file.replace(/\.ps1$/, '.ts'), 'utf8');
    expect(code).toContain("import { startServer, type ServerBuilder } from 'pode-ts';");
    expect(code).toContain("s.addRoute({ method: 'GET', path: '/' }, async (e) => {");
    expect(code).toContain("e.writeJson({ Hello: 'world' });");
  });

  it('-o - writes to stdout', () => {
    const result = cli('port', script('out.ps1', HELLO), '-o', '-');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('await startServer(');
  });

  it('an untranslatable construct becomes a TODO, a throw, a stderr line and counts in the summary', () => {
    const file = script(
      'todo.ps1',
      `Start-PodeServer {\n    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http\n    Get-Service -Name 'sshd' | Write-Host\n}\n`,
    );
    const result = cli('port', file, '-o', '-');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("// TODO(port): Get-Service -Name 'sshd' | Write-Host");
    expect(result.stdout).toContain("throw new PodeError('PODE_ERR_NOT_PORTED'");
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe(`${file}:3:5: not translated: Get-Service (no equivalent in pode-ts)`);
    expect(lines.at(-1)).toBe('ported 2 of 3 statements, 1 not translated');
  });

  const bad: [string, string | Buffer, RegExp][] = [
    ['an empty file', '', /:1:1: the script is empty$/],
    [
      'a binary file',
      Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]),
      /:1:\d+: the file is binary, not a PowerShell script$/,
    ],
    [
      'a syntax error',
      'Start-PodeServer {\n    Add-PodeRoute -Method Get -Path "/" -ScriptBlock { if ( }\n',
      /:2:\d+: syntax error/,
    ],
    [
      'a 10 MB file',
      `# ${'x'.repeat(10 * 1024 * 1024)}\n`,
      /:1:1: the script is larger than 10 MB/,
    ],
    [
      'a script that is not a Pode server',
      '$x = 1\nWrite-Host $x\n',
      /:1:1: not a Pode server: the script never calls Start-PodeServer$/,
    ],
  ];
  for (const [what, text, message] of bad) {
    it(`${what}: one clear line, exit 1, no stack trace`, () => {
      const file = script(`bad-${what.replace(/\W+/g, '-')}.ps1`, text);
      const result = cli('port', file, '-o', '-');
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0].startsWith(`${file}:`)).toBe(true);
      expect(lines[0]).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('an unreadable file: exit 1 with file:1:1', () => {
    const result = cli('port', join(dir, 'missing.ps1'));
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `${join(dir, 'missing.ps1')}:1:1: cannot read the script: no such file`,
    );
  });
});

describe('pode-ts run', () => {
  it('runs a .ps1 on --port 0, prints listening on, answers, and stops on SIGTERM', async () => {
    const file = script('run.ps1', HELLO);
    const child = spawn(process.execPath, [
      CLI,
      'run',
      file,
      '--port',
      '0',
      '--address',
      '127.0.0.1',
    ]);
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line: ${stdout}`)), 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)\/?$/m.exec(stdout);
        if (match !== null) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ Hello: 'world' });
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  }, 60_000);

  it('a .ts file on a Node without type stripping: one clear line, exit 1', () => {
    const file = script('server.ts', "import { startServer } from 'pode-ts';\n");
    const result = cli('run', file);
    const features = process.features as { typescript?: unknown };
    if (features.typescript) return;
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /server\.ts:1:1: this Node .* cannot run TypeScript without a compiler/,
    );
  });

  it('a one-off script (no endpoint, nothing to run) runs its set-up once and exits 0', () => {
    const file = script(
      'one-off.ps1',
      "Start-PodeServer {\n    New-PodeLogTerminalMethod | Enable-PodeLogErrorType\n    Write-PodeHost 'done the job'\n}\n",
    );
    const result = cli('run', file);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      'done the job\nran once: no endpoint, route, timer, schedule or file watcher\n',
    );
  });

  it('a timer with no endpoint keeps the server open until SIGTERM', async () => {
    const file = script(
      'timer-only.ps1',
      "Start-PodeServer {\n    Add-PodeTimer -Name 'tick' -Interval 1 -ScriptBlock {\n        Write-PodeHost 'tick'\n    }\n}\n",
    );
    const child = spawn(process.execPath, [CLI, 'run', file]);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // bounded: the first tick comes after one second
    for (let wait = 0; wait < 150 && !/tick/.test(stdout); wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(stdout).toMatch(/^running with no endpoint\ntick\n/);
    expect(child.exitCode).toBeNull();
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  }, 30_000);

  it('routes with no endpoint are still refused: exit 1, one line', () => {
    const file = script(
      'no-endpoint.ps1',
      "Start-PodeServer {\n    Add-PodeRoute -Method Get -Path '/' -ScriptBlock { Write-PodeTextResponse -Value 'hi' }\n}\n",
    );
    const result = cli('run', file);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/No endpoint was added/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a route whose script block cannot be translated: the server starts, that route answers 500', async () => {
    const file = script(
      'made-block.ps1',
      [
        'Start-PodeServer {',
        '    Add-PodeEndpoint -Address 127.0.0.1 -Port 8080 -Protocol Http',
        "    Add-PodeRoute -Method Get -Path '/made' -ScriptBlock ([ScriptBlock]::Create('Write-PodeTextResponse -Value made'))",
        "    Add-PodeRoute -Method Get -Path '/plain' -ScriptBlock { Write-PodeTextResponse -Value 'plain' }",
        '}',
        '',
      ].join('\n'),
    );
    const ported = cli('port', file, '-o', '-');
    expect(ported.status).toBe(0);
    expect(ported.stderr).toMatch(
      /made-block\.ps1:3:\d+: not translated: a script block that is not written in place/,
    );
    const child = spawn(process.execPath, [CLI, 'run', file, '--port', '0']);
    let stdout = '';
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line: ${stdout}`)), 30_000);
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /^listening on (http:\/\/\S+?)\/?$/m.exec(stdout);
          if (match !== null) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      const plain = await fetch(`${url}/plain`);
      expect(plain.status).toBe(200);
      expect(await plain.text()).toBe('plain');
      const made = await fetch(`${url}/made`);
      expect(made.status).toBe(500);
      expect(await made.text()).not.toMatch(/Create/);
      // the process keeps serving
      expect((await fetch(`${url}/plain`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exit).toBe(0);
  }, 60_000);

  it('a bad .ps1 exits 1 with the same message as port', () => {
    const result = cli('run', script('empty-run.ps1', '   \n'));
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/empty-run\.ps1:1:1: the script is empty$/);
  });
});
