/**
 * The converter on the later background cmdlets: $ThreadId, the timer/task/schedule events,
 * -FilePath script blocks, Use-PodeTimers, New-PodeCron, retries and concurrency, the state
 * collections, an assignment used as a value, `$null = …`, and a ForEach-Object block of
 * several statements.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/port/index.js';

/** Converts a server's set-up body; `files` are written beside the script first. */
async function server(body: string, files: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pode-ts-port-bg-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const source = `Start-PodeServer {\n    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http\n${body}\n}\n`;
  const file = join(dir, 'server.ps1');
  writeFileSync(file, source);
  return convert(source, { file });
}

const todos = (result: Awaited<ReturnType<typeof server>>) =>
  result.messages.filter((m) => m.kind === 'todo').map((m) => m.message);

describe('background variables and events', () => {
  it('$ThreadId is threadId()', async () => {
    const result = await server(
      "Add-PodeRoute -Method Get -Path '/' -ScriptBlock { Write-PodeJsonResponse -Value @{ Thread = $ThreadId } }",
    );
    expect(result.code).toContain('e.writeJson({ Thread: threadId() });');
    expect(result.code).toMatch(/import \{[^}]*\bthreadId\b[^}]*\} from 'pode-ts'/);
    expect(todos(result)).toEqual([]);
  });

  it("$TimerEvent is the timer's first parameter; its members and its Sender's are pode-ts's", async () => {
    const result = await server(
      "Add-PodeTimer -Name 't' -Interval 5 -ArgumentList 'x' -ScriptBlock {\n  param($word)\n  \"$($TimerEvent.Count) $($TimerEvent.Sender.NextTriggerTime) $word\" | Out-Default\n  $TimerEvent.Metadata['k'] = $TimerEvent.Timestamp\n}",
    );
    expect(result.code).toContain("s.addTimer('t', { interval: 5 }, async (timerEvent, word) => {");
    expect(result.code).toContain('timerEvent.count');
    expect(result.code).toContain('timerEvent.sender.nextTriggerTime');
    expect(result.code).toContain('timerEvent.metadata.k = timerEvent.timestamp;');
    expect(todos(result)).toEqual([]);
  });

  it('a timer that does not use $TimerEvent keeps the event unnamed', async () => {
    const result = await server(
      "Add-PodeTimer -Name 't' -Interval 5 -ArgumentList 'x' -ScriptBlock { param($word) $word | Out-Default }",
    );
    expect(result.code).toContain('async (_event, word) =>');
  });

  it("$TaskEvent.Count is the task's retry count; a task's arguments are any", async () => {
    const result = await server(
      "Add-PodeTask -Name 'flaky' -MaxRetries 3 -RetryDelay 2 -AutoRetry -ScriptBlock {\n  param($Limit)\n  if ($TaskEvent.Count -lt $Limit) { throw 'again' }\n}",
    );
    expect(result.code).toContain('async (taskEvent, { Limit: limit }: any) =>');
    expect(result.code).toContain('if (lt(taskEvent.count, limit)) {');
    expect(result.code).toContain('{ maxRetries: 3, retryDelay: 2, autoRetry: true }');
    expect(todos(result)).toEqual([]);
  });

  it('$ScheduleEvent and the $Event parameter are the same event', async () => {
    const result = await server(
      "Add-PodeSchedule -Name 's' -Cron '@hourly' -ScriptBlock { $ScheduleEvent.Sender.Name | Out-Default }",
    );
    expect(result.code).toContain('async (scheduleEvent) =>');
    expect(result.code).toContain('writeHost(scheduleEvent.sender.name);');
  });

  it('$TimerEvent.Lockable is the global lockable', async () => {
    const result = await server(
      "Add-PodeTimer -Name 't' -Interval 5 -ScriptBlock { $TimerEvent.Lockable | Out-Null }",
    );
    expect(result.code).toContain('globalLockable');
  });
});

