// One analysis call shared by the CLI and the language server: source text in, engine results
// out. The file's language picks the frontend; imports of other workspace files are resolved
// through the caller's `resolveImport`.
import { analyzeModule, type AnalysisResult } from '../engine/interp/analysis';
import type { Language, ModuleIR } from '../engine/interp/ir';
import type { ModuleCache } from '../engine/interp/moduleCache';
import { frontendForLanguage, frontendForPath } from './frontends';
import type { DataFiles } from '../engine/interp/dataFiles';

export interface AnalyzeFileOptions {
  readonly isCancelled?: () => boolean;
  /** Lowered IR of an imported module (`level` leading dots), or undefined when not in the workspace. */
  readonly resolveImport?: (module: string, level: number, from?: ModuleIR) => ModuleIR | undefined;
  /** Imported modules analysed once and shared by every file analysed with this cache. */
  readonly moduleCache?: ModuleCache;
  /** Workspace files the code may read (a YAML config): server/dataFiles.ts. */
  readonly dataFiles?: DataFiles;
}

/** Analyse a text of the language its file name says (Python when neither says otherwise). */
export function analyzeText(
  text: string, source: { readonly fileName?: string; readonly language?: Language }, options: AnalyzeFileOptions = {},
): AnalysisResult & { ir: ModuleIR } {
  const frontend = (source.fileName !== undefined ? frontendForPath(source.fileName) : undefined) ?? frontendForLanguage(source.language);
  if (!frontend) throw new Error(`no frontend for ${source.fileName ?? source.language}`);
  const ir = frontend.lower(text, source.fileName);
  const result = analyzeModule(ir, options);
  return { ...result, ir };
}

export function analyzePythonText(text: string, options: AnalyzeFileOptions = {}): AnalysisResult & { ir: ModuleIR } {
  return analyzeText(text, { language: 'python' }, options);
}
