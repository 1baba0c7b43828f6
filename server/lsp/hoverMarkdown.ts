// Markdown for hovers and the model summary: shapes in ```shape blocks (the extension's grammar
// colours them), layers with their arguments and parameters, models as a torchinfo-like table.
import type { LayerInsight, LayerUse, ModelInsight } from '../../engine/interp/insight';
import { hintLabel, type ShapeHint } from '../../engine/interp/record';
import { formatShape, type Shape, type ShapeStyle } from '../../engine/shape/shape';

const fence = (lines: readonly string[]): string => ['```shape', ...lines, '```'].join('\n');
const count = (n: number | undefined): string => (n === undefined ? 'unknown (symbolic sizes)' : n.toLocaleString('en-US'));
/** `torch.nn.Conv2d` -> `nn.Conv2d`, as code usually writes it. */
const shortOp = (op: string): string => op.replace(/^torch\.nn\.(?!functional)/, 'nn.');

/** Where shapes from other files came from: a call (`train.py:199`) or a model built there whose input was assumed. */
export function calledFromNote(hint: ShapeHint): string {
  const where = hint.calledFrom!.map((c) => `\`${c}\``).join(', ');
  return hint.guessed ? `sizes from the model built at ${where} (its input assumed: nothing calls it on a known input)` : `from the call at ${where}`;
}

export function tensorMarkdown(hint: ShapeHint, boundAtLine: number | undefined): string {
  const lines = hintLines(hint, '');
  const notes: string[] = [];
  const seen = hint.kind === 'tuple' ? hint.items?.length ?? 0 : hint.shapes.length;
  const what = hint.kind === 'size' || hint.kind === 'sizes' ? 'values' : 'shapes';
  if (seen > 1) notes.push(`${seen} ${what} reach this line (one per call or loop iteration).`);
  if (hint.producers.length > 0) notes.push(`Produced by ${hint.producers.map((p) => `\`${p}\``).join(', ')}.`);
  if (hint.calledFrom) {
    const note = calledFromNote(hint);
    notes.push(`${note[0].toUpperCase()}${note.slice(1)}.`);
  }
  if (hint.assumption && !hint.calledFrom) notes.push(`Symbolic: nothing in the workspace calls this code on a known input; it stands on ${hint.assumption}.`);
  if (hint.configuration) notes.push(`Stands on ${hint.configuration}: run with other settings, the sizes may differ.`);
  if (boundAtLine !== undefined) notes.push(`As bound at line ${boundAtLine}.`);
  return [fence(lines), ...notes].join('\n\n');
}

/** One line per value seen: `x: [B, 3, H, W]  float32`, `b: B`, `qkv: ([B, N, d], [B, N, d])`. */
export function hintLines(hint: ShapeHint, quote: string): string[] {
  const q = (s: string): string => `${quote}${s}${quote}`;
  if (hint.kind === 'tuple') return (hint.items ?? []).map((t) => `${q(hint.name)}: ${q(hintLabel({ ...hint, items: [t] }))}`);
  return hint.shapes.map((s, i) => `${q(hint.name)}: ${q(hintLabel({ ...hint, shapes: [s] }))}${hint.dtypes[i] ? `${quote ? ' ' : '  '}${hint.dtypes[i]}` : ''}`);
}

/** Arguments worth showing: everything bound except device/dtype left at None. */
function shownArgs(layer: LayerInsight): string {
  return layer.args.filter((a) => !((a.name === 'device' || a.name === 'dtype') && a.value === 'None')).map((a) => `${a.name}=${a.value}`).join(', ');
}

function useLine(label: string, u: LayerUse, style: ShapeStyle = 'torch'): string {
  const shown = (s: Shape | undefined): string => (s ? formatShape(s, style) : '?');
  const ins = u.inputShapes.map(shown).join(', ');
  const outs = u.outputShapes.map(shown).join(', ');
  return `${label}${ins || '?'} -> ${outs || '?'}`;
}

/** A Keras / TF.js layer: its config as written, weights in its layout beside PyTorch's, its calls. */
function kerasLayerMarkdown(l: LayerInsight, use: LayerUse | undefined, siteText: (u: LayerUse) => string): string {
  const style = l.style!;
  // Keras Python shows keyword arguments, TF.js its config object.
  const args = style === 'keras' ? l.args.map((a) => `${a.name}=${a.value}`).join(', ') : `{${l.args.map((a) => `${a.name}: ${a.value}`).join(', ')}}`;
  const parts = [`**${l.op}**(${args})`];
  const tensors = [...l.params, ...l.buffers];
  if (tensors.length > 0) {
    const width = Math.max(...tensors.map((p) => p.name.length));
    parts.push(fence(tensors.map((p) => `${p.name.padEnd(width)}: ${formatShape(p.shape, style)}${l.buffers.includes(p) ? '  (non-trainable)' : ''}`)));
  } else parts.push('No weights yet: the layer is built by its first call.');
  parts.push(`Parameters: ${count(l.paramCount)}`);
  if (l.counterpart) {
    parts.push(`${l.counterpart.framework} \`${l.counterpart.layer}\`: ${l.counterpart.weights.map((w) => `${w.name} ${formatShape(w.shape)}`).join(', ')}. ${l.counterpart.note}`);
  }
  const uses = use ? [use] : l.uses;
  if (uses.length > 0) parts.push(fence(uses.map((u) => useLine(`${siteText(u)}: `, u, style))));
  else parts.push('Not applied to any tensor the analysis followed.');
  return parts.join('\n\n');
}

