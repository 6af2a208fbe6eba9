/**
 * The command preview's data, dialect-neutral and plain (structured-cloneable): what a dialect's
 * optional `preview` hook computes from a parsed document and the values a person typed, and
 * what the preview UI shows. Values are display texts; nothing here is a class or a bigint.
 *
 * Usage: `dialect.preview?.(parsed, { values, env })`
 */
import type { Path } from './path';

/** A value typed into the preview's parameter form. */
export type PreviewValue =
  | { kind: 'text'; text: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'list'; items: string[] }
  /** No value (an optional parameter left out). */
  | { kind: 'unset' };

/** What the person changed, by unit (step) name then parameter / variable name; absent = the default. */
export interface PreviewInputs {
  values: Record<string, Record<string, PreviewValue>>;
  env: Record<string, Record<string, string>>;
  /** Override lines typed into a unit's `overrides` list (see StepPreview.overrides), by unit name. */
  overrides?: Record<string, string[]>;
  /** How many times each of a unit's `actions` was pressed, by unit name then action id (e.g. a sampling seed). */
  actions?: Record<string, Record<string, number>>;
  /** The document's file name, for commands that name the file (set by the document service, not typed). */
  fileName?: string;
  /**
   * What the person has selected (e.g. a pipeline node in the graph), by its path; a dialect may
   * add a unit for it first in the preview (e.g. the node's step with the node's overrides).
   */
  focus?: Path;
  /** The launch chosen in the preview (a task, a pipeline, a search), its selected row and typed values. */
  launch?: LaunchSelection;
  /**
   * Units opened (true) or folded (false) in the preview by the person, by name; a unit not named
   * here is open while the preview has at most a dozen (see store/previewInputs.ts `unitOpen`).
   */
  open?: Record<string, boolean>;
}

/** What is chosen in the preview's Launch part (see `./launch.ts`). */
export interface LaunchSelection {
  /** A launch choice's id; undefined = list the choices only. */
  id?: string;
  /** The selected table row (0-based). */
  row?: number;
  /** Typed values of the launch's own parameters (pipeline parameters), by name. */
  values?: Record<string, PreviewValue>;
}

export const NO_PREVIEW_INPUTS: PreviewInputs = { values: {}, env: {} };

export type PreviewControl = 'integer' | 'float' | 'text' | 'flag' | 'choice' | 'list';

export interface PreviewParam {
  name: string;
  /** Where the parameter is defined in the document (to reveal it). */
  path: Path;
  control: PreviewControl;
  /** The parameter's type as written (integer, float, string, flag...). */
  type: string;
  description?: string;
  min?: string;
  max?: string;
  /** For `choice`: the choices as texts (the value of a choice is its text). */
  choices?: string[];
  optional: boolean;
  default: PreviewValue;
  /** The current value: the user's, else the default. */
  value: PreviewValue;
  /** True when the value is the user's. */
  edited: boolean;
  /** The platform's messages for the current value; [] when it is accepted. */
  errors: string[];
}

/** A span of a rendered command item that one parameter produced. */
export interface CommandPiece {
  start: number;
  end: number;
  param: string;
}

export interface PreviewInput {
  name: string;
  directory: string;
  files: { url: string; path: string }[];
  optional: boolean;
  description?: string;
}

export interface PreviewEnv {
  name: string;
  /** The value the execution gets (the user's, else the default); undefined = not set. */
  value: string | undefined;
  default: string | undefined;
  edited: boolean;
  optional: boolean;
  description?: string;
  /** The value looks like a credential: shown masked, and the default is not repeated in help texts. */
  secret?: boolean;
}

/** A line to copy into a shell that starts (or reproduces) what is shown: `vh ...`, `docker run ...`. */
export interface ShellLine {
  /** e.g. `vh`, `docker run`, `det`. */
  label: string;
  text: string;
}

/** A titled text shown with a unit (an effective config, a JSON sample, a second command line). */
export interface PreviewBlock {
  title: string;
  text: string;
  /** Syntax of `text`, for display. */
  language: 'yaml' | 'json' | 'shell' | 'text';
  /** Spans of `text` to mark (offsets, end exclusive), e.g. the keys an override changed; `note` says why. */
  marks?: { start: number; end: number; note: string }[];
}

