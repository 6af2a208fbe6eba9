/**
 * What `npm run gen:validators` generates: for every registered dialect, its schema's validator
 * beside its `schema.json` (`dialects/<id>/validator.generated.ts`), which the dialect then hands
 * over as `Dialect.validator`. Adding a dialect adds its folder and its registry entry, nothing here.
 *
 * Usage: `await generateAll(projectRoot(), validatorTargets())`
 */
import type { Target } from '../schema/generateValidators';
import { dialects } from '.';

export function validatorTargets(): Target[] {
  return dialects.map((d) => ({
    id: d.id,
    schema: d.schema,
    schemaFile: `src/core/dialects/${d.id}/schema.json`,
    outFile: `src/core/dialects/${d.id}/validator.generated.ts`,
  }));
}
