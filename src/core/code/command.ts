/**
 * A command line → the script files it runs, with the arguments each gets and where its name is
 * written (so a finding can mark exactly that name). Shell is read roughly, never run:
 *
 * - words split as POSIX sh splits them (quotes, backslashes); `&&`, `||`, `;`, `|`, `&`, newlines
 *   and parentheses separate commands; redirections (`> log.txt`, `2>&1`) are dropped; `# comments`;
 * - `cd DIR` / `pushd DIR` / `popd` change the folder later commands (and later command items)
 *   run in; `cd` to an absolute path other than /valohai/repository, `cd -` or `cd $X` make it unknown;
 * - `NAME=value`, `exec`, `time`, `nohup`, `env`, `sudo`, `nice`, `timeout N` before a command are
 *   skipped; so are `uv run`, `poetry run`, `pipenv run`, `pdm run`, `hatch run`, `conda run -n ENV`;
 * - `python` / `python3` / `python3.11` / `/usr/bin/python3` with their own options (`-u`, `-W x`,
 *   `-X x`): the script, or `-m pkg.mod` (pkg/mod.py or pkg/mod/__main__.py when `pkg` is in the
 *   folder; otherwise an installed module, whose first `.py` argument is taken as the script it
 *   launches, as `python -m torch.distributed.run train.py` does); `-c` runs no file;
 * - launchers (`torchrun`, `accelerate launch`, `deepspeed`, `horovodrun`, `mpirun`, `srun`): the
 *   first argument ending in `.py`;
 * - `bash x.sh`, `sh x.sh`, `source x.sh`, `. x.sh`, `./x.sh`, `./x.py`: a shell script is read too
 *   (one level), and the Python scripts it runs are reported `via` it, with `"$@"` / `$*` replaced by
 *   the arguments the command gave the shell script;
 * - `{source-path}` is the step's `source-path`; a path with `$`, `*`, `~` or other braces cannot
 *   be resolved and is left alone, as is an absolute path outside /valohai/repository.
 *
 * Usage:
 *   resolveCommand(['cd src && python -u train.py {parameters}'], index, { cwd: '' })
 *   // [{ kind: 'python', written: 'train.py', candidates: ['src/train.py'], file: 'src/train.py', args: [...], ... }]
 */
import type { FileIndex } from './files';
import { joinPath } from './files';

export interface CommandWord {
  /** The word as the shell would pass it (quotes removed, escapes applied). */
  text: string;
  /** Which command item (list entry) it is in, and where: offsets into that item's text. */
  item: number;
  from: number;
  to: number;
  /** Written with `$` or backquotes: its value is only known at run time. */
  dynamic: boolean;
  /** Set when the word is in a shell script the command runs, not in the command itself. */
  file?: string;
}

export interface ScriptRun {
  /** A Python file, a module run with `-m`, or a shell script. */
  kind: 'python' | 'module' | 'shell';
  /** As written: `src/train.py`, `pkg.train`, `run.sh`. */
  written: string;
  /** Where the name is written in the command (for a run found inside a shell script: where that script is named). */
  at: CommandWord;
  /** The project paths it may be, best first; [] when the path cannot be known from the text. */
  candidates: string[];
  /** The first candidate that exists. */
  file?: string;
  /** The words after the script (its command-line arguments). */
  args: CommandWord[];
  /** Found inside a shell script the command runs: that script and the line. */
  via?: { file: string; line: number };
}

export interface ResolveOptions {
  /** The folder the command starts in, relative to the project root ('' = the root). */
  cwd: string;
  /** The value of `{source-path}` (Valohai's step `source-path`). */
  sourcePath?: string;
}

// ---- words ------------------------------------------------------------------------------------

type Token = CommandWord | { op: string; item: number; from: number; to: number };

const isOp = (t: Token): t is { op: string; item: number; from: number; to: number } => 'op' in t;

