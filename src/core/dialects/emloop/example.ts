/**
 * The config.yaml a new emloop session opens with: a small image classifier trained with
 * emloop-tensorflow, its dataset shared with the eval block through an anchor and a merge key,
 * and an eval block that writes predictions. It must lint clean — a test keeps it so.
 */
export const example = {
  fileName: 'config.yaml',
  text: `# emloop trains the model on the dataset's "train" stream and evaluates the extra streams after each epoch.
dataset: &dataset
  class: fashion.datasets.FashionDataset   # module path + class name
  data_root: data/fashion
  batch_size: 64
  augment:
    flip: true

model:
  name: FashionNet               # output goes to log/FashionNet_<random words>
  class: fashion.models.FashionNet
  inputs: [images, labels]
  outputs: [predictions, loss, accuracy]
  optimizer:
    class: AdamOptimizer
    learning_rate: 0.001
  n_gpus: 1

hooks:
  - ComputeStats:
      variables:
        - loss: [mean, std]
        - accuracy
  - LogVariables
  - SaveBest:
      stream: valid
      variable: accuracy
      condition: max
  - StopAfter:
      epochs: 20
  - emloop_tensorflow.hooks.WriteTensorBoard

main_loop:
  extra_streams: [valid, test]
  skip_zeroth_epoch: true

# \`emloop eval predict log/FashionNet_<run>\` runs with these changes.
eval:
  predict:
    dataset:
      <<: *dataset               # everything above, but without augmentation
      augment: {}
      batch_size: 1
    model:
      inputs: [images]
      outputs: [predictions]
    hooks:
      - SequenceToCsv:
          variables: [predictions]
          id_variable: ids
          output_file: predictions.csv
`,
};
