import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ServerBuilder, type SessionOptions, signValue } from '../../src/index.js';
import { serve } from '../helpers.js';
import { TestStore } from './fixtures.js';

interface Answer {
  id: string;
  isNew: boolean;
  data: Record<string, unknown>;
  tabId: string | null;
}

function app(storage: TestStore, options: SessionOptions) {
  return (s: ServerBuilder) => {
    s.enableSessionMiddleware({ secret: 'key', storage, ...options });
    s.addRoute('GET', '/', (e) =>
      e.writeJson({
        id: e.session.id,
        isNew: e.session.isNew,
        data: e.session.data,
        tabId: e.session.tabId ?? null,
      }),
    );
  };
}

/** A stored session `known` with data, so a value that resumes a session shows which one. */
function seed(storage: TestStore): void {
  const expires = new Date(Date.now() + 60_000);
  storage.records.set('known', {
    json: JSON.stringify({
      version: 1,
      metadata: { created: new Date().toISOString(), expires: expires.toISOString() },
      data: { owner: 'known' },
    }),
    expiry: expires,
  });
}

const SIGNED = signValue('known', 'key');
const printable = fc.string({
  unit: fc.constantFrom(
    ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
    'é',
    'ÿ',
  ),
  maxLength: 80,
});

/** Values near the valid one (edits, truncations, extensions) mixed with arbitrary ones. */
const candidates = fc.oneof(
  printable,
  fc.constant(SIGNED),
  fc.constant(encodeURIComponent(SIGNED)),
  fc
    .tuple(fc.nat({ max: SIGNED.length - 1 }), fc.constantFrom(...'AZaz09+/=.:%s'))
    .map(([at, char]) => `${SIGNED.slice(0, at)}${char}${SIGNED.slice(at + 1)}`),
  fc.nat({ max: SIGNED.length }).map((at) => SIGNED.slice(0, at)),
  printable.map((tail) => `${SIGNED}${tail}`),
  printable.map((id) => `s:${id}.${SIGNED.slice(-44)}`),
  fc.string({ maxLength: 30 }).map((id) => signValue(id, 'not-the-key')),
);

/**
 * The session a response resumed must be the known one with its data (a tab of it starts
 * empty); anything else is new and empty.
 */
function checkAnswer(status: number, answer: Answer): void {
  expect(status).toBe(200);
  if (answer.isNew) {
    expect(answer.id).not.toBe('known');
    expect(answer.data).toEqual({});
  } else {
    expect(answer.id).toBe('known');
    expect(answer.data).toEqual(answer.tabId === null ? { owner: 'known' } : {});
  }
}

describe('any cookie or header value', () => {
  it('gives the right session or a new one, never an error (cookie mode)', async () => {
    const storage = new TestStore();
    seed(storage);
    const server = await serve(app(storage, {}));
    const resumed = await fetch(server.url, { headers: { cookie: `pode.sid=${SIGNED}` } });
    expect(((await resumed.json()) as Answer).isNew).toBe(false);
    await fc.assert(
      fc.asyncProperty(candidates, printable, async (value, other) => {
        const cookie = `${other.replace(/[;=]/g, '')}=x; pode.sid=${value.trim()}`;
        const response = await fetch(server.url, { headers: { cookie } });
        const answer = (await response.json()) as Answer;
        checkAnswer(response.status, answer);
        if (!answer.isNew) {
          // A ';' ends a cookie value: what follows it is another cookie, not part of this one.
          const sent = value.trim().split(';')[0].trim();
          expect([SIGNED, encodeURIComponent(SIGNED)]).toContain(sent);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives the right session or a new one, never an error (header mode)', async () => {
    const storage = new TestStore();
    seed(storage);
    const server = await serve(app(storage, { useHeaders: true, scope: 'tab' }));
    await fc.assert(
      fc.asyncProperty(candidates, printable, async (value, tabId) => {
        const response = await fetch(server.url, {
          headers: { 'pode.sid': value.trim(), 'x-pode-session-tab-id': tabId.trim() },
        });
        const answer = (await response.json()) as Answer;
        checkAnswer(response.status, answer);
        if (!answer.isNew) expect(value.trim()).toBe(SIGNED);
      }),
      { numRuns: 150 },
    );
  });

  it('never resumes a session under a strict signature from another client', async () => {
    const storage = new TestStore();
    seed(storage);
    const server = await serve(app(storage, { strict: true }));
    await fc.assert(
      fc.asyncProperty(candidates, async (value) => {
        const response = await fetch(server.url, {
          headers: { cookie: `pode.sid=${value.trim()}`, 'user-agent': 'prop-test' },
        });
        const answer = (await response.json()) as Answer;
        expect(response.status).toBe(200);
        // the non-strict signature of "known" does not verify in strict mode
        expect(answer.isNew).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
