// What an analysis run observes: the shapes bound to names at each source location, and the
// errors and open assumptions that ops reported, keyed by where they happened.
import type { Shape } from '../shape/shape';
import { formatShape, sameShape, type ShapeStyle } from '../shape/shape';
import type { DType } from '../ops/dtype';
import type { Dim } from '../shape/dim';
import { describeConditions } from './conditions';
import type { Range } from './ir';

export interface ShapeHint {
  /** Where the name is written. */
  readonly range: Range;
  readonly name: string;
  /** Every distinct shape seen at this location, in the order first seen. */
  readonly shapes: Shape[];
  readonly dtypes: (DType | undefined)[];
  /** How the shapes are written (the framework of the first tensor seen here). */
  readonly style: ShapeStyle;
  /** What produced the value (`nn.Conv2d`, `torch.cat`...), when known. */
  readonly producers: string[];
  /** Calls in other files whose inputs gave these shapes (`train.py:42`), when any did. */
  readonly calledFrom?: string[];
  /** Every shape here stands on inputs the analysis assumed (a model nobody calls): see analysis.ts. */
  readonly guessed?: boolean;
  /** What was assumed, in words (`the input assumed for GPT.forward, idx: [b, t] from ...`). */
  readonly assumption?: string;
  /** A configuration the shapes may stand on that the user can change (`the default command-line flags ... at main.py:54`). */
  readonly configuration?: string;
  /**
   * What the name is bound to when it is not a tensor: `size`, an int (`b, c, h, w = x.shape`;
   * each value seen is a one-element `shapes` entry), or `tuple`, a tuple or list of tensors
   * (`q, k = x.chunk(2)` bound whole; `items` holds each value seen, `shapes` stays empty), or
   * `sizes`, a tuple or list of ints (`restore_shape = x.shape[:-1]`; each value seen is a
   * `shapes` entry, one size per item; `list` says it is a list).
   * Absent for a tensor. Tools that read `shapes` as tensors' shapes skip the others.
   */
  readonly kind?: 'size' | 'tuple' | 'sizes';
  readonly items?: TupleShapes[];
  /** For `sizes`: the first value seen was a list, not a tuple (`torch.Size` is a tuple). */
  readonly list?: boolean;
}

/** A tuple or list of tensors, as the shapes of its items. */
export interface TupleShapes {
  readonly shapes: readonly Shape[];
  readonly list: boolean;
}

/** A hint on a tensor (not a size or a tuple of tensors). */
export function isTensorHint(h: ShapeHint): boolean {
  return h.kind === undefined;
}

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly preferred?: boolean;
}

export interface Related {
  readonly range: Range;
  readonly message: string;
}

export interface ShapeDiagnostic {
  readonly range: Range;
  readonly severity: 'error' | 'warning';
  readonly code: string;
  /** PyTorch's message (errors), or the condition a symbolic shape needs (warnings). */
  readonly message: string;
  /** A second line in the user's terms: which layer, which dimension. */
  readonly explanation?: string;
  readonly related: readonly Related[];
  readonly fixes: readonly Fix[];
  /** For an error: how many calls reached it (their inputs are among the related places). */
  readonly contexts?: number;
  /** For a warning about symbolic sizes: the conditions it states (merged per place and code). */
  readonly conditions?: readonly Condition[];
  /** Found only under inputs the analysis assumed (a model nobody calls): see analysis.ts. */
  readonly assumed?: boolean;
}

export interface Condition {
  readonly lhs: Dim;
  readonly rhs: Dim;
  readonly relation: '=' | '>=';
  /** How the op states it (`H % 16 = 0`), when it words it itself. */
  readonly text?: string;
}

/** One key per source range: a number while offsets are small enough to pack (no string built). */
function rangeKey({ start, end }: Range): number | string {
  const packable = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end >= 0 && start < 2 ** 21 && end < 2 ** 32;
  return packable ? start * 2 ** 32 + end : `${start}:${end}`;
}

export class Recorder {
  /** Set while the shapes recorded stand on assumed inputs (a model seeded with no call site): what was assumed. */
  guess: string | undefined;

  get guessing(): boolean {
    return this.guess !== undefined;
  }
  /** The call in another file that led here, in words, while one did (workspaceCalls.ts). */
  origin: string | undefined;
  /** Set once the run reads a configuration the user may change (argparse defaults): what, in words. */
  configuration: string | undefined;
  private readonly hints = new Map<number | string, ShapeHint>();
  private readonly diagnostics = new Map<string, ShapeDiagnostic>();
  /** Undo steps of what was recorded since the outermost open `begin()` (for a tentative run). */
  private readonly undo: (() => void)[] = [];
  private open = 0;

