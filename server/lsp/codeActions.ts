// Code actions: each engine fix of a diagnostic in range as a quick fix, and the shape
// annotation offer on a def whose tensor inputs nobody could infer.
import type { CodeAction, Range, TextEdit } from 'vscode-languageserver-protocol';
import type { Analysis } from './analyzer';
import { placeDiagnostics } from './diagnostics';
import { locationOf, type Program } from './program';
import { shapeAnnotationActions } from './shapeAnnotationAction';

export function codeActions(analysis: Analysis, program: Program, uri: string, range: Range, diagnosticsEnabled: boolean): CodeAction[] {
  const from = program.offsetOf(uri, range.start);
  const to = program.offsetOf(uri, range.end);
  if (from === undefined || to === undefined) return [];
  const out: CodeAction[] = [];
  if (diagnosticsEnabled) {
    for (const placed of placeDiagnostics(analysis, program)) {
      const d = placed.engine;
      if (placed.uri !== uri || d.range.end < from || d.range.start > to) continue;
      const anyPreferred = d.fixes.some((f) => f.preferred !== undefined);
      d.fixes.forEach((fix, i) => {
        const changes = editsByDocument(program, fix.edits);
        if (!changes) return;
        out.push({
          title: fix.title,
          kind: 'quickfix',
          diagnostics: [placed.diagnostic],
          isPreferred: anyPreferred ? fix.preferred === true : i === 0,
          edit: { changes },
        });
      });
    }
  }
  out.push(...shapeAnnotationActions(analysis, program, uri, from, to));
  return out;
}

/** Engine edits (program offsets) grouped per document; undefined if one cannot be placed. */
export function editsByDocument(program: Program, edits: readonly { range: { start: number; end: number }; newText: string }[]): Record<string, TextEdit[]> | undefined {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) {
    const at = locationOf(program, e.range.start, e.range.end);
    if (!at) return undefined;
    (changes[at.uri] ??= []).push({ range: at.range, newText: e.newText });
  }
  return changes;
}

