// The sample forward pass behind the model hover and "Run sample forward pass": lower a ModelRun
// (seeded input, PyTorch's default initialisation), check the memory budget, run it (in the
// worker; a small model's first run in this thread, see isSmall), and summarise. Shapes are reported first (onShapes), numbers when the run is done.
// Per-layer times come from onnxruntime's profiler on a warm run when the optimised session is
// created (node backend; in the background after the first run, so they show from the next
// pass); a layer's time is the kernel time of the ONNX nodes it lowered to (a fused node is named
// after, and timed on, the last op fused into it).
// Sessions are keyed by the lowered model's content (graph and the recipe of its weights), not by
// the document: an edit elsewhere in the file that leaves the model alone reuses its session.
import { createHash } from 'node:crypto';
import { bytesPerElement, elementCount, lowerRun, tensorsIn, type LayerRow, type LoweredModel, type MemoryEstimate } from '../../engine/exec/lower';
import type { ModelRun } from '../../engine/ops/trace';
import type { DType } from '../../engine/ops/dtype';
import { Cancelled, OnnxRunner, type OrtBackend } from './runner';

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
  /** Time each layer (one more run when the session is created); default true. */
  readonly layerTimes?: boolean;
  /**
   * Give the numbers of this runner's last pass of the same model (same key: same graph, weights
   * and seeded inputs, hence the same numbers) instead of running it again; default true.
   */
  readonly reuse?: boolean;
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
  /**
   * With status 'error': what failed. 'runtime' is onnxruntime failing while running (the sample
   * values broke an op), 'unsupported' onnxruntime refusing a node's element types, 'lowering' a bug of ours.
   */
  readonly failure?: { readonly kind: 'runtime' | 'unsupported' | 'lowering'; readonly layer?: LayerRow };
  readonly inputs: readonly { readonly name: string; readonly shape: readonly number[]; readonly dtype: DType }[];
  readonly outputs: readonly OutputSummary[];
  readonly layers: readonly LayerRow[];
  /** Milliseconds per layer (same order as `layers`), when the backend could profile. */
  readonly layerMs?: readonly number[];
  /** The layer times are being measured (on the optimised session, after this pass): the next pass has them. */
  readonly layerTimesPending?: boolean;
  /** The onnxruntime build that ran it. */
  readonly backend?: OrtBackend;
  readonly totalParams?: number;
  readonly totalFlops?: number;
  readonly memory?: MemoryEstimate;
  readonly symbolicDimSize: number;
  readonly timings: PreviewTimings;
}

export interface PreviewTimings {
  readonly lowerMs: number;
  /** Of lowerMs: encoding the ONNX model (0 when the lowering was cached). */
  readonly encodeMs: number;
  /** Making the weights (PyTorch's default initialisation); 0 when the session existed. */
  readonly initMs: number;
  readonly sessionMs: number;
  readonly runMs: number;
  readonly totalMs: number;
  /** Whether the model's session existed already (another pass of the same model). */
  readonly cachedSession: boolean;
  /** The numbers are those of an earlier pass of the same model (nothing ran). */
  readonly reused?: boolean;
}

let shared: OnnxRunner | undefined;

/**
 * The process-wide runner (one worker thread, sessions cached per model, freed after 5 minutes
 * unused or SHAPE_HINTS_FORWARD_PASS_IDLE_MS).
 */
export function sharedRunner(): OnnxRunner {
  const idleMs = Number(process.env.SHAPE_HINTS_FORWARD_PASS_IDLE_MS);
  shared ??= new OnnxRunner({ threads: 1, idleMs: idleMs > 0 ? idleMs : undefined });
  return shared;
}

/** Stop the process-wide runner's worker, if it was ever made. */
export function disposeSharedRunner(): void {
  shared?.dispose();
}

interface LoweredEntry {
  /** The session key: the model's content (see modelKey). */
  readonly key: string;
  readonly model: LoweredModel;
}

const lowered = new WeakMap<ModelRun, Map<string, LoweredEntry>>();
let uniqueCounter = 0;

/**
 * Equal keys mean equal models: a hash of the graph (parameters as inputs: nodes, constants,
 * shapes, parameter names) and of what the weights are made from. A model whose weights cannot
 * be described gets a key of its own.
 */
