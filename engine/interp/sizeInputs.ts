// Forward inputs annotated as sizes, for a forward nobody calls: `H: int` is the size `H`;
// `feat_size: List[int]` (or a Tuple, a Sequence of ints) starts as the shape of an input not yet
// known, so that `H, W = feat_size` names its sizes, as `B, N, C = x.shape` names an input's axes.
// Module-level aliases count too (twins.py's `Size_ = Tuple[int, int]`).
import type { Expr, Stmt } from './ir';
import type { Value } from '../value';
import { Dim } from '../shape/dim';
import { int, tupleOf } from './pyvalues';
import { nameReads } from './irSearch';
import { sizesByPosition } from './indexedArguments';

/** The file's type aliases (`Name = Outer[...]` at the top level), by the analysis that reads it. */
const aliasesOf = new WeakMap<object, ReadonlyMap<string, Expr>>();

export function noteTypeAliases(analysis: object, body: readonly Stmt[]): void {
  const aliases = new Map<string, Expr>();
  for (const s of body) {
    const target = s.k === 'assign' && s.targets.length === 1 ? s.targets[0] : undefined;
    if (s.k === 'assign' && target?.k === 'name' && s.value?.k === 'subscript') aliases.set(target.id, s.value);
  }
  aliasesOf.set(analysis, aliases);
}

/** What an annotation says of a forward input: one size, or a list or tuple of sizes. */
export function sizeInputKind(annotation: Expr | undefined, analysis?: object): 'int' | 'list' | 'tuple' | undefined {
  if (!annotation) return undefined;
  if (annotation.k === 'name' && annotation.id === 'int') return 'int';
  const alias = annotation.k === 'name' && analysis ? aliasesOf.get(analysis)?.get(annotation.id) : undefined;
  if (alias) return sizeInputKind(alias);
  if (annotation.k !== 'subscript') return undefined;
  const outer = annotation.obj.k === 'name' ? annotation.obj.id : annotation.obj.k === 'attr' ? annotation.obj.name : undefined;
  const items = annotation.index.k === 'tuple' ? annotation.index.items : [annotation.index];
  const ints = items.length > 0 && items.every((e) => (e.k === 'name' && e.id === 'int') || e.k === 'ellipsis');
  if (!ints) return undefined;
  if (outer === 'List' || outer === 'list' || outer === 'Sequence') return 'list';
  if (outer === 'Tuple' || outer === 'tuple') return 'tuple';
  return undefined;
}

/**
 * A constructor argument annotated as a fixed number of sizes (`window_size: Tuple[int, int]`):
 * a tuple of one size per item, named by position (`window_size[0]`, `window_size[1]`).
 */
export function sizeTupleArgument(name: string, annotation: Expr | undefined, analysis?: object): Value | undefined {
  const alias = annotation?.k === 'name' && analysis ? aliasesOf.get(analysis)?.get(annotation.id) : undefined;
  const a = alias ?? annotation;
  if (a?.k !== 'subscript' || sizeInputKind(a) !== 'tuple' || a.index.k !== 'tuple') return undefined;
  if (a.index.items.some((e) => e.k === 'ellipsis')) return undefined;
  return tupleOf(a.index.items.map((_, i) => int(Dim.sym(`${name}[${i}]`))));
}

/**
 * Names of forward inputs that hold one size: the sides of the token grid (PVT's `forward(x, H,
 * W)`), only as a pair (a lone `W` may be a weight matrix).
 */
const SIDES: readonly (readonly [string, string])[] = [['H', 'W'], ['height', 'width']];
/** Names of forward inputs that hold sizes: SwinIR's `x_size`, mmseg's `hw_shape`, `input_resolution`. */
const SIZES_NAME = /(^|_)(size|shape|resolution|hw)$/i;

/**
 * What an unannotated forward input named like sizes is, read from how the body uses it. A tuple
 * of sizes: only unpacked into names (`H, W = x_size`), read at constant indices (`x_size[0]`),
 * passed on or compared, and at least once one of the first two; unpacked, it is an annotated
 * list's (the unpacking names its sizes); only indexed, the tuple of sizes named by position.
 * One size: a side's name beside the other side (`H` and `W` among `inputs`), never read as an
 * object (an attribute, an item, unpacked).
 */
export function sizeInputByUse(body: readonly Stmt[], name: string, inputs: readonly string[]): 'int' | 'tuple' | Value | undefined {
  const reads = nameReads(body, name);
  if (reads.length === 0) return undefined;
  const rebinds = (s: { k?: string }): boolean => s.k === 'assign' && (s as Extract<Stmt, { k: 'assign' }>).targets.some((t) => t.k === 'name' && t.id === name);
  const unpacked = (s: { k?: string }): boolean => {
    if (s.k !== 'assign') return false;
    const a = s as Extract<Stmt, { k: 'assign' }>;
    return a.value?.k === 'name' && a.value.id === name && a.targets.every((t) => (t.k === 'tuple' || t.k === 'list') && !t.items.some((i) => i.k === 'starred'));
  };
  const indexed = (e: { k?: string }): boolean => {
    if (e.k !== 'subscript') return false;
    const x = e as Extract<Expr, { k: 'subscript' }>;
    return x.obj.k === 'name' && x.obj.id === name && x.index.k === 'num' && !x.index.isFloat;
  };
  const passed = (e: { k?: string }): boolean => e.k === undefined || e.k === 'compare';
  if (SIZES_NAME.test(name)) {
    if (reads.some((r) => rebinds(r.parent) || !(unpacked(r.parent) || indexed(r.parent) || passed(r.parent)))) return undefined;
    if (reads.some((r) => unpacked(r.parent))) return 'tuple';
    const at = reads.filter((r) => indexed(r.parent)).map((r) => ((r.parent as Extract<Expr, { k: 'subscript' }>).index as { value: number }).value);
    if (at.length === 0 || at.some((i) => i < 0)) return undefined;
    return sizesByPosition(name, Math.max(...at) + 1);
  }
  if (SIDES.some((pair) => pair.includes(name) && pair.every((n) => inputs.includes(n)))) {
    const asObject = (e: { k?: string }): boolean => e.k === 'attr' || unpacked(e) || rebinds(e) || e.k === 'for' || (e.k === 'binop' && (e as Extract<Expr, { k: 'binop' }>).op === '@')
      || (e.k === 'subscript' && (e as Extract<Expr, { k: 'subscript' }>).obj.k === 'name' && ((e as Extract<Expr, { k: 'subscript' }>).obj as { id: string }).id === name);
    return reads.some((r) => asObject(r.parent)) ? undefined : 'int';
  }
  return undefined;
}
