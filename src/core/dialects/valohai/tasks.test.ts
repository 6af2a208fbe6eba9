import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../document/parse';
import { analyze } from '../../lint';
import { corpusFiles } from '../../schema/corpusFiles';
import { valohai } from './index';
import { pyRepr, type PyValue } from './python/values';
import { expandTasks, LARGE_TASK, type TaskExpansion } from './tasks';

const parse = (text: string) => parseText(text, { version: '1.1', duplicateKeys: 'warning' });

const STEP = `- step:
    name: train
    image: python:3.12
    command: python train.py {parameters}
    parameters:
      - name: lr
        type: float
        default: 0.1
      - name: epochs
        type: integer
        default: 1
      - name: dropout
        type: float
        default: 0.5
`;

/** A document of the step above and one task with these lines under `- task:`. */
const taskDoc = (body: string) => `${STEP}- task:\n    name: hp\n    step: train\n${body}`;
const expand = (body: string, limit?: number): TaskExpansion => expandTasks(parse(taskDoc(body)), { limit })[0];
/** One execution as `name=repr` texts, in the task's order. */
const row = (m: Map<string, PyValue>) => [...m].map(([k, v]) => `${k}=${pyRepr(v)}`).join(' ');
const reprs = (values: PyValue[]) => values.map(pyRepr);

