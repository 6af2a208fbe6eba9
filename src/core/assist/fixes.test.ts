import { describe, expect, it } from 'vitest';
import { valohai } from '../dialects/valohai/index';
import { applyTextEdits } from '../document/textEdits';
import { analyze } from '../lint';

const base = (extra: string, params = '') => `- step:\n    name: train\n    image: python:3.12\n    command: python train.py\n${extra}${params ? `    parameters:\n${params}` : ''}`;

/** Every fix of the finding whose message matches, applied and re-linted: the finding is gone and the text still reads. */
function checkFixes(text: string, message: RegExp, titles?: string[]) {
  const { diagnostics } = analyze(text, valohai);
  const finding = diagnostics.find((d) => message.test(d.message));
  expect(finding, diagnostics.map((d) => d.message).join('\n')).toBeDefined();
  expect(finding!.fixes?.length).toBeGreaterThan(0);
  if (titles) expect(finding!.fixes!.map((f) => f.title)).toEqual(titles);
  const results = finding!.fixes!.map((fix) => applyTextEdits(text, fix.edits));
  for (const fixed of results) {
    const again = analyze(fixed, valohai);
    expect(again.parsed.ok).toBe(true);
    expect(again.diagnostics.map((d) => d.message)).not.toContain(finding!.message);
    expect(again.diagnostics.filter((d) => d.range[0] === finding!.range[0] && d.message === finding!.message)).toEqual([]);
  }
  return results;
}

describe('quick fixes carried by findings', () => {
  it('renames an unknown key close to a valid one', () => {
    const [fixed] = checkFixes(base('    imgae: x\n'.replace('imgae', 'descripton')), /Unknown key "descripton"/, ['Rename to "description"']);
    expect(fixed).toContain('    description: x\n');
  });

  it('inserts missing required keys with placeholder values at the right indentation', () => {
    const text = '- step:\n    name: train\n    # a comment\n- step:\n    name: b\n    image: i\n    command: c\n';
    const [fixed] = checkFixes(text, /missing "image" and "command"/, ['Add "image" and "command"']);
    expect(fixed).toBe('- step:\n    name: train\n    image: ""\n    command: ""\n    # a comment\n- step:\n    name: b\n    image: i\n    command: c\n');
  });

  it('inserts required keys under an empty mapping key', () => {
    const [fixed] = checkFixes('- step:\n- step:\n    name: b\n    image: i\n    command: c\n', /is empty/);
    expect(fixed.startsWith('- step:\n    name: ""\n    image: ""\n    command: ""\n- step:')).toBe(true);
  });

  it('adds a missing required key in a pipeline node, keeping what follows', () => {
    const text = `${base('')}- pipeline:\n    name: p\n    nodes:\n      - name: a\n        type: execution\n    edges: []\n`;
    const [fixed] = checkFixes(text, /missing "step"/);
    expect(fixed).toContain('        type: execution\n        step: ""\n    edges: []\n');
  });

  it('rewrites a value of the wrong type so it reads as the expected one', () => {
    const params = '      - name: lr\n        type: float\n        default: 0.5\n        min: 1e-3\n';
    const fixed = checkFixes(base('', params), /min/, ['Write it as the number 0.001', 'Write it as the number 1.0e-3']);
    expect(fixed[0]).toContain('min: 0.001\n');
    const [quoted] = checkFixes('- step:\n    name: yes\n    image: i\n    command: c\n', /name/, ['Quote it: "yes"']);
    expect(quoted).toContain('name: "yes"');
  });

  it('replaces a misspelt enum value', () => {
    const [fixed] = checkFixes(base('', '      - name: p\n        type: integr\n'), /must be one of/, ['Change to "integer"']);
    expect(fixed).toContain('type: integer\n');
  });

  it('moves a parameter default out of min/max or choices to the nearest allowed value', () => {
    expect(checkFixes(base('', '      - name: e\n        type: integer\n        default: -3\n        min: 1\n        max: 9\n'), /less than the minimum/)[0]).toContain('default: 1\n');
    expect(checkFixes(base('', '      - name: e\n        type: integer\n        default: 12\n        min: 1\n        max: 9\n'), /greater than the maximum/)[0]).toContain('default: 9\n');
    expect(checkFixes(base('', '      - name: e\n        type: integer\n        default: 7\n        choices: [1, 5, 10]\n'), /not among the choices/)[0]).toContain('default: 5\n');
    expect(checkFixes(base('', '      - name: m\n        default: adamm\n        choices: [sgd, "adam"]\n'), /not among the choices/)[0]).toContain('default: "adam"\n');
    const multiple = checkFixes(base('', '      - name: e\n        type: integer\n        multiple: separate\n        default: [1, 0]\n        min: 1\n'), /less than the minimum/);
    expect(multiple[0]).toContain('default: [1, 1]');
  });
});