  /** Start recording tentatively: `rollback(mark)` forgets what follows, `commit(mark)` keeps it. */
  begin(): number {
    this.open++;
    return this.undo.length;
  }

  rollback(mark: number): void {
    while (this.undo.length > mark) this.undo.pop()!();
    this.end();
  }

  /** How much was recorded since `mark` (more is a run that got further). */
  recordedSince(mark: number): number {
    return this.undo.length - mark;
  }

  commit(_mark: number): void {
    this.end();
  }

  private end(): void {
    this.open--;
    if (this.open === 0) this.undo.length = 0;
  }

  /**
   * Places a run on assumed inputs reached without knowing the shape (`h = module(h)` of a block
   * it could not build, at one level of a U-Net): under that assumption they show nothing, not
   * the shapes of the other levels alone. By assumption, then place (an assumption's text is long:
   * a key joining the two would be built and hashed at every hint).
   */
  private lost = new Map<string, Set<number | string>>();

  /**
   * Run `run` as if no place had been lost yet (the seeding's runs on assumed loop counts reach
   * again the places the run on an unknown count lost: loopCounts.ts); the places lost stay lost after.
   */
  withoutLost(run: () => void): void {
    const lost = this.lost;
    this.lost = new Map();
    try {
      run();
    } finally {
      this.lost = lost;
    }
  }

  /** A place reached with a value whose shape is not known, while guessing: see `lost`. */
  unknownAt(range: Range): void {
    if (this.guess === undefined) return;
    const key = rangeKey(range);
    let places = this.lost.get(this.guess);
    if (!places) this.lost.set(this.guess, (places = new Set()));
    if (places.has(key)) return;
    places.add(key);
    if (this.open > 0) {
      const guess = this.guess;
      this.undo.push(() => void this.lost.get(guess)?.delete(key));
    }
    const h = this.hints.get(key);
    if (h && h.guessed && h.assumption === this.guess) {
      this.hints.delete(key);
      if (this.open > 0) this.undo.push(() => void this.hints.set(key, h));
    }
  }

  hint(range: Range, name: string, shape: Shape, dtype: DType | undefined, producer: string | undefined, style: ShapeStyle = 'torch'): void {
    const h = this.entry(range, name, style, undefined);
    if (!h) return;
    this.addShape(h, shape, dtype);
    if (producer && !h.producers.includes(producer)) h.producers.push(producer);
  }

  /** An int bound to a name (`b, c, h, w = x.shape`): shown as its value. */
  size(range: Range, name: string, value: Dim, producer: string | undefined): void {
    const h = this.entry(range, name, 'torch', 'size');
    if (!h) return;
    this.addShape(h, [value], undefined);
    if (producer && !h.producers.includes(producer)) h.producers.push(producer);
  }

  /** A tuple or list of ints bound whole to a name (`restore_shape = x.shape[:-1]`): shown as `(B, T)`. */
  sizes(range: Range, name: string, value: Shape, list: boolean, producer: string | undefined): void {
    const h = this.entry(range, name, 'torch', 'sizes');
    if (!h) return;
    if (h.shapes.length === 0 && list) (h as { list?: boolean }).list = true;
    this.addShape(h, value, undefined);
    if (producer && !h.producers.includes(producer)) h.producers.push(producer);
  }

  /** A tuple or list of tensors bound whole to a name (`qkv = self.to_qkv(x).chunk(3, dim=-1)`). */
  tuple(range: Range, name: string, value: TupleShapes, producer: string | undefined, style: ShapeStyle = 'torch'): void {
    const h = this.entry(range, name, style, 'tuple');
    if (!h) return;
    const items = h.items!;
    if (!items.some((t) => sameTuple(t, value))) {
      items.push(value);
      if (this.open > 0) this.undo.push(() => void items.pop());
    }
    if (producer && !h.producers.includes(producer)) h.producers.push(producer);
  }

