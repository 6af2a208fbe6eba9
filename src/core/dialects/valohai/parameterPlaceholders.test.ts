import { describe, expect, it } from 'vitest';
import { analyze } from '../../lint';
import { corpusFiles } from '../../schema/corpusFiles';
import { valohai } from './index';
import { UNKNOWN_PLACEHOLDER, UNUSED_PARAMETER } from './parameterPlaceholders';
import { applyTextEdits } from '../../document/textEdits';

const hints = (text: string) => analyze(text, valohai).diagnostics.filter((d) => d.code === UNUSED_PARAMETER);
/** The parameter names that get the hint (the marked text). */
const unused = (text: string) => hints(text).map((d) => text.slice(d.range[0], d.range[1]));

const step = (command: string, parameters = ['a', 'b'], name = 'train') =>
  `- step:\n    name: ${name}\n    image: python:3.12\n${command}    parameters:\n${parameters.map((p) => `      - name: ${p}\n`).join('')}`;

describe('parameters no command passes', () => {
  it('hints at each parameter of a command without placeholders, at its name, in words', () => {
    const text = step('    command: python train.py\n');
    const found = hints(text);
    expect(found.map((d) => text.slice(d.range[0], d.range[1]))).toEqual(['a', 'b']);
    expect(found[0]).toMatchObject({ severity: 'hint', source: 'lint', path: [0, 'step', 'parameters', 0, 'name'], line: 6 });
    expect(found[0].message).toBe(
      'The command of step "train" does not pass parameter "a" (it has no {parameter:a}, {parameter-value:a} or {parameters}), ' +
        'so a value set for it never reaches the command line: add {parameter:a} or {parameters} to the command, or remove the parameter',
    );
  });

  it('counts {parameters}, {params}, {parameter:NAME} and {parameter-value:NAME}, in any command item', () => {
    expect(unused(step('    command: python train.py {parameters}\n'))).toEqual([]);
    expect(unused(step('    command: python train.py {params}\n'))).toEqual([]);
    expect(unused(step('    command: python train.py {parameter:a}\n'))).toEqual(['b']);
    expect(unused(step('    command: python train.py --b={parameter-value:b}\n'))).toEqual(['a']);
    expect(unused(step('    command:\n      - echo {parameter:b}\n      - python train.py {parameter-value:a}\n'))).toEqual([]);
    expect(unused(step('    command: |\n      set -e\n      python train.py {parameter:a} \\\n        {parameter:b}\n'))).toEqual([]);
  });

  it('reads placeholders as the platform does: no line break inside, the first } ends one', () => {
    // `{{parameter:a}}` is the placeholder `{{parameter:a}`, which names nothing: kept as written.
    expect(unused(step('    command: python train.py {{parameter:a}} {parameter:b}\n'))).toEqual(['a']);
    expect(unused(step('    command: "python train.py {parameter:\\na} {parameter:b}"\n'))).toEqual(['a']);
    // A placeholder naming another parameter, or with spaces, passes nothing.
    expect(unused(step('    command: python train.py {parameter:c} { parameter:b } {parameter:a}\n'))).toEqual(['b']);
  });

  it('says nothing when the step has no command (the schema says that), nor for a parameter the step replaces', () => {
    const noCommand = step('');
    expect(unused(noCommand)).toEqual([]);
    expect(analyze(noCommand, valohai).diagnostics.some((d) => d.source === 'schema' && d.severity === 'error')).toBe(true);
    // A later parameter of the same name replaces the earlier one: one hint, at the one that counts.
    const repeated = step('    command: python train.py\n', ['a', 'a']);
    expect(hints(repeated).map((d) => d.line)).toEqual([7]);
  });

  it('hints only for the step that counts when a later step has the same name', () => {
    const text = step('    command: python old.py\n', ['old']) + step('    command: python new.py {parameters}\n', ['new']);
    expect(unused(text)).toEqual([]);
    const other = step('    command: python old.py {parameters}\n', ['old']) + step('    command: python new.py\n', ['new']);
    expect(unused(other)).toEqual(['new']);
  });

  it('finds the parameters of the corpus that no command passes', () => {
    const found = corpusFiles('valohai').flatMap(([file, text]) => hints(text).map((d) => `${file}:${d.line} ${text.slice(d.range[0], d.range[1])}`));
    // Checked by reading the files: each of these steps runs `date` or `python -u /tmp/code/my_mnist.py`
    // (or `echo`) with no placeholder at all.
    expect(found).toEqual([
      'valohai/examples/pipeline-deployment-edge-example.yaml:15 what_was_deployed',
      'valohai/examples/pipeline-deployment-edge-example.yaml:17 version_id',
      'valohai/examples/pipeline-with-override-example.yaml:13 a',
      'valohai/examples/pipeline-with-override-example.yaml:16 b',
      'valohai/examples/pipeline-with-override-example.yaml:19 c',
      'valohai/examples/pipeline-with-override-example.yaml:33 d',
      'valohai/examples/pipeline-with-override-example.yaml:36 c',
      'valohai/examples/pipeline-with-task-blueprint-example.yaml:15 epochs',
      'valohai/examples/task-example.yaml:11 A',
      'valohai/examples/task-example.yaml:14 B',
      'valohai/tests/error_examples/invalid-pipeline-with-override-example.yaml:12 a',
      'valohai/tests/error_examples/invalid-pipeline-with-override-example.yaml:15 b',
      'valohai/tests/error_examples/invalid-pipeline-with-override-example.yaml:30 d',
      'valohai/tests/error_examples/invalid-pipeline-with-override-example.yaml:33 c',
      'valohai/tests/error_examples/invalid-task-blueprint-reference.yaml:7 count',
      'valohai/tests/error_examples/step-with-error-tasks.yaml:11 A',
      'valohai/tests/error_examples/step-with-error-tasks.yaml:14 B',
      'valohai/tests/warning_examples/invalid-numeric-parameter-default.yaml:11 value',
      'valohai/tests/warning_examples/invalid-numeric-range-parameter-default.yaml:11 value',
      'valohai/tests/warning_examples/invalid-string-parameter-default.yaml:9 ctime',
      'valohai/tests/warning_examples/nonsensical-task-bits.yaml:7 A',
    ]);
  });
});

