/**
 * Python read, never run: the source parsed with the Lezer grammar, and the few things the checks
 * take from it — literal values (as `ast.literal_eval` would accept them, plus names bound to
 * literals and plain arithmetic on numbers), call arguments, dotted names, lines, and what a module
 * defines at its top level. Anything that is not a literal stays `unknown` with its text.
 *
 * Usage:
 *   const mod = parsePython(source);
 *   walk(mod.tree.topNode, (node) => { if (node.name === 'CallExpression') ... });
 *   literal(mod, argNode)               // { kind: 'float', value: 0.001 }
 *   moduleInfo(source).definitions     // [{ name: 'Trial', kind: 'class', line: 12 }, ...]
 */
import { parser } from '@lezer/python';
import type { PyDefinition, PyLiteral, PyModuleInfo } from '../contracts/project';

export type PyTree = ReturnType<typeof parser.parse>;
export type PyNode = PyTree['topNode'];

/**
 * `100.` (a float written with a trailing dot): the grammar reads a number, a dot and a missing
 * property name. Python reads a float; so do we, and it is no syntax error.
 */
function trailingDotFloat(node: PyNode | null): boolean {
  if (node?.name !== 'MemberExpression') return false;
  const kids = children(node);
  return kids.length === 3 && kids[0].name === 'Number' && kids[1].name === '.' && kids[2].type.isError && kids[2].from === kids[2].to;
}

/** A parsed module: the tree, its source, and lines. */
export class PyModule {
  readonly tree: PyTree;
  private readonly lineStarts: number[] = [0];
  /** Literal assignments (`NAME = <literal>`) in source order, for names used as values. */
  private assignments?: { name: string; at: number; node: PyNode }[];

