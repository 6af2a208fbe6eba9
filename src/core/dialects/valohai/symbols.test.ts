import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocSymbol } from '../../contracts/symbols';
import { parseText } from '../../document/parse';
import { placeRange } from '../../document/scalarSource';
import { CORPUS_ROOT } from '../../schema/corpusFiles';
import { valohai } from './index';
import { valohaiSymbols } from './symbols';

const parse = (text: string) => parseText(text, valohai.yaml);

/**
 * Every symbol's places, each shown as `LINE: <its line from the first non-blank, up to the end>`
 * with the place's characters in brackets; definitions first, each group in the order of the text.
 * Also checks that each place holds exactly the symbol's name.
 */
function placesOf(text: string): Record<string, string[]> {
  const parsed = parse(text);
  expect(parsed.ok).toBe(true);
  const out: Record<string, string[]> = {};
  for (const symbol of valohaiSymbols(parsed)) {
    const placed = symbol.uses.map((use) => {
      const range = placeRange(parsed, use.place);
      expect(range, `${symbol.id}: a place in the source`).toBeDefined();
      const [from, to] = range!;
      expect(text.slice(from, to), symbol.id).toBe(symbol.name);
      const lineStart = text.lastIndexOf('\n', from - 1) + 1;
      const lineEnd = text.indexOf('\n', to) < 0 ? text.length : text.indexOf('\n', to);
      const shown = `${text.slice(lineStart, from)}[${text.slice(from, to)}]${text.slice(to, lineEnd)}`.trimStart();
      return { definition: use.definition, from, shown: `${parsed.lineCounter.linePos(from).line}: ${shown}` };
    });
    // The contract: definitions first.
    const firstUse = placed.findIndex((p) => !p.definition);
    expect(firstUse < 0 || placed.slice(firstUse).every((p) => !p.definition), `${symbol.id}: definitions first`).toBe(true);
    const inOrder = (definition: boolean) => placed.filter((p) => p.definition === definition).sort((a, b) => a.from - b.from);
    out[symbol.id] = [...inOrder(true).map((p) => `def ${p.shown}`), ...inOrder(false).map((p) => p.shown)];
  }
  return out;
}

const symbolsOf = (text: string) => new Map(valohaiSymbols(parse(text)).map((s) => [s.id, s]));

const DOC = `- step:
    name: train
    image: python:3.12
    command:
      - python train.py --epochs {parameter:epochs} {parameters}
      - echo "rate {parameter-value:lr}" {parameter:missing}
    parameters:
      - name: epochs
        type: integer
        default: 3
      - name: lr
        type: float
        default: 0.01
    inputs:
      - name: dataset
    outputs:
      - name: model
    environment-variables:
      - name: SEED
        default: "1"
- step:
    name: evaluate
    image: python:3.12
    command: python eval.py {parameter:threshold}
    parameters:
      - name: threshold
        type: float
      - name: verbose
        type: flag
    inputs:
      - name: model
- task:
    name: sweep
    step: train
    parameters:
      - name: epochs
        style: multiple
        rules: {items: [1, 2]}
- task:
    name: manual
    step: train
    type: manual_search
    parameter-sets:
      - {epochs: 5, lr: 0.1}
- pipeline:
    name: main
    parameters:
      - name: pipeline-epochs
        target: fit.parameter.epochs
      - name: rates
        targets: [fit.parameter.lr, tuned.parameter.lr]
    nodes:
      - name: fit
        type: execution
        step: train
        override:
          command: python train.py --lr {parameter:lr}
          parameters:
            - name: lr
              default: 0.5
          inputs:
            - name: dataset
              default: s3://bucket/data.csv
          environment-variables:
            - name: SEED
              default: "2"
      - name: tuned
        type: task
        task: sweep
      - name: check
        type: execution
        step: evaluate
      - name: ship
        type: deployment
        deployment: prod
        endpoints: [predict]
    edges:
      - [fit.output.model, check.input.model]
      - source: fit.parameter.epochs
        target: check.parameter.threshold
      - [fit.input.dataset*, tuned.input.dataset]
      - [fit.environment-variable.SEED, tuned.environment-variable.SEED]
      - [fit.output.model, ship.file.predict.model]
      - [fit.output.model.pkl, nowhere.input.model]
- endpoint:
    name: predict
    image: python:3.12
    wsgi: app:app
    files:
      - name: model
        path: model.pkl
- deployment:
    name: prod
    defaults:
      target: cluster
`;

