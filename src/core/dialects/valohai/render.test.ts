/**
 * Command rendering against valohai.md §8. Every expectation here is worked out by hand from
 * the rules (never a snapshot of our own output); the comment beside a case says which rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../document/parse';
import { pyStrip } from './python/text';
import { pyListify, type PyValue } from './python/values';
import {
  buildCommand,
  defaultValues,
  environmentOf,
  inputsOf,
  joinCommand,
  parametersFile,
  parseUserValue,
  renderStep,
  stepsOf,
  validateParameterValue,
  type Step,
} from './render';

const examples = resolve(__dirname, '../../../../../shared/corpus/valohai/examples');

function parse(text: string) {
  return parseText(text, { version: '1.1', duplicateKeys: 'warning' });
}

function stepsIn(file: string): Step[] {
  return stepsOf(parse(readFileSync(resolve(examples, file), 'utf8')));
}

function stepOf(file: string, name: string): Step {
  const step = stepsIn(file).find((s) => s.name === name);
  if (!step) throw new Error(`no step ${name} in ${file}`);
  return step;
}

/** A one-step document with this command and these parameters (YAML for the parameters list). */
function step(command: string, parameters = '[]', extra = ''): Step {
  const text = `- step:\n    name: s\n    image: busybox\n    command: ${command}\n    parameters: ${parameters}\n${extra}`;
  const steps = stepsOf(parse(text));
  if (steps.length !== 1) throw new Error(`bad test document:\n${text}`);
  return steps[0];
}

function value(text: string): PyValue {
  const r = parseUserValue(text);
  if ('error' in r) throw new Error(r.error);
  return r.value;
}

/** Values from YAML texts, e.g. `{ lr: '0.1' }`. */
function values(texts: Record<string, string>): Map<string, PyValue> {
  return new Map(Object.entries(texts).map(([k, v]) => [k, value(v)]));
}

/** The one rendered item of a one-item command. */
function one(s: Step, texts: Record<string, string> = {}): string {
  const r = renderStep(s, values(texts));
  expect(r.errors).toEqual([]);
  expect(r.command).toHaveLength(1);
  return r.command[0];
}

