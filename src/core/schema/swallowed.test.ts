import { describe, expect, it } from 'vitest';
import { analyze } from '../lint';
import { valohai } from '../dialects/valohai';
import { determined } from '../dialects/determined';
import { emloop } from '../dialects/emloop';
import { applyTextEdits } from '../document/textEdits';
import { parseText } from '../document/parse';
import type { Dialect } from '../contracts/dialect';
import { SWALLOWED_LIST, swallowedLists } from './swallowed';
import { corpusFiles } from './corpusFiles';

const swallowed = (text: string, dialect: Dialect) => analyze(text, dialect).diagnostics.filter((d) => d.code === SWALLOWED_LIST);

const ENVIRONMENT_CHECK = `- step:
    name: environment-check
    image: python:3.6
      - printenv
      - python --version
`;

describe('lists swallowed by a plain value', () => {
  it("Valohai's environment-check: the image swallows the commands; the fix puts them under command:", () => {
    const [d, ...rest] = swallowed(ENVIRONMENT_CHECK, valohai);
    expect(rest).toEqual([]);
    expect(d.severity).toBe('warning');
    expect(d.path).toEqual([0, 'step', 'image']);
    expect(ENVIRONMENT_CHECK.slice(d.range[0], d.range[1])).toBe('- printenv');
    expect(d.message).toContain('`image`');
    expect(d.message).toContain('"python:3.6 - printenv - python --version"');
    expect(d.fixes).toHaveLength(1);
    const fixed = applyTextEdits(ENVIRONMENT_CHECK, d.fixes![0].edits);
    expect(fixed).toBe(`- step:
    name: environment-check
    image: python:3.6
    command:
      - printenv
      - python --version
`);
    const after = analyze(fixed, valohai);
    expect(after.diagnostics.filter((x) => x.severity === 'error' || x.code === SWALLOWED_LIST)).toEqual([]);
    expect(after.parsed.value).toEqual([{ step: { name: 'environment-check', image: 'python:3.6', command: ['printenv', 'python --version'] } }]);
  });

  it("Determined's environment_variables: an item indented deeper joins the one above; the fix lines it up", () => {
    const text = 'entrypoint: model_def:Trial\nenvironment:\n  environment_variables:\n    - A=A\n       - B=B\n';
    const [d, ...rest] = swallowed(text, determined);
    expect(rest).toEqual([]);
    expect(d.path).toEqual(['environment', 'environment_variables', 0]);
    expect(text.slice(d.range[0], d.range[1])).toBe('- B=B');
    expect(d.message).toContain('"A=A - B=B"');
    const fixed = applyTextEdits(text, d.fixes![0].edits);
    expect(fixed).toBe('entrypoint: model_def:Trial\nenvironment:\n  environment_variables:\n    - A=A\n    - B=B\n');
    expect(parseText(fixed, determined.yaml).value).toMatchObject({ environment: { environment_variables: ['A=A', 'B=B'] } });
  });

  it('keeps CRLF line ends and deeper lines of a swallowed item in the fix', () => {
    const text = 'entrypoint: a:B\r\nenvironment:\r\n  environment_variables:\r\n    - A=A\r\n        - B=B\r\n        - C=C\r\n';
    const [d] = swallowed(text, determined);
    expect(d.fixes![0].title).toBe('Make these 2 lines list items of their own');
    const fixed = applyTextEdits(text, d.fixes![0].edits);
    expect(fixed).toBe('entrypoint: a:B\r\nenvironment:\r\n  environment_variables:\r\n    - A=A\r\n    - B=B\r\n    - C=C\r\n');
  });

  it('warns without a fix when no required list key is missing', () => {
    const text = '- step:\n    name: a\n    image: python:3.12\n      - not a command\n    command: python a.py\n';
    const [d, ...rest] = swallowed(text, valohai);
    expect(rest).toEqual([]);
    expect(d.fixes).toBeUndefined();
    expect(text.slice(d.range[0], d.range[1])).toBe('- not a command');
  });

  it('says nothing of multi-line values without a `- ` line, of quoted or block text, or of flow collections', () => {
    const texts = [
      '- step:\n    name: a\n    image: python:3.12\n    command: python train.py\n      --epochs 3\n',
      '- step:\n    name: a\n    image: "python:3.12\n      - x"\n    command: python a.py\n',
      '- step:\n    name: a\n    image: python:3.12\n    command: |\n      echo a\n      - b\n',
      '- step:\n    name: a\n    image: python:3.12\n    command: [a,\n      - b]\n',
      '- step:\n    name: a\n    image: python:3.12\n    command: a - b - c\n',
    ];
    for (const text of texts) expect(swallowed(text, valohai), text).toEqual([]);
  });

  it('finds the same in an emloop config (a model argument swallowing a list)', () => {
    const text = 'model:\n  name: m\n  class: a.B\n  inputs: [x]\n  outputs: [y]\n  layers: 3\n    - 64\n    - 32\n';
    const found = swallowLists(text);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('`layers`');
  });

  function swallowLists(text: string) {
    return swallowedLists(parseText(text, emloop.yaml), emloop.schema);
  }
});

/** The real configs have no swallowed list: the rule must not invent one. */
describe('swallowed lists over the corpus', () => {
  const dialects: Record<string, Dialect> = { valohai, determined, emloop };
  for (const [name, dialect] of Object.entries(dialects)) {
    it(`${name}: no finding in any corpus file`, () => {
      const all = corpusFiles(name);
      expect(all.length).toBeGreaterThan(10);
      const found = all.flatMap(([file, text]) => {
        const parsed = parseText(text, dialect.yaml);
        return parsed.ok ? swallowedLists(parsed, dialect.schema).map((d) => `${file}: ${d.message}`) : [];
      });
      expect(found).toEqual([]);
    });
  }
});