describe('grid search', () => {
  it('a 3 × 5 grid starts 15 executions, the last parameter varying fastest', () => {
    const t = expand(`    parameters:
      - name: epochs
        style: multiple
        rules: {items: [1, 2, 3]}
      - name: lr
        style: linear
        rules: {start: 0, end: 1, step: 0.25}
`);
    expect(t.type).toBe('grid_search');
    expect(t.step).toBe('train');
    expect(t.count).toBe(15);
    expect(t.columns).toEqual(['epochs', 'lr']);
    expect(t.errors).toEqual([]);
    expect(t.executions.map(row)).toEqual([
      'epochs=1 lr=0.0',
      'epochs=1 lr=0.25',
      'epochs=1 lr=0.5',
      'epochs=1 lr=0.75',
      'epochs=1 lr=1.0',
      'epochs=2 lr=0.0',
      'epochs=2 lr=0.25',
      'epochs=2 lr=0.5',
      'epochs=2 lr=0.75',
      'epochs=2 lr=1.0',
      'epochs=3 lr=0.0',
      'epochs=3 lr=0.25',
      'epochs=3 lr=0.5',
      'epochs=3 lr=0.75',
      'epochs=3 lr=1.0',
    ]);
    expect(t.facts).toContainEqual({ label: 'Executions', value: '15 (3 × 5)' });
    expect(t.variants.map((v) => v.description)).toEqual(['multiple 1, 2, 3 (3 values)', 'linear 0 … 1 step 0.25 (5 values)']);
  });

  it('linear: end is inclusive, floats are start + i*step, int rules give ints', () => {
    const values = (rules: string) => reprs(expand(`    parameters:\n      - name: lr\n        style: linear\n        rules: ${rules}\n`).variants[0].values);
    expect(values('{start: 0, end: 1, step: 0.25}')).toEqual(['0.0', '0.25', '0.5', '0.75', '1.0']);
    expect(values('{start: 1, end: 10, step: 3}')).toEqual(['1', '4', '7', '10']);
    expect(values('{start: 1, end: 9, step: 3}')).toEqual(['1', '4', '7']);
    expect(values('{start: 10, end: 1, step: -4}')).toEqual(['10', '6', '2']);
    // 3 * 0.1 is 0.30000000000000004 in any IEEE arithmetic (numpy.arange gives the same); the
    // end 1.0 is reached although (1 - 0) / 0.1 lands a hair off 10.
    expect(values('{start: 0, end: 1, step: 0.1}')).toEqual([
      '0.0', '0.1', '0.2', '0.30000000000000004', '0.4', '0.5', '0.6000000000000001', '0.7000000000000001', '0.8', '0.9', '1.0',
    ]);
    expect(values('{start: 0.0, end: 0.3, step: 0.1}')).toEqual(['0.0', '0.1', '0.2', '0.30000000000000004']);
    expect(values('{start: 25, end: 25, step: 1}')).toEqual(['25']);
  });

  it('logspace: base ** linspace(start, end, count), endpoints included', () => {
    const values = (rules: string) => reprs(expand(`    parameters:\n      - name: lr\n        style: logspace\n        rules: ${rules}\n`).variants[0].values);
    expect(values('{start: -3, end: 0, count: 4}')).toEqual(['0.001', '0.01', '0.1', '1.0']);
    // The documentation's example: 4 values between 2^2 and 2^8.
    expect(values('{start: 2, end: 8, count: 4, base: 2}')).toEqual(['4.0', '16.0', '64.0', '256.0']);
    expect(values('{start: 1, end: 3, count: 3, integerify: true}')).toEqual(['10', '100', '1000']);
    expect(values('{start: -2, end: -2, count: 1}')).toEqual(['0.01']);
    // The blueprint page writes min/max for start/end.
    expect(values('{min: -5, max: -1, count: 5}')).toEqual(['1e-05', '0.0001', '0.001', '0.01', '0.1']);
    expect(expand(`    parameters:\n      - name: lr\n        style: logspace\n        rules: {start: -5, end: -1, count: 5}\n`).variants[0].description).toBe(
      'logspace 10**-5 … 10**-1 (5 values)',
    );
  });

  it('single and multiple', () => {
    const t = expand(`    parameters:
      - name: epochs
        style: single
        rules: {value: 25}
      - name: dropout
        style: multiple
        rules: {items: [0.1, 0.2]}
`);
    expect(t.count).toBe(2);
    expect(t.columns).toEqual(['dropout']);
    expect(t.executions.map(row)).toEqual(['epochs=25 dropout=0.1', 'epochs=25 dropout=0.2']);
    // A variant without a style is a single value (VariantParameterStyle.cast); styles are case-insensitive.
    const u = expand(`    parameters:\n      - name: epochs\n        rules: {value: 3}\n      - name: lr\n        style: MULTIPLE\n        rules: {items: [1]}\n`);
    expect(u.variants.map((v) => v.style)).toEqual(['single', 'multiple']);
    expect(u.executions.map(row)).toEqual(['epochs=3 lr=1']);
  });

  it("the Task Blueprints page's example is 25 executions (5 epochs × 5 learning rates)", () => {
    const t = expand(`    type: grid-search
    parameters:
      - name: epochs
        style: multiple
        rules:
          items: [5, 10, 15, 20, 25]
      - name: lr
        style: logspace
        rules:
          min: -5
          max: -1
          count: 5
`);
    expect(t.type).toBe('grid_search');
    expect(t.count).toBe(25);
    expect(row(t.executions[24])).toBe('epochs=25 lr=0.1');
  });

  it('a grid with no parameters is one execution of the step as it is', () => {
    const t = expand('    parameters: []\n');
    expect(t.count).toBe(1);
    expect(t.executions.map(row)).toEqual(['']);
  });

  it('a repeated parameter name: the later one counts, in the earlier place', () => {
    const t = expand(`    parameters:
      - name: lr
        style: multiple
        rules: {items: [1, 2]}
      - name: epochs
        style: single
        rules: {value: 5}
      - name: lr
        style: multiple
        rules: {items: [7, 8, 9]}
`);
    expect(t.count).toBe(3);
    expect(t.executions.map(row)).toEqual(['lr=7 epochs=5', 'lr=8 epochs=5', 'lr=9 epochs=5']);
    expect(t.warnings.map((w) => w.message)).toEqual(['Task "hp": parameter "lr" is given twice; the later one counts']);
  });

  it('counts a huge grid without building it: only `limit` rows', () => {
    const linear = (name: string) => `      - name: ${name}\n        style: linear\n        rules: {start: 1, end: 10, step: 1}\n`;
    const body = `    parameters:\n${['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(linear).join('')}`;
    const started = performance.now();
    const t = expand(body);
    const elapsed = performance.now() - started;
    expect(t.count).toBe(10_000_000);
    expect(t.executions).toHaveLength(10000);
    expect(row(t.executions[9999])).toBe('a=1 b=1 c=1 d=10 e=10 f=10 g=10');
    expect(t.variants.every((v) => v.values.length === 10)).toBe(true);
    expect(elapsed).toBeLessThan(1000);
    const small = expand(body, 3);
    expect(small.count).toBe(10_000_000);
    expect(small.executions.map(row)).toEqual(['a=1 b=1 c=1 d=1 e=1 f=1 g=1', 'a=1 b=1 c=1 d=1 e=1 f=1 g=2', 'a=1 b=1 c=1 d=1 e=1 f=1 g=3']);
    // A single linear range of 10^12 values is not built either.
    const wide = expand('    parameters:\n      - name: a\n        style: linear\n        rules: {start: 1, end: 1000000000000, step: 1}\n', 5);
    expect(wide.count).toBe(1e12);
    expect(reprs(wide.variants[0].values)).toEqual(['1', '2', '3', '4', '5']);
    expect(wide.variants[0].size).toBe(1e12);
  });

  it("property: a grid's count is the product of its variants' sizes, and every row is built under the limit", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 0, maxLength: 4 }), (sizes) => {
        const body = `    parameters:\n${sizes
          .map((n, k) => `      - name: p${k}\n        style: multiple\n        rules: {items: [${Array.from({ length: n }, (_, i) => i).join(', ')}]}\n`)
          .join('')}`;
        const t = expand(sizes.length === 0 ? '    parameters: []\n' : body);
        const product = sizes.reduce((a, b) => a * b, 1);
        expect(t.count).toBe(product);
        expect(t.count).toBe(t.variants.reduce((a, v) => a * v.size, 1));
        expect(t.executions).toHaveLength(product);
        // Every combination exactly once.
        expect(new Set(t.executions.map(row)).size).toBe(product);
      }),
      { numRuns: 60 },
    );
  });
});

