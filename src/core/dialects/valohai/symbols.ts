/**
 * The names of a valohai.yaml by meaning, each with every place that writes it (see
 * contracts/symbols.ts): steps, tasks, pipelines (and blueprints), endpoints, deployments,
 * pipeline nodes and pipeline parameters, and a step's parameters, inputs, outputs and
 * environment variables — for go to definition, references and rename.
 *
 * Ids: `step:S`, `task:T`, `pipeline:P`, `endpoint:E`, `deployment:D`, `node:P:N`,
 * `pipeline-parameter:P:N`, and `parameter:S:N`, `input:S:N`, `output:S:N`,
 * `environment-variable:S:N` for what step S declares; a `:` or `%` in a name is written `%3A` / `%25`
 * there, so that every id stands for one symbol.
 *
 * How names resolve is the platform's: a top-level item's kind is its first kind key; a later
 * definition with the same name replaces an earlier one, so both `name:` places define the one
 * symbol (renaming keeps them equal); edges and parameter targets name the LAST node of a name; a
 * node runs its `step`, or for a task node naming a `task`, that task's step. A node with a
 * `commit` runs a step of another version of the file, so what it names is not this file's.
 * References that resolve to nothing belong to no symbol. Only text values are places, and only
 * where the text itself writes them (not through an alias or a merge key).
 *
 * Usage: `valohaiSymbols(parsed)` for a document that parsed (`parsed.ok`).
 */
import { isScalar, visit } from 'yaml';
import type { ParsedDocument } from '../../contracts/document';
import type { Path } from '../../contracts/path';
import type { DocSymbol, NamePlace, NameUse, SymbolKind } from '../../contracts/symbols';
import { DUPLICATE_KEY } from '../../document/parse';
import { locatePath } from '../../document/paths';
import { asArray, isMapping, valueAt } from '../../guards';
import { truthy, type Obj } from './context';
import { edgeEnds, targetsOf } from './graph';
import { KINDS } from './model';
import { effectiveParameters } from './parameters';
import { splitSocket } from './pipelines';
import { commandReach, commandTexts, namedParameter, placeholders, unusedParameterMessage } from './parameterPlaceholders';

/** What a step declares, by the list it is in, the symbol kind, and how people call it. */
const STEP_LISTS = [
  { key: 'parameters', kind: 'parameter', label: 'parameter' },
  { key: 'inputs', kind: 'input', label: 'input' },
  { key: 'outputs', kind: 'output', label: 'output' },
  { key: 'environment-variables', kind: 'environment-variable', label: 'environment variable' },
] as const;

type StepListKind = (typeof STEP_LISTS)[number]['kind'];

/** The endpoint name rule of the platform's schema. */
const ENDPOINT_NAME = /^[a-z][a-z0-9-]+$/;
const INPUT_NAME_MAX = 64;

/**
 * Where names must differ: its id, what its names are called, and the step or pipeline holding
 * it (none for the file's top level). Data, not closures: a 50,000-line file has thousands of
 * scopes and symbols, and a closure for each (with what it captured) was a fifth of their memory.
 */
interface ScopeSpec {
  id: string;
  /** `parameter`, `step`, `pipeline or blueprint`. */
  label: string;
  owner?: { kind: 'Step' | 'Pipeline'; name: string };
}

interface Scope extends ScopeSpec {
  /** Every name defined in the scope (clashes are checked against these, once per rename; a list takes less room than a set). */
  names: string[];
}

/** `Step "train" already has a parameter named "x"`, `A step named "x" already exists`. */
function takenIn(scope: ScopeSpec, to: string): string {
  const owner = scope.owner;
  return owner ? `${owner.kind} "${owner.name}" already has ${article(scope.label).toLowerCase()} named "${to}"` : `${article(scope.label)} named "${to}" already exists`;
}

/** A symbol of the document; how it refuses a new name comes from its scope and naming rule. */
class ValohaiSymbol implements DocSymbol {
  unused?: string = undefined;

  constructor(
    readonly id: string,
    readonly kind: SymbolKind,
    readonly name: string,
    public uses: NameUse[],
    private readonly scope: Scope,
    private readonly rule: SymbolKind | 'pipeline-parameter',
    readonly container?: string,
  ) {}

  refuse(to: string): string | undefined {
    if (to.trim() === '') return 'A name cannot be empty';
    if (to === this.name) return undefined;
    if (this.scope.names.includes(to)) return takenIn(this.scope, to);
    return invalid(this.rule, to);
  }
}

