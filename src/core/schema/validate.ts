/**
 * JSON Schema validation of a parsed document, reported as diagnostics a person can act on: the
 * dialect's validator runs (compile.ts), its errors are explained (explain.ts), each finding is
 * placed at its exact range, and findings that know their fix carry it (schemaFixes.ts).
 *
 * Usage: `const diagnostics = validateDocument(parsed, dialect.schema, dialect.validator)`
 */
import type { Document } from 'yaml';
import { isMap, isScalar, type Node } from 'yaml';
import type { JsonSchema, SchemaValidator } from '../contracts/schema';
import type { Diagnostic } from '../contracts/diagnostics';
import type { Path } from '../contracts/path';
import { locatePath, rangeOfPath } from '../document/paths';
import { compileSchema } from './compile';
import { explainErrors, type Finding } from './explain';
import { planFixes } from './schemaFixes';

/**
 * Validate `parsed.value` against `schema`; every failure as an error diagnostic with a range.
 * With the text at hand (a ParsedDocument has it), findings that know their fix carry `fixes`.
 */
export function validateDocument(parsed: { doc: Document.Parsed; value: unknown; text?: string }, schema: JsonSchema, validate: SchemaValidator = compileSchema(schema)): Diagnostic[] {
  if (validate(parsed.value)) return [];
  const findings = explainErrors(validate.errors ?? [], parsed.value);
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const f of findings) {
    const range = rangeFor(parsed.doc, f);
    const key = `${range[0]}:${range[1]}:${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const d: Diagnostic = { severity: 'error', source: 'schema', path: f.path, range, message: f.message };
    if (f.fix && parsed.text !== undefined) {
      const fixes = planFixes({ doc: parsed.doc, value: parsed.value, text: parsed.text }, schema, f, range);
      if (fixes.length > 0) d.fixes = fixes;
    }
    out.push(d);
  }
  return out.sort((a, b) => a.range[0] - b.range[0]);
}

/** The first key of a mapping: a list item is best marked by its first line, not all of it. */
function firstKeyRange(doc: Document.Parsed, path: Path): [number, number] | undefined {
  const node = locatePath(doc, path).node as Node | null | undefined;
  if (isMap(node) && node.items.length > 0) {
    const k = node.items[0].key;
    if (isScalar(k) && k.range) return [k.range[0], k.range[1]];
  }
  return undefined;
}

function rangeFor(doc: Document.Parsed, f: Finding): [number, number] {
  if (f.part === 'object') {
    const last = f.path[f.path.length - 1];
    if (typeof last === 'string') return rangeOfPath(doc, f.path, 'key');
    return firstKeyRange(doc, f.path) ?? rangeOfPath(doc, f.path, 'value');
  }
  return rangeOfPath(doc, f.path, f.part);
}
