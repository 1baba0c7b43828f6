// The sample forward pass behind the model hover and "Run sample forward pass": lower a ModelRun
// (seeded input, PyTorch's default initialisation), check the memory budget, run it in the
// worker, and summarise. Shapes are reported first (onShapes), numbers when the run is done.
import { lowerRun, type LayerRow, type LoweredModel, type MemoryEstimate } from '../../engine/exec/lower';
import type { ModelRun } from '../../engine/ops/trace';
import type { DType } from '../../engine/ops/dtype';
import { Cancelled, OnnxRunner } from './runner';

export interface PreviewOptions {
  /** The value each symbolic dimension takes (setting shapeHints.forwardPass.symbolicDimSize). */
  readonly symbolicDimSize: number;
  /** Refuse passes whose tensors would exceed this (setting shapeHints.forwardPass.memoryBudgetMB). */
  readonly memoryBudgetMB: number;
  readonly isCancelled?: () => boolean;
  /** Called once the shapes are known, before the numbers. */
  readonly onShapes?: (preview: Preview) => void;
  readonly onProgress?: (stage: 'lowering' | 'session' | 'running') => void;
  readonly runner?: OnnxRunner;
  readonly seed?: number;
}

export interface OutputSummary {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly stats?: { readonly mean: number; readonly std: number; readonly min: number; readonly max: number };
  readonly first?: readonly number[];
}

export interface Preview {
  readonly status: 'ok' | 'shapes' | 'no-kernel' | 'over-budget' | 'cancelled' | 'error';
  /** Why the numbers are missing: "no kernel for X yet", the budget message, an error. */
  readonly message?: string;
  readonly inputs: readonly { readonly name: string; readonly shape: readonly number[]; readonly dtype: DType }[];
  readonly outputs: readonly OutputSummary[];
  readonly layers: readonly LayerRow[];
  readonly totalParams?: number;
  readonly totalFlops?: number;
  readonly memory?: MemoryEstimate;
  readonly symbolicDimSize: number;
  readonly timings: { readonly lowerMs: number; readonly sessionMs: number; readonly runMs: number; readonly totalMs: number };
}

let shared: OnnxRunner | undefined;

/** The process-wide runner (one worker thread, sessions cached per model). */
export function sharedRunner(): OnnxRunner {
  shared ??= new OnnxRunner({ threads: 1 });
  return shared;
}

const lowered = new WeakMap<ModelRun, Map<string, { key: string; model: LoweredModel }>>();
let modelCounter = 0;

function lowerCached(run: ModelRun, size: number, seed: number) {
  const id = `${size}:${seed}`;
  let byOpts = lowered.get(run);
  const hit = byOpts?.get(id);
  if (hit) return { ok: true as const, ...hit };
  const r = lowerRun(run, { symbolicDimSize: size, seed });
  if (!r.ok) return r;
  const entry = { key: `model${++modelCounter}`, model: r.model };
  if (!byOpts) lowered.set(run, (byOpts = new Map()));
  byOpts.set(id, entry);
  return { ok: true as const, ...entry };
}

const MB = 1024 * 1024;

export async function runSamplePreview(run: ModelRun, opts: PreviewOptions): Promise<Preview> {
  const t0 = performance.now();
  const base = { inputs: [], outputs: [], layers: [], symbolicDimSize: opts.symbolicDimSize };
  const timings = (lowerMs: number, sessionMs = 0, runMs = 0) => ({ lowerMs, sessionMs, runMs, totalMs: performance.now() - t0 });
  opts.onProgress?.('lowering');
  const l = lowerCached(run, opts.symbolicDimSize, opts.seed ?? 0);
  const lowerMs = performance.now() - t0;
  if (!l.ok) return { ...base, status: 'no-kernel', message: l.reason, timings: timings(lowerMs) };
  const m = l.model;
  const shapes: Preview = {
    ...base,
    status: 'shapes',
    inputs: m.inputs.map((i) => ({ name: i.name, shape: i.shape, dtype: i.dtype })),
    outputs: m.outputs.map((o) => ({ shape: o.shape, dtype: o.dtype })),
    layers: m.layers,
    totalParams: m.totalParams,
    totalFlops: m.totalFlops,
    memory: m.memory,
    timings: timings(lowerMs),
  };
  if (m.memory.totalBytes > opts.memoryBudgetMB * MB) {
    return { ...shapes, status: 'over-budget', message: budgetMessage(m.memory, opts.memoryBudgetMB), timings: timings(lowerMs) };
  }
  opts.onShapes?.(shapes);
  if (opts.isCancelled?.()) return { ...shapes, status: 'cancelled', timings: timings(lowerMs) };
  try {
    const r = await (opts.runner ?? sharedRunner()).run({
      key: l.key, bytes: () => m.bytes, inputs: m.inputs, isCancelled: opts.isCancelled, onProgress: opts.onProgress,
    });
    const outputs = m.outputs.map((o, i) => summarize(o.shape, o.dtype, r.outputs[i]?.data));
    return { ...shapes, status: 'ok', outputs, timings: timings(lowerMs, r.createMs, r.runMs) };
  } catch (e) {
    if (e instanceof Cancelled) return { ...shapes, status: 'cancelled', timings: timings(lowerMs) };
    return { ...shapes, status: 'error', message: (e as Error).message.split('\n')[0], timings: timings(lowerMs) };
  }
}

