/**
 * The Determined dialect: an experiment config as `det experiment create` and the master read it
 * (YAML 1.1 scalars, duplicate keys rejected), its schema with Determined's keyword extensions,
 * the master's own rules beyond the schema, the command preview and the
 * `--config` overrides.
 *
 * Usage: `analyze(text, determined)` (see core/lint.ts)
 */
import { launchDetermined } from './launch';
import { isMapping } from '../../guards';
import type { Dialect } from '../../contracts/dialect';
import { example } from './example';
import { lintDetermined } from './lint';
import { effectiveConfig } from './overrides';
import { previewDetermined } from './preview';
import { schema } from './schema';
import { determinedTemplates } from './templates';
import { looseValues } from './looseValues';
import { determinedOutline } from './outline';
import { determinedSymbols } from './symbols';

const KNOWN_KEYS = new Set(Object.keys(schema.properties as object));
/** Keys that only a Determined experiment has at its top level. */
const TELLING_KEYS = ['searcher', 'hyperparameters', 'entrypoint'];
const SEARCHERS = ['single', 'random', 'grid', 'adaptive_asha', 'async_halving', 'custom', 'adaptive', 'adaptive_simple', 'sync_halving'];

/**
 * A top-level mapping whose keys are all experiment-config keys, with a searcher, hyperparameters
 * or an entrypoint; a searcher with a known name makes it near certain. Unknown top-level keys
 * (the master rejects them) lower the score quickly, so `config.yaml` with dataset/model stays low.
 */
function detect(_fileName: string | undefined, value: unknown): number {
  if (!isMapping(value)) return 0;
  const keys = Object.keys(value);
  if (keys.length === 0) return 0.05;
  const known = keys.filter((k) => KNOWN_KEYS.has(k)).length / keys.length;
  const telling = TELLING_KEYS.filter((k) => k in value).length;
  const searcher = isMapping(value.searcher) && SEARCHERS.includes(String(value.searcher.name));
  const score = telling === 0 ? 0.1 : 0.7 + 0.05 * telling + (searcher ? 0.14 : 0);
  return score * known ** 2;
}

export const determined: Dialect = {
  id: 'determined',
  label: 'Determined (experiment config)',
  defaultFileName: example.fileName,
  yaml: { version: '1.1', duplicateKeys: 'error' },
  schema,
  loadValidator: () => import('./validator.generated').then((m) => m.validate),
  detect,
  rules: lintDetermined,
  looseValues,
  example,
  templates: determinedTemplates,
  // Its third parameter is a trial's values (the launch preview's rows), not FoldedUnits: a search has few units.
  preview: (parsed, inputs) => previewDetermined(parsed, inputs),
  launch: launchDetermined,
  effective: effectiveConfig,
  symbols: determinedSymbols,
  outline: determinedOutline,
};
