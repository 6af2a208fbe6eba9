/**
 * The dialect registry: every supported platform, and detection of which one a file is.
 *
 * Usage: `const d = detectDialect('valohai.yaml', text)`
 */
import type { Document } from 'yaml';
import { parseText } from '../document/parse';
import type { Dialect } from '../contracts/dialect';
import type { ParsedDocument, YamlOptions } from '../contracts/document';
import { determined } from './determined';
import { emloop } from './emloop';
import { valohai } from './valohai';

export const dialects: readonly Dialect[] = [valohai, determined, emloop];

let projectChecks: Promise<void> | undefined;

/**
 * Load the checks of a config against the code beside it (each dialect's `project` hook) — with
 * the Python parser they read scripts with, which nothing else needs: a one-file lint of a config
 * alone, and the app's first screen, start without it.
 */
export function loadProjectChecks(): Promise<void> {
  projectChecks ??= Promise.all([import('./valohai/project'), import('./determined/project'), import('./emloop/project')]).then(([v, d, e]) => {
    valohai.project = v.checkValohaiProject;
    determined.project = d.checkDeterminedProject;
    emloop.project = e.checkEmloopProject;
  });
  return projectChecks;
}

export function dialectById(id: string): Dialect | undefined {
  return dialects.find((d) => d.id === id);
}

/** Detection reads only the start of a file: enough to see its top-level shape, cheap for a 5 MB file. */
const DETECT_PREFIX = 32 * 1024;

function prefixOf(text: string): string {
  if (text.length <= DETECT_PREFIX) return text;
  const cut = text.lastIndexOf('\n', DETECT_PREFIX);
  return text.slice(0, cut > 0 ? cut : DETECT_PREFIX);
}

/**
 * What a document with errors (or cut short) still shows of its shape: its value if one can be
 * built, else its top-level keys (or list items' keys) read from the lines at column 0.
 */
function roughValue(doc: Document.Parsed, text: string): unknown {
  try {
    const value = doc.toJS({ maxAliasCount: 100 });
    if (value !== null && value !== undefined) return value;
  } catch {
    // fall through to the lines
  }
  const keys = [...text.matchAll(/^([A-Za-z_][\w.-]*):(?:\s|$)/gm)].map((m) => m[1]);
  if (keys.length > 0) return Object.fromEntries(keys.map((k) => [k, {}]));
  const items = [...text.matchAll(/^- ([A-Za-z_][\w.-]*):(?:\s|$)/gm)].map((m) => ({ [m[1]]: {} }));
  return items.length > 0 ? items : undefined;
}

/**
 * The most likely dialect for a file and how sure it is (0..1); its content is read with each
 * dialect's YAML rules — once per distinct way of reading scalars (valohai and Determined read
 * alike), as a cold parser is the slowest part of a one-file `pipewright lint`. When the whole
 * text was read exactly as the winner reads it, that reading comes back too (`parsed`), so the
 * caller need not parse it again.
 */
export function detectDialectScore(fileName: string | undefined, text: string): { dialect: Dialect; score: number; parsed?: ParsedDocument } {
  const head = prefixOf(text);
  const readings = new Map<string, { options: YamlOptions; parsed: ParsedDocument }>();
  let best = dialects[0];
  let bestScore = -1;
  let bestReading: { options: YamlOptions; parsed: ParsedDocument } | undefined;
  for (const d of dialects) {
    const key = `${d.yaml.version}:${d.yaml.mergeKeys ?? 'default'}`;
    let reading = readings.get(key);
    if (!reading) {
      reading = { options: d.yaml, parsed: parseText(head, d.yaml) };
      readings.set(key, reading);
    }
    const { parsed } = reading;
    const score = d.detect(fileName, parsed.ok ? parsed.value : roughValue(parsed.doc, head));
    if (score > bestScore) {
      best = d;
      bestScore = score;
      bestReading = reading;
    }
  }
  const exact = head === text && bestReading && bestReading.options.duplicateKeys === best.yaml.duplicateKeys ? bestReading.parsed : undefined;
  return exact ? { dialect: best, score: bestScore, parsed: exact } : { dialect: best, score: bestScore };
}

/** The most likely dialect for a file (the app reads any YAML as one of ours). */
export function detectDialect(fileName: string | undefined, text: string): Dialect {
  return detectDialectScore(fileName, text).dialect;
}

/** How sure detection must be for a file to count as a config of ours where other YAML is around (a folder, an editor). */
export const RECOGNISED_SCORE = 0.5;

/**
 * The dialect of a file that is recognisably one of our configs, or undefined for other YAML (a
 * CI workflow, a docker-compose file): the folder view lists only these, and the language
 * server checks only these.
 */
export function recognisedDialect(fileName: string | undefined, text: string): Dialect | undefined {
  const { dialect, score } = detectDialectScore(fileName, text);
  return score >= RECOGNISED_SCORE ? dialect : undefined;
}
