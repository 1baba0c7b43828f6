// Shape inlay hints: `: [64, 32, 26, 26]` right after the name a tensor is bound to (as Pylance
// places `: int`), or `x: [...]` at the end of the line; several shapes joined with ` | `.
import type { InlayHint, MarkupContent, Range } from 'vscode-languageserver-protocol';
import { calledFromNote, hintLines } from './hoverMarkdown';
import { hintLabel, type ShapeHint } from '../../engine/interp/record';
import type { Analysis } from './analyzer';
import { functionRanges, innermostFunctions } from './functionScopes';
import { lineEndOffset } from './positions';
import type { Program } from './program';
import type { ShapeHintsSettings } from './settings';

const TYPE_KIND = 1; // InlayHintKind.Type

export function inlayHints(analysis: Analysis, program: Program, uri: string, range: Range, settings: ShapeHintsSettings): InlayHint[] {
  if (!settings.inlayHints.enabled) return [];
  const from = program.offsetOf(uri, range.start);
  const to = program.offsetOf(uri, range.end);
  if (from === undefined || to === undefined) return [];
  const all = analysis.result.hints;
  const hidden = settings.inlayHints.hideUnchanged ? unchangedHints(analysis) : undefined;
  const shown = all.filter((h) => h.range.start >= from && h.range.start <= to && !hidden?.has(h) && !namesItself(h));
  if (settings.inlayHints.position === 'afterName') {
    const out: InlayHint[] = [];
    const text = program.text;
    for (const h of shown) {
      const at = program.locate(nameEnd(h, text));
      if (at?.uri === uri) out.push({ position: at.position, label: `: ${hintLabel(h)}`, kind: TYPE_KIND, tooltip: hintTooltip([h]), paddingLeft: false, paddingRight: false });
    }
    return out;
  }
  // End of line: one hint per line naming each tensor bound there.
  const index = program.lineIndexOf(uri);
  if (!index) return [];
  const byLine = new Map<number, ShapeHint[]>();
  for (const h of shown) {
    const at = program.locate(h.range.start);
    if (at?.uri !== uri) continue;
    const line = byLine.get(at.position.line);
    if (line) line.push(h);
    else byLine.set(at.position.line, [h]);
  }
  return [...byLine].map(([line, hs]) => ({
    position: { line, character: lineEndOffset(index, line) - index.offset({ line, character: 0 }) },
    label: hs.map((h) => `${h.name}: ${hintLabel(h)}`).join(', '),
    kind: TYPE_KIND,
    tooltip: hintTooltip(hs),
    paddingLeft: true,
    paddingRight: false,
  }));
}

/** `B, T, C = x.size()` seeded with sizes named after these names: `B: B` tells nothing. */
function namesItself(h: ShapeHint): boolean {
  return h.kind === 'size' && h.shapes.length === 1 && String(h.shapes[0][0]) === h.name;
}

/** Just after the name: a parameter's hint range also covers its annotation and default. */
function nameEnd(h: ShapeHint, text: string): number {
  return text.startsWith(h.name, h.range.start) ? h.range.start + h.name.length : h.range.end;
}

/**
 * hideUnchanged: a hint whose shapes equal those of the previous hint of the same name in the
 * same function (`x = F.relu(x)` after `x = self.bn(x)`) says nothing new.
 */
export function unchangedHints(analysis: Analysis): Set<ShapeHint> {
  const hints = analysis.result.hints;
  const scopes = innermostFunctions(functionRanges(analysis.ir), hints.map((h) => h.range.start));
  const previous = new Map<string, string>();
  const hidden = new Set<ShapeHint>();
  hints.forEach((h, i) => {
    const key = `${scopes[i]}\u0000${h.name}`;
    const label = hintLabel(h);
    if (previous.get(key) === label) hidden.add(h);
    previous.set(key, label);
  });
  return hidden;
}

/** Which op produced the value and its dtype, per shape. */
export function hintTooltip(hints: readonly ShapeHint[]): MarkupContent {
  const parts = hints.map((h) => {
    const lines = hintLines(h, '`');
    if (h.producers.length > 0) lines.push(`produced by ${h.producers.map((p) => `\`${p}\``).join(', ')}`);
    if (h.calledFrom) lines.push(calledFromNote(h));
    return lines.join('  \n');
  });
  return { kind: 'markdown', value: parts.join('\n\n') };
}
