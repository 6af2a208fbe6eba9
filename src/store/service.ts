/**
 * The document service: a replica of the text, kept in step by the same origin-tagged edits
 * the store applies, that parses, lints and answers questions about node positions. In the
 * browser it runs in the page for a small document (its answers then land in the keystroke's own
 * frame) and in a Web Worker for a big one (so a 50,000-line document never blocks typing; see
 * connection.ts); inline in tests. All use this very class.
 *
 * Messages are processed in order, so a query always sees exactly the text the store had when
 * it asked.
 */
import { dialectById, dialects, loadProjectChecks } from '../core/dialects';
import { NO_PREVIEW_INPUTS, type PreviewInputs, type ShownPreview } from '../core/contracts/preview';
import type { LaunchModel } from '../core/contracts/launch';
import type { Dialect } from '../core/contracts/dialect';
import { planEdit, prepareEdit, type EditIntent, type EditPlan } from '../core/document/edit';
import { applyTextEdits } from '../core/document/textEdits';
import type { EditOrigin, TextEdit } from '../core/contracts/change';
import { IncrementalParser } from '../core/document/incremental';
import type { ParsedDocument } from '../core/contracts/document';
import { pathAtOffset, rangeOfPath } from '../core/document/paths';
import { breadcrumbOf } from '../core/assist/outline';
import { complete, foldingRanges, hover, navigateAt, outlineOf, planRename, prepareRename, quickFixesAt, renameSymbol, symbolDefinedAt, usesOfDefinition, type Completion, type FoldingRange, type Hover, type Navigation } from '../core/assist';
import type { OutlineItem } from '../core/contracts/symbols';
import { analyzeParsed, canAnalyze, loadValidator, type ProjectContext } from '../core/lint';
import { snapshotFiles, type ProjectSnapshot } from '../core/contracts/project';
import type { Fix, LocatedDiagnostic } from '../core/contracts/diagnostics';
import type { Path } from '../core/contracts/path';
import { shareStructure } from './structuralSharing';
import { shownPreview } from './previewInputs';
import { encodeDelta, type Delta } from './valueDelta';

export interface AnalysisResult {
  version: number;
  dialectId: string;
  /** True when the text is well-formed YAML. */
  ok: boolean;
  /** The plain value as the runtime reads it (undefined when the YAML does not parse). */
  value: unknown;
  diagnostics: LocatedDiagnostic[];
}

/**
 * An analysis on the wire, without the value (a 'value' message for the same version came
 * first); for a well-formed text, the command preview's steps as a delta against the last ones
 * sent (`null` when the dialect has no preview).
 */
export type AnalysisMessage = Omit<AnalysisResult, 'value'> & { preview?: Delta; launch?: LaunchModel | null };

export type Query =
  | { kind: 'edit'; intent: EditIntent }
  | { kind: 'pathAt'; offset: number }
  | { kind: 'rangeOf'; path: Path; part?: 'key' | 'value' }
  | { kind: 'complete'; offset: number }
  | { kind: 'hover'; offset: number }
  | { kind: 'fixes'; offset: number }
  /** The name under the cursor with its definitions and uses (go to definition, references, highlights). */
  | { kind: 'navigate'; offset: number }
  | { kind: 'prepareRename'; offset: number }
  /** The edits renaming the name at `offset` (or the one defined by the value at `path`, a form's name field) everywhere. */
  | { kind: 'rename'; offset: number; to: string }
  | { kind: 'renameAt'; path: Path; to: string }
  /** How many places use the name the value at `path` defines (0 when it defines none). */
  | { kind: 'usesOf'; path: Path }
  | { kind: 'outline' }
  /** Where the editor can fold, at most `limit` ranges (see foldingRanges). */
  | { kind: 'folding'; limit?: number }
  /** The outline items holding `offset`, outermost first, without their children (the breadcrumb). */
  | { kind: 'breadcrumb'; offset: number };

export interface QueryAnswers {
  edit: EditPlan;
  pathAt: Path;
  rangeOf: [number, number];
  complete: Completion[];
  hover: Hover | null;
  fixes: Fix[];
  navigate: Navigation | null;
  prepareRename: { range: [number, number]; name: string } | { refuse: string };
  rename: { edits: TextEdit[] };
  renameAt: { edits: TextEdit[] };
  usesOf: number;
  outline: OutlineItem[];
  folding: FoldingRange[];
  breadcrumb: OutlineItem[];
}