describe('corpus: every step of every example, with every default', () => {
  const files = readdirSync(examples).filter((f) => f.endsWith('.yaml'));

  it('renders without errors or warnings, each item stripped, one item per command item', () => {
    let count = 0;
    for (const file of files) {
      for (const s of stepsIn(file)) {
        const r = renderStep(s, defaultValues(s));
        expect(r.errors, `${file} ${s.name}`).toEqual([]);
        expect(r.warnings, `${file} ${s.name}`).toEqual([]);
        expect(r.command).toHaveLength(pyListify(s.command).length);
        for (const item of r.command) expect(item).toBe(pyStrip(item));
        expect(r.script).toBe(joinCommand(r.command));
        count++;
      }
    }
    expect(count).toBe(45);
  });

  it('example1: non-flag defaults in definition order, a pass-as split in two, a value with spaces quoted whole', () => {
    const r = renderStep(stepOf('example1.yaml', 'run training'), defaultValues(stepOf('example1.yaml', 'run training')));
    expect(r.command.slice(0, 8)).toEqual([
      'cd /tmp/code',
      'conda env create -q',
      'source activate ladder',
      'conda install -y -q libgfortran==1',
      'echo "data_path: /root/ladder" > /root/.fuelrc',
      'fuel-download mnist',
      'fuel-convert mnist --dtype float32',
      'mv mnist_float32.hdf5 mnist.hdf5',
    ]);
    // num-epochs has no default: absent. `pass-as: --decoder-spec {v}` gives two pieces.
    // `--sql-query=SELECT * FROM mytable` is one piece with spaces and `*`: quoted whole.
    expect(r.command[8]).toBe(
      "python run.py train --seed=1 --labeled-samples=60000 --unlabeled-samples=60000 --encoder-layers=1000-500-250-250-250-10 --denoising-cost-x=1000,1,0.01,0.01,0.01,0.01,0.01 --decoder-spec gauss '--sql-query=SELECT * FROM mytable' --output-alias=my-alias -- mnist_all_full",
    );
    expect(r.script.split('\n')).toHaveLength(9);
  });

  it('example1 with the reference tests own values: quotes inside a value', () => {
    const s = stepOf('example1.yaml', 'run training');
    const v = defaultValues(s);
    v.set('decoder-spec', { t: 'str', v: `foo bar""'"'"; quux` });
    const last = renderStep(s, v).command[8];
    // Each ' becomes '"'"' inside the single quotes.
    expect(last).toContain(`--decoder-spec 'foo bar""'"'"'"'"'"'"; quux'`);
  });

  it('multiple-param: separate with "-" and ",", ints and floats as str() gives them, repeat as two pieces each', () => {
    expect(one(stepOf('multiple-param.yaml', 'example'), {})).toBe(
      'echo --unlabeled-samples=60000 --encoder-layers=1000-500-250-250-250-10 --denoising-cost-x=1000,1,0.01,0.01,0.01,0.01,0.01 --decoder-spec gauss --decoder-spec railgun',
    );
  });

  it('flag-param-example: the preview starts from flag defaults too; build_command alone does not', () => {
    const s = stepOf('flag-param-example.yaml', 'test');
    expect(renderStep(s, defaultValues(s)).command).toEqual(['foo --defaults-to-true']);
    expect(buildCommand(s, new Map()).command).toEqual(['foo']);
    expect(renderStep(s, values({ 'case-insensitive': 'true', 'defaults-to-true': 'false' })).command).toEqual(['foo --case-insensitive']);
  });

  it('flag-param-pass-as-example: pass-true-as / pass-false-as, and {name} inside them', () => {
    const s = stepOf('flag-param-pass-as-example.yaml', 'test');
    expect(renderStep(s, defaultValues(s)).command).toEqual(['foo']);
    expect(one(s, { 'case-insensitive': 'true' })).toBe('foo --ignore-case');
    expect(one(s, { 'case-insensitive': 'false' })).toBe('foo --case-sensitive');
    expect(one(s, { nice: 'true', naughty: 'true' })).toBe('foo --behave-nice');
    expect(one(s, { nice: 'false', naughty: 'true' })).toBe('foo');
    expect(one(s, { naughty: 'false' })).toBe('foo --naughty=not-naughty');
  });

  it('optional-default-param: optional has no effect on rendering', () => {
    const s = stepOf('optional-default-param.yaml', 'test');
    expect(one(s, {})).toBe('foo --varA=123 --varC=456');
    expect(one(s, { varB: '666' })).toBe('foo --varA=123 --varB=666 --varC=456');
  });

  it('keep-order: seven {parameter:NAME} without values leave their spaces, and strip() takes them', () => {
    expect(one(stepOf('keep-order.yaml', 'sing a melody'))).toBe('echo');
    expect(one(stepOf('keep-order.yaml', 'sing a melody'), { mi: 'x', do: 'y' })).toBe('echo --do=y  --mi=x');
  });

  it('shebang-example: both forms make the same script, the shebang on a line of its own', () => {
    const block = stepOf('shebang-example.yaml', 'Do a thing');
    const list = stepOf('shebang-example.yaml', 'Do the same thing in another way');
    const expected = '#!/bin/bash\necho "The wibble is --wibble=42 today."\nif [[ -z "$1" ]]; then echo "No arguments provided"; fi';
    expect(renderStep(block, values({ wibble: '42' })).script).toBe(expected);
    expect(renderStep(list, values({ wibble: '42' })).script).toBe(expected);
    expect(renderStep(list, values({ wibble: '42' }), { joiner: ' && ' }).script).toBe(
      '#!/bin/bash\necho "The wibble is --wibble=42 today." && if [[ -z "$1" ]]; then echo "No arguments provided"; fi',
    );
    // No value for wibble: the placeholder becomes "" and the double space stays.
    expect(renderStep(list, defaultValues(list)).command[1]).toBe('echo "The wibble is  today."');
  });

  it('pipeline-with-automatic-deployment-creation: an int and a float default', () => {
    const s = stepOf('pipeline-with-automatic-deployment-creation.yaml', 'train-model');
    expect(renderStep(s, defaultValues(s)).command).toEqual(['pip install valohai-utils', 'python ./train_model.py --epochs=5 --learning_rate=0.001']);
  });

  it('pipeline-with-parameters-example: only listings has a default', () => {
    const s = stepOf('pipeline-with-parameters-example.yaml', 'train_step');
    expect(renderStep(s, defaultValues(s)).command[1]).toBe('python ./train.py --listings=all_harbors,all_uploads,all_uploads2');
  });

  it('a YAML 1.1 block scalar keeps its inner newlines; only the ends are stripped', () => {
    const s = stepOf('shebang-example.yaml', 'Do a thing');
    expect(renderStep(s, new Map()).command[0].split('\n')).toHaveLength(3);
  });
});

