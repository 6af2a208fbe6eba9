/**
 * Determined's schema keywords (optionalRef, union, checks, compareProperties,
 * disallowProperties, eventuallyRequired, eventually) for ajv and for navigation, with the
 * semantics of the master's Go validator (master/pkg/schemas/extensions).
 *
 * `union` and `checks` are `code` keywords: their subschemas are validated inline, in the same
 * compilation as the rest of the schema, so `#/$defs/...` refs resolve against our root and the
 * errors they produce already carry absolute instance paths. A union then keeps only the errors
 * of the first item whose unionKey selects the data (or its own message): one clear finding
 * instead of one per alternative. The functions their generated code calls are exported and
 * referenced with importedFunc, so the build-time validators (generateValidators.ts) import them.
 *
 * Usage: `withExtensions(schemaJson, DETERMINED_EXTENSIONS)`
 */
import { isMapping } from '../../guards';
import type { ErrorObject, KeywordCxt } from 'ajv';
import { _, getProperty, Name, strConcat } from 'ajv/dist/compile/codegen';
import { extendErrors, resetErrorsCount } from 'ajv/dist/compile/errors';
import type { SchemaExtension } from '../../schema/extensions';
import { importedFunc } from '../../schema/importedFunc';
import { roughlyMatches } from '../../schema/schemaAtPath';
import type { JsonSchema } from '../../contracts/schema';

/**
 * The names ajv's generated code uses (as in ajv/dist/compile/names, whose default export Node's
 * ESM loader does not unwrap — the CLI runs as ESM).
 */
const N = { errors: new Name('errors'), vErrors: new Name('vErrors'), instancePath: new Name('instancePath') };

/** This file, for the imports of the build-time validators (see importedFunc). */
const THIS_MODULE = 'src/core/dialects/determined/extensions.ts';

export interface UnionItem extends JsonSchema {
  unionKey: string;
}
export interface UnionValue {
  defaultMessage?: string;
  items: UnionItem[];
}

/** Whether a unionKey (`always`, `never`, `not:K`, `const:p=s`, `singleproperty:p`, `type:array|object`, `hasattr:p`) selects `data`. */
export function unionKeyMatches(key: string, data: unknown): boolean {
  if (key === 'always') return true;
  if (key === 'never') return false;
  if (key.startsWith('not:')) return !unionKeyMatches(key.slice(4), data);
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const arg = key.slice(colon + 1);
  switch (kind) {
    case 'const': {
      const eq = arg.indexOf('=');
      return isMapping(data) && data[arg.slice(0, eq)] === arg.slice(eq + 1);
    }
    case 'singleproperty':
      return isMapping(data) && Object.keys(data).length === 1 && arg in data;
    case 'hasattr':
      return isMapping(data) && arg in data;
    case 'type':
      return arg === 'array' ? Array.isArray(data) : arg === 'object' ? isMapping(data) : false;
    default:
      throw new Error(`unknown unionKey "${key}"`);
  }
}

/** The property all `const:p=...` keys of a union discriminate on (`name` for searchers), if there is one. */
function discriminator(union: UnionValue): string | undefined {
  const props = new Set(union.items.filter((i) => i.unionKey.startsWith('const:')).map((i) => i.unionKey.slice(6, i.unionKey.indexOf('='))));
  return props.size === 1 ? [...props][0] : undefined;
}

function makeError(keyword: string, instancePath: string, schemaPath: string, message: string, data: unknown, parentSchema: unknown): ErrorObject {
  return { keyword, instancePath, schemaPath, params: { message }, message, data, parentSchema: parentSchema as JsonSchema };
}

/**
 * A failed check becomes its one message, in place of the subschema's errors (from `start` on);
 * where those all point at one value inside this one (`storage_path`), the message goes there.
 */
export function checkErrors(vErrors: ErrorObject[] | null, start: number, instancePath: string, schemaPath: string, message: string, data: unknown, parent: unknown): ErrorObject[] {
  const all = vErrors ?? [];
  const paths = new Set(all.slice(start).map((e) => e.instancePath));
  const inner = paths.size === 1 ? [...paths][0] : instancePath;
  const at = inner.startsWith(`${instancePath}/`) ? inner : instancePath;
  return [...all.slice(0, start), makeError('checks', at, schemaPath, message, data, parent)];
}