describe('manual search', () => {
  it('starts one execution per parameter set, dropping empty sets', () => {
    const t = expand(`    type: manual_search
    parameter-sets:
      - lr: 0.1
        epochs: 5
      - {}
      - lr: 0.01
      - epochs: 7
        dropout: 0.2
`);
    expect(t.type).toBe('manual_search');
    expect(t.count).toBe(3);
    expect(t.columns).toEqual(['lr', 'epochs', 'dropout']);
    expect(t.executions.map(row)).toEqual(['lr=0.1 epochs=5', 'lr=0.01', 'epochs=7 dropout=0.2']);
    expect(t.errors).toEqual([]);
  });

  it('without parameter sets, its variants combine like a grid', () => {
    const t = expand(`    type: manual-search\n    parameters:\n      - name: epochs\n        style: linear\n        rules: {start: 25, end: 25, step: 1}\n`);
    expect(t.type).toBe('manual_search');
    expect(t.executions.map(row)).toEqual(['epochs=25']);
  });
});

describe('random search', () => {
  const body = (rules: string, extra = '') => `    type: random_search\n${extra}    parameters:\n      - name: lr\n        style: random\n        rules: ${rules}\n`;

  it('draws `count` samples inside [min, max]; the same seed gives the same samples', () => {
    const t = expand(body('{min: 0.001, max: 0.002, count: 10, seed: 42}'));
    expect(t.type).toBe('random_search');
    expect(t.count).toBe(10);
    expect(t.sampled).toBe(true);
    expect(t.executions).toHaveLength(10);
    const samples = t.executions.map((e) => e.get('lr')!);
    for (const s of samples) {
      expect(s.t).toBe('float');
      const v = (s as { v: number }).v;
      expect(v).toBeGreaterThanOrEqual(0.001);
      expect(v).toBeLessThanOrEqual(0.002);
    }
    expect(new Set(samples.map(pyRepr)).size).toBe(10);
    expect(reprs(expand(body('{min: 0.001, max: 0.002, count: 10, seed: 42}')).variants[0].values)).toEqual(reprs(samples));
    expect(reprs(expand(body('{min: 0.001, max: 0.002, count: 10, seed: 7}')).variants[0].values)).not.toEqual(reprs(samples));
    expect(t.facts).toContainEqual({ label: 'Seed', value: '42' });
    expect(t.variants[0].description).toBe('random uniform 0.001 … 0.002 (10 samples)');
  });

  it('integerify gives ints inside the range', () => {
    const t = expand(body('{min: 1, max: 10, count: 50, seed: 1, integerify: true}'));
    const values = t.variants[0].values;
    expect(values).toHaveLength(50);
    for (const v of values) {
      expect(v.t).toBe('int');
      expect((v as { v: number }).v).toBeGreaterThanOrEqual(1);
      expect((v as { v: number }).v).toBeLessThanOrEqual(10);
    }
  });

  it('execution-count decides how many executions; without a seed the preview draw is still stable', () => {
    const t = expand(body('{min: 1, max: 2, count: 3}', '    execution-count: 12\n'));
    expect(t.count).toBe(12);
    expect(t.executions).toHaveLength(12);
    expect(reprs(t.variants[0].values)).toEqual(reprs(expand(body('{min: 1, max: 2, count: 3}', '    execution-count: 12\n')).variants[0].values));
    expect(t.facts.find((f) => f.label === 'Seed')?.value).toMatch(/^none/);
    // A list parameter of a random search is picked from, a single one stays.
    const u = expand(`    type: random_search\n    execution-count: 20\n    parameters:\n      - name: epochs\n        style: multiple\n        rules: {items: [1, 2]}\n      - name: dropout\n        style: single\n        rules: {value: 0.3}\n`);
    expect(u.count).toBe(20);
    expect(u.columns).toEqual(['epochs']);
    expect(new Set(u.executions.map((e) => pyRepr(e.get('epochs')!)))).toEqual(new Set(['1', '2']));
    expect(u.executions.every((e) => pyRepr(e.get('dropout')!) === '0.3')).toBe(true);
  });

  it('a random variant in a grid contributes its samples', () => {
    const t = expand(`    parameters:\n      - name: epochs\n        style: multiple\n        rules: {items: [1, 2]}\n      - name: lr\n        style: random\n        rules: {min: 0, max: 1, count: 3, seed: 5}\n`);
    expect(t.count).toBe(6);
    expect(t.sampled).toBe(true);
    const lr = reprs(t.variants[1].values);
    expect(t.executions.map((e) => pyRepr(e.get('lr')!))).toEqual([...lr, ...lr]);
  });
});

