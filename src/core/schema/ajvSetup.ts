/**
 * Our one ajv configuration, for the two places that run ajv's compiler: the build-time
 * generator (generateValidators.ts) and Vitest, for tests' own small schemas
 * (compileAtRuntime.ts). The app and the CLI never compile: they run the generated validators.
 *
 * Usage: `const ajv = createAjv(schema); const validate = ajv.compile(schema);`
 */
import Ajv2020 from 'ajv/dist/2020';
import type { JsonSchema } from '../contracts/schema';
import { extensionsOf } from './extensions';
import { FORM_KEYWORD, MESSAGES_KEYWORD } from '../contracts/schema';

/**
 * An ajv for `schema`, with the extension keywords it declared (see extensions.ts). Strict, so
 * mistakes in a dialect's schema fail loudly instead of silently validating nothing; verbose,
 * because explainErrors reads each error's schema, parentSchema and data.
 * `standalone`: keep the code, as ES module source, for standaloneCode.
 */
export function createAjv(schema: JsonSchema, options: { standalone?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    // Our schemas list required keys in branches (oneOf of `required`) whose properties live in the parent.
    strictRequired: false,
    // A short-form edge is "at most two items", which strictTuples would forbid.
    strictTuples: false,
    allowUnionTypes: true,
    ...(options.standalone ? { code: { source: true, esm: true, lines: true } } : {}),
  });
  ajv.addVocabulary([MESSAGES_KEYWORD, FORM_KEYWORD]);
  for (const ext of extensionsOf(schema)) ajv.addKeyword(ext.definition);
  return ajv;
}
