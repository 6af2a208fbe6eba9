/**
 * Determined's names by meaning: the hyperparameters. Each is named by its key under
 * `hyperparameters` (nested ones by their key under the nesting map: `hyperparameters.optimizer.lr`
 * is `lr` in `hyperparameters.optimizer`), and that key is its only place — nothing else in an
 * experiment config names a hyperparameter (the searcher names a metric, never a hyperparameter);
 * the trial reads them from DET_HPARAMS / `get_hparams()` in code the editor does not see.
 *
 * Read from the YAML nodes, so every place is a key written in this text: `<<` merge keys,
 * aliases' contents and keys that are not text (`1:`, `yes:` under YAML 1.1) are skipped, and a
 * key written twice counts once (its first writing, the one a path reaches).
 *
 * Usage: `determinedSymbols(parsed)` → one DocSymbol per hyperparameter, nested ones included.
 */
import { isAlias, isMap, isScalar, type Alias, type Document, type Node, type YAMLMap } from 'yaml';
import { namedPairs } from '../../document/paths';
import type { ParsedDocument } from '../../contracts/document';
import type { Path } from '../../contracts/path';
import type { DocSymbol } from '../../contracts/symbols';

/** One hyperparameter as written: its key, what kind it is, and (for a nesting map) the ones inside. */
export interface HparamEntry {
  name: string;
  /** `['hyperparameters', ..., name]`. */
  path: Path;
  /**
   * The `type` of a search range or constant (`int`, `double`, `log`, `const`, `categorical`, or
   * whatever unknown text it has), `value` for a plain value (a number, a list, null),
   * `nested` for a mapping without `type`.
   */
  kind: string;
  /** The keys of the mapping this one is a key of (its siblings, itself included). */
  siblings: string[];
  children: HparamEntry[];
}


/** Every key of a mapping as the runtime would name it (text or not): what a new name must not repeat. */
function allKeys(map: YAMLMap): string[] {
  return map.items.flatMap((p) => (isScalar(p.key) && typeof p.key.value !== 'symbol' ? [String(p.key.value)] : []));
}

/** The `type` written in a hyperparameter mapping, or undefined when it has none (a nesting map). */
function typeOf(map: YAMLMap): string | undefined {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === 'type');
  if (!pair) return undefined;
  return isScalar(pair.value) && pair.value.value !== null ? String(pair.value.value) : 'value';
}

/** What an alias stands for (undefined when it cannot be resolved). */
function resolved(doc: Document.Parsed, alias: Alias): Node | undefined {
  try {
    return alias.resolve(doc);
  } catch {
    return undefined;
  }
}

function entriesOf(doc: Document.Parsed, map: YAMLMap, at: Path): HparamEntry[] {
  const siblings = allKeys(map);
  return namedPairs(map).map(({ key, pair }) => {
    const path = [...at, key];
    const written = pair.value as Node | null;
    const aliased = isAlias(written);
    const value = aliased ? resolved(doc, written) : written;
    if (!isMap(value)) return { name: key, path, kind: 'value', siblings, children: [] };
    const type = typeOf(value);
    if (type !== undefined) return { name: key, path, kind: type, siblings, children: [] };
    // An alias's keys are written at its anchor, not here: the nesting shows, its insides do not.
    return { name: key, path, kind: 'nested', siblings, children: aliased ? [] : entriesOf(doc, value, path) };
  });
}

/** The hyperparameters as written, in document order, nested ones as children. */
export function hyperparameterTree(parsed: ParsedDocument): HparamEntry[] {
  if (!parsed.ok) return [];
  const root = parsed.doc.contents as Node | null;
  const section = namedPairs(root).find((p) => p.key === 'hyperparameters')?.pair.value;
  return isMap(section) ? entriesOf(parsed.doc, section, ['hyperparameters']) : [];
}

/**
 * Why `to` cannot replace the name of the hyperparameter `entry`, or undefined when it can.
 *
 * - `global_batch_size` (top level) is read by that name: Determined's docs configure the records
 *   of a batch "via the global_batch_size hyperparameter", its Trial APIs (PyTorchTrial,
 *   DeepSpeedTrial, TFKerasTrial) take the batch size from it, and the master's searcher reads
 *   `hparams["global_batch_size"]` (expconf.GlobalBatchSize).
 * - A dot: the master flattens nested hyperparameters to dotted names (`optimizer.lr`,
 *   expconf.FlattenHPs) and splits them at the dots again when it builds a trial's values, so
 *   `a.b` would reach the trial as `{a: {b: ...}}`; nesting is written as keys.
 * - `<<` would become a YAML merge key (Determined reads YAML 1.1, which has them).
 */
function refusal(entry: HparamEntry, to: string): string | undefined {
  if (to.trim() === '') return 'A hyperparameter needs a name';
  if (to === entry.name) return undefined;
  if (entry.path.length === 2 && entry.name === 'global_batch_size') {
    return 'Determined reads `global_batch_size` by this name: it is the number of records in a batch for the Trial APIs (PyTorchTrial, DeepSpeedTrial and TFKerasTrial take the batch size from it) and for the searcher — keep the name (change it by hand only if your own training code reads the batch size)';
  }
  if (to.includes('.')) {
    return `"${to}" contains a dot — Determined joins nested hyperparameter names with dots (optimizer.lr) and splits them at the dots again when it hands a trial its values, so "${to}" would arrive as nested hyperparameters; write nesting as keys instead`;
  }
  if (to === '<<') return '"<<" is YAML\'s merge key — it cannot name a hyperparameter';
  if (entry.siblings.includes(to)) return `${entry.path.slice(0, -1).join('.')} already has a hyperparameter named "${to}"`;
  return undefined;
}

/** Every hyperparameter (nested ones too) with the key that defines it. */
export function determinedSymbols(parsed: ParsedDocument): DocSymbol[] {
  const symbols: DocSymbol[] = [];
  const ids = new Set<string>();
  const visit = (entries: HparamEntry[]): void => {
    for (const entry of entries) {
      // Names with dots could collide as ids (`a.b` vs `a` › `b`): a repeat gets a number.
      let id = `hyperparameter:${entry.path.slice(1).join('.')}`;
      for (let n = 2; ids.has(id); n++) id = `hyperparameter:${entry.path.slice(1).join('.')}#${n}`;
      ids.add(id);
      symbols.push({
        id,
        kind: 'hyperparameter',
        name: entry.name,
        container: entry.path.slice(0, -1).join('.'),
        uses: [{ place: { in: 'key', path: entry.path }, definition: true }],
        refuse: (to) => refusal(entry, to),
      });
      visit(entry.children);
    }
  };
  visit(hyperparameterTree(parsed));
  return symbols;
}