export type ServiceRequest =
  /**
   * `rehearsal`: read and check the text as usual but send nothing, until the next reset — a worker
   * started ahead of a move runs its code once (compiling it) and keeps the text's entries, so the
   * move's own reset is answered sooner.
   */
  | { type: 'reset'; version: number; text: string; dialectId: string; fileName?: string; project?: ProjectSnapshot | null; rehearsal?: boolean }
  /** The code beside the document was read (or is gone: null); the text is unchanged, the version moves on. */
  | { type: 'project'; version: number; project: ProjectSnapshot | null }
  /** `origin`: the view the edits came from (the service does not need it; see pageOrWorkerConnection). */
  | { type: 'edits'; version: number; edits: readonly TextEdit[]; origin?: EditOrigin }
  | { type: 'query'; id: number; version: number; query: Query }
  /**
   * A form field (the value at `path`) has the focus, so an edit of its value may come soon: what
   * planning an edit of this version needs (see prepareEdit) is made now, in a task of its own,
   * not on the keystroke.
   */
  | { type: 'expectEdit'; version: number; path?: Path }
  /** The values typed into the command preview changed. */
  | { type: 'previewInputs'; inputs: PreviewInputs };

export type ServiceResponse =
  /**
   * A well-formed text's value, as a delta against the last one sent — posted as soon as the text
   * is parsed, before the slower checks, so the form follows a keystroke without waiting for them.
   */
  | { type: 'value'; version: number; delta: Delta }
  | { type: 'analysis'; result: AnalysisMessage }
  | { type: 'answer'; id: number; version: number; result?: unknown; error?: string }
  /** The command preview for new typed values (the text unchanged): steps as a delta, like an analysis's. */
  | { type: 'preview'; version: number; preview: Delta; launch?: LaunchModel | null }
  /** The replica lost step with the store (should not happen); the store answers with a reset. */
  | { type: 'resync' };

export function analysisOf(version: number, parsed: ParsedDocument, dialect: Dialect, project?: ProjectContext): AnalysisResult {
  const { diagnostics } = analyzeParsed(parsed, dialect, project);
  return { version, dialectId: dialect.id, ok: parsed.ok, value: parsed.value, diagnostics };
}

function contextOf(snapshot: ProjectSnapshot | null): ProjectContext | undefined {
  return snapshot ? { files: snapshotFiles(snapshot), configDir: snapshot.configDir } : undefined;
}

export class DocumentService {
  private text = '';
  private version = -1;
  private dialect: Dialect = dialects[0];
  private parser = new IncrementalParser(this.dialect.yaml);
  /**
   * Completion parses probe texts (the cursor's line replaced by a placeholder). Its own parser
   * keeps those parses from shifting the nodes of the current document, which other answers use.
   */
  private assistParser = new IncrementalParser(this.dialect.yaml);
  /** The findings of the last analysis (of the current version once analyzeNow has run). */
  private diagnostics: LocatedDiagnostic[] = [];
  private parsed: { version: number; parsed: ParsedDocument } | null = null;
  private analyzedVersion = -1;
  private scheduled = false;
  /** The last well-formed value sent: deltas refer to it. */
  private base: unknown = undefined;
  private previewInputs: PreviewInputs = NO_PREVIEW_INPUTS;
  /** The document's file name, which commands in the preview name. */
  private fileName: string | undefined;
  /** The last preview steps sent: preview deltas refer to them. */
  private previewBase: ShownPreview['steps'] | null | undefined = undefined;
  /** The last launch model sent, as JSON: an unchanged one is not sent again (it may hold 10,000 rows). */
  private launchSent: string | undefined = undefined;
  /** The code beside the document, when a folder is open (and the snapshot it was read from). */
  private project: ProjectContext | undefined = undefined;
  private projectSnapshot: ProjectSnapshot | null = null;
  /** The outline of one version: the breadcrumb asks for a chain of it at every cursor move. */
  private outline: { version: number; items: OutlineItem[] } | null = null;
  /** The folding ranges of one version: the editor asks again when it is shown or its folds change. */
  private folding: { version: number; limit: number; ranges: FoldingRange[] } | null = null;
  /** Since a rehearsal reset: nothing is sent (see ServiceRequest). */
  private rehearsal = false;

  constructor(
    private readonly post: (r: ServiceResponse) => void,
    /** Defers the analysis so that edits already queued are applied first. */
    private readonly defer: (run: () => void) => void,
  ) {}