  constructor(readonly source: string) {
    this.tree = parser.parse(source);
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** The 1-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  text(node: PyNode): string {
    return this.source.slice(node.from, node.to);
  }

  /** Lines where the parser had to recover from something that is not Python 3. */
  syntaxErrors(): number[] {
    const lines = new Set<number>();
    walk(this.tree.topNode, (node) => {
      if (node.type.isError && !trailingDotFloat(node.parent)) lines.add(this.lineOf(node.from));
    });
    // Python 2's `print x` parses as Lezer's PrintStatement, but Python 3 refuses it.
    walk(this.tree.topNode, (node) => {
      if (node.name === 'PrintStatement') lines.add(this.lineOf(node.from));
    });
    return [...lines].sort((a, b) => a - b);
  }

  /** Every `NAME = value` (single plain target, any depth) in source order. */
  assignmentsBefore(name: string, at: number): PyNode | undefined {
    if (!this.assignments) {
      const found: { name: string; at: number; node: PyNode }[] = [];
      walk(this.tree.topNode, (node) => {
        if (node.name !== 'AssignStatement') return;
        const kids = children(node);
        const ops = kids.filter((k) => k.name === 'AssignOp');
        if (ops.length !== 1) return;
        const target = kids[0];
        const value = kids[kids.indexOf(ops[0]) + 1];
        if (target?.name === 'VariableName' && value && kids.indexOf(ops[0]) <= 2) {
          found.push({ name: this.text(target), at: node.from, node: value });
        }
      });
      this.assignments = found;
    }
    let last: PyNode | undefined;
    for (const a of this.assignments) if (a.name === name && a.at < at) last = a.node;
    return last;
  }
}

export function parsePython(source: string): PyModule {
  return new PyModule(source);
}

/** Depth-first over every node; return false from `visit` to skip a node's children. */
export function walk(node: PyNode, visit: (node: PyNode) => boolean | void): void {
  if (visit(node) === false) return;
  for (let c = node.firstChild; c; c = c.nextSibling) walk(c, visit);
}

export function children(node: PyNode): PyNode[] {
  const out: PyNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', ':', ';', 'Comment']);

/** The children that are values (punctuation and comments left out). */
export function valueChildren(node: PyNode): PyNode[] {
  return children(node).filter((c) => !PUNCTUATION.has(c.name));
}

/** `a.b.c` for a VariableName / MemberExpression chain; undefined for anything else (calls, subscripts). */
export function dottedName(mod: PyModule, node: PyNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.name === 'VariableName' || node.name === 'PropertyName') return mod.text(node);
  if (node.name === 'MemberExpression') {
    const kids = children(node);
    if (kids.length !== 3 || kids[1].name !== '.') return undefined;
    const head = dottedName(mod, kids[0]);
    return head === undefined ? undefined : `${head}.${mod.text(kids[2])}`;
  }
  return undefined;
}

/** A decorator's name (`click.option`) and its argument list, if it is called. */
export function decoratorParts(mod: PyModule, node: PyNode): { name: string; args?: PyNode } {
  const kids = children(node).filter((k) => k.name !== 'At' && k.name !== 'Comment');
  const args = kids.find((k) => k.name === 'ArgList');
  const nameParts = kids.filter((k) => k !== args);
  return { name: nameParts.map((k) => mod.text(k)).join('').replace(/\s+/g, ''), args };
}

export interface CallArgs {
  positional: PyNode[];
  keywords: Map<string, PyNode>;
  /** `*x` or `**x` among the arguments: more may be passed than we see. */
  splat: boolean;
}

/** The arguments of an ArgList, grouped by commas. */
export function callArgs(mod: PyModule, argList: PyNode | null | undefined): CallArgs {
  const out: CallArgs = { positional: [], keywords: new Map(), splat: false };
  if (!argList) return out;
  let group: PyNode[] = [];
  const flush = () => {
    const g = group.filter((n) => n.name !== 'Comment');
    group = [];
    if (g.length === 0) return;
    if (g[0].name === '*' || g[0].name === '**') {
      out.splat = true;
      return;
    }
    if (g.length >= 3 && g[0].name === 'VariableName' && g[1].name === 'AssignOp') {
      out.keywords.set(mod.text(g[0]), g[2]);
      return;
    }
    // A generator argument (`f(x for x in y)`) has more than one node: not a value we read.
    if (g.length === 1) out.positional.push(g[0]);
    else out.splat = true;
  };
  for (const c of children(argList)) {
    if (c.name === '(' || c.name === ')') continue;
    if (c.name === ',') flush();
    else group.push(c);
  }
  flush();
  return out;
}

/** The callee of a CallExpression and its ArgList. */
export function callParts(node: PyNode): { callee: PyNode | null; args: PyNode | null } {
  const callee = node.firstChild;
  const args = node.lastChild?.name === 'ArgList' ? node.lastChild : null;
  return { callee, args };
}

// ---- literals ---------------------------------------------------------------------------------

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '' };