describe('placeholders (§8.3)', () => {
  const params = '[{name: a, default: 1}, {name: b, type: flag}]';

  it('{parameters} and {params}: every parameter, pieces quoted, single spaces; "" when none', () => {
    expect(one(step('"run {parameters}"', params))).toBe('run --a=1');
    expect(one(step('"run {params}"', params), { b: 'true' })).toBe('run --a=1 --b');
    expect(one(step('"echo {parameters} x"'))).toBe('echo  x');
  });

  it('{parameter:NAME}: that parameter alone; "" without a value; kept when NAME is unknown', () => {
    expect(one(step('"x {parameter:a} {parameter:b} {parameter:zz}"', params))).toBe('x --a=1  {parameter:zz}');
    expect(one(step('"x {parameter:a}"', params), { a: 'null' })).toBe('x');
  });

  it('{parameter-value:NAME}: quoted str() of the value; None, lists and booleans as Python prints them', () => {
    const s = step('"v {parameter-value:a}"', '[{name: a}, {name: f, type: flag}]');
    expect(one(s, { a: 'hello' })).toBe('v hello');
    expect(one(s, { a: 'two words' })).toBe("v 'two words'");
    expect(one(s, { a: 'null' })).toBe('v None');
    expect(one(s, { a: '[1, 2]' })).toBe("v '[1, 2]'");
    expect(one(s, { a: 'yes' })).toBe('v True');
    expect(one(s, { a: 'false' })).toBe('v False');
    expect(one(s, { a: '""' })).toBe("v ''");
    expect(one(s, { a: '0' })).toBe('v 0');
    // No value at all (a flag with no default) or an unknown name: kept as written.
    expect(one(step('"v {parameter-value:f} {parameter-value:nope}"', '[{name: f, type: flag}]'))).toBe('v {parameter-value:f} {parameter-value:nope}');
    expect(one(step('"v {parameter-value:f}"', '[{name: f, type: flag}]'), { f: 'true' })).toBe('v True');
  });

  it('{source-path}: quoted when the step has one, kept otherwise', () => {
    expect(one(step('"python {source-path}"', '[]', '    source-path: my dir/train.py\n'))).toBe("python 'my dir/train.py'");
    expect(one(step('"python {source-path}"', '[]', '    source-path: train.py\n'))).toBe('python train.py');
    expect(one(step('"python {source-path}"'))).toBe('python {source-path}');
  });

  it('anything else is kept verbatim: {x}, ${HOME}, { x }, {{parameters}}; {} is no placeholder', () => {
    expect(one(step("'echo {x} ${HOME} { x } {} {{parameters}} {parameters}'", params))).toBe('echo {x} ${HOME} { x } {} {{parameters}} --a=1');
  });

  it('each match is replaced once, left to right, without recursion', () => {
    // The value contains a placeholder; it is not interpolated again (but it is quoted).
    expect(one(step('"x {parameter:a}"', '[{name: a}]'), { a: "'{parameters}'" })).toBe("x '--a={parameters}'");
  });

  it('a match never spans a newline', () => {
    const s = step('"a {b\\nc} {parameters}"', params);
    expect(renderStep(s, new Map()).command).toEqual(['a {b\nc} --a=1']);
  });
});

