/**
 * cxflow → emloop: emloop is cxflow's successor (Cognexa's cxflow was renamed emloop), and its
 * packages were renamed with it — `cxflow` is `emloop`, `cxflow_tensorflow` is
 * `emloop_tensorflow`, and so on. A config written for cxflow names modules that emloop does not
 * have; this says what the emloop name is, and whether we know that name to exist (a catalogued
 * hook, or one of the classes emloop and emloop-tensorflow ship for the model section).
 *
 * Usage: `cxflowRename('cxflow_tensorflow.BaseModel', 'class')`
 *   → { prefix: 'cxflow_tensorflow', renamed: 'emloop_tensorflow.BaseModel', target: 'emloop_tensorflow.BaseModel' }
 */
import { configName, findHook, TENSORFLOW_HOOKS } from './hooks';

/** Classes a config names in `class:` that emloop (0.2) and emloop-tensorflow ship (the hook catalogue's model facts). */
const KNOWN_CLASSES = new Set(['emloop_tensorflow.BaseModel', 'emloop.models.Ensemble', 'emloop.models.Sequence']);

export interface CxflowRename {
  /** The cxflow package the name starts with (`cxflow`, `cxflow_tensorflow`, ...). */
  prefix: string;
  /** The same name with the package renamed (`cxflow` → `emloop` at its start). */
  renamed: string;
  /** The name to write when we know what it is in emloop; undefined when we do not. */
  target?: string;
}

/** The package (first dotted component) of a cxflow module path, or undefined for any other name. */
function cxflowPackage(name: string): string | undefined {
  const first = name.split('.')[0];
  return /^cxflow(_[A-Za-z0-9_]+)?$/.test(first) && name.includes('.') ? first : undefined;
}

/**
 * What a `cxflow*` name is in emloop: a hook name (`kind` 'hook') or a `class:` value. The target
 * is the renamed name when emloop has it; for a hook that emloop-tensorflow keeps in its `hooks`
 * module (`cxflow_tensorflow.DecayLR`), the name it has there.
 */
export function cxflowRename(name: string, kind: 'hook' | 'class'): CxflowRename | undefined {
  const prefix = cxflowPackage(name);
  if (!prefix) return undefined;
  const renamed = `emloop${name.slice('cxflow'.length)}`;
  if (kind === 'class') return { prefix, renamed, target: KNOWN_CLASSES.has(renamed) ? renamed : undefined };
  if (findHook(renamed)) return { prefix, renamed, target: renamed };
  const dot = renamed.lastIndexOf('.');
  if (renamed.slice(0, dot) === 'emloop_tensorflow') {
    const tf = TENSORFLOW_HOOKS.find((h) => h.name === renamed.slice(dot + 1));
    if (tf) return { prefix, renamed, target: configName(tf) };
  }
  return { prefix, renamed };
}
