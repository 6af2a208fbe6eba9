import { describe, expect, it } from 'vitest';
import { analyze } from '../../lint';
import { valohai } from './index';
import { UNUSED_PARAMETER } from './parameterPlaceholders';

/**
 * Findings as `severity at-text: message`, where at-text is the marked part of the document.
 * The steps here pass no parameter to their command (`python train.py`), which the unused-parameter
 * hint would point out for every parameter: unusedParameters.test.ts tests that hint.
 */
function findings(text: string, source?: 'schema' | 'lint'): string[] {
  return analyze(text, valohai)
    .diagnostics.filter((d) => (!source || d.source === source) && d.code !== UNUSED_PARAMETER)
    .map((d) => `${d.severity} [${text.slice(d.range[0], d.range[1])}] ${d.message}`);
}

const step = (extra: string, name = 'train') => `- step:\n    name: ${name}\n    image: python:3.12\n    command: python train.py\n${extra}`;
const params = (body: string) => step(`    parameters:\n${body}`);

describe('parameter defaults (Python semantics)', () => {
  it('checks integer and float defaults as int(str(v), 10) and float(str(v))', () => {
    expect(findings(params('      - name: a\n        type: integer\n        default: 5.0\n'))).toEqual([
      'warning [5.0] Step train, parameter a: default 5.0 is not an integer',
    ]);
    expect(findings(params('      - name: a\n        type: integer\n        default: "7"\n'))).toEqual([]);
    expect(findings(params('      - name: a\n        type: float\n        default: 1e-3\n'))).toEqual([]); // the text "1e-3" parses as a float
    expect(findings(params('      - name: a\n        type: float\n        default: abc\n'))).toEqual([
      'warning [abc] Step train, parameter a: default abc is not a floating-point number',
    ]);
    expect(findings(params('      - name: a\n        type: integer\n        default: yes\n'))).toEqual([
      'warning [yes] Step train, parameter a: default True is not an integer',
    ]);
  });

  it('never checks a falsy default, and checks every atom of a multiple one', () => {
    expect(findings(params('      - name: a\n        type: integer\n        default: 0\n        min: 5\n'))).toEqual([]);
    expect(findings(params('      - name: a\n        type: integer\n        default: ""\n'))).toEqual([]);
    expect(findings(params('      - name: a\n        type: integer\n        multiple: separate\n        default: [1, x, 0]\n        min: 1\n'))).toEqual([
      'warning [x] Step train, parameter a: default x is not an integer',
      'warning [0] Step train, parameter a: default 0 is less than the minimum allowed (1)',
    ]);
  });

  it('compares the raw default with min, max and choices', () => {
    expect(findings(params('      - name: a\n        type: integer\n        default: 7\n        max: 5.0\n'))).toEqual([
      'warning [7] Step train, parameter a: default 7 is greater than the maximum allowed (5.0)',
    ]);
    // Text vs number cannot be compared in Python, so the platform says nothing.
    expect(findings(params('      - name: a\n        type: integer\n        default: "7"\n        max: 5\n'))).toEqual([]);
    expect(findings(params('      - name: a\n        default: x\n        choices: [a, b, 1]\n'))).toEqual([
      "warning [x] Step train, parameter a: default x is not among the choices allowed (['a', 'b', 1])",
    ]);
    expect(findings(params('      - name: a\n        type: flag\n        default: maybe\n'))).toEqual([
      'warning [maybe] Step train, parameter a: default maybe is not among the choices allowed ([True, False])',
    ]);
  });

  it('reports non-text defaults of string parameters with their Python repr and type', () => {
    expect(findings(params('      - name: a\n        default: [1, 2]\n        multiple: repeat\n'))).toEqual([
      "warning [1] Step train, parameter a: default `default` value 1 is not a string (got a <class 'int'>)",
      "warning [2] Step train, parameter a: default `default` value 2 is not a string (got a <class 'int'>)",
    ]);
    expect(findings(params('      - name: a\n        default: 2020-01-02\n'))).toEqual([
      "warning [2020-01-02] Step train, parameter a: default `default` value datetime.date(2020, 1, 2) is not a string (got a <class 'datetime.date'>)",
    ]);
  });

  it('uses the last of parameters with the same name', () => {
    expect(findings(params('      - name: a\n        type: integer\n        default: x\n      - name: a\n        type: string\n        default: x\n'))).toEqual([]);
  });
});

describe('parameter settings without effect', () => {
  it('warns about pass-*-as on non-flags and pass-as beside them on flags, at the key', () => {
    expect(findings(params('      - name: a\n        pass-true-as: --yes\n'))).toEqual([
      'warning [pass-true-as] Step train, parameter a: `pass-true-as` has no effect on non-flag parameters',
    ]);
    expect(findings(params('      - name: f\n        type: flag\n        pass-as: --f\n        pass-false-as: --no-f\n'))).toEqual([
      'warning [pass-as] Step train, parameter f: `pass-as` has no effect with `pass-true-as`/`pass-false-as`',
    ]);
  });
  it('reports a multiple flag, which the platform cannot read', () => {
    expect(findings(params('      - name: f\n        type: flag\n        multiple: repeat\n'))).toEqual([
      "error [repeat] Step train, parameter f: Flag parameters can't be multiple — remove \"multiple\"",
    ]);
  });
});

