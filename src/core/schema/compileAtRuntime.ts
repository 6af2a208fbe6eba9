/**
 * Compiling a schema in memory, for schemas that have no generated validator: tests' own small
 * schemas and Determined's per-`$defs` validators (determined/schema.ts). Node only — Vitest
 * registers it (vitestSetup.ts); the app ships without it, as its Content-Security-Policy
 * forbids the `new Function` that ajv's compiler needs.
 */
import type { ValidateFunction } from 'ajv';
import type { JsonSchema } from '../contracts/schema';
import { createAjv } from './ajvSetup';

export function compileAtRuntime(schema: JsonSchema): ValidateFunction {
  return createAjv(schema).compile(schema);
}
