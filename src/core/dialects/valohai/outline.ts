/**
 * The structure of a valohai.yaml by meaning, for the quick outline and the breadcrumb
 * (`step: train › parameters › learning_rate`): each top-level step, task, pipeline (or
 * blueprint), endpoint and deployment, with what it declares in groups — a step's parameters,
 * inputs, environment variables and outputs; a task's parameters; a pipeline's nodes and
 * parameters — in the order of the text.
 *
 * Ranges are the source's: an item's `range` is its whole entry (a list item's mapping, a
 * key with its value, without the line break after it), its `selection` the text of its `name:`
 * (or its first key when it has no name), so every child lies inside its parent. The value says
 * what things are; the syntax tree, walked alongside it, where they are written. What the text
 * does not write in place (reached through an alias) is left out.
 *
 * Usage: `valohaiOutline(parsed)` for a document that parsed.
 */
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { ParsedDocument } from '../../contracts/document';
import type { OutlineItem, SymbolKind } from '../../contracts/symbols';
import { asArray, isMapping } from '../../guards';
import type { Obj } from './context';
import { KINDS } from './model';
import { holds } from '../../assist/outline';

type Range = [number, number];

const KIND_OF: Record<(typeof KINDS)[number], SymbolKind> = {
  step: 'step',
  task: 'task',
  endpoint: 'endpoint',
  pipeline: 'pipeline',
  blueprint: 'pipeline',
  deployment: 'deployment',
};

/** A name as written (other scalars printed), or nothing for collections and null. */
function nameText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return undefined;
}

/** A value's node in the syntax tree, with the pair whose value it is (for a mapping entry). */
interface At {
  node: unknown;
  pair?: Pair;
}

/**
 * One step down the syntax tree. A repeated key holds the value of its LAST pair (as the plain
 * value does), so that pair is the one found.
 */
function child(node: unknown, seg: string | number): At | undefined {
  if (isMap(node)) {
    const pair = node.items.findLast((p) => isScalar(p.key) && String(p.key.value) === String(seg));
    return pair ? { node: pair.value, pair } : undefined;
  }
  if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) return { node: node.items[seg] };
  return undefined;
}

