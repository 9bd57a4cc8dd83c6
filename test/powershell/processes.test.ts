import { describe, expect, it } from 'vitest';
import { convert } from '../../src/port/index.js';
import { getProcess } from '../../src/powershell/index.js';

describe('getProcess (Get-Process)', () => {
  it('lists this process with its name, id, working set and CPU time', () => {
    const all = getProcess();
    const self = all.find((p) => p.Id === process.pid);
    expect(self).toBeDefined();
    expect(self?.WS).toBeGreaterThan(1024 * 1024);
    expect(self?.CPU).toBeGreaterThan(0);
    expect(typeof self?.Name).toBe('string');
    expect(getProcess({ id: process.pid })).toHaveLength(1);
    expect(getProcess({ name: self?.Name.toUpperCase() }).some((p) => p.Id === process.pid)).toBe(
      true,
    );
    expect(getProcess({ id: -1 })).toEqual([]);
  });

  it('the converter translates Get-Process and its -Name', async () => {
    const result = await convert(
      "Start-PodeServer {\n    Add-PodeRoute -Method Get -Path '/p' -ScriptBlock {\n        Write-PodeJsonResponse -Value (Get-Process -Name 'pwsh')\n    }\n}\n",
      { file: 'x.ps1' },
    );
    expect(result.todos).toBe(0);
    expect(result.code).toContain("getProcess({ name: 'pwsh' })");
  });
});
