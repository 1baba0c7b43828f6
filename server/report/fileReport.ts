// The CLI's per-file report in the contract's JSON form (schema version 1, 1-based lines and
// columns); the text and SARIF printers start from it too.
import type { AnalysisResult } from '../../engine/interp/analysis';
import type { Range } from '../../engine/interp/ir';
import { hintLabel } from '../../engine/interp/record';
import { LineIndex } from '../lineIndex';

export interface JsonSpan { line: number; column: number; endLine: number; endColumn: number }
export interface JsonHint { line: number; column: number; name: string; shapes: (number | string | null)[][]; label: string }
export interface JsonDiagnostic extends JsonSpan {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  explanation?: string;
  related: (JsonSpan & { message: string })[];
  fixes: { title: string; edits: (JsonSpan & { newText: string })[] }[];
}
export interface FileReport { path: string; hints: JsonHint[]; diagnostics: JsonDiagnostic[] }

export function span(index: LineIndex, r: Range): JsonSpan {
  const a = index.position(r.start);
  const b = index.position(r.end);
  return { line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
}

export function fileReport(path: string, text: string, result: AnalysisResult): FileReport {
  const index = new LineIndex(text);
  return {
    path,
    hints: result.hints.map((h) => {
      const p = index.position(h.range.start);
      return { line: p.line + 1, column: p.character + 1, name: h.name, shapes: h.shapes.map((s) => s.map((d) => d.toJSON())), label: hintLabel(h) };
    }),
    diagnostics: result.diagnostics.map((d) => ({
      ...span(index, d.range),
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.explanation ? { explanation: d.explanation } : {}),
      related: d.related.map((r) => ({ ...span(index, r.range), message: r.message })),
      fixes: d.fixes.map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ ...span(index, e.range), newText: e.newText })) })),
    })),
  };
}
