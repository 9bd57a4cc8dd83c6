/**
 * `Get-Process` on Linux, read from `/proc`: the properties scripts use most (Name, Id, WS, CPU).
 * Elsewhere only this Node process is listed.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** One process, with PowerShell's property names. */
export interface ProcessInfo {
  Name: string;
  Id: number;
  /** The resident memory in bytes (PowerShell's WorkingSet). */
  WS: number;
  /** CPU time used, in seconds (user + system). */
  CPU: number;
}

/** Clock ticks per second of /proc's times: 100 on every Linux Node runs on. */
const TICKS = 100;

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const name = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return {
      Name: name,
      Id: pid,
      WS: rss === null ? 0 : Number(rss[1]) * 1024,
      CPU: (Number(fields[11]) + Number(fields[12])) / TICKS,
    };
  } catch {
    return undefined; // the process ended while being read
  }
}

/** `Get-Process` (every process), or `Get-Process -Name x` / `-Id n`. */
export function getProcess(options: { name?: string; id?: number } = {}): ProcessInfo[] {
  let list: ProcessInfo[];
  if (process.platform === 'linux') {
    list = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map((entry) => readProcess(Number(entry)))
      .filter((info): info is ProcessInfo => info !== undefined);
  } else {
    const usage = process.cpuUsage();
    list = [
      {
        Name: 'node',
        Id: process.pid,
        WS: process.memoryUsage().rss,
        CPU: (usage.user + usage.system) / 1e6,
      },
    ];
  }
  if (options.id !== undefined) list = list.filter((p) => p.Id === Number(options.id));
  if (options.name !== undefined) {
    const wanted = String(options.name).toLowerCase();
    list = list.filter((p) => p.Name.toLowerCase() === wanted);
  }
  return list.sort((a, b) => a.Name.localeCompare(b.Name) || a.Id - b.Id);
}
