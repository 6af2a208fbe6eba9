/** The document a new Determined session opens with: an MNIST PyTorch search with one hyperparameter of each kind. */
export const example = {
  fileName: 'experiment.yaml',
  text: `# An adaptive hyperparameter search for a small MNIST convolutional network.
# Submit it with: det experiment create experiment.yaml .
name: mnist-pytorch-search
description: MNIST CNN, learning rate and layer sizes searched with ASHA

# What each trial runs (from the model directory uploaded with the experiment).
entrypoint: python3 train.py --epochs 2

hyperparameters:
  global_batch_size: 64 # a plain value is a constant
  optimizer:
    type: const
    val: adam
  learning_rate:
    type: log # 10 ** x for x in [-4, -1]
    base: 10
    minval: -4
    maxval: -1
  dropout:
    type: double
    minval: 0.2
    maxval: 0.6
  conv:
    # Nested hyperparameters reach the trial as a nested mapping.
    filters:
      type: int
      minval: 16
      maxval: 64
    activation:
      type: categorical
      vals: [relu, gelu, silu]

searcher:
  name: adaptive_asha
  metric: validation_loss
  smaller_is_better: true
  max_trials: 16
  time_metric: batches
  max_time: 1000 # batches the best trials train for

resources:
  slots_per_trial: 1

environment:
  environment_variables:
    - PYTHONUNBUFFERED=1

checkpoint_policy: best
max_restarts: 2
`,
};
