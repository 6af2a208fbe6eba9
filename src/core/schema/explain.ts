/**
 * ajv's errors explained: each becomes one finding at the exact key or value it is about, and the
 * noise of alternatives (anyOf/oneOf/if-then) collapses to the one message that helps. A finding
 * may say how it would fix itself (`fix`); schemaFixes.ts turns that into text edits.
 *
 * Schemas may carry `"x-messages": { "<keyword>": "text with {value}" }` beside a keyword to
 * replace the generic wording for that keyword's failures (dialect-specific advice lives there).
 */
import type { ErrorObject } from 'ajv';
import { isMapping } from '../guards';
import { MESSAGES_KEYWORD, type JsonSchema } from '../contracts/schema';
import type { Path } from '../contracts/path';
import { suggest } from './didYouMean';
import { describeValue, expectedTypes, joinWords, keyLabel, nounLabel, sentence, showValue } from './wording';

/** Where a message points: the key naming a value, the value itself, or the mapping as a whole. */
export type Part = 'key' | 'value' | 'object';

export interface Finding {
  path: Path;
  part: Part;
  message: string;
  /** How the finding would fix itself, turned into text edits once the text is at hand. */
  fix?: FixPlan;
}

/** Rename a key, replace a value, add missing keys (beside the others or under an empty key), re-type a scalar. */
export type FixPlan =
  | { kind: 'rename'; to: string }
  | { kind: 'replace'; to: string }
  | { kind: 'insert'; keys: string[] }
  | { kind: 'insertUnder'; keys: string[] }
  | { kind: 'retype'; expected: string[] };

/** An ajv error on its way to becoming a finding, or a finding already made from a group of errors. */
interface Item {
  instancePath: string;
  schemaPath: string;
  path: Path;
  error?: ErrorObject;
  finding?: Finding;
}

/** Turn raw ajv errors into one human finding per problem (exported for tests and other callers). */
export function explainErrors(errors: ErrorObject[], value: unknown): Finding[] {
  const items = collapseAlternatives(errors, value);
  const typeFailed = new Set(items.filter((i) => i.error?.keyword === 'type').map((i) => i.instancePath));
  const findings: Finding[] = [];
  const missing = new Map<string, { path: Path; keys: string[] }>();
  for (const item of items) {
    if (item.finding) {
      findings.push(item.finding);
      continue;
    }
    const e = item.error!;
    // A value of the wrong type fails its enum/pattern/required too; the type is the one thing to fix.
    if (e.keyword !== 'type' && typeFailed.has(item.instancePath)) continue;
    if (e.keyword === 'required') {
      const entry = missing.get(item.instancePath) ?? { path: item.path, keys: [] };
      const key = String((e.params as { missingProperty: string }).missingProperty);
      if (!entry.keys.includes(key)) entry.keys.push(key);
      missing.set(item.instancePath, entry);
      continue;
    }
    findings.push(explainError(e, item.path, value));
  }
  for (const { path, keys } of missing.values()) {
    const quoted = joinWords(keys.map((k) => `"${k}"`));
    findings.push({
      path,
      part: 'object',
      message: sentence(`${nounLabel(path)} is missing ${quoted} — add ${keys.length > 1 ? 'them' : 'it'}`),
      fix: { kind: 'insert', keys },
    });
  }
  return findings;
}

function toPath(instancePath: string, value: unknown): Path {
  const path: Path = [];
  let current: unknown = value;
  for (const raw of instancePath.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      const index = Number(seg);
      path.push(index);
      current = current[index];
    } else {
      path.push(seg);
      current = current && typeof current === 'object' ? (current as Record<string, unknown>)[seg] : undefined;
    }
  }
  return path;
}

function isUnder(instancePath: string, base: string): boolean {
  return instancePath === base || instancePath.startsWith(`${base}/`);
}

/**
 * ajv reports every failed branch of an anyOf/oneOf, then the anyOf itself. The branch errors
 * come right before it, so they are gathered back from the end of what was emitted so far and
 * replaced by the findings of the branch that fits the data best.
 */
function collapseAlternatives(errors: ErrorObject[], value: unknown): Item[] {
  const out: Item[] = [];
  for (const e of errors) {
    // `if` only says "the then-branch failed"; the then-branch's own errors say how.
    if (e.keyword === 'if') continue;
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') {
      out.push({ instancePath: e.instancePath, schemaPath: e.schemaPath, path: toPath(e.instancePath, value), error: e });
      continue;
    }
    const block: Item[] = [];
    while (out.length > 0 && belongsToAlternatives(out[out.length - 1], e)) block.unshift(out.pop()!);
    out.push(...resolveAlternatives(e, block, toPath(e.instancePath, value)));
  }
  return out;
}

