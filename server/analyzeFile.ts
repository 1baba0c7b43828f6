// One analysis call shared by the CLI and the language server: source text in, engine results
// out. Imports of other workspace files are resolved through the caller's `readModule`.
import { analyzeModule, type AnalysisResult } from '../engine/interp/analysis';
import type { ModuleIR } from '../engine/interp/ir';
import { lowerPython } from './frontends/python/parser';

export interface AnalyzeFileOptions {
  readonly isCancelled?: () => boolean;
  /** Lowered IR of an imported module (`level` leading dots), or undefined when not in the workspace. */
  readonly resolveImport?: (module: string, level: number, from?: ModuleIR) => ModuleIR | undefined;
}

export function analyzePythonText(text: string, options: AnalyzeFileOptions = {}): AnalysisResult & { ir: ModuleIR } {
  const ir = lowerPython(text);
  const result = analyzeModule(ir, options);
  return { ...result, ir };
}
