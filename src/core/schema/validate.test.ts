import { describe, expect, it } from 'vitest';
import { parseText } from '../document/parse';
import type { JsonSchema } from '../contracts/schema';
import { compileSchema } from './compile';
import { validateDocument } from './validate';

/** A small schema in the shapes dialect schemas use: required keys, enums, unions, alternatives. */
const schema: JsonSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: { job: { $ref: '#/$defs/job' } },
  },
  $defs: {
    job: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'image', 'command'],
      properties: {
        name: { type: 'string', maxLength: 10 },
        image: { type: 'string' },
        command: { type: ['string', 'array'], items: { type: 'string' } },
        mode: { enum: ['fast', 'slow'] },
        port: { type: 'number', minimum: 1025 },
        label: { type: 'string', pattern: '=', 'x-messages': { pattern: 'label {value} must be key=value' } },
        source: { type: 'string' },
        url: { type: 'string' },
        tags: { type: 'array', items: { type: 'string' } },
        nested: { type: 'object', required: ['a'], properties: { a: { type: 'string' } } },
      },
      oneOf: [{ required: ['source'] }, { required: ['url'] }],
    },
  },
};

function check(text: string) {
  const parsed = parseText(text, { version: '1.1', duplicateKeys: 'warning' });
  expect(parsed.ok).toBe(true);
  return validateDocument(parsed, schema).map((d) => ({ message: d.message, at: text.slice(d.range[0], d.range[1]), path: d.path }));
}

const ok = 'name: a\n    image: i\n    command: c\n    source: s';

describe('validateDocument', () => {
  it('accepts a valid document', () => {
    expect(check(`- job:\n    ${ok}\n`)).toEqual([]);
  });

  it('says a key with nothing under it is empty, listing the required keys from the schema', () => {
    expect(check('- job:\n  name: x\n')).toEqual([
      { message: 'job is empty — add name, image and command; check the indentation of the lines below', at: 'job', path: [0, 'job'] },
    ]);
  });

  it('names a wrong type and the value found, at the value', () => {
    expect(check(`- job:\n    ${ok}\n    image: true\n`.replace('image: i\n    ', ''))).toEqual([
      { message: '"image" must be text, not a boolean (true)', at: 'true', path: [0, 'job', 'image'] },
    ]);
    expect(check(`- job:\n    ${ok.replace('command: c', 'command: 8')}\n`)[0]).toMatchObject({
      message: '"command" must be text or a list, not a number (8)',
      at: '8',
    });
  });

  it('marks an unknown key itself and suggests the closest allowed key', () => {
    expect(check(`- job:\n    ${ok}\n    imgae: x\n`)).toEqual([
      { message: 'Unknown key "imgae" in job — did you mean "image"?', at: 'imgae', path: [0, 'job', 'imgae'] },
    ]);
  });

  it('collects missing required keys of one mapping into one message at its key', () => {
    expect(check('- job:\n    image: i\n    source: s\n')).toEqual([
      { message: 'job is missing "name" and "command" — add them', at: 'job', path: [0, 'job'] },
    ]);
  });

  it('lists the allowed values of an enum, with a suggestion when one is close', () => {
    expect(check(`- job:\n    ${ok}\n    mode: fats\n`)).toEqual([
      { message: '"mode" must be one of: fast, slow — did you mean "fast"?', at: 'fats', path: [0, 'job', 'mode'] },
    ]);
  });

  it('explains limits and uses schema-authored messages', () => {
    expect(check(`- job:\n    ${ok}\n    port: 80\n    label: abc\n    name: much-too-long-name\n`.replace('name: a\n    ', ''))).toEqual([
      { message: '"port" must be at least 1025, not 80', at: '80', path: [0, 'job', 'port'] },
      { message: 'label "abc" must be key=value', at: 'abc', path: [0, 'job', 'label'] },
      { message: '"name" is too long (18 characters) — at most 10 are allowed', at: 'much-too-long-name', path: [0, 'job', 'name'] },
    ]);
  });

  it('turns a oneOf of required keys into "needs one of" / "keep only one"', () => {
    expect(check('- job:\n    name: a\n    image: i\n    command: c\n')).toEqual([
      { message: 'job needs "source" or "url" — add one of them', at: 'job', path: [0, 'job'] },
    ]);
    expect(check(`- job:\n    ${ok}\n    url: u\n`)).toEqual([
      { message: 'job has "source" and "url" — keep only one of them', at: 'job', path: [0, 'job'] },
    ]);
  });

  it('names list items by position and marks a list item by its first key', () => {
    expect(check(`- job:\n    ${ok}\n    tags: [a, 5]\n    nested: {b: 1}\n`)).toEqual([
      { message: 'item 2 of "tags" must be text, not a number (5)', at: '5', path: [0, 'job', 'tags', 1] },
      { message: 'nested is missing "a" — add it', at: 'nested', path: [0, 'job', 'nested'] },
    ]);
    expect(check('- 5\n')).toEqual([{ message: 'item 1 must be a mapping (key: value lines), not a number (5)', at: '5', path: [0] }]);
  });

  it('reports a document of the wrong shape as a whole', () => {
    expect(check('job: x\n')[0].message).toBe('The document must be a list, not a mapping');
    expect(check('# nothing here\n')[0].message).toBe('The document is empty — it must be a list');
  });

  it('reports one message per problem, never the same one twice', () => {
    const messages = check('- job:\n    image: 1\n    extra: 2\n').map((m) => m.message);
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('compiles each schema once', () => {
    expect(compileSchema(schema)).toBe(compileSchema(schema));
  });
});