function belongsToAlternatives(item: Item, e: ErrorObject): boolean {
  if (!isUnder(item.instancePath, e.instancePath)) return false;
  if (item.schemaPath.startsWith(`${e.schemaPath}/`)) return true;
  // Other keywords of the schema holding the anyOf (enum, not, ...) are siblings, not branches.
  const parent = e.schemaPath.slice(0, e.schemaPath.lastIndexOf('/'));
  if (item.schemaPath.startsWith(`${parent}/`)) {
    const next = item.schemaPath.slice(parent.length + 1).split('/')[0];
    return next === '$defs';
  }
  return true;
}

function branchRefs(e: ErrorObject): (string | undefined)[] {
  const branches = Array.isArray(e.schema) ? (e.schema as unknown[]) : [];
  return branches.map((b) => (b && typeof b === 'object' && typeof (b as JsonSchema).$ref === 'string' ? String((b as JsonSchema).$ref) : undefined));
}

function pureRequiredKeys(e: ErrorObject): string[] | undefined {
  const branches = Array.isArray(e.schema) ? (e.schema as unknown[]) : [];
  const keys: string[] = [];
  for (const b of branches) {
    if (!b || typeof b !== 'object') return undefined;
    const entries = Object.keys(b as object);
    const required = (b as JsonSchema).required;
    if (entries.length !== 1 || !Array.isArray(required) || required.length !== 1) return undefined;
    keys.push(String(required[0]));
  }
  return keys.length > 0 ? keys : undefined;
}

function resolveAlternatives(e: ErrorObject, block: Item[], path: Path): Item[] {
  const base = { instancePath: e.instancePath, schemaPath: e.schemaPath, path };
  const data = e.data;
  const passing = (e.params as { passingSchemas?: number[] | null }).passingSchemas;

  // "Exactly one of these keys" (oneOf/anyOf of `required`): say it in those words.
  const keys = pureRequiredKeys(e);
  if (keys) {
    if (!isMapping(data)) return [];
    const present = keys.filter((k) => k in data);
    const quoted = (list: string[]) => joinWords(list.map((k) => `"${k}"`), 'or');
    const message =
      Array.isArray(passing) || present.length > 1
        ? `${nounLabel(path)} has ${joinWords(present.map((k) => `"${k}"`))} — keep only one of them`
        : `${nounLabel(path)} needs ${keys.length > 2 ? 'one of ' : ''}${quoted(keys)} — add ${keys.length > 2 ? 'one' : 'one of them'}`;
    return [{ ...base, finding: { path, part: 'object', message: sentence(message) } }];
  }
  if (Array.isArray(passing)) {
    return [{ ...base, finding: { path, part: 'value', message: sentence(`${keyLabel(path)} fits more than one of the allowed forms — make it match exactly one`) } }];
  }

  // Attribute each branch error to its branch: by schema path, else to the branch being evaluated.
  const count = Array.isArray(e.schema) ? (e.schema as unknown[]).length : 0;
  const refs = branchRefs(e);
  const byBranch: Item[][] = Array.from({ length: count }, () => []);
  let current = 0;
  for (const item of block) {
    const direct = item.schemaPath.slice(e.schemaPath.length + 1).split('/')[0];
    if (item.schemaPath.startsWith(`${e.schemaPath}/`) && /^\d+$/.test(direct)) current = Number(direct);
    else {
      const viaRef = refs.findIndex((r) => r !== undefined && (item.schemaPath === r || item.schemaPath.startsWith(`${r}/`)));
      if (viaRef >= 0) current = viaRef;
    }
    byBranch[Math.min(current, count - 1)]?.push(item);
  }
  // A branch whose own type does not fit the data is not what the person meant.
  const wrongType = (items: Item[]) => items.some((i) => i.error?.keyword === 'type' && i.instancePath === e.instancePath);
  const fitting = byBranch.filter((items) => items.length > 0 && !wrongType(items));
  if (fitting.length === 0) {
    const types = byBranch.flatMap((items) =>
      items.filter((i) => i.error?.keyword === 'type' && i.instancePath === e.instancePath).flatMap((i) => (i.error!.params as { type: string | string[] }).type),
    );
    const expected = expectedTypes([...new Set(types)]);
    return [{ ...base, finding: { path, part: 'value', message: sentence(`${keyLabel(path)} must be ${expected}, not ${describeValue(data)}`) } }];
  }
  fitting.sort((a, b) => a.length - b.length);
  if (fitting.length === 1 || fitting[0].length < fitting[1].length) return fitting[0];
  return [{ ...base, finding: { path, part: 'value', message: sentence(`${keyLabel(path)} does not match any of the allowed forms`) } }];
}

function customMessage(e: ErrorObject): string | undefined {
  const messages = (e.parentSchema as JsonSchema | undefined)?.[MESSAGES_KEYWORD] as Record<string, string> | undefined;
  const text = messages?.[e.keyword];
  return text?.replace(/\{value\}/g, showValue(e.data));
}

