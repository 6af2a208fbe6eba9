/**
 * The code beside a config: the project's files as the checks read them, and what a Python
 * script is found to accept on its command line (read from its source, never run). Plain data,
 * so the checks run in the browser, a worker, the CLI and the language server alike.
 *
 * Usage:
 *   const files: ProjectFiles = { list: () => ['train.py'], read: (p) => (p === 'train.py' ? source : undefined) };
 *   readScriptInterface(source).options  // core/code/scriptInterface.ts
 */

/**
 * A project as plain data, to send to a worker: every file's path and the text of the files the
 * checks read (scripts), and where the config is.
 */
export interface ProjectSnapshot {
  paths: string[];
  texts: Record<string, string>;
  /** The config's folder relative to the project root ('' for the root). */
  configDir: string;
}

/** A snapshot's files as the checks read them. */
export function snapshotFiles(snapshot: ProjectSnapshot): ProjectFiles {
  return { list: () => snapshot.paths, read: (path) => (Object.hasOwn(snapshot.texts, path) ? snapshot.texts[path] : undefined) };
}

/** The folder a config belongs to, read-only. */
export interface ProjectFiles {
  /** Every file's path relative to the project root, with forward slashes (`src/train.py`). */
  list(): string[];
  /** The file's text; undefined when it is missing, unreadable or not text. */
  read(path: string): string | undefined;
}

/**
 * A Python value as the source writes it. Integers and floats stay apart (`1` is not `1.0`);
 * anything that is not a literal (a call, a name no literal assignment explains, an f-string)
 * is `unknown`, with its source text.
 */
export type PyLiteral =
  | { kind: 'none' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'str'; value: string }
  /** A list, tuple or set. */
  | { kind: 'list'; items: PyLiteral[] }
  | { kind: 'dict'; entries: [PyLiteral, PyLiteral][] }
  | { kind: 'unknown'; text: string };

/** What a value is converted with: `int`, `float`, text, `bool(text)`, a path, or something of the script's own. */
export type OptionValueType = 'int' | 'float' | 'str' | 'bool' | 'path' | 'custom';

/** Which command-line reader defines an option. */
export type OptionLibrary = 'argparse' | 'click' | 'valohai-utils';

/**
 * What giving the option does, in argparse's words (click's are mapped: `is_flag` is store_true or
 * store_const, `multiple` is append, `count` is count). `store_true` / `store_false` / `store_const`
 * / `count` / `append_const` take no value; `other` is an action class of the script's own.
 */
export type OptionAction =
  | 'store'
  | 'store_true'
  | 'store_false'
  | 'store_const'
  | 'append'
  | 'append_const'
  | 'extend'
  | 'count'
  | 'help'
  | 'version'
  | 'other';

/** One option or positional argument a script accepts. */
export interface ScriptOption {
  library: OptionLibrary;
  /** The option strings as written (`['-b', '--batch-size']`); [] for a positional argument. */
  flags: string[];
  /** The switches that turn a boolean off: click's `--shout/--no-shout`, argparse's BooleanOptionalAction. */
  offFlags: string[];
  /** The name the script reads the value by: argparse's `dest`, click's parameter name. */
  dest: string;
  positional: boolean;
  action: OptionAction;
  /** How each value is converted; undefined leaves it text. */
  type?: OptionValueType;
  /** `type=` as written (`int`, `click.FLOAT`, `str2bool`), for messages. */
  typeText?: string;
  /** The default as written; undefined when the source gives none. */
  default?: PyLiteral;
  /** argparse's nargs (click's `nargs=-1` is `*`); `...` is argparse.REMAINDER. */
  nargs?: number | '?' | '*' | '+' | '...';
  /** The only values accepted, when the source lists them literally. */
  choices?: PyLiteral[];
  required: boolean;
  help?: string;
  /** 1-based line of the `add_argument` call or the decorator. */
  line: number;
}

/** A parameter `valohai.prepare(default_parameters=...)` declares (valohai-utils). */
export interface ValohaiUtilsParameter {
  name: string;
  /** The default: the value itself, or the `default` of a dict-form entry. */
  default?: PyLiteral;
  /** A dict-form entry's other keys (`type`, `description`, `pass-as`...), as written. */
  spec: Record<string, PyLiteral>;
  line: number;
}

/** An input `valohai.prepare(default_inputs=...)` declares. */
export interface ValohaiUtilsInput {
  name: string;
  /** Default URLs (a single one becomes a one-item list; '' and [] give none). */
  defaults: string[];
  spec: Record<string, PyLiteral>;
  line: number;
}

/** A `valohai.prepare(...)` call. */
export interface ValohaiUtilsPrepare {
  step?: string;
  image?: string;
  parameters: ValohaiUtilsParameter[];
  inputs: ValohaiUtilsInput[];
  /** False when default_parameters or default_inputs is given but not as a literal we could read. */
  complete: boolean;
  line: number;
}

/** A module-level name: a class, a function, an assignment, or a name an import brings in. */
export interface PyDefinition {
  name: string;
  kind: 'class' | 'function' | 'variable' | 'import';
  line: number;
  /**
   * For an import: the module as written (`torch.nn`, `.convnet`, `..pkg`) and the name taken from
   * it (`*` for a star import; undefined for `import a.b`, which binds `a`).
   */
  from?: { module: string; name?: string };
}

/** What a Python module defines at its top level. */
export interface PyModuleInfo {
  definitions: PyDefinition[];
  /** 1-based lines where the source does not parse as Python 3: with any, nothing else can be trusted. */
  syntaxErrors: number[];
}

/** What a script accepts on its command line, as far as its source says. */
export interface ScriptInterface extends PyModuleInfo {
  /** The command-line readers found: argparse, click, valohai-utils — or readers we do not read (hydra, absl, fire, sys.argv...). */
  readers: string[];
  options: ScriptOption[];
  /**
   * Why options the script does not define are no error, with where it says so: `parse_known_args`,
   * click's `ignore_unknown_options`, an argparse.REMAINDER positional.
   */
  acceptsUnknown?: { reason: string; line: number };
  /**
   * False when some options could not be read (option strings built at run time, `add_argument(*names)`,
   * a reader we do not read): an option we did not find may still exist.
   */
  complete: boolean;
  /** argparse takes a unique prefix of a long option (`--lr` for `--lr-decay`) unless `allow_abbrev=False`. */
  allowAbbrev: boolean;
  valohai?: ValohaiUtilsPrepare;
  /** `valohai.parameters('x')` and `valohai.inputs('x')` the script reads. */
  valohaiReads: { kind: 'parameter' | 'input'; name: string; line: number }[];
}
