/**
 * Property: a middleware limited with `{ route }` runs for every request whose handler runs, for
 * any spelling of a guarded path (issue 14, item 1). Spellings mix percent-escapes of any
 * character, case changes, Unicode case folds (K/k/U+212A, ſ/s), fragments, queries, empty and
 * doubled segments, dot segments, encoded slashes, trailing slashes and what Windows drops from a
 * name (trailing dots and spaces, NTFS streams), and are sent byte for byte
 * over keep-alive connections. `FILTER_RUNS=5000` runs more spellings than the default 200.
 */
import { Agent, request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer, type WebEvent } from '../../src/index.js';

/** A guarded route shape: the guard's filter, the route, and how to build a guarded path. */
interface Shape {
  name: string;
  guard: string;
  method: string;
  route: string;
  /** The segments of a guarded path, from generated values. */
  path: fc.Arbitrary<string[]>;
  /** Spellings fast-check once found to break the property, tried on every run. */
  examples?: string[];
}

// `.` stays (`/files/private/.` is the guarded folder); `..` would leave the guarded path.
const value = fc.oneof(
  fc.stringMatching(/^[a-z0-9ks]{1,5}$/),
  fc.string({ minLength: 1, maxLength: 4, unit: 'grapheme' }).filter((text) => text !== '..'),
);

const SHAPES: Shape[] = [
  {
    name: 'param route under a trailing-* guard',
    guard: '/admin/*',
    method: 'DELETE',
    route: '/admin/:id',
    path: value.map((id) => ['admin', id]),
  },
  {
    name: 'param route under a param guard',
    guard: '/keys/:id',
    method: 'GET',
    route: '/keys/:id',
    path: value.map((id) => ['keys', id]),
  },
  {
    name: 'trailing-* route, guard on part of it',
    guard: '/files/private/*',
    method: 'GET',
    route: '/files/*',
    path: fc
      .array(value, { minLength: 1, maxLength: 2 })
      .map((rest) => ['files', 'private', ...rest]),
    examples: ['/fILEs//PriVate//.', '/files/private/x/..'],
  },
  {
    name: 'middle-* route',
    guard: '/api/:version/items',
    method: 'GET',
    route: '/api/*/items',
    path: value.map((version) => ['api', version, 'items']),
  },
  {
    name: 'param route, guard on one value',
    guard: '/docs/secret',
    method: 'GET',
    route: '/docs/:page',
    path: fc.constant(['docs', 'secret']),
  },
  {
    name: 'param route under a guard with an s and a k',
    guard: '/status/*',
    method: 'GET',
    route: '/status/:key',
    path: value.map((key) => ['status', key]),
  },
];

const SAFE = /^[A-Za-z0-9._~-]$/;
// Other characters that fold to these under a case-insensitive match.
const FOLDS: Record<string, string[]> = {
  k: ['\u212A', 'K'],
  s: ['\u017F', 'S'],
  i: ['\u0130', '\u0131'],
};

/** Percent-escapes every UTF-8 byte of `char`, hex digits in upper or lower case. */
function percentEscape(char: string, lower: boolean): string {
  const hex = [...Buffer.from(char, 'utf8')].map(
    (byte) => `%${byte.toString(16).padStart(2, '0')}`,
  );
  const text = hex.join('');
  return lower ? text : text.toUpperCase();
}

/** One spelling of one character: mostly itself, else its other case, a fold, or escaped. */
const charSpelling = (char: string) =>
  fc
    .oneof(
      { arbitrary: fc.constant('same'), weight: 8 },
      { arbitrary: fc.constantFrom('upper', 'escape', 'escape-lower'), weight: 3 },
      {
        arbitrary: fc.constantFrom('same', ...(FOLDS[char.toLowerCase()] ?? [])),
        weight: 1,
      },
    )
    .map((mode) => {
      if (mode === 'same') return SAFE.test(char) ? char : encodeURIComponent(char);
      if (mode === 'upper') {
        const upper = char.toUpperCase();
        return [...upper].length === 1 && SAFE.test(upper) ? upper : encodeURIComponent(upper);
      }
      if (mode === 'escape' || mode === 'escape-lower')
        return percentEscape(char, mode === 'escape-lower');
      return percentEscape(mode, false); // a fold
    });