describe('valohaiSymbols: a file with every kind of name', () => {
  it('finds each name with exactly the places that write it', () => {
    expect(placesOf(DOC)).toEqual({
      'step:train': ['def 2: name: [train]', '34: step: [train]', '41: step: [train]', '55: step: [train]'],
      'parameter:train:epochs': [
        'def 8: - name: [epochs]',
        '5: - python train.py --epochs {parameter:[epochs]} {parameters}',
        // the task's variant, the manual search's parameter set (a key), the pipeline parameter's target, an edge
        '36: - name: [epochs]',
        '44: - {[epochs]: 5, lr: 0.1}',
        '49: target: fit.parameter.[epochs]',
        '79: - source: fit.parameter.[epochs]',
      ],
      'parameter:train:lr': [
        'def 11: - name: [lr]',
        '6: - echo "rate {parameter-value:[lr]}" {parameter:missing}',
        '44: - {epochs: 5, [lr]: 0.1}',
        // node tuned runs task sweep, whose step is train
        '51: targets: [fit.parameter.[lr], tuned.parameter.lr]',
        '51: targets: [fit.parameter.lr, tuned.parameter.[lr]]',
        '57: command: python train.py --lr {parameter:[lr]}',
        '59: - name: [lr]',
      ],
      'input:train:dataset': [
        'def 15: - name: [dataset]',
        '62: - name: [dataset]',
        // `fit.input.dataset*` passes on the files of input dataset
        '81: - [fit.input.[dataset]*, tuned.input.dataset]',
        '81: - [fit.input.dataset*, tuned.input.[dataset]]',
      ],
      // `fit.output.model.pkl` names a file, not the output `model`
      'output:train:model': ['def 17: - name: [model]', '78: - [fit.output.[model], check.input.model]', '83: - [fit.output.[model], ship.file.predict.model]'],
      'environment-variable:train:SEED': [
        'def 19: - name: [SEED]',
        '65: - name: [SEED]',
        '82: - [fit.environment-variable.[SEED], tuned.environment-variable.SEED]',
        '82: - [fit.environment-variable.SEED, tuned.environment-variable.[SEED]]',
      ],
      'step:evaluate': ['def 22: name: [evaluate]', '72: step: [evaluate]'],
      'parameter:evaluate:threshold': ['def 26: - name: [threshold]', '24: command: python eval.py {parameter:[threshold]}', '80: target: check.parameter.[threshold]'],
      'parameter:evaluate:verbose': ['def 28: - name: [verbose]'],
      'input:evaluate:model': ['def 31: - name: [model]', '78: - [fit.output.model, check.input.[model]]'],
      'task:sweep': ['def 33: name: [sweep]', '69: task: [sweep]'],
      'task:manual': ['def 40: name: [manual]'],
      'pipeline:main': ['def 46: name: [main]'],
      'pipeline-parameter:main:pipeline-epochs': ['def 48: - name: [pipeline-epochs]'],
      'pipeline-parameter:main:rates': ['def 50: - name: [rates]'],
      'node:main:fit': [
        'def 53: - name: [fit]',
        '49: target: [fit].parameter.epochs',
        '51: targets: [[fit].parameter.lr, tuned.parameter.lr]',
        '78: - [[fit].output.model, check.input.model]',
        '79: - source: [fit].parameter.epochs',
        '81: - [[fit].input.dataset*, tuned.input.dataset]',
        '82: - [[fit].environment-variable.SEED, tuned.environment-variable.SEED]',
        '83: - [[fit].output.model, ship.file.predict.model]',
        '84: - [[fit].output.model.pkl, nowhere.input.model]',
      ],
      'node:main:tuned': [
        'def 67: - name: [tuned]',
        '51: targets: [fit.parameter.lr, [tuned].parameter.lr]',
        '81: - [fit.input.dataset*, [tuned].input.dataset]',
        '82: - [fit.environment-variable.SEED, [tuned].environment-variable.SEED]',
      ],
      'node:main:check': ['def 70: - name: [check]', '78: - [fit.output.model, [check].input.model]', '80: target: [check].parameter.threshold'],
      'node:main:ship': ['def 73: - name: [ship]', '83: - [fit.output.model, [ship].file.predict.model]'],
      // a deployment node's file port is ENDPOINT.FILE
      'endpoint:predict': ['def 86: name: [predict]', '76: endpoints: [[predict]]', '83: - [fit.output.model, ship.file.[predict].model]'],
      'deployment:prod': ['def 93: name: [prod]', '75: deployment: [prod]'],
    });
  });

  it('says who the names belong to', () => {
    const s = symbolsOf(DOC);
    expect(s.get('parameter:train:epochs')).toMatchObject({ kind: 'parameter', name: 'epochs', container: 'step train' });
    expect(s.get('node:main:fit')).toMatchObject({ kind: 'node', name: 'fit', container: 'pipeline main' });
    expect(s.get('pipeline-parameter:main:rates')).toMatchObject({ kind: 'parameter', container: 'pipeline main' });
    expect(s.get('environment-variable:train:SEED')?.kind).toBe('environment-variable');
    expect(s.get('step:train')).toMatchObject({ kind: 'step', name: 'train' });
    expect(s.get('step:train')?.container).toBeUndefined();
  });

  it('marks a parameter no command passes as unused, and only that one', () => {
    const unused = valohaiSymbols(parse(DOC)).filter((s) => s.unused);
    expect(unused.map((s) => s.id)).toEqual(['parameter:evaluate:verbose']);
    expect(unused[0].unused).toContain('The command of step "evaluate" does not pass parameter "verbose"');
    expect(unused[0].unused).toContain('add {parameter:verbose} or {parameters}');
  });
});

