// Expected values for protocol tests, never typed by hand: real-PyTorch goldens
// (test/oracle/goldens/fixtures) and the engine's own analysis mapped through the CLI report.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzePythonText } from '../../../server/analyzeFile';
import { initPythonParser } from '../../../server/frontends/python/parser';
import { fileReport, type FileReport } from '../../../server/report/fileReport';
import { workspaceImportResolver } from '../../../server/workspaceImports';
import { ROOT } from './buildServer';

export interface Golden {
  file: string;
  error: { type: string; message: string; line: number | null } | null;
  hints: { line: number; column: number; name: string; shapes: number[][] }[];
  /** Ints and tuples of tensors PyTorch bound (trace_fixtures.py). */
  values: { line: number; column: number; name: string; sizes?: number[]; sizeTuples?: { list: boolean; sizes: number[] }[]; tuples?: { list: boolean; shapes: number[][] }[] }[];
}

export const GOLDEN_DIR = path.join(ROOT, 'test', 'oracle', 'goldens', 'fixtures');

export function goldens(): Golden[] {
  return fs
    .readdirSync(GOLDEN_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(GOLDEN_DIR, f), 'utf8')) as Golden);
}

export function golden(file: string): Golden {
  const g = goldens().find((x) => x.file === file);
  if (!g) throw new Error(`no golden for ${file}`);
  return g;
}

/** A shape as the hint label prints it (`[64, 32, 26, 26]`). */
export function shapeLabel(shape: readonly (number | string)[]): string {
  return `[${shape.join(', ')}]`;
}

export async function engineReport(text: string, file?: string): Promise<FileReport> {
  await initPythonParser();
  const resolveImport = file ? workspaceImportResolver(file, [path.dirname(file)]) : undefined;
  return fileReport(file ?? 'untitled.py', text, analyzePythonText(text, { resolveImport }));
}

export function readRoot(rel: string): string {
  return fs.readFileSync(path.join(ROOT, rel), 'utf8');
}

/** The engine's full result (layers and models included) for a text. */
export async function engineAnalysis(text: string): Promise<ReturnType<typeof analyzePythonText>> {
  await initPythonParser();
  return analyzePythonText(text);
}
