/**
 * Where a valohai.yaml value reaches the run as YAML typed it: the default of a parameter that
 * declares no `type` (the platform then treats it as text, so `yes` arrives as `True`).
 */
import type { Path } from '../../contracts/path';
import { asArray, isMapping } from '../../guards';

export function looseValues(value: unknown): Path[] {
  const paths: Path[] = [];
  asArray(value).forEach((entry, i) => {
    const step = isMapping(entry) ? entry.step : undefined;
    if (!isMapping(step)) return;
    asArray(step.parameters).forEach((p, j) => {
      if (isMapping(p) && p.type === undefined && 'default' in p) paths.push([i, 'step', 'parameters', j, 'default']);
    });
  });
  return paths;
}
