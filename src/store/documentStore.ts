/**
 * The one document store: text is the truth, everything else is derived from it.
 * Framework-free (zustand/vanilla); React binds to it through `./react.ts`.
 *
 * Every change enters as text edits tagged with an origin and is forwarded, as the same edits,
 * to the document service (a worker), which parses, lints and answers position questions.
 * Views never re-set the whole text: they replay `lastEdits`.
 *
 * Its parts that need no store live beside it: the first analysis before the service answers
 * (firstAnalysis.ts), the preview's typed inputs (previewInputs.ts), and where the graph's boxes
 * are (graphLayout.ts).
 */
import { createStore } from 'zustand/vanilla';
import { NO_PREVIEW_INPUTS, type PreviewInputs, type PreviewValue, type ShownPreview } from '../core/contracts/preview';
import type { LaunchModel } from '../core/contracts/launch';
import type { Dialect } from '../core/contracts/dialect';
import type { EditIntent, EditPlan } from '../core/document/edit';
import { applyTextEdits } from '../core/document/textEdits';
import type { EditOrigin, IntentOrigin, TextEdit } from '../core/contracts/change';
import type { Path } from '../core/contracts/path';
import type { ProjectSnapshot } from '../core/contracts/project';
import { inlineConnection, type ServiceConnection } from './connection';
import type { AnalysisResult, Query, QueryAnswers, ServiceResponse } from './service';
import { shareStructure } from './structuralSharing';
import { decodeDelta, type Delta } from './valueDelta';
import { StringPool } from '../core/document/stringPool';
import { withBoxesPlaced, withBoxRenamed, withPipelineLayout, type BoxPositions, type GraphLayout } from './graphLayout';
import { withActionPressed, withEnvValue, withFocus, withLaunch, withLaunchRow, withLaunchValue, withOverrides, withParameterValue, withStepReset, withUnitOpen } from './previewInputs';
import { afterPaint, analyseInline, INLINE_ANALYSIS_LIMIT, unchecked, type FirstAnalysis } from './firstAnalysis';
import { canAnalyze, loadValidator } from '../core/lint';

export interface DocumentState {
  text: string;
  /** Bumped on every change; derived data records the version it was computed from. */
  version: number;
  origin: EditOrigin;
  /** The edits of the last change, relative to the text before it. */
  lastEdits: readonly TextEdit[];
  /** Consecutive changes with the same group (e.g. typing in one form field) undo as one step. */
  editGroup: string | null;
  fileName: string;
  dialectId: string;
  /** How the dialect was chosen: detected from the file's name and content, or picked by the person. */
  dialectChoice: 'detected' | 'chosen';
  /** The latest finished analysis; `analysis.version < version` while a newer one is pending. */
  analysis: AnalysisResult;
  /** The latest analysis of text that parsed: what the form shows (read-only) while the YAML is broken. */
  lastGood: AnalysisResult;
  /**
   * The newest parse outcome, ahead of `analysis` (the service sends a text's value before it
   * checks it): `ok` whether that text parsed, `value` its value, else the last good one.
   */
  current: { version: number; ok: boolean; value: unknown };
  /** A message for the user about the last file operation (e.g. a binary file refused). */
  notice: string | null;
  /** A request to move the editor's cursor to an offset and focus it (a new object each time). */
  reveal: { offset: number; focus?: boolean } | null;
  /** A range of the text to show highlighted in the editor without moving its cursor (the focused form field). */
  highlight: { range: [number, number] } | null;
  /** The value path at the editor's cursor, for the form to highlight. */
  cursorPath: Path | null;
  /** The editor's cursor offset (kept with the document: a restored session puts it back). */
  cursor: number;
  /**
   * The command preview of the last well-formed text with the values typed into it (null when
   * the dialect has none). Steps that did not change keep their identity.
   */
  preview: ShownPreview | null;
  /** What the document can launch and the chosen launch (null when the dialect has no launches or the text never parsed). */
  launch: LaunchModel | null;
  /**
   * What the person typed into the preview, by step and parameter / variable name; absent = the
   * default. Kept across edits of the text: a value applies again while its parameter exists.
   */
  previewInputs: PreviewInputs;
  /** The code beside the document (a folder is open), which the checks read; null otherwise. */
  project: ProjectSnapshot | null;
  /** Where the pipeline graph's boxes are, kept with the document (a reload draws them there again). */
  graphLayout: GraphLayout;
}

