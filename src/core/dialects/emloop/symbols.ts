/**
 * emloop's names by meaning: the streams. The dataset defines them in code (emloop's MainLoop
 * asks it for the method `<name>_stream`), so the config only names them — in
 * `main_loop.train_stream_name`, `main_loop.extra_streams`, the `eval.<stream>` keys, an eval
 * block's `stream_names` and its own `main_loop`, and the hook arguments that name streams: the
 * ones our hook table declares as `stream`, `streams` or `train_stream_name` for a known hook, and
 * `stream` / `streams` of a hook we do not know (emloop's own naming, which custom hooks follow).
 * A hook's default (`stream` left out means 'valid') is not a place.
 *
 * As the config has no true definition, the place taken for one is the `eval.<NAME>` key if there
 * is one, else the first `extra_streams` item naming it, else a `train_stream_name`, else the
 * first place; the others are uses. Read from the YAML nodes: merge keys and aliases are not
 * followed (their text is elsewhere), the legacy top-level `predict:` section (ignored by emloop
 * 0.2) is not read, and names that are not text are skipped.
 *
 * Usage: `emloopSymbols(parsed)` → one DocSymbol per stream the file names.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { ParsedDocument } from '../../contracts/document';
import type { Path } from '../../contracts/path';
import type { DocSymbol, NamePlace, NameUse } from '../../contracts/symbols';
import { locatePath, namedPairs } from '../../document/paths';
import { cxflowRename } from './cxflow';
import { findHook, type HookInfo } from './hooks';


/** The node of the value of `key` in a mapping node (undefined when absent or not reachable by a path). */
export function child(node: unknown, key: string): Node | null | undefined {
  return namedPairs(node).find((p) => p.key === key)?.pair.value as Node | null | undefined;
}

/** A text scalar's value, or undefined. */
const textOf = (node: unknown): string | undefined => (isScalar(node) && typeof node.value === 'string' ? node.value : undefined);

/** One item of a hooks list, as emloop reads it: `- Name`, or `- Name: {args}` with exactly one key. */
export interface HookItem {
  /** `[...hooks, i]`. */
  path: Path;
  /** As written: `LogVariables`, `emloop_tensorflow.hooks.WriteTensorBoard`. */
  name: string;
  /** Where the name is written: the item itself (`- Name`) or its one key (`- Name: ...`). */
  nameAt: 'value' | 'key';
  /** The catalogued hook (a cxflow name resolved as lint does), when we know it. */
  info?: HookInfo;
  /** The arguments mapping, when there is one. */
  args?: YAMLMap;
}

/** The hook a config name refers to, a cxflow name included (as the lint reads it). */
export function hookInfo(name: string): HookInfo | undefined {
  const found = findHook(name);
  if (found) return found;
  const target = cxflowRename(name, 'hook')?.target;
  return target ? findHook(target) : undefined;
}

/** The items of the hooks list at `path` (`['hooks']`, `['eval', stream, 'hooks']`), odd items skipped. */
export function hookItems(parsed: ParsedDocument, path: Path): HookItem[] {
  const found = locatePath(parsed.doc, path);
  if (found.depth !== path.length || !isSeq(found.node)) return [];
  const out: HookItem[] = [];
  found.node.items.forEach((item, i) => {
    const at = [...path, i];
    const plain = textOf(item);
    if (plain !== undefined) {
      out.push({ path: at, name: plain, nameAt: 'value', info: hookInfo(plain) });
      return;
    }
    const pairs = namedPairs(item);
    // emloop refuses an item with two keys; the first is still what it was meant to name.
    if (pairs.length === 0 || !isMap(item) || item.items.length === 0) return;
    const { key, pair } = pairs[0];
    const args = item.items.length === 1 && isMap(pair.value) ? (pair.value as YAMLMap) : undefined;
    out.push({ path: at, name: key, nameAt: 'key', info: hookInfo(key), args });
  });
  return out;
}

/** The arguments of a hook that name streams: a list of names (`streams`) or one name. */
function streamArgs(info: HookInfo | undefined): { name: string; list: boolean; default?: unknown }[] {
  if (!info) return [
    { name: 'stream', list: false },
    { name: 'streams', list: true },
  ];
  return info.args
    .filter((a) => a.name === 'stream' || a.name === 'streams' || a.name === 'train_stream_name')
    .map((a) => ({ name: a.name, list: a.type.startsWith('string list'), default: a.default }));
}

/** Why a place names its stream: decides which place stands as the definition. */
type Role = 'eval' | 'extra' | 'train' | 'use';

interface Place {
  name: string;
  place: NamePlace;
  role: Role;
  /** Where it starts in the text, for document order. */
  at: number;
}

class Collector {
  readonly places: Place[] = [];
  /** Names emloop uses without the file writing them: the default training stream, a hook's default stream. */
  readonly implicit = new Map<string, string>();
  constructor(readonly parsed: ParsedDocument) {}