describe('valohaiSymbols: how names resolve', () => {
  it('makes a repeated top-level name, and a repeated parameter, one symbol with several definitions', () => {
    const text = `- step:
    name: train
    image: a
    command: run {parameter:x}
    parameters:
      - name: x
- step:
    name: train
    image: b
    command: run {parameter:x}
    parameters:
      - name: x
      - name: x
- pipeline:
    name: p
    nodes:
      - name: n
        type: execution
        step: train
      - name: n
        type: execution
        step: train
    edges: []
`;
    expect(placesOf(text)).toEqual({
      'step:train': ['def 2: name: [train]', 'def 8: name: [train]', '19: step: [train]', '22: step: [train]'],
      'parameter:train:x': ['def 6: - name: [x]', 'def 12: - name: [x]', 'def 13: - name: [x]', '4: command: run {parameter:[x]}', '10: command: run {parameter:[x]}'],
      'pipeline:p': ['def 15: name: [p]'],
      'node:p:n': ['def 17: - name: [n]', 'def 20: - name: [n]'],
    });
  });

  it('leaves out what resolves to nothing, what runs from another commit, and what is not text', () => {
    const text = `- step:
    name: train
    image: a
    command: run {parameters}
    parameters:
      - name: lr
      - name: 5
- pipeline:
    name: p
    nodes:
      - name: lib
        type: execution
        commit: library:tools
        step: train
      - name: gone
        type: execution
        step: missing
      - name: both
        type: task
        task: nothing
    edges:
      - [lib.parameter.lr, gone.parameter.lr]
      - [ghost.output.x, both.parameter.lr]
`;
    expect(placesOf(text)).toEqual({
      'step:train': ['def 2: name: [train]'],
      'parameter:train:lr': ['def 6: - name: [lr]'],
      'pipeline:p': ['def 9: name: [p]'],
      'node:p:lib': ['def 11: - name: [lib]', '22: - [[lib].parameter.lr, gone.parameter.lr]'],
      'node:p:gone': ['def 15: - name: [gone]', '22: - [lib.parameter.lr, [gone].parameter.lr]'],
      'node:p:both': ['def 18: - name: [both]', '23: - [ghost.output.x, [both].parameter.lr]'],
    });
  });

  it('keeps names with a colon apart in the ids', () => {
    const text = `- step:
    name: "a:b"
    image: x
    command: run {parameter:c}
    parameters:
      - name: c
- step:
    name: a
    image: x
    command: run {parameter:b:c}
    parameters:
      - name: "b:c"
`;
    expect(placesOf(text)).toEqual({
      'step:a%3Ab': ['def 2: name: "[a:b]"'],
      'parameter:a%3Ab:c': ['def 6: - name: [c]', '4: command: run {parameter:[c]}'],
      'step:a': ['def 8: name: [a]'],
      'parameter:a:b%3Ac': ['def 12: - name: "[b:c]"', '10: command: run {parameter:[b:c]}'],
    });
  });

  it('places only what the text writes: not a command reached through an alias', () => {
    const text = `- step:
    name: a
    image: x
    command: &run python run.py {parameter:n}
    parameters:
      - name: n
- step:
    name: b
    image: x
    command: *run
    parameters:
      - name: n
`;
    const places = placesOf(text);
    expect(places['parameter:a:n']).toEqual(['def 6: - name: [n]', '4: command: &run python run.py {parameter:[n]}']);
    expect(places['parameter:b:n']).toEqual(['def 12: - name: [n]']);
  });

  it('places only what the text writes: not what a merge key brings, nor a repeated key the value does not hold', () => {
    const merged = `- step:
    <<: {image: x, command: "run {parameter:n}"}
    name: a
    parameters:
      - name: n
`;
    expect(placesOf(merged)).toEqual({ 'step:a': ['def 3: name: [a]'], 'parameter:a:n': ['def 5: - name: [n]'] });
    // The platform reads the last \`name\`; a path reaches the first: no place is better than the wrong one.
    const repeated = `- step:
    name: old
    name: train
    image: x
    command: run {parameter:n}
    parameters:
      - name: n
`;
    expect(placesOf(repeated)).toEqual({ 'parameter:train:n': ['def 7: - name: [n]', '5: command: run {parameter:[n]}'] });
  });

  it('reads a blueprint as a pipeline, and finds names in quoted and block values', () => {
    const text = `- step:
    name: "fit model"
    image: x
    command: |
      echo start
      python fit.py {parameter:rate}
    parameters:
      - name: 'rate'
- blueprint:
    name: bp
    nodes:
      - name: a
        type: execution
        step: 'fit model'
    edges: []
`;
    expect(placesOf(text)).toEqual({
      'step:fit model': ['def 2: name: "[fit model]"', "14: step: '[fit model]'"],
      'parameter:fit model:rate': ["def 8: - name: '[rate]'", '6: python fit.py {parameter:[rate]}'],
      'pipeline:bp': ['def 10: name: [bp]'],
      'node:bp:a': ['def 12: - name: [a]'],
    });
  });
});

