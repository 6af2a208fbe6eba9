/**
 * What the person types into the command preview (PreviewInputs), changed one action at a time.
 * Each function returns new inputs, or the same object when the action changes nothing (then
 * the store sends nothing to the service). Also which units are open, and the preview as shown.
 */
import type { Path } from '../core/contracts/path';
import type { Dialect } from '../core/contracts/dialect';
import type { ParsedDocument } from '../core/contracts/document';
import type { FoldedStep, FoldedUnits, PreviewInputs, PreviewValue, ShownPreview, StepPreview } from '../core/contracts/preview';

/** `record` with `key` set to `value`, or without it when `value` is undefined (back to the default). */
function withEntry<T>(record: Record<string, T> | undefined, key: string, value: T | undefined): Record<string, T> {
  const next = { ...record };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** A step's parameter typed into the preview; undefined goes back to the default. */
export function withParameterValue(inputs: PreviewInputs, step: string, param: string, value: PreviewValue | undefined): PreviewInputs {
  return { ...inputs, values: { ...inputs.values, [step]: withEntry(inputs.values[step], param, value) } };
}

/** A step's environment variable typed into the preview; undefined goes back to the default. */
export function withEnvValue(inputs: PreviewInputs, step: string, name: string, value: string | undefined): PreviewInputs {
  return { ...inputs, env: { ...inputs.env, [step]: withEntry(inputs.env[step], name, value) } };
}

/** A step's typed parameters and variables all back to their defaults. */
export function withStepReset(inputs: PreviewInputs, step: string): PreviewInputs {
  const { [step]: _v, ...values } = inputs.values;
  const { [step]: _e, ...env } = inputs.env;
  return { ...inputs, values, env };
}

/** The override lines typed into a unit's preview. */
export function withOverrides(inputs: PreviewInputs, unit: string, items: string[]): PreviewInputs {
  return { ...inputs, overrides: { ...inputs.overrides, [unit]: items } };
}

/** One more press of a unit's action (e.g. "Resample"). */
export function withActionPressed(inputs: PreviewInputs, unit: string, action: string): PreviewInputs {
  const forUnit = inputs.actions?.[unit];
  return { ...inputs, actions: { ...inputs.actions, [unit]: { ...forUnit, [action]: (forUnit?.[action] ?? 0) + 1 } } };
}

/** What is selected outside the text (a graph node), by its path; null clears it. */
export function withFocus(inputs: PreviewInputs, path: Path | null): PreviewInputs {
  const { focus, ...rest } = inputs;
  if (path === null ? focus === undefined : JSON.stringify(focus) === JSON.stringify(path)) return inputs;
  return path === null ? rest : { ...rest, focus: path };
}

/** The launch chosen in the preview (undefined: none), starting with no row or values. */
export function withLaunch(inputs: PreviewInputs, id: string | undefined): PreviewInputs {
  const { launch, ...rest } = inputs;
  if (id === launch?.id) return inputs;
  return id === undefined ? rest : { ...rest, launch: { id } };
}

/** A row of the chosen launch's table selected. */
export function withLaunchRow(inputs: PreviewInputs, row: number): PreviewInputs {
  if (!inputs.launch || inputs.launch.row === row) return inputs;
  return { ...inputs, launch: { ...inputs.launch, row } };
}

/** A launch parameter typed in; undefined goes back to the default. */
export function withLaunchValue(inputs: PreviewInputs, param: string, value: PreviewValue | undefined): PreviewInputs {
  if (!inputs.launch) return inputs;
  return { ...inputs, launch: { ...inputs.launch, values: withEntry(inputs.launch.values, param, value) } };
}

/** Units are open by default while the preview has at most this many (a long file opens folded). */
export const OPEN_BY_DEFAULT = 12;

/** Whether the unit `name` of a preview of `count` units is open: as the person left it, else by the count. */
export function unitOpen(inputs: PreviewInputs, name: string, count: number): boolean {
  return inputs.open?.[name] ?? count <= OPEN_BY_DEFAULT;
}

/** A unit opened or folded by the person. */
export function withUnitOpen(inputs: PreviewInputs, name: string, open: boolean): PreviewInputs {
  if (inputs.open?.[name] === open) return inputs;
  return { ...inputs, open: { ...inputs.open, [name]: open } };
}

/** The units a dialect's preview may leave folded (their details are then not even made). */
const foldedBy =
  (inputs: PreviewInputs): FoldedUnits =>
  (name, count) =>
    !unitOpen(inputs, name, count);

/**
 * The preview as shown: the folded units by name only. A 6,250-step file's preview is then a list
 * of names between the threads and in the page, and a unit's details come when it is opened.
 */
export function foldPreview(steps: readonly (StepPreview | FoldedStep)[], inputs: PreviewInputs): (StepPreview | FoldedStep)[] {
  return steps.map((s) => ('folded' in s || unitOpen(inputs, s.name, steps.length) ? s : { name: s.name, path: s.path, folded: true }));
}

/**
 * The dialect's command preview of a text as the page shows it (null when there is none): the
 * units the person has not opened folded, and not even made where the dialect can skip them.
 */
export function shownPreview(dialect: Dialect, parsed: ParsedDocument, inputs: PreviewInputs, fileName: string | undefined): ShownPreview | null {
  if (!dialect.preview || !parsed.ok) return null;
  return { steps: foldPreview(dialect.preview(parsed, { ...inputs, fileName }, foldedBy(inputs)).steps, inputs) };
}