describe('Bayesian TPE', () => {
  it('starts execution-count executions whose values the platform chooses; shows the search space', () => {
    const t = expand(`    type: bayesian_tpe
    execution-count: 40
    execution-batch-size: 4
    optimization-target-metric: loss
    parameters:
      - name: lr
        style: logspace
        rules: {start: -5, end: -1, count: 5}
      - name: dropout
        style: random
        rules: {min: 0.1, max: 0.5}
      - name: epochs
        style: single
        rules: {value: 10}
`);
    expect(t.type).toBe('bayesian_tpe');
    expect(t.count).toBe(40);
    expect(t.executions).toEqual([]);
    expect(t.columns).toEqual(['lr', 'dropout']);
    expect(t.variants.map((v) => v.values)).toEqual([[], [], []]);
    expect(t.facts).toEqual(
      expect.arrayContaining([
        { label: 'Executions', value: '40' },
        { label: 'Batch size', value: '4' },
        { label: 'Target metric', value: 'loss' },
        { label: 'Search space: lr', value: 'logspace 10**-5 … 10**-1 (5 values)' },
        { label: 'Search space: dropout', value: 'random uniform 0.1 … 0.5' },
        { label: 'Search space: epochs', value: 'single 10' },
      ]),
    );
    expect(t.errors).toEqual([]);
    expect(t.warnings).toEqual([]);
  });

  it('warns that fewer than 20 executions are a random search throughout', () => {
    const t = expand('    type: bayesian_tpe\n    execution-count: 10\n    parameters: []\n');
    expect(t.warnings.map((w) => w.message)).toEqual([
      'Task "hp": Bayesian TPE seeds itself with 20 random-search executions, so with execution-count 10 the whole task is a random search',
    ]);
  });
});

