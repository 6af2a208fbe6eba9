/**
 * The Determined experiment-config schema (schema.json, our own text) with Determined's keyword
 * extensions declared, and validation of any of its `$defs` on its own (as the master validates
 * a sub-config, and as Determined's schema test cases name them).
 *
 * Usage: `validatorFor('searcher')(value)` → true | false (errors on the function)
 */
import { withExtensions } from '../../schema/extensions';
import { compileSchema } from '../../schema/compile';
import type { JsonSchema, SchemaValidator } from '../../contracts/schema';
import { DETERMINED_EXTENSIONS } from './extensions';
import schemaJson from './schema.json';
import { validate as generated } from './validator.generated';

export const schema: JsonSchema = withExtensions(schemaJson as JsonSchema, DETERMINED_EXTENSIONS);

const defValidators = new Map<string, SchemaValidator>();

/** A validator for one of the schema's `$defs` (or the whole config for 'experiment'). */
export function validatorFor(def: string): SchemaValidator {
  if (def === 'experiment') return generated;
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
