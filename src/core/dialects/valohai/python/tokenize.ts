/**
 * Python 3.9's tokenizer, as far as `eval` input needs: names (statement keywords such as `if`
 * become plain names, as Valohai rewrites them before parsing), numbers, strings with their
 * prefixes, operators, bracket matching and implicit line joining. Errors are worded as
 * CPython 3.9 words them, with the line.
 *
 * Usage: `tokenize('loss < 0.1')` → name, op, number, newline, end
 */

/** Python keywords that stay keywords; the rest are rewritten to names before parsing. */
const EXPRESSION_KEYWORDS = new Set(['False', 'None', 'True', 'and', 'for', 'in', 'not', 'or', 'is']);

export class PySyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`${message} (<expression>, line ${line})`);
  }
}

// ---- tokens ------------------------------------------------------------------------------

export type TokenType = 'name' | 'keyword' | 'number' | 'string' | 'op' | 'newline' | 'end';
export interface Token {
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

export function tokenize(source: string): Token[] {
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
