/**
 * The Valohai dialect: valohai.yaml as read by the Valohai platform (PyYAML, YAML 1.1), its
 * schema, and its lint (schema validation first, then the platform's own rules).
 *
 * Usage: `analyze(text, valohai)` (see core/lint.ts)
 */
import type { ParsedDocument } from '../../contracts/document';
import { validateDocument } from '../../schema/validate';
import type { Diagnostic } from '../../contracts/diagnostics';
import type { Dialect } from '../../contracts/dialect';
import type { JsonSchema } from '../../contracts/schema';
import { valohaiAssist } from './assist';
import { renderValohai } from './cli';
import { example } from './example';
import { valohaiGraph } from './graph';
import { lintValohai } from './lint';
import { previewValohai } from './preview';
import schemaJson from './schema.json';
import { valohaiTemplates } from './templates';

const schema = schemaJson as JsonSchema;
const KIND_KEYS = ['step', 'pipeline', 'task', 'endpoint', 'blueprint', 'deployment'];

/** valohai.yaml by name, or a top-level list of step/pipeline/task/endpoint items by content. */
function detect(fileName: string | undefined, value: unknown): number {
  const base = fileName?.split(/[\\/]/).pop()?.toLowerCase();
  if (base === 'valohai.yaml' || base === 'valohai.yml') return 0.99;
  if (!Array.isArray(value) || value.length === 0) return 0.05;
  const items = value.filter((v) => typeof v === 'object' && v !== null && !Array.isArray(v)) as Record<string, unknown>[];
  const matching = items.filter((item) => KIND_KEYS.some((k) => k in item)).length;
  if (matching === 0) return 0.05;
  return 0.5 + 0.4 * (matching / value.length);
}

function lint(parsed: ParsedDocument): Diagnostic[] {
  // Nothing to check in a document that could not be read; its YAML errors say why.
  if (!parsed.ok) return [];
  return [...validateDocument(parsed, schema), ...lintValohai(parsed)];
}

export const valohai: Dialect = {
  id: 'valohai',
  label: 'Valohai (valohai.yaml)',
  defaultFileName: 'valohai.yaml',
  yaml: { version: '1.1', duplicateKeys: 'warning' },
  schema,
  detect,
  lint,
  example,
  templates: valohaiTemplates,
  preview: previewValohai,
  assist: valohaiAssist,
  render: renderValohai,
  graph: valohaiGraph,
};
