/**
 * `pipewright schema --dialect ID`: the printed schema is standard JSON Schema draft-07 that a
 * standard validator (plain ajv, none of our keywords) compiles even in strict mode, and it accepts
 * and rejects every corpus file — and every Determined schema test case — exactly as our own
 * validator does, but for the listed exceptions (rules JSON Schema cannot say).
 */
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../core/contracts/schema';
import { dialectById, dialects } from '../core/dialects';
import { validatorFor } from '../core/dialects/determined/schema';
import { parseText } from '../core/document/parse';
import { CORPUS_ROOT, corpusFiles } from '../core/schema/corpusFiles';
import { runInMemory } from './runInMemory';
import { SCHEMA_DIALECT, standardSchema, translate } from './schemaCommand';

/** A standard validator: plain ajv (draft-07), strict about unknown keywords, nothing of ours added. */
function standardAjv(): Ajv {
  return new Ajv({ strict: true, strictRequired: false, strictTuples: false, strictTypes: false, allowUnionTypes: true });
}

const printed = (id: string): JsonSchema => {
  const r = runInMemory(['schema', '--dialect', id]);
  expect(r).toMatchObject({ code: 0, err: '' });
  return JSON.parse(r.out);
};

describe('pipewright schema', () => {
  it('prints each dialect\'s schema as draft-07 JSON, with our descriptions and nothing of the form', () => {
    for (const d of dialects) {
      const schema = printed(d.id);
      expect(schema).toEqual(standardSchema(d));
      expect(schema.$schema).toBe(SCHEMA_DIALECT);
      expect(SCHEMA_DIALECT).toBe('http://json-schema.org/draft-07/schema#');
      expect(JSON.stringify(schema)).not.toMatch(/"x-(form|messages)"|"\$defs"|"optionalRef"|"union"|"unionKey"|"checks"|"compareProperties"|"disallowProperties"|"eventuallyRequired"|"prefixItems"/);
      expect(schema.description).toBe(d.schema.description);
    }
    const edge = (printed('valohai').definitions as Record<string, JsonSchema>).edge;
    expect(edge.description).toBe(((dialectById('valohai')!.schema.$defs as Record<string, JsonSchema>).edge as JsonSchema).description);
  });

  it('--dialect=ID works too; no dialect, an unknown one or another argument is a usage error', () => {
    expect(runInMemory(['schema', '--dialect=emloop']).out).toBe(runInMemory(['schema', '--dialect', 'emloop']).out);
    expect(runInMemory(['schema'])).toMatchObject({ code: 2, err: expect.stringMatching(/^Which schema\? Give --dialect ID \(valohai, determined, emloop\)/) });
    expect(runInMemory(['schema', '--dialect', 'nope'])).toMatchObject({ code: 2, err: 'Unknown dialect "nope"; known: valohai, determined, emloop' });
    expect(runInMemory(['schema', '--dialect'])).toMatchObject({ code: 2, err: expect.stringMatching(/^--dialect needs a value/) });
    expect(runInMemory(['schema', '--dialect', 'valohai', 'extra']).code).toBe(2);
  });

  it('a strict standard validator compiles every printed schema (it refuses unknown keywords)', () => {
    for (const d of dialects) expect(() => standardAjv().compile(printed(d.id))).not.toThrow();
    // And the check bites: our own schema, untranslated, is refused for its keywords.
    expect(() => new Ajv2020({ strict: true }).compile(dialectById('determined')!.schema)).toThrow(/unknown keyword/);
  });
});

