// Hover: a tensor's shapes, dtype and producing op; a layer's arguments, parameter shapes and
// uses; a model's summary with a link running a sample forward pass.
import type { Hover, Position } from 'vscode-languageserver-protocol';
import type { Analysis } from './analyzer';
import { hoverTargetAt } from './hoverTargets';
import { layerMarkdown, modelMarkdown, runForwardPassLink, tensorMarkdown } from './hoverMarkdown';
import { rangeIn, type Program } from './program';

export function hover(analysis: Analysis, program: Program, uri: string, position: Position): Hover | null {
  const offset = program.offsetOf(uri, position);
  if (offset === undefined) return null;
  const text = program.text;
  const target = hoverTargetAt(analysis, text, offset);
  if (!target) return null;
  let markdown: string;
  if (target.kind === 'tensor') {
    const boundAt = target.isUse ? program.locate(target.hint.range.start) : undefined;
    markdown = tensorMarkdown(target.hint, boundAt ? boundAt.position.line + 1 : undefined);
  } else if (target.kind === 'layer') {
    markdown = layerMarkdown(target.layers, target.use, (u) => shorten(text.slice(u.site.start, u.site.end).replace(/\s+/g, ' ')));
  } else {
    markdown = modelMarkdown(target.model, runForwardPassLink(uri, position.line, position.character));
  }
  const range = rangeIn(program, uri, target.range.start, target.range.end);
  return { contents: { kind: 'markdown', value: markdown }, ...(range ? { range } : {}) };
}

function shorten(s: string): string {
  return s.length <= 60 ? s : `${s.slice(0, 57)}...`;
}
