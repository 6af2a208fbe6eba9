/**
 * Python's `str.format_map`, the step that turns a valohai.yaml command template into the command
 * the platform runs: fields with attribute and index lookups, `!r`/`!s`/`!a` conversions and nested
 * format specs. It raises what CPython 3.11 raises (the type matters: valohai-yaml forgives a
 * ValueError while rendering but not a KeyError).
 *
 * Usage: `formatMap('--{name}={v:.2f}', { name: str('lr'), v: { t: 'float', v: 0.1 } })` → `--lr=0.10`
 */
import { pyFormat } from './formatSpec';
import { PyError, pyAscii } from './text';
import { pyRepr, pyStr, pyStrRepr, pyTypeName, type PyValue } from './values';

function getAttr(v: PyValue, attr: string): PyValue {
  if (v.t === 'int' || v.t === 'bool') {
    const n: PyValue = v.t === 'bool' ? { t: 'int', v: v.v ? 1 : 0 } : v;
    if (attr === 'real' || attr === 'numerator') return n;
    if (attr === 'imag') return { t: 'int', v: 0 };
    if (attr === 'denominator') return { t: 'int', v: 1 };
  }
  if (v.t === 'float') {
    if (attr === 'real') return v;
    if (attr === 'imag') return { t: 'float', v: 0 };
  }
  throw new PyError('Unsupported', `attribute lookup '.${attr}' on a ${pyTypeName(v)} is not emulated by the preview`);
}

function getItem(v: PyValue, key: string): PyValue {
  const isIndex = /^\d+$/.test(key);
  if (v.t === 'str') {
    if (!isIndex) throw new PyError('TypeError', "string indices must be integers, not 'str'");
    const chars = Array.from(v.v);
    const i = Number(key);
    if (i >= chars.length) throw new PyError('IndexError', 'string index out of range');
    return { t: 'str', v: chars[i] };
  }
  if (v.t === 'list') {
    if (!isIndex) throw new PyError('TypeError', "list indices must be integers or slices, not str");
    const i = Number(key);
    if (i >= v.items.length) throw new PyError('IndexError', 'list index out of range');
    return v.items[i];
  }
  if (v.t === 'dict') {
    const found = v.entries.find(([k]) => (isIndex ? (k.t === 'int' && String(k.v) === String(Number(key))) : k.t === 'str' && k.v === key));
    if (!found) throw new PyError('KeyError', isIndex ? String(Number(key)) : pyStrRepr(key));
    return found[1];
  }
  throw new PyError('TypeError', `'${pyTypeName(v)}' object is not subscriptable`);
}

/** The object a field name like `v`, `v[0]` or `name.real` stands for. */
function resolveField(field: string, env: Record<string, PyValue>): PyValue {
  let i = 0;
  while (i < field.length && field[i] !== '.' && field[i] !== '[') i++;
  const first = field.slice(0, i);
  if (first === '' || /^\d+$/.test(first)) throw new PyError('ValueError', 'Format string contains positional fields');
  if (!Object.prototype.hasOwnProperty.call(env, first)) throw new PyError('KeyError', pyStrRepr(first));
  let obj = env[first];
  while (i < field.length) {
    const c = field[i++];
    let name = '';
    if (c === '.') {
      while (i < field.length && field[i] !== '.' && field[i] !== '[') name += field[i++];
      if (!name) throw new PyError('ValueError', 'Empty attribute in format string');
      obj = getAttr(obj, name);
    } else if (c === '[') {
      const close = field.indexOf(']', i);
      if (close < 0) throw new PyError('ValueError', "Missing ']' in format string");
      name = field.slice(i, close);
      i = close + 1;
      if (!name) throw new PyError('ValueError', 'Empty attribute in format string');
      obj = getItem(obj, name);
    } else {
      throw new PyError('ValueError', "Only '.' or '[' may follow ']' in format field specifier");
    }
  }
  return obj;
}

function convert(v: PyValue, conversion: string | undefined): PyValue {
  if (conversion === undefined) return v;
  if (conversion === 'r') return { t: 'str', v: pyRepr(v) };
  if (conversion === 's') return { t: 'str', v: pyStr(v) };
  if (conversion === 'a') return { t: 'str', v: pyAscii(v) };
  const c = conversion.codePointAt(0)!;
  throw new PyError('ValueError', c > 32 && c < 127 ? `Unknown conversion specifier ${conversion}` : `Unknown conversion specifier \\x${c.toString(16)}`);
}

function render(template: string, env: Record<string, PyValue>, depth: number): string {
  if (depth <= 0) throw new PyError('ValueError', 'Max string recursion exceeded');
  const s = Array.from(template);
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '}') {
      if (s[i + 1] !== '}') throw new PyError('ValueError', "Single '}' encountered in format string");
      out += '}';
      i += 2;
      continue;
    }
    if (c !== '{') {
      out += c;
      i++;
      continue;
    }
    if (i + 1 >= s.length) throw new PyError('ValueError', "Single '{' encountered in format string");
    if (s[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    // A replacement field: name up to '!', ':' or '}' ('[...]' may hold any of them).
    i++;
    let field = '';
    let end = '';
    while (i < s.length) {
      const ch = s[i++];
      if (ch === '{') throw new PyError('ValueError', "unexpected '{' in field name");
      if (ch === '[') {
        field += ch;
        while (i < s.length && s[i] !== ']') field += s[i++];
        continue;
      }
      if (ch === '}' || ch === ':' || ch === '!') {
        end = ch;
        break;
      }
      field += ch;
    }
    let conversion: string | undefined;
    let spec = '';
    let specNeedsExpanding = false;
    if (end === '!' || end === ':') {
      let done = false;
      if (end === '!') {
        if (i >= s.length) throw new PyError('ValueError', 'end of string while looking for conversion specifier');
        conversion = s[i++];
        if (i < s.length) {
          const next = s[i++];
          if (next === '}') done = true;
          else if (next !== ':') throw new PyError('ValueError', "expected ':' after conversion specifier");
        }
      }
      if (!done) {
        let count = 1;
        let closed = false;
        while (i < s.length) {
          const ch = s[i++];
          if (ch === '{') {
            specNeedsExpanding = true;
            count++;
          } else if (ch === '}') {
            count--;
            if (count === 0) {
              closed = true;
              break;
            }
          }
          spec += ch;
        }
        if (!closed) throw new PyError('ValueError', "unmatched '{' in format spec");
      }
    } else if (end !== '}') {
      throw new PyError('ValueError', "expected '}' before end of string");
    }
    const obj = convert(resolveField(field, env), conversion);
    if (specNeedsExpanding) spec = render(spec, env, depth - 1);
    out += pyFormat(obj, spec);
  }
  return out;
}

/** Python's `template.format_map(env)`; raises {@link PyError} as Python would raise. */
export function formatMap(template: string, env: Record<string, PyValue>): string {
  return render(template, env, 2);
}