describe('translate: each of our keywords into standard ones', () => {
  it('optionalRef, union, checks, disallowProperties; drops eventually*, compareProperties and x-*', () => {
    expect(
      translate({
        type: 'object',
        optionalRef: '#/$defs/a',
        union: { defaultMessage: 'm', items: [{ unionKey: 'const:name=x', type: 'object' }, { unionKey: 'never', type: 'string' }] },
        checks: { 'x must be 1': { properties: { x: { const: 1 } } } },
        disallowProperties: { slots: 'use slots_per_trial' },
        eventuallyRequired: ['a'],
        eventually: { required: ['a'] },
        compareProperties: { type: 'a<b', a: 'x', b: 'y' },
        'x-form': { primary: ['a'] },
        default: { 'x-form': 'kept: this is data' },
      }),
    ).toEqual({
      type: 'object',
      anyOf: [{ type: 'null' }, { $ref: '#/definitions/a' }],
      oneOf: [{ type: 'object' }, { type: 'string' }],
      allOf: [{ properties: { x: { const: 1 } } }],
      not: { type: 'object', required: ['slots'] },
      default: { 'x-form': 'kept: this is data' },
    });
  });

  it('2020-12 into draft-07: $defs, prefixItems, a $ref beside other keywords; a taken keyword goes into allOf', () => {
    expect(translate({ $defs: { a: { $ref: '#/$defs/b', description: 'kept beside', minLength: 1 } }, prefixItems: [{ type: 'string' }], items: false, anyOf: [{ type: 'string' }], optionalRef: '#/$defs/a' })).toEqual({
      definitions: { a: { description: 'kept beside', minLength: 1, allOf: [{ $ref: '#/definitions/b' }] } },
      items: [{ type: 'string' }],
      additionalItems: false,
      anyOf: [{ type: 'string' }],
      allOf: [{ anyOf: [{ type: 'null' }, { $ref: '#/definitions/a' }] }],
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Accept/reject agreement with our own validator.

/** Every corpus document (that reads as YAML) of a platform: [path, value]. */
function corpusValues(platform: string): [string, unknown][] {
  const d = dialectById(platform)!;
  return corpusFiles(platform).flatMap(([path, text]) => {
    const parsed = parseText(text, d.yaml);
    return parsed.ok ? [[path, parsed.value] as [string, unknown]] : [];
  });
}

describe('the printed schema accepts and rejects what ours does', () => {
  for (const platform of ['valohai', 'determined', 'emloop']) {
    it(`${platform}: every corpus file`, async () => {
      const d = dialectById(platform)!;
      const validate = await d.loadValidator();
      const standard = standardAjv().compile(printed(platform));
      const values = corpusValues(platform);
      const disagree = values.filter(([, v]) => standard(v) !== validate(v)).map(([p]) => p);
      expect(disagree).toEqual([]);
      const rejected = values.filter(([, v]) => !validate(v)).length;
      // Not a vacuous agreement: both accept the valid files and refuse the schema-invalid ones.
      const expectedRejected: Record<string, number> = { valohai: 10, determined: 16, emloop: 5 };
      expect({ rejected, accepted: values.length - rejected }).toMatchObject({ rejected: expectedRejected[platform] });
      expect(values.length - rejected).toBeGreaterThan(0);
    });
  }

  /**
   * Determined's own schema test cases, per sub-schema. The exceptions are `compareProperties`
   * (one value of an object compared with another: `minval < maxval`, `begin_on_batch <=
   * end_after_batch`, a storage path inside its base): JSON Schema cannot compare two values of
   * the instance, so the printed schema accepts these and `pipewright lint` refuses them.
   */
  const COMPARE_PROPERTIES_ONLY = [
    'compare_properties.yaml: a<b compareProperties (invalid, equal) as hyperparameter-int',
    'compare_properties.yaml: a<b compareProperties (invalid, nonequal) as hyperparameter-int',
    'compare_properties.yaml: a<=b compareProperties (invalid) as profiling',
    'compare_properties.yaml: a_is_subdir_of_b (invalid, absolute) as checkpoint-storage',
    'compare_properties.yaml: a_is_subdir_of_b (invalid, absolute) as shared-fs',
    'compare_properties.yaml: a_is_subdir_of_b (invalid, relative) as checkpoint-storage',
    'compare_properties.yaml: a_is_subdir_of_b (invalid, relative) as shared-fs',
    'compare_properties.yaml: a_is_subdir_of_b (invalid, relative, unnormalized) as checkpoint-storage',
    'compare_properties.yaml: a_is_subdir_of_b (invalid, relative, unnormalized) as shared-fs',
    'compare_properties.yaml: a_is_subdir_of_b (invalid, absolute, unnormalized) as checkpoint-storage',
    'compare_properties.yaml: a_is_subdir_of_b (invalid, absolute, unnormalized) as shared-fs',
    'misc.yaml: profiling is invalid when begin < end as profiling',
  ];

  interface Case {
    name: string;
    case?: unknown;
    sane_as?: string[];
    sanity_errors?: Record<string, string[]>;
    complete_as?: string[];
    completeness_errors?: Record<string, string[]>;
  }

  /** Each case against each sub-schema it names ([label, def, value]), test-only schemas left out. */
  function determinedCases(): [string, string, unknown][] {
    const dir = resolve(CORPUS_ROOT, 'determined/schema_test_cases/v0');
    const out: [string, string, unknown][] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      for (const c of parseText(readFileSync(resolve(dir, file), 'utf8'), { version: '1.1', duplicateKeys: 'error' }).value as Case[]) {
        const urls = [...(c.sane_as ?? []), ...Object.keys(c.sanity_errors ?? {}), ...(c.complete_as ?? []), ...Object.keys(c.completeness_errors ?? {})];
        for (const url of urls) {
          const def = url.split('/').pop()!.replace(/\.json$/, '');
          if (!def.startsWith('test-')) out.push([`${file}: ${c.name} as ${def}`, def, c.case ?? null]);
        }
      }
    }
    return out;
  }

  /** A standard validator for one of the printed schema's definitions (or the whole for 'experiment'). */
  function standardFor(schema: JsonSchema, ajv: Ajv) {
    return (def: string, value: unknown) => ajv.validate(def === 'experiment' ? (schema.$id as string) : `${schema.$id as string}#/definitions/${def}`, value) as boolean;
  }

  /** Ours, for every definition the cases name. */
  async function oursFor(cases: [string, string, unknown][]) {
    const defs = [...new Set(cases.map(([, def]) => def))];
    const validators = new Map(await Promise.all(defs.map(async (def) => [def, await validatorFor(def)] as const)));
    return (def: string, value: unknown) => validators.get(def)!(value);
  }

  it('determined: every schema test case, but for compareProperties', async () => {
    const schema = printed('determined');
    const ajv = standardAjv();
    ajv.addSchema(schema);
    const standard = standardFor(schema, ajv);
    const cases = determinedCases();
    const ours = await oursFor(cases);
    expect(cases.length).toBe(177);
    const disagree = cases.filter(([, def, value]) => standard(def, value) !== ours(def, value)).map(([label]) => label);
    expect(disagree).toEqual(COMPARE_PROPERTIES_ONLY);
    // Each exception is one our validator refuses and the printed schema accepts.
    for (const [label, def, value] of cases.filter(([l]) => COMPARE_PROPERTIES_ONLY.includes(l))) expect([label, ours(def, value), standard(def, value)]).toEqual([label, false, true]);
  });

  it('the comparison bites: without the translation (our keywords ignored) many cases disagree', async () => {
    const raw = structuredClone(dialectById('determined')!.schema) as JsonSchema;
    const ajv = new Ajv2020({ strict: false, allowUnionTypes: true, logger: false });
    ajv.addSchema(raw);
    const validate = (def: string, value: unknown) => ajv.validate(def === 'experiment' ? (raw.$id as string) : `${raw.$id as string}#/$defs/${def}`, value) as boolean;
    const cases = determinedCases();
    const ours = await oursFor(cases);
    const disagree = cases.filter(([, def, value]) => validate(def, value) !== ours(def, value));
    expect(disagree.length).toBeGreaterThan(COMPARE_PROPERTIES_ONLY.length);
  });
});