export interface EditorCommands {
  undo(): void;
  redo(): void;
}

export interface DocumentActions {
  applyEdits(edits: readonly TextEdit[], origin: EditOrigin, group?: string): void;
  /** Replace the whole document, e.g. when a file is opened (a new undo history). */
  load(text: string, fileName: string, dialect: Dialect): void;
  /** Read the same text as another dialect (the person's choice): everything is re-checked, nothing in the text changes. */
  setDialect(dialect: Dialect): void;
  /** The document got another file name (saved under a new name): commands in the preview name it. */
  rename(fileName: string): void;
  /** The code beside the document was read (or is gone): it is checked again, its text unchanged. */
  setProject(project: ProjectSnapshot | null): void;
  setNotice(notice: string | null): void;
  revealAt(offset: number): void;
  /** Stop the document's service: the document was closed. */
  dispose(): void;
  /** Resolves once the analysis has caught up with the current text. */
  settled(): Promise<AnalysisResult>;
  /** Ask the document service about the current text. Rejects when the text changed before it answered. */
  query<K extends Query['kind']>(query: Extract<Query, { kind: K }>): Promise<QueryAnswers[K]>;
  /**
   * One person's action from the form or the graph as one intent: planned by the service as the
   * smallest text edit and applied with that origin (one undo step; edits with the same `group`
   * in a row, such as typing in one field, merge into one). Re-planned if the text changed
   * meanwhile; resolves with the plan and the version it produced.
   */
  applyIntent(intent: EditIntent, origin: IntentOrigin, group?: string): Promise<{ plan: EditPlan; version: number }>;
  /**
   * Rename the name the value at `path` defines (a form's name field) and every use of it, as one
   * change and one undo step. Rejects with the reason when the name is refused; nothing changes then.
   */
  renameDefinition(path: Path, to: string): Promise<void>;
  /** The editor's cursor moved: find the value path there, for the form. */
  cursorMoved(offset: number): void;
  /** A form field got focus: highlight its text in the editor, and have the service ready to plan an edit of it. */
  focusPath(path: Path | null): void;
  /** Undo/redo go to the editor's model, whichever view asked: one history. */
  undo(): void;
  redo(): void;
  registerEditorCommands(commands: EditorCommands | null): void;
  /** Type a value into a step's preview form; undefined goes back to the default. */
  setPreviewValue(step: string, param: string, value: PreviewValue | undefined): void;
  /** Set an environment variable of a step's preview; undefined goes back to the default. */
  setEnvValue(step: string, name: string, value: string | undefined): void;
  /** Every parameter and variable of the step back to its default. */
  resetPreview(step: string): void;
  /** The override lines typed into a unit's preview (see StepPreview.overrides). */
  setOverrides(unit: string, items: string[]): void;
  /** Press one of a unit's preview actions (e.g. "Resample"). */
  pressAction(unit: string, action: string): void;
  /** Open or fold a unit of the preview (a folded unit's details are not made; see foldPreview). */
  setUnitOpen(unit: string, open: boolean): void;
  /**
   * Show a definition: the editor's cursor on it, the form's field highlighted. `at: 'name'`
   * (the default) puts the cursor on its `name` (a parameter, a node), `'self'` on the value
   * itself (an edge); `focus: false` leaves the keyboard where it is (the graph keeps it).
   */
  revealPath(path: Path, options?: { at?: 'name' | 'self'; focus?: boolean }): void;
  /** What the person selected outside the text (a graph node), for the preview (PreviewInputs.focus); null clears it. */
  setFocus(path: Path | null): void;
  /**
   * Choose a launch to preview (a task, a pipeline, a search; undefined = none), select a row of
   * its table, or type a value of its own parameters (undefined goes back to the default).
   */
  chooseLaunch(id: string | undefined): void;
  /** A launch may be chosen soon (the choice has the focus): its expansion runs in a worker, started now. */
  expectLaunch(): void;
  selectLaunchRow(row: number): void;
  setLaunchValue(param: string, value: PreviewValue | undefined): void;
  /**
   * Keep where a pipeline's boxes are (undefined forgets them: the next drawing lays it out
   * afresh); pipelines not named in `pipelines` (gone from the document) are forgotten too.
   */
  setGraphLayout(pipeline: string, positions: BoxPositions | undefined, pipelines: readonly string[]): void;
  /**
   * Where all of a pipeline's boxes are now. A box the pipeline no longer has keeps its place for
   * a while (the last REMEMBERED_GONE of them): undoing its deletion puts it back where it was.
   * Pipelines not named in `pipelines` are forgotten, as with setGraphLayout.
   */
  placeGraphBoxes(pipeline: string, positions: BoxPositions, pipelines: readonly string[]): void;
  /** A renamed box keeps its place under its new name (and its old name keeps it too, for an undo). */
  renameGraphBox(pipeline: string, from: string, to: string, pipelines: readonly string[]): void;
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;

export interface StoreOptions {
  text: string;
  fileName: string;
  dialect: Dialect;
  connection?: ServiceConnection;
  /** How the dialect was chosen (a restored document keeps the person's choice). */
  dialectChoice?: 'detected' | 'chosen';
  cursor?: number;
  previewInputs?: PreviewInputs;
  graphLayout?: GraphLayout;
  /** Where the first analysis comes from (see FirstAnalysis); 'now' unless said. */
  firstAnalysis?: FirstAnalysis;
}

class StaleQuery extends Error {}

export function createDocumentStore({
  text,
  fileName,
  dialect,
  connection = inlineConnection(),
  dialectChoice = 'detected',
  cursor = 0,
  previewInputs = NO_PREVIEW_INPUTS,
  graphLayout = {},
  firstAnalysis = 'now',
}: StoreOptions) {
  let nextQueryId = 1;
  const pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  let waiters: ((r: AnalysisResult) => void)[] = [];
  let commands: EditorCommands | null = null;
  let cursorQuery = 0;
  let focusQuery = 0;

  // A small document is analysed on this thread too, so the page shows its state without waiting
  // for the service (see firstAnalysis); a big one only in the service (parsing megabytes here
  // would freeze the page), shown as "checking" meanwhile.
  const inline = text.length <= INLINE_ANALYSIS_LIMIT && firstAnalysis !== 'service';
  // Fetched and compiled beside the page's first render, for the first analysis after it.
  if (inline) void loadValidator(dialect);
  const analyseHere = () => analyseInline(text, fileName, dialect, previewInputs);
  // Until the dialect's schema validator has loaded (a page just opened), the service answers first.
  const here = inline && firstAnalysis === 'now' && canAnalyze(dialect) ? analyseHere() : { analysis: unchecked(dialect), preview: null, launch: null };
  const first = here.analysis;

  /** One copy of each string the value and the preview repeat (see StringPool). */
  const strings = new StringPool();
  const store = createStore<DocumentState & DocumentActions>()((set, get) => {
    /** Every preview delta is decoded, in order: the service's next one refers to this result. */
    const applyPreview = (delta: Delta) => {
      const previous = get().preview;
      // Shared with the previous steps: a step sent again (the first message is whole) that equals its old self keeps its identity.
      const steps = shareStructure(previous?.steps ?? null, decodeDelta(previous?.steps ?? null, delta, strings) as ShownPreview['steps'] | null);
      if (steps === null) {
        if (previous !== null) set({ preview: null });
      } else if (!previous || steps.length !== previous.steps.length || steps.some((s, i) => s !== previous.steps[i])) {
        set({ preview: { steps } });
      }
    };
    const layOut = (next: GraphLayout) => {
      if (next !== get().graphLayout) set({ graphLayout: next });
    };
    /** New preview inputs to the store and the service (nothing when an action changed nothing). */
    const sendInputs = (inputs: PreviewInputs) => {
      if (inputs === get().previewInputs) return;
      set({ previewInputs: inputs });
      connection.send({ type: 'previewInputs', inputs });
    };
    const onResponse = (r: ServiceResponse) => {
      if (r.type === 'preview') {
        applyPreview(r.preview);
        if (r.launch !== undefined) set({ launch: r.launch });
      } else if (r.type === 'value') {
        // Every value delta is decoded, in order: the service's next one refers to this value.
        const base = get().current;
        const value = shareStructure(base.value, decodeDelta(base.value, r.delta, strings));
        set({ current: { version: r.version, ok: true, value } });
      } else if (r.type === 'analysis') {
        if (r.result.preview) applyPreview(r.result.preview);
        if (r.result.launch !== undefined) set({ launch: r.result.launch });
        const { analysis, current, version } = get();
        // The same version may be analysed again (the project checks loaded meanwhile): the later one counts.
        if (r.result.version < analysis.version) return;
        const { preview: _preview, launch: _launch, ...rest } = r.result;
        const result: AnalysisResult = { ...rest, value: rest.ok ? current.value : undefined };
        if (result.ok) set({ analysis: result, lastGood: result });
        else set({ analysis: result, current: { version: result.version, ok: false, value: current.value } });
        if (result.version === version) {
          const ready = waiters;
          waiters = [];
          ready.forEach((w) => w(result));
        }
      } else if (r.type === 'answer') {
        const p = pending.get(r.id);
        pending.delete(r.id);
        if (!p) return;
        if (r.error === undefined) p.resolve(r.result);
        else p.reject(r.error.startsWith('stale') ? new StaleQuery(r.error) : new Error(r.error));
      } else {
        const s = get();
        // The service starts over; its next value is sent whole.
        connection.send({ type: 'reset', version: s.version, text: s.text, dialectId: s.dialectId, fileName: s.fileName, project: s.project });
      }
    };
    connection.listen(onResponse);
    connection.send({ type: 'reset', version: 0, text, dialectId: dialect.id, fileName });
    if (previewInputs !== NO_PREVIEW_INPUTS) connection.send({ type: 'previewInputs', inputs: previewInputs });

    let disposed = false;
    if (inline && firstAnalysis === 'after-paint') {
      afterPaint(() => {
        // Only while nothing newer is known: the service answered first, or the text changed.
        if (disposed || get().version !== 0 || get().analysis.version >= 0 || !canAnalyze(dialect)) return;
        const { analysis, preview, launch } = analyseHere();
        const value = get().current.value ?? analysis.value;
        set({
          analysis: { ...analysis, value: analysis.ok ? value : undefined },
          lastGood: analysis.ok ? { ...analysis, value } : get().lastGood,
          current: { version: 0, ok: analysis.ok, value },
          ...(get().preview === null ? { preview } : {}),
          ...(get().launch === null ? { launch } : {}),
        });
      });
    }
    const query = <K extends Query['kind']>(q: Extract<Query, { kind: K }>): Promise<QueryAnswers[K]> =>
      new Promise((resolve, reject) => {
        if (disposed) {
          reject(new Error('the document was closed'));
          return;
        }
        const id = nextQueryId++;
        pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
        connection.send({ type: 'query', id, version: get().version, query: q });
      });

    return {
      text,
      version: 0,
      origin: 'init',
      lastEdits: [],
      editGroup: null,
      fileName,
      dialectId: dialect.id,
      dialectChoice,
      analysis: first,
      lastGood: first,
      current: { version: 0, ok: first.ok, value: first.value },
      notice: null,
      reveal: null,
      highlight: null,
      cursorPath: null,
      cursor,
      preview: here.preview,
      launch: here.launch,
      previewInputs,
      project: null,
      graphLayout,
      applyEdits(edits, origin, group) {
        if (edits.length === 0) return;
        const next = applyTextEdits(get().text, edits);
        const version = get().version + 1;
        set({ text: next, version, origin, lastEdits: edits, editGroup: group ?? null });
        connection.send({ type: 'edits', version, edits, origin });
      },
      load(next, name, d) {
        const whole = { offset: 0, length: get().text.length, insert: next };
        const version = get().version + 1;
        set({ text: next, fileName: name, dialectId: d.id, dialectChoice: 'detected', version, origin: 'file', lastEdits: [whole], editGroup: null, notice: null, highlight: null, cursorPath: null, graphLayout: {} });
        connection.send({ type: 'reset', version, text: next, dialectId: d.id, fileName: name });
      },
      setDialect(d) {
        const { text: same, version: v } = get();
        const version = v + 1;
        set({ dialectId: d.id, dialectChoice: 'chosen', version, origin: 'dialect', lastEdits: [], editGroup: null, cursorPath: null });
        connection.send({ type: 'reset', version, text: same, dialectId: d.id, fileName: get().fileName });
      },
      setProject(project) {
        const version = get().version + 1;
        set({ project, version, origin: 'project', lastEdits: [], editGroup: null });
        connection.send({ type: 'project', version, project });
      },
      rename(name) {
        const { text: same, version: v, dialectId } = get();
        const version = v + 1;
        set({ fileName: name, version, origin: 'rename', lastEdits: [], editGroup: null });
        connection.send({ type: 'reset', version, text: same, dialectId, fileName: name });
      },
      setNotice(notice) {
        set({ notice });
      },
      dispose() {
        disposed = true;
        connection.close();
        for (const p of pending.values()) p.reject(new StaleQuery('the document was closed'));
        pending.clear();
      },
      revealAt(offset) {
        set({ reveal: { offset } });
      },
      settled() {
        const { analysis, version } = get();
        if (analysis.version === version) return Promise.resolve(analysis);
        return new Promise((resolve) => waiters.push(resolve));
      },
      query,
      async applyIntent(intent, origin, group) {
        for (let attempt = 0; ; attempt++) {
          const version = get().version;
          try {
            const plan = await query<'edit'>({ kind: 'edit', intent });
            if (get().version !== version) throw new StaleQuery('changed while planning');
            get().applyEdits(plan.edits, origin, group);
            return { plan, version: get().version };
          } catch (e) {
            if (!(e instanceof StaleQuery) || attempt >= 5) throw e;
          }
        }
      },
      async renameDefinition(path, to) {
        for (let attempt = 0; ; attempt++) {
          const version = get().version;
          try {
            const plan = await query<'renameAt'>({ kind: 'renameAt', path, to });
            if (get().version !== version) throw new StaleQuery('changed while planning');
            get().applyEdits(plan.edits, 'form');
            return;
          } catch (e) {
            if (!(e instanceof StaleQuery) || attempt >= 5) throw e;
          }
        }
      },
      cursorMoved(offset) {
        set({ cursor: offset });
        const id = ++cursorQuery;
        query<'pathAt'>({ kind: 'pathAt', offset }).then(
          (path) => {
            if (id === cursorQuery) set({ cursorPath: path });
          },
          () => {},
        );
      },
      focusPath(path) {
        const id = ++focusQuery;
        if (!path) {
          set({ highlight: null });
          return;
        }
        query<'rangeOf'>({ kind: 'rangeOf', path, part: 'value' }).then(
          (range) => {
            if (id === focusQuery) set({ highlight: { range } });
          },
          () => {},
        );
        // Typing into the field may come next.
        connection.send({ type: 'expectEdit', version: get().version, path });
      },
      undo() {
        commands?.undo();
      },
      redo() {
        commands?.redo();
      },
      registerEditorCommands(c) {
        commands = c;
      },
      setPreviewValue(step, param, value) {
        sendInputs(withParameterValue(get().previewInputs, step, param, value));
      },
      setEnvValue(step, name, value) {
        sendInputs(withEnvValue(get().previewInputs, step, name, value));
      },
      resetPreview(step) {
        sendInputs(withStepReset(get().previewInputs, step));
      },
      setOverrides(unit, items) {
        sendInputs(withOverrides(get().previewInputs, unit, items));
      },
      setUnitOpen(unit, open) {
        sendInputs(withUnitOpen(get().previewInputs, unit, open));
      },
      setFocus(path) {
        sendInputs(withFocus(get().previewInputs, path));
      },
      chooseLaunch(id) {
        sendInputs(withLaunch(get().previewInputs, id));
      },
      expectLaunch() {
        connection.prepare?.();
      },
      selectLaunchRow(row) {
        sendInputs(withLaunchRow(get().previewInputs, row));
      },
      setLaunchValue(param, value) {
        sendInputs(withLaunchValue(get().previewInputs, param, value));
      },
      pressAction(unit, action) {
        sendInputs(withActionPressed(get().previewInputs, unit, action));
      },
      setGraphLayout(pipeline, positions, pipelines) {
        layOut(withPipelineLayout(get().graphLayout, pipeline, positions, pipelines));
      },
      placeGraphBoxes(pipeline, positions, pipelines) {
        layOut(withBoxesPlaced(get().graphLayout, pipeline, positions, pipelines));
      },
      renameGraphBox(pipeline, from, to, pipelines) {
        layOut(withBoxRenamed(get().graphLayout, pipeline, from, to, pipelines));
      },
      revealPath(path, { at: part = 'name', focus = true } = {}) {
        // The cursor goes on the definition's name: the form opens its group and highlights the field.
        const at = part === 'name' ? [...path, 'name'] : path;
        // An answer still on its way for an earlier cursor place must not overwrite this one.
        cursorQuery++;
        set({ cursorPath: at });
        query<'rangeOf'>({ kind: 'rangeOf', path: at, part: 'value' }).then(
          (range) => set({ reveal: { offset: range[0], focus } }),
          () => {},
        );
      },
    };
  });
  return store;
}
