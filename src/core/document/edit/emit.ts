/**
 * The YAML emitter for values the planner inserts: one method per construct (a scalar, a flow
 * collection, block lines), as eemeli/yaml's stringify does it, but writing into an `Out`
 * that remembers where the written scalar (the Leaf) landed, so the plan can report its range.
 * It is ours rather than yaml's `stringify` because new lines must copy THIS document's habits
 * (indentation, `- ` gap, quotes, CRLF) and scalars must go through `renderScalar`, so they read
 * back exactly under the dialect's YAML version.
 *
 * Usage:
 *   const emit = new Emitter('1.1', layoutOf(parsed));
 *   const out = emit.fragment({ name: 'train', tags: ['a'] }, 2, true); // "  name: train\n  tags:\n    - a"
 */
import { isMapping } from '../../guards';
import { renderScalar, type ScalarStyle, type ScalarType, type YamlVersion } from '../scalar';
import { EditError } from './plan';
import type { Layout } from './text';

/** The scalar the intent writes; its position in the new text becomes the plan's valueRange. */
export class Leaf {
  constructor(
    readonly value: unknown,
    readonly as?: ScalarType,
    readonly literal?: string,
  ) {}
}

export function isCollectionValue(v: unknown): v is unknown[] | Record<string, unknown> {
  return Array.isArray(v) || isMapping(v);
}

/** A non-empty collection is written as a block; `{}`/`[]` and scalars fit on the line. */
export function isBlockValue(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 : isMapping(v) && Object.keys(v).length > 0;
}

export function leafOf(value: unknown, as?: ScalarType, literal?: string): unknown {
  return isCollectionValue(value) || value instanceof Flow ? value : new Leaf(value, as, literal);
}

/** A collection to write in flow style (`[a, b]`) even where block style would fit. */
export class Flow {
  constructor(readonly value: unknown[] | Record<string, unknown>) {}
}

/** A fragment of text being rendered, with the position of the Leaf in it. */
export class Out {
  s = '';
  leaf?: [number, number];
  style?: ScalarStyle;
}

export interface InlineOptions {
  flow: boolean;
  /** Content column for a block scalar. */
  indent: number;
  /** The style of the scalar being replaced; undefined lets a multi-line text become a `|` block. */
  style?: string;
  trailingNewline?: boolean;
}

/** Writes values as YAML text in a document's layout; the planner sets the two fields below for the place it writes at. */
export class Emitter {
  /** False while writing at the end of a text without a final newline. */
  trailingNewline = true;
  /**
   * New block scalars must be indented at least this deep: the first line after the written text
   * is indented one less, and a `|` block would swallow a deeper line (even a comment) as content.
   */
  blockFloor = 0;

  constructor(
    readonly version: YamlVersion,
    readonly layout: Layout,
  ) {}

  private renderLeaf(value: unknown, as: ScalarType | undefined, literal: string | undefined, o: InlineOptions, key = false) {
    try {
      return renderScalar(value, {
        version: this.version,
        as,
        literal,
        // A new multi-line text too shallow for a block is double-quoted instead.
        style: o.style ?? (o.indent < this.blockFloor ? 'PLAIN' : undefined),
        context: o.flow ? 'flow' : 'block',
        key,
        indent: o.indent,
        quote: this.layout.quote,
        eol: this.layout.eol,
        trailingNewline: o.trailingNewline ?? this.trailingNewline,
      });
    } catch (e) {
      throw new EditError(e instanceof Error ? e.message : String(e));
    }
  }

  key(name: string, flow: boolean): string {
    return this.renderLeaf(name, 'string', undefined, { flow, indent: 0 }, true).source;
  }

  /** A scalar, an empty collection, or (in flow) any collection, on the current line. */
  writeInline(out: Out, v: unknown, o: InlineOptions, key = false): void {
    if (v instanceof Flow) {
      this.writeInline(out, v.value, { ...o, flow: true });
      return;
    }
    if (isCollectionValue(v)) {
      const entries = Array.isArray(v) ? v.map((x) => [undefined, x] as const) : Object.entries(v);
      if (!entries.length || o.flow) {
        out.s += Array.isArray(v) ? '[' : '{';
        entries.forEach(([k, x], i) => {
          if (i) out.s += ', ';
          if (k !== undefined) out.s += `${this.key(k, true)}: `;
          this.writeInline(out, x, { flow: true, indent: 0 });
        });
        out.s += Array.isArray(v) ? ']' : '}';
        return;
      }
      throw new EditError('Internal: a block collection was written inline');
    }
    const leaf = v instanceof Leaf ? v : undefined;
    const r = this.renderLeaf(leaf ? leaf.value : v, leaf?.as, leaf?.literal, o, key);
    if (leaf) {
      out.leaf = [out.s.length, out.s.length + r.source.length];
      out.style = r.style;
    }
    out.s += r.source;
  }

  /** A non-empty collection as block lines at column `col`; the first line's indentation is already written. */
  writeBlock(out: Out, v: unknown[] | Record<string, unknown>, col: number): void {
    const { eol, unit, seqIndent } = this.layout;
    if (Array.isArray(v)) {
      const gap = this.layout.gap;
      v.forEach((item, i) => {
        if (i) out.s += eol + ' '.repeat(col);
        out.s += '-' + ' '.repeat(gap);
        this.writeValue(out, item, col + 1 + gap, col + 1 + gap);
      });
      return;
    }
    Object.entries(v).forEach(([k, item], i) => {
      if (i) out.s += eol + ' '.repeat(col);
      out.s += `${this.key(k, false)}:`;
      if (isBlockValue(item)) {
        const c = col + (Array.isArray(item) ? seqIndent : unit);
        out.s += eol + ' '.repeat(c);
        this.writeBlock(out, item as Record<string, unknown>, c);
      } else {
        out.s += ' ';
        this.writeInline(out, item, { flow: false, indent: col + unit });
      }
    });
  }

  /** Any value where its first line continues the current one (after `- ` or at a fresh indent). */
  writeValue(out: Out, v: unknown, col: number, blockIndent: number): void {
    if (isBlockValue(v)) this.writeBlock(out, v as Record<string, unknown>, col);
    else this.writeInline(out, v, { flow: false, indent: blockIndent });
  }
  /** Lines of a block fragment at `col`; with `pad` false the first line's indentation is left out. */
  fragment(v: unknown[] | Record<string, unknown>, col: number, pad: boolean): Out {
    const out = new Out();
    if (pad) out.s = ' '.repeat(col);
    this.writeBlock(out, v, col);
    return out;
  }
}
