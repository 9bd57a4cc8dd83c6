import { describe, expect, it } from 'vitest';
import {
  mergeJsonSchema,
  newJsonSchemaArray,
  newJsonSchemaBoolean,
  newJsonSchemaInteger,
  newJsonSchemaNull,
  newJsonSchemaNumber,
  newJsonSchemaObject,
  newJsonSchemaString,
} from '../../src/index.js';

describe('JSON Schema builders', () => {
  it('write the keywords given, and a description only when it is not empty', () => {
    expect(newJsonSchemaString({ enum: ['a', 'b'], description: '' })).toEqual({
      type: 'string',
      enum: ['a', 'b'],
    });
    expect(newJsonSchemaBoolean({ constant: true, description: 'yes' })).toEqual({
      type: 'boolean',
      const: true,
      description: 'yes',
    });
    expect(newJsonSchemaNull()).toEqual({ type: 'null' });
    expect(newJsonSchemaArray(newJsonSchemaInteger(), { unique: true, minItems: 1 })).toEqual({
      type: 'array',
      items: { type: 'integer' },
      minItems: 1,
      uniqueItems: true,
    });
    expect(
      newJsonSchemaObject({ properties: { a: newJsonSchemaNumber() }, required: ['a'] }),
    ).toEqual({ type: 'object', properties: { a: { type: 'number' } }, required: ['a'] });
    expect(mergeJsonSchema('anyOf', [newJsonSchemaNull()])).toEqual({ anyOf: [{ type: 'null' }] });
  });

  it('exclusive bounds are written as today’s JSON Schema wants them', () => {
    expect(newJsonSchemaNumber({ minimum: 0, exclusiveMinimum: true, maximum: 1 })).toEqual({
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 1,
    });
  });

  it('a maximum below the minimum is refused', () => {
    expect(() => newJsonSchemaInteger({ minimum: 5, maximum: 1 })).toThrow(/maximum/);
    expect(() => newJsonSchemaString({ minLength: 5, maxLength: 1 })).toThrow(/maxLength/);
    expect(() => newJsonSchemaArray({}, { minItems: 5, maxItems: 1 })).toThrow(/maxItems/);
  });
});