function budgetMessage(mem: MemoryEstimate, budgetMB: number): string {
  const largest = mem.largest;
  const what = largest ? ` The largest tensor is the output of ${largest.what}, [${largest.shape.join(', ')}] (${(largest.bytes / MB).toFixed(1)} MB).` : '';
  return `The sample pass would need about ${(mem.totalBytes / MB).toFixed(0)} MB, over the ${budgetMB} MB budget ` +
    `(shapeHints.forwardPass.memoryBudgetMB).${what} Try a smaller input (batch size 1, smaller spatial sizes) ` +
    'or a smaller shapeHints.forwardPass.symbolicDimSize.';
}

function summarize(shape: readonly number[], dtype: DType, data: ArrayLike<number | bigint> | undefined): OutputSummary {
  if (!data || data.length === 0) return { shape, dtype };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  const n = data.length;
  for (let i = 0; i < n; i++) {
    const v = Number(data[i]);
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (Number(data[i]) - mean) ** 2;
  // torch.std: the unbiased estimate.
  const std = n > 1 ? Math.sqrt(sq / (n - 1)) : 0;
  const first = Array.from({ length: Math.min(8, n) }, (_, i) => Number(data[i]));
  return { shape, dtype, stats: { mean, std, min, max }, first };
}

const MAX_ROWS = 80;

export function formatPreviewMarkdown(p: Preview, title = 'Sample forward pass'): string {
  const lines: string[] = [`**${title}**`, ''];
  const shape = (s: readonly number[]): string => `[${s.join(', ')}]`;
  for (const i of p.inputs) lines.push(`Input \`${i.name}\`: \`${shape(i.shape)}\` ${i.dtype} (seeded random values; symbolic sizes = ${p.symbolicDimSize})  `);
  for (const [k, o] of p.outputs.entries()) lines.push(`Output${p.outputs.length > 1 ? ` ${k}` : ''}: \`${shape(o.shape)}\` ${o.dtype}  `);
  if (p.message) lines.push('', p.status === 'no-kernel' ? `No numbers: ${p.message}.` : p.message);
  if (p.status === 'cancelled') lines.push('', 'Cancelled.');
  if (p.layers.length > 0) {
    lines.push('', '| Layer | Type | Output shape | Parameters | FLOPs |', '|---|---|---|---:|---:|');
    for (const l of p.layers.slice(0, MAX_ROWS)) {
      const shapes = l.outputShapes.map(shape).join(', ') || '—';
      lines.push(`| ${l.name} | ${l.type} | ${shapes} | ${l.params ? l.params.toLocaleString('en-US') : ''} | ${l.flops ? formatCount(l.flops) : ''} |`);
    }
    if (p.layers.length > MAX_ROWS) lines.push(`| … ${p.layers.length - MAX_ROWS} more | | | | |`);
  }
  if (p.totalParams !== undefined) {
    lines.push('', `Total: ${p.totalParams.toLocaleString('en-US')} parameters, ${formatCount(p.totalFlops ?? 0)}FLOPs` +
      (p.memory ? `, about ${(p.memory.totalBytes / (1024 * 1024)).toFixed(1)} MB` : ''));
  }
  for (const [k, o] of p.outputs.entries()) {
    if (!o.stats) continue;
    const f = (x: number): string => (Number.isInteger(x) ? String(x) : x.toPrecision(4));
    lines.push('', `Output${p.outputs.length > 1 ? ` ${k}` : ''}: mean ${f(o.stats.mean)}, std ${f(o.stats.std)}, min ${f(o.stats.min)}, max ${f(o.stats.max)}  `,
      `First values: \`[${(o.first ?? []).map(f).join(', ')}${o.shape.reduce((a, b) => a * b, 1) > (o.first?.length ?? 0) ? ', …' : ''}]\``);
  }
  const t = p.timings;
  lines.push('', `Elapsed: ${t.totalMs.toFixed(0)} ms (lowering ${t.lowerMs.toFixed(0)} ms${t.sessionMs ? `, session ${t.sessionMs.toFixed(0)} ms` : ''}${t.runMs ? `, run ${t.runMs.toFixed(1)} ms` : ''})`);
  return lines.join('\n');
}

function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return `${n} `;
}