/** The words and operators of one command item, as sh reads them (roughly). */
export function shellWords(text: string, item = 0): Token[] {
  const out: Token[] = [];
  let i = 0;
  let word: { text: string; from: number; dynamic: boolean; started: boolean } | undefined;
  const begin = () => (word ??= { text: '', from: i, dynamic: false, started: true });
  const end = (at: number) => {
    if (word) out.push({ text: word.text, item, from: word.from, to: at, dynamic: word.dynamic });
    word = undefined;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      end(i);
      i++;
      continue;
    }
    if (c === '\n') {
      end(i);
      out.push({ op: ';', item, from: i, to: i + 1 });
      i++;
      continue;
    }
    if (c === '#' && !word) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\\') {
      if (text[i + 1] === '\n') {
        // A line continuation joins the lines.
        i += 2;
        continue;
      }
      begin();
      word!.text += text[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (c === "'") {
      begin();
      const close = text.indexOf("'", i + 1);
      const stop = close < 0 ? text.length : close;
      word!.text += text.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (c === '"') {
      begin();
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && '"\\$`\n'.includes(text[i + 1] ?? '')) {
          if (text[i + 1] !== '\n') word!.text += text[i + 1];
          i += 2;
          continue;
        }
        if (text[i] === '$' || text[i] === '`') word!.dynamic = true;
        word!.text += text[i];
        i++;
      }
      i++;
      continue;
    }
    if (c === '$' && text[i + 1] === '(') {
      begin();
      word!.dynamic = true;
      let depth = 0;
      const start = i;
      while (i < text.length) {
        if (text[i] === '(') depth++;
        else if (text[i] === ')' && --depth === 0) break;
        i++;
      }
      word!.text += text.slice(start, i + 1);
      i++;
      continue;
    }
    if (c === '$' || c === '`') {
      begin();
      word!.dynamic = true;
      word!.text += c;
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      end(i);
      out.push({ op: two, item, from: i, to: i + 2 });
      i += 2;
      continue;
    }
    if (c === '>' || c === '<' || (c === '&' && text[i + 1] === '>')) {
      // A redirection: `2>` keeps its digit as part of the operator; the target word follows.
      if (word && /^\d+$/.test(word.text)) word = undefined;
      else end(i);
      let j = i + 1;
      while (j < text.length && '<>&|'.includes(text[j])) j++;
      // `2>&1`, `>&2`: the target is the descriptor right after `&`, no word follows.
      const duplicate = text.slice(i, j).endsWith('&') && /[\d-]/.test(text[j] ?? '');
      if (duplicate) while (j < text.length && /[\d-]/.test(text[j])) j++;
      out.push({ op: duplicate ? 'duplicate' : 'redirect', item, from: i, to: j });
      i = j;
      continue;
    }
    if (c === ';' || c === '|' || c === '&' || c === '(' || c === ')') {
      end(i);
      out.push({ op: c, item, from: i, to: i + 1 });
      i++;
      continue;
    }
    begin();
    word!.text += c;
    i++;
  }
  end(i);
  return out;
}

/** Simple commands: runs of words between separators, redirection targets dropped. */
function simpleCommands(tokens: Token[]): CommandWord[][] {
  const commands: CommandWord[][] = [];
  let current: CommandWord[] = [];
  let dropNext = false;
  for (const t of tokens) {
    if (isOp(t)) {
      if (t.op === 'duplicate') continue;
      if (t.op === 'redirect') {
        // The next word is where the output goes, not an argument.
        dropNext = true;
        continue;
      }
      if (current.length) commands.push(current);
      current = [];
      continue;
    }
    if (dropNext) {
      dropNext = false;
      continue;
    }
    current.push(t);
  }
  if (current.length) commands.push(current);
  return commands;
}

// ---- resolving ----------------------------------------------------------------------------------

const PYTHON = /^(?:.*\/)?(?:python|pypy)(?:\d+(?:\.\d+)*)?$/;
const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'source', '.']);
const LAUNCHERS = new Set(['torchrun', 'deepspeed', 'horovodrun', 'mpirun', 'mpiexec', 'srun', 'accelerate', 'composer', 'lightning']);
const RUNNERS: Record<string, string> = { uv: 'run', poetry: 'run', pipenv: 'run', pdm: 'run', hatch: 'run', conda: 'run', rye: 'run' };
const PREFIXES = new Set(['exec', 'time', 'nohup', 'command', 'builtin', 'sudo', 'env', 'nice', 'stdbuf', 'xvfb-run', 'timeout', 'unbuffer']);
/** Python's own options that take a value. */
const PYTHON_VALUE_OPTIONS = new Set(['-W', '-X', '-Q']);

