/**
 * What a Python script accepts on its command line, read from its source: argparse's
 * `add_argument` calls (on any parser, group or parent parser), click's `@option` / `@argument`
 * decorators, and valohai-utils' `valohai.prepare(default_parameters=..., default_inputs=...)`,
 * which becomes `--name=value` options read with parse_known_args. Only literal values are taken
 * (names bound to literals count); an option whose strings are built at run time makes the
 * interface incomplete rather than wrong.
 *
 * Readers we recognise but do not read (hydra, absl flags, fire, typer, docopt, HfArgumentParser,
 * jsonargparse, sys.argv) are listed in `readers` and leave the interface incomplete.
 *
 * Usage:
 *   const face = readScriptInterface(source);
 *   face.options.find((o) => o.flags.includes('--lr'))   // { type: 'float', default: { kind: 'float', value: 0.01 }, line: 42, ... }
 */
import type { OptionAction, OptionValueType, PyLiteral, ScriptInterface, ScriptOption, ValohaiUtilsInput, ValohaiUtilsParameter, ValohaiUtilsPrepare } from '../contracts/project';
import { callArgs, callParts, children, decoratorParts, definitionsOf, dottedName, literal, literalString, parsePython, walk, type PyModule, type PyNode } from './python';

const ACTIONS: OptionAction[] = ['store', 'store_true', 'store_false', 'store_const', 'append', 'append_const', 'extend', 'count', 'help', 'version'];

/** argparse's dest for option strings: the first long option, else the first short one, dashes stripped, `-` → `_`. */
export function argparseDest(flags: string[]): string {
  const long = flags.find((f) => f.startsWith('--')) ?? flags[0] ?? '';
  return long.replace(/^-+/, '').replace(/-/g, '_');
}