describe('valohaiSymbols: corpus files', () => {
  const read = (file: string) => readFileSync(join(CORPUS_ROOT, 'valohai/examples', file), 'utf8');

  it('pipeline-with-parameters-example.yaml: pipeline parameters reach node parameters by target and targets', () => {
    const pipelines = ['Example Pipeline with Parameters', 'Short hand parameter target', 'Short hand parameter target 2'];
    const [main, short, short2] = pipelines;
    expect(placesOf(read('pipeline-with-parameters-example.yaml'))).toEqual({
      'step:train_step': ['def 2: name: [train_step]', '61: step: [train_step]', '64: step: [train_step]', '75: step: [train_step]', '86: step: [train_step]'],
      'parameter:train_step:id': [
        'def 8: - name: [id]',
        '30: - train.parameter.[id]',
        '31: - train_parallel.parameter.[id]',
        '72: targets: train.parameter.[id]',
        '83: target: train.parameter.[id]',
      ],
      'parameter:train_step:param0-float': ['def 10: - name: [param0-float]', '37: - train.parameter.[param0-float]'],
      'parameter:train_step:param0-int': ['def 12: - name: [param0-int]', '42: - train.parameter.[param0-int]'],
      'parameter:train_step:param0-string': ['def 14: - name: [param0-string]', '47: - train.parameter.[param0-string]'],
      'parameter:train_step:param0-flag': ['def 16: - name: [param0-flag]', '52: - train.parameter.[param0-flag]'],
      'parameter:train_step:listings': ['def 18: - name: [listings]', '56: - train.parameter.[listings]', '57: - train_parallel.parameter.[listings]'],
      [`pipeline:${main}`]: [`def 26: name: [${main}]`],
      [`pipeline-parameter:${main}:id`]: ['def 28: - name: [id]'],
      [`pipeline-parameter:${main}:param0-float`]: ['def 35: - name: [param0-float]'],
      [`pipeline-parameter:${main}:param0-int`]: ['def 40: - name: [param0-int]'],
      [`pipeline-parameter:${main}:param0-string`]: ['def 45: - name: [param0-string]'],
      [`pipeline-parameter:${main}:param0-flag`]: ['def 50: - name: [param0-flag]'],
      [`pipeline-parameter:${main}:listings`]: ['def 54: - name: [listings]'],
      [`node:${main}:train`]: [
        'def 60: - name: [train]',
        '30: - [train].parameter.id',
        '37: - [train].parameter.param0-float',
        '42: - [train].parameter.param0-int',
        '47: - [train].parameter.param0-string',
        '52: - [train].parameter.param0-flag',
        '56: - [train].parameter.listings',
      ],
      [`node:${main}:train_parallel`]: ['def 63: - name: [train_parallel]', '31: - [train_parallel].parameter.id', '57: - [train_parallel].parameter.listings'],
      [`pipeline:${short}`]: [`def 69: name: [${short}]`],
      [`pipeline-parameter:${short}:id`]: ['def 71: - name: [id]'],
      [`node:${short}:train`]: ['def 74: - name: [train]', '72: targets: [train].parameter.id'],
      [`pipeline:${short2}`]: [`def 80: name: [${short2}]`],
      [`pipeline-parameter:${short2}:id`]: ['def 82: - name: [id]'],
      [`node:${short2}:train`]: ['def 85: - name: [train]', '83: target: [train].parameter.id'],
    });
  });

  it('pipeline-deployment-edge-example.yaml: outputs, endpoint files and deployment IDs on edges', () => {
    const p = 'Deployment edge pipeline';
    expect(placesOf(read('pipeline-deployment-edge-example.yaml'))).toEqual({
      'step:Train model': ['def 2: name: [Train model]', '35: step: [Train model]'],
      'output:Train model:model': ['def 7: - name: [model]', '45: - [Train.output.[model], Deploy.file.predict-digit.model]'],
      'step:Cleanup': ['def 10: name: [Cleanup]', '43: step: [Cleanup]'],
      'parameter:Cleanup:what_was_deployed': ['def 15: - name: [what_was_deployed]', '46: - [Deploy.deployment.id, Cleanup.parameter.[what_was_deployed]]'],
      'parameter:Cleanup:version_id': ['def 17: - name: [version_id]', '47: - [Deploy.deployment.version_id, Cleanup.parameter.[version_id]]'],
      'endpoint:predict-digit': ['def 21: name: [predict-digit]', '40: - [predict-digit]', '45: - [Train.output.model, Deploy.file.[predict-digit].model]'],
      [`pipeline:${p}`]: [`def 31: name: [${p}]`],
      [`node:${p}:Train`]: ['def 33: - name: [Train]', '45: - [[Train].output.model, Deploy.file.predict-digit.model]'],
      [`node:${p}:Deploy`]: [
        'def 36: - name: [Deploy]',
        '45: - [Train.output.model, [Deploy].file.predict-digit.model]',
        '46: - [[Deploy].deployment.id, Cleanup.parameter.what_was_deployed]',
        '47: - [[Deploy].deployment.version_id, Cleanup.parameter.version_id]',
      ],
      [`node:${p}:Cleanup`]: [
        'def 41: - name: [Cleanup]',
        '46: - [Deploy.deployment.id, [Cleanup].parameter.what_was_deployed]',
        '47: - [Deploy.deployment.version_id, [Cleanup].parameter.version_id]',
      ],
    });
    // `command: date` passes neither parameter of Cleanup.
    const unused = valohaiSymbols(parse(read('pipeline-deployment-edge-example.yaml'))).filter((s) => s.unused);
    expect(unused.map((s) => s.id)).toEqual(['parameter:Cleanup:what_was_deployed', 'parameter:Cleanup:version_id']);
  });
});