describe('flags (§8, rendering one parameter)', () => {
  const flag = (extra: string) => step('"f {parameters}"', `[{name: x, type: flag${extra}}]`);
  const cases: [string, string, string, string][] = [
    // [settings, value, expected, why]
    ['', 'true', 'f --x', 'default template --{name}'],
    ['', 'false', 'f', 'falsy: nothing'],
    ['', '"false"', 'f --x', 'the string "false" is truthy'],
    ['', '0', 'f', '0 is falsy'],
    ['', 'null', 'f', 'None: nothing'],
    [', pass-as: -X', 'true', 'f -X', 'pass-as'],
    [', pass-as: -X', 'false', 'f', 'pass-as, false'],
    [', pass-true-as: --yes', 'true', 'f --yes', 'pass-true-as'],
    [', pass-true-as: --yes', 'false', 'f', 'no pass-false-as'],
    [', pass-false-as: --no', 'true', 'f', 'no pass-true-as'],
    [', pass-false-as: --no', 'false', 'f --no', 'pass-false-as'],
    [', pass-false-as: --no', 'null', 'f', 'None renders nothing, not pass-false-as'],
    [', pass-true-as: --yes, pass-false-as: --no', 'true', 'f --yes', 'both'],
    [', pass-true-as: --yes, pass-false-as: --no', 'false', 'f --no', 'both'],
    [', pass-as: -X, pass-true-as: --yes', 'true', 'f --yes', 'pass-as has no effect beside pass-true-as'],
    [', pass-as: -X, pass-true-as: --yes', 'false', 'f', 'pass-as has no effect beside pass-true-as'],
    [', pass-true-as: "--{name}-on {v}"', 'true', 'f --x-on True', 'placeholders in pass-true-as'],
  ];
  it.each(cases)('flag%s = %s → %s (%s)', (settings, v, expected) => {
    expect(one(flag(settings), { x: v })).toBe(expected);
  });

  it('a flag without any value renders nothing, whatever its settings', () => {
    expect(one(flag(', pass-true-as: --yes, pass-false-as: --no'))).toBe('f');
  });

  it('non-flags ignore pass-true-as / pass-false-as', () => {
    expect(one(step('"f {parameters}"', '[{name: x, pass-true-as: --yes}]'), { x: 'true' })).toBe('f --x=True');
  });
});

describe('multiple (§8, rendering one parameter)', () => {
  const repeat = step('"r {parameters}"', '[{name: x, multiple: repeat}]');
  const separate = (sep: string) => step('"s {parameters}"', `[{name: x, multiple: separate${sep}}]`);

  it('repeat: the template per atom; a scalar is one atom; [] renders nothing', () => {
    expect(one(repeat, { x: '[a, b c]' })).toBe("r --x=a '--x=b c'");
    expect(one(repeat, { x: 'a' })).toBe('r --x=a');
    expect(one(repeat, { x: '[]' })).toBe('r');
    expect(one(step('"r {parameters}"', '[{name: x, multiple: repeat, pass-as: "-x {v}"}]'), { x: '[1, 2.0]' })).toBe('r -x 1 -x 2.0');
  });

  it('a multiple parameter without default has [] (present, renders nothing, its value prints as [])', () => {
    const s = step('"r {parameters} {parameter-value:x}"', '[{name: x, multiple: repeat}]');
    expect(defaultValues(s).get('x')).toEqual({ t: 'list', items: [] });
    expect(renderStep(s, defaultValues(s)).command).toEqual(["r  '[]'"]);
  });

  it('a scalar default of a multiple parameter becomes a one-item list', () => {
    expect(defaultValues(step('x', '[{name: x, multiple: separate, default: 5}]')).get('x')).toEqual({ t: 'list', items: [{ t: 'int', v: 5 }] });
  });

  it('separate: str() of each atom joined by the separator into one value; [] renders nothing', () => {
    expect(one(separate(', multiple-separator: "-"'), { x: '[1, 2.0, c, true]' })).toBe('s --x=1-2.0-c-True');
    expect(one(separate(''), { x: '[a, b]' })).toBe('s --x=a,b');
    expect(one(separate(', multiple-separator: ""'), { x: '[a, b]' })).toBe('s --x=a,b');
    expect(one(separate(', multiple-separator: " "'), { x: '[a, b]' })).toBe("s '--x=a b'");
    expect(one(separate(''), { x: 'solo' })).toBe('s --x=solo');
    expect(one(separate(''), { x: '[]' })).toBe('s');
    expect(one(separate(''), { x: '[[1, 2], 3]' })).toBe("s '--x=[1, 2],3'");
  });

  it('a nested list for repeat and a list for a non-multiple parameter are errors', () => {
    expect(renderStep(repeat, values({ x: '[[1, 2]]' })).errors).toEqual([
      'Parameter x: TypeError: nested list value [1, 2] for repeat-style multiple parameter not allowed',
    ]);
    const r = renderStep(step('"x {parameters}"', '[{name: x}]'), values({ x: '[1, 2]' }));
    expect(r).toEqual({ command: [], script: '', warnings: [], errors: ["Parameter x: TypeError: list value [1, 2] for non-multiple parameter 'x' not allowed"] });
  });

  it('a flag cannot be multiple: the platform cannot read the file', () => {
    const r = renderStep(step('"x {parameters}"', '[{name: x, type: flag, multiple: repeat}]'), new Map());
    expect(r.errors).toEqual(["Parameter x: Flag parameters can't be multiple — the platform cannot read this file"]);
  });
});