function typeOf(text: string, library: 'argparse' | 'click'): OptionValueType {
  const bare = text.replace(/^click\./, '').replace(/\(.*$/s, '');
  switch (bare) {
    case 'int':
    case 'INT':
    case 'IntRange':
      return 'int';
    case 'float':
    case 'FLOAT':
    case 'FloatRange':
      return 'float';
    case 'str':
    case 'STRING':
    case 'UNPROCESSED':
    case 'Choice':
      return 'str';
    case 'bool':
    case 'BOOL':
      return 'bool';
    case 'Path':
    case 'pathlib.Path':
    case 'File':
    case 'argparse.FileType':
    case 'FileType':
      return 'path';
    default:
      return library === 'argparse' && /(^|\.)Path$/.test(bare) ? 'path' : 'custom';
  }
}

function typeOfLiteral(v: PyLiteral | undefined): OptionValueType | undefined {
  if (!v) return undefined;
  if (v.kind === 'int') return 'int';
  if (v.kind === 'float') return 'float';
  if (v.kind === 'str') return 'str';
  if (v.kind === 'bool') return 'bool';
  if (v.kind === 'list' && v.items.length > 0) return typeOfLiteral(v.items[0]);
  return undefined;
}

function choicesOf(v: PyLiteral): PyLiteral[] | undefined {
  return v.kind === 'list' && v.items.every((i) => i.kind !== 'unknown') ? v.items : undefined;
}

function nargsOf(mod: PyModule, node: PyNode | undefined): ScriptOption['nargs'] {
  if (!node) return undefined;
  const v = literal(mod, node);
  if (v.kind === 'int') return v.value;
  if (v.kind === 'str' && ['?', '*', '+'].includes(v.value)) return v.value as '?' | '*' | '+';
  if (v.kind === 'str' && v.value === '...') return '...';
  const text = mod.text(node);
  if (/(^|\.)REMAINDER$/.test(text)) return '...';
  if (/(^|\.)ONE_OR_MORE$/.test(text)) return '+';
  if (/(^|\.)ZERO_OR_MORE$/.test(text)) return '*';
  if (/(^|\.)OPTIONAL$/.test(text)) return '?';
  return undefined;
}

class Reader {
  readonly options: ScriptOption[] = [];
  readonly readers = new Set<string>();
  complete = true;
  allowAbbrev = true;
  acceptsUnknown?: { reason: string; line: number };
  valohai?: ValohaiUtilsPrepare;
  readonly valohaiReads: ScriptInterface['valohaiReads'] = [];
  /** Local names that stand for a module or one of its names: `vh` → `valohai`, `option` → `click.option`. */
  readonly aliases = new Map<string, string>();

  constructor(readonly mod: PyModule) {}

  /** A dotted name with its first part's import alias expanded (`vh.prepare` → `valohai.prepare`). */
  canonical(name: string | undefined): string | undefined {
    if (!name) return undefined;
    const dot = name.indexOf('.');
    const head = dot < 0 ? name : name.slice(0, dot);
    const full = this.aliases.get(head);
    return full ? full + (dot < 0 ? '' : name.slice(dot)) : name;
  }

  line(node: PyNode): number {
    return this.mod.lineOf(node.from);
  }

  unknownReader(name: string): void {
    this.readers.add(name);
    this.complete = false;
  }
}

function readImports(r: Reader): void {
  for (const d of definitionsOf(r.mod)) {
    if (d.kind !== 'import' || !d.from) continue;
    if (d.from.name === undefined) r.aliases.set(d.name, d.name === d.from.module.split('.')[0] ? d.name : d.from.module);
    else if (d.from.name !== '*') r.aliases.set(d.name, `${d.from.module}.${d.from.name}`);
  }
}

// ---- argparse ---------------------------------------------------------------------------------

function argparseOption(r: Reader, call: PyNode, argList: PyNode | null): void {
  const mod = r.mod;
  const a = callArgs(mod, argList);
  const strings = a.positional.map((p) => literalString(mod, p));
  if (a.splat || strings.length === 0 || strings.some((s) => s === undefined)) {
    r.complete = false;
    return;
  }
  const names = strings as string[];
  const positional = !names[0].startsWith('-');
  const kw = (k: string) => a.keywords.get(k);
  const actionNode = kw('action');
  let action: OptionAction = 'store';
  const offFlags: string[] = [];
  if (actionNode) {
    const v = literalString(mod, actionNode);
    if (v !== undefined) action = (ACTIONS as string[]).includes(v) ? (v as OptionAction) : 'other';
    else if (/BooleanOptionalAction$/.test(mod.text(actionNode))) {
      action = 'store_true';
      for (const f of names) if (f.startsWith('--')) offFlags.push(`--no-${f.slice(2)}`);
    } else action = 'other';
  }
  const destNode = kw('dest');
  const dest = (destNode && literalString(mod, destNode)) ?? (positional ? names[0] : argparseDest(names));
  const typeNode = kw('type');
  const typeText = typeNode ? mod.text(typeNode) : undefined;
  let def = kw('default') ? literal(mod, kw('default')) : undefined;
  if (def === undefined && action === 'store_true' && offFlags.length === 0) def = { kind: 'bool', value: false };
  if (def === undefined && action === 'store_false') def = { kind: 'bool', value: true };
  const choicesNode = kw('choices');
  const required = kw('required') ? literal(mod, kw('required')) : undefined;
  const option: ScriptOption = {
    library: 'argparse',
    flags: positional ? [] : names,
    offFlags,
    dest,
    positional,
    action,
    required: required?.kind === 'bool' && required.value,
    line: r.line(call),
  };
  if (typeText !== undefined) {
    option.type = typeOf(typeText, 'argparse');
    option.typeText = typeText;
  }
  if (def !== undefined) option.default = def;
  const nargs = nargsOf(mod, kw('nargs'));
  if (nargs !== undefined) option.nargs = nargs;
  const choices = choicesNode ? choicesOf(literal(mod, choicesNode)) : undefined;
  if (choices) option.choices = choices;
  const help = literalString(mod, kw('help'));
  if (help !== undefined) option.help = help;
  if (positional && nargs === '...') r.acceptsUnknown ??= { reason: `the positional argument "${dest}" takes everything after it (argparse.REMAINDER)`, line: option.line };
  r.options.push(option);
}

// ---- click ------------------------------------------------------------------------------------

function clickName(flags: string[]): string {
  const sorted = [...flags].sort((x, y) => (/^-+/.exec(y)?.[0].length ?? 0) - (/^-+/.exec(x)?.[0].length ?? 0));
  return (sorted[0] ?? '').replace(/^-+/, '').replace(/-/g, '_').toLowerCase();
}

function clickParam(r: Reader, kind: 'option' | 'argument', args: PyNode | undefined, at: PyNode): void {
  const mod = r.mod;
  const a = callArgs(mod, args);
  const decls = a.positional.map((p) => literalString(mod, p));
  if (decls.length === 0 || decls.some((d) => d === undefined)) {
    r.complete = false;
    return;
  }
  const kw = (k: string) => a.keywords.get(k);
  const flags: string[] = [];
  const offFlags: string[] = [];
  let name: string | undefined;
  for (const decl of decls as string[]) {
    if (decl.startsWith('-') && decl.includes('/')) {
      const [on, off] = decl.split('/', 2).map((s) => s.trim());
      if (on) flags.push(on);
      if (off) offFlags.push(off);
    } else if (decl.startsWith('-')) flags.push(decl);
    else name = decl;
  }
  const positional = kind === 'argument';
  const dest = positional ? (name ?? '').replace(/-/g, '_').toLowerCase() : (name ?? clickName(flags));
  const typeNode = kw('type');
  const typeText = typeNode ? mod.text(typeNode) : undefined;
  let def = kw('default') ? literal(mod, kw('default')) : undefined;
  const flagLiteral = kw('is_flag') ? literal(mod, kw('is_flag')) : undefined;
  const isFlag = !positional && ((flagLiteral?.kind === 'bool' && flagLiteral.value) || offFlags.length > 0 || (kw('flag_value') !== undefined && flagLiteral === undefined));
  const multiple = literal(mod, kw('multiple'));
  const count = literal(mod, kw('count'));
  let action: OptionAction = 'store';
  if (count.kind === 'bool' && count.value) action = 'count';
  else if (isFlag) {
    const flagValue = kw('flag_value') ? literal(mod, kw('flag_value')) : undefined;
    if (offFlags.length > 0) action = 'store_true';
    else if (flagValue && flagValue.kind !== 'bool') action = 'store_const';
    // Giving a flag sets True (click 8.2 and later; before, a flag with default=True was switched off by it).
    else action = 'store_true';
    if (def === undefined && offFlags.length === 0 && action === 'store_true') def = { kind: 'bool', value: false };
  } else if (multiple.kind === 'bool' && multiple.value) action = 'append';
  const requiredLit = kw('required') ? literal(mod, kw('required')) : undefined;
  const nargs = kw('nargs') ? literal(mod, kw('nargs')) : undefined;
  const option: ScriptOption = {
    library: 'click',
    flags: positional ? [] : flags,
    offFlags,
    dest,
    positional,
    action,
    required: requiredLit?.kind === 'bool' ? requiredLit.value : positional && def === undefined && !(nargs?.kind === 'int' && nargs.value === -1),
    line: r.line(at),
  };
  if (typeText !== undefined) {
    option.typeText = typeText;
    option.type = typeOf(typeText, 'click');
    const choiceCall = typeNode && typeNode.name === 'CallExpression' ? callParts(typeNode) : undefined;
    if (choiceCall && /(^|\.)Choice$/.test(mod.text(choiceCall.callee!))) {
      const first = callArgs(mod, choiceCall.args).positional[0];
      const choices = first ? choicesOf(literal(mod, first)) : undefined;
      if (choices) option.choices = choices;
    }
  } else if (isFlag) option.type = 'bool';
  else {
    const inferred = typeOfLiteral(def);
    if (inferred) option.type = inferred;
  }
  if (def !== undefined) option.default = def;
  if (nargs?.kind === 'int') option.nargs = nargs.value === -1 ? '*' : nargs.value;
  const help = literalString(mod, kw('help'));
  if (help !== undefined) option.help = help;
  r.options.push(option);
}

/** The decorators of a decorated function, in source order (click applies them bottom-up; order does not matter here). */
function readDecorators(r: Reader, node: PyNode): void {
  const mod = r.mod;
  const clickImported = [...r.aliases.values()].some((v) => v === 'click' || v.startsWith('click.'));
  for (const d of children(node)) {
    if (d.name !== 'Decorator') continue;
    const { name, args } = decoratorParts(mod, d);
    const full = r.canonical(name) ?? name;
    const last = full.slice(full.lastIndexOf('.') + 1);
    if ((full === 'click.option' || full === 'click.argument') || (clickImported && (last === 'option' || last === 'argument') && !full.startsWith('typer'))) {
      r.readers.add('click');
      clickParam(r, last as 'option' | 'argument', args, d);
    } else if (clickImported && (last === 'command' || last === 'group')) {
      if (args && /ignore_unknown_options['"]?\s*[:=]\s*True/.test(mod.text(args))) {
        r.acceptsUnknown ??= { reason: "its click command sets ignore_unknown_options", line: r.line(d) };
      }
    } else if (full === 'hydra.main') r.unknownReader('hydra');
  }
}

// ---- valohai-utils ------------------------------------------------------------------------------

function specOf(v: PyLiteral): Record<string, PyLiteral> {
  const out: Record<string, PyLiteral> = {};
  if (v.kind === 'dict') for (const [k, x] of v.entries) if (k.kind === 'str') out[k.value] = x;
  return out;
}

function urlsOf(v: PyLiteral | undefined): string[] {
  if (!v) return [];
  if (v.kind === 'str') return v.value ? [v.value] : [];
  if (v.kind === 'list') return v.items.flatMap((i) => (i.kind === 'str' && i.value ? [i.value] : []));
  return [];
}

function valohaiPrepare(r: Reader, call: PyNode, argList: PyNode | null): void {
  const mod = r.mod;
  const a = callArgs(mod, argList);
  const line = r.line(call);
  const prepare: ValohaiUtilsPrepare = { parameters: [], inputs: [], complete: !a.splat, line };
  const step = literalString(mod, a.keywords.get('step'));
  if (step !== undefined) prepare.step = step;
  const image = literalString(mod, a.keywords.get('image'));
  if (image !== undefined) prepare.image = image;
  const paramsNode = a.keywords.get('default_parameters') ?? a.keywords.get('parameters');
  if (paramsNode) {
    const v = literal(mod, paramsNode);
    if (v.kind !== 'dict') prepare.complete = false;
    else
      for (const [k, x] of v.entries) {
        if (k.kind !== 'str') continue;
        const spec = x.kind === 'dict' ? specOf(x) : {};
        const p: ValohaiUtilsParameter = { name: k.value, spec, line };
        const def = x.kind === 'dict' ? spec.default : x;
        if (def !== undefined) p.default = def;
        prepare.parameters.push(p);
      }
  }
  const inputsNode = a.keywords.get('default_inputs') ?? a.keywords.get('inputs');
  if (inputsNode) {
    const v = literal(mod, inputsNode);
    if (v.kind !== 'dict') prepare.complete = false;
    else
      for (const [k, x] of v.entries) {
        if (k.kind !== 'str') continue;
        const spec = x.kind === 'dict' ? specOf(x) : {};
        const input: ValohaiUtilsInput = { name: k.value, defaults: urlsOf(x.kind === 'dict' ? spec.default : x), spec, line };
        prepare.inputs.push(input);
      }
  }
  r.valohai ??= prepare;
  r.readers.add('valohai-utils');
  // valohai-utils reads `--name=value` for each parameter with argparse's parse_known_args.
  for (const p of prepare.parameters) {
    const declared = p.spec.type?.kind === 'str' ? p.spec.type.value : undefined;
    const def = p.default;
    const isBool = def?.kind === 'bool' || declared === 'flag';
    const isList = def?.kind === 'list';
    const option: ScriptOption = {
      library: 'valohai-utils',
      flags: [`--${p.name}`],
      offFlags: [],
      dest: p.name.replace(/-/g, '_'),
      positional: false,
      action: 'store',
      required: false,
      line: p.line,
    };
    if (isBool) {
      option.type = 'bool';
      option.typeText = 'string_to_bool';
      option.nargs = '?';
    } else if (isList) {
      option.type = 'custom';
      option.typeText = "lambda s: str(s).split(',')";
    } else {
      const t = declared === 'integer' ? 'int' : declared === 'float' ? 'float' : declared === 'string' ? 'str' : typeOfLiteral(def);
      if (t) option.type = t;
    }
    if (def !== undefined) option.default = def;
    const description = p.spec.description;
    if (description?.kind === 'str') option.help = description.value;
    r.options.push(option);
  }
}

// ---- the walk ---------------------------------------------------------------------------------

const FOREIGN_CALLS: [RegExp, string][] = [
  [/^fire\.Fire$/, 'fire'],
  [/(^|\.)flags\.DEFINE_\w+$/, 'absl'],
  [/(^|\.)HfArgumentParser$/, 'HfArgumentParser'],
  [/^docopt(\.docopt)?$/, 'docopt'],
  [/^typer\.(run|Typer)$/, 'typer'],
];

/** The last scripts read, by their text: checks run on every keystroke of the config, the scripts rarely change. */
const recent = new Map<string, ScriptInterface>();
const RECENT = 32;

/**
 * What the script accepts on its command line; see the file comment. The same text gives the same
 * object (a few recent ones are kept): treat it as read-only.
 */
export function readScriptInterface(source: string): ScriptInterface {
  const known = recent.get(source);
  if (known) {
    recent.delete(source);
    recent.set(source, known);
    return known;
  }
  const face = readFresh(source);
  recent.set(source, face);
  if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
  return face;
}

function readFresh(source: string): ScriptInterface {
  const mod = parsePython(source);
  const r = new Reader(mod);
  readImports(r);
  const jsonargparse = [...r.aliases.values()].some((v) => v.startsWith('jsonargparse'));
  walk(mod.tree.topNode, (node) => {
    if (node.name === 'DecoratedStatement') readDecorators(r, node);
    if (node.name !== 'CallExpression') return;
    const { callee, args } = callParts(node);
    if (!callee) return;
    const method = callee.name === 'MemberExpression' ? callee.lastChild && mod.text(callee.lastChild) : undefined;
    const name = r.canonical(dottedName(mod, callee));
    if (method === 'add_argument') {
      r.readers.add(jsonargparse ? 'jsonargparse' : 'argparse');
      argparseOption(r, node, args);
      return;
    }
    if (method === 'parse_known_args' || method === 'parse_known_intermixed_args') {
      r.readers.add('argparse');
      r.acceptsUnknown ??= { reason: `it reads its options with ${method}, which leaves unknown ones alone`, line: r.line(node) };
      return;
    }
    if (method === 'parse_args' || method === 'parse_intermixed_args') {
      if (!jsonargparse) r.readers.add('argparse');
      return;
    }
    if (name === 'valohai.prepare') {
      valohaiPrepare(r, node, args);
      return;
    }
    if (name === 'valohai.parameters' || name === 'valohai.inputs') {
      const first = callArgs(mod, args).positional[0];
      const value = literalString(mod, first);
      if (value !== undefined) r.valohaiReads.push({ kind: name === 'valohai.parameters' ? 'parameter' : 'input', name: value, line: r.line(node) });
      return;
    }
    if (name && /(^|\.)ArgumentParser$/.test(name) && !jsonargparse) {
      r.readers.add('argparse');
      const abbrev = callArgs(mod, args).keywords.get('allow_abbrev');
      const v = abbrev ? literal(mod, abbrev) : undefined;
      if (v?.kind === 'bool' && !v.value) r.allowAbbrev = false;
      return;
    }
    if (name) {
      for (const [re, reader] of FOREIGN_CALLS) {
        if (re.test(name)) r.unknownReader(reader);
      }
    }
  });
  if (jsonargparse) r.unknownReader('jsonargparse');
  if (r.readers.size === 0 && /\bsys\.argv\b|\bargv\b/.test(source)) r.unknownReader('sys.argv');
  // Only valohai-utils: it reads with parse_known_args and merely warns about the rest.
  if (r.valohai && ![...r.readers].some((x) => x !== 'valohai-utils')) {
    r.acceptsUnknown ??= { reason: 'valohai-utils reads its parameters with parse_known_args and only warns about the others', line: r.valohai.line };
  }
  const face: ScriptInterface = {
    definitions: definitionsOf(mod),
    syntaxErrors: mod.syntaxErrors(),
    readers: [...r.readers],
    options: r.options,
    complete: r.complete,
    allowAbbrev: r.allowAbbrev,
    valohaiReads: r.valohaiReads,
  };
  if (r.acceptsUnknown) face.acceptsUnknown = r.acceptsUnknown;
  if (r.valohai) face.valohai = r.valohai;
  return face;
}

/** The option strings that turn an option on (flags) or set it, then those that turn it off. */
export function optionStrings(o: ScriptOption): string[] {
  return [...o.flags, ...o.offFlags];
}

/** Whether giving the option takes a value after it (`--lr 0.1`, `--lr=0.1`). */
export function takesValue(o: ScriptOption): boolean {
  if (['store_true', 'store_false', 'store_const', 'append_const', 'count', 'help', 'version'].includes(o.action)) return false;
  return o.nargs !== 0;
}