export function modelKey(model: LoweredModel): string {
  if (model.paramRecipe === undefined) return `unique${++uniqueCounter}`;
  return createHash('sha256').update(model.layout.paramsAsInputs).update(model.paramRecipe).digest('base64url');
}

function lowerCached(run: ModelRun, size: number, seed: number) {
  const id = `${size}:${seed}`;
  let byOpts = lowered.get(run);
  const hit = byOpts?.get(id);
  if (hit) return { ok: true as const, entry: hit, cached: true };
  const r = lowerRun(run, { symbolicDimSize: size, seed });
  if (!r.ok) return r;
  const entry: LoweredEntry = { key: modelKey(r.model), model: r.model };
  if (!byOpts) lowered.set(run, (byOpts = new Map()));
  byOpts.set(id, entry);
  return { ok: true as const, entry, cached: false };
}

/**
 * Lower a run ahead of its pass (a model hover opened: the run link may be next). Lowering makes
 * the sample inputs, so inputs over the memory budget (a pass that would be refused) are not made
 * on a mere hover. Errors are left for the pass itself to report.
 */
export function prepareSamplePreview(run: ModelRun, opts: Pick<PreviewOptions, 'symbolicDimSize' | 'memoryBudgetMB' | 'seed'>): void {
  try {
    if (sampleInputBytes(run, opts.symbolicDimSize) > opts.memoryBudgetMB * MB) return;
    lowerCached(run, opts.symbolicDimSize, opts.seed ?? 0);
  } catch {
    // The pass reports it.
  }
}

/** Bytes of a run's sample inputs (symbolic sizes take `size`; unknown ones count as too many). */
function sampleInputBytes(run: ModelRun, size: number): number {
  const env = new Proxy({}, { get: (_t, key) => (key === '?' ? undefined : size), has: () => true }) as Record<string, number>;
  let bytes = 0;
  for (const t of run.inputs.flatMap((v) => tensorsIn(v))) {
    if (!t.shape) return Infinity;
    let n = bytesPerElement(t.dtype ?? 'float32');
    for (const d of t.shape) n *= d.value ?? d.evaluate(env) ?? Infinity;
    bytes += n;
  }
  return bytes;
}

/** Kernel times per ONNX node of each model's optimised session, by session key (a few recent models). */
const nodeTimesByKey = new Map<string, Readonly<Record<string, number>>>();
const NODE_TIMES_KEPT = 16;

function keepNodeTimes(key: string, times: Readonly<Record<string, number>>): void {
  nodeTimesByKey.delete(key);
  nodeTimesByKey.set(key, times);
  if (nodeTimesByKey.size > NODE_TIMES_KEPT) nodeTimesByKey.delete(nodeTimesByKey.keys().next().value!);
}

const MB = 1024 * 1024;

/**
 * The numbers of each model's last pass, by runner and session key (a few recent models; the
 * summaries only, not the outputs). Equal keys mean equal graphs, weights and seeded inputs.
 */
interface KnownResult {
  readonly outputs: readonly OutputSummary[];
  readonly backend: OrtBackend;
}
const resultsByRunner = new WeakMap<OnnxRunner, Map<string, KnownResult>>();
const RESULTS_KEPT = 16;

function keepResult(runner: OnnxRunner, key: string, result: KnownResult): void {
  let byKey = resultsByRunner.get(runner);
  if (!byKey) resultsByRunner.set(runner, (byKey = new Map()));
  byKey.delete(key);
  byKey.set(key, result);
  if (byKey.size > RESULTS_KEPT) byKey.delete(byKey.keys().next().value!);
}

/**
 * Weights (bytes) up to which a hover makes them and runs the pass ahead of the click: a
 * LeNet/MNIST-sized model (about 5 MB) costs milliseconds and little memory, a ResNet (47 MB)
 * would hold tens of MB for a click that may not come.
 */
const AHEAD_WEIGHT_BYTES = 8 * MB;
/** Tensors (weights, inputs, activations) up to which a pass may run ahead. */
const AHEAD_TOTAL_BYTES = 32 * MB;

/**
 * A model whose pass costs milliseconds and little memory: a hover runs it ahead of the click,
 * and it runs in the server's thread (no messages to the worker, no weights handed over).
 */
