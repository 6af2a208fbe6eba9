/**
 * The configuration an emloop command really runs with, computed as emloop's `load_config` does
 * (emloop/utils/config.py):
 *
 *  1. `eval.<stream>`, when the command evaluates a stream that has a block: each key of its
 *     dataset / model / main_loop replaces that key of the base section (a shallow update of a
 *     deep copy); its hooks replace the hooks, and no hooks there means no hooks at all.
 *  2. Command-line overrides `key.path=value`: the value read as YAML, the path walked through
 *     existing mappings only, then the last key set.
 *  3. The result dumped and re-read, which re-resolves anchors: a map that merges `<<: *x` sees
 *     the CURRENT keys of x, so an override of x shows in every map that merges it, except
 *     where that map has the key itself. An alias (`*x`) is the very same object, so a change
 *     made through one place shows in all.
 *
 * The value handed back is a plain tree (each alias its own copy), so that printing it shows
 * values, not anchors the user never wrote.
 *
 * Errors are emloop's own (Python exception and message) where the fixture recorded them.
 *
 * Usage: `loadConfig(parsed, { unit: 'predict', overrides: ['model.lr=0.1'] })`
 */
import { isMapping } from '../../guards';
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { ParsedDocument } from '../../contracts/document';
import type { Path } from '../../contracts/path';
import type { EffectiveConfig, EffectiveRequest } from '../../contracts/preview';

type Obj = Record<string, unknown>;

/** A change the request made to the config, and what made it. */
export interface Change {
  path: Path;
  /** `eval.predict`, or the override line (`model.lr=0.1`). */
  by: string;
}

export interface LoadedConfig {
  /** The config emloop runs with (plain JSON); undefined when emloop would refuse. */
  value: unknown;
  changes: Change[];
  /** Why emloop would refuse, as it reports it. */
  errors: string[];
  /** The errors of each override line ([] = accepted), in the order the lines were given. */
  lineErrors: string[][];
}

/** An exception emloop (Python) would raise, as `Type: message`. */
class PyError extends Error {}

/** Python's repr() of a text, as KeyError prints the key. */
function pyRepr(s: string): string {
  if (s.includes("'") && !s.includes('"')) return `"${s}"`;
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The Python type name of a value read by ruamel. */
function pyType(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  return 'dict';
}

// ---- the loaded document: shared objects for aliases, merge sources kept -----------------

/** Maps built with `<<`: what they merge (in order) and the keys they hold themselves. */
const merges = new WeakMap<Obj, { sources: Obj[]; own: Set<string> }>();

function put(obj: Obj, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key) || (key.type && key.type !== 'PLAIN')) return false;
  const v = key.value;
  return v === '<<' || (typeof v === 'symbol' && v.description === '<<');
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return JSON.stringify(key);
}

/** The document as ruamel's round-trip loader builds it (see the module comment). */
function build(doc: Document.Parsed): unknown {
  const memo = new Map<Node, unknown>();
  const node = (n: unknown): unknown => {
    if (n === null || n === undefined) return null;
    if (isAlias(n)) {
      const source = n.resolve(doc);
      return source ? (memo.has(source) ? memo.get(source) : node(source)) : null;
    }
    if (isScalar(n)) {
      const v = n.value;
      return typeof v === 'bigint' ? Number(v) : v;
    }
    if (isSeq(n)) {
      const list: unknown[] = [];
      memo.set(n, list);
      for (const item of n.items) list.push(node(item));
      return list;
    }
    if (isMap(n)) {
      const obj: Obj = {};
      memo.set(n, obj);
      const sources: Obj[] = [];
      for (const pair of n.items) {
        if (isMergeKey(pair.key)) {
          const v = pair.value;
          const items = isSeq(v) ? v.items : [v];
          for (const item of items) {
            const src = node(item);
            if (isMapping(src)) sources.push(src);
          }
          continue;
        }
        put(obj, keyText(pair.key), node(pair.value));
      }
      if (sources.length > 0) {
        const own = new Set(Object.keys(obj));
        for (const src of sources) for (const k of Object.keys(src)) if (!(k in obj)) put(obj, k, src[k]);
        merges.set(obj, { sources, own });
      }
      return obj;
    }
    return null;
  };
  return node(doc.contents);
}