  /** A name emloop uses by default, with the first reason found (the training stream's comes first). */
  uses(name: string, why: string): void {
    if (!this.implicit.has(name)) this.implicit.set(name, why);
  }

  /** A text value at `path` naming a stream. */
  value(node: unknown, path: Path, role: Role): void {
    const name = textOf(node);
    if (name === undefined || name === '') return;
    this.places.push({ name, place: { in: 'value', path, from: 0, to: name.length }, role, at: (node as Scalar).range?.[0] ?? 0 });
  }

  /** The text items of the list at `path`. */
  list(node: unknown, path: Path, role: Role): void {
    if (isSeq(node)) node.items.forEach((item, i) => this.value(item, [...path, i], role));
  }

  /** A key naming a stream (`eval.<stream>`). */
  key(pair: Pair<Scalar, unknown>, path: Path): void {
    const name = String(pair.key.value);
    if (name === '') return;
    this.places.push({ name, place: { in: 'key', path }, role: 'eval', at: pair.key.range?.[0] ?? 0 });
  }

  mainLoop(node: unknown, path: Path, topLevel: boolean): void {
    const train = child(node, 'train_stream_name');
    if (topLevel && (train === undefined || train === null)) this.uses('train', 'the training stream (main_loop.train_stream_name defaults to "train")');
    this.value(train, [...path, 'train_stream_name'], 'train');
    this.list(child(node, 'extra_streams'), [...path, 'extra_streams'], 'extra');
  }

  hooks(path: Path): void {
    for (const hook of hookItems(this.parsed, path)) {
      for (const arg of streamArgs(hook.info)) {
        const value = child(hook.args, arg.name);
        const at = [...hook.path, hook.name, arg.name];
        if (value === undefined && typeof arg.default === 'string') {
          this.uses(arg.default, `the stream ${hook.info?.name ?? hook.name} reads when its ${arg.name} is left out`);
        }
        if (arg.list) this.list(value, at, 'use');
        else this.value(value, at, 'use');
      }
    }
  }
}

/** Every place the file names a stream, and the names emloop uses by default. */
function collect(parsed: ParsedDocument): Collector {
  const c = new Collector(parsed);
  const root = parsed.doc.contents as Node | null;
  c.mainLoop(child(root, 'main_loop'), ['main_loop'], true);
  c.hooks(['hooks']);
  for (const { key, pair } of namedPairs(child(root, 'eval'))) {
    const at: Path = ['eval', key];
    c.key(pair, at);
    const block = pair.value;
    c.list(child(block, 'stream_names'), [...at, 'stream_names'], 'use');
    const mainLoop = child(block, 'main_loop');
    if (mainLoop) c.mainLoop(mainLoop, [...at, 'main_loop'], false);
    c.hooks([...at, 'hooks']);
  }
  return c;
}

/** A Python identifier (letters, digits and underscores, not starting with a digit; Unicode letters count, as in Python 3). */
const PYTHON_IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;

function refusal(name: string, to: string, taken: Set<string>, implicit: Map<string, string>): string | undefined {
  if (to.trim() === '') return 'A stream needs a name';
  if (to === name) return undefined;
  if (!PYTHON_IDENTIFIER.test(to)) {
    return `"${to}" cannot name a stream — emloop asks the dataset for the method \`${to}_stream\` (getattr(dataset, '<name>_stream')), so a stream name must make a Python identifier: letters, digits and underscores, not starting with a digit; the \`eval.<stream>\` keys are stream names too (\`emloop eval STREAM\`)`;
  }
  if (taken.has(to)) return `The file already names a stream "${to}" — renaming "${name}" to it would make them one stream`;
  const why = implicit.get(to);
  if (why) return `"${to}" is already used: it is ${why}`;
  return undefined;
}

/** The streams the file names, each with its places (the definition first, then the uses in document order). */
export function emloopSymbols(parsed: ParsedDocument): DocSymbol[] {
  if (!parsed.ok) return [];
  const { places, implicit } = collect(parsed);
  const byName = new Map<string, Place[]>();
  for (const p of [...places].sort((a, b) => a.at - b.at)) {
    const list = byName.get(p.name) ?? [];
    list.push(p);
    byName.set(p.name, list);
  }
  const taken = new Set(byName.keys());
  return [...byName.entries()].map(([name, list]) => {
    const definition = list.find((p) => p.role === 'eval') ?? list.find((p) => p.role === 'extra') ?? list.find((p) => p.role === 'train') ?? list[0];
    const uses: NameUse[] = [{ place: definition.place, definition: true }, ...list.filter((p) => p !== definition).map((p) => ({ place: p.place, definition: false }))];
    return {
      id: `stream:${name}`,
      kind: 'stream' as const,
      name,
      container: 'dataset',
      uses,
      refuse: (to: string) => refusal(name, to, taken, implicit),
    };
  });
}
