/**
 * "New from template" starting points for valohai.yaml: a one-step hello world, a GPU check, the
 * MNIST training example and a two-node pipeline. Each must lint clean — a test keeps them so.
 */
import { exampleText } from './example';

const greetMe = `# The smallest useful valohai.yaml: one step that prints a greeting.
# Try it from the command line with: vh execution run greet-me --adhoc --name=Valohai
- step:
    name: greet-me
    image: python:3.12-slim
    # {parameter-value:name} is replaced by the value of the "name" parameter, shell-quoted.
    command: echo Hello, {parameter-value:name}
    parameters:
      - name: name
        type: string
        default: World
        description: Who to greet
`;

const gpuCheck = `# Two quick checks to run on a new GPU environment before starting a long training run.
# Pick a GPU machine for "environment": \`vh environments\` lists the slugs your project can use
# (or choose one in the UI when starting the execution).
- step:
    name: check-gpu-driver
    image: nvidia/cuda:12.4.1-base-ubuntu22.04
    environment: aws-eu-west-1-g4dn-xlarge  # a GPU environment; CPU machines have no nvidia-smi
    command: nvidia-smi
    time-limit: 10m

- step:
    name: check-pytorch-cuda
    image: pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime
    environment: aws-eu-west-1-g4dn-xlarge
    command:
      - nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv
      - python -c "import torch; print('CUDA available:', torch.cuda.is_available()); print('GPUs:', torch.cuda.device_count())"
    environment-variables:
      - name: CUDA_VISIBLE_DEVICES
        default: "0"
        description: Which GPUs the framework may use (comma-separated indices)
    time-limit: 10m
`;

const pipeline = `# A two-node pipeline: the first step prepares the data, the second trains on its output.
# Valohai passes the file the first node saves to /valohai/outputs/ to the second node's input.
- step:
    name: preprocess-dataset
    image: python:3.12-slim
    command:
      - set -e  # stop at the first failing item: only the last one's status would count
      - pip install numpy
      - python preprocess.py  # writes /valohai/outputs/preprocessed_mnist.npz
    inputs:
      - name: dataset
        default: https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz
    outputs:
      - name: preprocessed_mnist.npz
        description: The normalised training and test images

- step:
    name: train-model
    image: tensorflow/tensorflow:2.16.1
    command: python train.py {parameters}
    inputs:
      - name: dataset  # filled by the pipeline edge below when run as a pipeline
    parameters:
      - name: epochs
        type: integer
        default: 5
        min: 1
        description: Passes over the training set
      - name: learning_rate
        type: float
        default: 0.001
        description: Step size of the optimizer

- pipeline:
    name: preprocess-and-train
    nodes:
      - name: preprocess
        type: execution
        step: preprocess-dataset
      - name: train
        type: execution
        step: train-model
    edges:
      # [source node.output.file name, target node.input.input name]
      - [preprocess.output.preprocessed_mnist.npz, train.input.dataset]
`;

export const valohaiTemplates = [
  { title: 'Valohai: greet-me step', fileName: 'valohai.yaml', text: greetMe },
  { title: 'Valohai: GPU hardware check', fileName: 'valohai.yaml', text: gpuCheck },
  { title: 'Valohai: TensorFlow MNIST training', fileName: 'valohai.yaml', text: exampleText },
  { title: 'Valohai: two-node pipeline', fileName: 'valohai.yaml', text: pipeline },
];