/**
 * Determined's rule once the items are validated (`starts[i]` = error count before item i, last =
 * after all): keep the errors of the first item whose unionKey selects the data; when there is
 * none (or it had no errors), report the union's own message.
 */
export function unionErrors(vErrors: ErrorObject[] | null, starts: number[], data: unknown, instancePath: string, schemaPath: string, union: UnionValue, parent: unknown): ErrorObject[] {
  const all = vErrors ?? [];
  const kept = all.slice(0, starts[0]);
  const chosen = union.items.findIndex((item) => unionKeyMatches(item.unionKey, data));
  if (chosen >= 0) {
    const own = all.slice(starts[chosen], starts[chosen + 1]);
    if (own.length > 0) return [...kept, ...own];
  }
  const prop = discriminator(union);
  const at = prop && isMapping(data) && prop in data ? { path: `${instancePath}/${prop}`, value: data[prop] } : { path: instancePath, value: data };
  const shown = typeof at.value === 'string' ? at.value : JSON.stringify(at.value);
  const message = (union.defaultMessage ?? 'does not match any of the allowed forms').replace(/\{value\}/g, shown);
  return [...kept, makeError('union', at.path, `${schemaPath}/union`, message, at.value, parent)];
}

/** A function of this file called from generated code, by its exported name. */
const funcRef = (cxt: KeywordCxt, fn: (...args: never[]) => unknown, name: string): Name => importedFunc(cxt.gen, fn, THIS_MODULE, name);

/** Where the current value is, as the instancePath string of errors made there. */
const instancePathCode = (cxt: KeywordCxt) => strConcat(N.instancePath, cxt.it.errorPath);
const parentSchemaCode = (cxt: KeywordCxt) => _`${cxt.it.topSchemaRef}${cxt.it.schemaPath}`;

export const optionalRef: SchemaExtension = {
  definition: {
    keyword: 'optionalRef',
    schemaType: 'string',
    // null means "not provided"; anything else must match the referenced schema. (A macro would
    // add a "must pass optionalRef" error of its own on top of the target's errors.)
    code(cxt: KeywordCxt) {
      const { gen, it, data } = cxt;
      gen.if(_`${data} !== null`, () => {
        const valid = gen.name('_valid');
        cxt.subschema(
          { schema: { $ref: cxt.schema as string }, schemaPath: _`${it.schemaPath}${getProperty('optionalRef')}`, errSchemaPath: `${it.errSchemaPath}/optionalRef`, topSchemaRef: it.topSchemaRef },
          valid,
        );
      });
    },
  },
  // Any value but null is read as the target (so an absent key shows the target's keys too).
  expand: (ref, data) => (data === null ? { anyOf: [{ type: 'null' }, { $ref: ref }] } : { $ref: ref as string }),
};

export const union: SchemaExtension = {
  definition: {
    keyword: 'union',
    schemaType: 'object',
    code(cxt: KeywordCxt) {
      const { gen, it, data } = cxt;
      const value = cxt.schema as UnionValue;
      const starts = gen.const('starts', _`[]`);
      const passing = gen.let('passing', 0);
      const before = gen.const('_errs', N.errors);
      value.items.forEach((item, i) => {
        gen.code(_`${starts}.push(${N.errors})`);
        const valid = gen.name('_valid');
        cxt.subschema(
          {
            schema: item,
            schemaPath: _`${it.schemaPath}${getProperty('union')}${getProperty('items')}[${i}]`,
            errSchemaPath: `${it.errSchemaPath}/union/items/${i}`,
            topSchemaRef: it.topSchemaRef,
            compositeRule: true,
          },
          valid,
        );
        gen.if(valid, () => gen.code(_`${passing}++`));
      });
      gen.code(_`${starts}.push(${N.errors})`);
      gen.if(
        _`${passing} === 1`,
        () => resetErrorsCount(gen, before),
        () => {
          const fn = funcRef(cxt, unionErrors, 'unionErrors');
          gen.assign(N.vErrors, _`${fn}(${N.vErrors}, ${starts}, ${data}, ${instancePathCode(cxt)}, ${it.errSchemaPath}, ${cxt.schemaValue}, ${parentSchemaCode(cxt)})`);
          gen.assign(N.errors, _`${N.vErrors}.length`);
        },
      );
    },
  },
  expand: (value, data, root) => expandUnion(value as UnionValue, data, root),
  // Every current shape; the form offers a switch between them where they all have a title (hyperparameters).
  alternatives: (value) => (value as UnionValue).items.filter((i) => i.deprecated !== true).map(strip),
};

