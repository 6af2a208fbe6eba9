/**
 * The Valohai dialect: valohai.yaml as read by the Valohai platform (PyYAML, YAML 1.1), its
 * schema with its generated validator, and the platform's own rules beyond the schema.
 *
 * Usage: `analyze(text, valohai)` (see core/lint.ts)
 */
import { isMapping } from '../../guards';
import type { JsonSchema } from '../../contracts/schema';
import type { Dialect } from '../../contracts/dialect';
import { valohaiAssist } from './assist';
import { renderValohai } from './cli';
import { launchValohai } from './launch';
import { example } from './example';
import { valohaiGraph } from './graph';
import { lintValohai } from './lint';
import { previewValohai } from './preview';
import schemaJson from './schema.json';
import { valohaiTemplates } from './templates';
import { looseValues } from './looseValues';
import { lintCommandItems } from './commandItems';
import { valohaiOutline } from './outline';
import { valohaiSymbols } from './symbols';

const schema = schemaJson as JsonSchema;
const KIND_KEYS = ['step', 'pipeline', 'task', 'endpoint', 'blueprint', 'deployment'];

/** valohai.yaml by name, or a top-level list of step/pipeline/task/endpoint items by content. */
function detect(fileName: string | undefined, value: unknown): number {
  const base = fileName?.split(/[\\/]/).pop()?.toLowerCase();
  if (base === 'valohai.yaml' || base === 'valohai.yml') return 0.99;
  if (!Array.isArray(value) || value.length === 0) return 0.05;
  const items = value.filter(isMapping);
  const matching = items.filter((item) => KIND_KEYS.some((k) => k in item)).length;
  if (matching === 0) return 0.05;
  return 0.5 + 0.4 * (matching / value.length);
}

export const valohai: Dialect = {
  id: 'valohai',
  label: 'Valohai (valohai.yaml)',
  defaultFileName: 'valohai.yaml',
  // The platform takes the last of a repeated key silently: worth knowing, not a mistake it refuses.
  yaml: { version: '1.1', duplicateKeys: 'info' },
  schema,
  loadValidator: () => import('./validator.generated').then((m) => m.validate),
  detect,
  rules: (parsed) => [...lintValohai(parsed), ...lintCommandItems(parsed)],
  looseValues,
  example,
  templates: valohaiTemplates,
  preview: previewValohai,
  assist: valohaiAssist,
  render: renderValohai,
  launch: launchValohai,
  graph: valohaiGraph,
  symbols: valohaiSymbols,
  outline: valohaiOutline,
};