describe('steps', () => {
  it('checks stop-condition, preset without environment and durations at their values', () => {
    expect(findings(step('    stop-condition: a < b < c\n    runtime-config-preset: p1\n    time-limit: 90\n    no-output-timeout: "90"\n'))).toEqual([
      'error [a < b < c] Step train, `stop-condition` is not a valid expression: Only simple comparisons are supported',
      'error [p1] Step "train", missing "environment". When specifying a runtime config preset, you must also specify an environment.',
      expect.stringMatching(/^error \["90"\] Step "train", `no-output-timeout` is not a valid duration: '90': the number 90 has no unit/),
    ]);
    expect(findings(step('    time-limit: 1x\n'))).toEqual([
      "error [1x] Step \"train\", `time-limit` is not a valid duration: Unknown duration suffix in '1x'",
    ]);
  });

  it('warns about a repeated name at the later one, whose findings replace the earlier ones', () => {
    const text = `${step('    stop-condition: "[1]"\n')}${step('    stop-condition: a ** 2\n')}`;
    expect(findings(text)).toEqual([
      'warning [train] Duplicate step name: train.',
      'error [a ** 2] Step train, `stop-condition` is not a valid expression: Binary operator <ast.Pow object at 0x…> is not allowed',
    ]);
  });

  it('warns about an item of no known kind with its Python repr', () => {
    expect(findings('- stpe:\n    name: x\n    count: 2\n    ok: yes\n')).toEqual([
      "warning [stpe] No parser for {'stpe': {'name': 'x', 'count': 2, 'ok': True}}",
      'info [stpe] Valohai ignores this item: did you mean "step"?',
    ]);
  });
});

describe('tasks', () => {
  const task = (extra: string) => `${step('')}- task:\n    name: t\n    step: train\n    parameters: []\n${extra}`;
  it('reports a task type and on-child-error the platform refuses', () => {
    expect(findings(task('    type: hill-climb\n    on-child-error: explode\n'))).toEqual([
      'error [hill-climb] Task "t": "hill-climb" is not a valid task type — use one of: bayesian_tpe, grid_search, distributed, random_search, manual_search',
      'error [explode] Task "t": "explode" is not a valid on-child-error — use one of: continue-and-complete, continue-and-error, stop-all-and-error',
    ]);
    expect(findings(task('    type: Random-Search\n    on-child-error: STOP_ALL_and-error\n'))).toEqual([]);
  });
  it('warns about Bayesian-only keys and parameter sets on other task types', () => {
    expect(findings(task('    engine: optuna\n    parameter-sets:\n      - {}\n'))).toEqual([
      'warning [engine] engine only makes sense for Bayesian TPE tasks',
    ]);
    expect(findings(task('    type: bayesian_tpe\n    engine: optuna\n'))).toEqual([]);
    expect(findings(task('    stop-condition: "x ="\n'))).toEqual([
      'error ["x ="] Task t, `stop-condition` is not a valid expression: invalid syntax (<expression>, line 1)',
    ]);
  });
});

