/**
 * One copy of each string a document's value repeats. A config says `type: float` or the same
 * image on thousands of lines, and every reading of it — a value cloned across the worker
 * boundary, a scalar read from its own piece of text — is a separate string of its own in memory
 * (JavaScript cannot tell them apart, the heap can: 6,250 copies of one image name are 300 KB).
 * The pool hands out the first copy it saw instead.
 *
 * Usage: `const pool = new StringPool(); pool.string(s); pool.value(freshlyClonedValue)`
 */

/**
 * Longer strings are seldom repeated (commands, descriptions): they are not remembered, only
 * handed back as they are (or as their own copy, see `ownCopies`).
 */
const MAX_LENGTH = 200;

/**
 * A copy of `s` that holds nothing else alive. V8 makes a slice (13 characters or more) point into
 * the string it was cut from, and a string built by `+` point to its parts: a 40-character name
 * cut from a 50,000-line text keeps all of that text.
 */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

export class StringPool {
  private seen = new Map<string, string>();
  private readonly limit: number;
  private readonly ownCopies: boolean;

  /**
   * `limit`: how many distinct strings are remembered; past it the pool starts afresh.
   * `ownCopies`: strings it hands out hold nothing else alive (see ownCopy) — for strings cut from
   * a document's text, not for those a structured clone made (they are copies already).
   */
  constructor({ limit = 100_000, ownCopies = false }: { limit?: number; ownCopies?: boolean } = {}) {
    this.limit = limit;
    this.ownCopies = ownCopies;
  }

  /** The pool's copy of `s` (`s` itself the first time, or its own copy of it). */
  string(s: string): string {
    if (s.length > MAX_LENGTH) return this.ownCopies ? ownCopy(s) : s;
    const known = this.seen.get(s);
    if (known !== undefined) return known;
    if (this.seen.size >= this.limit) this.seen = new Map();
    const own = this.ownCopies ? ownCopy(s) : s;
    this.seen.set(own, own);
    return own;
  }

  /**
   * Replaces, in place, every string inside `value` (plain objects and arrays, as a structured
   * clone or JSON gives them) by the pool's copy; keys are left alone (the engine already keeps
   * one copy of each property name). Shared and circular parts (YAML aliases) are visited once.
   * Returns `value` (a string's pool copy for a string).
   */
  value<T>(value: T): T {
    if (typeof value === 'string') return this.string(value) as T;
    this.walk(value, new Set());
    return value;
  }

  private walk(value: unknown, visited: Set<object>): void {
    if (typeof value !== 'object' || value === null || visited.has(value)) return;
    visited.add(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (typeof v === 'string') value[i] = this.string(v);
        else this.walk(v, visited);
      }
    } else if (Object.getPrototypeOf(value) === Object.prototype) {
      const o = value as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        const v = o[k];
        // An own `__proto__` key (YAML allows it) is not assigned: that would set the prototype.
        if (typeof v === 'string') {
          if (k !== '__proto__') o[k] = this.string(v);
        } else this.walk(v, visited);
      }
    }
  }
}
