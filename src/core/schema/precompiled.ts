/**
 * The validators generated at build time for the dialects' schemas (generated/, written by
 * `npm run gen:validators`; see generateValidators.ts), found by schema object: each generated
 * module exports the schema it validates — the dialect's schema.json itself — and its validator.
 */
import type { ValidateFunction } from 'ajv';
import { generatedValidators } from './generated';

const bySchema = new Map<object, ValidateFunction>(generatedValidators.map((m) => [m.schema as object, m.validate as unknown as ValidateFunction]));

/** The generated validator of this very schema object (undefined for any other object, even an equal one). */
export function precompiledValidator(schema: object): ValidateFunction | undefined {
  return bySchema.get(schema);
}