function strip(item: UnionItem): JsonSchema {
  const { unionKey: _key, ...rest } = item;
  return rest;
}

/**
 * The union item the data means, for completion/hover/the form. Fallback items (`always`,
 * `not:...`) and undecided data also get the discriminator as an enum of the current (not
 * deprecated) choices, so `name:` under `searcher:` offers the searchers that still exist.
 */
function expandUnion(value: UnionValue, data: unknown, root: JsonSchema): JsonSchema | undefined {
  const present = data !== undefined && data !== null;
  const decided = present ? value.items.find((i) => unionKeyMatches(i.unionKey, data)) : undefined;
  if (decided && decided.unionKey !== 'always' && !decided.unionKey.startsWith('not:')) {
    // The chosen branch, with its discriminator still offering every current choice (the form's select).
    const prop = discriminator(value);
    if (!prop || !decided.unionKey.startsWith(`const:${prop}=`)) return strip(decided);
    const current = value.items.filter((i) => i.unionKey.startsWith(`const:${prop}=`) && i.deprecated !== true);
    return { allOf: [strip(decided), { type: 'object', properties: { [prop]: { enum: current.map((i) => i.unionKey.slice(i.unionKey.indexOf('=') + 1)) } } }] };
  }
  // `never` items (a string or a map, a plain hyperparameter value) are told apart by shape.
  const never = value.items.filter((i) => i.unionKey === 'never');
  const fits = present ? never.filter((i) => roughlyMatches(root, strip(i), data)) : [];
  if (fits.length > 0 && !(decided && roughlyMatches(root, strip(decided), data))) return fits.length === 1 ? strip(fits[0]) : { anyOf: fits.map(strip) };
  const prop = discriminator(value);
  if (!prop) return decided ? strip(decided) : { anyOf: never.map(strip) };
  const current = value.items.filter((i) => i.unionKey.startsWith(`const:${prop}=`) && i.deprecated !== true);
  const choices = { type: 'object', properties: { [prop]: { enum: current.map((i) => i.unionKey.slice(i.unionKey.indexOf('=') + 1)) } } };
  return decided ? { allOf: [strip(decided), choices] } : choices;
}

export const unionKey: SchemaExtension = { definition: { keyword: 'unionKey', schemaType: 'string' } };

export const checks: SchemaExtension = {
  definition: {
    keyword: 'checks',
    schemaType: 'object',
    code(cxt: KeywordCxt) {
      const { gen, it, data } = cxt;
      for (const message of Object.keys(cxt.schema as object)) {
        const errs = gen.const('_errs', N.errors);
        const valid = gen.name('_valid');
        cxt.subschema({ keyword: 'checks', schemaProp: message, compositeRule: true }, valid);
        gen.if(_`!${valid}`, () => {
          const fn = funcRef(cxt, checkErrors, 'checkErrors');
          gen.assign(N.vErrors, _`${fn}(${N.vErrors}, ${errs}, ${instancePathCode(cxt)}, ${`${it.errSchemaPath}/checks`}, ${message}, ${data}, ${parentSchemaCode(cxt)})`);
          gen.assign(N.errors, _`${N.vErrors}.length`);
        });
      }
    },
  },
};

/** `/a/../b` → `/b`; a relative path that climbs out stays with its leading `..`. */
function normalizePath(p: string): string {
  const absolute = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !absolute) out.push(part);
  }
  return (absolute ? '/' : '') + out.join('/');
}