describe('script blocks in files and folders', () => {
  it("Add-PodeTimer/-PodeSchedule/-PodeTask -FilePath: the file's script block, converted in place", async () => {
    const result = await server(
      "Add-PodeTimer -Name 'a' -Interval 2 -FilePath './scripts/timer.ps1'\nAdd-PodeSchedule -Name 'b' -Cron '@hourly' -FilePath '.\\scripts\\schedule.ps1'\nAdd-PodeTask -Name 'c' -FilePath \"./scripts/task.ps1\"",
      {
        'scripts/timer.ps1': "{\n    'from the timer file' | Out-Default\n}\n",
        'scripts/schedule.ps1': "{\n    'from the schedule file' | Out-Default\n}\n",
        'scripts/task.ps1': '{\n    param($n)\n    return $n * 2\n}\n',
      },
    );
    expect(result.code).toContain(
      "s.addTimer('a', { interval: 2 }, async () => {\n    writeHost('from the timer file');",
    );
    expect(result.code).toContain("s.addSchedule('b', '@hourly', async () => {");
    expect(result.code).toContain("writeHost('from the schedule file');");
    expect(result.code).toContain("s.addTask('c', async (_event, { n }: any) => {");
    expect(todos(result)).toEqual([]);
  });

  it('a missing -FilePath file, or a computed path, is a TODO (never a timer without logic)', async () => {
    const missing = await server(
      "Add-PodeSchedule -Name 'b' -Cron '@hourly' -FilePath './nope.ps1'",
    );
    expect(todos(missing).join()).toMatch(/nope\.ps1/);
    expect(missing.code).not.toContain("s.addSchedule('b', '@hourly');");
    const computed = await server(
      "$p = './x.ps1'\nAdd-PodeTimer -Name 'a' -Interval 2 -FilePath $p",
    );
    expect(todos(computed)).toContain('not translated: a computed -FilePath');
  });

  it('Use-PodeTimers, Use-PodeSchedules and Use-PodeTasks bring in their folders', async () => {
    const result = await server('Use-PodeTimers\nUse-PodeSchedules -Path ./jobs\nUse-PodeTasks', {
      'timers/one.ps1':
        "Add-PodeTimer -Name 'one' -Interval 1 -ScriptBlock { 'one' | Out-Default }\n",
      'jobs/nightly.ps1': "Add-PodeSchedule -Name 'nightly' -Cron '@daily' -ScriptBlock { }\n",
      'tasks/sum.ps1': "Add-PodeTask -Name 'sum' -ScriptBlock { return 1 }\n",
    });
    expect(result.code).toContain('// Use-PodeTimers: timers/*.ps1');
    expect(result.code).toContain("s.addTimer('one', { interval: 1 }");
    expect(result.code).toContain("s.addSchedule('nightly', '@daily'");
    expect(result.code).toContain("s.addTask('sum'");
    expect(todos(result)).toEqual([]);
  });

  it('Use-PodeScript -Path ./x.ps1 brings the script in place, as Pode dot-sources it', async () => {
    const result = await server(
      "Use-PodeScript -Path ./lib/helpers.ps1\nUse-PodeScript './lib/more.ps1'",
      {
        'lib/helpers.ps1': 'function Get-Answer { return 42 }\n',
        'lib/more.ps1': "'more' | Out-Default\n",
      },
    );
    expect(result.code).toContain('// from lib/helpers.ps1');
    expect(result.code).toContain('async function getAnswer()');
    expect(result.code).toContain("writeHost('more');");
    expect(todos(result)).toEqual([]);
    const computed = await server('Use-PodeScript -Path (Join-Path $root x.ps1)');
    expect(todos(computed).join('\n')).toMatch(/not translated: Use-PodeScript/);
  });

  it('Use-PodeTimers without a timers folder is a TODO', async () => {
    const result = await server('Use-PodeTimers');
    expect(todos(result).join()).toMatch(/timers\/\*\.ps1/);
  });
});

