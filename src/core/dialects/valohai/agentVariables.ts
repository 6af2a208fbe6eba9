/**
 * The environment variables the Valohai agent itself reads before it starts an execution's
 * container ("agent behavior controls"), and the ones it sets for the execution.
 *
 * Source: Valohai documentation, "System Environment Variables",
 * https://docs.valohai.com/executions/system-environment-variables — the agent reads these only
 * from the step's `environment-variables` (or the execution's), never from an `export` in the
 * command, which runs inside the container after the agent has acted. A switch is on when its
 * value is `1`, `yes` or `true`.
 *
 * Usage:
 *   agentVariable('VH_CLEAN')        → { name: 'VH_CLEAN', kind: 'switch', meaning: '…' }
 *   misspeltAgentVariable('VH_CLEEN') → 'VH_CLEAN'
 *   switchReading('yes')             → 'on'
 */
import { editDistance, suggest } from '../../schema/didYouMean';

export interface AgentVariable {
  name: string;
  /** `switch`: on with 1/yes/true; `cpus`: a number of cores or a list of core indexes. */
  kind: 'switch' | 'cpus';
  meaning: string;
  /** Values worth offering, each with what it does. */
  values: [string, string][];
}

/** The values that turn a switch on, as the documentation lists them. */
export const SWITCH_ON = ['1', 'yes', 'true'];

const ON_VALUES: [string, string][] = SWITCH_ON.map((v) => [v, 'turns it on']);

export const AGENT_VARIABLES: AgentVariable[] = [
  {
    name: 'VH_NO_DATA_CACHE',
    kind: 'switch',
    meaning: 'Download every input again from its source instead of using the copy cached on the machine (for URLs whose data changed).',
    values: ON_VALUES,
  },
  {
    name: 'VH_NO_IMAGE_CACHE',
    kind: 'switch',
    meaning: 'Pull the Docker image again even when the machine already has it.',
    values: ON_VALUES,
  },
  {
    name: 'VH_CLEAN',
    kind: 'switch',
    meaning: 'Remove all Docker images and cached data from the machine before and after the execution (slower, but starts from a clean machine).',
    values: ON_VALUES,
  },
  {
    name: 'VH_CPU_LIMIT',
    kind: 'cpus',
    meaning: 'Limit the CPU cores the execution may use: a number of cores, or a comma-separated list of core indexes.',
    values: [
      ['2', 'two cores'],
      ['0,2,4', 'cores 0, 2 and 4'],
    ],
  },
];

/** Variables the platform sets for every execution (not switches: declaring them is not a typo). */
export const EXECUTION_VARIABLES = [
  'VH_CONFIG_DIR',
  'VH_INPUTS_DIR',
  'VH_OUTPUTS_DIR',
  'VH_REPOSITORY_DIR',
  'VH_JOB_ID',
  'VH_EXECUTION_ID',
  'VH_PROJECT_ID',
  'VH_TASK_ID',
  'VH_PIPELINE_ID',
  'VH_PIPELINE_NODE_ID',
  'VH_TPU',
  'VH_DIST_MEMBER_ID',
  'VH_DIST_MEMBER_INDEX',
  'VH_DIST_MEMBER_COUNT',
  'VH_PUBLIC_IP',
  'VH_LOCAL_IP',
];

export function agentVariable(name: string): AgentVariable | undefined {
  return AGENT_VARIABLES.find((v) => v.name === name);
}

/**
 * The agent variable a `VH_…` name was probably meant to be (a wrong letter or two, or the
 * wrong case: environment names are case-sensitive), or undefined for a correct name, a
 * variable the platform sets, or a name of the user's own.
 */
export function misspeltAgentVariable(name: string): string | undefined {
  if (!/^vh_/i.test(name) || agentVariable(name) || EXECUTION_VARIABLES.includes(name)) return undefined;
  const names = AGENT_VARIABLES.map((v) => v.name);
  const guess = suggest(name, names);
  // `suggest` allows three edits on long words; a name of one's own (`VH_CLIENT`) is often that close.
  return guess && editDistance(name.toUpperCase(), guess) <= 2 ? guess : undefined;
}

/** How the agent reads a switch's value: on, off, or on only if it ignores case (`TRUE`). */
export function switchReading(value: string): 'on' | 'off' | 'case' {
  if (SWITCH_ON.includes(value)) return 'on';
  return SWITCH_ON.includes(value.toLowerCase()) ? 'case' : 'off';
}

/** The switch values as the documentation lists them, for messages: `1`, `yes` or `true`. */
export const SWITCH_ON_WORDS = '`1`, `yes` or `true`';