  /** Whether the current text (since the last reset) has been analysed once. */
  get analysed(): boolean {
    return this.analyzedVersion >= 0;
  }

  /** How long the replica's text is (characters). */
  get textLength(): number {
    return this.text.length;
  }

  /**
   * The requests that bring a new service to where this one is: its text and version, dialect,
   * file name, project and preview inputs. (The new one sends its first value and preview whole.)
   */
  handoff(): ServiceRequest[] {
    return [
      { type: 'reset', version: this.version, text: this.text, dialectId: this.dialect.id, fileName: this.fileName, project: this.projectSnapshot },
      { type: 'previewInputs', inputs: this.previewInputs },
    ];
  }

  /** Sends a response, unless the text is a rehearsal (see ServiceRequest). */
  private emit(r: ServiceResponse): void {
    if (!this.rehearsal) this.post(r);
  }

  handle(req: ServiceRequest): void {
    if (req.type === 'reset') {
      this.rehearsal = req.rehearsal === true;
      this.text = req.text;
      this.version = req.version;
      this.fileName = req.fileName;
      if (req.project !== undefined) {
        this.project = contextOf(req.project);
        this.projectSnapshot = req.project;
      }
      if (this.project) void loadProjectChecks().then(() => {
        this.analyzedVersion = -1;
        this.scheduleAnalysis();
      });
      const dialect = dialectById(req.dialectId) ?? dialects[0];
      if (dialect !== this.dialect) {
        this.parser = new IncrementalParser(dialect.yaml);
        this.assistParser = new IncrementalParser(dialect.yaml);
      }
      this.dialect = dialect;
      this.parsed = null;
      // Analysed afresh, even at a version analysed before (a resync resets to the same version).
      this.analyzedVersion = -1;
      this.base = undefined;
      this.previewBase = undefined;
      this.launchSent = undefined;
      this.scheduleAnalysis();
    } else if (req.type === 'edits') {
      if (req.version !== this.version + 1) {
        this.version = -1;
        this.emit({ type: 'resync' });
        return;
      }
      this.text = applyTextEdits(this.text, req.edits);
      this.version = req.version;
      this.scheduleAnalysis();
    } else if (req.type === 'project') {
      if (req.version !== this.version + 1) {
        this.version = -1;
        this.emit({ type: 'resync' });
        return;
      }
      this.version = req.version;
      this.project = contextOf(req.project);
      this.projectSnapshot = req.project;
      if (this.project && !this.dialect.project) {
        // The checks (and their Python parser) load with the first project; then analyse again.
        void loadProjectChecks().then(() => {
          this.analyzedVersion = -1;
          this.scheduleAnalysis();
        });
      }
      this.scheduleAnalysis();
    } else if (req.type === 'previewInputs') {
      this.previewInputs = req.inputs;
      // A pending analysis will carry the preview — unless a query already analysed its version,
      // which leaves that analysis nothing to do; then send it for the current text now.
      if (this.version < 0 || (this.scheduled && this.analyzedVersion !== this.version)) return;
      const parsed = this.current();
      if (parsed.ok) this.emit({ type: 'preview', version: this.version, preview: this.previewDelta(parsed), ...this.launchOf(parsed) });
    } else if (req.type === 'expectEdit') {
      this.defer(() => {
        if (req.version === this.version) prepareEdit(this.current(), req.path && { path: req.path, version: this.dialect.yaml.version });
      });
    } else {
      this.answer(req.id, req.version, req.query);
    }
  }

  /** The preview of this (well-formed) text, as a delta against the last one sent. */
  private previewDelta(parsed: ParsedDocument): Delta {
    // Steps equal to the ones sent keep their identity, so the delta refers to them instead of copying them again.
    const steps = shareStructure(this.previewBase, shownPreview(this.dialect, parsed, this.previewInputs, this.fileName)?.steps ?? null);
    const delta = encodeDelta(this.previewBase, steps);
    this.previewBase = steps;
    return delta;
  }

  /** The launch model for this (well-formed) text, when it changed since the last one sent: `{}` when it did not. */
  private launchOf(parsed: ParsedDocument): { launch?: LaunchModel | null } {
    const request = { ...this.previewInputs.launch, fileName: this.fileName };
    const launch = this.dialect.launch?.(parsed, request) ?? null;
    const json = JSON.stringify(launch);
    if (json === this.launchSent) return {};
    this.launchSent = json;
    return { launch };
  }