  /** The hint at `range`, made on first use; undefined where the name was bound to another kind of value before. */
  private entry(range: Range, name: string, style: ShapeStyle, kind: ShapeHint['kind']): ShapeHint | undefined {
    const key = rangeKey(range);
    if (this.guess !== undefined && this.lost.get(this.guess)?.has(key)) return;
    let h = this.hints.get(key);
    // The same place bound a tensor once and an int or a tuple another time: the tensor's hint
    // is the one kept (it was the only kind hinted before sizes and tuples were).
    if (h && h.kind !== kind) {
      if (kind !== undefined) return undefined;
      const old = h;
      this.hints.delete(key);
      if (this.open > 0) this.undo.push(() => void this.hints.set(key, old));
      h = undefined;
    }
    if (!h) {
      h = {
        range, name, shapes: [], dtypes: [], producers: [], style,
        ...(kind ? { kind } : {}),
        ...(kind === 'tuple' ? { items: [] } : {}),
        ...(this.guess !== undefined ? { guessed: true, assumption: this.guess } : {}),
        ...(this.configuration !== undefined ? { configuration: this.configuration } : {}),
      };
      this.hints.set(key, h);
      if (this.open > 0) this.undo.push(() => this.hints.delete(key));
    } else if (h.guessed && !this.guessing) {
      // A shape from the user's own inputs reached this place too.
      const hh = h as { guessed?: boolean; assumption?: string };
      const assumption = hh.assumption;
      delete hh.guessed;
      delete hh.assumption;
      if (this.open > 0) {
        this.undo.push(() => {
          hh.guessed = true;
          hh.assumption = assumption;
        });
      }
    }
    if (this.configuration !== undefined && h.configuration === undefined) {
      const hh = h as { configuration?: string };
      hh.configuration = this.configuration;
      if (this.open > 0) this.undo.push(() => void delete hh.configuration);
    }
    if (this.origin !== undefined && !h.calledFrom?.includes(this.origin)) {
      const hh = h as { calledFrom?: string[] };
      (hh.calledFrom ??= []).push(this.origin);
      if (this.open > 0) this.undo.push(() => void hh.calledFrom!.pop());
    }
    return h;
  }

  private addShape(h: ShapeHint, shape: Shape, dtype: DType | undefined): void {
    if (seenShape(h.shapes, shape)) return;
    h.shapes.push(shape);
    h.dtypes.push(dtype);
    if (this.open > 0) {
      this.undo.push(() => {
        h.shapes.pop();
        h.dtypes.pop();
      });
    }
  }

  diagnostic(d: ShapeDiagnostic): void {
    if (this.open > 0) {
      const before = new Map(this.diagnostics);
      this.record(d);
      // Diagnostics are few: restoring the map is simpler than undoing each merge.
      if (this.diagnostics.size !== before.size || [...before].some(([k, v]) => this.diagnostics.get(k) !== v)) {
        this.undo.push(() => {
          this.diagnostics.clear();
          for (const [k, v] of before) this.diagnostics.set(k, v);
        });
      }
      return;
    }
    this.record(d);
  }

  private record(d: ShapeDiagnostic): void {
    // One warning per place and code: the conditions a symbolic size must meet there, however
    // many calls reached it (a U-Net's skip connection states one per level).
    if (d.severity === 'warning' && d.conditions && d.conditions.length > 0) {
      const key = `${d.range.start}:${d.range.end}:${d.code}:conditions`;
      const seen = this.diagnostics.get(key);
      if (!seen) {
        this.diagnostics.set(key, d);
        return;
      }
      const known = new Set(seen.conditions!.map(conditionText));
      const more = d.conditions.filter((c) => !known.has(conditionText(c)));
      if (more.length === 0) return;
      const conditions = [...seen.conditions!, ...more];
      const head = seen.message.slice(0, seen.message.indexOf('needs '));
      this.diagnostics.set(key, { ...seen, conditions, message: `${head}${describeConditions(conditions)}` });
      return;
    }
    // The same error reached from several calls (one message per batch size) is one
    // diagnostic: the first message, and every call that supplied an input among its related places.
    if (d.severity === 'error') {
      const key = `${d.range.start}:${d.range.end}:${d.code}:error`;
      const seen = this.diagnostics.get(key);
      if (!seen) {
        this.diagnostics.set(key, { ...d, contexts: 1 });
        return;
      }
      if (seen.message === d.message && seen.related.every((r) => d.related.some((x) => x.range.start === r.range.start))) return;
      const related = [...seen.related];
      for (const r of d.related) if (!related.some((x) => x.range.start === r.range.start && x.message === r.message)) related.push(r);
      const contexts = (seen.contexts ?? 1) + 1;
      const base = seen.explanation?.replace(/; the same error from \d+ calls$/, '');
      this.diagnostics.set(key, { ...seen, related, contexts, explanation: `${base ? `${base}; ` : ''}the same error from ${contexts} calls` });
      return;
    }
    const key = `${d.range.start}:${d.range.end}:${d.code}:${d.message}`;
    if (!this.diagnostics.has(key)) this.diagnostics.set(key, d);
  }

  /** Forget what a location saw (used when a speculative run is retried with better inputs). */
  hintsSnapshot(): Map<number | string, ShapeHint> {
    return new Map([...this.hints].map(([k, h]) => [k, { ...h, shapes: [...h.shapes], dtypes: [...h.dtypes], producers: [...h.producers], ...(h.items ? { items: [...h.items] } : {}) }]));
  }

  restoreHints(snapshot: Map<number | string, ShapeHint>): void {
    this.hints.clear();
    for (const [k, h] of snapshot) this.hints.set(k, h);
  }

