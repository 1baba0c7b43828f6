// Engine diagnostics as LSP diagnostics, per document of the program (a notebook's errors go to
// the cell they are in): PyTorch's message, then the explanation on a second line.
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver-protocol';
import type { ShapeDiagnostic } from '../../engine/interp/record';
import type { Analysis } from './analyzer';
import { locationOf, type Program } from './program';

export const DIAGNOSTIC_SOURCE = 'shape-hints';

export interface PlacedDiagnostic {
  readonly uri: string;
  readonly diagnostic: Diagnostic;
  readonly engine: ShapeDiagnostic;
}

export function placeDiagnostics(analysis: Analysis, program: Program): PlacedDiagnostic[] {
  const out: PlacedDiagnostic[] = [];
  for (const d of analysis.result.diagnostics) {
    const at = locationOf(program, d.range.start, d.range.end);
    if (!at) continue;
    const related: DiagnosticRelatedInformation[] = [];
    for (const r of d.related) {
      const loc = locationOf(program, r.range.start, r.range.end);
      if (loc) related.push({ location: loc, message: r.message });
    }
    out.push({
      uri: at.uri,
      engine: d,
      diagnostic: {
        range: at.range,
        severity: d.severity === 'error' ? 1 : 2,
        code: d.code,
        source: DIAGNOSTIC_SOURCE,
        message: d.explanation ? `${d.message}\n${d.explanation}` : d.message,
        ...(related.length > 0 ? { relatedInformation: related } : {}),
      },
    });
  }
  return out;
}

/** Diagnostics for every document of the program (empty lists clear stale ones). */
export function diagnosticsByDocument(analysis: Analysis | undefined, program: Program, enabled: boolean): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>(program.memberUris().map((u) => [u, []]));
  if (!enabled || !analysis) return out;
  for (const p of placeDiagnostics(analysis, program)) out.get(p.uri)?.push(p.diagnostic);
  return out;
}