  private current(): ParsedDocument {
    if (this.parsed?.version !== this.version) this.parsed = { version: this.version, parsed: this.parser.parse(this.text) };
    return this.parsed.parsed;
  }

  private scheduleAnalysis(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.defer(() => {
      this.scheduled = false;
      this.analyzeNow();
    });
  }

  private analyzeNow(): void {
    if (this.version < 0 || this.analyzedVersion === this.version) return;
    if (!canAnalyze(this.dialect)) {
      // The dialect's schema validator loads on first need (a page's first screen goes without it).
      void loadValidator(this.dialect).then(() => this.scheduleAnalysis());
      return;
    }
    this.analyzedVersion = this.version;
    const parsed = this.current();
    if (parsed.ok) {
      const shared = shareStructure(this.base, parsed.value);
      this.emit({ type: 'value', version: this.version, delta: encodeDelta(this.base, shared) });
      this.base = shared;
    }
    const { value: _value, ...rest } = analysisOf(this.version, parsed, this.dialect, this.project);
    this.diagnostics = rest.diagnostics;
    this.emit({ type: 'analysis', result: rest.ok ? { ...rest, preview: this.previewDelta(parsed), ...this.launchOf(parsed) } : rest });
  }

  private outlineOf(parsed: ParsedDocument): OutlineItem[] {
    if (this.outline?.version !== this.version) this.outline = { version: this.version, items: outlineOf(this.dialect, parsed) };
    return this.outline.items;
  }

  private foldingOf(parsed: ParsedDocument, limit = Infinity): FoldingRange[] {
    if (this.folding?.version !== this.version || this.folding.limit !== limit) this.folding = { version: this.version, limit, ranges: foldingRanges(parsed, limit) };
    return this.folding.ranges;
  }

  /** Rename, or count the uses of, the symbol a form's name field defines. */
  private byDefinition(parsed: ParsedDocument, query: Extract<Query, { kind: 'renameAt' | 'usesOf' }>): unknown {
    if (query.kind === 'usesOf') return usesOfDefinition(this.dialect, parsed, query.path);
    const symbol = parsed.ok ? symbolDefinedAt(this.dialect, parsed, query.path) : undefined;
    if (!symbol) throw new Error('This value names nothing that is used elsewhere');
    return renameSymbol(this.dialect, parsed, symbol, query.to);
  }

  private answer(id: number, version: number, query: Query): void {
    if (version !== this.version) {
      this.emit({ type: 'answer', id, version: this.version, error: `stale: the document is at version ${this.version}` });
      return;
    }
    try {
      const parsed = this.current();
      let result: unknown;
      if (query.kind === 'edit') result = planEdit(parsed, query.intent, { version: this.dialect.yaml.version });
      else if (query.kind === 'pathAt') result = pathAtOffset(parsed.doc, query.offset);
      else if (query.kind === 'rangeOf') result = rangeOfPath(parsed.doc, query.path, query.part ?? 'value');
      else if (query.kind === 'complete') result = complete(this.dialect, this.text, query.offset, { parser: this.assistParser, parsed });
      else if (query.kind === 'hover') result = hover(this.dialect, this.text, query.offset, { parsed }) ?? null;
      else if (query.kind === 'navigate') result = navigateAt(this.dialect, parsed, query.offset);
      else if (query.kind === 'prepareRename') result = prepareRename(this.dialect, parsed, query.offset);
      else if (query.kind === 'rename') result = planRename(this.dialect, parsed, query.offset, query.to);
      else if (query.kind === 'renameAt' || query.kind === 'usesOf') result = this.byDefinition(parsed, query);
      else if (query.kind === 'outline') result = this.outlineOf(parsed);
      else if (query.kind === 'folding') result = this.foldingOf(parsed, query.limit);
      else if (query.kind === 'breadcrumb') result = breadcrumbOf(this.dialect, parsed, query.offset);
      else {
        this.analyzeNow();
        result = quickFixesAt(this.dialect, parsed, query.offset, this.diagnostics);
      }
      this.emit({ type: 'answer', id, version, result });
    } catch (e) {
      this.emit({ type: 'answer', id, version, error: e instanceof Error ? e.message : String(e) });
    }
    // A query parsed the current text anyway: analyse now rather than parse again later.
    this.analyzeNow();
  }
}