  /** Put back the places a snapshot had as they were: only places it did not have keep what was recorded since. */
  keepOnlyNewPlaces(snapshot: Map<number | string, ShapeHint>): void {
    for (const [k, h] of snapshot) this.hints.set(k, h);
  }

  diagnosticsSnapshot(): Map<string, ShapeDiagnostic> {
    return new Map(this.diagnostics);
  }

  restoreDiagnostics(snapshot: Map<string, ShapeDiagnostic>): void {
    this.diagnostics.clear();
    for (const [k, d] of snapshot) this.diagnostics.set(k, d);
  }

  allHints(): ShapeHint[] {
    return [...this.hints.values()].sort((a, b) => a.range.start - b.range.start);
  }

  allDiagnostics(): ShapeDiagnostic[] {
    return [...this.diagnostics.values()].sort((a, b) => a.range.start - b.range.start);
  }
}

function conditionText(c: Condition): string {
  return c.text ?? `${c.lhs} ${c.relation} ${c.rhs}`;
}

/** The same tuple (or list) of tensors' shapes. */
export function sameTuple(a: TupleShapes, b: TupleShapes): boolean {
  return a.list === b.list && a.shapes.length === b.shapes.length && a.shapes.every((s, i) => sameShape(s, b.shapes[i]));
}

function seenShape(shapes: readonly Shape[], shape: Shape): boolean {
  for (let i = 0; i < shapes.length; i++) if (sameShape(shapes[i], shape)) return true;
  return false;
}

/** Shapes a hint lists in full; more are summarised (the tooltip and hover list them all). */
const MAX_LISTED = 3;

/**
 * `[64, 32, 26, 26]`, or several joined with ` | `. A place reached with many shapes (a DenseNet
 * layer called by 38 blocks) reads as one shape whose varying sizes are ranges:
 * `[1, 64…992, 56, 56] ×38`; shapes of different ranks as the first one and a count.
 */
export function hintLabel(h: ShapeHint): string {
  if (h.kind === 'size') return sizeLabel(h);
  if (h.kind === 'tuple') return tupleLabel(h);
  if (h.kind === 'sizes') return sizesLabel(h);
  if (h.shapes.length <= MAX_LISTED) return h.shapes.map((s) => formatShape(s, h.style)).join(' | ');
  const rank = h.shapes[0].length;
  if (h.shapes.some((s) => s.length !== rank)) return `${formatShape(h.shapes[0], h.style)} | … ×${h.shapes.length}`;
  const text = formatShape(h.shapes[0], h.style);
  const open = text[0];
  const close = text[text.length - 1];
  const dims = Array.from({ length: rank }, (_, i) => {
    const column = h.shapes.map((s) => s[i]);
    if (column.every((d) => d.same(column[0]))) return formatShape([column[0]], h.style).slice(1, -1).replace(/,$/, '');
    const values = column.map((d) => d.value);
    if (values.every((v): v is number => v !== undefined)) return `${Math.min(...values)}…${Math.max(...values)}`;
    return '…';
  });
  return `${open}${dims.join(', ')}${rank === 1 && open === '(' && h.style !== 'flux' ? ',' : ''}${close} ×${h.shapes.length}`;
}

/** `64`, `B`, `(H - 4) // 2`; several values joined with ` | `, many as their range. */
function sizeLabel(h: ShapeHint): string {
  const values = h.shapes.map((s) => s[0]);
  if (values.length <= MAX_LISTED) return values.map((d) => String(d)).join(' | ');
  const numbers = values.map((d) => d.value);
  if (numbers.every((v): v is number => v !== undefined)) return `${Math.min(...numbers)}…${Math.max(...numbers)} ×${values.length}`;
  return `${String(values[0])} | … ×${values.length}`;
}

/** `(B, T)` as Python prints a tuple (`[B, T]` for a list); several values joined with ` | `. */
function sizesLabel(h: ShapeHint): string {
  const one = (s: Shape): string => (h.list ? formatShape(s, 'torch') : formatShape(s, 'keras'));
  if (h.shapes.length <= MAX_LISTED) return h.shapes.map(one).join(' | ');
  return `${one(h.shapes[0])} | … ×${h.shapes.length}`;
}

/** `([B, N, d], [B, N, d])` (a list in square brackets); several values joined with ` | `. */
function tupleLabel(h: ShapeHint): string {
  const one = (t: TupleShapes): string => {
    const inner = t.shapes.map((s) => formatShape(s, h.style)).join(', ');
    return t.list ? `[${inner}]` : t.shapes.length === 1 ? `(${inner},)` : `(${inner})`;
  };
  const items = h.items ?? [];
  if (items.length <= MAX_LISTED) return items.map(one).join(' | ');
  return `${one(items[0])} | … ×${items.length}`;
}
