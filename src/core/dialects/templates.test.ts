import { describe, expect, it } from 'vitest';
import { analyze } from '../lint';
import { detectDialect, dialects } from './index';

/** The templates each dialect must offer at least (by title). */
const REQUIRED: Record<string, string[]> = {
  valohai: ['Valohai: greet-me step', 'Valohai: GPU hardware check', 'Valohai: TensorFlow MNIST training', 'Valohai: two-node pipeline'],
  determined: ['Determined: constant experiment', 'Determined: random search'],
  emloop: ['emloop: minimal training with eval stream'],
};

const all = dialects.flatMap((dialect) => (dialect.templates ?? []).map((template) => ({ dialect, template })));

describe('"New from template" starting points', () => {
  it('every dialect offers the templates it should', () => {
    for (const [id, titles] of Object.entries(REQUIRED)) {
      const d = dialects.find((x) => x.id === id);
      expect(d, id).toBeDefined();
      expect((d?.templates ?? []).map((t) => t.title)).toEqual(expect.arrayContaining(titles));
    }
  });

  it('titles are unique across dialects', () => {
    const titles = all.map(({ template }) => template.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('the Valohai MNIST template is the dialect example', () => {
    const v = dialects.find((d) => d.id === 'valohai');
    expect(v?.templates?.find((t) => t.title === 'Valohai: TensorFlow MNIST training')?.text).toBe(v?.example.text);
  });

  describe.each(all.map(({ dialect, template }) => [template.title, dialect, template] as const))('%s', (_title, dialect, template) => {
    it('lints with no diagnostics at all (the example keeps one hint: it shows the early-setup hint on the first screen)', () => {
      const { diagnostics } = analyze(template.text, dialect);
      const shown = template.text === dialect.example.text ? diagnostics.filter((d) => d.code !== 'unchecked-setup') : diagnostics;
      expect(shown.map((d) => `${d.severity}: ${d.message}`)).toEqual([]);
    });

    it('is detected as its own dialect', () => {
      expect(detectDialect(template.fileName, template.text).id).toBe(dialect.id);
    });

    it('renders a preview with a command and no errors', () => {
      if (!dialect.preview) return;
      const { parsed } = analyze(template.text, dialect);
      const model = dialect.preview(parsed, { values: {}, env: {} });
      expect(model.steps.length).toBeGreaterThan(0);
      expect(model.steps.some((s) => s.command.some((c) => c.trim() !== ''))).toBe(true);
      for (const s of model.steps) expect(s.errors, s.name).toEqual([]);
    });
  });
});
