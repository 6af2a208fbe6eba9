/**
 * The Determined dialect: an experiment config as `det experiment create` and the master read it
 * (YAML 1.1 scalars, duplicate keys rejected), its schema with Determined's keyword extensions,
 * its lint (schema validation, then the master's own rules), the command preview and the
 * `--config` overrides.
 *
 * Usage: `analyze(text, determined)` (see core/lint.ts)
 */
import type { ParsedDocument } from '../../contracts/document';
import { validateDocument } from '../../schema/validate';
import type { Diagnostic } from '../../contracts/diagnostics';
import type { Dialect } from '../../contracts/dialect';
import { example } from './example';
import { lintDetermined } from './lint';
import { effectiveConfig } from './overrides';
import { previewDetermined } from './preview';
import { schema } from './schema';
import { determinedTemplates } from './templates';

const KNOWN_KEYS = new Set(Object.keys(schema.properties as object));
/** Keys that only a Determined experiment has at its top level. */
const TELLING_KEYS = ['searcher', 'hyperparameters', 'entrypoint'];
const SEARCHERS = ['single', 'random', 'grid', 'adaptive_asha', 'async_halving', 'custom', 'adaptive', 'adaptive_simple', 'sync_halving'];

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/**
 * A top-level mapping whose keys are all experiment-config keys, with a searcher, hyperparameters
 * or an entrypoint; a searcher with a known name makes it near certain. Unknown top-level keys
 * (the master rejects them) lower the score quickly, so `config.yaml` with dataset/model stays low.
 */
function detect(fileName: string | undefined, value: unknown): number {
  const base = fileName?.split(/[\\/]/).pop()?.toLowerCase();
  if (base === 'valohai.yaml' || base === 'valohai.yml') return 0;
  if (!isMapping(value)) return 0;
  const keys = Object.keys(value);
  if (keys.length === 0) return 0.05;
  const known = keys.filter((k) => KNOWN_KEYS.has(k)).length / keys.length;
  const telling = TELLING_KEYS.filter((k) => k in value).length;
  const searcher = isMapping(value.searcher) && SEARCHERS.includes(String(value.searcher.name));
  const score = telling === 0 ? 0.1 : 0.7 + 0.05 * telling + (searcher ? 0.14 : 0);
  return score * known ** 2;
}

function lint(parsed: ParsedDocument): Diagnostic[] {
  // Nothing to check in a document that could not be read; its YAML errors say why.
  if (!parsed.ok) return [];
  return [...validateDocument(parsed, schema), ...lintDetermined(parsed)];
}

export const determined: Dialect = {
  id: 'determined',
  label: 'Determined (experiment config)',
  defaultFileName: example.fileName,
  yaml: { version: '1.1', duplicateKeys: 'error' },
  schema,
  detect,
  lint,
  example,
  templates: determinedTemplates,
  preview: previewDetermined,
  effective: effectiveConfig,
};
