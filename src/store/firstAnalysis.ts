/**
 * A document's first analysis on the page's own thread, before the document service (a worker)
 * has answered: what the store shows until then.
 */
import type { Dialect } from '../core/contracts/dialect';
import type { LaunchModel } from '../core/contracts/launch';
import type { PreviewInputs, ShownPreview } from '../core/contracts/preview';
import { parseText } from '../core/document/parse';
import { analysisOf, type AnalysisResult } from './service';
import { shownPreview } from './previewInputs';

/**
 * Where a document's first analysis comes from. 'now': made on this thread at once, so the first
 * paint shows it. 'after-paint': the text is painted first; the service's answer or this thread's
 * own analysis once the page is idle after its first frame, whichever comes first, fills the form
 * and Problems (a page being loaded shows its editor sooner). 'service': only the service's (a
 * document opened in the background, not shown). Texts over INLINE_ANALYSIS_LIMIT: the service only.
 */
export type FirstAnalysis = 'now' | 'after-paint' | 'service';

/** Above this many characters a document is analysed only in the service (parsing megabytes here would freeze the page). */
export const INLINE_ANALYSIS_LIMIT = 256 * 1024;

/** What the store holds before any analysis: no value, no problems, version -1 ("Checking…"). */
export function unchecked(dialect: Dialect): AnalysisResult {
  return { version: -1, dialectId: dialect.id, ok: true, value: undefined, diagnostics: [] };
}

/** The text's analysis (as version 0), command preview and launches, made on this thread. */
export function analyseInline(
  text: string,
  fileName: string,
  dialect: Dialect,
  previewInputs: PreviewInputs,
): { analysis: AnalysisResult; preview: ShownPreview | null; launch: LaunchModel | null } {
  const parsed = parseText(text, dialect.yaml);
  return {
    analysis: analysisOf(0, parsed, dialect),
    preview: shownPreview(dialect, parsed, previewInputs, fileName),
    launch: dialect.launch && parsed.ok ? dialect.launch(parsed, { ...previewInputs.launch, fileName }) : null,
  };
}

/**
 * Runs `fn` once the page is idle after its next frame (at once where there are no frames): the
 * editor paints first, and the service usually answers before the page is idle.
 */
export function afterPaint(fn: () => void): void {
  if (typeof requestAnimationFrame !== 'function') setTimeout(fn, 0);
  else if (typeof requestIdleCallback === 'function') requestAnimationFrame(() => requestIdleCallback(fn, { timeout: 1000 }));
  else requestAnimationFrame(() => setTimeout(fn, 0));
}
