// The CLI's per-file report in the contract's JSON form (schema version 1, 1-based lines and
// columns); the text and SARIF printers start from it too.
import type { AnalysisResult } from '../../engine/interp/analysis';
import type { Range } from '../../engine/interp/ir';
import { hintLabel, isTensorHint, type ShapeHint } from '../../engine/interp/record';
import { LineIndex } from '../lineIndex';

/** In a notebook, `cell` is the 1-based index of the cell and lines count from its first line. */
export interface JsonSpan { line: number; column: number; endLine: number; endColumn: number; cell?: number }
export interface JsonHint {
  line: number; column: number; cell?: number; name: string; shapes: (number | string | null)[][]; label: string;
  /** Calls in other files whose inputs gave these shapes (`train.py:42`): the file itself calls nothing here. */
  calledFrom?: string[];
  /** A configuration the user may change that these shapes stand on (argparse's default flags at `main.py:54`). */
  configuration?: string;
}
/**
 * A name bound to a size (`b, c, h, w = x.shape`: `kind` "size", `sizes` every value seen), to a
 * tuple or list of sizes (`restore_shape = x.shape[:-1]`: `kind` "sizes", `sizeTuples` every value
 * seen) or to a tuple or list of tensors (`kind` "tuple", `tuples` every value seen, each its items' shapes).
 * Kept apart from `hints`, which the contract gives for names bound to tensors.
 */
export interface JsonValueHint {
  line: number; column: number; cell?: number; name: string; kind: 'size' | 'tuple' | 'sizes'; label: string;
  sizes?: (number | string | null)[];
  sizeTuples?: { list: boolean; sizes: (number | string | null)[] }[];
  tuples?: { list: boolean; shapes: (number | string | null)[][] }[];
  calledFrom?: string[];
  configuration?: string;
}
export interface JsonDiagnostic extends JsonSpan {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  explanation?: string;
  related: (JsonSpan & { message: string })[];
  fixes: { title: string; edits: (JsonSpan & { newText: string })[] }[];
}
export interface FileReport { path: string; hints: JsonHint[]; values: JsonValueHint[]; diagnostics: JsonDiagnostic[] }

/** Where a notebook's code cells start in its program (0-based lines), for cell-relative positions. */
export type CellStarts = readonly { readonly index: number; readonly startLine: number }[];

export function span(index: LineIndex, r: Range, cells?: CellStarts): JsonSpan {
  const a = index.position(r.start);
  const b = index.position(r.end);
  const cell = cells && [...cells].reverse().find((c) => c.startLine <= a.line);
  if (!cell) return { line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
  return { cell: cell.index, line: a.line - cell.startLine + 1, column: a.character + 1, endLine: b.line - cell.startLine + 1, endColumn: b.character + 1 };
}

export function fileReport(path: string, text: string, result: AnalysisResult, cells?: CellStarts): FileReport {
  const index = new LineIndex(text);
  const span_ = (r: Range): JsonSpan => span(index, r, cells);
  return {
    path,
    hints: result.hints.filter(isTensorHint).map((h) => {
      const { line, column, cell } = span_(h.range);
      return { line, column, ...(cell ? { cell } : {}), name: h.name, shapes: h.shapes.map((s) => s.map((d) => d.toJSON())), label: hintLabel(h), ...origins(h) };
    }),
    values: result.hints.filter((h) => !isTensorHint(h)).map((h) => {
      const { line, column, cell } = span_(h.range);
      const kind = h.kind!;
      const seen = kind === 'size'
        ? { sizes: h.shapes.map((s) => s[0].toJSON()) }
        : kind === 'sizes'
        ? { sizeTuples: h.shapes.map((s) => ({ list: h.list === true, sizes: s.map((d) => d.toJSON()) })) }
        : { tuples: (h.items ?? []).map((t) => ({ list: t.list, shapes: t.shapes.map((s) => s.map((d) => d.toJSON())) })) };
      return { line, column, ...(cell ? { cell } : {}), name: h.name, kind, label: hintLabel(h), ...seen, ...origins(h) };
    }),
    diagnostics: result.diagnostics.map((d) => ({
      ...span_(d.range),
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.explanation ? { explanation: d.explanation } : {}),
      related: d.related.map((r) => ({ ...span_(r.range), message: r.message })),
      fixes: d.fixes.map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ ...span_(e.range), newText: e.newText })) })),
    })),
  };
}

function origins(h: ShapeHint): { calledFrom?: string[]; configuration?: string } {
  return { ...(h.calledFrom ? { calledFrom: h.calledFrom } : {}), ...(h.configuration ? { configuration: h.configuration } : {}) };
}