function isSmall(m: LoweredModel, memoryBudgetMB: number): boolean {
  const weightBytes = m.params.reduce((a, p) => a + elementCount(p.shape) * bytesPerElement(p.dtype), 0);
  return weightBytes <= AHEAD_WEIGHT_BYTES && m.memory.totalBytes <= Math.min(AHEAD_TOTAL_BYTES, memoryBudgetMB * MB);
}

/** The pass run ahead by the last hover: at most one at a time, a newer hover cancels it. */
let ahead: { key: string; runner: OnnxRunner; cancelled: boolean; clicked: boolean; madeSession: boolean; done: Promise<unknown> } | undefined;

/**
 * A hover opened on a model (its run link may be clicked next): lower the pass and, for a small
 * model, make its weights and run it in the worker, so that the click finds the numbers. Call it
 * after the hover is answered; it never reports errors (the pass does). The session it made is
 * freed by the runner's idle sweep, or when the next hover prepares another model before this
 * one was clicked.
 */
export async function prepareSamplePass(run: ModelRun, opts: Pick<PreviewOptions, 'symbolicDimSize' | 'memoryBudgetMB' | 'seed' | 'runner'>): Promise<void> {
  prepareSamplePreview(run, opts);
  const l = lowered.get(run)?.get(`${opts.symbolicDimSize}:${opts.seed ?? 0}`);
  const runner = opts.runner ?? sharedRunner();
  const previous = ahead;
  // The same model hovered again: its pass ahead goes on.
  if (previous && previous.runner === runner && previous.key === l?.key && !previous.cancelled) {
    await previous.done.catch(() => undefined);
    return;
  }
  if (previous) previous.cancelled = true;
  if (previous && previous.runner === runner && previous.key !== l?.key) {
    ahead = undefined;
    // A model hovered and never clicked: its session goes (once the run it may be in is done).
    void previous.done.then(() => (previous.madeSession && !previous.clicked ? runner.drop(previous.key) : undefined)).catch(() => undefined);
  }
  if (!l) return;
  if (resultsByRunner.get(runner)?.has(l.key) || !isSmall(l.model, opts.memoryBudgetMB)) return;
  const mine: NonNullable<typeof ahead> = { key: l.key, runner, cancelled: false, clicked: false, madeSession: false, done: Promise.resolve() };
  ahead = mine;
  mine.done = runSamplePreview(run, { ...opts, runner, isCancelled: () => mine.cancelled, ahead: true }).then((p) => {
    mine.madeSession = p.status === 'ok' && !p.timings.cachedSession;
  });
  await mine.done.catch(() => undefined);
}

