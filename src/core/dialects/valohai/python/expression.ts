/**
 * Checks a `stop-condition` the way Valohai does: the text is parsed as a Python expression
 * (with statement keywords such as `if` turned into plain names first) and then walked by the
 * `leval` rules — names, dotted names, calls of plain names, constants, tuples and sets, unary
 * + - not, binary + - * / //, and/or, one comparison at a time, nesting below 8 levels.
 * Messages are the ones the platform prints (Python 3.9 wording for syntax errors).
 *
 * Usage: `checkExpression('loss < 0.1')` → `undefined`;
 *        `checkExpression('a < b < c')` → `'Only simple comparisons are supported'`
 */

/** Python keywords that stay keywords; the rest are rewritten to names before parsing. */
const EXPRESSION_KEYWORDS = new Set(['False', 'None', 'True', 'and', 'for', 'in', 'not', 'or', 'is']);
const MAX_DEPTH = 8;

class PySyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`${message} (<expression>, line ${line})`);
  }
}

// ---- tokens ------------------------------------------------------------------------------

type TokenType = 'name' | 'keyword' | 'number' | 'string' | 'op' | 'newline' | 'end';
interface Token {
  type: TokenType;
  text: string;
  line: number;
  /** For strings: 'f' (f-string), 'b' (bytes) or '' (plain text). */
  flavor?: string;
  /** For numbers: int, float or complex. */
  numberKind?: 'int' | 'float' | 'complex';
}

