import { describe, expect, it } from 'vitest';
import { resolveArgv, resolveCommand, shellWords, type ScriptRun } from './command';
import { FileIndex, joinPath, normalizePath } from './files';

const FILES: Record<string, string> = {
  'train.py': '',
  'src/train.py': '',
  'src/eval.py': '',
  'pkg/__init__.py': '',
  'pkg/train.py': '',
  'tool/__main__.py': '',
  'run.sh': '#!/bin/bash\nset -e\ncd src\npython train.py "$@" > log.txt 2>&1\npython eval.py --fixed\n',
  'scripts/go.sh': 'python missing.py $*\n',
};
const index = new FileIndex({ list: () => Object.keys(FILES), read: (p) => FILES[p] });

/** kind, written, resolved file (or `!` + first candidate when missing), args. */
const show = (runs: ScriptRun[]) => runs.map((r) => `${r.kind} ${r.written} → ${r.file ?? `!${r.candidates.join('|') || '?'}`} [${r.args.map((a) => a.text).join(' ')}]${r.via ? ` via ${r.via.file}:${r.via.line}` : ''}`);
const runs = (command: string | string[], cwd = '', sourcePath?: string) => show(resolveCommand(typeof command === 'string' ? [command] : command, index, { cwd, sourcePath }));

describe('resolveCommand', () => {
  it('finds python scripts with their arguments and where the name is written', () => {
    const [run] = resolveCommand(['python train.py {parameters}'], index, { cwd: '' });
    expect(run).toMatchObject({ kind: 'python', written: 'train.py', file: 'train.py', at: { item: 0, from: 7, to: 15 } });
    expect(runs('python3 -u -W ignore src/train.py --lr 0.1')).toEqual(['python src/train.py → src/train.py [--lr 0.1]']);
    expect(runs('/usr/local/bin/python3.11 -X dev train.py')).toEqual(['python train.py → train.py []']);
  });

  it('follows cd across && and across command items, and resolves relative to the config folder', () => {
    expect(runs(['pip install -r requirements.txt', 'cd src && python train.py {parameters}'])).toEqual(['python train.py → src/train.py [{parameters}]']);
    expect(runs(['cd src', 'python ../train.py'])).toEqual(['python ../train.py → train.py []']);
    expect(runs('python train.py', 'src')).toEqual(['python train.py → src/train.py []']);
    expect(runs('cd /tmp && python x.py')).toEqual(['python x.py → !? []']);
    expect(runs('pushd src; popd; python train.py')).toEqual(['python train.py → train.py []']);
  });

  it('runs modules with -m: from the folder when the package is there, else the script an installed launcher runs', () => {
    expect(runs('python -m pkg.train --epochs=3')).toEqual(['module pkg.train → pkg/train.py [--epochs=3]']);
    expect(runs('python -m tool')).toEqual(['module tool → tool/__main__.py []']);
    expect(runs('python -m pkg.nope')).toEqual(['module pkg.nope → !pkg/nope.py|pkg/nope/__main__.py []']);
    expect(runs('python -m torch.distributed.run --nproc_per_node=2 src/eval.py --x')).toEqual(['python src/eval.py → src/eval.py [--x]']);
    expect(runs('python -m pip install -r requirements.txt')).toEqual([]);
    expect(runs('torchrun --nproc_per_node 2 train.py --lr=1')).toEqual(['python train.py → train.py [--lr=1]']);
    expect(runs('accelerate launch --config_file a.yaml src/train.py')).toEqual(['python src/train.py → src/train.py []']);
  });

  it('skips environment assignments, wrappers and runners', () => {
    expect(runs('CUDA_VISIBLE_DEVICES=0 exec time nohup python train.py')).toEqual(['python train.py → train.py []']);
    expect(runs('uv run python train.py; poetry run python src/train.py; conda run -n ml python train.py')).toEqual([
      'python train.py → train.py []',
      'python src/train.py → src/train.py []',
      'python train.py → train.py []',
    ]);
  });

  it('reads shell scripts one level deep, passing "$@" on', () => {
    expect(runs('bash run.sh {parameters}')).toEqual([
      'shell run.sh → run.sh [{parameters}]',
      'python train.py → src/train.py [{parameters}] via run.sh:4',
      'python eval.py → src/eval.py [--fixed] via run.sh:5',
    ]);
    expect(runs('sh scripts/go.sh --a')).toEqual(['shell scripts/go.sh → scripts/go.sh [--a]', 'python missing.py → !missing.py [--a] via scripts/go.sh:1']);
    expect(runs('./missing.sh')).toEqual(['shell ./missing.sh → !missing.sh []']);
    // A run found inside a shell script is marked where the command names the script.
    const inner = resolveCommand(['bash run.sh'], index, { cwd: '' })[1];
    expect(inner.at).toMatchObject({ item: 0, from: 5, to: 11 });
  });

  it('fills in {source-path} and maps /valohai/repository to the project root', () => {
    expect(runs('python {source-path}/train.py', '', 'src')).toEqual(['python {source-path}/train.py → src/train.py []']);
    expect(runs('python {source-path}/train.py')).toEqual(['python {source-path}/train.py → !? []']);
    expect(runs('python /valohai/repository/src/train.py')).toEqual(['python /valohai/repository/src/train.py → src/train.py []']);
  });

  it('leaves alone what the text cannot tell: variables, globs, -c, heredocs, text in quotes', () => {
    expect(runs('python $SCRIPT')).toEqual([]);
    expect(runs('python "$DIR/train.py"')).toEqual([]);
    expect(runs('python *.py')).toEqual(['python *.py → !? []']);
    expect(runs('python -c "import train"')).toEqual([]);
    expect(runs('python - <<EOF\nprint(1)\nEOF')).toEqual([]);
    expect(runs('echo "python nope.py" # python nope.py')).toEqual([]);
  });

  it('reads an argv list (a Determined entrypoint list) one word per item', () => {
    const found = resolveArgv(['python3', 'src/train.py', '--epochs', '2'], index, { cwd: '' });
    expect(show(found)).toEqual(['python src/train.py → src/train.py [--epochs 2]']);
    expect(found[0].at).toMatchObject({ item: 1, from: 0, to: 12 });
  });
});

describe('shellWords', () => {
  it('splits as sh does, with offsets of the raw words', () => {
    const words = shellWords(`python 'my file.py' --x="a b" \\\n  --y=$HOME 2>&1 > out.txt`).filter((t) => 'text' in t);
    expect(words.map((w) => ('text' in w ? w.text : ''))).toEqual(['python', 'my file.py', '--x=a b', '--y=$HOME', 'out.txt']);
    expect(words[1]).toMatchObject({ from: 7, to: 19, dynamic: false });
    expect(words[3]).toMatchObject({ dynamic: true });
  });
});

describe('paths', () => {
  it('normalizes and joins, refusing to climb above the root', () => {
    expect(normalizePath('./a/./b/../c')).toBe('a/c');
    expect(joinPath('src', '../train.py')).toBe('train.py');
    expect(joinPath('', '../x')).toBeUndefined();
    expect(index.filesIn('src').sort()).toEqual(['eval.py', 'train.py']);
    expect(index.isDir('pkg')).toBe(true);
  });
});
