/**
 * The standard emloop hooks (emloop 0.2.2) and the emloop-tensorflow ones: where each lives, what
 * it does, and the keyword arguments it takes — bundled with the app for lint, completion and
 * hover. Facts (names, modules, types, defaults, allowed values) follow the hook catalog in
 * ../shared/corpus/emloop (hooks.test.ts checks them against it); the help texts are our own.
 *
 * Usage: `findHook('StopAfter')`, `findHook('emloop_tensorflow.hooks.DecayLR')`
 */

/** How an argument is written: a scalar type, a list of names, a mapping, or anything; `?` = may be null. */
export type ArgType =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'string list'
  | 'map'
  | 'integer pair'
  | 'any'
  | 'object'
  | `${'string' | 'integer' | 'number' | 'string list' | 'integer pair'}?`;

export interface HookArg {
  name: string;
  type: ArgType;
  help: string;
  /** emloop cannot build the hook without it. */
  required?: boolean;
  /** emloop passes it itself (model, dataset, output_dir); a value in the config replaces emloop's. */
  injected?: boolean;
  default?: unknown;
  /** The only values the hook accepts. */
  enum?: (string | null)[];
}

export interface HookInfo {
  /** The class name, which is also the short name for hooks of emloop itself. */
  name: string;
  /** The module the class is defined in (emloop-tensorflow's hooks are also re-exported by `emloop_tensorflow.hooks`). */
  module: string;
  package: 'emloop' | 'emloop-tensorflow';
  help: string;
  args: HookArg[];
  /** Meant to be subclassed rather than used as it is. */
  base?: boolean;
  /** Not re-exported by `emloop.hooks` (only the short name or the full module path reach it). */
  notExported?: boolean;
  /** Rules between arguments that emloop checks when it builds the hook. */
  rules?: string[];
}

function arg(name: string, type: ArgType, help: string, extra: Partial<HookArg> = {}): HookArg {
  return { name, type, help, ...extra };
}

function hook(name: string, module: string, help: string, args: HookArg[], extra: Partial<HookInfo> = {}): HookInfo {
  return { name, module, package: module.startsWith('emloop_tensorflow') ? 'emloop-tensorflow' : 'emloop', help, args, ...extra };
}

const MODEL = arg('model', 'object', 'The model being trained (emloop passes it).', { injected: true });
const DATASET = arg('dataset', 'object', 'The dataset (emloop passes it).', { injected: true });
const OUTPUT_DIR = (help: string) => arg('output_dir', 'string', `${help} (emloop passes the run's output directory).`, { injected: true });
const N_EPOCHS = arg('n_epochs', 'integer', 'Act every this many epochs.', { default: 1 });
const PLATEAU = [
  arg('long_term', 'integer', 'How many recent epochs form the long-term mean.', { default: 50 }),
  arg('short_term', 'integer', 'How many recent epochs form the short-term mean (at most long_term).', { default: 10 }),
  arg('stream', 'string', 'The stream whose variable is watched.', { default: 'valid' }),
  arg('variable', 'string', 'The epoch variable watched for a plateau.', { default: 'loss' }),
  arg('objective', 'string', 'Whether the variable should go down (min) or up (max).', { default: 'min', enum: ['min', 'max'] }),
];
const ACTIONS = ['error', 'warn', 'ignore'];
const DECAY = [
  arg('variable_name', 'string', 'The model variable to change.', { default: 'learning_rate' }),
  arg('decay_type', 'string', 'Multiply the variable by decay_value, or add decay_value to it.', { default: 'multiply', enum: ['multiply', 'add'] }),
];

