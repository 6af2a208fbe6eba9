/**
 * A function that a schema keyword's generated code calls (Determined's `union` reporting its
 * errors...), referenced so that the same keyword works in both ways ajv code exists: compiled
 * in memory (ajv keeps the function itself) and as build-time standalone code, where the
 * reference becomes an ES import of `name` from `module` (see generateValidators.ts).
 *
 * `module` is the file's path from the project root, and the function must be exported from it
 * under `name`.
 *
 * Usage, in a keyword's `code(cxt)`:
 *   const fn = importedFunc(cxt.gen, unionErrors, 'src/core/dialects/determined/extensions.ts', 'unionErrors');
 */
import { _, Name, type CodeGen } from 'ajv/dist/compile/codegen';

/** Marks the module path in a reference's code; the generator turns `IMPORT_MARK("m").name` into an import. */
export const IMPORT_MARK = 'require';

export function importedFunc(gen: CodeGen, fn: (...args: never[]) => unknown, module: string, name: string): Name {
  // The same `require("module").name` shape ajv gives its own run-time helpers (equal, ucs2length...).
  return gen.scopeValue('func', { ref: fn as never, code: _`${new Name(IMPORT_MARK)}(${module}).${new Name(name)}` });
}
