import { describe, expect, it } from 'vitest';
import {
  getSessionId,
  getWebEvent,
  saveSession,
  setResponseStatus,
  writeJsonResponse,
  writeTextResponse,
} from '../../src/index.js';
import { serve, setupFailure, sleep } from '../helpers.js';
import { captureLogger } from '../sessions/fixtures.js';

describe('asyncContext: false (no AsyncLocalStorage)', () => {
  it('keeps the free functions working in the synchronous part of every step', async () => {
    const seen: string[] = [];
    const server = await serve(
      (s) => {
        s.enableSessionMiddleware();
        s.addMiddleware('sync', () => {
          seen.push(`middleware ${getWebEvent().path}`);
        });
        // An async middleware: the steps after it are resumed with the request still current.
        s.addMiddleware('async', async (e) => {
          await sleep(1);
          e.metadata.waited = true;
        });
        s.addEndware(() => {
          seen.push(`endware ${getWebEvent().path} ${getSessionId() === undefined}`);
        });
        s.addRoute('GET', '/sync', (e) => {
          e.session.data.views = 1;
          saveSession();
          writeJsonResponse({ same: getWebEvent() === e, waited: e.metadata.waited });
          setResponseStatus(201, { noErrorPage: true });
        });
      },
      { asyncContext: false },
    );
    const response = await fetch(`${server.url}/sync`);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ same: true, waited: true });
    expect(response.headers.get('set-cookie')).toMatch(/^pode\.sid=s:/);
    expect(seen).toEqual(['middleware /sync', 'endware /sync false']);
  });

  it('answers 500 and logs PODE_ERR_NO_REQUEST with the reason when a free function runs after an await', async () => {
    const { logger, lines } = captureLogger();
    const server = await serve(
      (s) => {
        s.addRoute('GET', '/late', async () => {
          await sleep(1);
          writeTextResponse('never');
        });
        s.addRoute('GET', '/fine', async (e) => {
          await sleep(1);
          e.writeText('the event still works');
        });
      },
      { asyncContext: false, logger },
    );
    const late = await fetch(`${server.url}/late`);
    expect(late.status).toBe(500);
    expect(await late.text()).not.toContain('never');
    const failure = lines.map((line) => JSON.parse(line)).find((entry) => entry.err !== undefined);
    expect(failure.err.code).toBe('PODE_ERR_NO_REQUEST');
    expect(failure.err.message).toContain('writeTextResponse()');
    expect(failure.err.message).toContain('asyncContext: false');
    // The process and the server carry on.
    const fine = await fetch(`${server.url}/fine`);
    expect(await fine.text()).toBe('the event still works');
  });

  it('leaves other servers of the process on AsyncLocalStorage', async () => {
    const route = async () => {
      await sleep(1);
      writeJsonResponse({ path: getWebEvent().path });
    };
    const without = await serve((s) => s.addRoute('GET', '/a', route), { asyncContext: false });
    const withContext = await serve((s) => s.addRoute('GET', '/b', route));
    expect((await fetch(`${without.url}/a`)).status).toBe(500);
    expect(await (await fetch(`${withContext.url}/b`)).json()).toEqual({ path: '/b' });
  });

  it('is a boolean: anything else is a set-up error', async () => {
    const error = await setupFailure((s) => s.addRoute('GET', '/', (e) => e.writeText('x')), {
      asyncContext: 'no' as unknown as boolean,
    });
    expect(error).toMatchObject({ code: 'PODE_ERR_BAD_OPTION' });
    expect((error as Error).message).toContain('asyncContext option must be true or false');
  });
});

// 'found' when a free function finds a current request here, else the error code it throws.
function lookUpRequest(): string | undefined {
  try {
    getWebEvent();
    return 'found';
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('after the response is handed to Node', () => {
  it('leaves the request context: Node response events run without a current request, e still works', async () => {
    const seen: unknown[] = [];
    const server = await serve((s) =>
      s.addRoute('GET', '/', (e) => {
        e.response.once('finish', () => {
          seen.push(e.path);
          seen.push(lookUpRequest());
        });
        e.writeText('sent');
      }),
    );
    expect(await (await fetch(server.url)).text()).toBe('sent');
    await sleep(20);
    expect(seen).toEqual(['/', 'PODE_ERR_NO_REQUEST']);
  });

  it.each([true, false])(
    'has no current request while Node sends (asyncContext: %s)',
    async (asyncContext) => {
      const seen: unknown[] = [];
      const server = await serve(
        (s) =>
          s.addRoute('GET', '/', (e) => {
            // 'prefinish' is emitted inside response.end(), while pode-ts hands the response over.
            e.response.once('prefinish', () => {
              seen.push(lookUpRequest());
            });
            e.writeText('sent');
          }),
        { asyncContext },
      );
      expect(await (await fetch(server.url)).text()).toBe('sent');
      expect(seen).toEqual(['PODE_ERR_NO_REQUEST']);
    },
  );
});
