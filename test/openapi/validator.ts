/** A real OpenAPI validator for the OpenAPI tests: the errors of `document`, none when valid. */
import { Validator } from '@seriousme/openapi-schema-validator';

export async function openApiErrors(document: unknown): Promise<unknown> {
  const validator = new Validator();
  const result = await validator.validate(
    structuredClone(document) as Parameters<Validator['validate']>[0],
  );
  if (!result.valid) return result.errors;
  // Every $ref must resolve too.
  validator.resolveRefs();
  return undefined;
}