describe('value formatting (§8: Python str())', () => {
  const s = step('"x {parameters}"', '[{name: x}]');
  it.each([
    ['5', '--x=5'],
    ['5.0', '--x=5.0'],
    ['1.0', '--x=1.0'],
    ['0.01', '--x=0.01'],
    ['1.0e-5', '--x=1e-05'],
    ['1.0e+17', '--x=1e+17'],
    ['.inf', '--x=inf'],
    ['-.inf', '--x=-inf'],
    ['.nan', '--x=nan'],
    ['0.30000000000000004', '--x=0.30000000000000004'],
    ['12345678901234567890', '--x=12345678901234567890'],
    ['0x1F', '--x=31'],
    ['1e-7', '--x=1e-7'], // a string in YAML 1.1
    ['yes', '--x=True'],
    ['off', '--x=False'],
    ["'yes'", '--x=yes'],
    ['2020-09-02', '--x=2020-09-02'],
    ['{a: 1}', "'--x={'\"'\"'a'\"'\"': 1}'"],
  ])('%s → %s', (v, expected) => {
    expect(one(s, { x: v })).toBe(`x ${expected}`);
  });

  it('a default written as 5.0 stays a float', () => {
    expect(one(step('"x {parameters}"', '[{name: x, type: float, default: 5.0}]'))).toBe('x --x=5.0');
  });
});

describe('pass-as templates and str.format (§8.3)', () => {
  it('whitespace splits the template into pieces; {value} with spaces stays one piece', () => {
    expect(one(step('"x {parameters}"', '[{name: x, pass-as: "--x  {v}"}]'), { x: 'a b' })).toBe("x --x 'a b'");
    expect(one(step('"x {parameters}"', '[{name: x}]'), { x: 'a b' })).toBe("x '--x=a b'");
  });

  it('{{ and }} are literal braces, format specs work on the right types', () => {
    expect(one(step('"x {parameters}"', '[{name: x, pass-as: "--x={{{v}}}"}]'), { x: '3' })).toBe("x '--x={3}'");
    expect(one(step('"x {parameters}"', '[{name: x, pass-as: "--x={v:.2f}"}]'), { x: '0.1' })).toBe('x --x=0.10');
    expect(one(step('"x {parameters}"', '[{name: x, pass-as: "--x={v:d}"}]'), { x: '7' })).toBe('x --x=7');
  });

  it('a ValueError leaves the whole item as written and warns; other items still render', () => {
    const s = step('["a {parameter:y}", "b {parameters} {parameter:y}"]', '[{name: x, pass-as: "--x={v:d}"}, {name: y}]');
    const r = renderStep(s, values({ x: 'abc', y: '1' }));
    expect(r.errors).toEqual([]);
    expect(r.command).toEqual(['a --y=1', 'b {parameters} {parameter:y}']);
    expect(r.warnings).toEqual(["failed to interpolate into 'b {parameters} {parameter:y}': Unknown format code 'd' for object of type 'str'"]);
  });

  it('{0} and {} in pass-as are ValueErrors under format_map (not IndexErrors): a warning', () => {
    const r = renderStep(step('"x {parameters}"', '[{name: x, pass-as: "--x={0}"}]'), values({ x: '1' }));
    expect(r.warnings).toEqual(["failed to interpolate into 'x {parameters}': Format string contains positional fields"]);
    expect(r.command).toEqual(['x {parameters}']);
  });

  it('a KeyError or an IndexError fails the whole command', () => {
    const keyError = renderStep(step('["ok", "x {parameters}"]', '[{name: x, pass-as: "--x={foo}"}]'), values({ x: '1' }));
    expect(keyError.command).toEqual([]);
    expect(keyError.errors).toEqual(["Parameter x: KeyError: 'foo' — a pass-as template can only use {name}, {value} and {v}"]);
    const indexError = renderStep(step('"x {parameters}"', '[{name: x, pass-as: "--x={v[5]}"}]'), values({ x: 'abc' }));
    expect(indexError.errors).toEqual(['Parameter x: IndexError: string index out of range']);
  });

  it('a value that is never rendered raises nothing', () => {
    expect(renderStep(step('"x"', '[{name: x, pass-as: "--x={foo}"}]'), values({ x: '1' })).errors).toEqual([]);
  });
});