describe('refuse: names a rename cannot give', () => {
  const s = symbolsOf(DOC);
  const refuse = (id: string, to: string) => (s.get(id) as DocSymbol).refuse(to);

  it('refuses an empty name', () => {
    expect(refuse('step:train', '')).toBe('A name cannot be empty');
    expect(refuse('parameter:train:lr', '   ')).toBe('A name cannot be empty');
  });

  it('refuses a name another definition of the same kind has in the same scope, and only there', () => {
    expect(refuse('step:train', 'evaluate')).toBe('A step named "evaluate" already exists');
    expect(refuse('parameter:train:epochs', 'lr')).toBe('Step "train" already has a parameter named "lr"');
    expect(refuse('input:train:dataset', 'model')).toBeUndefined(); // `model` is train's output, not an input
    expect(refuse('input:evaluate:model', 'dataset')).toBeUndefined(); // train's input, another step
    expect(refuse('node:main:fit', 'tuned')).toBe('Pipeline "main" already has a node named "tuned"');
    expect(refuse('pipeline-parameter:main:rates', 'pipeline-epochs')).toBe('Pipeline "main" already has a parameter named "pipeline-epochs"');
    expect(refuse('task:sweep', 'manual')).toBe('A task named "manual" already exists');
    expect(refuse('environment-variable:train:SEED', 'SEED')).toBeUndefined(); // its own name
    expect(refuse('step:train', 'fit')).toBeUndefined();
  });

  it('refuses what cannot stand where the name is used, saying why', () => {
    expect(refuse('node:main:fit', 'fit.v2')).toMatch(/^A node name cannot contain a dot: edges name ports as node\.type\.key/);
    expect(refuse('node:main:fit', 'fit now')).toMatch(/^A node name cannot contain white space/);
    expect(refuse('parameter:train:lr', 'lr}')).toMatch(/^A parameter name cannot contain "\{" or "\}": .*\{parameter:NAME\}/);
    expect(refuse('parameter:train:lr', 'learning rate')).toMatch(/^A parameter name cannot contain white space or line breaks: .*--NAME=value/);
    expect(refuse('input:train:dataset', 'data/set')).toMatch(/^An input name cannot contain "\/": .*\/valohai\/inputs\/NAME\//);
    expect(refuse('input:train:dataset', 'd'.repeat(65))).toBe("An input name can have at most 64 characters (Valohai's limit); this one has 65");
    expect(refuse('input:train:dataset', 'd'.repeat(64))).toBeUndefined();
    expect(refuse('environment-variable:train:SEED', 'A=B')).toMatch(/^An environment variable name cannot contain "=" or white space/);
    expect(refuse('endpoint:predict', 'Predict')).toMatch(/^An endpoint name must start with a lowercase letter/);
    expect(refuse('endpoint:predict', 'predict-v2')).toBeUndefined();
    expect(refuse('step:train', 'two\nlines')).toBe('A step name cannot contain a line break');
    expect(refuse('output:train:model', 'a\nb')).toBe('An output name cannot contain a line break');
    expect(refuse('step:train', 'train model')).toBeUndefined(); // step names may have spaces
  });
});