const span = (node: unknown): Range | undefined => {
  const r = (node as Node | null | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
};

const inside = (inner: Range | undefined, outer: Range): inner is Range => inner !== undefined && inner[0] >= outer[0] && inner[1] <= outer[1];

class Source {
  constructor(private readonly text: string) {}

  /** The whole entry — a key with its value, or a list item — without the line breaks and spaces a block value ends with. */
  entry(at: At): Range | undefined {
    const value = span(at.node);
    const key = at.pair ? span(at.pair.key) : undefined;
    const whole: Range | undefined = key ? [key[0], Math.max(key[1], value?.[1] ?? key[1])] : value;
    if (!whole) return undefined;
    let [from, to] = whole;
    while (to > from && /\s/.test(this.text[to - 1])) to--;
    return [from, to];
  }

  /** Where an item is named: its `name:` value when written, else its first key. */
  selection(at: At, range: Range): Range {
    const name = child(at.node, 'name')?.node;
    const nameRange = isScalar(name) ? span(name) : undefined;
    if (inside(nameRange, range) && nameRange[1] > nameRange[0]) return nameRange;
    const first = isMap(at.node) && at.node.items.length > 0 ? span(at.node.items[0].key) : undefined;
    return inside(first, range) ? first : [range[0], range[0]];
  }
}

/** An item for the mapping `data` written at `at` in a list, named by its `name:`. */
function namedItem(src: Source, at: At | undefined, data: Obj, fallback: string, kind: SymbolKind, detail?: string): OutlineItem | undefined {
  const range = at && src.entry(at);
  if (!at || !range) return undefined;
  const name = nameText(data.name);
  const item: OutlineItem = { name: name === undefined || name === '' ? fallback : name, kind, range, selection: src.selection(at, range), children: [] };
  if (detail !== undefined) item.detail = detail;
  return item;
}

/** A group (`parameters`, `nodes`...) of the mapping at `parent`, with an item for each mapping in its list. */
function section(src: Source, parent: unknown, key: string, list: unknown, item: (entry: Obj, at: At | undefined) => OutlineItem | undefined): OutlineItem | undefined {
  if (!Array.isArray(list)) return undefined;
  const at = child(parent, key);
  const range = at && src.entry(at);
  const keyRange = span(at?.pair?.key);
  if (!at || !range || !inside(keyRange, range)) return undefined;
  const children = list.flatMap((entry, k) => {
    const found = isMapping(entry) ? item(entry, child(at.node, k)) : undefined;
    return found && inside(found.range, range) ? [found] : [];
  });
  return { name: key, kind: 'section', range, selection: keyRange, children };
}

/** The groups that are there, in the order the text has them. */
const inOrder = (groups: (OutlineItem | undefined)[]): OutlineItem[] =>
  groups.filter((g): g is OutlineItem => g !== undefined).sort((a, b) => a.range[0] - b.range[0]);

function stepChildren(src: Source, data: Obj, node: unknown): OutlineItem[] {
  return inOrder([
    section(src, node, 'parameters', data.parameters, (p, at) =>
      namedItem(src, at, p, '(unnamed parameter)', 'parameter', typeof p.type === 'string' ? p.type : 'string'),
    ),
    section(src, node, 'inputs', data.inputs, (p, at) => namedItem(src, at, p, '(unnamed input)', 'input')),
    section(src, node, 'environment-variables', data['environment-variables'], (p, at) =>
      namedItem(src, at, p, '(unnamed environment variable)', 'environment-variable'),
    ),
    section(src, node, 'outputs', data.outputs, (p, at) => namedItem(src, at, p, '(unnamed output)', 'output')),
  ]);
}

function taskChildren(src: Source, data: Obj, node: unknown): OutlineItem[] {
  return inOrder([
    section(src, node, 'parameters', data.parameters, (p, at) =>
      namedItem(src, at, p, '(unnamed parameter)', 'parameter', typeof p.style === 'string' ? p.style : undefined),
    ),
  ]);
}

function pipelineChildren(src: Source, data: Obj, node: unknown): OutlineItem[] {
  return inOrder([
    section(src, node, 'nodes', data.nodes, (n, at) =>
      namedItem(src, at, n, '(unnamed node)', 'node', `${typeof n.type === 'string' && n.type !== '' ? n.type : 'execution'} node`),
    ),
    section(src, node, 'parameters', data.parameters, (p, at) => {
      const targets = 'target' in p ? [p.target] : Array.isArray(p.targets) ? p.targets : p.targets === undefined ? [] : [p.targets];
      const shown = asArray(targets).filter((t): t is string => typeof t === 'string');
      return namedItem(src, at, p, '(unnamed parameter)', 'parameter', shown.length > 0 ? `→ ${shown.join(', ')}` : 'pipeline parameter');
    }),
  ]);
}

/** With `near`, only the entry holding that offset (see Dialect.outline). */
export function valohaiOutline(parsed: ParsedDocument, near?: number): OutlineItem[] {
  const src = new Source(parsed.text);
  const root = parsed.doc.contents;
  return asArray(parsed.value).flatMap((entry, index) => {
    if (!isMapping(entry)) return [];
    const itemAt = child(root, index);
    const range = itemAt && src.entry(itemAt);
    if (range && !holds(range, near)) return [];
    const kind = KINDS.find((k) => k in entry);
    const kindAt = kind && itemAt ? child(itemAt.node, kind) : undefined;
    const keyRange = span(kindAt?.pair?.key);
    if (!kind || !kindAt || !range || !inside(keyRange, range)) return [];
    const data = entry[kind];
    const children = !isMapping(data)
      ? []
      : kind === 'step'
        ? stepChildren(src, data, kindAt.node)
        : kind === 'task'
          ? taskChildren(src, data, kindAt.node)
          : kind === 'pipeline' || kind === 'blueprint'
            ? pipelineChildren(src, data, kindAt.node)
            : [];
    const name = isMapping(data) ? nameText(data.name) : undefined;
    const nameNode = child(kindAt.node, 'name')?.node;
    const nameRange = isScalar(nameNode) ? span(nameNode) : undefined;
    const item: OutlineItem = {
      name: name === undefined || name === '' ? `(unnamed ${kind})` : name,
      detail: kind,
      kind: KIND_OF[kind],
      range,
      selection: inside(nameRange, range) && nameRange[1] > nameRange[0] ? nameRange : keyRange,
      children: children.filter((c) => inside(c.range, range)),
    };
    return [item];
  });
}
