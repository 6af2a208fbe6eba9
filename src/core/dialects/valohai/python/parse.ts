/**
 * A recursive-descent parser for Python 3.9's `eval` input, giving just enough of the AST for
 * leval's rules (node types are Python's `ast` class names). Syntax errors read as CPython's.
 *
 * Usage: `parsePythonExpression('a < b < c')` → { type: 'Expression', children: [{ type: 'Compare', ops: ['Lt', 'Lt'], ... }] }
 */
import { PySyntaxError, tokenize, type Token, type TokenType } from './tokenize';

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

/** Parse Python's eval input into the small AST above; throws a Python-worded syntax error. */
export function parsePythonExpression(source: string): PyNode {
  return new Parser(tokenize(source)).parseEval();
}
