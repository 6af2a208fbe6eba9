import type { ParsedDocument, YamlOptions } from './document';
import type { AssistHooks } from './assist';
import type { GraphSupport } from './graph';
import type { Diagnostic } from './diagnostics';
import type { Path } from './path';
import type { JsonSchema, SchemaValidator } from './schema';
import type { EffectiveConfig, EffectiveRequest, FoldedUnits, PreviewInputs, PreviewModel, RenderOutcome, RenderRequest, ShownPreview } from './preview';
import type { LaunchModel, LaunchRequest } from './launch';
import type { DocSymbol, OutlineItem } from './symbols';
import type { ProjectFiles } from './project';

/**
 * Everything that differs between platforms lives behind this interface; nothing outside
 * `core/dialects/<id>/` branches on a dialect's id.
 */
export interface Dialect {
  id: string;
  /** Shown in the toolbar's "Dialect" select. */
  label: string;
  /** Offered when downloading a document that has no name yet. */
  defaultFileName: string;
  /** How the runtime reads the YAML. */
  yaml: YamlOptions;
  schema: JsonSchema;
  /**
   * The validator generated for `schema` at build time (`validator.generated.ts` in the dialect's
   * folder), loaded on first need: it is most of a dialect's code, and a page's first screen (or a
   * tool that never lints this dialect) does without it. `core/lint.ts` keeps the loaded ones.
   */
  loadValidator(): Promise<SchemaValidator>;
  /**
   * How sure the dialect is (0..1) that a file with this name and content is its own, knowing
   * nothing of the other dialects: the registry compares the answers.
   */
  detect(fileName: string | undefined, value: unknown): number;
  /**
   * The platform's own rules beyond the schema, each finding with a range; called only for text
   * that parsed (`parsed.ok`). `core/lint.ts` composes YAML errors, schema validation and these.
   */
  rules(parsed: ParsedDocument): Diagnostic[];
  /**
   * Optional: where the runtime takes values as YAML typed them, with no type of its own
   * (hyperparameters, constructor arguments, untyped parameter defaults) — the places where a
   * `1e-3` or a `yes` silently means something else. Paths into `value`; everything below each counts.
   */
  looseValues?(value: unknown): Path[];
  /** The document a new session opens with. */
  example: { fileName: string; text: string };
  /** Starting points offered by "New from template" (the example among them), each linting clean. */
  templates?: { title: string; fileName: string; text: string }[];
  /**
   * Optional: what an execution of each runnable unit would run (the command preview), for
   * these typed values. Plain data; see `./preview.ts`. Dialects without one show no preview.
   * Given `folded`, a unit it folds may come back as its name only (FoldedStep), its details not
   * made: a 6,250-step file's preview is then mostly names (the app's service asks this way).
   */
  preview?: {
    (parsed: ParsedDocument, inputs: PreviewInputs): PreviewModel;
    (parsed: ParsedDocument, inputs: PreviewInputs, folded: FoldedUnits): ShownPreview;
  };
  /**
   * Optional: completion and hover that the schema alone cannot know (names defined elsewhere
   * in the file, placeholders inside strings). Plain data in and out; see `../assist/types.ts`.
   */
  assist?: AssistHooks;
  /**
   * Optional: the configuration a run actually uses — the file with a unit's own section and the
   * command line's overrides applied, as the platform merges them (the CLI's `effective`).
   */
  effective?: (parsed: ParsedDocument, request: EffectiveRequest) => EffectiveConfig;
  /**
   * Optional: `pipewright render` with typed parameter values (`--param`). Without it the CLI
   * renders a unit from `preview`, applying `--override` lines.
   */
  render?: (parsed: ParsedDocument, request: RenderRequest) => RenderOutcome;
  /**
   * Optional: what a whole launch starts — a task's executions, a pipeline run's waves, a
   * searcher's trials — for the Launch preview and `pipewright render --task/--pipeline/--search`.
   * Plain data; see `./launch.ts`.
   */
  launch?: (parsed: ParsedDocument, request: LaunchRequest) => LaunchModel;
  /**
   * Optional: the names the document defines and uses (parameters, steps, nodes, streams...),
   * each with every place that writes it, for go to definition, references and rename. Called
   * for text that parsed; YAML anchors are added by the core for every dialect. See `./symbols.ts`.
   */
  symbols?: (parsed: ParsedDocument) => DocSymbol[];
  /**
   * Optional: the document's structure by meaning (steps with their parameters, pipelines with
   * their nodes...) for the quick outline and the breadcrumb; without it the core outlines the
   * YAML's keys. With `near`, only the items whose range holds that offset are asked for (the
   * breadcrumb's chain): the others may be left out, which a 6,250-step file needs — the
   * breadcrumb asks after every cursor move.
   */
  outline?: (parsed: ParsedDocument, near?: number) => OutlineItem[];
  /**
   * Optional: the config checked against the code beside it (scripts a command runs and the
   * options they read, classes an entrypoint names). `configDir` is the config's folder relative
   * to the project root. Called for text that parsed, when the project's files are known.
   */
  project?: (parsed: ParsedDocument, files: ProjectFiles, configDir: string) => Diagnostic[];
  /**
   * Optional: the document's pipelines as graphs, and graph operations as edit intents (the
   * "Pipeline graph" view). See `../graph/types.ts`.
   */
  graph?: GraphSupport;
}
