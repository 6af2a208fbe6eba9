/**
 * The emloop dialect: config.yaml as emloop reads it (ruamel.yaml round-trip loader: YAML 1.2,
 * `<<` merge keys, duplicate keys refused), our own schema of its sections, its lint, the
 * standard hooks for completion and hover, and the command preview with the effective config
 * of `emloop train / resume / eval`.
 *
 * Usage: `analyze(text, emloop)` (see core/lint.ts)
 */
import { isMapping } from '../../guards';
import type { JsonSchema } from '../../contracts/schema';
import type { Dialect } from '../../contracts/dialect';
import { emloopAssist } from './assist';
import { effectiveEmloop } from './effective';
import { example } from './example';
import { lintEmloop } from './lint';
import { previewEmloop } from './preview';
import { renderEmloop } from './render';
import schemaJson from './schema.json';
import { emloopTemplates } from './templates';
import { looseValues } from './looseValues';
import { emloopOutline } from './outline';
import { emloopSymbols } from './symbols';

const schema = schemaJson as JsonSchema;

/** config.yaml with dataset/model sections is emloop; a top-level list (valohai) or Determined's keys are not. */
function detect(fileName: string | undefined, value: unknown): number {
  const base = fileName?.split(/[\\/]/).pop()?.toLowerCase();
  const named = base === 'config.yaml' || base === 'config.yml';
  if (!isMapping(value)) return Array.isArray(value) ? 0.02 : named ? 0.3 : 0.05;
  const sections = ['dataset', 'model', 'hooks', 'main_loop', 'eval'].filter((k) => k in value).length;
  const classes = ['dataset', 'model'].filter((k) => isMapping(value[k]) && typeof (value[k] as Record<string, unknown>).class === 'string').length;
  if (classes === 2) return named ? 0.97 : 0.9;
  if (sections >= 2 || classes === 1) return named ? 0.85 : 0.6;
  // A fragment with one of emloop's sections (its docs show them one at a time).
  if (sections === 1) return named ? 0.7 : 0.5;
  return named ? 0.4 : 0.05;
}

export const emloop: Dialect = {
  id: 'emloop',
  label: 'emloop (config.yaml)',
  defaultFileName: 'config.yaml',
  // ruamel.yaml 0.17 refuses a repeated key (DuplicateKeyError) and honours `<<` under YAML 1.2.
  yaml: { version: '1.2', duplicateKeys: 'error', mergeKeys: true },
  schema,
  loadValidator: () => import('./validator.generated').then((m) => m.validate),
  detect,
  rules: lintEmloop,
  looseValues,
  example,
  templates: emloopTemplates,
  preview: previewEmloop,
  render: renderEmloop,
  assist: emloopAssist,
  effective: effectiveEmloop,
  symbols: emloopSymbols,
  outline: emloopOutline,
};