function requiredOf(schema: unknown): string[] {
  const required = (schema as JsonSchema | undefined)?.required;
  return Array.isArray(required) ? required.map(String) : [];
}

function listAllowed(values: unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

function explainError(e: ErrorObject, path: Path, root: unknown): Finding {
  const custom = customMessage(e);
  const params = e.params as Record<string, unknown>;
  const key = keyLabel(path);
  const value = (message: string): Finding => ({ path, part: 'value', message: sentence(custom ?? message) });
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const allowed = Object.keys(((e.parentSchema as JsonSchema | undefined)?.properties as object | undefined) ?? {});
      const guess = suggest(name, allowed);
      const advice = guess
        ? ` — did you mean "${guess}"?`
        : allowed.length > 0 && allowed.length <= 10
          ? ` — allowed keys: ${allowed.join(', ')}`
          : ' — remove it or check its spelling';
      return {
        path: [...path, name],
        part: 'key',
        message: custom ?? `Unknown key "${name}" in ${nounLabel(path)}${advice}`,
        fix: guess && !(e.data && typeof e.data === 'object' && guess in e.data) ? { kind: 'rename', to: guess } : undefined,
      };
    }
    case 'type': {
      const expected = params.type as string | string[];
      if (e.data === null || e.data === undefined) {
        const types = Array.isArray(expected) ? expected : [expected];
        if (types.includes('object')) {
          // Nearly always an indentation slip: the lines meant to be inside ended up beside it.
          const required = requiredOf(e.parentSchema);
          const add = required.length > 0 ? `add ${joinWords(required)}` : 'add its keys under it';
          return {
            path,
            part: 'value',
            message: sentence(custom ?? `${nounLabel(path)} is empty — ${add}; check the indentation of the lines below`),
            fix: required.length > 0 ? { kind: 'insertUnder', keys: required } : undefined,
          };
        }
        return value(`${key} is empty — it must be ${expectedTypes(expected)}`);
      }
      return { ...value(`${key} must be ${expectedTypes(expected)}, not ${describeValue(e.data)}`), fix: { kind: 'retype', expected: Array.isArray(expected) ? expected : [expected] } };
    }
    case 'enum': {
      const allowed = params.allowedValues as unknown[];
      const guess = typeof e.data === 'string' ? suggest(e.data, allowed.filter((v): v is string => typeof v === 'string')) : undefined;
      return { ...value(`${key} must be one of: ${listAllowed(allowed)}${guess ? ` — did you mean "${guess}"?` : ''}`), fix: guess ? { kind: 'replace', to: guess } : undefined };
    }
    case 'const':
      return value(`${key} must be ${listAllowed([params.allowedValue])}`);
    case 'pattern':
      return value(`${key} must match the pattern ${String(params.pattern)}`);
    case 'maxLength':
      return value(`${key} is too long (${String(e.data).length} characters) — at most ${String(params.limit)} are allowed`);
    case 'minLength':
      return value(`${key} is too short — at least ${String(params.limit)} characters are needed`);
    case 'minimum':
    case 'exclusiveMinimum':
      return value(`${key} must be ${e.keyword === 'minimum' ? 'at least' : 'more than'} ${String(params.limit)}, not ${String(e.data)}`);
    case 'maximum':
    case 'exclusiveMaximum':
      return value(`${key} must be ${e.keyword === 'maximum' ? 'at most' : 'less than'} ${String(params.limit)}, not ${String(e.data)}`);
    case 'items':
    case 'maxItems':
      return value(`${key} has ${Array.isArray(e.data) ? e.data.length : 'too many'} items — at most ${String(params.limit)} are allowed`);
    case 'minItems':
      return value(`${key} needs at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`);
    case 'uniqueItems':
      return value(`${key} has the same item twice (items ${Number(params.j) + 1} and ${Number(params.i) + 1})`);
    case 'not': {
      // `not: {required: [k]}` is "k is not allowed here": point at that key.
      const banned = requiredOf(e.schema).find((k) => e.data && typeof e.data === 'object' && k in e.data);
      if (banned) {
        return { path: [...path, banned], part: 'key', message: custom ?? `"${banned}" is not allowed in ${nounLabel(path)} here` };
      }
      return value(`${key} is not allowed in this form`);
    }
    default:
      // Extension keywords (extensions.ts) put their whole human message in params.message.
      if (typeof params.message === 'string') {
        // About a whole mapping under a key: marked on the key, not across all its lines.
        const here = path.reduce<unknown>((v, seg) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined), root);
        const onMapping = isMapping(here) && typeof path[path.length - 1] === 'string';
        return { path, part: onMapping ? 'key' : 'value', message: sentence(params.message) };
      }
      return value(`${key} ${e.message ?? 'is not valid'}`);
  }
}
