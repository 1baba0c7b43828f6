// The seam to the sample forward pass (server/exec/preview.ts): picks the call to replay and
// turns the preview into the markdown the client shows. The executor runs the recorded op trace
// in ONNX Runtime on seeded random input; workspace code is never run.
import type { ModelInsight } from '../../engine/interp/insight';
import type { ModelRun } from '../../engine/ops/trace';
import { formatPreviewMarkdown, runSamplePreview, sharedRunner } from '../exec/preview';
import type { ShapeHintsSettings } from './settings';

export interface ForwardPassRequest {
  readonly model: ModelInsight;
  /** The call to replay; the model's first analysed call when the position named none. */
  readonly run: ModelRun | undefined;
  readonly settings: ShapeHintsSettings['forwardPass'];
  readonly isCancelled: () => boolean;
  readonly onProgress?: (message: string) => void;
}

const STAGES = { lowering: 'Lowering to ONNX', session: 'Creating the session', running: 'Running' } as const;

export async function previewForwardPass(request: ForwardPassRequest): Promise<string> {
  const run = request.run ?? request.model.runs[0];
  if (!run) return `**${request.model.name}**: no forward pass of this model was analysed (no call with a known input), so there is nothing to run.`;
  const preview = await runSamplePreview(run, {
    symbolicDimSize: request.settings.symbolicDimSize,
    memoryBudgetMB: request.settings.memoryBudgetMB,
    isCancelled: request.isCancelled,
    onProgress: (stage) => request.onProgress?.(STAGES[stage]),
  });
  return formatPreviewMarkdown(preview, `Sample forward pass of ${request.model.name}`);
}

/** Stops the executor's worker thread (server shutdown). */
export function disposeForwardPass(): void {
  sharedRunner().dispose();
}