const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '...', '->', ':=', '**', '//', '<<', '>>', '<=', '>=', '==', '!=',
  '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=',
  '+', '-', '*', '/', '%', '@', '&', '|', '^', '~', '<', '>', '(', ')', '[', ']', '{', '}', ',', ':', '.', ';', '=',
];
const CLOSING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const NAME_START = /[\p{L}\p{Nl}_]/u;
const NAME_REST = /^[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_]*/u;
const STRING_PREFIX = /^(?:[rRuUfFbB]|[fF][rR]|[rR][fF]|[bB][rR]|[rR][bB])?(?='|")/;
const DIGITS = String.raw`\d(?:_?\d)*`;
const NUMBER = new RegExp(
  String.raw`^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|` +
    String.raw`(?:(?:${DIGITS})?\.${DIGITS}|${DIGITS}\.?)(?:[eE][+-]?${DIGITS})?[jJ]?)`,
);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const brackets: { ch: string; line: number }[] = [];
  let i = 0;
  let line = 1;
  let lineStart = true;
  const push = (type: TokenType, text: string, extra: Partial<Token> = {}) => tokens.push({ type, text, line, ...extra });

  while (i < source.length) {
    if (lineStart && brackets.length === 0) {
      // Indentation only matters on a line that has code on it.
      let j = i;
      while (j < source.length && (source[j] === ' ' || source[j] === '\t' || source[j] === '\f')) j++;
      const rest = source[j];
      if (j > i && rest !== undefined && rest !== '\n' && rest !== '\r' && rest !== '#' && rest !== '\\') {
        throw new PySyntaxError('unexpected indent', line);
      }
      i = j;
      lineStart = false;
      continue;
    }
    const ch = source[i];
    if (ch === ' ' || ch === '\t' || ch === '\f') {
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (ch === '\\') {
      const next = source.slice(i + 1, i + 3);
      if (next.startsWith('\n') || next.startsWith('\r')) {
        i += next.startsWith('\r\n') ? 3 : 2;
        line++;
        continue;
      }
      throw new PySyntaxError('unexpected character after line continuation character', line);
    }
    if (ch === '\n' || ch === '\r') {
      i += source.startsWith('\r\n', i) ? 2 : 1;
      if (brackets.length === 0) {
        if (tokens.length > 0 && tokens[tokens.length - 1].type !== 'newline') push('newline', '\n');
        lineStart = true;
      }
      line++;
      continue;
    }
    const prefix = STRING_PREFIX.exec(source.slice(i, i + 3));
    if (prefix) {
      i = readString(source, i, prefix[0], line, (text, flavor, lines) => {
        push('string', text, { flavor });
        line += lines;
      });
      continue;
    }
    if (/\d/.test(ch) || (ch === '.' && /\d/.test(source[i + 1] ?? ''))) {
      const m = NUMBER.exec(source.slice(i));
      const text = m ? m[0] : ch;
      if (/^0[_\d]+$/.test(text) && /[1-9]/.test(text)) {
        throw new PySyntaxError('leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers', line);
      }
      if (NAME_START.test(source[i + text.length] ?? '') || /\d/.test(source[i + text.length] ?? '')) {
        throw new PySyntaxError('invalid syntax', line);
      }
      const numberKind = /[jJ]$/.test(text) ? 'complex' : /^0[xXoObB]/.test(text) || !/[.eE]/.test(text) ? 'int' : 'float';
      push('number', text, { numberKind });
      i += text.length;
      continue;
    }
    if (NAME_START.test(ch)) {
      const text = ch + NAME_REST.exec(source.slice(i + ch.length))![0];
      push(EXPRESSION_KEYWORDS.has(text) ? 'keyword' : 'name', text);
      i += text.length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op) {
      if ('([{'.includes(op)) brackets.push({ ch: op, line });
      if (op in CLOSING) {
        const open = brackets.pop();
        if (!open) throw new PySyntaxError(`unmatched '${op}'`, line);
        if (open.ch !== CLOSING[op]) {
          const where = open.line !== line ? ` on line ${open.line}` : '';
          throw new PySyntaxError(`closing parenthesis '${op}' does not match opening parenthesis '${open.ch}'${where}`, line);
        }
      }
      push('op', op);
      i += op.length;
      continue;
    }
    const code = ch.codePointAt(0)!;
    if (code > 127) {
      const char = String.fromCodePoint(code);
      throw new PySyntaxError(`invalid character '${char}' (U+${code.toString(16).toUpperCase().padStart(4, '0')})`, line);
    }
    throw new PySyntaxError('invalid syntax', line);
  }
  if (brackets.length > 0) throw new PySyntaxError('unexpected EOF while parsing', line);
  // Python reports an input without any code on "line 0".
  if (tokens.length === 0) throw new PySyntaxError('invalid syntax', 0);
  if (tokens.length > 0 && tokens[tokens.length - 1].type !== 'newline') push('newline', '\n');
  push('end', '');
  return tokens;
}

function readString(
  source: string,
  start: number,
  prefix: string,
  line: number,
  emit: (text: string, flavor: string, lines: number) => void,
): number {
  const flavor = /[fF]/.test(prefix) ? 'f' : /[bB]/.test(prefix) ? 'b' : '';
  let i = start + prefix.length;
  const quote = source[i];
  const triple = source.startsWith(quote.repeat(3), i);
  const delimiter = triple ? quote.repeat(3) : quote;
  i += delimiter.length;
  let lines = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '\\') {
      if (source[i + 1] === '\n') lines++;
      i += 2;
      continue;
    }
    if (source.startsWith(delimiter, i)) {
      emit(source.slice(start, i + delimiter.length), flavor, lines);
      return i + delimiter.length;
    }
    if (ch === '\n' || ch === '\r') {
      if (!triple) throw new PySyntaxError('EOL while scanning string literal', line + lines);
      lines++;
    }
    i++;
  }
  if (triple) throw new PySyntaxError('EOF while scanning triple-quoted string literal', line + lines);
  throw new PySyntaxError('EOL while scanning string literal', line + lines);
}

// ---- syntax tree -------------------------------------------------------------------------

/** Node types are Python's `ast` class names, because leval's messages name them. */
export interface PyNode {
  type: string;
  children: PyNode[];
  /** Operator class names: `Add`, `Pow`, `Lt`, `Not`, ... */
  ops?: string[];
  /** Constants: the Python class of the value. */
  constType?: string;
  /** Calls: whether keyword arguments (or `**`) are passed. */
  hasKeywords?: boolean;
}

const node = (type: string, children: PyNode[] = [], extra: Partial<PyNode> = {}): PyNode => ({ type, children, ...extra });

