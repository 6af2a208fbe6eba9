/**
 * The yaml library Composer's token-level steps, for the block subset `blockTokens` reads: what
 * the tokens before a node say about it (resolveProps), what trails it on its line (resolveEnd),
 * double-quoted escapes, where an absent value sits, a block scalar's text, and the comments
 * before the document. blockCompose.ts builds the nodes with them. Each throws `UNSUPPORTED` for
 * a shape the Composer reports as an error.
 */
import { isCollection, isPair, type CST, type Document, type Node } from 'yaml';
import { unsupported } from './cstBuilder';

type SourceToken = CST.SourceToken;

/** What the tokens before a node say about it (the Composer's resolveProps, for this subset). */
export interface Props {
  found: SourceToken | null;
  spaceBefore: boolean;
  comment: string;
  hasNewline: boolean;
  end: number;
}

export function props(tokens: readonly SourceToken[], indicator: string, offset: number, startOnNewline: boolean): Props {
  let spaceBefore = false;
  let atNewline = startOnNewline;
  let hasSpace = startOnNewline;
  let comment = '';
  let commentSep = '';
  let hasNewline = false;
  let found: SourceToken | null = null;
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
        hasSpace = true;
        break;
      case 'comment': {
        if (!hasSpace) unsupported();
        const text = token.source.substring(1) || ' ';
        comment = comment ? comment + commentSep + text : text;
        commentSep = '';
        atNewline = false;
        break;
      }
      case 'newline':
        if (!atNewline) commentSep += token.source;
        else if (comment) comment += token.source;
        else if (!found || indicator !== 'seq-item-ind') spaceBefore = true;
        atNewline = true;
        hasNewline = true;
        hasSpace = true;
        break;
      default:
        if (token.type !== indicator || found) unsupported();
        found = token;
        atNewline = indicator === 'seq-item-ind';
        hasSpace = false;
    }
  }
  const last = tokens[tokens.length - 1];
  return { found, spaceBefore, comment, hasNewline, end: last ? last.offset + last.source.length : offset };
}

/** The comment and end of what trails a node on its line (the Composer's resolveEnd). */
export function trailing(end: readonly SourceToken[] | undefined, offset: number, reqSpace: boolean): { comment: string; offset: number } {
  let comment = '';
  if (end) {
    let hasSpace = false;
    let sep = '';
    for (const token of end) {
      if (token.type === 'space') hasSpace = true;
      else if (token.type === 'comment') {
        if (reqSpace && !hasSpace) unsupported();
        const text = token.source.substring(1) || ' ';
        comment = comment ? comment + sep + text : text;
        sep = '';
      } else if (token.type === 'newline') {
        if (comment) sep += token.source;
        hasSpace = true;
      } else unsupported();
      offset += token.source.length;
    }
  }
  return { comment, offset };
}

/** What a backslash and one character stand for in a double-quoted scalar. */
const ESCAPES = new Map(Object.entries({ '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\' }));

/** A one-line double-quoted scalar's text (doubleQuotedValue); an invalid escape is the Composer's error. */
export function unescape(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      out += body[i];
      continue;
    }
    const next = body[++i];
    const simple = ESCAPES.get(next);
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const length = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    const hex = body.substr(i + 1, length);
    if (length === 0 || hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex) || parseInt(hex, 16) > 0x10ffff) unsupported();
    out += String.fromCodePoint(parseInt(hex, 16));
    i += length;
  }
  return out;
}

/** Where an absent value sits: after the last indicator and its spaces (emptyScalarPosition). */
export function emptyPosition(offset: number, before: readonly SourceToken[]): number {
  for (let i = before.length - 1; i >= 0; --i) {
    let st = before[i];
    if (st.type === 'space' || st.type === 'comment' || st.type === 'newline') {
      offset -= st.source.length;
      continue;
    }
    st = before[++i];
    while (st?.type === 'space') {
      offset += st.source.length;
      st = before[++i];
    }
    break;
  }
  return offset;
}

/**
 * A block scalar's value (resolveBlockScalar): lines indented at least as far as the first one
 * with content, that indentation removed; `>` folds lines into spaces except around blank and
 * more-indented lines; `-` drops the final line breaks, `+` keeps them all, and by default one is
 * kept. `indent` is the enclosing collection's.
 */
export function blockText(crlfOrLf: string, indent: number, folded: boolean, chomp: string): string {
  // A CRLF ends a line as an LF does: the Composer drops the CR of each line it reads.
  const source = crlfOrLf.includes('\r') ? crlfOrLf.replaceAll('\r\n', '\n') : crlfOrLf;
  const lines: [string, string][] = [];
  for (let at = 0; source && at <= source.length; ) {
    const nl = source.indexOf('\n', at);
    const line = nl < 0 ? source.slice(at) : source.slice(at, nl);
    let n = 0;
    while (line.charCodeAt(n) === 32) n++;
    lines.push([line.slice(0, n), line.slice(n)]);
    if (nl < 0) break;
    at = nl + 1;
  }
  let chompStart = lines.length;
  while (chompStart > 0 && lines[chompStart - 1][1] === '') chompStart--;
  if (chompStart === 0) return chomp === '+' && lines.length > 0 ? '\n'.repeat(Math.max(1, lines.length - 1)) : '';
  let trim = indent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const [lead, content] = lines[i];
    if (content === '') {
      if (lead.length > trim) trim = lead.length;
      continue;
    }
    // More-indented blank lines before the first line need an indentation digit; a value in a
    // collection must be indented: both are errors.
    if (lead.length < trim || lead.length === 0) unsupported();
    trim = lead.length;
    contentStart = i;
    break;
  }
  for (let i = lines.length - 1; i >= chompStart; --i) if (lines[i][0].length > trim) chompStart = i + 1;
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; ++i) value += lines[i][0].slice(trim) + '\n';
  for (let i = contentStart; i < chompStart; ++i) {
    const [lead, content] = lines[i];
    if (content && lead.length < trim) unsupported();
    if (!folded) {
      value += sep + lead.slice(trim) + content;
      sep = '\n';
    } else if (lead.length > trim) {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + lead.slice(trim) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  if (chomp === '+') {
    for (let i = chompStart; i < lines.length; ++i) value += '\n' + lines[i][0].slice(trim);
    if (value[value.length - 1] !== '\n') value += '\n';
  } else if (chomp !== '-') value += '\n';
  return value;
}

/** Comments before the document's first line (the Composer's parsePrelude and decorate). */
export function placePrelude(doc: Document.Parsed, prelude: string[]): void {
  let comment = '';
  let atComment = false;
  let afterEmptyLine = false;
  for (const source of prelude) {
    if (source[0] === '#') {
      comment += (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') + (source.substring(1) || ' ');
      atComment = true;
      afterEmptyLine = false;
    } else {
      if (!atComment) afterEmptyLine = true;
      atComment = false;
    }
  }
  if (!comment) return;
  const dc = doc.contents;
  if (afterEmptyLine || doc.directives.docStart || !dc) doc.commentBefore = comment;
  else if (isCollection(dc) && !dc.flow && dc.items.length > 0) {
    const first = dc.items[0];
    const it = (isPair(first) ? first.key : first) as Node;
    it.commentBefore = it.commentBefore ? `${comment}\n${it.commentBefore}` : comment;
  } else dc.commentBefore = dc.commentBefore ? `${comment}\n${dc.commentBefore}` : comment;
}