export async function runSamplePreview(run: ModelRun, opts: PreviewOptions & { readonly ahead?: boolean }): Promise<Preview> {
  const t0 = performance.now();
  const base = { inputs: [], outputs: [], layers: [], symbolicDimSize: opts.symbolicDimSize };
  let initMs = 0;
  let encodeMs = 0;
  const timings = (lowerMs: number, sessionMs = 0, runMs = 0, cachedSession = false): PreviewTimings =>
    ({ lowerMs, encodeMs, initMs, sessionMs, runMs, totalMs: performance.now() - t0, cachedSession });
  opts.onProgress?.('lowering');
  let l: ReturnType<typeof lowerCached>;
  try {
    l = lowerCached(run, opts.symbolicDimSize, opts.seed ?? 0);
  } catch (e) {
    // A lowering that breaks is a bug to report, never a crash of the request.
    return { ...base, status: 'error', message: `lowering failed: ${(e as Error).message}`, failure: { kind: 'lowering' }, timings: timings(performance.now() - t0) };
  }
  const lowerMs = performance.now() - t0;
  if (!l.ok) return { ...base, status: 'no-kernel', message: l.reason, timings: timings(lowerMs) };
  if (!l.cached) encodeMs = l.entry.model.encodeMs;
  const entry = l.entry;
  const m = entry.model;
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
  const runner = opts.runner ?? sharedRunner();
  const key = entry.key;
  if (!opts.ahead && ahead?.key === key && ahead.runner === runner) {
    ahead.clicked = true;
    // The hover's pass of this model may be under way: its numbers are the ones wanted.
    await ahead.done.catch(() => undefined);
  }
  const known = (opts.reuse ?? true) ? resultsByRunner.get(runner)?.get(key) : undefined;
  if (known) {
    const nodeTimes = nodeTimesByKey.get(key);
    return {
      ...shapes, status: 'ok', outputs: known.outputs, layerMs: nodeTimes && layerTimes(m.layers, nodeTimes), backend: known.backend,
      timings: { ...timings(lowerMs, 0, 0, true), reused: true },
    };
  }
  try {
    const r = await runner.run({
      key,
      parts: (arena) => {
        // The weights are made only when the worker has no session for this model.
        const t = performance.now();
        const floats = m.params.filter((p) => p.dtype === 'float32');
        const params = m.makeParams(arena(floats.reduce((a, p) => a + elementCount(p.shape) * 4, 0), floats.length));
        initMs = performance.now() - t;
        return { layout: m.layout, params };
      },
      inputs: m.inputs, isCancelled: opts.isCancelled, onProgress: opts.onProgress,
      profile: opts.layerTimes ?? true,
      onUpgrade: (u) => u.nodeTimes && keepNodeTimes(key, u.nodeTimes),
      ahead: opts.ahead,
      inThread: isSmall(m, opts.memoryBudgetMB),
    });
    if (r.nodeTimes) keepNodeTimes(key, r.nodeTimes);
    const nodeTimes = nodeTimesByKey.get(key);
    // Data-dependent sizes (-1 in our shapes) are known now.
    const outputs = m.outputs.map((o, i) => summarize(r.outputs[i]?.dims ?? o.shape, o.dtype, r.outputs[i]?.data));
    keepResult(runner, key, { outputs, backend: r.backend });
    const pending = !nodeTimes && (opts.layerTimes ?? true) && r.backend === 'node' && r.tier === 'inputs';
    return {
      ...shapes, status: 'ok', outputs, layerMs: nodeTimes && layerTimes(m.layers, nodeTimes), backend: r.backend,
      ...(pending ? { layerTimesPending: true } : {}),
      timings: timings(lowerMs, r.createMs, r.runMs, r.cached),
    };
  } catch (e) {
    if (e instanceof Cancelled) return { ...shapes, status: 'cancelled', timings: timings(lowerMs) };
    return { ...shapes, status: 'error', ...runtimeFailure((e as Error).message.split('\n')[0], m.layers), timings: timings(lowerMs) };
  }
}

/** ONNX node names start with the trace index of the op that emitted them (`n12_Conv_40`). */
function traceIndexOf(node: string): number | undefined {
  const m = /^n(\d+)_/.exec(node);
  return m ? Number(m[1]) : undefined;
}

/** Sum node kernel times (µs) per layer, in ms; a node fused by onnxruntime keeps its last op's name. */
function layerTimes(layers: readonly LayerRow[], nodeTimes: Readonly<Record<string, number>>): number[] {
  const byIndex = new Map<number, number>();
  for (const [node, us] of Object.entries(nodeTimes)) {
    const i = traceIndexOf(node);
    if (i !== undefined) byIndex.set(i, (byIndex.get(i) ?? 0) + us);
  }
  return layers.map((l) => (byIndex.get(l.index) ?? 0) / 1000);
}

/**
 * onnxruntime's errors name an ONNX node, hence the layer: say which and why, in PyTorch's words
 * where we know them ("no implementation" when creating the session, "Non-zero status" when running).
 */
function runtimeFailure(message: string, layers: readonly LayerRow[]): Pick<Preview, 'message' | 'failure'> {
  const layerOf = (node: string): LayerRow | undefined => {
    const i = traceIndexOf(node);
    return layers.find((l) => l.index === i);
  };
  const unsupported = /Could not find an implementation for (\w+)\((\d+)\) node with name '([^']*)'/.exec(message);
  if (unsupported) {
    const layer = layerOf(unsupported[3]);
    const where = layer ? ` (in ${layer.name}, ${layer.type})` : '';
    return {
      message: `onnxruntime has no kernel for ONNX ${unsupported[1]} with these element types${where}; float16 and some integer types run only through a few operators`,
      failure: { kind: 'unsupported', layer },
    };
  }
  const running = /Non-zero status code returned while running (\w+) node\. Name:'([^']*)' Status Message: (.*)$/.exec(message);
  if (!running) return { message, failure: { kind: 'runtime' } };
  const layer = layerOf(running[2]);
  const why = torchMessage(running[1], running[3]) ?? running[3].replace(/^\S+\.(?:h|cc):\d+ \S+ /, '');
  return { message: layer ? `${layer.name} (${layer.type}) failed: ${why}` : why, failure: { kind: 'runtime', layer } };
}