/** The value of one string token, or undefined for an f-string. */
export function stringValue(token: string): string | undefined {
  const m = /^([a-zA-Z]*)('''|"""|'|")/.exec(token);
  if (!m) return undefined;
  const prefix = m[1].toLowerCase();
  if (prefix.includes('f')) return undefined;
  const quote = m[2];
  const body = token.slice(m[0].length, token.length - quote.length);
  if (prefix.includes('r')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\' || i === body.length - 1) {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
    } else if (next === '\r' && body[i + 2] === '\n') {
      i += 2;
    } else if (/[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      out += String.fromCodePoint(parseInt(oct, 8));
      i += oct.length;
    } else if (next === 'x' && /^[0-9a-fA-F]{2}/.test(body.slice(i + 2))) {
      out += String.fromCodePoint(parseInt(body.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (next === 'u' && !prefix.includes('b') && /^[0-9a-fA-F]{4}/.test(body.slice(i + 2))) {
      out += String.fromCodePoint(parseInt(body.slice(i + 2, i + 6), 16));
      i += 5;
    } else if (next === 'U' && !prefix.includes('b') && /^[0-9a-fA-F]{8}/.test(body.slice(i + 2))) {
      out += String.fromCodePoint(parseInt(body.slice(i + 2, i + 10), 16));
      i += 9;
    } else {
      // Python keeps an unknown escape as written (and \N{...} we do not look up).
      out += ch;
    }
  }
  return out;
}

/** A number token: int or float; undefined for complex numbers. */
export function numberValue(token: string): PyLiteral | undefined {
  const t = token.replace(/_/g, '');
  if (/[jJ]$/.test(t)) return undefined;
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return { kind: 'int', value: parseInt(t.slice(2), 16) };
  if (/^0[oO][0-7]+$/.test(t)) return { kind: 'int', value: parseInt(t.slice(2), 8) };
  if (/^0[bB][01]+$/.test(t)) return { kind: 'int', value: parseInt(t.slice(2), 2) };
  if (/^[0-9]+$/.test(t)) return { kind: 'int', value: Number(t) };
  const n = Number(t);
  return Number.isNaN(n) ? undefined : { kind: 'float', value: n };
}

const unknown = (mod: PyModule, node: PyNode): PyLiteral => ({ kind: 'unknown', text: mod.text(node) });

function arithmetic(op: string, a: PyLiteral, b: PyLiteral): PyLiteral | undefined {
  if (op === '+' && a.kind === 'str' && b.kind === 'str') return { kind: 'str', value: a.value + b.value };
  const num = (v: PyLiteral) => (v.kind === 'int' || v.kind === 'float' ? v.value : v.kind === 'bool' ? Number(v.value) : undefined);
  const x = num(a);
  const y = num(b);
  if (x === undefined || y === undefined) return undefined;
  const ints = a.kind !== 'float' && b.kind !== 'float';
  const wrap = (v: number, int: boolean): PyLiteral | undefined => (Number.isFinite(v) ? { kind: int ? 'int' : 'float', value: v } : undefined);
  switch (op) {
    case '+':
      return wrap(x + y, ints);
    case '-':
      return wrap(x - y, ints);
    case '*':
      return wrap(x * y, ints);
    case '/':
      return y === 0 ? undefined : wrap(x / y, false);
    case '//':
      return y === 0 ? undefined : wrap(Math.floor(x / y), ints);
    case '%':
      return y === 0 ? undefined : wrap(((x % y) + y) % y, ints);
    case '**':
      return wrap(x ** y, ints && y >= 0);
    default:
      return undefined;
  }
}

/**
 * The literal value of an expression node. Names bound by a literal assignment earlier in the
 * file count (`LR = 0.01` ... `default=LR`); `depth` guards against `a = b; b = a`.
 */
export function literal(mod: PyModule, node: PyNode | null | undefined, depth = 0): PyLiteral {
  if (!node) return { kind: 'none' };
  switch (node.name) {
    case 'String': {
      const v = stringValue(mod.text(node));
      return v === undefined ? unknown(mod, node) : { kind: 'str', value: v };
    }
    case 'ContinuedString': {
      let s = '';
      for (const part of children(node)) {
        if (part.name === 'Comment') continue;
        const v = part.name === 'String' ? stringValue(mod.text(part)) : undefined;
        if (v === undefined) return unknown(mod, node);
        s += v;
      }
      return { kind: 'str', value: s };
    }
    case 'Number':
      return numberValue(mod.text(node)) ?? unknown(mod, node);
    case 'MemberExpression':
      if (trailingDotFloat(node)) return { kind: 'float', value: Number(mod.text(node.firstChild!).replace(/_/g, '')) };
      return unknown(mod, node);
    case 'Boolean':
      return { kind: 'bool', value: mod.text(node) === 'True' };
    case 'None':
      return { kind: 'none' };
    case 'ParenthesizedExpression': {
      const inner = valueChildren(node);
      return inner.length === 1 ? literal(mod, inner[0], depth) : unknown(mod, node);
    }
    case 'UnaryExpression': {
      const [op, operand] = children(node);
      const v = literal(mod, operand, depth);
      const sign = op ? mod.text(op) : '';
      if ((v.kind === 'int' || v.kind === 'float') && (sign === '-' || sign === '+')) return { kind: v.kind, value: sign === '-' ? -v.value : v.value };
      return unknown(mod, node);
    }
    case 'BinaryExpression': {
      const kids = children(node).filter((k) => k.name !== 'Comment');
      if (kids.length !== 3 || kids[1].name !== 'ArithOp') return unknown(mod, node);
      const a = literal(mod, kids[0], depth);
      const b = literal(mod, kids[2], depth);
      return arithmetic(mod.text(kids[1]), a, b) ?? unknown(mod, node);
    }
    case 'ArrayExpression':
    case 'TupleExpression':
    case 'SetExpression': {
      const items = valueChildren(node).map((c) => literal(mod, c, depth));
      if (children(node).some((c) => c.name === '*' || c.name === 'for')) return unknown(mod, node);
      return { kind: 'list', items };
    }
    case 'DictionaryExpression': {
      const kids = children(node).filter((k) => !['{', '}', 'Comment'].includes(k.name));
      const entries: [PyLiteral, PyLiteral][] = [];
      let i = 0;
      while (i < kids.length) {
        if (kids[i].name === '**' || kids[i].name === 'for') return unknown(mod, node);
        const key = kids[i];
        if (kids[i + 1]?.name !== ':' || !kids[i + 2]) return unknown(mod, node);
        entries.push([literal(mod, key, depth), literal(mod, kids[i + 2], depth)]);
        i += 3;
        if (kids[i]?.name === ',') i++;
      }
      return { kind: 'dict', entries };
    }
    case 'CallExpression': {
      // dict(a=1, b=2) is as literal as {'a': 1, 'b': 2}.
      const { callee, args } = callParts(node);
      if (callee && mod.text(callee) === 'dict') {
        const a = callArgs(mod, args);
        if (a.positional.length === 0 && !a.splat) {
          return { kind: 'dict', entries: [...a.keywords].map(([k, v]): [PyLiteral, PyLiteral] => [{ kind: 'str', value: k }, literal(mod, v, depth)]) };
        }
      }
      return unknown(mod, node);
    }
    case 'VariableName': {
      if (depth > 8) return unknown(mod, node);
      const bound = mod.assignmentsBefore(mod.text(node), node.from);
      return bound ? literal(mod, bound, depth + 1) : unknown(mod, node);
    }
    default:
      return unknown(mod, node);
  }
}

/** The text of a string literal node, or undefined. */
export function literalString(mod: PyModule, node: PyNode | null | undefined): string | undefined {
  const v = literal(mod, node);
  return v.kind === 'str' ? v.value : undefined;
}

/** Python's repr of a literal, for messages (`0.001`, `'LSTM'`, `True`). */
export function pyLiteralRepr(v: PyLiteral): string {
  switch (v.kind) {
    case 'none':
      return 'None';
    case 'bool':
      return v.value ? 'True' : 'False';
    case 'int':
      return String(v.value);
    case 'float':
      return pyFloatText(v.value);
    case 'str':
      return `'${v.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
    case 'list':
      return `[${v.items.map(pyLiteralRepr).join(', ')}]`;
    case 'dict':
      return `{${v.entries.map(([k, x]) => `${pyLiteralRepr(k)}: ${pyLiteralRepr(x)}`).join(', ')}}`;
    default:
      return v.text;
  }
}

/** A float as Python's repr writes it (`1.0`, `0.001`, `1e-05`). */
export function pyFloatText(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return `${n}.0`;
  const s = Math.abs(n) >= 1e16 ? n.toExponential() : String(n);
  const m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(s);
  if (m) return `${m[1]}e${m[2]}${m[3].padStart(2, '0')}`;
  // JS writes 1e-7 as 1e-7 but 0.00001 as 0.00001; Python switches to exponents below 1e-4.
  if (Math.abs(n) < 1e-4 && n !== 0) {
    const e = n.toExponential();
    const [mant, exp] = e.split('e');
    const sign = exp.startsWith('-') ? '-' : '+';
    return `${mant}e${sign}${exp.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  return s;
}

// ---- module definitions ---------------------------------------------------------------------

/** The top-level statements, looking through `if`/`try`/`with` blocks (conditional imports and definitions count). */
function topLevelStatements(node: PyNode, out: PyNode[] = []): PyNode[] {
  for (const s of children(node)) {
    if (['IfStatement', 'TryStatement', 'WithStatement'].includes(s.name)) {
      for (const body of children(s)) if (body.name === 'Body') topLevelStatements(body, out);
      continue;
    }
    out.push(s);
  }
  return out;
}

function importDefinitions(mod: PyModule, node: PyNode): PyDefinition[] {
  const kids = children(node).filter((k) => k.name !== 'Comment' && k.name !== '(' && k.name !== ')');
  const line = mod.lineOf(node.from);
  const out: PyDefinition[] = [];
  if (kids[0]?.name === 'from') {
    const at = kids.findIndex((k) => k.name === 'import');
    const module = kids
      .slice(1, at)
      .map((k) => mod.text(k))
      .join('');
    const rest = kids.slice(at + 1);
    for (let i = 0; i < rest.length; i++) {
      const k = rest[i];
      if (k.name === '*') out.push({ name: '*', kind: 'import', line, from: { module, name: '*' } });
      if (k.name !== 'VariableName') continue;
      const name = mod.text(k);
      if (rest[i + 1]?.name === 'as' && rest[i + 2]) {
        out.push({ name: mod.text(rest[i + 2]), kind: 'import', line, from: { module, name } });
        i += 2;
      } else out.push({ name, kind: 'import', line, from: { module, name } });
    }
    return out;
  }
  // import a.b as c, d
  let parts: string[] = [];
  const finish = (alias?: string) => {
    if (parts.length === 0) return;
    const module = parts.join('.');
    out.push(alias ? { name: alias, kind: 'import', line, from: { module, name: undefined } } : { name: parts[0], kind: 'import', line, from: { module } });
    parts = [];
  };
  for (let i = 1; i < kids.length; i++) {
    const k = kids[i];
    if (k.name === 'VariableName') parts.push(mod.text(k));
    else if (k.name === 'as') {
      finish(kids[i + 1] ? mod.text(kids[i + 1]) : undefined);
      i++;
    } else if (k.name === ',') finish();
  }
  finish();
  return out;
}

/** What the module defines at its top level, in source order. */
export function definitionsOf(mod: PyModule): PyDefinition[] {
  const out: PyDefinition[] = [];
  for (const s of topLevelStatements(mod.tree.topNode)) {
    let stmt = s;
    if (stmt.name === 'DecoratedStatement') stmt = children(stmt).find((c) => c.name === 'ClassDefinition' || c.name === 'FunctionDefinition') ?? stmt;
    const line = mod.lineOf(stmt.from);
    if (stmt.name === 'ClassDefinition' || stmt.name === 'FunctionDefinition') {
      const name = children(stmt).find((c) => c.name === 'VariableName');
      if (name) out.push({ name: mod.text(name), kind: stmt.name === 'ClassDefinition' ? 'class' : 'function', line });
    } else if (stmt.name === 'AssignStatement') {
      const kids = children(stmt);
      kids.forEach((k, i) => {
        if (k.name === 'VariableName' && (i === 0 || kids[i - 1].name === 'AssignOp' || kids[i - 1].name === ',') && kids.slice(i + 1).some((x) => x.name === 'AssignOp' || x.name === 'TypeDef')) {
          out.push({ name: mod.text(k), kind: 'variable', line });
        }
      });
    } else if (stmt.name === 'ImportStatement') out.push(...importDefinitions(mod, stmt));
  }
  return out;
}

/** A module's top-level names and syntax errors. */
export function moduleInfo(source: string): PyModuleInfo {
  const mod = parsePython(source);
  return { definitions: definitionsOf(mod), syntaxErrors: mod.syntaxErrors() };
}
