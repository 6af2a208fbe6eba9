/**
 * Where the pipeline graph's boxes are, kept with the document by pipeline name then node id.
 * Each function returns a new layout; none changes one in place.
 */

/** Box positions by pipeline name, then node id. */
export type GraphLayout = Readonly<Record<string, BoxPositions>>;
/** One pipeline's box positions by node id. */
export type BoxPositions = Readonly<Record<string, { x: number; y: number }>>;

/** How many boxes no longer in a pipeline keep their place (for an undo, or a name typed back). */
const REMEMBERED_GONE = 100;

/** One pipeline's places replaced (undefined: forgotten); pipelines not in `pipelines` are forgotten. */
export function withPipelineLayout(layout: GraphLayout, pipeline: string, positions: BoxPositions | undefined, pipelines: readonly string[]): GraphLayout {
  const next: Record<string, BoxPositions> = {};
  for (const [name, at] of Object.entries(layout)) if (name !== pipeline && pipelines.includes(name)) next[name] = at;
  if (positions) next[pipeline] = positions;
  return next;
}

/** Boxes placed; those of the pipeline not among them keep their places (the last REMEMBERED_GONE). */
export function withBoxesPlaced(layout: GraphLayout, pipeline: string, positions: BoxPositions, pipelines: readonly string[]): GraphLayout {
  const gone = Object.entries(layout[pipeline] ?? {}).filter(([id]) => !Object.hasOwn(positions, id));
  return withPipelineLayout(layout, pipeline, Object.fromEntries([...gone.slice(-REMEMBERED_GONE), ...Object.entries(positions)]), pipelines);
}

/** A renamed box keeps its place under its new name (and its old name keeps it too, for an undo). */
export function withBoxRenamed(layout: GraphLayout, pipeline: string, from: string, to: string, pipelines: readonly string[]): GraphLayout {
  const at = layout[pipeline];
  if (!at || !Object.hasOwn(at, from)) return layout;
  const { [from]: place, ...others } = at;
  return withBoxesPlaced(layout, pipeline, { ...others, [to]: place }, pipelines);
}