/** A written path as a project path: `{source-path}` filled in, /valohai/repository mapped to the root. */
export function projectPath(cwd: string | undefined, written: string, sourcePath?: string): string | undefined {
  let path = written;
  if (path.includes('{source-path}')) {
    if (sourcePath === undefined) return undefined;
    path = path.split('{source-path}').join(sourcePath);
  }
  if (/[$*?~{}[\]`]/.test(path)) return undefined;
  const repo = /^\/valohai\/repository(?:\/|$)/.exec(path);
  if (repo) return joinPath('', path.slice(repo[0].length));
  if (path.startsWith('/')) return undefined;
  if (cwd === undefined) return undefined;
  return joinPath(cwd, path);
}

class Resolver {
  readonly runs: ScriptRun[] = [];
  cwd: string | undefined;
  private readonly stack: (string | undefined)[] = [];

  constructor(
    readonly files: FileIndex,
    readonly options: ResolveOptions,
    /** Set when reading a shell script: where its runs are reported, and what `"$@"` stands for. */
    readonly outer?: { at: CommandWord; file: string; args: CommandWord[]; lineOf: (offset: number) => number },
  ) {
    this.cwd = options.cwd;
  }

  run(words: CommandWord[]): void {
    let w = words;
    for (;;) {
      while (w.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[0].text)) w = w.slice(1);
      if (!w.length) return;
      const head = w[0].text;
      if (PREFIXES.has(head)) {
        w = w.slice(1);
        // Their own options (`env -i`, `nice -n 5`, `timeout 10m`, `stdbuf -oL`).
        while (w.length && (w[0].text.startsWith('-') || (head === 'timeout' && /^\d/.test(w[0].text)) || (head === 'nice' && /^-?\d+$/.test(w[0].text)))) w = w.slice(1);
        continue;
      }
      if (RUNNERS[head] && w[1]?.text === RUNNERS[head]) {
        w = w.slice(2);
        while (w.length && w[0].text.startsWith('-')) {
          // `conda run -n env`, `uv run --with x`: an option and its value.
          const takesValue = /^(-n|-p|--name|--prefix|--with|--python|--env-file|-e)$/.test(w[0].text);
          w = w.slice(takesValue ? 2 : 1);
        }
        continue;
      }
      break;
    }
    const head = w[0].text;
    if (head === 'cd' || head === 'pushd') {
      if (head === 'pushd') this.stack.push(this.cwd);
      const target = w[1];
      // `cd` alone, `cd ~`, `cd -` and `cd $X` go where the text cannot tell.
      this.cwd = !target || target.dynamic ? undefined : projectPath(this.cwd, target.text, this.options.sourcePath);
      return;
    }
    if (head === 'popd') {
      this.cwd = this.stack.length ? this.stack.pop() : undefined;
      return;
    }
    if (PYTHON.test(head)) return this.python(w.slice(1));
    if (LAUNCHERS.has(head)) return this.launcher(w.slice(1));
    if (SHELLS.has(head)) return this.shell(w.slice(1));
    // A path run directly: `./train.sh`, `scripts/train.py`, `/valohai/repository/run.sh`.
    if (!w[0].dynamic && head.includes('/') && (/\.(py|sh)$/.test(head) || head.startsWith('./') || head.startsWith('../'))) {
      this.add(/\.py$/.test(head) ? 'python' : 'shell', w[0], w.slice(1));
    }
  }

  private python(args: CommandWord[]): void {
    for (let i = 0; i < args.length; i++) {
      const a = args[i].text;
      if (a === '-c') return;
      if (a === '-m') {
        const mod = args[i + 1];
        if (mod) this.module(mod, args.slice(i + 2));
        return;
      }
      if (/^-m\S/.test(a)) return this.module({ ...args[i], text: a.slice(2), from: args[i].from + 2 }, args.slice(i + 1));
      if (PYTHON_VALUE_OPTIONS.has(a)) {
        i++;
        continue;
      }
      if (a === '-' || a === '--') return;
      if (a.startsWith('-')) continue;
      this.add('python', args[i], args.slice(i + 1));
      return;
    }
  }

  private module(word: CommandWord, args: CommandWord[]): void {
    const name = word.text;
    if (word.dynamic || !/^[A-Za-z_][\w.]*$/.test(name)) return;
    const parts = name.split('.');
    const base = this.cwd;
    const local = base !== undefined && (this.files.isDir(joinPath(base, parts[0]) ?? '\0') || this.files.has(joinPath(base, `${parts[0]}.py`) ?? '\0'));
    if (local) {
      const rel = parts.join('/');
      const candidates = [`${rel}.py`, `${rel}/__main__.py`].map((c) => joinPath(base!, c)).filter((c): c is string => c !== undefined);
      this.push({ kind: 'module', written: name, at: word, candidates, args });
      return;
    }
    // An installed module; if it launches a script (torch.distributed.run, determined.launch...), that script.
    this.launcher(args);
  }

  private launcher(args: CommandWord[]): void {
    const i = args.findIndex((a) => !a.text.startsWith('-') && /\.py$/.test(a.text) && !a.dynamic);
    if (i >= 0) this.add('python', args[i], args.slice(i + 1));
  }

  private shell(args: CommandWord[]): void {
    for (let i = 0; i < args.length; i++) {
      const a = args[i].text;
      if (a === '-c') return;
      if (a.startsWith('-') || a.startsWith('+')) continue;
      this.add(/\.py$/.test(a) ? 'python' : 'shell', args[i], args.slice(i + 1));
      return;
    }
  }

  private add(kind: ScriptRun['kind'], word: CommandWord, args: CommandWord[]): void {
    if (word.dynamic) return;
    const path = projectPath(this.cwd, word.text, this.options.sourcePath);
    this.push({ kind, written: word.text, at: word, candidates: path === undefined ? [] : [path], args });
  }

  private push(run: ScriptRun): void {
    const file = run.candidates.find((c) => this.files.has(c));
    if (file) run.file = file;
    if (this.outer) {
      // Found inside a shell script: "$@" stands for the arguments the command gave that script.
      run.args = run.args.flatMap((a) => (/^\$[@*]$/.test(a.text) ? this.outer!.args : [{ ...a, file: this.outer!.file }]));
      run.via = { file: this.outer.file, line: this.outer.lineOf(run.at.from) };
      run.at = this.outer.at;
    }
    this.runs.push(run);
    if (run.kind === 'shell' && run.file && !this.outer) this.readShellScript(run);
  }

  private readShellScript(run: ScriptRun): void {
    const text = this.files.read(run.file!);
    if (text === undefined) return;
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
    const lineOf = (offset: number) => {
      let line = 0;
      while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
      return line + 1;
    };
    const inner = new Resolver(this.files, { ...this.options, cwd: this.cwd ?? '' }, { at: run.at, file: run.file!, args: run.args, lineOf });
    if (this.cwd === undefined) inner.cwd = undefined;
    for (const words of simpleCommands(shellWords(text))) inner.run(words);
    this.runs.push(...inner.runs);
  }
}

/**
 * The scripts the command items run, in order. Items are run one after another in one shell, so a
 * `cd` in one item holds for the next (as Valohai joins a step's command items into one script).
 */
export function resolveCommand(items: readonly string[], files: FileIndex, options: ResolveOptions): ScriptRun[] {
  const r = new Resolver(files, options);
  items.forEach((item, index) => {
    for (const words of simpleCommands(shellWords(item, index))) r.run(words);
  });
  return r.runs;
}

/** The scripts an argv list runs (a Determined `entrypoint: [python3, train.py]`); each item is one word. */
export function resolveArgv(argv: readonly string[], files: FileIndex, options: ResolveOptions): ScriptRun[] {
  const r = new Resolver(files, options);
  r.run(argv.map((text, item) => ({ text, item, from: 0, to: text.length, dynamic: false })));
  return r.runs;
}
