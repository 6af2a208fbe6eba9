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
import { parsePythonExpression, type PyNode } from './parse';
import { PySyntaxError } from './tokenize';

const MAX_DEPTH = 8;

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