interface Comparison {
  type: 'a<b' | 'a<=b' | 'a_is_subdir_of_b';
  a: string;
  b: string;
}

function dotted(data: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (isMapping(v) ? v[k] : undefined), data);
}

/** Whether the comparison holds; a missing value or one of the wrong type is not compared. */
function compares(c: Comparison, data: unknown): boolean {
  const a = dotted(data, c.a);
  const b = dotted(data, c.b);
  if (c.type === 'a_is_subdir_of_b') {
    if (typeof a !== 'string') return true;
    const norm = normalizePath(a);
    if (!norm.startsWith('/')) return norm !== '..' && !norm.startsWith('../');
    if (typeof b !== 'string') return true;
    const base = normalizePath(b).replace(/\/$/, '');
    return norm === base || norm.startsWith(`${base}/`);
  }
  if (typeof a !== 'number' || typeof b !== 'number') return true;
  return c.type === 'a<b' ? a < b : a <= b;
}

const compareWords: Record<Comparison['type'], (c: Comparison) => string> = {
  'a<b': (c) => `${c.a} must be less than ${c.b}`,
  'a<=b': (c) => `${c.a} must not be greater than ${c.b}`,
  a_is_subdir_of_b: (c) => `${c.a} must be a relative path or a path inside ${c.b}`,
};

/** The errors of a `compareProperties` keyword on `data` (none when the comparison holds). */
export function compareErrors(schema: Comparison, data: unknown, instancePath: string): Partial<ErrorObject>[] {
  if (compares(schema, data)) return [];
  const at = isMapping(data) && schema.a in data ? `/${schema.a}` : '';
  return [{ keyword: 'compareProperties', instancePath: instancePath + at, params: { message: compareWords[schema.type](schema) } }];
}

/** The errors of a `disallowProperties` keyword: one per disallowed key present, with its message. */
export function disallowErrors(schema: Record<string, string>, data: unknown, instancePath: string): Partial<ErrorObject>[] {
  if (!isMapping(data)) return [];
  return Object.keys(schema)
    .filter((k) => k in data)
    .map((k) => ({ keyword: 'disallowProperties', instancePath: `${instancePath}/${k}`, params: { message: schema[k] } }));
}

/**
 * A keyword checked by one of the functions above, `(keyword value, data, instancePath) → errors`;
 * the errors are completed (schemaPath, and schema and data when verbose) as ajv completes those
 * of a `validate` keyword — a `code` keyword, because a `validate` function cannot be imported
 * by standalone code.
 */
function checkedBy<S>(keyword: string, check: (schema: S, data: unknown, instancePath: string) => Partial<ErrorObject>[], name: string): SchemaExtension['definition'] {
  return {
    keyword,
    schemaType: 'object',
    trackErrors: true,
    code(cxt: KeywordCxt) {
      const { gen, data } = cxt;
      const found = gen.const('found', _`${funcRef(cxt, check, name)}(${cxt.schemaValue}, ${data}, ${instancePathCode(cxt)})`);
      gen.if(_`${found}.length > 0`, () => {
        gen.assign(N.vErrors, _`${N.vErrors} === null ? ${found} : ${N.vErrors}.concat(${found})`);
        gen.assign(N.errors, _`${N.vErrors}.length`);
        extendErrors(cxt);
      });
    },
  };
}

export const compare: SchemaExtension = { definition: checkedBy('compareProperties', compareErrors, 'compareErrors') };

export const disallow: SchemaExtension = { definition: checkedBy('disallowProperties', disallowErrors, 'disallowErrors') };

/** Enforced only after the cluster's defaults are merged (the "completeness" phase): annotations here. */
export const eventuallyRequired: SchemaExtension = { definition: { keyword: 'eventuallyRequired', schemaType: 'array' } };
export const eventually: SchemaExtension = { definition: { keyword: 'eventually', schemaType: 'object' } };

export const DETERMINED_EXTENSIONS: readonly SchemaExtension[] = [optionalRef, union, unionKey, checks, compare, disallow, eventuallyRequired, eventually];