export function layerMarkdown(layers: readonly LayerInsight[], use: LayerUse | undefined, siteText: (u: LayerUse) => string): string {
  if (layers.length > 1) {
    // Several layers behind one call (nn.Sequential): each with what it saw at this call.
    const rows = layers.map((l) => {
      const u = l.uses.find((x) => x.site === use?.site) ?? l.uses[0];
      return `${shortOp(l.op)}: ${u ? useLine('', u) : 'not called'}`;
    });
    return [`**${layers.length} layers** run by this call`, fence(rows)].join('\n\n');
  }
  const l = layers[0];
  if (l.display !== undefined) return fluxLayerMarkdown(l, use, siteText);
  if (l.style && l.style !== 'torch') return kerasLayerMarkdown(l, use, siteText);
  const parts = [`**${shortOp(l.op)}**(${shownArgs(l)})`];
  const tensors = [...l.params, ...l.buffers];
  if (tensors.length > 0) {
    const width = Math.max(...tensors.map((p) => p.name.length));
    parts.push(fence(tensors.map((p) => `${p.name.padEnd(width)}: ${formatShape(p.shape)}${p.dtype !== 'float32' ? `  ${p.dtype}` : ''}`)));
  }
  parts.push(`Parameters: ${count(l.paramCount)}`);
  if (l.keras) {
    // Keras prints shapes as tuples: (5, 5, 10, 5).
    const tuple = (s: Shape): string => `(${s.map((d) => d.toString()).join(', ')})`;
    parts.push(`Keras / TF.js \`${l.keras.layer}\`: ${l.keras.weights.map((w) => `${w.name} ${tuple(w.shape)}`).join(', ')}. ${l.keras.note}`);
  }
  const uses = use ? [use] : l.uses;
  if (uses.length > 0) parts.push(fence(uses.map((u) => useLine(`${siteText(u)}: `, u))));
  else parts.push('Not called by any analysed forward pass.');
  return parts.join('\n\n');
}

/**
 * A layer of another framework (Flux): the line its framework prints, then its weights in its own
 * layout beside PyTorch's and Keras' (the question people moving between them ask), then its uses.
 */
function fluxLayerMarkdown(l: LayerInsight, use: LayerUse | undefined, siteText: (u: LayerUse) => string): string {
  const parts = [['```julia', l.display!, '```'].join('\n')];
  if (l.layouts && l.layouts.length > 0) {
    const style = (framework: string): ShapeStyle => (framework === 'PyTorch' ? 'torch' : 'flux');
    const rows = l.layouts.map((w) => `| ${w.framework} | \`${w.layer}\` | ${w.weights.map((x) => `${x.name} ${formatShape(x.shape, style(w.framework))}`).join(', ')} |`);
    parts.push(['| | Layer | Weights |', '|---|---|---|', ...rows].join('\n'));
  }
  const uses = use ? [use] : l.uses;
  if (uses.length > 0) parts.push(fence(uses.map((u) => useLine(`${siteText(u)}: `, u, 'flux'))));
  else parts.push('Not called by any analysed forward pass.');
  return parts.join('\n\n');
}

export function modelMarkdown(model: ModelInsight, runCommand: string | undefined): string {
  const parts = [`**${model.name}**: ${count(model.totalParams)} parameters`];
  if (model.summary) {
    // The table exactly as the framework's model.summary() prints it.
    parts.push(['```text', ...model.summary, '```'].join('\n'));
    if (model.runs.length > 0 && runCommand) parts.push(`[Run sample forward pass](${runCommand})`);
    return parts.join('\n\n');
  }
  if (model.display !== undefined) parts.push(['```julia', model.display, '```'].join('\n'));
  const style: ShapeStyle | undefined = model.display !== undefined ? 'flux' : undefined;
  const rows = model.rows.map((r) => [
    `${'  '.repeat(Math.max(0, r.depth - 1))}${r.path || model.name}`,
    r.depth === 0 ? '' : r.type,
    r.outputShapes.length > 0 ? r.outputShapes.map((s) => formatShape(s, style)).join(' | ') : '-',
    r.params === undefined ? '?' : r.params === 0 ? '-' : r.params.toLocaleString('en-US'),
  ]);
  const header = ['Layer', 'Type', 'Output shape', 'Params'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  parts.push(fence([line(header), ...rows.map(line), '', `Total params: ${count(model.totalParams)}`]));
  if (model.runs.length === 0) parts.push('No forward pass of this model was analysed.');
  if (runCommand) parts.push(`[Run sample forward pass](${runCommand})`);
  return parts.join('\n\n');
}

/** A `command:` link running shapeHints.runForwardPass at a document position. */
export function runForwardPassLink(uri: string, line: number, character: number): string {
  return `command:shapeHints.runForwardPass?${encodeURIComponent(JSON.stringify([uri, line, character]))}`;
}
