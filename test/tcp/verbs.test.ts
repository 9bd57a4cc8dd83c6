import { describe, expect, it } from 'vitest';
import { SetupError } from '../../src/errors.js';
import { type VerbDefinition, VerbTable } from '../../src/tcp/verbs.js';

function verb(text: string, endpointNames?: string[]): VerbDefinition {
  return { verb: text, fn: () => {}, endpointNames, close: false, upgradeToSsl: false, args: [] };
}

describe('verb matching', () => {
  it('matches a verb case-insensitively against the whole message', () => {
    const table = new VerbTable();
    table.add(verb('HELLO'));
    expect(table.find('hello', 'ep')?.definition.verb).toBe('HELLO');
    expect(table.find('HELLO THERE', 'ep')).toBeUndefined();
    expect(table.find('SAY HELLO', 'ep')).toBeUndefined();
  });

  it('takes :name parameters, the last one taking the rest of the message', () => {
    const table = new VerbTable();
    table.add(verb('HELLO :forename :surname'));
    const match = table.find('HELLO Rick Sanchez the Third', 'ep');
    expect(match?.parameters).toEqual({ forename: 'Rick', surname: 'Sanchez the Third' });
    expect(table.find('HELLO Rick', 'ep')).toBeUndefined();
  });

  it('treats the text around parameters literally, and a verb without parameters as a pattern', () => {
    const table = new VerbTable();
    table.add(verb('GET (x) :id'));
    table.add(verb('HI|HEY'));
    expect(table.find('GET (x) 42', 'ep')?.parameters).toEqual({ id: '42' });
    expect(table.find('GET x 42', 'ep')).toBeUndefined();
    expect(table.find('hey', 'ep')?.definition.verb).toBe('HI|HEY');
  });

  it('falls back to * only when no other verb matches', () => {
    const table = new VerbTable();
    table.add(verb('*'));
    table.add(verb('QUIT'));
    expect(table.find('quit', 'ep')?.definition.verb).toBe('QUIT');
    const other = table.find('anything else', 'ep');
    expect(other?.definition.verb).toBe('*');
    expect(other?.parameters).toEqual({});
  });

  it('prefers the verb bound to the endpoint over the one for every endpoint', () => {
    const table = new VerbTable();
    table.add(verb('HELLO'));
    table.add(verb('HELLO', ['EP1']));
    table.add(verb('BYE', ['EP2']));
    expect(table.find('HELLO', 'ep1')?.definition.endpointNames).toEqual(['EP1']);
    expect(table.find('HELLO', 'EP2')?.definition.endpointNames).toBeUndefined();
    expect(table.find('BYE', 'EP1')).toBeUndefined();
    expect(table.find('BYE', 'EP2')?.definition.verb).toBe('BYE');
  });

  it('refuses the same verb twice on a shared endpoint, as Pode does', () => {
    const table = new VerbTable();
    table.add(verb('HELLO'));
    expect(() => table.add(verb('hello'))).toThrow('[Verb] hello: Already defined.');
    table.add(verb('HELLO', ['EP1']));
    expect(() => table.add(verb('HELLO', ['EP2', 'EP1']))).toThrow(
      '[Verb] HELLO: Already defined for EP1.',
    );
    expect(() => table.add(verb('*'))).not.toThrow();
    expect(() => table.add(verb('*'))).toThrow(SetupError);
  });

  it('refuses a verb that is not a valid pattern at set-up', () => {
    const table = new VerbTable();
    expect(() => table.add(verb('HELLO('))).toThrow(/not a valid pattern/);
  });
});
