/**
 * The Determined experiment-config schema (schema.json, our own text) with Determined's keyword
 * extensions declared, and validation of any of its `$defs` on its own (as the master validates
 * a sub-config, and as Determined's schema test cases name them).
 *
 * Usage: `(await validatorFor('searcher'))(value)` → true | false (errors on the function)
 */
import { withExtensions } from '../../schema/extensions';
import { compileSchema } from '../../schema/compile';
import type { JsonSchema, SchemaValidator } from '../../contracts/schema';
import { DETERMINED_EXTENSIONS } from './extensions';
import schemaJson from './schema.json';

export const schema: JsonSchema = withExtensions(schemaJson as JsonSchema, DETERMINED_EXTENSIONS);

const defValidators = new Map<string, SchemaValidator>();

/**
 * A validator for one of the schema's `$defs`, compiled in memory (tests, tools), or the whole
 * config's generated one for 'experiment'.
 */
export async function validatorFor(def: string): Promise<SchemaValidator> {
  if (def === 'experiment') return (await import('./validator.generated')).validate;
  let validate = defValidators.get(def);
  if (!validate) {
    const defs = (schema.$defs ?? {}) as Record<string, JsonSchema>;
    if (!(def in defs)) throw new Error(`no $defs/${def} in the Determined schema`);
    const { properties: _p, allOf: _a, additionalProperties: _x, eventuallyRequired: _e, type: _t, ...rest } = schema;
    validate = compileSchema(withExtensions({ ...rest, $ref: `#/$defs/${def}` }, DETERMINED_EXTENSIONS));
    defValidators.set(def, validate);
  }
  return validate;
}