const COMPARE_OPS: Record<string, string> = { '==': 'Eq', '!=': 'NotEq', '<': 'Lt', '<=': 'LtE', '>': 'Gt', '>=': 'GtE' };
const BINARY_LEVELS: Record<string, string>[] = [
  { '|': 'BitOr' },
  { '^': 'BitXor' },
  { '&': 'BitAnd' },
  { '<<': 'LShift', '>>': 'RShift' },
  { '+': 'Add', '-': 'Sub' },
  { '*': 'Mult', '/': 'Div', '//': 'FloorDiv', '%': 'Mod', '@': 'MatMult' },
];

/** A recursive-descent parser for Python 3.9's `eval` input, producing just enough of the AST for leval's rules. */
class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private get tok(): Token {
    return this.tokens[this.pos];
  }
  private is(text: string, type: TokenType = 'op'): boolean {
    return this.tok.type === type && this.tok.text === text;
  }
  private isKw(text: string): boolean {
    return this.is(text, 'keyword');
  }
  private fail(): never {
    throw new PySyntaxError('invalid syntax', this.tok.line);
  }
  private expect(text: string): void {
    if (!this.is(text)) this.fail();
    this.pos++;
  }

  parseEval(): PyNode {
    const body = this.expressions();
    while (this.tok.type === 'newline') this.pos++;
    if (this.tok.type !== 'end') this.fail();
    return node('Expression', [body]);
  }

  private expressions(): PyNode {
    const first = this.expression();
    if (!this.is(',')) return first;
    const items = [first];
    while (this.is(',')) {
      this.pos++;
      if (!this.startsExpression()) break;
      items.push(this.expression());
    }
    return node('Tuple', items);
  }

  private startsExpression(): boolean {
    const t = this.tok;
    if (t.type === 'name' || t.type === 'number' || t.type === 'string') return true;
    if (t.type === 'keyword') return ['not', 'True', 'False', 'None'].includes(t.text);
    return t.type === 'op' && ['(', '[', '{', '-', '+', '~', '...'].includes(t.text);
  }

  /** `if`/`else`/`lambda` are names after the rewrite, so an expression is a disjunction. */
  private expression(): PyNode {
    return this.disjunction();
  }

  private namedExpression(): PyNode {
    if (this.tok.type === 'name' && this.tokens[this.pos + 1]?.text === ':=') {
      this.pos += 2;
      return node('NamedExpr', [node('Name'), this.expression()]);
    }
    return this.expression();
  }

  private starOrNamed(): PyNode {
    if (this.is('*')) {
      this.pos++;
      return node('Starred', [this.bitwise(0)]);
    }
    return this.namedExpression();
  }

  private disjunction(): PyNode {
    const first = this.conjunction();
    if (!this.isKw('or')) return first;
    const values = [first];
    while (this.isKw('or')) {
      this.pos++;
      values.push(this.conjunction());
    }
    return node('BoolOp', values, { ops: ['Or'] });
  }

  private conjunction(): PyNode {
    const first = this.inversion();
    if (!this.isKw('and')) return first;
    const values = [first];
    while (this.isKw('and')) {
      this.pos++;
      values.push(this.inversion());
    }
    return node('BoolOp', values, { ops: ['And'] });
  }

  private inversion(): PyNode {
    if (this.isKw('not')) {
      this.pos++;
      return node('UnaryOp', [this.inversion()], { ops: ['Not'] });
    }
    return this.comparison();
  }

  private compareOp(): string | undefined {
    const t = this.tok;
    if (t.type === 'op' && t.text in COMPARE_OPS) {
      this.pos++;
      return COMPARE_OPS[t.text];
    }
    if (this.isKw('in')) {
      this.pos++;
      return 'In';
    }
    if (this.isKw('not') && this.tokens[this.pos + 1]?.type === 'keyword' && this.tokens[this.pos + 1].text === 'in') {
      this.pos += 2;
      return 'NotIn';
    }
    if (this.isKw('is')) {
      this.pos++;
      if (this.isKw('not')) {
        this.pos++;
        return 'IsNot';
      }
      return 'Is';
    }
    return undefined;
  }

  private comparison(): PyNode {
    const left = this.bitwise(0);
    const ops: string[] = [];
    const comparators: PyNode[] = [];
    for (let op = this.compareOp(); op; op = this.compareOp()) {
      ops.push(op);
      comparators.push(this.bitwise(0));
    }
    return ops.length === 0 ? left : node('Compare', [left, ...comparators], { ops });
  }

  private bitwise(level: number): PyNode {
    if (level === BINARY_LEVELS.length) return this.factor();
    let left = this.bitwise(level + 1);
    const ops = BINARY_LEVELS[level];
    while (this.tok.type === 'op' && this.tok.text in ops) {
      const op = ops[this.tok.text];
      this.pos++;
      left = node('BinOp', [left, this.bitwise(level + 1)], { ops: [op] });
    }
    return left;
  }

  private factor(): PyNode {
    const unary: Record<string, string> = { '+': 'UAdd', '-': 'USub', '~': 'Invert' };
    if (this.tok.type === 'op' && this.tok.text in unary) {
      const op = unary[this.tok.text];
      this.pos++;
      return node('UnaryOp', [this.factor()], { ops: [op] });
    }
    const base = this.primary();
    if (this.is('**')) {
      this.pos++;
      return node('BinOp', [base, this.factor()], { ops: ['Pow'] });
    }
    return base;
  }

  private primary(): PyNode {
    let value = this.atom();
    for (;;) {
      if (this.is('.')) {
        this.pos++;
        if (this.tok.type !== 'name') this.fail();
        this.pos++;
        value = node('Attribute', [value]);
      } else if (this.is('(')) {
        this.pos++;
        value = this.call(value);
      } else if (this.is('[')) {
        this.pos++;
        value = node('Subscript', [value, this.slices()]);
        this.expect(']');
      } else {
        return value;
      }
    }
  }

  private call(func: PyNode): PyNode {
    const args: PyNode[] = [];
    let hasKeywords = false;
    let sawKeywordUnpack = false;
    while (!this.is(')')) {
      if (this.is('**')) {
        this.pos++;
        this.expression();
        hasKeywords = true;
        sawKeywordUnpack = true;
      } else if (this.tok.type === 'name' && this.tokens[this.pos + 1]?.text === '=') {
        this.pos += 2;
        this.expression();
        hasKeywords = true;
      } else {
        const arg = this.starOrNamed();
        if (hasKeywords && arg.type !== 'Starred') {
          const message = sawKeywordUnpack ? 'positional argument follows keyword argument unpacking' : 'positional argument follows keyword argument';
          throw new PySyntaxError(message, this.tok.line);
        }
        if (this.isKw('for')) {
          const generator = this.comprehension('GeneratorExp', arg);
          if (args.length > 0 || !this.is(')')) throw new PySyntaxError('Generator expression must be parenthesized', this.tok.line);
          args.push(generator);
          continue;
        }
        args.push(arg);
      }
      if (!this.is(',')) break;
      this.pos++;
    }
    this.expect(')');
    return node('Call', [func, ...args], { hasKeywords });
  }

  private slices(): PyNode {
    const first = this.slice();
    if (!this.is(',')) return first;
    const items = [first];
    while (this.is(',')) {
      this.pos++;
      if (this.is(']')) break;
      items.push(this.slice());
    }
    return node('Tuple', items);
  }

  private slice(): PyNode {
    const parts: PyNode[] = [];
    if (!this.is(':')) {
      const value = this.namedExpression();
      if (!this.is(':')) return value;
      parts.push(value);
    }
    this.expect(':');
    if (!this.is(':') && !this.is(']') && !this.is(',')) parts.push(this.expression());
    if (this.is(':')) {
      this.pos++;
      if (!this.is(']') && !this.is(',')) parts.push(this.expression());
    }
    return node('Slice', parts);
  }

  /** `for target in iterable` clauses (an `if` clause cannot exist: `if` became a name). */
  private comprehension(type: string, element: PyNode, extra: PyNode[] = []): PyNode {
    const parts = [element, ...extra];
    while (this.isKw('for')) {
      this.pos++;
      parts.push(this.targets());
      if (!this.isKw('in')) this.fail();
      this.pos++;
      parts.push(this.disjunction());
    }
    return node(type, parts);
  }

  private targets(): PyNode {
    const items = [this.starOrBitwise()];
    while (this.is(',')) {
      this.pos++;
      if (this.isKw('in')) break;
      items.push(this.starOrBitwise());
    }
    for (const t of items) this.assertAssignable(t);
    return items.length === 1 ? items[0] : node('Tuple', items);
  }

  private starOrBitwise(): PyNode {
    if (this.is('*')) {
      this.pos++;
      return node('Starred', [this.bitwise(0)]);
    }
    return this.bitwise(0);
  }

  private assertAssignable(t: PyNode): void {
    if (['Name', 'Attribute', 'Subscript'].includes(t.type)) return;
    if (t.type === 'Starred' || t.type === 'Tuple' || t.type === 'List') {
      t.children.forEach((c) => this.assertAssignable(c));
      return;
    }
    this.fail();
  }

  private atom(): PyNode {
    const t = this.tok;
    if (t.type === 'name') {
      this.pos++;
      return node('Name');
    }
    if (t.type === 'keyword' && (t.text === 'True' || t.text === 'False' || t.text === 'None')) {
      this.pos++;
      return node('Constant', [], { constType: t.text === 'None' ? 'NoneType' : 'bool' });
    }
    if (t.type === 'number') {
      this.pos++;
      return node('Constant', [], { constType: t.numberKind });
    }
    if (t.type === 'string') return this.strings();
    if (this.is('...')) {
      this.pos++;
      return node('Constant', [], { constType: 'ellipsis' });
    }
    if (this.is('(')) return this.parenthesized();
    if (this.is('[')) return this.bracketed();
    if (this.is('{')) return this.braced();
    return this.fail();
  }

  private strings(): PyNode {
    const flavors: string[] = [];
    while (this.tok.type === 'string') {
      flavors.push(this.tok.flavor ?? '');
      this.pos++;
    }
    const bytes = flavors.filter((f) => f === 'b').length;
    if (bytes > 0 && bytes < flavors.length) throw new PySyntaxError('cannot mix bytes and nonbytes literals', this.tokens[this.pos - 1].line);
    if (flavors.includes('f')) return node('JoinedStr');
    return node('Constant', [], { constType: bytes > 0 ? 'bytes' : 'str' });
  }

  private parenthesized(): PyNode {
    this.expect('(');
    if (this.is(')')) {
      this.pos++;
      return node('Tuple');
    }
    const first = this.starOrNamed();
    if (this.isKw('for')) {
      const gen = this.comprehension('GeneratorExp', first);
      this.expect(')');
      return gen;
    }
    if (this.is(')') && first.type !== 'Starred') {
      this.pos++;
      return first;
    }
    const items = [first];
    this.expect(',');
    while (!this.is(')')) {
      items.push(this.starOrNamed());
      if (!this.is(',')) break;
      this.pos++;
    }
    this.expect(')');
    return node('Tuple', items);
  }

  private bracketed(): PyNode {
    this.expect('[');
    const items: PyNode[] = [];
    while (!this.is(']')) {
      const item = this.starOrNamed();
      if (items.length === 0 && this.isKw('for')) {
        const comp = this.comprehension('ListComp', item);
        this.expect(']');
        return comp;
      }
      items.push(item);
      if (!this.is(',')) break;
      this.pos++;
    }
    this.expect(']');
    return node('List', items);
  }

  private braced(): PyNode {
    this.expect('{');
    if (this.is('}')) {
      this.pos++;
      return node('Dict');
    }
    // A dict if the first item is `key: value` or `**mapping`, a set otherwise.
    if (this.is('**')) return this.dictRest();
    const first = this.starOrNamed();
    if (this.is(':') && first.type !== 'Starred') {
      this.pos++;
      const value = this.expression();
      if (this.isKw('for')) {
        const comp = this.comprehension('DictComp', first, [value]);
        this.expect('}');
        return comp;
      }
      return this.dictRest([first, value]);
    }
    if (this.isKw('for')) {
      const comp = this.comprehension('SetComp', first);
      this.expect('}');
      return comp;
    }
    const items = [first];
    while (this.is(',')) {
      this.pos++;
      if (this.is('}')) break;
      items.push(this.starOrNamed());
    }
    this.expect('}');
    return node('Set', items);
  }

  private dictRest(items: PyNode[] = []): PyNode {
    for (;;) {
      if (items.length > 0) {
        if (!this.is(',')) break;
        this.pos++;
        if (this.is('}')) break;
      }
      if (this.is('**')) {
        this.pos++;
        items.push(this.bitwise(0));
      } else {
        items.push(this.expression());
        this.expect(':');
        items.push(this.expression());
      }
    }
    this.expect('}');
    return node('Dict', items);
  }
}

