/**
 * The command preview for an emloop config.yaml: the units `train`, `resume` and `eval <block>`
 * (one per eval block), each with its command line, the override lines typed for it, and the
 * EFFECTIVE config it runs with (effective.ts) as YAML, the keys that the eval block or an
 * override changed marked. emloop's refusals (a bad override, an eval block changing a section
 * the base lacks) come back as the unit's errors, per override line where they belong.
 *
 * Usage: `previewEmloop(parsed, { values: {}, env: {}, overrides: { train: ['model.lr=0.1'] } })`
 */
import { isMapping } from '../../guards';
import { Document, parseDocument } from 'yaml';
import type { ParsedDocument } from '../../contracts/document';
import { locatePath } from '../../document/paths';
import type { Path } from '../../contracts/path';
import type { PreviewBlock, PreviewInputs, PreviewModel, StepPreview } from '../../contracts/preview';
import { loadConfig, type Change } from './effective';

type Obj = Record<string, unknown>;
/** Where a training writes, as the commands that read a run take it. */
export const RUN_DIR = 'log/<run>';
const CONFIG_FILE = 'config.yaml';

/** A word for a POSIX shell: as it is when it is safe, else in single quotes. */
export function shellWord(s: string): string {
  if (s === RUN_DIR || /^[\w@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The effective config as YAML with the changed keys' lines marked. */
export function effectiveBlock(value: unknown, changes: Change[]): PreviewBlock {
  const text = new Document(value, { version: '1.2' }).toString({ lineWidth: 0 });
  const shown = parseDocument(text, { version: '1.2' }) as Parameters<typeof locatePath>[0];
  const marks: NonNullable<PreviewBlock['marks']> = [];
  for (const change of changes) {
    const range = lineOf(shown, text, change.path);
    if (range) marks.push({ start: range[0], end: range[1], note: `changed by ${change.by}` });
  }
  return { title: 'Effective config', text, language: 'yaml', marks };
}

/** The span from a changed key to the end of its line (a whole list or map is marked by its key). */
function lineOf(doc: Parameters<typeof locatePath>[0], text: string, path: Path): [number, number] | undefined {
  const found = locatePath(doc, path);
  if (found.depth < path.length) return undefined;
  const key = found.pair?.key as { range?: [number, number, number] } | undefined;
  const start = key?.range?.[0] ?? (found.node as { range?: [number, number, number] } | null)?.range?.[0];
  if (start === undefined) return undefined;
  const nl = text.indexOf('\n', start);
  return [start, nl < 0 ? text.length : nl];
}

interface Unit {
  name: string;
  path: Path;
  /** The command before the override lines. */
  words: string[];
  /** The eval block applied, if any. */
  stream?: string;
  facts: { label: string; value: string }[];
  warnings: string[];
}

function units(config: Obj, file: string): Unit[] {
  const main = isMapping(config.main_loop) ? config.main_loop : {};
  const train = typeof main.train_stream_name === 'string' ? main.train_stream_name : 'train';
  const extra = Array.isArray(main.extra_streams) ? main.extra_streams.map(String) : [];
  const name = isMapping(config.model) && typeof config.model.name === 'string' ? config.model.name : 'Unnamed';
  const out: Unit[] = [
    {
      name: 'train',
      path: [],
      words: ['emloop', 'train', file],
      facts: [
        { label: 'Streams', value: [`${train} (training)`, ...extra].join(', ') },
        { label: 'Output', value: `log/${name}_<random words>/` },
      ],
      warnings: [],
    },
    {
      name: 'resume',
      path: [],
      words: ['emloop', 'resume', RUN_DIR],
      facts: [{ label: 'Restores from', value: `${RUN_DIR} (the run's directory)` }],
      warnings: ["resume reads the config saved in the run's directory — what `train` ran with — not this file"],
    },
  ];
  if (isMapping(config.eval)) {
    for (const [stream, block] of Object.entries(config.eval)) {
      const streams = isMapping(block) && Array.isArray(block.stream_names) ? block.stream_names.map(String) : [stream];
      out.push({
        name: `eval ${stream}`,
        path: ['eval', stream],
        words: ['emloop', 'eval', stream, RUN_DIR, '-c', file],
        stream,
        facts: [
          { label: 'Streams', value: streams.join(', ') },
          { label: 'Model', value: `restored from ${RUN_DIR}` },
        ],
        warnings: isMapping(block) && 'hooks' in block ? [] : [`eval.${stream} has no hooks: the evaluation runs without any`],
      });
    }
  }
  return out;
}

/**
 * `emloop eval STREAM` for a stream without an `eval.STREAM` block: emloop applies no eval
 * section then, so the stream is evaluated with the base configuration — hooks included.
 */
function baseEvalUnit(stream: string, file: string): Unit {
  return {
    name: `eval ${stream}`,
    path: [],
    words: ['emloop', 'eval', stream, RUN_DIR, '-c', file],
    stream,
    facts: [
      { label: 'Streams', value: stream },
      { label: 'Model', value: `restored from ${RUN_DIR}` },
    ],
    warnings: [
      `The file has no eval.${stream} section, so \`emloop eval ${stream}\` runs stream "${stream}" with the base configuration (dataset, model, main_loop and hooks as they are)`,
    ],
  };
}

/**
 * One unit by name, with the override lines typed for it — also `eval STREAM` for a stream the
 * file has no eval block for (which emloop runs with the base configuration, and the preview
 * does not list). Undefined when there is no such unit.
 */
export function previewUnit(parsed: ParsedDocument, inputs: PreviewInputs, name: string): StepPreview | undefined {
  if (!parsed.ok || !isMapping(parsed.value)) return undefined;
  const file = inputs.fileName ?? CONFIG_FILE;
  const typed = inputs.overrides?.[name] ?? [];
  const all = units(parsed.value, file);
  const known = all.find((u) => u.name === name);
  if (known) return unitPreview(parsed, known, typed);
  const stream = /^eval\s+(\S.*)$/.exec(name)?.[1]?.trim();
  if (!stream) return undefined;
  const block = all.find((u) => u.stream === stream);
  return unitPreview(parsed, block ?? baseEvalUnit(stream, file), typed);
}

function unitPreview(parsed: ParsedDocument, unit: Unit, typed: string[]): StepPreview {
  // A blank line is one not typed yet: left out of the command, no error.
  const given = typed.filter((l) => l.trim() !== '');
  const loaded = loadConfig(parsed, { unit: unit.stream, overrides: given });
  let next = 0;
  const lineErrors = typed.map((l) => (l.trim() === '' ? [] : loaded.lineErrors[next++]));
  // resume takes RESTORE_FROM before the overrides, or reads the first override as it.
  const words = [...unit.words, ...(unit.name === 'resume' && given.length > 0 ? [RUN_DIR] : []), ...given];
  const line = words.map(shellWord).join(' ');
  const ok = loaded.errors.length === 0;
  return {
    name: unit.name,
    path: unit.path,
    params: [],
    command: ok ? [line] : [],
    script: ok ? line : '',
    pieces: ok ? [[]] : [],
    warnings: unit.warnings,
    errors: loaded.errors,
    inputs: [],
    env: [],
    facts: unit.facts,
    blocks: ok ? [effectiveBlock(loaded.value, loaded.changes)] : [],
    overrides: { label: 'Overrides (key.path=value)', placeholder: 'model.learning_rate=0.001', items: typed, errors: lineErrors },
  };
}

export function previewEmloop(parsed: ParsedDocument, inputs: PreviewInputs): PreviewModel {
  if (!parsed.ok || !isMapping(parsed.value)) return { steps: [] };
  return { steps: units(parsed.value, inputs.fileName ?? CONFIG_FILE).map((u) => unitPreview(parsed, u, inputs.overrides?.[u.name] ?? [])) };
}
