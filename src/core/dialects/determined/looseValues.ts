/**
 * Where a Determined experiment config's values reach the trial as YAML typed them: the
 * hyperparameters (constants, categorical choices, nested groups). Search ranges are typed by the
 * schema, which reports them itself.
 */
import type { Path } from '../../contracts/path';
import { isMapping } from '../../guards';

export function looseValues(value: unknown): Path[] {
  return isMapping(value) && isMapping(value.hyperparameters) ? [['hyperparameters']] : [];
}
