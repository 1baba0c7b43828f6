// model.summary() as TF.js and Keras 3 print it, from per-layer data the frontends collect
// (name, class, shapes, parameter counts). Pure text; no model object is needed.
import type { Shape } from '../../shape/shape';

export interface SummaryLayer {
  readonly name: string;
  readonly className: string;
  /** Per inbound node, the shapes of its inputs (TF.js' "Input Shape" column). */
  readonly inputShapes?: readonly (readonly Shape[])[];
  /** The output shape(s); undefined when the layer was not called (Keras prints `?`). */
  readonly outputShape?: Shape | readonly Shape[];
  /** countParams(); undefined for a layer that is not built (Keras prints `0 (unbuilt)`). */
  readonly params?: number;
  /** `layer[node][tensor]` of each input, for models that are not sequential-like. */
  readonly connections?: readonly string[];
}

export interface SummaryModel {
  readonly name: string;
  readonly layers: readonly SummaryLayer[];
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
  /** A Sequential, or a functional model that is a plain chain (both frameworks' test). */
  readonly sequentialLike: boolean;
  /** Bytes of the weights when not 4 per parameter (Keras prints memory sizes). */
  readonly trainableBytes?: number;
  readonly nonTrainableBytes?: number;
}

function isShapeList(s: Shape | readonly Shape[]): s is readonly Shape[] {
  return s.length > 0 && Array.isArray(s[0]);
}

// ---------------------------------------------------------------------------------------------
// TF.js: tfjs-layers/src/utils/layer_utils.ts printSummary (lines 30-240).

function json(shape: Shape): string {
  return `[${shape.map((d) => (d.isNone ? 'null' : d.toString())).join(',')}]`;
}

/** printRow: each field cut or padded to its column end, the char before a field a space. */
function tfjsRow(fields: readonly string[], positions: readonly number[]): string {
  let line = '';
  fields.forEach((field, i) => {
    if (i > 0) line = `${line.slice(0, line.length - 1)} `;
    line += field;
    line = line.slice(0, positions[i]);
    line += ' '.repeat(positions[i] - line.length);
  });
  return line;
}

/** The lines TF.js' model.summary() prints (default line length and column positions). */
export function tfjsSummary(model: SummaryModel, lineLength?: number, positions?: readonly number[]): string[] {
  const header = ['Layer (type)', 'Input Shape', 'Output shape', 'Param #'];
  const L = lineLength ?? (model.sequentialLike ? 90 : 115);
  let pos = positions ?? (model.sequentialLike ? [0.32, 0.61, 0.89, 1] : [0.24, 0.48, 0.70, 0.80, 1]);
  if (pos[pos.length - 1] <= 1) pos = pos.map((p) => Math.floor(L * p));
  if (!model.sequentialLike) header.push('Receives inputs');
  const out = ['_'.repeat(L), tfjsRow(header, pos), '='.repeat(L)];
  model.layers.forEach((layer, i) => {
    const inputShape = (layer.inputShapes ?? []).map((node) => `[${node.map(json).join(',')}]`).join(',');
    const o = layer.outputShape;
    const outputShape = o === undefined ? 'multiple' : isShapeList(o) ? `[${o.map(json).join(',')}]` : json(o);
    const fields = [`${layer.name} (${layer.className})`, inputShape, outputShape, String(layer.params ?? 0)];
    if (model.sequentialLike) out.push(tfjsRow(fields, pos));
    else {
      const connections = layer.connections ?? [];
      out.push(tfjsRow([...fields, connections[0] ?? ''], pos));
      for (const c of connections.slice(1)) out.push(tfjsRow(['', '', '', '', c], pos));
    }
    out.push((i === model.layers.length - 1 ? '=' : '_').repeat(L));
  });
  out.push(`Total params: ${model.trainableParams + model.nonTrainableParams}`);
  out.push(`Trainable params: ${model.trainableParams}`);
  out.push(`Non-trainable params: ${model.nonTrainableParams}`);
  out.push('_'.repeat(L));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Keras 3: keras/src/utils/summary_utils.py print_summary (lines 122-345), a rich.Table with the
// HEAVY_HEAD box and show_lines=True, printed without colour.

/** A shape as summary_utils.format_shape prints it: `(None, 26, 26, 32)`. */
function kerasShape(shape: Shape): string {
  return `(${shape.map((d) => (d.isNone ? 'None' : d.toString())).join(', ')})`;
}

/** Python's f"{n:,}". */
function commas(n: number): string {
  return n.toLocaleString('en-US');
}

/** summary_utils.readable_memory_size: "{:.2f} {unit}" in powers of 1024. */
export function readableMemorySize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let size = bytes;
  for (const unit of units) {
    if (size / 1024 < 1) return `${size.toFixed(2)} ${unit}`;
    size /= 1024;
  }
  return `${size.toFixed(2)} ${units[units.length - 1]}`;
}

