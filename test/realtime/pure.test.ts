/**
 * The pure parts, property-tested: the SSE frame round-trips any data through the
 * EventSource parsing rules, and a WebSocket message of any text parses to Pode's shape.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frame } from '../../src/realtime/sse.js';
import { parseMessage } from '../../src/realtime/upgrade.js';

/** The HTML spec's event stream interpretation, for one event. */
function readFrame(text: string): { data: string; event?: string; id?: string } {
  expect(text.endsWith('\n\n')).toBe(true);
  const lines = text.slice(0, -2).split('\n');
  const data: string[] = [];
  const result: { data: string; event?: string; id?: string } = { data: '' };
  for (const line of lines) {
    const colon = line.indexOf(':');
    const field = line.slice(0, colon);
    let value = line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') result.event = value;
    else if (field === 'id') result.id = value;
    else throw new Error(`unexpected field ${field}`);
  }
  result.data = data.join('\n');
  return result;
}

describe('SSE frames', () => {
  it('any data (newlines included) reads back as sent; event and id stay one line', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (data, event, id) => {
        const read = readFrame(frame(data, event, id));
        expect(read.data).toBe(data.replace(/\r\n|\r/g, '\n'));
        if (event !== '') expect(read.event).toBe(event.replace(/[\r\n]/g, ''));
        if (id !== '') expect(read.id).toBe(id.replace(/[\r\n]/g, ''));
      }),
    );
  });
});

describe('WebSocket messages', () => {
  it('any text parses without throwing, to a message with a boolean direct', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const parsed = parseMessage(text);
        expect(typeof parsed.direct).toBe('boolean');
        expect('message' in parsed).toBe(true);
      }),
    );
  });

  it("Pode's JSON shape keeps its fields; anything else is the message", () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.string({ minLength: 1 }),
        fc.boolean(),
        (message, clientId, direct) => {
          const parsed = parseMessage(JSON.stringify({ message, clientId, direct }));
          expect(parsed.message).toEqual(JSON.parse(JSON.stringify(message)));
          expect(parsed.clientId).toBe(clientId);
          expect(parsed.direct).toBe(direct);
        },
      ),
    );
    expect(parseMessage('hello')).toEqual({ message: 'hello', direct: false });
    expect(parseMessage('[1,2]')).toEqual({ message: [1, 2], direct: false });
    expect(parseMessage('{"path":"/x"}')).toEqual({ message: { path: '/x' }, direct: false });
    expect(parseMessage('{"message":"m","path":"/a%20b"}')).toEqual({
      message: 'm',
      path: '/a b',
      direct: false,
    });
  });
});
