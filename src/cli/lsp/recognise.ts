/**
 * Which documents the language server checks, and as which dialect: the core's
 * `recognisedDialect` (core/dialects) — detectDialectScore's pick, the file's name and the start
 * of its text read with each dialect's YAML rules, counted as one of our configs when the winner
 * is at least RECOGNISED_SCORE sure (a name like valohai.yaml, a list of steps, a mapping with
 * Determined's searcher/hyperparameters/entrypoint, emloop's dataset/model sections). A GitHub
 * workflow or a docker-compose file is left alone.
 *
 * The core reads the start afresh with parseText for each dialect, ≈65 ms for a 5,000-line
 * file — too slow for every keystroke. This is the same comparison with one IncrementalParser
 * per dialect kept warm on the document's start (only the changed entry is read again), and a
 * start that did not change is not read at all. While the start does not parse (halfway through
 * an edit) the answer stays the last one. recognise.test.ts checks dialect and score against
 * detectDialectScore on the corpus, the templates and texts halfway through an edit.
 *
 * Usage: `const r = new Recogniser(); r.recognise('valohai.yaml', text)` → { dialect, score, recognised }
 */
import { detectDialectScore, dialects, RECOGNISED_SCORE } from '../../core/dialects';
import type { Dialect } from '../../core/contracts/dialect';
import { IncrementalParser } from '../../core/document/incremental';

/** As core/dialects/index.ts: detection reads only the start of a file. */
const DETECT_PREFIX = 32 * 1024;

export function prefixOf(text: string): string {
  if (text.length <= DETECT_PREFIX) return text;
  const cut = text.lastIndexOf('\n', DETECT_PREFIX);
  return text.slice(0, cut > 0 ? cut : DETECT_PREFIX);
}

export interface Recognition {
  /** detectDialectScore's pick. */
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
    const last = this.last?.fileName === fileName ? this.last : undefined;
    if (last?.head === head) return last.result;
    let best: Dialect = dialects[0];
    let bestScore = -1;
    for (const d of dialects) {
      let parser = this.parsers.get(d);
      if (!parser) this.parsers.set(d, (parser = new IncrementalParser(d.yaml)));
      const parsed = parser.parse(head);
      if (!parsed.ok) {
        // What a text with errors still shows of its shape depends on how the reader recovered,
        // which a joined parse does not reproduce. Halfway through an edit the answer stays
        // what it was (the app detects once, at open); for a document opened broken, ask the core.
        const result = last?.result ?? this.scored(detectDialectScore(fileName, text));
        this.last = { fileName, head, result };
        return result;
      }
      const score = d.detect(fileName, parsed.value);
      if (score > bestScore) {
        best = d;
        bestScore = score;
      }
    }
    const result = this.scored({ dialect: best, score: bestScore });
    this.last = { fileName, head, result };
    return result;
  }

  private scored({ dialect, score }: { dialect: Dialect; score: number }): Recognition {
    return { dialect, score, recognised: score >= RECOGNISED_SCORE };
  }
}