export const EMLOOP_HOOKS: readonly HookInfo[] = [
  hook(
    'AccumulateVariables',
    'emloop.hooks.accumulate_variables',
    'Collects the listed batch variables over an epoch so a subclass can aggregate them.',
    [arg('variables', 'string list', 'Names of the variables to collect.', { required: true })],
    { base: true },
  ),
  hook('Benchmark', 'emloop.hooks.benchmark', 'Logs the mean and median time the model spends per example.', [
    arg('batch_size', 'integer', 'Examples per batch, to turn batch times into per-example times.', { required: true }),
  ]),
  hook('Check', 'emloop.hooks.check', 'Fails the training unless a variable reaches a minimum value within a number of epochs.', [
    arg('variable', 'string', 'The epoch variable to check.', { required: true }),
    arg('required_min_value', 'number', 'The value the variable has to exceed.', { required: true }),
    arg('max_epoch', 'integer', 'The epoch by which the value must be reached.', { required: true }),
    arg('stream', 'string', 'The stream the variable is read from.', { default: 'valid' }),
  ]),
  hook(
    'ClassificationMetrics',
    'emloop.hooks.classification_metrics',
    'Computes accuracy, precision, recall and F1 from predictions and ground truth after each epoch.',
    [
      arg('predicted_variable', 'string', 'The variable holding the predicted classes.', { required: true }),
      arg('gt_variable', 'string', 'The variable holding the true classes.', { required: true }),
      arg('f1_average', 'string?', "How scikit-learn averages over classes; 'binary' also yields specificity.", {
        default: null,
        enum: [null, 'binary', 'micro', 'macro', 'weighted', 'samples'],
      }),
      arg('var_prefix', 'string', 'Prefix of the output variable names, to keep them apart from others.', { default: '' }),
    ],
  ),
  hook(
    'ComputeStats',
    'emloop.hooks.compute_stats',
    'Aggregates batch variables over an epoch (mean by default) and stores the results in the epoch data.',
    [
      arg(
        'variables',
        'any',
        'A list of variable names (each gets its mean) or one-key maps `name: [aggregations]`; an aggregation is a NumPy function returning a scalar (mean, std, max, nanmean...) or nanfraction / nancount.',
        { required: true },
      ),
    ],
  ),
  hook('EveryNEpoch', 'emloop.hooks.every_n_epoch', 'Base for hooks that act every n epochs.', [N_EPOCHS], { base: true }),
  hook(
    'Flatten',
    'emloop.hooks.flatten',
    'Flattens nested batch variables into new variables.',
    [
      arg('variables', 'map', 'Which variable to flatten into which new name (`source: flattened`); must not be empty.', { required: true }),
      arg('streams', 'string list?', 'Only these streams; all streams when left out.', { default: null }),
    ],
    { rules: ['variables must not be empty'] },
  ),
  hook('LogDir', 'emloop.hooks.log_dir', 'Logs where the run writes its output, before, during and after training.', [OUTPUT_DIR('The directory logged')]),
  hook('LogProfile', 'emloop.hooks.log_profile', 'Logs how long each part of an epoch took.', []),
  hook('LogVariables', 'emloop.hooks.log_variables', 'Logs the epoch variables of every stream after each epoch.', [
    arg('variables', 'string list', 'Only these variables; all of them when left out.', { default: null }),
    arg('on_unknown_type', 'string', "What to do with a value that cannot be logged (e.g. a list): fail, warn, log it as text ('str'), or skip it.", {
      default: 'ignore',
      enum: ['error', 'warn', 'str', 'ignore'],
    }),
  ]),
  hook(
    'LogitsToCsv',
    'emloop.hooks.logits_to_csv',
    'Writes the per-class scores of each example to a CSV file.',
    [
      arg('variable', 'string', 'The variable with one score per class for each example.', { required: true }),
      arg('class_names', 'string list', 'Column names, one per class (as many as there are scores).', { required: true }),
      arg('id_variable', 'string', 'The variable identifying each example.', { required: true }),
      arg('output_file', 'string', 'The CSV file to write.', { required: true }),
      arg('streams', 'string list?', 'Only these streams; all streams when left out.', { default: null }),
    ],
    { rules: ['class_names must not be empty'] },
  ),
  hook('OnPlateau', 'emloop.hooks.on_plateau', 'Base for hooks that react when a variable stops improving.', PLATEAU, {
    base: true,
    rules: ['long_term must be at least short_term'],
  }),
  hook(
    'PlotLines',
    'emloop.hooks.plot_lines',
    'Plots sequence variables of each example as line charts (matplotlib).',
    [
      OUTPUT_DIR('Where the plots go'),
      arg('variables', 'string list', 'The sequence variables to plot; must not be empty.', { required: true }),
      arg('streams', 'string list?', 'Only these streams; all streams when left out.', { default: null }),
      arg('id_variable', 'string', 'The variable identifying each example (names the plot files).', { default: 'ids' }),
      arg('pad_mask_variable', 'string?', 'A mask variable marking the padding to leave out.', { default: null }),
      arg('out_format', 'string', 'Image file type of the plots.', { default: 'png' }),
      arg('ymin', 'number?', 'Lower end of the Y axis.', { default: null }),
      arg('ymax', 'number?', 'Upper end of the Y axis.', { default: null }),
      arg('example_count', 'integer?', 'Plot only the first this many examples of each batch.', { default: null }),
      arg('batch_count', 'integer?', 'Plot only the first this many batches.', { default: null }),
      arg('root_dir', 'string', 'Sub-directory of the output directory for the plots.', { default: 'visual' }),
    ],
    { rules: ['variables must not be empty'] },
  ),
  hook('SaveEvery', 'emloop.hooks.save', 'Saves the model every n epochs.', [
    MODEL,
    arg('on_failure', 'string', 'What to do when the model cannot be saved.', { default: 'error', enum: ACTIONS }),
    N_EPOCHS,
  ]),
  hook('SaveBest', 'emloop.hooks.save', 'Keeps a copy of the model from the epoch with the best value of a variable.', [
    MODEL,
    arg('model_name', 'string', 'Name the best model is saved under.', { default: 'best' }),
    arg('variable', 'string', 'The epoch variable that decides which model is best.', { default: 'loss' }),
    arg('condition', 'string', 'Whether lower (min) or higher (max) is better.', { default: 'min', enum: ['min', 'max'] }),
    arg('stream', 'string', 'The stream the variable is read from.', { default: 'valid' }),
    arg('aggregation', 'string', 'Which aggregation of the variable to compare (as ComputeStats produced it).', { default: 'mean' }),
    arg('on_save_failure', 'string', 'What to do when the model cannot be saved.', { default: 'error', enum: ACTIONS }),
  ]),
  hook('SaveLatest', 'emloop.hooks.save', 'Saves the model after every epoch, replacing the previous copy.', [
    MODEL,
    arg('on_save_failure', 'string', 'What to do when the model cannot be saved.', { default: 'error', enum: ACTIONS }),
  ]),
  hook('SaveConfusionMatrix', 'emloop.hooks.save_cm', 'Draws a confusion matrix of predictions against labels after each epoch.', [
    OUTPUT_DIR('Where the figures go'),
    DATASET,
    arg('labels_name', 'string', 'The variable holding the true labels.', { default: 'labels' }),
    arg('predictions_name', 'string', 'The variable holding the predicted labels.', { default: 'predictions' }),
    arg('classes_names', 'string list?', "Class names for the axes; asked from the dataset when left out.", { default: null }),
    arg('figsize', 'integer pair?', 'Figure size as [width, height].', { default: null }),
    arg('figure_action', 'string', 'Save the figure as a file, or store it in the epoch data.', { default: 'save', enum: ['save', 'store'] }),
    arg('num_classes_method_name', 'string', 'The dataset method that tells the number of classes.', { default: 'num_classes' }),
    arg('classes_names_method_name', 'string', 'The dataset method that tells the class names (unused when classes_names is given).', {
      default: 'classes_names',
    }),
    arg('mask_name', 'string?', 'A variable marking which records count (1) and which do not (0).', { default: null }),
    arg('normalize', 'boolean', 'Show fractions (true) or counts (false).', { default: true }),
    arg('cmap', 'string', 'The matplotlib color map.', { default: 'Blues' }),
  ]),
  hook(
    'SaveFile',
    'emloop.hooks.save_file',
    'Copies the listed files into the output directory before training (e.g. the model source).',
    [arg('files', 'string list', 'Paths of the files to copy; each must exist.', { required: true }), OUTPUT_DIR('Where the copies go')],
    { rules: ['every file must exist when the hook is built'] },
  ),
  hook(
    'SaveMasks',
    'emloop.hooks.save_masks',
    'Writes mask images of a stream to files next to the source images.',
    [
      arg('mask_variable', 'string', 'The variable with the mask image.', { required: true }),
      arg('path_variable', 'string', 'The variable with the path of the source image.', { required: true }),
      arg('factor', 'number', 'The mask is multiplied by this before saving.', { default: 255.0 }),
      arg('output_root', 'string', 'Directory prefixed to the image paths.', { default: '' }),
      arg('suffix', 'string', 'Appended to each image name to name its mask.', { default: '_mask.png' }),
    ],
    { notExported: true },
  ),
  hook(
    'SequenceToCsv',
    'emloop.hooks.sequence_to_csv',
    'Writes sequence variables of each example to a CSV file, one row per element.',
    [
      arg('variables', 'string list', 'Variables holding equally long sequences; must not be empty.', { required: true }),
      arg('id_variable', 'string', 'The variable identifying each example.', { required: true }),
      arg('output_file', 'string', 'The CSV file to write.', { required: true }),
      arg('pad_mask_variable', 'string?', 'A mask variable marking the padding to leave out.', { default: null }),
      arg('streams', 'string list?', 'Only these streams; all streams when left out.', { default: null }),
    ],
    { rules: ['variables must not be empty'] },
  ),
  hook('ShowProgress', 'emloop.hooks.show_progress', 'Shows a progress bar with the time left for each stream of an epoch.', [DATASET]),
  hook(
    'StopAfter',
    'emloop.hooks.stop_after',
    'Stops the training after a number of epochs, iterations or minutes, whichever comes first.',
    [
      arg('epochs', 'integer?', 'Stop after this many epochs.', { default: null }),
      arg('iterations', 'integer?', 'Stop after this many training batches.', { default: null }),
      arg('minutes', 'number?', 'Stop after this many minutes.', { default: null }),
      arg('train_stream_name', 'string', 'The stream whose batches count as iterations.', { default: 'train' }),
    ],
    { rules: ['at least one of epochs, iterations and minutes must be set'] },
  ),
  hook(
    'StopOnNaN',
    'emloop.hooks.stop_on_nan',
    'Stops the training when a variable becomes NaN (or infinite, if asked).',
    [
      arg('variables', 'string list?', 'Only these variables; all epoch variables when left out.', { default: null }),
      arg('on_unknown_type', 'string', 'What to do with a value that cannot be checked.', { default: 'ignore', enum: ACTIONS }),
      arg('stop_on_inf', 'boolean', 'Treat infinite values like NaN.', { default: false }),
      arg('after_batch', 'boolean', 'Check after every batch.', { default: false }),
      arg('after_epoch', 'boolean', 'Check after every epoch.', { default: true }),
    ],
    { rules: ['after_batch or after_epoch must be true'] },
  ),
  hook('StopOnPlateau', 'emloop.hooks.stop_on_plateau', 'Stops the training once a variable stops improving.', PLATEAU, {
    rules: ['long_term must be at least short_term'],
  }),
  hook(
    'TrainingTrace',
    'emloop.hooks.training_trace',
    'Keeps trace.yaml in the output directory up to date (emloop adds it when the config does not).',
    [OUTPUT_DIR('Where trace.yaml is written')],
  ),
  hook('WriteCSV', 'emloop.hooks.write_csv', 'Appends the epoch variables to a CSV file after each epoch.', [
    OUTPUT_DIR('Where the CSV file goes'),
    arg('output_file', 'string', 'Name of the CSV file.', { default: 'training.csv' }),
    arg('delimiter', 'string', 'Column separator.', { default: ',' }),
    arg('default_value', 'string', 'Written where a variable has no value.', { default: '' }),
    arg('variables', 'string list?', 'Only these variables; all of them when left out.', { default: null }),
    arg('on_unknown_type', 'string', 'What to do with a value that cannot be written (e.g. a list); default writes default_value.', {
      default: 'default',
      enum: ['error', 'warn', 'default'],
    }),
    arg('on_missing_variable', 'string', 'What to do when a listed variable is missing; default writes default_value.', {
      default: 'error',
      enum: ['error', 'warn', 'default'],
    }),
  ]),
];