describe('invalid variants are errors with the platform meaning, never throws', () => {
  const P = [1, 'task', 'parameters', 0];
  const problem = (style: string, rules: string) => {
    const t = expand(`    parameters:\n      - name: lr\n        style: ${style}\n        rules: ${rules}\n`);
    return { errors: t.errors.map((e) => [e.path, e.message]), count: t.count };
  };

  it.each([
    ['linear', '{start: 0, end: 1}', [...P, 'rules'], 'a linear range needs `rules.step`'],
    ['linear', '{start: 0, end: 1, step: 0}', [...P, 'rules', 'step'], 'step 0 never reaches `end`'],
    ['linear', '{start: 0, end: 1, step: -0.1}', [...P, 'rules', 'step'], 'step -0.1 goes away from end 1, so the range has no values'],
    ['linear', '{start: 0, end: x, step: 1}', [...P, 'rules', 'end'], '`rules.end` must be a number'],
    ['multiple', '{items: []}', [...P, 'rules', 'items'], '`rules.items` is empty, so the task starts no executions'],
    ['multiple', '{}', [...P, 'rules'], '`rules.items` is empty, so the task starts no executions'],
    ['logspace', '{start: 1, end: 3}', [...P, 'rules'], 'a logspace needs `rules.count` (how many values)'],
    ['logspace', '{start: 1, end: 3, count: 0}', [...P, 'rules', 'count'], 'count 0 gives no values — use a whole number of at least 1'],
    ['single', '{}', [...P, 'rules'], 'a single value needs `rules.value`'],
    ['random', '{min: 2, max: 1, count: 3}', [...P, 'rules', 'min'], 'min 2 is greater than max 1'],
    ['random', '{min: 1, max: 2}', [...P, 'rules'], 'a random parameter needs `rules.count` (how many values to draw)'],
    ['gaussian', '{value: 1}', [...P, 'style'], '"gaussian" is not a variant style — use one of: single, multiple, linear, logspace, random'],
  ])('%s %s', (style, rules, path, message) => {
    expect(problem(style, rules)).toEqual({ errors: [[path, `Task "hp", parameter "lr": ${message}`]], count: 0 });
  });

  it('a bad task type or a variant without a name does not throw', () => {
    const t = expand('    type: hyperband\n    parameters:\n      - rules: {value: 1}\n');
    expect(t.errors.map((e) => e.message)).toEqual(['Task "hp": "hyperband" is not a valid task type — use one of: bayesian_tpe, grid_search, distributed, random_search, manual_search']);
    expect(expand('    parameters:\n      - style: single\n      - 5\n      - name: lr\n        style: linear\n        rules: 7\n').errors.map((e) => e.message)).toEqual([
      'Task "hp", parameter "lr": a linear range needs `rules.start`',
    ]);
  });
});