/** Python's `d[key] = value` on a loaded map: the key becomes the map's own. */
function assign(obj: Obj, key: string, value: unknown): void {
  put(obj, key, value);
  merges.get(obj)?.own.add(key);
}

/** `copy.deepcopy`: the same sharing inside the copy; merged maps become plain snapshots. */
function deepCopy(v: unknown, memo = new Map<object, unknown>()): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (memo.has(v)) return memo.get(v);
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    memo.set(v, out);
    for (const item of v) out.push(deepCopy(item, memo));
    return out;
  }
  const out: Obj = {};
  memo.set(v, out);
  for (const [k, item] of Object.entries(v)) put(out, k, deepCopy(item, memo));
  return out;
}

/**
 * The plain value after emloop's dump-and-reload: a merging map holds its own keys, then the
 * current keys of its sources (the first source wins) — as ruamel writes `<<` and reads it back.
 */
export function reloaded(v: unknown, seen = new Map<object, unknown>()): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (seen.has(v)) return seen.get(v);
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    seen.set(v, out);
    for (const item of v) out.push(reloaded(item, seen));
    return out;
  }
  const obj = v as Obj;
  const out: Obj = {};
  seen.set(obj, out);
  const merge = merges.get(obj);
  for (const [k, item] of Object.entries(obj)) if (!merge || merge.own.has(k)) put(out, k, reloaded(item, seen));
  for (const src of merge?.sources ?? []) {
    const plain = reloaded(src, seen) as Obj;
    for (const [k, item] of Object.entries(plain)) if (!(k in out)) put(out, k, item);
  }
  return out;
}

/**
 * The value as a tree: every alias written out as its own copy, so that printing it shows
 * plain values (no `&a1` / `*a1` of the printer's own — e.g. where the eval block's hooks
 * became the hooks). Only a cycle (a map that contains itself) stays shared.
 */
function plain(v: unknown, inProgress = new Map<object, unknown>()): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (inProgress.has(v)) return inProgress.get(v);
  const out: unknown[] | Obj = Array.isArray(v) ? [] : {};
  inProgress.set(v, out);
  if (Array.isArray(v)) for (const item of v) (out as unknown[]).push(plain(item, inProgress));
  else for (const [k, item] of Object.entries(v)) put(out as Obj, k, plain(item, inProgress));
  inProgress.delete(v);
  return out;
}

// ---- 1. the eval section ----------------------------------------------------------------

const SHALLOW_SECTIONS = ['dataset', 'model', 'main_loop'];

/** Python's `x in container` for a key, raising as Python does for None and scalars. */
function contains(container: unknown, key: string): boolean {
  if (isMapping(container)) return Object.prototype.hasOwnProperty.call(container, key);
  if (Array.isArray(container)) return container.includes(key);
  if (typeof container === 'string') return container.includes(key);
  throw new PyError(`TypeError: argument of type '${pyType(container)}' is not iterable`);
}

function applyEval(config: Obj, stream: string): void {
  if (!contains(config, 'eval') || !contains(config.eval, stream)) return;
  const block = (config.eval as Obj)[stream];
  for (const section of SHALLOW_SECTIONS) {
    if (!contains(block, section)) continue;
    if (!(section in config)) throw new PyError(`KeyError: ${pyRepr(section)}`);
    const target = config[section];
    const update = deepCopy((block as Obj)[section]);
    if (!isMapping(target)) throw new PyError(`AttributeError: '${pyType(target)}' object has no attribute 'update'`);
    if (!isMapping(update)) throw new PyError(`TypeError: '${pyType(update)}' object is not iterable`);
    for (const [k, v] of Object.entries(update)) assign(target, k, v);
  }
  // Not copied: the hooks ARE the eval block's list from here on.
  assign(config, 'hooks', contains(block, 'hooks') ? (block as Obj).hooks : []);
}

// ---- 2. command-line overrides ----------------------------------------------------------

