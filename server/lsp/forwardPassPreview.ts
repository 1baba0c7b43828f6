// The seam to the sample forward pass (server/exec/preview.ts): picks the call to replay and
// turns the preview into the markdown the client shows (the shapes first, then the whole result)
// and into the diagnostic of a pass that failed while running. The executor runs the recorded op
// trace in ONNX Runtime on seeded random input; workspace code is never run.
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { ModelInsight } from '../../engine/interp/insight';
import type { ModelRun } from '../../engine/ops/trace';
import { disposeSharedRunner, formatPreviewMarkdown, prepareSamplePass, runSamplePreview, sharedRunner, type Preview } from '../exec/preview';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { locationOf, type Program } from './program';
import type { ShapeHintsSettings } from './settings';

export interface ForwardPassRequest {
  readonly model: ModelInsight;
  /** The call to replay; the model's first analysed call when the position named none. */
  readonly run: ModelRun | undefined;
  readonly settings: ShapeHintsSettings['forwardPass'];
  readonly isCancelled: () => boolean;
  readonly onProgress?: (message: string) => void;
  /** The shapes-only markdown, as soon as the shapes are known (before the numbers). */
  readonly onShapes?: (markdown: string) => void;
}

export interface ForwardPassResult {
  readonly markdown: string;
  /** The call that ran, with what came of it; undefined when there was none to run. */
  readonly ran?: { readonly run: ModelRun; readonly preview: Preview };
}

const STAGES = { lowering: 'Lowering to ONNX', session: 'Creating the session', running: 'Running' } as const;

export async function previewForwardPass(request: ForwardPassRequest): Promise<ForwardPassResult> {
  const run = request.run ?? request.model.runs[0];
  if (!run) return { markdown: `**${request.model.name}**: no forward pass of this model was analysed (no call with a known input), so there is nothing to run.` };
  const title = `Sample forward pass of ${request.model.name}`;
  // Flux models (those with Flux's own display) print sizes as Julia does.
  const style = request.model.display !== undefined ? 'flux' : 'list';
  const onShapes = request.onShapes;
  const preview = await runSamplePreview(run, {
    symbolicDimSize: request.settings.symbolicDimSize,
    memoryBudgetMB: request.settings.memoryBudgetMB,
    isCancelled: request.isCancelled,
    onProgress: (stage) => request.onProgress?.(STAGES[stage]),
    onShapes: onShapes && ((shapes) => onShapes(formatPreviewMarkdown(shapes, title, style))),
  });
  return { markdown: formatPreviewMarkdown(preview, title, style), ran: { run, preview } };
}

/** Which run a diagnostic came from: a later pass of the same call replaces it. */
export function runKey(run: ModelRun): string {
  return `${run.site.start}:${run.site.end}`;
}

/**
 * The diagnostic of a pass that failed only when run (the sample values broke an op, or
 * onnxruntime refused a node), at the failing op when its site is in this program, else at the
 * model call. None for passes that ran, and none for the preview's own limits (no kernel yet,
 * over the memory budget) or a lowering bug of ours: those are said in the preview.
 */
export function forwardPassDiagnostic(
  program: Program,
  model: ModelInsight,
  ran: NonNullable<ForwardPassResult['ran']>,
): { uri: string; diagnostic: Diagnostic } | undefined {
  const { run, preview } = ran;
  const failure = preview.failure;
  if (preview.status !== 'error' || !failure || failure.kind === 'lowering') return undefined;
  // An op that ran in code imported from another file has its site in that file: the call here stands for it.
  const site = failure.layer && !failure.layer.foreign ? failure.layer.site : run.site;
  const at = locationOf(program, site.start, site.end);
  if (!at) return undefined;
  const runtime = failure.kind === 'runtime';
  const call = site === run.site ? '' : ` (called at ${describe(program, run.site.start)})`;
  return {
    uri: at.uri,
    diagnostic: {
      range: at.range,
      // A runtime failure depends on the values (seeded random input): likely, not certain. An
      // element type onnxruntime cannot run is no fault of the code.
      severity: runtime ? 2 : 3,
      code: runtime ? 'forward-pass-error' : 'forward-pass-unsupported',
      source: DIAGNOSTIC_SOURCE,
      message:
        `Sample forward pass of ${model.name}: ${preview.message ?? 'failed'}\n` +
        (runtime
          ? `Found only by running the model on seeded random input${call}; other values may pass.`
          : `A limit of the sample pass (onnxruntime)${call}, not an error of the code.`),
    },
  };
}

function describe(program: Program, offset: number): string {
  const loc = program.locate(offset);
  return loc ? `line ${loc.position.line + 1}` : 'the model call';
}

/**
 * A model hover opened (its run link may be clicked next): load the executor's worker and
 * onnxruntime (once: about 120 ms of the worker thread and 15 MB, and onnxruntime-node in the
 * server's own thread too, where small models run; a server that never shows a model pays
 * neither) and lower the pass the link would run, so that the click finds both done.
 * A small model (a few MB of weights) is also run, after the hover is answered, so that the
 * click finds its numbers (prepareSamplePass: one at a time, a newer hover cancels it).
 */
export function prepareForwardPass(model: ModelInsight, run: ModelRun | undefined, settings: ShapeHintsSettings['forwardPass']): void {
  sharedRunner().start();
  const r = run ?? model.runs[0];
  if (!r) return;
  setImmediate(() => void prepareSamplePass(r, settings).catch(() => undefined));
}

/** Stops the executor's worker thread (server shutdown). */
export function disposeForwardPass(): void {
  disposeSharedRunner();
}