describe('pipelines', () => {
  const base = `${step('    inputs:\n      - name: data\n    parameters:\n      - name: lr\n        type: float\n')}`;
  const pipeline = (body: string) => `${base}- pipeline:\n    name: p\n${body}`;

  it('checks node names, step references and edges', () => {
    const text = pipeline(
      '    nodes:\n      - name: a\n        type: execution\n        step: train\n      - name: a\n        type: execution\n        step: nope\n' +
        '    edges:\n      - [a.output.x, b.input.data]\n      - source: a.outptu.x\n        target: a.input.data\n',
    );
    expect(findings(text)).toEqual([
      'error [a] Pipeline p has 2 nodes with the same name of a',
      'error [nope] Pipeline "p" node "a" step "nope" does not exist',
      'error [b.input.data] Pipeline p edge target node b does not exist',
      'error [a.outptu.x] Pipeline p source type outptu (between a and a) not valid',
    ]);
  });

  it('reports malformed edges as the platform parses them', () => {
    const nodes = '    nodes:\n      - name: a\n        type: execution\n        step: train\n';
    expect(findings(pipeline(`${nodes}    edges:\n      - [a.input]\n      - [a.output, a.input.data]\n      - [a.output.model.pkl, a.input.data]\n`))).toEqual([
      "error [[a.input]] Malformed edge shorthand ['a.input']",
      "error [a.output] Source specifier 'a.output' must have 3 parts (it has 2)",
    ]);
  });

  it('checks overrides against the step, unless the node takes its step from another commit', () => {
    const node = (extra: string) =>
      `    nodes:\n      - name: a\n        type: execution\n        step: train\n${extra}        override:\n          inputs:\n            - name: data2\n          parameters:\n            - name: lr\n            - name: momentum\n          runtime-config-preset: x\n    edges: []\n`;
    expect(findings(pipeline(node('')))).toEqual([
      'error [data2] Pipeline "p" node "a" step "train": input data2 does not exist in step',
      'error [momentum] Pipeline "p" node "a" step "train": parameter momentum does not exist in step',
      'error [x] Pipeline "p" node "a" step "train": missing "environment". When specifying a runtime config preset, you must also specify an environment.',
    ]);
    expect(findings(pipeline(node('        commit: abc123\n')))).toEqual([]);
  });

  it('checks task nodes against task blueprints and their steps', () => {
    const text =
      `${base}- task:\n    name: sweep\n    step: gone\n    parameters: []\n- pipeline:\n    name: p\n    nodes:\n` +
      '      - name: t\n        type: task\n        task: sweep\n      - name: u\n        type: task\n        task: nosuch\n    edges: []\n';
    expect(findings(text)).toEqual([
      'error [sweep] Pipeline "p" node "t" task "sweep": task\'s step "gone" does not exist',
      'error [nosuch] Pipeline "p" node "u" task "nosuch" does not exist',
    ]);
  });

  it('checks pipeline parameter targets', () => {
    const nodes = '    nodes:\n      - name: a\n        type: execution\n        step: train\n    edges: []\n';
    const text = pipeline(
      `${nodes}    parameters:\n      - name: x\n        targets: [a.parameter.lr, a.input.data, b.parameter.lr, a.parameter.nope, a.parameter]\n      - name: y\n      - name: z\n        target: a.parameter.lr\n        targets: a.parameter.lr\n`,
    );
    expect(findings(text)).toEqual([
      'error [a.input.data] Pipeline "p" parameter "x" target "a.input.data": socket type "input" is not supported.',
      // The platform checks the parameter too, even though the socket type is wrong.
      'error [a.input.data] Pipeline "p" parameter "x" target "a.input.data": the parameter "data" does not exist in step "train".',
      'error [b.parameter.lr] Pipeline "p" parameter "x" target "b.parameter.lr": the node "b" does not exist.',
      'error [a.parameter.nope] Pipeline "p" parameter "x" target "a.parameter.nope": the parameter "nope" does not exist in step "train".',
      'error [a.parameter] Pipeline "p" parameter "x" target "a.parameter": must have 3 parts, written node.parameter.name (it has 2)',
      'warning [y] Pipeline "p" parameter "y": no targets.',
      'error [targets] Pipeline "p" parameter "z": cannot have both "target" and "targets" — keep one of them',
    ]);
  });

  it('warns about node actions that are not well-known', () => {
    const text = pipeline(
      '    nodes:\n      - name: a\n        type: execution\n        step: train\n        actions:\n          - when: [node-complete, Node-Done]\n            then: [noop, explode]\n    edges: []\n',
    );
    expect(findings(text)).toEqual([
      `warning [Node-Done] "when" value {'node-complete', 'node-done'} is not well-known; the action might never be triggered`,
      `warning [explode] "then" value ['noop', 'explode'] is not well-known; the action might do nothing`,
    ]);
  });

  it('reports a deployment node without a name', () => {
    const text = pipeline('    nodes:\n      - name: ""\n        type: deployment\n        deployment: d\n    edges: []\n');
    expect(findings(text)).toEqual(['error [name] Deployment has no name']);
  });
});

describe('deployments', () => {
  it('warns when defaults.target is missing', () => {
    expect(findings('- deployment:\n    name: d\n')).toEqual([
      'warning [deployment] Deployment "d" has no defaults.target set which is required for deployment auto-creation.',
    ]);
    expect(findings('- deployment:\n    name: d\n    defaults:\n      target: t\n')).toEqual([]);
  });
});

describe('robustness', () => {
  it.each([
    '- step:\n',
    '- step: 5\n',
    '- step:\n    parameters: 5\n',
    '- step:\n    name: [a]\n',
    '- pipeline:\n    name: p\n    nodes: {a: 1}\n    edges: [5, [1, 2], {source: 1}]\n    parameters: [5, {name: x, targets: [1]}]\n',
    '- pipeline:\n    nodes:\n      - type: task\n        override: 5\n',
    '- task:\n    name: t\n    type: [x]\n',
    '- 5\n- [a]\n- null\n',
    'just: a mapping\n',
    '',
  ])('never throws on odd shapes: %j', (text) => {
    const { diagnostics } = analyze(text, valohai);
    expect(diagnostics.every((d) => !d.message.startsWith('Internal error'))).toBe(true);
  });
});

describe('no double reports', () => {
  it('leaves values of the wrong type to the schema', () => {
    const text = `- step:\n    name: s\n    image: i\n    command: c\n    time-limit: 1.5\n- task:\n    name: t\n    step: s\n    parameters: []\n    type: [x]\n`;
    expect(findings(text).map((f) => f.split('] ')[0] + ']')).toEqual(['error [1.5]', 'error [[x]]']);
    expect(findings(text, 'lint')).toEqual([]);
  });
  it('reports a float duration the schema lets through (90.0 is an integer to JSON Schema)', () => {
    expect(findings(step('    time-limit: 90.0\n'))).toEqual([
      'error [90.0] Step "train", `time-limit` is not a valid duration: Could not parse duration from 90.0',
    ]);
  });
});