describe('items, strip and the command override (§8.1, §8.4)', () => {
  it('a string command is one item; a list is processed item by item; each item is stripped', () => {
    expect(renderStep(step('"  a  b  "'), new Map()).command).toEqual(['a  b']);
    expect(renderStep(step('["  a", "", " ", "b\\t"]'), new Map()).command).toEqual(['a', '', '', 'b']);
  });

  it('an override replaces the command when not empty', () => {
    const s = step('"orig {parameters}"', '[{name: a, default: 1}]');
    expect(renderStep(s, new Map(), { command: 'asdf {params}' }).command).toEqual(['asdf --a=1']);
    expect(renderStep(s, new Map(), { command: ['one', 'two {parameter-value:a}'] }).command).toEqual(['one', 'two 1']);
    expect(renderStep(s, new Map(), { command: '' }).command).toEqual(['orig --a=1']);
    expect(renderStep(s, new Map(), { command: [] }).command).toEqual(['orig --a=1']);
  });

  it('build_command merges non-flag defaults under the given values; an explicit null wins', () => {
    const s = step('"x {parameters} {parameter-value:a}"', '[{name: a, default: 1}, {name: f, type: flag, default: true}]');
    expect(buildCommand(s, new Map()).command).toEqual(['x --a=1 1']);
    expect(buildCommand(s, values({ a: 'null' })).command).toEqual(['x  None']);
  });

  it('a later parameter with the same name replaces the earlier one in its place', () => {
    const s = step('"x {parameters}"', '[{name: a, default: 1}, {name: b, default: 2}, {name: a, default: 3}]');
    expect(one(s)).toBe('x --a=3 --b=2');
  });
});

describe('join_command (§8.5)', () => {
  it('drops blank items, joins with the joiner, keeps a leading shebang line apart', () => {
    expect(joinCommand(['foo'], ' && ')).toBe('foo');
    expect(joinCommand(['foo', ' ', 'bar'], ' && ')).toBe('foo && bar');
    expect(joinCommand(['foo', ' ', 'bar'])).toBe('foo\nbar');
    expect(joinCommand(['#!/bin/sh', 'foo', ' ', 'bar'], ' && ')).toBe('#!/bin/sh\nfoo && bar');
    expect(joinCommand(['#!/bin/sh\nfoo', ' ', 'bar'], ' && ')).toBe('#!/bin/sh\nfoo && bar');
    // Only the first item's shebang counts.
    expect(joinCommand(['#!/bin/bash\nfoo', '#!woop'], ' && ')).toBe('#!/bin/bash\nfoo && #!woop');
    expect(joinCommand(['', '#!/bin/sh', 'x'], ' && ')).toBe('#!/bin/sh && x');
    expect(joinCommand([])).toBe('');
  });
});

describe('validateParameterValue (Parameter.validate)', () => {
  const p = (yaml: string) => step('x', `[${yaml}]`).parameters[0];
  it('says what the platform says, in its order', () => {
    expect(validateParameterValue(p('{name: n, type: integer}'), value('5'))).toEqual([]);
    expect(validateParameterValue(p('{name: n, type: integer}'), value('"5"'))).toEqual([]);
    expect(validateParameterValue(p('{name: n, type: integer}'), value('5.0'))).toEqual(['5.0 is not an integer']);
    expect(validateParameterValue(p('{name: n, type: integer}'), value('true'))).toEqual(['True is not an integer']);
    expect(validateParameterValue(p('{name: n, type: integer}'), value('"5.3"'))).toEqual(['5.3 is not an integer']);
    expect(validateParameterValue(p('{name: n, type: integer}'), value('""'))).toEqual(['No value supplied']);
    expect(validateParameterValue(p('{name: n, type: integer}'), undefined)).toEqual(['No value supplied']);
    expect(validateParameterValue(p('{name: n, type: float}'), value('abc'))).toEqual(['abc is not a floating-point number']);
    expect(validateParameterValue(p('{name: n, type: float}'), value('1e-7'))).toEqual([]);
    expect(validateParameterValue(p('{name: n, type: integer, min: 1, max: 5}'), value('0'))).toEqual(['0 is less than the minimum allowed (1)']);
    expect(validateParameterValue(p('{name: n, type: integer, min: 1, max: 5}'), value('"7"'))).toEqual(['7 is greater than the maximum allowed (5)']);
    expect(validateParameterValue(p('{name: n, type: float, max: 1}'), value('2'))).toEqual(['2.0 is greater than the maximum allowed (1)']);
    expect(validateParameterValue(p('{name: n, choices: [a, b]}'), value('c'))).toEqual(["c is not among the choices allowed (['a', 'b'])"]);
    expect(validateParameterValue(p('{name: n, type: integer, choices: [1, 2]}'), value('"2"'))).toEqual([]);
    expect(validateParameterValue(p('{name: n}'), value('[1, 2]'))).toEqual(['Only a single value is allowed']);
    expect(validateParameterValue(p('{name: n, multiple: repeat, type: integer}'), value('[1, x]'))).toEqual(['x is not an integer']);
    expect(validateParameterValue(p('{name: f, type: flag}'), value('"false"'))).toEqual(['false is not among the choices allowed ([True, False])']);
    expect(validateParameterValue(p('{name: f, type: flag}'), value('false'))).toEqual([]);
  });
});

