/**
 * The Valohai schema as people meet it: the messages its failures produce, and the help text
 * every key carries for hover and the form.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../lint';
import { schemaAtPath } from '../../schema/schemaAtPath';
import type { JsonSchema } from '../../contracts/schema';
import { valohai } from './index';

function schemaErrors(text: string): string[] {
  return analyze(text, valohai)
    .diagnostics.filter((d) => d.source === 'schema')
    .map((d) => `[${text.slice(d.range[0], d.range[1])}] ${d.message}`);
}

const step = (extra = '') => `- step:\n    name: s\n    image: busybox\n    command: date\n${extra}`;

describe('schema messages', () => {
  it('an empty step (an indentation slip) gets the exact product message', () => {
    expect(schemaErrors('- step:\n  name: x\n  image: y\n  command: z\n')).toEqual([
      '[step] step is empty — add name, image and command; check the indentation of the lines below',
    ]);
  });

  it('suggests the key a typo was meant to be', () => {
    expect(schemaErrors(step('    imgae: x\n'))).toEqual(['[imgae] Unknown key "imgae" in step — did you mean "image"?']);
    expect(schemaErrors(step('    parameters:\n      - name: p\n        tpye: integer\n'))).toEqual([
      '[tpye] Unknown key "tpye" in item 1 of parameters — did you mean "type"?',
    ]);
  });

  it('names missing required keys at the key of the mapping that lacks them', () => {
    expect(schemaErrors('- step:\n    name: s\n    image: busybox\n')).toEqual(['[step] step is missing "command" — add it']);
  });

  it('lists the allowed values, reported on the key itself (not the whole node)', () => {
    const pipeline = (node: string) => `${step()}- pipeline:\n    name: p\n    nodes:\n      - name: n\n${node}    edges: []\n`;
    expect(schemaErrors(pipeline('        type: execution\n        step: s\n        on-error: report-to-sentry\n'))).toEqual([
      '[report-to-sentry] "on-error" must be one of: stop-all, stop-next, continue, retry',
    ]);
    expect(schemaErrors(pipeline('        type: deployment\n        deployment: d\n        on-error: retry\n'))).toEqual([
      '[retry] "on-error" must be one of: stop-all, stop-next, continue',
    ]);
    expect(schemaErrors(pipeline('        type: executoin\n        step: s\n'))).toEqual([
      '[executoin] "type" must be one of: execution, task, deployment — did you mean "execution"?',
    ]);
    expect(schemaErrors(pipeline('        type: task\n        step: s\n        task: t\n'))).toEqual([
      '[name] item 1 of nodes has "step" and "task" — keep only one of them',
    ]);
    expect(schemaErrors(pipeline('        type: execution\n'))).toEqual(['[name] item 1 of nodes is missing "step" — add it']);
  });

  it('explains endpoint and edge shapes in their own words', () => {
    expect(schemaErrors('- endpoint:\n    name: ok-name\n    image: i\n')).toEqual(['[endpoint] endpoint needs "server-command" or "wsgi" — add one of them']);
    expect(schemaErrors('- endpoint:\n    name: x\n    image: i\n    wsgi: a:b\n    node-selector: gpu\n')).toEqual([
      '[x] Endpoint name "x" is not allowed — use lowercase letters, digits and dashes, start with a letter, and use at least 2 characters',
      '[gpu] "node-selector" must be a node label written key=value, e.g. accelerator=tesla-v100',
    ]);
    const edges = `${step()}- pipeline:\n    name: p\n    nodes: []\n    edges:\n      - [a.output.x, b.input.y, c.input.z]\n      - 5\n`;
    expect(schemaErrors(edges)).toEqual([
      '[[a.output.x, b.input.y, c.input.z]] A short-form edge has exactly two parts: [source, target]',
      '[5] item 2 of "edges" must be a list or a mapping (key: value lines), not a number (5)',
    ]);
  });

  it('accepts both forms of a mount and says what a text mount must look like', () => {
    expect(schemaErrors(step('    mounts:\n      - /a:/b\n      - {source: nfs:/x, destination: /y}\n'))).toEqual([]);
    expect(schemaErrors(step('    mounts:\n      - data:/b\n      - {source: x, destination: y}\n'))).toEqual([
      '[data:/b] A mount written as text must be /source:/destination, e.g. /data:/mnt/data',
      '[y] "destination" must be an absolute path that starts with /',
    ]);
  });

  it('requires a toleration key unless the operator is Exists, which takes none', () => {
    const endpoint = (t: string) => `- endpoint:\n    name: ep\n    image: i\n    wsgi: a:b\n    tolerations:\n      - ${t}\n`;
    expect(schemaErrors(endpoint('{key: k, operator: Equal, value: v}'))).toEqual([]);
    expect(schemaErrors(endpoint('{operator: Exists}'))).toEqual([]);
    expect(schemaErrors(endpoint('{operator: Exists, key: k}'))).toEqual([
      '[key] A toleration with operator Exists matches every key — remove "key" or use operator Equal',
    ]);
    expect(schemaErrors(endpoint('{operator: Equal}'))).toEqual(['[operator] item 1 of tolerations is missing "key" — add it']);
  });

  it('checks blueprints like pipelines and deployments for unknown keys', () => {
    expect(schemaErrors('- blueprint:\n    name: b\n    nodes: []\n')).toEqual(['[blueprint] blueprint is missing "edges" — add it']);
    expect(schemaErrors('- deployment:\n    name: d\n    target: t\n')).toEqual(['[target] Unknown key "target" in deployment — allowed keys: name, defaults']);
  });
});

describe('schema help texts', () => {
  const schema = valohai.schema;
  /** Every key of every mapping the schema describes, with the schema found for it. */
  function* properties(s: unknown, where: string, seen = new Set<unknown>()): Generator<[string, JsonSchema]> {
    if (!s || typeof s !== 'object' || seen.has(s)) return;
    seen.add(s);
    const obj = s as JsonSchema;
    for (const [k, v] of Object.entries((obj.properties as JsonSchema) ?? {})) yield [`${where}.${k}`, v as JsonSchema];
    for (const [k, v] of Object.entries(obj)) {
      if (k !== 'properties' && typeof v === 'object') yield* properties(v, `${where}/${k}`, seen);
    }
    for (const v of Object.values((obj.properties as JsonSchema) ?? {})) yield* properties(v, where, seen);
  }

  it('describes every key, directly or through the definition it refers to', () => {
    const defs = schema.$defs as Record<string, JsonSchema>;
    const undescribed: string[] = [];
    for (const [where, prop] of properties(schema, '#')) {
      const target = typeof prop.$ref === 'string' ? defs[prop.$ref.replace('#/$defs/', '')] : undefined;
      // Branch re-declarations (`type: {const: execution}`) and form hints (`{x-form: ...}`) are described by the outer schema.
      const onlyHints = Object.keys(prop).every((k) => k === 'x-form');
      if (!prop.description && !target?.description && !('const' in prop) && !onlyHints) undescribed.push(where);
    }
    expect(undescribed).toEqual([]);
  });

  it('resolves the help of a place through references and node types', () => {
    const value = [{ pipeline: { name: 'p', nodes: [{ name: 'n', type: 'execution', step: 's' }], edges: [] } }];
    expect(schemaAtPath(schema, value, [0, 'pipeline', 'nodes', 0, 'edge-merge-mode'])).toMatchObject({
      enum: ['replace', 'append'],
      default: 'replace',
    });
    expect(schemaAtPath(schema, value, [0, 'pipeline', 'nodes', 0, 'aliases'])).toBeUndefined();
    expect(schemaAtPath(schema, [{ step: {} }], [0, 'step', 'parameters', 0, 'type'])).toMatchObject({ default: 'string' });
    expect(schemaAtPath(schema, [{ step: {} }], [0, 'step', 'upload-store'])).toMatchObject({ maxLength: 64 });
  });
});