describe('placeholders that name no parameter', () => {
  const unknown = (text: string) => analyze(text, valohai).diagnostics.filter((d) => d.code === UNKNOWN_PLACEHOLDER);

  it('warns at the name inside the placeholder, with the nearest parameter as a fix', () => {
    const text = step('    command: python train.py --lr={parameter:learning_rat} {parameter-value:b}\n', ['learning_rate', 'b']);
    const [d] = unknown(text);
    expect(d).toMatchObject({ severity: 'warning', path: [0, 'step', 'command'] });
    expect(text.slice(d.range[0], d.range[1])).toBe('learning_rat');
    expect(d.message).toBe('{parameter:learning_rat} names no parameter of step "train", so the command keeps it as written: did you mean "learning_rate"?');
    expect(d.fixes?.[0].title).toBe('Change to {parameter:learning_rate}');
    expect(applyTextEdits(text, d.fixes![0].edits)).toBe(text.replace('learning_rat}', 'learning_rate}'));
    expect(unknown(applyTextEdits(text, d.fixes![0].edits))).toEqual([]);
  });

  it('lists the parameters when none is near, in a list command item, and says when there are none', () => {
    const text = step('    command:\n      - echo start\n      - python t.py {parameter-value:zzz}\n', ['a', 'b']);
    const [d] = unknown(text);
    expect(d.path).toEqual([0, 'step', 'command', 1]);
    expect(d.message).toBe('{parameter-value:zzz} names no parameter of step "train", so the command keeps it as written (its parameters: a, b)');
    expect(d.fixes).toBeUndefined();
    const none = '- step:\n    name: s\n    image: x\n    command: echo {parameter:a}\n';
    expect(unknown(none)[0].message).toMatch(/\(the step has no parameters\)$/);
  });

  it('leaves other placeholders alone, and finds none in the corpus', () => {
    expect(unknown(step('    command: echo {parameters} {inputs} {source-path} ${HOME} {x}\n'))).toEqual([]);
    expect(corpusFiles('valohai').flatMap(([file, text]) => unknown(text).map((d) => `${file}:${d.line}`))).toEqual([]);
  });
});
