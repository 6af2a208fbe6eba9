/**
 * What a whole launch starts — a Valohai task's executions, a pipeline run's waves of nodes, a
 * Determined searcher's trials — as plain (structured-cloneable) data, dialect-neutral: what a
 * dialect's optional `launch` hook computes and what the preview's Launch section and
 * `pipewright render --task/--pipeline/--search` show.
 *
 * A launch may start thousands of executions: `table.rows` holds only the varying values (text),
 * and just the selected row's execution is rendered in full (`selected`).
 *
 * Usage: `dialect.launch?.(parsed, { id: 'task:hp-search', row: 3 })`
 */
import type { Path } from './path';
import type { LaunchSelection, PreviewParam, ShellLine, StepPreview } from './preview';

/** One launchable thing of a document. `id` is stable across edits that keep its name. */
export interface LaunchChoice {
  /** `task:NAME`, `pipeline:NAME`, `search`. */
  id: string;
  kind: 'task' | 'pipeline' | 'search';
  /** As shown in the choice list, e.g. `task: hp-search`. */
  label: string;
  path: Path;
}

/** A table of what is started: one row per execution / trial (or per rung, for ASHA). */
export interface LaunchTable {
  /** Column headings, e.g. the varying parameters' names. */
  columns: string[];
  /** Cell texts, one array per row, as long as `columns`. */
  rows: string[][];
  /** True when the values are samples (the platform draws its own). */
  sampled?: boolean;
  /** Whether a row can be selected to show its execution (`LaunchRequest.row`). */
  selectable?: boolean;
}

/** A line that starts (or reproduces) what is shown, to copy into a shell. */
export type LaunchLine = ShellLine;

/** A node of a pipeline run plan. */
export interface LaunchNode {
  node: string;
  kind: 'execution' | 'task' | 'deployment';
  /** The step (execution / task nodes), the task blueprint, or the deployment. */
  target?: string;
  path: Path;
  /** The rendered command (execution nodes), with the node's overrides and the pipeline parameters. */
  command: string[];
  /** Input name → where its files come from: `node.output.FILE` texts or default URLs. */
  inputs: Record<string, string[]>;
  /** For a task node: how many executions it starts, and their values (as a task's table). */
  count?: number;
  table?: LaunchTable;
  /** What would go wrong when it starts (an input nothing feeds and without a default...). */
  problems: string[];
  notes: string[];
}

export interface LaunchPreview {
  id: string;
  kind: LaunchChoice['kind'];
  /** e.g. `Grid search over 3 parameters`. */
  title: string;
  /** Executions (tasks, pipelines: every execution a node starts) or trials (searches). */
  count: number;
  /** What `count` counts, e.g. `executions`, `trials`. */
  unit: string;
  facts: { label: string; value: string }[];
  table?: LaunchTable;
  /** A pipeline's nodes in the order they can start: nodes of one wave start together. */
  waves?: LaunchNode[][];
  /** A form for the launch's own parameters (pipeline parameters); typed values come back in LaunchRequest.values. */
  params?: PreviewParam[];
  /** The selected row's (or the first row's) execution, rendered in full. */
  selected?: { row: number; unit: StepPreview };
  lines: LaunchLine[];
  warnings: string[];
  /** Why the platform would refuse the launch (an invalid variant...), in its own terms. */
  errors: string[];
  /**
   * With `LaunchRequest.report`: the whole launch as `pipewright render --json` prints it (every
   * execution's command, not only the selected one's), in the shape the dialect documents.
   */
  report?: unknown;
}

export interface LaunchModel {
  choices: LaunchChoice[];
  /** The chosen launch (the request's, else nothing). */
  launch?: LaunchPreview;
}

/** The chosen launch (as the preview holds it) and what the caller needs besides. */
export interface LaunchRequest extends LaunchSelection {
  /** The file's name, for lines that name it. */
  fileName?: string;
  /** Also build `LaunchPreview.report` (the CLI's JSON: costly for a large launch). */
  report?: boolean;
}