/** PyTorch's message for a runtime failure onnxruntime reports in its own words, when we know it. */
function torchMessage(onnxOp: string, status: string): string | undefined {
  const gather = /indices element out of data bounds, idx=(-?\d+) must be within the inclusive range \[(-?\d+),(-?\d+)\]/.exec(status);
  if (onnxOp === 'Gather' && gather) {
    return `index out of range in self (PyTorch raises IndexError): the sample input holds index ${gather[1]}, and there are ${Number(gather[3]) + 1} rows`;
  }
  return undefined;
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

/**
 * `style` 'flux' prints sizes as Julia does (Base.dims2string: `56×56×5×1`, `10-element`), in
 * Flux's own axis order (the lowering keeps Julia's dimensions); others as a list, `[4, 10]`.
 */
export function formatPreviewMarkdown(p: Preview, title = 'Sample forward pass', style: 'list' | 'flux' = 'list'): string {
  const lines: string[] = [`**${title}**`, ''];
  const dims = (s: readonly number[]): string[] => s.map((d) => (d < 0 ? '?' : String(d)));
  const shape = (s: readonly number[]): string => (style === 'flux'
    ? (s.length === 0 ? '0-dimensional' : s.length === 1 ? `${dims(s)[0]}-element` : dims(s).join('×'))
    : `[${dims(s).join(', ')}]`);
  for (const i of p.inputs) lines.push(`Input \`${i.name}\`: \`${shape(i.shape)}\` ${i.dtype} (seeded random values; symbolic sizes = ${p.symbolicDimSize})  `);
  for (const [k, o] of p.outputs.entries()) lines.push(`Output${p.outputs.length > 1 ? ` ${k}` : ''}: \`${shape(o.shape)}\` ${o.dtype}  `);
  if (p.message) lines.push('', p.status === 'no-kernel' ? `No numbers: ${p.message}.` : p.message);
  if (p.status === 'cancelled') lines.push('', 'Cancelled.');
  if (p.layers.length > 0) {
    const times = p.layerMs;
    lines.push('', `| Layer | Type | Output shape | Parameters | FLOPs |${times ? ' Time |' : ''}`, `|---|---|---|---:|---:|${times ? '---:|' : ''}`);
    for (const [k, l] of p.layers.slice(0, MAX_ROWS).entries()) {
      const shapes = l.outputShapes.map(shape).join(', ') || '—';
      const time = times ? ` ${formatMs(times[k])} |` : '';
      lines.push(`| ${l.name} | ${l.type} | ${shapes} | ${l.params ? l.params.toLocaleString('en-US') : ''} | ${l.flops ? formatCount(l.flops) : ''} |${time}`);
    }
    if (p.layers.length > MAX_ROWS) lines.push(`| … ${p.layers.length - MAX_ROWS} more | | | | |${times ? ' |' : ''}`);
    if (p.layerTimesPending) lines.push('', 'Time per layer: measured now on the optimised session; run the pass again to see it.');
    if (times) {
      lines.push('', "Time: each layer's kernel time in a warm run (onnxruntime's profiler). Layers onnxruntime fuses " +
        '(Conv + BatchNorm + ReLU) are timed together on the last of them; — means no kernel of its own (fused, or a free view).');
    }
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
  lines.push('', `Elapsed: ${t.totalMs.toFixed(0)} ms${p.backend ? ` on onnxruntime-${p.backend}` : ''} (lowering ${t.lowerMs.toFixed(0)} ms${t.initMs ? `, weights ${t.initMs.toFixed(0)} ms` : ''}${t.sessionMs ? `, session ${t.sessionMs.toFixed(0)} ms` : ''}${t.runMs ? `, run ${t.runMs.toFixed(1)} ms` : ''}${t.reused ? '; the numbers of the last pass of this model' : ''})`);
  return lines.join('\n');
}

function formatMs(ms: number): string {
  if (ms === 0) return '—';
  return ms >= 10 ? `${ms.toFixed(0)} ms` : ms >= 0.1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(0)} µs`;
}

function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return `${n} `;
}
