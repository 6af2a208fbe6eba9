/**
 * Editor assistance from the dialect's schema and the document at the cursor — plain data for
 * the Monaco providers (completion, hover, code actions). No Monaco or DOM here.
 *
 * Usage (keep one IncrementalParser per model, warm with every version of the text):
 *   complete(dialect, text, offset, { parser })           → Completion[]
 *   hover(dialect, text, offset, { parsed })              → Hover | undefined
 *   quickFixesAt(dialect, parsed, offset, diagnostics)    → Fix[]  (findings' own fixes + scalar re-writes)
 *   navigateAt / prepareRename / planRename(dialect, parsed, offset[, to]) → definitions, references, rename edits
 *   outlineOf(dialect, parsed), breadcrumbAt(outline, offset)
 *   foldingRanges(parsed, limit)                          → FoldingRange[]  (1-based lines)
 */
export { complete, completionsAt, escapeSnippet, newItemSequence, placeSnippet, timeCompletions, type CompleteOptions } from './complete';
export { cursorContext, indentUnitOf, lenientValue, PLACEHOLDER, type ContextOptions } from './context';
export { quickFixesAt, readingAt, type Reading } from './fixes';
export { foldingRanges, type FoldingRange } from './folding';
export { hover } from './hover';
export type { AssistContext, AssistHookInput, AssistHooks, Completion, CompletionKind, Hover } from '../contracts/assist';
export { navigateAt, planRename, prepareRename, renameSymbol, symbolDefinedAt, usesOfDefinition, type Navigation } from './navigate';
export { breadcrumbAt, outlineOf } from './outline';
export { located, type LocatedSymbols, type LocatedUse } from './symbols';
export type { DocSymbol, NamePlace, NameUse, OutlineItem, SymbolKind } from '../contracts/symbols';