/**
 * True when the syntax tree writes the plain value in place: no alias, no merge key, no repeated
 * key (where the value holds the last pair but a path finds the first).
 */
function mirrors(parsed: ParsedDocument): boolean {
  if (parsed.diagnostics.some((d) => d.code === DUPLICATE_KEY)) return false;
  // An alias needs an anchor, a merge key its `<<`: most files have neither, and need no walk.
  if (!parsed.text.includes('&') && !parsed.text.includes('<<')) return true;
  let plain = true;
  visit(parsed.doc, {
    Alias() {
      plain = false;
      return visit.BREAK;
    },
    Pair(_key, pair) {
      const key = pair.key;
      if (isScalar(key) && (key.value === '<<' || typeof key.value === 'symbol')) {
        plain = false;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return plain;
}


/** `A step`, `An output`. */
const article = (label: string) => `${/^[aeiou]/.test(label) ? 'An' : 'A'} ${label}`;

/** Why `to` is not a valid name of this kind, whatever the scope. */
function invalid(kind: SymbolKind | 'pipeline-parameter', to: string): string | undefined {
  const lineBreak = /[\r\n]/.test(to);
  switch (kind) {
    case 'parameter':
      if (/[{}]/.test(to)) {
        return 'A parameter name cannot contain "{" or "}": commands name the parameter in placeholders such as {parameter:NAME}, which end at the first "}"';
      }
      if (/\s/.test(to)) {
        return 'A parameter name cannot contain white space or line breaks: it is passed as one command-line flag, --NAME=value, and a placeholder such as {parameter:NAME} cannot span a line';
      }
      return undefined;
    case 'node':
      if (to.includes('.')) return 'A node name cannot contain a dot: edges name ports as node.type.key and split that at the first dots, so no edge could reach the node';
      if (/\s/.test(to)) return 'A node name cannot contain white space: edges and parameter targets write it as the first word of node.type.key';
      return undefined;
    case 'input':
      if (to.includes('/')) return 'An input name cannot contain "/": Valohai puts the input\'s files in the one folder /valohai/inputs/NAME/';
      if (lineBreak) return 'An input name cannot contain a line break';
      if (to.length > INPUT_NAME_MAX) return `An input name can have at most ${INPUT_NAME_MAX} characters (Valohai's limit); this one has ${to.length}`;
      return undefined;
    case 'environment-variable':
      if (/[=\s]/.test(to)) return 'An environment variable name cannot contain "=" or white space: the variable is set as NAME=value';
      return undefined;
    case 'endpoint':
      if (!ENDPOINT_NAME.test(to)) {
        return 'An endpoint name must start with a lowercase letter and have at least 2 characters, all of them lowercase letters, digits or "-" (Valohai\'s rule)';
      }
      return undefined;
    default:
      return lineBreak ? `${article(kind === 'pipeline-parameter' ? 'parameter' : kind)} name cannot contain a line break` : undefined;
  }
}

class Symbols {
  private readonly byId = new Map<string, ValohaiSymbol>();
  private readonly scopes = new Map<string, Scope>();

  /** Whether every text value of the plain value is a text scalar at the same path of the syntax tree. */
  private readonly mirrored: boolean;

  constructor(private readonly parsed: ParsedDocument) {
    this.mirrored = mirrors(parsed);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): ValohaiSymbol | undefined {
    return this.byId.get(id);
  }

  /**
   * A value place when the text value at `path` is written there in the source, else undefined.
   * Checked against the syntax tree only where the two can differ (aliases, merge keys, repeated
   * keys): placing each of thousands of names from the root is what costs.
   */
  private place(path: Path, from: number, to: number): NamePlace | undefined {
    if (!this.mirrored) {
      const found = locatePath(this.parsed.doc, path);
      if (found.depth !== path.length || !isScalar(found.node) || found.node.value !== valueAt(this.parsed.value, path)) return undefined;
    }
    // A copy of exactly its length: a path built by spreading keeps room for 20 segments, and every use keeps its path.
    return { in: 'value', path: path.slice(), from, to };
  }

  private keyPlace(path: Path): NamePlace | undefined {
    const found = locatePath(this.parsed.doc, path);
    const key = found.depth === path.length ? found.pair?.key : undefined;
    return isScalar(key) && typeof key.value === 'string' ? { in: 'key', path: path.slice() } : undefined;
  }

  private scope(spec: ScopeSpec): Scope {
    let scope = this.scopes.get(spec.id);
    if (!scope) {
      scope = { id: spec.id, label: spec.label, owner: spec.owner, names: [] };
      this.scopes.set(spec.id, scope);
    }
    return scope;
  }

  /**
   * The definition at `path` (a `name:` whose text is `name`) of symbol `id`; a second definition
   * of the same id joins the first.
   */
  define(
    id: string,
    kind: SymbolKind,
    name: string,
    path: Path,
    scope: ScopeSpec,
    container?: string,
    rule: SymbolKind | 'pipeline-parameter' = kind,
  ): void {
    const place = this.place(path, 0, name.length);
    if (!place) return;
    const existing = this.byId.get(id);
    if (existing) {
      existing.uses.push({ place, definition: true });
      return;
    }
    const s = this.scope(scope);
    s.names.push(name);
    const symbol = new ValohaiSymbol(id, kind, name, [{ place, definition: true }], s, rule, container);
    this.byId.set(id, symbol);
  }

  /** Characters `from`..`to` of the text at `path` name symbol `id` (ignored when there is no such symbol). */
  use(id: string, path: Path, from: number, to: number): void {
    const symbol = this.byId.get(id);
    const place = symbol && this.place(path, from, to);
    if (symbol && place) symbol.uses.push({ place, definition: false });
  }

  /** The mapping key at `path` names symbol `id`. */
  useKey(id: string, path: Path): void {
    const symbol = this.byId.get(id);
    const place = symbol && this.keyPlace(path);
    if (symbol && place) symbol.uses.push({ place, definition: false });
  }

  /** Every symbol, its definitions first (each group in the order found). */
  all(): DocSymbol[] {
    const all = [...this.byId.values()];
    for (const scope of this.scopes.values()) scope.names = scope.names.slice();
    // slice and concat make arrays of exactly their length: one that push grew keeps room for 17 more.
    for (const s of all) s.uses = s.uses.filter((u) => u.definition).concat(s.uses.filter((u) => !u.definition));
    return all;
  }
}

interface Item {
  kind: (typeof KINDS)[number];
  data: Obj;
  path: Path;
  /** The item's name when it is text. */
  name: string | undefined;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A symbol id from its parts, each with `%` and `:` escaped so that no two names share an id (`a:b` + `c` vs `a` + `b:c`). */
const idOf = (kind: string, ...parts: string[]) => {
  let id = kind;
  for (const x of parts) id += `:${x.includes(':') || x.includes('%') ? x.replace(/%/g, '%25').replace(/:/g, '%3A') : x}`;
  return id;
};

function itemsOf(value: unknown): Item[] {
  return asArray(value).flatMap((item, index) => {
    if (!isMapping(item)) return [];
    const kind = KINDS.find((k) => k in item);
    const data = kind ? item[kind] : undefined;
    if (!kind || !isMapping(data)) return [];
    return [{ kind, data, path: [index, kind], name: text(data.name) }];
  });
}

export function valohaiSymbols(parsed: ParsedDocument): DocSymbol[] {
  const symbols = new Symbols(parsed);
  const items = itemsOf(parsed.value);

  // ---- definitions ----------------------------------------------------------------------------
  const topScope = (label: string): ScopeSpec => ({ id: label, label });
  for (const item of items) {
    const { name, path, data } = item;
    if (name === undefined) continue;
    const namePath = [...path, 'name'];
    switch (item.kind) {
      case 'step':
        symbols.define(idOf('step', name), 'step', name, namePath, topScope('step'));
        for (const list of STEP_LISTS) {
          const scope: ScopeSpec = { id: idOf(list.kind, name), label: list.label, owner: { kind: 'Step', name } };
          asArray(data[list.key]).forEach((entry, k) => {
            const n = isMapping(entry) ? text(entry.name) : undefined;
            if (n !== undefined) symbols.define(idOf(list.kind, name, n), list.kind, n, [...path, list.key, k, 'name'], scope, `step ${name}`);
          });
        }
        break;
      case 'task':
        symbols.define(idOf('task', name), 'task', name, namePath, topScope('task'));
        break;
      case 'endpoint':
        symbols.define(idOf('endpoint', name), 'endpoint', name, namePath, topScope('endpoint'));
        break;
      case 'deployment':
        symbols.define(idOf('deployment', name), 'deployment', name, namePath, topScope('deployment'));
        break;
      case 'pipeline':
      case 'blueprint': {
        // Pipelines and blueprints share one set of names.
        symbols.define(idOf('pipeline', name), 'pipeline', name, namePath, { id: 'pipeline', label: 'pipeline or blueprint' });
        const nodeScope: ScopeSpec = { id: idOf('node', name), label: 'node', owner: { kind: 'Pipeline', name } };
        asArray(data.nodes).forEach((node, k) => {
          const n = isMapping(node) ? text(node.name) : undefined;
          if (n !== undefined) symbols.define(idOf('node', name, n), 'node', n, [...path, 'nodes', k, 'name'], nodeScope, `pipeline ${name}`);
        });
        const paramScope: ScopeSpec = { id: idOf('pipeline-parameter', name), label: 'parameter', owner: { kind: 'Pipeline', name } };
        asArray(data.parameters).forEach((param, k) => {
          const n = isMapping(param) ? text(param.name) : undefined;
          if (n !== undefined) {
            symbols.define(idOf('pipeline-parameter', name, n), 'parameter', n, [...path, 'parameters', k, 'name'], paramScope, `pipeline ${name}`, 'pipeline-parameter');
          }
        });
        break;
      }
    }
  }

  // ---- uses -----------------------------------------------------------------------------------
  /** The step each task runs, the last task of a name counting. */
  const taskSteps = new Map<string, string | undefined>();
  for (const item of items) if (item.kind === 'task' && item.name !== undefined) taskSteps.set(item.name, text(item.data.step));

  /** `{parameter:x}` / `{parameter-value:x}` in a command (a step's, or a node's override) name step `step`'s parameters. */
  const commandUses = (step: string, command: unknown, path: Path) => {
    const items = typeof command === 'string' ? [{ item: command, at: path }] : asArray(command).map((c, j) => ({ item: c, at: [...path, j] }));
    for (const { item, at } of items) {
      if (typeof item !== 'string') continue;
      for (const p of placeholders(item)) {
        const named = namedParameter(p);
        if (named) symbols.use(idOf('parameter', step, named.name), at, named.at, named.at + named.name.length);
      }
    }
  };
  /** The `name:` of each item of a list names the step's declaration of that kind. */
  const listUses = (kind: StepListKind, step: string, list: unknown, path: Path) => {
    asArray(list).forEach((entry, k) => {
      const n = isMapping(entry) ? text(entry.name) : undefined;
      if (n !== undefined) symbols.use(idOf(kind, step, n), [...path, k, 'name'], 0, n.length);
    });
  };

  for (const item of items) {
    const { data, path, name } = item;
    if (item.kind === 'step' && name !== undefined) commandUses(name, data.command, [...path, 'command']);
    if (item.kind === 'task') {
      const step = text(data.step);
      if (step === undefined) continue;
      symbols.use(idOf('step', step), [...path, 'step'], 0, step.length);
      listUses('parameter', step, data.parameters, [...path, 'parameters']);
      // Manual search: each parameter set names the step's parameters by its keys.
      asArray(data['parameter-sets']).forEach((set, k) => {
        if (!isMapping(set)) return;
        for (const key of Object.keys(set)) symbols.useKey(idOf('parameter', step, key), [...path, 'parameter-sets', k, key]);
      });
    }
    if (item.kind === 'pipeline' || item.kind === 'blueprint') pipelineUses(item, symbols, taskSteps, commandUses, listUses);
  }

  // ---- unused parameters (as the lint hint sees them: the last step of a name) ------------------
  const lastSteps = new Map<string, Obj>();
  for (const item of items) if (item.kind === 'step' && item.name !== undefined) lastSteps.set(item.name, item.data);
  for (const [name, data] of lastSteps) {
    const command = commandTexts(data.command);
    if (command === undefined) continue;
    const reach = commandReach(command);
    if (reach.all) continue;
    for (const param of effectiveParameters(data.parameters).keys()) {
      const symbol = symbols.get(idOf('parameter', name, param));
      if (symbol && !reach.names.has(param)) symbol.unused = unusedParameterMessage(name, param);
    }
  }

  return symbols.all();
}

function pipelineUses(
  pipeline: Item,
  symbols: Symbols,
  taskSteps: Map<string, string | undefined>,
  commandUses: (step: string, command: unknown, path: Path) => void,
  listUses: (kind: StepListKind, step: string, list: unknown, path: Path) => void,
): void {
  const { data, path, name: p } = pipeline;
  const nodes = asArray(data.nodes).flatMap((node, k) => (isMapping(node) ? [{ node, k, name: text(node.name) }] : []));

  /** The step a node runs in this file: none for a node of another commit, or one whose step is not here. */
  const runs = (node: Obj): string | undefined => {
    if (truthy(node.commit)) return undefined;
    const task = text(node.task);
    const step = node.type === 'task' && task !== undefined ? taskSteps.get(task) : text(node.step);
    return step !== undefined && symbols.has(idOf('step', step)) ? step : undefined;
  };
  // Edges and targets reach the last node of a name, as on the platform.
  const byName = new Map<string, Obj>();
  for (const { node, name } of nodes) if (name !== undefined) byName.set(name, node);

  for (const { node, k } of nodes) {
    const at: Path = [...path, 'nodes', k];
    const deployment = text(node.deployment);
    if (deployment !== undefined) symbols.use(idOf('deployment', deployment), [...at, 'deployment'], 0, deployment.length);
    asArray(node.endpoints).forEach((e, j) => {
      if (typeof e === 'string') symbols.use(idOf('endpoint', e), [...at, 'endpoints', j], 0, e.length);
    });
    // With a commit, the step or task is another version's, named the same by chance or not.
    if (truthy(node.commit)) continue;
    const step = text(node.step);
    if (step !== undefined) symbols.use(idOf('step', step), [...at, 'step'], 0, step.length);
    const task = text(node.task);
    if (task !== undefined) symbols.use(idOf('task', task), [...at, 'task'], 0, task.length);
    const runStep = runs(node);
    const override = node.override;
    if (runStep === undefined || !isMapping(override)) continue;
    const op = [...at, 'override'];
    listUses('parameter', runStep, override.parameters, [...op, 'parameters']);
    listUses('input', runStep, override.inputs, [...op, 'inputs']);
    listUses('environment-variable', runStep, override['environment-variables'], [...op, 'environment-variables']);
    commandUses(runStep, override.command, [...op, 'command']);
  }

  /** One specifier `node.type.key` at `specPath`: its node, and the port the key names. */
  const specifier = (spec: string, specPath: Path, isTarget: boolean) => {
    const parts = splitSocket(spec);
    if (parts.length !== 3 || p === undefined) return;
    const [nodeName, type, key] = parts;
    symbols.use(idOf('node', p, nodeName), specPath, 0, nodeName.length);
    const node = byName.get(nodeName);
    if (!node) return;
    const keyAt = nodeName.length + type.length + 2;
    const portUse = (id: string, length: number) => symbols.use(id, specPath, keyAt, keyAt + length);
    // A parameter target's socket type only has to start with `parameter` on the platform.
    if (isTarget) {
      const step = type.startsWith('parameter') ? runs(node) : undefined;
      if (step !== undefined) portUse(idOf('parameter', step, key), key.length);
      return;
    }
    if (type === 'file' && node.type === 'deployment') {
      // A deployment node's file port is `endpoint.file`.
      const endpoint = key.split('.')[0];
      if (key.includes('.')) portUse(idOf('endpoint', endpoint), endpoint.length);
      return;
    }
    const step = runs(node);
    if (step === undefined) return;
    if (type === 'parameter' || type === 'environment-variable' || type === 'output') portUse(idOf(type, step, key), key.length);
    // `node.input.x*` passes on the files of input x.
    if (type === 'input') portUse(idOf('input', step, key.endsWith('*') ? key.slice(0, -1) : key), key.endsWith('*') ? key.length - 1 : key.length);
  };

  asArray(data.edges).forEach((edge, k) => {
    const ends = edgeEnds(edge);
    if (!ends) return;
    const edgePath: Path = [...path, 'edges', k];
    const paths: Path[] = Array.isArray(edge) ? [[...edgePath, 0], [...edgePath, 1]] : [[...edgePath, 'source'], [...edgePath, 'target']];
    specifier(ends[0], paths[0], false);
    specifier(ends[1], paths[1], false);
  });
  asArray(data.parameters).forEach((param, k) => {
    if (!isMapping(param)) return;
    for (const target of targetsOf(param, [...path, 'parameters', k])) {
      if (typeof target.spec === 'string') specifier(target.spec, target.path, true);
    }
  });
}
