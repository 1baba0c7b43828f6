// Forward inputs annotated as sizes, for a forward nobody calls: `H: int` is the size `H`;
// `feat_size: List[int]` (or a Tuple, a Sequence of ints) starts as the shape of an input not yet
// known, so that `H, W = feat_size` names its sizes, as `B, N, C = x.shape` names an input's axes.
// Module-level aliases count too (twins.py's `Size_ = Tuple[int, int]`).
import type { Expr, Stmt } from './ir';
import type { Value } from '../value';
import { Dim } from '../shape/dim';
import { int, tupleOf } from './pyvalues';

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