export const TENSORFLOW_HOOKS: readonly HookInfo[] = [
  hook('WriteTensorBoard', 'emloop_tensorflow.hooks.write_tensorboard', 'Writes the scalar epoch variables (and chosen images) as TensorBoard summaries.', [
    MODEL,
    OUTPUT_DIR('Where the TensorBoard logs go'),
    arg('image_variables', 'string list?', 'Variables to write as images.', { default: null }),
    arg('flush_secs', 'integer', 'How often, in seconds, the summaries are written to disk.', { default: 10 }),
    arg('visualize_graph', 'boolean', 'Also write the computation graph (can be large).', { default: false }),
    arg('on_unknown_type', 'string', 'What to do with a value that is not a scalar or an image.', { default: 'warn', enum: ACTIONS }),
    arg('on_missing_variable', 'string', 'What to do when a listed image variable is missing.', { default: 'error', enum: ACTIONS }),
  ]),
  hook('DecayLR', 'emloop_tensorflow.hooks.decay_lr', 'Changes the learning rate (or another model variable) every n epochs.', [
    MODEL,
    arg('decay_value', 'number', 'The factor (or the summand) applied each time.', { default: 0.98 }),
    ...DECAY,
    N_EPOCHS,
  ]),
  hook('DecayLROnPlateau', 'emloop_tensorflow.hooks.decay_lr', 'Lowers the learning rate whenever a variable stops improving.', [
    arg('decay_value', 'number', 'The factor (or the summand) applied at each plateau.', { default: 0.1 }),
    ...PLATEAU,
    MODEL,
    ...DECAY,
    N_EPOCHS,
  ]),
  hook('InitLR', 'emloop_tensorflow.hooks.init_lr', 'Sets the learning rate (or another model variable) before training starts.', [
    MODEL,
    arg('value', 'number', 'The value to set.', { required: true }),
    arg('variable_name', 'string', 'The model variable to set.', { default: 'learning_rate' }),
  ]),
];

