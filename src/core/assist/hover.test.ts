import { describe, expect, it } from 'vitest';
import { valohai } from '../dialects/valohai/index';
import { applyTextEdits } from '../document/textEdits';
import { parseText } from '../document/parse';
import { hover } from './hover';
import { quickFixesAt, readingAt } from './fixes';

const step = (params: string) => `- step:\n    name: a\n    image: i\n    command:\n      - python x.py\n      - echo a:b\n      - foo: bar\n    parameters:\n${params}`;
const at = (text: string, word: string) => text.indexOf(word) + 1;

describe('hover', () => {
  it('describes a key: meaning, type, required', () => {
    const text = step('      - name: p\n        type: float\n');
    const h = hover(valohai, text, at(text, 'image'))!;
    expect(text.slice(...h.range)).toBe('image');
    expect(h.markdown).toContain('**image**');
    expect(h.markdown).toContain('(required)');
    expect(h.markdown).toContain('Docker image');
    const type = hover(valohai, text, at(text, 'type'))!;
    expect(type.markdown).toContain('Default: `string`');
    expect(type.markdown).toContain('Allowed: `string`, `integer`, `float`, `flag`');
  });

  it('reads `1e-3` as text under YAML 1.1 and flags it for a float default', () => {
    const text = step('      - name: lr\n        type: float\n        default: 1e-3\n');
    const h = hover(valohai, text, at(text, '1e-3'))!;
    expect(h.markdown).toContain('Read as text: `"1e-3"`');
    expect(h.markdown).toContain('⚠ a float is expected here, but the runtime reads text');
    expect(text.slice(...h.range)).toBe('1e-3');
  });

  it('reads `yes` as true, `0.0.` and `a:b` as text, a `foo: bar` item as a mapping', () => {
    const text = step('      - name: v\n        type: flag\n        default: yes\n      - name: w\n        default: 0.0.\n');
    expect(hover(valohai, text, at(text, 'yes'))!.markdown).toMatch(/^Read as a boolean: `true`/);
    expect(hover(valohai, text, at(text, '0.0.'))!.markdown).toMatch(/^Read as text: `"0.0."`/);
    expect(hover(valohai, text, at(text, 'echo a:b'))!.markdown).toContain('only when a space follows');
    expect(hover(valohai, text, at(text, 'foo'))!.markdown).toContain('is read as a mapping');
  });
});

describe('reading fixes', () => {
  it('rewrites a float default the runtime reads as text so it reads as a float', () => {
    const text = step('      - name: lr\n        type: float\n        default: 1e-3\n');
    const parsed = parseText(text, valohai.yaml);
    const fixes = quickFixesAt(valohai, parsed, at(text, '1e-3'), []);
    expect(fixes.map((f) => f.title)).toEqual(['Write it as the number 0.001', 'Write it as the float 1.0e-3']);
    for (const f of fixes) {
      const fixed = parseText(applyTextEdits(text, f.edits), valohai.yaml);
      const r = readingAt(valohai, fixed, at(text, 'default: ') + 'default: '.length)!;
      expect(r.kind).toBe('float');
      expect(r.value).toBe(0.001);
      expect(r.mismatch).toBeUndefined();
    }
  });

  it('quotes a value read as a boolean where text is expected', () => {
    const text = '- step:\n    name: yes\n    image: i\n    command: c\n';
    const fixes = quickFixesAt(valohai, parseText(text, valohai.yaml), at(text, 'yes'), []);
    expect(fixes[0].title).toBe('Quote it: "yes"');
    expect(applyTextEdits(text, fixes[0].edits)).toContain('name: "yes"');
  });
});
