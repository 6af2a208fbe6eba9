/**
 * One copy of each string a document's value repeats. A config says `type: float` or the same
 * image on thousands of lines, and every reading of it — a value cloned across the worker
 * boundary, a scalar read from its own piece of text — is a separate string of its own in memory
 * (JavaScript cannot tell them apart, the heap can: 6,250 copies of one image name are 300 KB).
 * The pool hands out the first copy it saw instead.
 *
 * Usage: `const pool = new StringPool(); pool.string(s); pool.value(freshlyClonedValue)`
 */

/** Longer strings are seldom repeated (commands, descriptions): they are kept as they are. */
const MAX_LENGTH = 200;

export class StringPool {
  private seen = new Map<string, string>();

  /** `limit`: how many distinct strings are remembered; past it the pool starts afresh. */
  constructor(private readonly limit = 100_000) {}

  /** The pool's copy of `s` (`s` itself the first time). */
  string(s: string): string {
    if (s.length > MAX_LENGTH) return s;
    const known = this.seen.get(s);
    if (known !== undefined) return known;
    if (this.seen.size >= this.limit) this.seen = new Map();
    this.seen.set(s, s);
    return s;
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
