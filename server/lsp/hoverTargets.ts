// What a position points at, for hovers and the model requests: a tensor binding or use, a
// layer's constructor or call, or a model (class name, construction, call). The smallest
// enclosing range wins, so `self.conv1` inside `x = self.conv1(x)` is the layer, `x` the tensor.
import type { LayerInsight, LayerUse, ModelInsight } from '../../engine/interp/insight';
import type { ModuleIR, Range, Stmt } from '../../engine/interp/ir';
import type { ShapeHint } from '../../engine/interp/record';
import type { ModelRun } from '../../engine/ops/trace';
import type { Analysis } from './analyzer';
import { functionRanges, innermostFunctions } from './functionScopes';

export type HoverTarget =
  | { readonly kind: 'tensor'; readonly range: Range; readonly hint: ShapeHint; readonly isUse: boolean }
  | { readonly kind: 'layer'; readonly range: Range; readonly layers: readonly LayerInsight[]; readonly use?: LayerUse }
  | { readonly kind: 'model'; readonly range: Range; readonly model: ModelInsight; readonly run?: ModelRun };

const within = (r: Range, offset: number): boolean => r.start <= offset && offset <= r.end;

export function hoverTargetAt(analysis: Analysis, text: string, offset: number): HoverTarget | undefined {
  const candidates: HoverTarget[] = [];
  const { hints, layers, models } = analysis.result;
  for (const h of hints) if (within(h.range, offset)) candidates.push({ kind: 'tensor', range: h.range, hint: h, isUse: false });
  const use = tensorUseAt(analysis, text, offset);
  if (use) candidates.push(use);
  for (const l of layers) {
    if (within(l.range, offset)) candidates.push({ kind: 'layer', range: l.range, layers: [l] });
  }
  // A call site can run several layers (an nn.Sequential): all of them, in order.
  const bySite = new Map<string, { range: Range; layers: LayerInsight[]; use: LayerUse }>();
  for (const l of layers) {
    for (const u of l.uses) {
      if (!within(u.site, offset)) continue;
      const key = `${u.site.start}:${u.site.end}`;
      const entry = bySite.get(key);
      if (entry) {
        if (!entry.layers.includes(l)) entry.layers.push(l);
      } else bySite.set(key, { range: u.site, layers: [l], use: u });
    }
  }
  for (const e of bySite.values()) candidates.push({ kind: 'layer', range: e.range, layers: e.layers, use: e.layers.length === 1 ? e.use : undefined });
  for (const m of models) {
    const cls = m.classRange && classNameRange(analysis.ir, m.classRange);
    if (cls && within(cls, offset)) candidates.push({ kind: 'model', range: cls, model: m });
    if (m.constructedAt && within(m.constructedAt, offset)) candidates.push({ kind: 'model', range: m.constructedAt, model: m });
    for (const run of m.runs) if (within(run.site, offset)) candidates.push({ kind: 'model', range: run.site, model: m, run });
    for (const site of m.callSites ?? []) if (within(site, offset)) candidates.push({ kind: 'model', range: site, model: m });
  }
  if (candidates.length === 0) return undefined;
  // Smallest range first; on a tie a model beats a layer (a model call site is also where its
  // first layers run), and a layer beats a tensor.
  const rank = { model: 0, layer: 1, tensor: 2 } as const;
  candidates.sort((a, b) => a.range.end - a.range.start - (b.range.end - b.range.start) || rank[a.kind] - rank[b.kind]);
  return candidates[0];
}

/**
 * The model at a position: one named there, called on that line, or whose class holds it; else
 * the file's only model.
 */
export function modelAt(analysis: Analysis, text: string, offset: number): { model: ModelInsight; run?: ModelRun } | undefined {
  const t = hoverTargetAt(analysis, text, offset);
  if (t?.kind === 'model') return { model: t.model, run: t.run };
  const models = analysis.result.models;
  // A line such as `out = model(x)`: the call on the cursor's line.
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const lineEnd = nl < 0 ? text.length : nl;
  for (const m of models) {
    const run = m.runs.find((r) => r.site.start <= lineEnd && r.site.end >= lineStart);
    if (run) return { model: m, run };
  }
  const inClass = models.find((m) => m.classRange && within(m.classRange, offset));
  if (inClass) return { model: inClass };
  return models.length === 1 ? { model: models[0] } : undefined;
}

function classNameRange(ir: ModuleIR, classRange: Range): Range | undefined {
  const visit = (body: readonly Stmt[]): Range | undefined => {
    for (const s of body) {
      if (s.range.start > classRange.start || s.range.end < classRange.end) continue;
      if (s.k === 'class' && s.range.start === classRange.start && s.range.end === classRange.end) return s.nameRange;
      if ('body' in s) {
        const r = visit(s.body);
        if (r) return r;
      }
    }
    return undefined;
  };
  return visit(ir.body);
}

/**
 * A name read (not bound) at `offset`: the shapes of its latest binding earlier in the same
 * function. Attribute names (`self.x`) are not variables and are skipped.
 */
function tensorUseAt(analysis: Analysis, text: string, offset: number): HoverTarget | undefined {
  const word = identifierAt(text, offset);
  if (!word || text[word.start - 1] === '.') return undefined;
  const name = text.slice(word.start, word.end);
  const hints = analysis.result.hints;
  const offsets = [...hints.map((h) => h.range.start), word.start].sort((a, b) => a - b);
  const scopes = innermostFunctions(functionRanges(analysis.ir), offsets);
  const scopeOf = new Map(offsets.map((o, i) => [o, scopes[i]]));
  let best: ShapeHint | undefined;
  for (const h of hints) {
    if (h.range.start >= word.start) break;
    if (h.name === name && scopeOf.get(h.range.start) === scopeOf.get(word.start)) best = h;
  }
  return best ? { kind: 'tensor', range: word, hint: best, isUse: true } : undefined;
}

function identifierAt(text: string, offset: number): Range | undefined {
  const isWord = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);
  let start = offset;
  let end = offset;
  while (start > 0 && isWord(text[start - 1])) start--;
  while (end < text.length && isWord(text[end])) end++;
  if (start === end || /[0-9]/.test(text[start])) return undefined;
  return { start, end };
}