/** Python's round(): halves go to the even neighbour (rich's ratio_reduce relies on it). */
function pyRound(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * The columns' widths (padding included) rich gives fixed-width columns in a table of
 * `lineLength`: each asks for its width plus 2 of padding; what exceeds the room left by the
 * borders is taken evenly (rich/table.py _calculate_column_widths, rich/_ratio.py ratio_reduce).
 */
function columnWidths(lineLength: number, positions: readonly number[]): number[] {
  const widths: number[] = [];
  let current = 0;
  for (const p of positions) {
    const w = Math.trunc(p * lineLength) - current;
    widths.push(w + 2);
    current += w;
  }
  const room = lineLength - (widths.length + 1);
  const excess = widths.reduce((a, b) => a + b, 0) - room;
  if (excess <= 0) return widths;
  let remaining = excess;
  let ratio = widths.length;
  return widths.map((w) => {
    const cut = Math.min(w, pyRound(remaining / ratio));
    remaining -= cut;
    ratio -= 1;
    return w - cut;
  });
}

/** Greedy word wrap to `width` (rich wraps cell text at spaces, folding longer words). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let w = word;
    while (w.length > width) {
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(w.slice(0, width));
      w = w.slice(width);
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= width) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  lines.push(line);
  return lines;
}

type Align = 'left' | 'right';

function tableRow(cells: readonly string[], widths: readonly number[], align: readonly Align[], edge: string, sep: string, end: string): string[] {
  const wrapped = cells.map((c, i) => wrap(c, widths[i] - 2));
  const height = Math.max(...wrapped.map((w) => w.length));
  const out: string[] = [];
  for (let r = 0; r < height; r++) {
    const parts = wrapped.map((w, i) => {
      const text = w[r] ?? '';
      const room = widths[i] - 2;
      return ` ${align[i] === 'right' ? text.padStart(room) : text.padEnd(room)} `;
    });
    out.push(`${edge}${parts.join(sep)}${end}`);
  }
  return out;
}

function rule(widths: readonly number[], left: string, fill: string, mid: string, right: string): string {
  return `${left}${widths.map((w) => fill.repeat(w)).join(mid)}${right}`;
}

/**
 * The text Keras 3's model.summary() prints. `lineLength` defaults as Keras does, to
 * min(88 or 108, terminal columns - 4); without a terminal Python assumes 80 columns, hence 76.
 */
export function kerasSummary(model: SummaryModel, lineLength?: number): string[] {
  const seq = model.sequentialLike;
  const L = lineLength ?? Math.min(seq ? 88 : 108, 80 - 4);
  const positions = seq ? [0.45, 0.80, 1.0] : [0.3, 0.56, 0.74, 1.0];
  const header = seq ? ['Layer (type)', 'Output Shape', 'Param #'] : ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'];
  const align: Align[] = seq ? ['left', 'left', 'right'] : ['left', 'left', 'right', 'left'];
  const widths = columnWidths(L, positions);
  const out = [`Model: "${model.name}"`, rule(widths, '┏', '━', '┳', '┓'), ...tableRow(header, widths, align, '┃', '┃', '┃'), rule(widths, '┡', '━', '╇', '┩')];
  model.layers.forEach((layer, i) => {
    const o = layer.outputShape;
    // summary_utils.format_layer_shape: `?` when never called; a single shape plainly, several
    // as the str() of their list without quotes.
    const shape = o === undefined ? '?' : isShapeList(o) ? (o.length === 1 ? kerasShape(o[0]) : `[${o.map(kerasShape).join(', ')}]`) : kerasShape(o);
    const params = layer.params === undefined ? '0 (unbuilt)' : commas(layer.params);
    const cells = [`${layer.name} (${layer.className})`, shape, params];
    if (!seq) cells.push(layer.connections && layer.connections.length ? layer.connections.join(', ') : '-');
    if (i > 0) out.push(rule(widths, '├', '─', '┼', '┤'));
    out.push(...tableRow(cells, widths, align, '│', '│', '│'));
  });
  out.push(rule(widths, '└', '─', '┴', '┘'));
  const trainableBytes = model.trainableBytes ?? model.trainableParams * 4;
  const nonTrainableBytes = model.nonTrainableBytes ?? model.nonTrainableParams * 4;
  const total = model.trainableParams + model.nonTrainableParams;
  out.push(` Total params: ${commas(total)} (${readableMemorySize(trainableBytes + nonTrainableBytes)})`);
  out.push(` Trainable params: ${commas(model.trainableParams)} (${readableMemorySize(trainableBytes)})`);
  out.push(` Non-trainable params: ${commas(model.nonTrainableParams)} (${readableMemorySize(nonTrainableBytes)})`);
  return out;
}
