/**
 * Which validator checks a schema: the one generated for it at build time (each dialect hands its
 * own over), or, in Node only, one compiled now for schemas that have none (tests' own schemas).
 * The page's Content-Security-Policy forbids evaluating code, so the app never compiles.
 */
import type { ValidateFunction } from 'ajv';
import type { JsonSchema } from '../contracts/schema';

const compiled = new WeakMap<object, ValidateFunction>();

type Compiler = (schema: JsonSchema) => ValidateFunction;
let runtimeCompiler: Compiler | undefined;

/**
 * Let compileSchema compile schemas that have no generated validator (tests' own schemas), with
 * compileAtRuntime.ts — in Node only; Vitest's setup does it (vitestSetup.ts).
 */
export function setRuntimeCompiler(compile: Compiler | undefined): void {
  runtimeCompiler = compile;
}

/**
 * A validator compiled now for a schema that has none generated (tests' own schemas, Determined's
 * per-`$defs` validators) — only where a run-time compiler was set (Node: vitestSetup.ts); the app
 * has none, and dialects hand over their generated validator (`Dialect.validator`). Each schema
 * object's validator is kept.
 */
export function compileSchema(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = runtimeCompiler?.(schema);
    if (!validate) {
      throw new Error(`No generated validator for the schema "${String(schema.title ?? schema.$id ?? '(untitled)')}": generate them with \`npm run gen:validators\``);
    }
    compiled.set(schema, validate);
  }
  return validate;
}