describe('lint', () => {
  /** Lint findings from tasks as `severity [marked text] message`. */
  const findings = (text: string) =>
    analyze(text, valohai)
      .diagnostics.filter((d) => d.source === 'lint')
      .map((d) => `${d.severity} [${text.slice(d.range[0], d.range[1])}] ${d.message}`);

  it(`warns at the task's name when a grid starts more than ${LARGE_TASK} executions`, () => {
    const text = taskDoc(`    parameters:
      - name: lr
        style: linear
        rules: {start: 1, end: 64, step: 1}
      - name: epochs
        style: linear
        rules: {start: 1, end: 64, step: 1}
`);
    expect(findings(text)).toEqual(['warning [hp] Task "hp": this grid starts 4,096 executions']);
    // 100 is not more than 100.
    expect(findings(taskDoc('    parameters:\n      - name: lr\n        style: linear\n        rules: {start: 1, end: 100, step: 1}\n'))).toEqual([]);
  });

  it('does not warn about a count the file states (execution-count)', () => {
    expect(findings(taskDoc('    type: random_search\n    execution-count: 500\n    parameters:\n      - name: lr\n        style: random\n        rules: {min: 0, max: 1}\n'))).toEqual([]);
  });

  it('reports invalid variants as errors at their place, warnings as warnings', () => {
    const text = taskDoc(`    parameters:
      - name: lr
        style: linear
        rules: {start: 0, end: 1, step: 0}
      - name: epochs
        style: multiple
        rules:
          items: []
      - name: nothing
        style: single
        rules: {value: 1}
`);
    expect(findings(text)).toEqual([
      'error [0] Task "hp", parameter "lr": step 0 never reaches `end`',
      'error [[]] Task "hp", parameter "epochs": `rules.items` is empty, so the task starts no executions',
      'warning [nothing] Task "hp": step "train" has no parameter "nothing"',
    ]);
  });
});

describe('the real valohai corpus', () => {
  const files = corpusFiles('valohai').filter(([, text]) => /^\s*-\s*task:/m.test(text));

  it('has task files', () => {
    expect(files.length).toBeGreaterThan(3);
  });

  it.each(files)('%s: every task expands; a grid counts the product of its variants', (_file, text) => {
    const parsed = parse(text);
    const tasks = expandTasks(parsed);
    for (const t of tasks) {
      expect(t.count).toBeGreaterThanOrEqual(0);
      if (t.type === 'grid_search') {
        expect(t.count).toBe(t.variants.reduce((n, v) => n * v.size, 1));
        expect(t.executions).toHaveLength(Math.min(t.count, 10000));
      }
    }
  });

  it('the valid files get no finding from the task rules (no large-task warning for a written execution-count)', () => {
    const valid = files.filter(([f]) => f.includes('/examples/') || f.includes('/valid_examples/'));
    expect(valid.length).toBeGreaterThan(1);
    for (const [, text] of valid) {
      const ours = analyze(text, valohai).diagnostics.filter((d) => /^Task "[^"]*"(, parameter|:)/.test(d.message));
      expect(ours.map((d) => d.message)).toEqual([]);
    }
  });

  it('task-example.yaml reads as its comments say', () => {
    const [, text] = corpusFiles('valohai').find(([f]) => f.endsWith('examples/task-example.yaml'))!;
    const tasks = expandTasks(parse(text));
    expect(tasks.map((t) => `${t.name}: ${t.type} ${t.count}`)).toEqual([
      'task 1 single: bayesian_tpe 0',
      'task 2 linear: manual_search 1',
      'task 3 multiple: grid_search 2',
      'task 4 logspace: random_search 420',
      'task 5 random: distributed 10',
      'parameter sets: manual_search 3',
    ]);
    expect(reprs(tasks[3].variants[0].values.slice(0, 4))).toEqual(['1e+25', '1e+25', '1e+25', '1e+25']);
    expect(tasks[5].executions.map(row)).toEqual(['A=5 B=6', 'A=8 B=9', 'A=72 B=42']);
    // The valid examples are clean: nothing from the task rules.
    for (const t of tasks) expect([...t.errors, ...t.warnings]).toEqual([]);
  });
});
