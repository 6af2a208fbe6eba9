/**
 * "New from template" starting points for an emloop config.yaml: a minimal training run with an
 * evaluation stream, and the image classifier the editor opens with. Each must lint clean — a
 * test keeps them so.
 */
import { example } from './example';

const minimal = `# A minimal emloop training: \`emloop train config.yaml\`.
# The dataset class provides a "train" stream plus every stream listed in main_loop.extra_streams.
dataset:
  class: mnist.MNISTDataset      # module path + class name; other keys go to its constructor
  data_root: data/mnist
  batch_size: 32

model:
  name: MNISTNet                 # runs are saved to log/MNISTNet_<random words>
  class: mnist.MNISTNet
  inputs: [images, labels]       # sources the model reads from each batch
  outputs: [predictions, loss, accuracy]
  optimizer:
    class: AdamOptimizer
    learning_rate: 0.001

hooks:
  - ComputeStats:                # averages the outputs over each epoch
      variables: [loss, accuracy]
  - LogVariables                 # prints them after every epoch
  - SaveBest:                    # keeps the model with the best validation loss
      stream: valid
      variable: loss
      condition: min
  - StopAfter:
      epochs: 10

main_loop:
  extra_streams: [valid]         # evaluated after each training epoch

# \`emloop eval test log/MNISTNet_<run>\` evaluates the saved model on the "test" stream,
# with these sections replacing the ones above.
eval:
  test:
    model:
      inputs: [images, labels]
      outputs: [predictions, accuracy]
    hooks:
      - ComputeStats:
          variables: [accuracy]
      - LogVariables
`;

export const emloopTemplates = [
  { title: 'emloop: minimal training with eval stream', fileName: 'config.yaml', text: minimal },
  { title: 'emloop: image classifier with predictions', fileName: example.fileName, text: example.text },
];
