import { describe, expect, it } from 'vitest';
import { analyze } from '../../lint';
import { applyTextEdits as applyEdits } from '../../document/textEdits';
import { valohai } from './index';

const CODES = ['agent-variable-typo', 'agent-variable-export', 'default-optional', 'secret-in-file'];
/** This file's findings (other rules see the same texts) as `severity [marked text] message`. */
const lint = (text: string) => analyze(text, valohai).diagnostics.filter((d) => CODES.includes(d.code ?? ''));
function findings(text: string): string[] {
  return lint(text)
    .map((d) => `${d.severity} [${text.slice(d.range[0], d.range[1])}] ${d.message}`);
}

const step = (body: string, command = 'command: python train.py') => `- step:\n    name: train\n    image: python:3.12\n    ${command}\n${body}`;
const env = (items: string) => step(`    environment-variables:\n${items}`);

describe('agent variable near misses', () => {
  it('suggests the agent variable a VH_ name was meant to be, with a rename that changes only the name', () => {
    const text = env('      - name: VH_CLEEN\n        default: "1"\n');
    expect(findings(text)).toEqual([
      'warning [VH_CLEEN] The Valohai agent reads no variable `VH_CLEEN`; did you mean `VH_CLEAN`? As written, the setting has no effect.',
    ]);
    const fix = lint(text)[0].fixes![0];
    expect(fix.title).toBe('Rename to VH_CLEAN');
    expect(applyEdits(text, fix.edits)).toBe(text.replace('VH_CLEEN', 'VH_CLEAN'));
  });

  it('catches the wrong case, inside quotes too', () => {
    const text = env('      - name: "vh_no_data_cache"\n        default: "yes"\n');
    const [d] = lint(text);
    expect(text.slice(...d.range)).toBe('vh_no_data_cache');
    expect(applyEdits(text, d.fixes![0].edits)).toContain('name: "VH_NO_DATA_CACHE"');
  });

  it('leaves correct names, platform-set names and names of one’s own alone', () => {
    for (const name of ['VH_CLEAN', 'VH_NO_IMAGE_CACHE', 'VH_CPU_LIMIT', 'VH_INPUTS_DIR', 'VH_CLIENT', 'VH_MODEL_NAME', 'CLEAN', 'DATA_VERSION']) {
      expect(findings(env(`      - name: ${name}\n        default: "1"\n`)), name).toEqual([]);
    }
  });
});

describe('export of an agent variable in the command', () => {
  it('marks exactly the export in a plain one-line command', () => {
    expect(findings(step('', 'command: export VH_CLEAN=1 && python train.py'))).toEqual([
      "warning [export VH_CLEAN=1] Exporting `VH_CLEAN` in the command has no effect: the Valohai agent reads it before the command runs. Declare it under the step's `environment-variables` instead.",
    ]);
  });

  it('marks exactly the export in a list item and in a block literal', () => {
    const list = step('', 'command:\n      - pip install -r requirements.txt\n      - export VH_NO_DATA_CACHE="true"\n      - python train.py');
    expect(findings(list).map((f) => f.split('] ')[0])).toEqual(['warning [export VH_NO_DATA_CACHE="true"']);
    const block = step('', 'command: |\n      echo start\n        export VH_CLEAN=yes; python train.py\n      echo done');
    expect(findings(block).map((f) => f.split('] ')[0])).toEqual(['warning [export VH_CLEAN=yes']);
  });

  it('marks a folded plain command at its line, and a folded block (`>`) as a whole', () => {
    const plain = step('', 'command: python prepare.py &&\n      export VH_CLEAN=1 &&\n      python train.py');
    expect(findings(plain).map((f) => f.split('] ')[0])).toEqual(['warning [export VH_CLEAN=1']);
    const folded = step('', 'command: >\n      python prepare.py &&\n      export VH_CLEAN=1');
    const [message] = findings(folded);
    expect(message).toContain('[>\n      python prepare.py &&\n      export VH_CLEAN=1');
    expect(message).toContain('(`export VH_CLEAN` in this command)');
  });

  it('marks a double-quoted command with escapes as a whole item', () => {
    const text = step('', 'command:\n      - "echo \\"hi\\"; export VH_CLEAN=1"');
    expect(findings(text).map((f) => f.split('] ')[0])).toEqual(['warning ["echo \\"hi\\"; export VH_CLEAN=1"']);
  });

  it('says nothing about other exports or an agent variable merely mentioned', () => {
    expect(findings(step('', 'command: export MODE=1 && echo $VH_CLEAN && python train.py --no-export VH_CLEAN'))).toEqual([]);
    expect(findings(step('', 'command:\n      - exporter VH_CLEAN=1\n      - MY_export VH_CLEAN'))).toEqual([]);
  });
});

describe('optional: true on an environment variable', () => {
  it('is a hint (it is the default), with a fix that removes just its line', () => {
    const text = env('      - name: MODE\n        default: fast\n        optional: true\n      - name: OTHER\n');
    expect(findings(text)).toEqual([
      'hint [optional: true] Environment variables are optional by default, so `optional: true` changes nothing; only `optional: false` makes one required.',
    ]);
    const fix = lint(text)[0].fixes![0];
    expect(applyEdits(text, fix.edits)).toBe(text.replace('        optional: true\n', ''));
  });

  it('offers no line removal where the pair shares its line, and says nothing of `optional: false` or of inputs', () => {
    const flow = env('      - {name: MODE, optional: true}\n');
    expect(lint(flow)).toHaveLength(1);
    expect(lint(flow)[0].fixes).toBeUndefined();
    expect(findings(env('      - name: MODE\n        optional: false\n'))).toEqual([]);
    // An input's `optional` defaults to false, so `true` there does change something.
    expect(findings(step('    inputs:\n      - name: extra\n        optional: true\n'))).toEqual([]);
  });
});

describe('secrets in environment defaults', () => {
  it('warns about a default for a secret-looking name, at the value', () => {
    expect(findings(env('      - name: AWS_SECRET_ACCESS_KEY\n        default: abc123\n'))).toEqual([
      "warning [abc123] `AWS_SECRET_ACCESS_KEY` looks like a secret and has its value written here; the file goes into git, so anyone who can read the repository can read it: set the value in the project's environment variables (marked secret) instead.",
    ]);
    expect(findings(env('      - name: HF_TOKEN\n        default: "hf_x"\n')).length).toBe(1);
  });

  it('warns about a password in a URL default, at the user:password part', () => {
    const text = env('      - name: DATABASE_URL\n        default: postgres://app:hunter2@db.internal/app\n');
    expect(findings(text).map((f) => f.split('] ')[0])).toEqual(['warning [app:hunter2']);
  });

  it('says nothing of an empty default, a missing one, or ordinary names', () => {
    expect(findings(env('      - name: HF_TOKEN\n        default: ""\n      - name: DB_PASSWORD\n      - name: MAX_TOKENS\n        default: "512"\n'))).toEqual([]);
  });
});
