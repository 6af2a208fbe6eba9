/**
 * Which documents the language server checks, and as which dialect.
 *
 * The pick is the app's: `detectDialect` in core/dialects — the file's name and the start of its
 * text read with each dialect's YAML rules, the dialect most sure of itself wins. That function
 * says only who wins, never "none of them", and a language server attached to every YAML buffer
 * must leave a GitHub workflow or a docker-compose file alone. So this module runs the same
 * comparison keeping the winner's score, and a document counts as a pipeline config when the
 * winner is at least RECOGNISED sure (a name like valohai.yaml, a list of steps, a mapping with
 * Determined's searcher/hyperparameters/entrypoint, emloop's dataset/model sections).
 * recognise.test.ts checks that the pick stays detectDialect's on the corpus.
 *
 * It runs on every keystroke, so each dialect keeps an IncrementalParser of the start of the
 * text (only the changed entry is read again), and a start that did not change is not read at all.
 *
 * Usage: `const r = new Recogniser(); r.recognise('valohai.yaml', text)` → { dialect, score, recognised }
 */
import type { Document } from 'yaml';
import { dialects } from '../../core/dialects';
import type { Dialect } from '../../core/contracts/dialect';
import { IncrementalParser } from '../../core/document/incremental';

/**
 * How sure the winning dialect must be. Each dialect answers 0.05 or less for YAML it knows
 * nothing about, at most 0.4 for a bare file name (`config.yaml`), 0.5 or more for content it recognises.
 */
export const RECOGNISED = 0.5;

/** As core/dialects/index.ts: detection reads only the start of a file. */
const DETECT_PREFIX = 32 * 1024;

export function prefixOf(text: string): string {
  if (text.length <= DETECT_PREFIX) return text;
  const cut = text.lastIndexOf('\n', DETECT_PREFIX);
  return text.slice(0, cut > 0 ? cut : DETECT_PREFIX);
}

/** As core/dialects/index.ts: what a document with errors still shows of its shape. */
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

export interface Recognition {
  /** detectDialect's pick. */
  dialect: Dialect;
  /** How sure it is (0..1). */
  score: number;
  /** Whether the document is one of ours: checked, completed, navigated. */
  recognised: boolean;
}

/** One per document: its parsers stay warm with its text. */
export class Recogniser {
  private readonly parsers = new Map<Dialect, IncrementalParser>();
  private last: { fileName: string | undefined; head: string; result: Recognition } | undefined;

  recognise(fileName: string | undefined, text: string): Recognition {
    const head = prefixOf(text);
    if (this.last && this.last.fileName === fileName && this.last.head === head) return this.last.result;
    let best: Dialect = dialects[0];
    let bestScore = -1;
    for (const d of dialects) {
      let parser = this.parsers.get(d);
      if (!parser) this.parsers.set(d, (parser = new IncrementalParser(d.yaml)));
      const parsed = parser.parse(head);
      const score = d.detect(fileName, parsed.ok ? parsed.value : roughValue(parsed.doc, head));
      if (score > bestScore) {
        best = d;
        bestScore = score;
      }
    }
    const result = { dialect: best, score: bestScore, recognised: bestScore >= RECOGNISED };
    this.last = { fileName, head, result };
    return result;
  }
}