// ---- leval's rules -----------------------------------------------------------------------

const ALLOWED_BINARY = new Set(['Add', 'Sub', 'Mult', 'Div', 'FloorDiv']);
const ALLOWED_COMPARE = new Set(['Eq', 'NotEq', 'Lt', 'LtE', 'Gt', 'GtE', 'In', 'NotIn', 'Is', 'IsNot']);
const ALLOWED_CONSTANTS = new Set(['str', 'int', 'float', 'bool', 'NoneType']);

class LevalError extends Error {}

/** Python prints AST objects with their memory address, which no editor can know. */
const astObject = (name: string) => `<ast.${name} object at 0x…>`;

function visit(n: PyNode, depth: number): void {
  if (depth >= MAX_DEPTH) throw new LevalError(`Expression is too complex (${depth} > ${MAX_DEPTH})`);
  const inner = depth + 1;
  switch (n.type) {
    case 'Expression':
      return visit(n.children[0], inner);
    case 'Compare': {
      if (n.ops!.length !== 1) throw new LevalError('Only simple comparisons are supported');
      visit(n.children[0], inner);
      visit(n.children[1], inner);
      if (!ALLOWED_COMPARE.has(n.ops![0])) throw new LevalError(`Binary operator ${astObject(n.ops![0])} is not allowed`);
      return;
    }
    case 'Call': {
      const [func, ...args] = n.children;
      if (func.type !== 'Name') throw new LevalError(`Invalid call to func ${astObject(func.type)}`);
      if (n.hasKeywords) throw new LevalError('Kwarg calls are not allowed');
      for (const a of args) visit(a, inner);
      return;
    }
    case 'Constant':
      if (!ALLOWED_CONSTANTS.has(n.constType!)) throw new LevalError(`Invalid constant ${astObject('Constant')} (<class '${n.constType}'>)`);
      return;
    case 'Name':
      return;
    case 'Attribute': {
      // Dotted names are looked up whole; anything else before a dot is not a name.
      let base = n.children[0];
      while (base.type === 'Attribute') base = base.children[0];
      if (base.type !== 'Name') throw new LevalError(`Unsupported attribute structure in ${astObject('Attribute')}`);
      return;
    }
    case 'BinOp':
      visit(n.children[0], inner);
      visit(n.children[1], inner);
      if (!ALLOWED_BINARY.has(n.ops![0])) throw new LevalError(`Binary operator ${astObject(n.ops![0])} is not allowed`);
      return;
    case 'BoolOp':
      for (const c of n.children) visit(c, inner);
      return;
    case 'UnaryOp':
      visit(n.children[0], inner);
      if (n.ops![0] === 'Invert') throw new LevalError(`invalid unary op: ${astObject('Invert')}`);
      return;
    case 'Set':
    case 'Tuple':
      for (const c of n.children) visit(c, inner);
      return;
    default:
      throw new LevalError(`Operation ${n.type} is not allowed`);
  }
}

/** Parse Python's eval input into the small AST above; throws a Python-worded syntax error. */
export function parsePythonExpression(source: string): PyNode {
  return new Parser(tokenize(source)).parseEval();
}

/** Why Valohai would reject this stop condition, in the platform's words; undefined when it is fine. */
export function checkExpression(source: string): string | undefined {
  try {
    visit(parsePythonExpression(source), 0);
    return undefined;
  } catch (e) {
    if (e instanceof PySyntaxError || e instanceof LevalError) return e.message;
    throw e;
  }
}