/**
 * One runnable unit of the document — a valohai step, a Determined experiment, an emloop command —
 * and what running it would do. Fields a dialect has no use for stay empty.
 */
export interface StepPreview {
  name: string;
  path: Path;
  params: PreviewParam[];
  /** One string per command item, as the platform renders them. */
  command: string[];
  /** The items joined into the script the execution runs. */
  script: string;
  /** Per command item, the spans that came from parameters. */
  pieces: CommandPiece[][];
  warnings: string[];
  /** Why the platform could not build the command; then `command` is empty. */
  errors: string[];
  inputs: PreviewInput[];
  env: PreviewEnv[];
  /** Where else the environment comes from (variable groups, project variables), shown with it. */
  envNotes?: string[];
  /** A fact about how the command items run together, shown beside them. */
  commandNote?: string;
  /** The execution's parameters file (JSON), as the platform writes it (valohai). */
  parametersFile?: string;
  /** Short facts shown as a list: `{label: 'Search space', value: '48 trials (grid)'}`. */
  facts?: { label: string; value: string }[];
  /** Further texts to show, in order. */
  blocks?: PreviewBlock[];
  /**
   * An editable list of override lines the unit's command takes (`--config key=value`,
   * `key.path=value`); what was typed comes back in PreviewInputs.overrides[name]. `errors` holds
   * one list of messages per line ([] = accepted).
   */
  overrides?: { label: string; placeholder: string; items: string[]; errors: string[][] };
  /** The lines that start this execution from a shell, and what they cannot express. */
  lines?: ShellLine[];
  lineNotes?: string[];
  /** Buttons the unit offers (e.g. `{id: 'resample', label: 'Resample'}`); presses are counted in PreviewInputs.actions. */
  actions?: { id: string; label: string }[];
}

export interface PreviewModel {
  steps: StepPreview[];
}

/** A unit the preview shows folded: only its name, until it is opened (its details are neither kept nor sent). */
export interface FoldedStep {
  name: string;
  path: Path;
  folded: true;
}

/** What the preview shows: every unit, the folded ones by name only. */
export interface ShownPreview {
  steps: (StepPreview | FoldedStep)[];
}

/** Whether the preview leaves the unit `name` folded, in a preview of `count` units (the app's document service says). */
export type FoldedUnits = (name: string, count: number) => boolean;

/** What `effective` is asked for: a unit (e.g. an eval stream) and command-line override lines. */
export interface EffectiveRequest {
  /** The unit whose own section applies (e.g. emloop's eval stream); undefined = the base run. */
  unit?: string;
  /** Override lines as typed after the command (`key.path=value`). */
  overrides: string[];
}

/** The configuration a run actually uses, and what the request changed in it. */
export interface EffectiveConfig {
  /** Plain JSON data (undefined when errors prevented building it). */
  value: unknown;
  /** Paths whose value the unit's section or an override changed (to mark them). */
  changed: Path[];
  /** Why the platform would refuse the request (a bad override, a missing section), in its own terms. */
  errors: string[];
}

/** What `pipewright render` asks a dialect for: one unit's command, with values and overrides as typed on the command line. */
export interface RenderRequest {
  /** The unit (step) by name; undefined when the document has only one. */
  unit?: string;
  /** `NAME=VALUE` pairs, in order (a repeated name may make a list). */
  params: [string, string][];
  /** Replacement command items (empty = the document's own). */
  commands: string[];
  /** Override lines (`key.path=value`). */
  overrides: string[];
  /** The file's name, for commands that name it. */
  fileName?: string;
}

export interface RenderOutcome {
  /** 0 rendered; 1 the platform would refuse to run it; 2 the request itself is wrong (an unknown unit or parameter). */
  code: 0 | 1 | 2;
  command: string[];
  script: string;
  warnings: string[];
  errors: string[];
  /** Further texts (e.g. an effective config), printed after the script and included in --json. */
  blocks?: PreviewBlock[];
}
