/**
 * Where an emloop config's values reach Python as YAML typed them: every key of `model` and
 * `dataset` beyond the ones emloop reads itself is passed to the constructor as it is.
 */
import type { Path } from '../../contracts/path';
import { isMapping } from '../../guards';

const OWN_KEYS: Record<string, string[]> = { model: ['class', 'name', 'inputs', 'outputs', 'restore_from'], dataset: ['class'] };

export function looseValues(value: unknown): Path[] {
  if (!isMapping(value)) return [];
  return Object.entries(OWN_KEYS).flatMap(([section, own]) => {
    const body = value[section];
    return isMapping(body) ? Object.keys(body).filter((k) => !own.includes(k)).map((k): Path => [section, k]) : [];
  });
}