describe('cron, concurrency and state collections', () => {
  it('New-PodeCron is newCron with camel-case options', async () => {
    const result = await server(
      "$c = New-PodeCron -Every Day -Day Tuesday, Friday -Hour 1\nAdd-PodeSchedule -Name 's' -Cron $c -ScriptBlock { }",
    );
    expect(result.code).toContain(
      "const c = newCron({ hour: 1, day: ['Tuesday', 'Friday'], every: 'Day' });",
    );
  });

  it('Set-PodeScheduleConcurrency and Set-PodeTaskConcurrency are builder calls', async () => {
    const result = await server(
      'Set-PodeScheduleConcurrency -Maximum 30\nSet-PodeTaskConcurrency 4',
    );
    expect(result.code).toContain('s.setScheduleConcurrency(30);');
    expect(result.code).toContain('s.setTaskConcurrency(4);');
    const inRoute = await server(
      "Add-PodeRoute -Method Post -Path '/' -ScriptBlock { Set-PodeTaskConcurrency -Maximum 2 }",
    );
    expect(inRoute.code).toContain('setTaskConcurrency(2);');
    expect(inRoute.code).not.toContain('s.setTaskConcurrency');
    expect(todos(inRoute)).toEqual([]);
  });

  it('New-PodeStateDictionary/-List, $null = … = …, and .TryAdd() written back to the state', async () => {
    const result = await server(
      [
        "if ($null -eq ($h = (Get-PodeState -Name 'h'))) {",
        "    $h = Set-PodeState -Name 'h' -Value (New-PodeStateDictionary) -Scope S",
        '    $null = $h.values = New-PodeStateList',
        '}',
        "Add-PodeRoute -Method Post -Path '/' -ScriptBlock {",
        "    $h = Get-PodeState -Name 'h'",
        "    $null = $h.values.TryAdd('x')",
        "    $null = $state:other.TryAdd('k', 1)",
        '}',
      ].join('\n'),
    );
    expect(result.code).toContain("if ((h = (await getState<any>('h'))) == null) {");
    expect(result.code).toContain(
      "h = (await setState('h', newStateDictionary(), { scope: 'S' }));",
    );
    expect(result.code).toContain("h.values = newStateList();\n    await setState('h', h);");
    expect(result.code).toContain(
      "tryAdd((h.values ?? Object.values(h)), 'x');\n    await setState('h', h);",
    );
    expect(result.code).toContain("tryAdd(stateOther, 'k', 1);");
    expect(result.code).not.toContain('null_');
    expect(todos(result)).toEqual([]);
  });
});

describe('assignments used as values, and ForEach-Object blocks', () => {
  it('an assignment in parentheses is a JavaScript assignment expression; chained ones too', async () => {
    const result = await server(
      "Add-PodeRoute -Method Get -Path '/' -ScriptBlock {\n  if (($n = 5) -gt 3) { $a = $b = 'x' }\n  Write-PodeJsonResponse -Value @{ N = $n; A = $a; B = $b }\n}",
    );
    expect(result.code).toContain('if (gt((n = 5), 3)) {');
    expect(result.code).toContain("a = (b = 'x');");
    expect(todos(result)).toEqual([]);
  });

  it('a compound assignment used as a value stays a TODO', async () => {
    const result = await server(
      "Add-PodeRoute -Method Get -Path '/' -ScriptBlock { $n = 1; if (($n += 1) -gt 1) { } }",
    );
    expect(todos(result)).toContain('not translated: an assignment used as a value');
  });

  it('$h.Keys / $h.Values written are the keys, never Object.keys(h) = …', async () => {
    const result = await server('$h = @{}\n$h.Values = @(1)\n$h.Keys += 2');
    expect(result.code).toContain('h.Values = toArray(1);');
    expect(result.code).toContain('h.Keys = add(h.Keys, 2);');
    expect(result.code).not.toMatch(/Object\.(keys|values)\(h\) =/);
  });

  it('a ForEach-Object block of several statements whose output is unused is a for…of loop', async () => {
    const result = await server(
      '1..3 | ForEach-Object {\n    $id = $_\n    Add-PodeSchedule -Name "s_$($id)" -Cron \'@hourly\' -ArgumentList @{ ID = $id } -ScriptBlock { param($ID) $ID | Out-Default }\n}',
    );
    expect(result.code).toContain('for (const item of [1, 2, 3]) {\n    id = item;');
    expect(result.code).toContain('s.addSchedule(');
    expect(result.code).toContain('{ args: { ID: id } }');
    expect(todos(result)).toEqual([]);
  });

  it('one value per item keeps the map; return, break or continue in the block is a TODO', async () => {
    const kept = await server('$d = 1..3 | ForEach-Object { $_ * 2 }');
    expect(kept.code).toContain('forEachObject(');
    const early = await server(
      '1..3 | ForEach-Object { if ($_ -eq 2) { return }; $_ | Out-Default }',
    );
    expect(todos(early)).toContain(
      'not translated: return, break or continue in a ForEach-Object block',
    );
  });
});
