/**
 * The definitions of a valohai.yaml as the platform sees them: each top-level item's kind is
 * the first kind key it has, names are unique per kind, and a repeated name replaces the
 * earlier definition (whose findings then never show, as on the platform).
 */
import { suggest } from '../../schema/didYouMean';
import type { Path } from '../../contracts/path';
import { isMapping } from '../../guards';
import { nameOf, type LintContext, type Obj } from './context';
import { pyRepr } from './python/values';

/** In the platform's order: an item with both `step` and `task` is a step. */
export const KINDS = ['step', 'task', 'endpoint', 'pipeline', 'blueprint', 'deployment'] as const;
export type Kind = (typeof KINDS)[number];

export interface Definition {
  kind: Kind;
  name: string;
  /** Path of the definition's mapping, e.g. `[3, 'step']`. */
  path: Path;
  data: Obj;
}

export interface Model {
  steps: Map<string, Definition>;
  tasks: Map<string, Definition>;
  endpoints: Map<string, Definition>;
  /** Pipelines and blueprints share one set of names. */
  pipelines: Map<string, Definition>;
  deployments: Map<string, Definition>;
}

/** Read the top-level list into a model, warning about repeated names and items of no kind. */
export function buildModel(ctx: LintContext, value: unknown): Model {
  const model: Model = { steps: new Map(), tasks: new Map(), endpoints: new Map(), pipelines: new Map(), deployments: new Map() };
  const table: Record<Kind, Map<string, Definition>> = {
    step: model.steps,
    task: model.tasks,
    endpoint: model.endpoints,
    pipeline: model.pipelines,
    blueprint: model.pipelines,
    deployment: model.deployments,
  };
  if (!Array.isArray(value)) return model;
  value.forEach((item, index) => {
    if (!isMapping(item)) return;
    const kind = KINDS.find((k) => k in item);
    if (!kind) {
      ctx.warning([index], `No parser for ${pyRepr(ctx.py([index]))}`, 'object');
      for (const key of Object.keys(item)) {
        const meant = suggest(key, KINDS);
        if (meant) ctx.info([index, key], `Valohai ignores this item: did you mean "${meant}"?`, 'key');
      }
      return;
    }
    const data = item[kind];
    const path: Path = [index, kind];
    // Without a mapping and a name the platform cannot build the definition; the schema says why.
    if (!isMapping(data)) return;
    const name = nameOf(ctx, [...path, 'name'], data.name);
    if (name === undefined) return;
    const names = table[kind];
    if (names.has(name)) ctx.warning([...path, 'name'], `Duplicate ${kind} name: ${name}.`);
    names.set(name, { kind, name, path, data });
  });
  return model;
}
