/**
 * A `- ` list item indented differently from the list it belongs to. The yaml reader reports
 * such a line as a key without `:`, a block used as a key, or stray text (MISSING_CHAR,
 * BLOCK_AS_IMPLICIT_KEY, MULTILINE_IMPLICIT_KEY, UNEXPECTED_TOKEN, BAD_INDENT) — none of which
 * says what is wrong. This finds the item line and the lists above it, to say so at that line.
 *
 * Usage: `const m = misplacedItem(text, err.pos[0]); if (m) report(m.range, m.message)`
 */

export interface MisplacedItem {
  /** Offset where the item's line starts (one finding per line). */
  lineStart: number;
  /** From the `-` to the end of its line. */
  range: [number, number];
  message: string;
}

interface Line {
  start: number;
  end: number;
  /** 0-based line number. */
  index: number;
  indent: number;
  text: string;
}

const ITEM = /^( *)-(?: |$)/;
/** `key:` with nothing after it but a comment: its value starts on a later line. */
const OPEN_KEY = /^ *((?:[^\s#'"][^#]*?)|'[^']*'|"[^"]*"):\s*(?:#.*)?$/;

function lineAt(text: string, pos: number, index: number): Line {
  // (lastIndexOf with a negative start still looks at offset 0: a text opening with a blank line.)
  const start = pos <= 0 ? 0 : text.lastIndexOf('\n', pos - 1) + 1;
  const nl = text.indexOf('\n', start);
  const end = nl < 0 ? text.length : nl;
  const body = text.slice(start, end).replace(/\r$/, '');
  return { start, end, index, indent: body.length - body.trimStart().length, text: body };
}

const isContent = (l: Line) => l.text.trim() !== '' && !l.text.trimStart().startsWith('#');

/** The content lines above `line`, nearest first. */
function* linesAbove(text: string, line: Line): Generator<Line> {
  let index = line.index;
  for (let end = line.start - 1; end >= 0; ) {
    const l = lineAt(text, end, --index);
    if (isContent(l)) yield l;
    end = l.start - 1;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Where a line above is, said relative to the item and by its text: the incremental parser
 * reads one top-level entry at a time, so a line number would depend on how the text was cut.
 */
function describeAbove(above: Line, item: Line): string {
  const body = above.text.trim();
  const shown = body.length > 30 ? `${body.slice(0, 29)}…` : body;
  const up = item.index - above.index;
  return `\`${shown}\`, ${up === 1 ? 'the line above' : `${up} lines above`}`;
}

/**
 * The item line the error at `pos` is about — the line holding `pos`, or the next content line
 * when `pos` ends a line — when it is a `- ` item that lines up with no list above it.
 */
export function misplacedItem(text: string, pos: number): MisplacedItem | undefined {
  const before = text.slice(0, pos);
  const index = before.split('\n').length - 1;
  let line = lineAt(text, pos, index);
  if (!ITEM.test(line.text) && text.slice(pos, line.end).trim() === '') {
    let next = line;
    do {
      if (next.end >= text.length) return undefined;
      next = lineAt(text, next.end + 1, next.index + 1);
    } while (!isContent(next));
    line = next;
  }
  if (!ITEM.test(line.text) || /^\s*\t/.test(line.text)) return undefined;

  const column = line.indent + 1;
  const range: [number, number] = [line.start + line.indent, line.end];
  // The lists this item could belong to: each `- ` line that is an ancestor of the item or a
  // sibling of one, innermost first (a line deeper than one already passed is inside it).
  const lists: { where: string; column: number }[] = [];
  let shallowest = Infinity;
  let first = true;
  for (const above of linesAbove(text, line)) {
    if (first && above.indent > line.indent && OPEN_KEY.test(above.text)) {
      const key = above.text.trim().replace(/:\s*(?:#.*)?$/, '');
      return {
        lineStart: line.start,
        range,
        message: `This list item starts at column ${column}, left of \`${key}:\` above it (column ${above.indent + 1}), so it is not read as its value — indent it to column ${above.indent + 1} or further`,
      };
    }
    first = false;
    if (above.indent > shallowest) continue;
    shallowest = above.indent;
    if (ITEM.test(above.text)) {
      if (above.indent === line.indent) return undefined; // it lines up: the error is something else
      if (!lists.some((l) => l.column === above.indent + 1)) lists.push({ where: describeAbove(above, line), column: above.indent + 1 });
    }
    if (above.indent === 0) break;
  }
  if (lists.length === 0) return undefined;
  const [near] = lists;
  const by = Math.abs(near.column - column);
  const how = near.column > column ? `indent it ${plural(by, 'more space')}` : `remove ${plural(by, 'space')} before it`;
  if (lists.length === 1) {
    return {
      lineStart: line.start,
      range,
      message: `This list item starts at column ${column}, but the items of its list start at column ${near.column} (${near.where}) — ${how} to line it up with them`,
    };
  }
  const each = lists.map((l) => `column ${l.column} (${l.where})`);
  const where = `${each.slice(0, -1).join(', ')} and ${each[each.length - 1]}`;
  const advice = by <= 2 ? `most likely it belongs to the first of these: ${how}` : 'move it to the column of the list it belongs to';
  return {
    lineStart: line.start,
    range,
    message: `This list item starts at column ${column}, which lines up with no list above it: the lists above start at ${where} — ${advice}`,
  };
}