export const ALL_HOOKS: readonly HookInfo[] = [...EMLOOP_HOOKS, ...TENSORFLOW_HOOKS];

/** The name a config uses for a hook: the bare class name for emloop's, the `emloop_tensorflow.hooks.X` path otherwise. */
export function configName(info: HookInfo): string {
  return info.package === 'emloop' ? info.name : `emloop_tensorflow.hooks.${info.name}`;
}

const byShortName = new Map(EMLOOP_HOOKS.map((h) => [h.name, h]));

/**
 * The hook a config name refers to: a short name among emloop's hooks, or a dotted path that
 * names a catalogued class (`emloop.hooks.LogProfile`, `emloop.hooks.save.SaveBest`,
 * `emloop_tensorflow.hooks.DecayLR`, `emloop_tensorflow.hooks.decay_lr.DecayLR`).
 */
export function findHook(name: string): HookInfo | undefined {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return byShortName.get(name);
  const module = name.slice(0, dot);
  const cls = name.slice(dot + 1);
  return ALL_HOOKS.find((h) => {
    if (h.name !== cls) return false;
    if (module === h.module) return true;
    return h.package === 'emloop' ? module === 'emloop.hooks' && !h.notExported : module === 'emloop_tensorflow.hooks';
  });
}

/** A one-line signature for hover and completion details: `epochs?: integer = null, ...`. */
export function describeArg(a: HookArg): string {
  const parts = [`\`${a.name}\`: ${a.type.replace('?', ' or null')}`];
  if (a.required) parts.push('(required)');
  else if (a.injected) parts.push('(passed by emloop)');
  else parts.push(`= \`${JSON.stringify(a.default)}\``);
  if (a.enum) parts.push(`— one of ${a.enum.map((v) => `\`${v === null ? 'null' : v}\``).join(', ')}`);
  return parts.join(' ');
}

/** Markdown for a hover on a hook name: what it does, where it lives, its arguments. */
export function hookMarkdown(info: HookInfo): string {
  const lines = [`**${info.name}** (${info.module}.${info.name})`, '', info.help];
  if (info.base) lines.push('', '_Meant as a base class for your own hooks._');
  const own = info.args.filter((a) => !a.injected);
  if (own.length > 0) {
    lines.push('', 'Arguments:');
    for (const a of own) lines.push(`- ${describeArg(a)} — ${a.help}`);
  } else lines.push('', 'Takes no arguments.');
  if (info.rules?.length) lines.push('', `Checked when built: ${info.rules.join('; ')}.`);
  return lines.join('\n');
}
