import { Validator } from '@seriousme/openapi-schema-validator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  convertToOAParameter,
  newOABoolProperty,
  newOAIntProperty,
  newOAObjectProperty,
  newOAStringProperty,
} from '../../src/index.js';
import { buildDocument } from '../../src/openapi/document.js';
import { OpenApiSettings } from '../../src/openapi/settings.js';

const name = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,8}$/);

describe('OpenAPI builders (properties)', () => {
  it('an object lists its properties by name, and the required ones in required', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ name, required: fc.boolean(), kind: fc.constantFrom('s', 'i', 'b') }),
          {
            selector: (item) => item.name,
            maxLength: 8,
          },
        ),
        (items) => {
          const make = { s: newOAStringProperty, i: newOAIntProperty, b: newOABoolProperty };
          const object = newOAObjectProperty({
            properties: items.map((item) =>
              make[item.kind]({ name: item.name, required: item.required }),
            ),
          });
          expect(Object.keys(object.schema.properties ?? {})).toEqual(
            items.map((item) => item.name),
          );
          const required = items.filter((item) => item.required).map((item) => item.name);
          expect(object.schema.required).toEqual(required.length === 0 ? undefined : required);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a path parameter is always required; array wraps the type', () => {
    expect(convertToOAParameter('path', newOAIntProperty({ name: 'id' })).required).toBe(true);
    expect(
      convertToOAParameter('query', newOAIntProperty({ name: 'id' })).required,
    ).toBeUndefined();
    expect(newOAStringProperty({ name: 't', array: true, maxItems: 3 }).schema).toEqual({
      type: 'array',
      items: { type: 'string' },
      maxItems: 3,
    });
  });

  it('any set of routes gives a valid document with each :name a required path parameter', async () => {
    const segment = fc.oneof(
      name,
      name.map((text) => `:${text}`),
    );
    const route = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
      segments: fc.uniqueArray(segment, {
        minLength: 1,
        maxLength: 4,
        selector: (s) => s.replace(':', ''),
      }),
      version: fc.constantFrom('3.0' as const, '3.1' as const),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(route, { minLength: 1, maxLength: 6 }), async (routes) => {
        for (const version of ['3.0', '3.1'] as const) {
          const settings = new OpenApiSettings();
          const definition = settings.enable({ title: 'P', openApiVersion: version });
          const described = routes.map((item) => ({
            method: item.method,
            path: `/${item.segments.join('/')}`,
            openapi: { summary: 's' },
          }));
          const { document } = buildDocument(definition, described);
          const validator = new Validator();
          const result = await validator.validate(document as Parameters<Validator['validate']>[0]);
          expect(result.errors).toBeUndefined();
          const paths = document.paths as Record<
            string,
            Record<string, { parameters?: { name: string; in: string; required: boolean }[] }>
          >;
          for (const item of described) {
            const oaPath = item.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
            const operation = paths[oaPath][item.method.toLowerCase()];
            const expected = [...item.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]);
            expect(
              (operation.parameters ?? []).map((p) => `${p.in}:${p.name}:${p.required}`),
            ).toEqual(expected.map((param) => `path:${param}:true`));
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
