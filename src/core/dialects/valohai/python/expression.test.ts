import { describe, expect, it } from 'vitest';
import { checkExpression } from './expression';
import { parsePythonExpression } from './parse';

describe('checkExpression accepts what leval accepts', () => {
  it.each([
    'stop > 1',
    'metadata.accuracy < .8',
    'a and b or not c',
    'max(a, b) > min(c, d)',
    'loss <= 0.05 and epoch >= 10',
    '"x" == \'y\'',
    'a in (1, 2)',
    '{a, b}',
    'a is not None',
    'a // b / c * d - e + f',
    '-(-(-(-(-(-a)))))',
    'if(x)', // statement keywords are rewritten to names (`_if`)
    'stop > 1 # trailing comment',
    '0x1F + 0o7 + 0b1 + 1_000 + 1.5e3',
  ])('%s', (expression) => {
    expect(checkExpression(expression)).toBeUndefined();
  });
});

describe('checkExpression rejects with the platform messages', () => {
  it.each([
    ['stop me if you can', 'invalid syntax (<expression>, line 1)'],
    ["can't stop me now", 'EOL while scanning string literal (<expression>, line 1)'],
    ["'''open", 'EOF while scanning triple-quoted string literal (<expression>, line 1)'],
    ['(a', 'unexpected EOF while parsing (<expression>, line 1)'],
    ['a)', "unmatched ')' (<expression>, line 1)"],
    ['a\nb', 'invalid syntax (<expression>, line 2)'],
    ['  a', 'unexpected indent (<expression>, line 1)'],
    ['a if b else c', 'invalid syntax (<expression>, line 1)'],
    ['a = 1', 'invalid syntax (<expression>, line 1)'],
    ['', 'invalid syntax (<expression>, line 0)'],
    ['a < b < c', 'Only simple comparisons are supported'],
    ['[1, 2]', 'Operation List is not allowed'],
    ['x[1]', 'Operation Subscript is not allowed'],
    ['{1: 2}', 'Operation Dict is not allowed'],
    ['f"{a}"', 'Operation JoinedStr is not allowed'],
    ['[x for x in y]', 'Operation ListComp is not allowed'],
    ['-(-(-(-(-(-(-a))))))', 'Expression is too complex (8 > 8)'],
    ['f(g(h(i(j(k(l(m)))))))', 'Expression is too complex (8 > 8)'],
    ['a ** 2', 'Binary operator <ast.Pow object at 0x…> is not allowed'],
    ['a % 2', 'Binary operator <ast.Mod object at 0x…> is not allowed'],
    ['~a', 'invalid unary op: <ast.Invert object at 0x…>'],
    ['f(a=1)', 'Kwarg calls are not allowed'],
    ['a.b()', 'Invalid call to func <ast.Attribute object at 0x…>'],
    ['a.b(c).d', 'Unsupported attribute structure in <ast.Attribute object at 0x…>'],
    ["b'x'", "Invalid constant <ast.Constant object at 0x…> (<class 'bytes'>)"],
    ['f(a=1, b)', 'positional argument follows keyword argument (<expression>, line 1)'],
  ])('%s', (expression, message) => {
    expect(checkExpression(expression)).toBe(message);
  });
});

describe('parsePythonExpression', () => {
  it('builds Python AST node types with Python precedence', () => {
    const tree = parsePythonExpression('not a == -b ** 2');
    expect(tree.type).toBe('Expression');
    const not = tree.children[0];
    expect(not).toMatchObject({ type: 'UnaryOp', ops: ['Not'] });
    const compare = not.children[0];
    expect(compare).toMatchObject({ type: 'Compare', ops: ['Eq'] });
    expect(compare.children[1]).toMatchObject({ type: 'UnaryOp', ops: ['USub'] });
    expect(compare.children[1].children[0]).toMatchObject({ type: 'BinOp', ops: ['Pow'] });
  });
});