describe('parseUserValue', () => {
  it('reads a YAML 1.1 value', () => {
    expect(value('0.1')).toEqual({ t: 'float', v: 0.1 });
    expect(value('5')).toEqual({ t: 'int', v: 5 });
    expect(value("'yes'")).toEqual({ t: 'str', v: 'yes' });
    expect(value('yes')).toEqual({ t: 'bool', v: true });
    expect(value('null')).toEqual({ t: 'none' });
    expect(value('')).toEqual({ t: 'none' });
    expect(value('[1, 2]')).toEqual({ t: 'list', items: [{ t: 'int', v: 1 }, { t: 'int', v: 2 }] });
    expect(parseUserValue('[1, 2')).toMatchObject({ error: expect.stringMatching(/^not a YAML value/) });
  });
});

describe('inputs, environment and the parameters file', () => {
  it('inputs land in /valohai/inputs/<name>/ under filename or the URL basename', () => {
    const inputs = inputsOf(stepOf('input-extras.yaml', 'example'));
    expect(inputs.map((i) => [i.name, i.files.map((f) => f.path), i.keepDirectories, i.download])).toEqual([
      ['model', ['/valohai/inputs/model/model.pb'], 'none', 'always'],
      ['foos', ['/valohai/inputs/foos/**.quux'], 'full', 'always'],
      ['bars', ['/valohai/inputs/bars/**.quux'], 'suffix', 'always'],
      ['larges', ['/valohai/inputs/larges/bigdata.tar'], 'none', 'on-demand'],
    ]);
    const ex3 = inputsOf(stepOf('example3.yaml', 'batch inference'));
    expect(ex3[1].files).toEqual([
      { url: 's3://foo/bar.quux', path: '/valohai/inputs/images/bar.quux' },
      { url: 's3://bar/quuz.derp', path: '/valohai/inputs/images/quuz.derp' },
    ]);
    const ex2 = inputsOf(stepOf('example2.yaml', 'run training'));
    expect(ex2[4]).toMatchObject({ name: 'extra-data', directory: '/valohai/inputs/extra-data/', files: [], optional: true });
    const query = inputsOf(step('x', '[]', '    inputs: [{name: d, default: "https://h/a/data.csv?sig=1#frag"}]\n'));
    expect(query[0].files[0].path).toBe('/valohai/inputs/d/data.csv');
  });

  it('environment variables with defaults; optional unless said otherwise', () => {
    expect(environmentOf(stepOf('example3.yaml', 'batch inference'))).toEqual([
      { name: 'foo', value: 'bar', optional: true, description: undefined },
      { name: 'baz', value: '850', optional: false, description: undefined },
    ]);
  });

  it('the parameters file holds typed values, floats as Python writes them', () => {
    const s = step('x', '[{name: i, type: integer}, {name: f, type: float, default: 1}, {name: l, multiple: separate, default: [1, 2.5]}, {name: b, type: flag, default: true}, {name: n}]');
    const v = defaultValues(s);
    v.set('i', { t: 'str', v: '7' });
    expect(parametersFile(s, v)).toBe('{\n  "i": 7,\n  "f": 1.0,\n  "l": [\n    1,\n    2.5\n  ],\n  "b": true\n}');
    expect(parametersFile(step('x'), new Map())).toBe('{}');
  });
});
