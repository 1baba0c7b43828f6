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
   * the shapes of the other levels alone. Keyed by place and assumption.
   */
  private readonly lost = new Set<string>();

  /** A place reached with a value whose shape is not known, while guessing: see `lost`. */
  unknownAt(range: Range): void {
    if (this.guess === undefined) return;
    const key = rangeKey(range);
    const lostKey = `${key}|${this.guess}`;
    if (this.lost.has(lostKey)) return;
    this.lost.add(lostKey);
    if (this.open > 0) this.undo.push(() => void this.lost.delete(lostKey));
    const h = this.hints.get(key);
    if (h && h.guessed && h.assumption === this.guess) {
      this.hints.delete(key);
      if (this.open > 0) this.undo.push(() => void this.hints.set(key, h));
    }
  }

  hint(range: Range, name: string, shape: Shape, dtype: DType | undefined, producer: string | undefined, style: ShapeStyle = 'torch'): void {
    const key = rangeKey(range);
    if (this.guess !== undefined && this.lost.has(`${key}|${this.guess}`)) return;
    let h = this.hints.get(key);
    if (!h) {
      h = {
        range, name, shapes: [], dtypes: [], producers: [], style,
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
    if (!seenShape(h.shapes, shape)) {
      h.shapes.push(shape);
      h.dtypes.push(dtype);
      if (this.open > 0) {
        const hh = h;
        this.undo.push(() => {
          hh.shapes.pop();
          hh.dtypes.pop();
        });
      }
    }
    if (producer && !h.producers.includes(producer)) h.producers.push(producer);
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
    return new Map([...this.hints].map(([k, h]) => [k, { ...h, shapes: [...h.shapes], dtypes: [...h.dtypes], producers: [...h.producers] }]));
  }

  restoreHints(snapshot: Map<number | string, ShapeHint>): void {
    this.hints.clear();
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
