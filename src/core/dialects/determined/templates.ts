/**
 * "New from template" starting points for a Determined experiment: one trial with fixed
 * hyperparameters, a random search, and the adaptive (ASHA) search the editor opens with. Each
 * must lint clean — a test keeps them so.
 */
import { example } from './example';

const constant = `# One trial with fixed hyperparameters: the quickest way to check that training works
# on the cluster before searching. Submit it with: det experiment create const.yaml .
name: mnist-pytorch-const
description: MNIST CNN, one trial with fixed hyperparameters

# What the trial runs, from the model directory uploaded with the experiment.
entrypoint: python3 train.py --epochs 1

# Plain values are constants; the trial reads them with get_hparams() (or from DET_HPARAMS).
hyperparameters:
  global_batch_size: 64
  learning_rate: 1.0
  n_filters1: 32
  n_filters2: 64
  dropout1: 0.25
  dropout2: 0.5

searcher:
  name: single # exactly one trial
  metric: validation_loss # reported by the trial; used to pick the best checkpoint
  smaller_is_better: true

resources:
  slots_per_trial: 1 # GPUs per trial (0 for a CPU-only trial)

max_restarts: 0 # fail fast while trying things out
`;

const random = `# A random hyperparameter search: each trial draws its own values from the ranges below.
# Submit it with: det experiment create random.yaml .
name: mnist-pytorch-random
description: MNIST CNN, 12 trials with randomly sampled hyperparameters

entrypoint: python3 train.py --epochs 2

hyperparameters:
  global_batch_size: 64 # a plain value stays constant across trials
  learning_rate:
    type: log # 10 ** x with x drawn from [-4, -1]
    base: 10
    minval: -4
    maxval: -1
  dropout:
    type: double # any real number in [minval, maxval]
    minval: 0.1
    maxval: 0.5
  n_filters:
    type: int # whole numbers in [minval, maxval]
    minval: 16
    maxval: 64
  optimizer:
    type: categorical # one of the listed values
    vals: [adam, sgd, adamw]

searcher:
  name: random
  metric: validation_accuracy
  smaller_is_better: false # higher accuracy is better
  max_trials: 12
  max_concurrent_trials: 4 # trials running at the same time

resources:
  slots_per_trial: 1

checkpoint_policy: best
max_restarts: 2
`;

export const determinedTemplates = [
  { title: 'Determined: constant experiment', fileName: 'const.yaml', text: constant },
  { title: 'Determined: random search', fileName: 'random.yaml', text: random },
  { title: 'Determined: adaptive (ASHA) search', fileName: example.fileName, text: example.text },
];
