/**
 * The logging functions refuse unknown option keys, as every other set-up function does: a typo
 * (`maxDay`, `level` for `levels`) throws PODE_ERR_UNKNOWN_OPTION with the nearest key, instead
 * of silently keeping the default. writeLog with a typo fails its request (500), nothing more.
 */
import { describe, expect, it } from 'vitest';
import {
  newLogBatchInfo,
  newLogCustomMethod,
  newLogFileMethod,
  newLogTerminalMethod,
  writeErrorLog,
  writeLog,
} from '../../src/index.js';
import { serve, setupFailure } from '../helpers.js';

// Plain JavaScript callers: the options as an untyped value.
const loose = (value: object) => value as never;

function refused(run: () => unknown, where: string, key: string, nearest?: string) {
  let error: unknown;
  try {
    run();
  } catch (caught) {
    error = caught;
  }
  expect(error, `${where} with '${key}'`).toMatchObject({ code: 'PODE_ERR_UNKNOWN_OPTION' });
  const message = (error as Error).message;
  expect(message).toContain(`${where}: unknown option '${key}'`);
  if (nearest !== undefined) expect(message).toContain(`Did you mean '${nearest}'?`);
}

describe('logging functions refuse unknown option keys', () => {
  it('in the method and batch functions', () => {
    refused(
      () => newLogBatchInfo(loose({ size: 2, timout: 5 })),
      'newLogBatchInfo',
      'timout',
      'timeout',
    );
    refused(
      () => newLogTerminalMethod(loose({ batchh: undefined })),
      'newLogTerminalMethod',
      'batchh',
      'batch',
    );
    refused(
      () => newLogFileMethod(loose({ name: 'requests', maxDay: 7 })),
      'newLogFileMethod',
      'maxDay',
      'maxDays',
    );
    refused(
      () => newLogCustomMethod(() => {}, loose({ sync: true })),
      'newLogCustomMethod',
      'sync',
    );
    // The known keys still work.
    expect(
      newLogFileMethod({ name: 'requests', path: './logs', maxDays: 7, maxSize: 1024 }).type,
    ).toBe('file');
    expect(newLogBatchInfo({ size: 2, timeout: 5 })).toEqual({ size: 2, timeout: 5 });
  });

  it('in the builder methods, at start-up', async () => {
    const method = newLogCustomMethod(() => {});
    expect(
      await setupFailure((s) => s.enableLogRequestType(method, loose({ formatt: 'Common' }))),
    ).toMatchObject({
      code: 'PODE_ERR_UNKNOWN_OPTION',
      message: expect.stringContaining("Did you mean 'format'?"),
    });
    expect(
      await setupFailure((s) => s.enableLogErrorType(method, loose({ level: ['Error'] }))),
    ).toMatchObject({
      code: 'PODE_ERR_UNKNOWN_OPTION',
      message: expect.stringContaining("Did you mean 'levels'?"),
    });
    expect(
      await setupFailure((s) => s.addLogType('audit', method, loose({ formatter: () => '' }))),
    ).toMatchObject({
      code: 'PODE_ERR_UNKNOWN_OPTION',
      message: expect.stringContaining("addLogType('audit')"),
    });
  });

  it('in writeLog and writeErrorLog: the request fails with 500, the server keeps running', async () => {
    const items: unknown[] = [];
    const server = await serve((s) => {
      s.addLogType(
        'audit',
        newLogCustomMethod((batch) => items.push(...batch)),
      );
      s.addRoute('GET', '/typo', () => writeLog('audit', loose({ mesage: 'x' })));
      s.addRoute('GET', '/error-typo', () =>
        writeErrorLog(new Error('x'), loose({ levels: 'Error' })),
      );
      s.addRoute('GET', '/ok', (e) => {
        writeLog('audit', { message: 'fine' });
        e.writeText('ok');
      });
    });
    expect((await fetch(`${server.url}/typo`)).status).toBe(500);
    expect((await fetch(`${server.url}/error-typo`)).status).toBe(500);
    const ok = await fetch(`${server.url}/ok`);
    expect(await ok.text()).toBe('ok');
    expect(items).toHaveLength(1);
  });
});