/** `parse_arg`: the key up to the first `=`, the rest read as YAML (ruamel, YAML 1.2). */
export function parseOverride(line: string): { key: string; value: unknown } {
  const eq = line.indexOf('=');
  if (eq < 0) throw new PyError(`AssertionError: Unrecognized argument \`${line}\`. [name]=[value] expected.`);
  const text = line.slice(eq + 1);
  const doc = parseDocument(text, { version: '1.2', merge: true, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const why = doc.errors[0].message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new PyError(`ruamel.yaml could not read the value \`${text}\`: ${why}`);
  }
  return { key: line.slice(0, eq), value: doc.toJS({ maxAliasCount: 100 }) ?? null };
}

/** The walk of `load_config`: every key but the last must name an existing map; then the last key is set. */
function applyOverride(config: Obj, key: string, value: unknown): void {
  const parts = key.split('.');
  const last = parts.pop()!;
  let conf: unknown = config;
  for (const part of parts) {
    if (Array.isArray(conf)) throw new PyError('TypeError: list indices must be integers or slices, not str');
    if (typeof conf === 'string') throw new PyError("TypeError: string indices must be integers, not 'str'");
    if (!isMapping(conf)) throw new PyError(`TypeError: '${pyType(conf)}' object is not subscriptable`);
    if (!Object.prototype.hasOwnProperty.call(conf, part)) throw new PyError(`KeyError: ${pyRepr(part)}`);
    conf = conf[part];
  }
  if (Array.isArray(conf)) throw new PyError('TypeError: list indices must be integers or slices, not str');
  if (!isMapping(conf)) throw new PyError(`TypeError: '${pyType(conf)}' object does not support item assignment`);
  assign(conf, last, value);
}

// ---- what changed -------------------------------------------------------------------------

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Paths where `after` differs from `before`: the deepest changed key, or a whole map that lost keys, or a whole list. */
function differences(before: unknown, after: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (same(before, after)) return out;
  if (isMapping(before) && isMapping(after) && Object.keys(before).every((k) => k in after)) {
    for (const [k, v] of Object.entries(after)) {
      if (k in before) differences(before[k], v, [...path, k], out);
      else out.push([...path, k]);
    }
    return out;
  }
  out.push(path);
  return out;
}

const startsWith = (path: Path, prefix: Path) => prefix.length <= path.length && prefix.every((s, i) => s === path[i]);

// ---- load_config ------------------------------------------------------------------------

/** What `load_config(config, overrides, override_stream=unit)` gives for this document (see the module comment). */
export function loadConfig(parsed: ParsedDocument, request: EffectiveRequest): LoadedConfig {
  const lineErrors = request.overrides.map(() => [] as string[]);
  if (!parsed.ok) return { value: undefined, changes: [], errors: ['The file is not valid YAML, so emloop cannot read it'], lineErrors };
  const config = build(parsed.doc);
  if (!isMapping(config)) return { value: undefined, changes: [], errors: ['The file must be a mapping of sections (dataset, model, hooks, ...)'], lineErrors };
  const errors: string[] = [];
  const changes: Change[] = [];
  const base = reloaded(config);
  let afterEval = base;
  if (request.unit !== undefined) {
    try {
      applyEval(config, request.unit);
      afterEval = reloaded(config);
      for (const path of differences(base, afterEval)) changes.push({ path, by: `eval.${request.unit}` });
    } catch (e) {
      if (!(e instanceof PyError)) throw e;
      errors.push(e.message);
    }
  }
  // emloop reads every line before applying any; a bad line fails the run either way.
  const lines = request.overrides.map((line, i) => {
    try {
      return { line, i, ...parseOverride(line) };
    } catch (e) {
      if (!(e instanceof PyError)) throw e;
      lineErrors[i].push(e.message);
      return undefined;
    }
  });
  for (const item of lines) {
    if (!item || errors.length > 0) continue;
    try {
      applyOverride(config, item.key, item.value);
    } catch (e) {
      if (!(e instanceof PyError)) throw e;
      lineErrors[item.i].push(e.message);
    }
  }
  errors.push(...lineErrors.flat());
  if (errors.length > 0) return { value: undefined, changes, errors, lineErrors };
  const value = plain(reloaded(config));
  for (const path of differences(afterEval, value)) {
    const own = lines.filter((l) => l && startsWith(path, l.key.split('.'))).pop();
    changes.push({ path, by: own ? own.line : 'an override, through an anchor' });
  }
  return { value, changes, errors, lineErrors };
}

/** The Dialect's `effective` hook. */
export function effectiveEmloop(parsed: ParsedDocument, request: EffectiveRequest): EffectiveConfig {
  const loaded = loadConfig(parsed, request);
  return { value: loaded.value, changed: loaded.changes.map((c) => c.path), errors: loaded.errors };
}
