import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import {
  type LogItem,
  newLogBatchInfo,
  newLogCustomMethod,
  newLogFileMethod,
  newLogTerminalMethod,
  writeErrorLog,
  writeLog,
} from '../../src/index.js';
import { localDay } from '../../src/logging/methods.js';
import { spawnScript } from '../acceptance/raw-http.js';
import { serve, setupFailure, sleep } from '../helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'pode-logs-'));
const today = () => localDay(new Date());

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(10);
  }
}

function memoryLogger() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
      callback();
    },
  });
  return { logger: pino(stream), lines };
}

// Pode's Combined line: host - user [dd/MMM/yyyy:HH:mm:ss +hh:mm] "METHOD /path HTTP/1.1" status size "referrer" "agent"
const COMBINED =
  /^127\.0\.0\.1 - - \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}\] "(\w+) (\S+) HTTP\/1\.1" (\d{3}) (\S+) "([^"]*)" "([^"]*)"$/;

describe("Pode's request log", () => {
  it('writes one Combined line per request into <name>_<yyyy-MM-dd>_001.log', async () => {
    const root = tmp();
    const server = await serve(
      (s) => {
        s.enableLogRequestType(newLogFileMethod({ name: 'requests' }));
        s.addRoute('GET', '/hello', (e) => e.writeText('hello'));
        s.addRoute('POST', '/items', (e) => e.setStatus(201));
      },
      { root },
    );
    await fetch(`${server.url}/hello?q=1`, {
      headers: { referer: 'http://x/', 'user-agent': 'ua/1' },
    });
    await fetch(`${server.url}/items`, { method: 'POST' });
    await fetch(`${server.url}/missing`);
    await server.stop();
    expect(readdirSync(join(root, 'logs'))).toEqual([`requests_${today()}_001.log`]);
    const lines = readFileSync(join(root, 'logs', `requests_${today()}_001.log`), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(3);
    const parsed = lines.map((line) => COMBINED.exec(line)?.slice(1));
    expect(parsed).toEqual([
      ['GET', '/hello', '200', '5', 'http://x/', 'ua/1'],
      ['POST', '/items', '201', '-', '-', expect.any(String)],
      ['GET', '/missing', '404', expect.any(String), '-', expect.any(String)],
    ]);
  });

  it('writes the Common format when asked, and the user name of an authenticated request', async () => {
    const items: LogItem[] = [];
    const server = await serve((s) => {
      s.enableLogRequestType(
        newLogCustomMethod((batch) => void items.push(...batch)),
        { format: 'Common' },
      );
      s.addMiddleware('fake-auth', (e) => {
        e.auth = { isAuthenticated: true, user: { Username: 'Morty Smith' } as never };
      });
      s.addRoute('GET', '/', (e) => e.writeText('x'));
    });
    await fetch(server.url);
    await until(() => items.length === 1);
    expect(items[0].line).toMatch(/^127\.0\.0\.1 - Morty\.Smith \[.+\] "GET \/ HTTP\/1\.1" 200 1$/);
    expect(items[0].name).toBe('requests');
  });
});

describe("Pode's error log", () => {
  it('receives the error of a throwing route, in Key: value lines, and the request still gets 500', async () => {
    const items: LogItem[] = [];
    const server = await serve((s) => {
      s.enableLogErrorType(newLogCustomMethod((batch) => void items.push(...batch)));
      s.addRoute('GET', '/boom', () => {
        throw new TypeError('kaboom');
      });
      s.addRoute('GET', '/warn', (e) => {
        writeErrorLog('just a warning', { level: 'Warning' });
        writeErrorLog(new Error('explicit'));
        e.writeText('ok');
      });
    });
    expect((await fetch(`${server.url}/boom`)).status).toBe(500);
    expect((await fetch(`${server.url}/warn`)).status).toBe(200);
    await until(() => items.length === 2);
    await sleep(30);
    expect(items).toHaveLength(2); // the Warning is not among the default levels
    expect(items[0].level).toBe('Error');
    expect(items[0].line).toMatch(/^Date: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\nLevel: Error\n/);
    expect(items[0].line).toContain(
      'Category: TypeError\nMessage: kaboom\nStackTrace: TypeError: kaboom',
    );
    expect(items[1].line).toContain('Message: explicit');
  });

  it('writes the levels asked for', async () => {
    const items: LogItem[] = [];
    const server = await serve((s) => {
      s.enableLogErrorType(
        newLogCustomMethod((batch) => void items.push(...batch)),
        {
          levels: ['Warning'],
        },
      );
      s.addRoute('GET', '/', (e) => {
        writeErrorLog('careful', { level: 'Warning' });
        writeErrorLog('bad');
        e.writeText('ok');
      });
    });
    await fetch(server.url);
    await until(() => items.length === 1);
    await sleep(30);
    expect(items.map((item) => item.level)).toEqual(['Warning']);
    expect(items[0].line).toContain('Message: careful');
  });
});

describe('named logs and writeLog', () => {
  it('a route writes to a named log; format turns the input into the line', async () => {
    const items: LogItem[] = [];
    const server = await serve((s) => {
      s.addLogType(
        'audit',
        newLogCustomMethod((batch) => void items.push(...batch)),
        {
          levels: ['*'],
          format: (input, level) => `${level}|${JSON.stringify(input)}`,
        },
      );
      s.addRoute('GET', '/buy/:id', (e) => {
        writeLog('audit', { inputObject: { bought: e.parameters.id } });
        writeLog('audit', { message: 'done', level: 'Debug' });
        writeLog('no-such-log', { message: 'ignored' });
        e.writeText('ok');
      });
    });
    expect((await fetch(`${server.url}/buy/7`)).status).toBe(200);
    await until(() => items.length === 2);
    expect(items.map((item) => item.line)).toEqual([
      'Informational|{"bought":"7"}',
      'Debug|"done"',
    ]);
  });

  it('an async format (a ported -ScriptBlock) writes the line it resolves to; a rejected one drops only its item', async () => {
    const items: LogItem[] = [];
    const server = await serve((s) => {
      s.addLogType(
        'events',
        newLogCustomMethod((batch) => void items.push(...batch)),
        {
          format: async (input) => {
            if ((input as { name?: string }).name === 'bad') throw new Error('no line');
            await sleep(5);
            return `event: ${(input as { name: string }).name}`;
          },
        },
      );
      s.addRoute('GET', '/:name', (e) => {
        writeLog('events', { inputObject: { name: e.parameters.name } });
        e.writeText('ok');
      });
    });
    expect((await fetch(`${server.url}/bad`)).status).toBe(200);
    expect((await fetch(`${server.url}/home`)).status).toBe(200);
    await until(() => items.length === 1);
    await sleep(50);
    expect(items.map((item) => item.line)).toEqual(['event: home']);
  });

  it('a custom method with a batch receives items in groups of its size, the rest at stop', async () => {
    const batches: number[] = [];
    const server = await serve((s) => {
      s.addLogType(
        'n',
        newLogCustomMethod((batch) => void batches.push(batch.length), {
          batch: newLogBatchInfo({ size: 3 }),
        }),
      );
      s.addRoute('GET', '/', (e) => {
        writeLog('n', { message: 'x' });
        e.writeText('ok');
      });
    });
    for (let i = 0; i < 7; i++) await fetch(server.url);
    await until(() => batches.length === 2);
    expect(batches).toEqual([3, 3]);
    await server.stop();
    expect(batches).toEqual([3, 3, 1]);
  });

  it('a batch timeout writes what waits', async () => {
    const batches: number[] = [];
    const server = await serve((s) => {
      s.addLogType(
        'n',
        newLogCustomMethod((batch) => void batches.push(batch.length), {
          batch: newLogBatchInfo({ size: 100, timeout: 0.1 }),
        }),
      );
      s.addRoute('GET', '/', (e) => {
        writeLog('n', { message: 'x' });
        e.writeText('ok');
      });
    });
    await fetch(server.url);
    await fetch(server.url);
    await until(() => batches.length === 1);
    expect(batches).toEqual([2]);
  });

  it('a custom method that throws fails no request and is reported once', async () => {
    const { logger, lines } = memoryLogger();
    const server = await serve(
      (s) => {
        s.addLogType(
          'n',
          newLogCustomMethod(() => {
            throw new Error('sink down');
          }),
        );
        s.addRoute('GET', '/', (e) => {
          writeLog('n', { message: 'x' });
          e.writeText('ok');
        });
      },
      { logger, quiet: true },
    );
    for (let i = 0; i < 3; i++) expect((await fetch(server.url)).status).toBe(200);
    await until(() => lines.some((line) => line.msg.startsWith('a log method failed')));
    await sleep(50);
    expect(lines.filter((line) => line.msg.startsWith('a log method failed'))).toHaveLength(1);
  });
});

describe('the file method', () => {
  it('starts the next numbered file once maxSize is reached', async () => {
    const root = tmp();
    const server = await serve(
      (s) => {
        s.addLogType('app', newLogFileMethod({ name: 'app', path: 'out', maxSize: 100 }));
        s.addRoute('GET', '/', (e) => {
          writeLog('app', { message: 'x'.repeat(59) }); // 60 bytes a line
          e.writeText('ok');
        });
      },
      { root },
    );
    for (let i = 0; i < 5; i++) {
      await fetch(server.url);
      await sleep(20);
    }
    await server.stop();
    const day = today();
    expect(readdirSync(join(root, 'out')).sort()).toEqual([
      `app_${day}_001.log`,
      `app_${day}_002.log`,
      `app_${day}_003.log`,
    ]);
    const sizes = readdirSync(join(root, 'out'))
      .sort()
      .map((file) => readFileSync(join(root, 'out', file), 'utf8').length);
    expect(sizes).toEqual([120, 120, 60]);
  });

  it("continues the day's last file after a restart, as Pode does", async () => {
    const root = tmp();
    const folder = join(root, 'logs');
    const start = () =>
      serve(
        (s) => {
          s.addLogType('app', newLogFileMethod({ name: 'app' }));
          s.addRoute('GET', '/', (e) => {
            writeLog('app', { message: 'line' });
            e.writeText('ok');
          });
        },
        { root },
      );
    let server = await start();
    await fetch(server.url);
    await server.stop();
    server = await start();
    await fetch(server.url);
    await server.stop();
    expect(readFileSync(join(folder, `app_${today()}_001.log`), 'utf8')).toBe('line\nline\n');
  });

  it('deletes its files older than maxDays, and only its own', async () => {
    const root = tmp();
    const folder = join(root, 'logs');
    const server0 = await serve((s) => {
      s.addLogType('x', newLogFileMethod({ name: 'app', path: folder }));
    });
    await server0.stop();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(folder, { recursive: true });
    const old = new Date(Date.now() - 10 * 86_400_000);
    const recent = new Date(Date.now() - 1 * 86_400_000);
    for (const [file, date] of [
      ['app_2000-01-01_001.log', old],
      ['app_2000-01-02_001.log', recent],
      ['other_2000-01-01_001.log', old],
    ] as const) {
      writeFileSync(join(folder, file), 'old\n');
      utimesSync(join(folder, file), date, date);
    }
    const server = await serve((s) => {
      s.addLogType('app', newLogFileMethod({ name: 'app', path: folder, maxDays: 3 }));
      s.addRoute('GET', '/', (e) => {
        writeLog('app', { message: 'new' });
        e.writeText('ok');
      });
    });
    await fetch(server.url);
    await until(() => !readdirSync(folder).includes('app_2000-01-01_001.log'));
    await server.stop();
    expect(readdirSync(folder).sort()).toEqual([
      'app_2000-01-02_001.log',
      `app_${today()}_001.log`,
      'other_2000-01-01_001.log',
    ]);
  });

  it('a folder that cannot be written fails no request and is reported once on the operator log', async () => {
    const root = tmp();
    writeFileSync(join(root, 'not-a-folder'), ''); // mkdir under a file fails, even for root
    const { logger, lines } = memoryLogger();
    const server = await serve(
      (s) => {
        s.enableLogRequestType(newLogFileMethod({ name: 'requests', path: 'not-a-folder/logs' }));
        s.enableLogErrorType(newLogFileMethod({ name: 'errors', path: 'not-a-folder/logs' }));
        s.addRoute('GET', '/', (e) => e.writeText('ok'));
        s.addRoute('GET', '/boom', () => {
          throw new Error('x');
        });
      },
      { root, logger, quiet: true },
    );
    for (let i = 0; i < 5; i++) {
      expect((await fetch(server.url)).status).toBe(200);
      expect((await fetch(`${server.url}/boom`)).status).toBe(500);
      await sleep(10);
    }
    await server.stop();
    const reports = lines.filter((line) => line.msg.startsWith('a log file cannot be written'));
    expect(reports).toHaveLength(2); // once per file method, not per request
  });
});

describe('the built package', () => {
  it('writes a request log file from a plain Node process (sonic-boom loaded as CommonJS)', async () => {
    const root = tmp();
    const child = await spawnScript(`
const { startServer, newLogFileMethod } = await import(PODE);
const server = await startServer((s) => {
  s.addEndpoint({ address: '127.0.0.1', port: 0 });
  s.enableLogRequestType(newLogFileMethod({ name: 'requests' }));
  s.addRoute('GET', '/', (e) => e.writeText('hi'));
}, { logger: false, handleSignals: false, root: ${JSON.stringify(root)} });
process.on('SIGTERM', () => server.stop().then(() => process.exit(0)));
console.log('URL ' + server.url);
`);
    try {
      expect((await fetch(child.url)).status).toBe(200);
      const file = join(root, 'logs', `requests_${today()}_001.log`);
      await until(() => {
        try {
          return readFileSync(file, 'utf8').includes('"GET / HTTP/1.1" 200 2');
        } catch {
          return false;
        }
      });
    } finally {
      child.child.kill('SIGTERM');
      await child.exited;
    }
  });
});

describe('set-up errors', () => {
  it('refuses a log type without a method, a bad level, a duplicate name and a file method without a name', async () => {
    expect(String(await setupFailure((s) => s.enableLogErrorType(undefined as never)))).toMatch(
      /needs a log method/,
    );
    expect(
      String(
        await setupFailure((s) =>
          s.enableLogErrorType(newLogTerminalMethod(), { levels: ['Loud' as never] }),
        ),
      ),
    ).toMatch(/unknown level 'Loud'/);
    expect(
      String(
        await setupFailure((s) => {
          s.addLogType('a', newLogTerminalMethod());
          s.addLogType('a', newLogTerminalMethod());
        }),
      ),
    ).toMatch(/already exists/);
    expect(() => newLogFileMethod({} as never)).toThrow(/needs a file name/);
    expect(() => newLogBatchInfo({ size: 0 })).toThrow(/size must be/);
  });
});