const segmentSpelling = (segment: string) =>
  [...segment].length === 0
    ? fc.constant('')
    : fc
        .tuple(fc.tuple(...[...segment].map(charSpelling)), windowsTail)
        .map(([chars, tail]) => chars.join('') + tail);

/** Mostly `usual`, else one of `others`. */
const mostly = (usual: string, others: string[]) =>
  fc.oneof(
    { arbitrary: fc.constant(usual), weight: 3 },
    { arbitrary: fc.constantFrom(...others), weight: 1 },
  );

// What Windows drops from a name when it opens it: trailing dots and spaces, an NTFS stream.
const windowsTail = mostly('', ['.', '%20', '.%20.', '::$INDEX_ALLOCATION', '%3a%3A$DATA']);

// What goes between two segments: a slash, or something a careless normaliser reads as one.
const separator = mostly('/', ['//', '/./', '/%2e/', '%2F', '%2f', '/x/../', '/x/%2E%2E/']);
const prefix = mostly('', ['/x/..', '/.', '/']);
// Not a different value (`;x`, `%23x` would be): the same path, or a target refused whole.
const suffix = mostly('', ['/', '//', '/.', '#', '#x', '#/x', '?q=1', '?q=#']);

function spelling(segments: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      prefix,
      fc.tuple(...segments.map(segmentSpelling)),
      fc.array(separator, { minLength: segments.length, maxLength: segments.length }),
      suffix,
    )
    .map(([before, parts, separators, after]) => {
      let target = before;
      for (let i = 0; i < parts.length; i++) target += (i === 0 ? '/' : separators[i]) + parts[i];
      return target + after;
    });
}

interface Reply {
  status: number;
  body: string;
}

function send(agent: Agent, port: number, method: string, path: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ agent, host: '127.0.0.1', port, method, path }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('route filters against spellings of guarded paths (fast-check over HTTP)', () => {
  let server: RunningServer;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const guardsRun = new WeakMap<WebEvent, string[]>();

  beforeAll(async () => {
    server = await startServer(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        for (const shape of SHAPES) {
          s.addMiddleware({ name: shape.guard, route: shape.guard }, (e) => {
            const names = guardsRun.get(e) ?? [];
            names.push(shape.guard);
            guardsRun.set(e, names);
            return true;
          });
          s.addRoute(shape.method, shape.route, (e) =>
            e.writeJson({ route: shape.route, guards: guardsRun.get(e) ?? [] }),
          );
        }
      },
      { logger: false, handleSignals: false },
    );
  });

  afterAll(async () => {
    agent.destroy();
    await server.stop();
  });

  for (const shape of SHAPES) {
    it(`${shape.name} (${shape.guard} on ${shape.route}): whenever the handler ran, the guard ran`, async () => {
      const port = server.endpoints[0].port;
      let handled = 0;
      await fc.assert(
        fc.asyncProperty(shape.path.chain(spelling), async (target) => {
          const reply = await send(agent, port, shape.method, target);
          expect(reply.status).toBeLessThan(500);
          if (reply.status !== 200) return;
          const body = JSON.parse(reply.body) as { route: string; guards: string[] };
          if (body.route !== shape.route) return;
          handled++;
          expect({ target, guards: body.guards }).toEqual({
            target,
            guards: expect.arrayContaining([shape.guard]),
          });
        }),
        {
          numRuns: Number(process.env.FILTER_RUNS ?? 200),
          examples: (shape.examples ?? []).map((target) => [target]),
        },
      );
      // The property is about requests that reached the handler: make sure there were some.
      expect(handled).toBeGreaterThan(10);
    });
  }
});
