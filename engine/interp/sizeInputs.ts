// Forward inputs annotated as sizes, for a forward nobody calls: `H: int` is the size `H`;
// `feat_size: List[int]` (or a Tuple, a Sequence of ints) starts as the shape of an input not yet
// known, so that `H, W = feat_size` names its sizes, as `B, N, C = x.shape` names an input's axes.
import type { Expr } from './ir';

/** What an annotation says of a forward input: one size, or a list or tuple of sizes. */
export function sizeInputKind(annotation: Expr | undefined): 'int' | 'list' | 'tuple' | undefined {
  if (!annotation) return undefined;
  if (annotation.k === 'name' && annotation.id === 'int') return 'int';
  if (annotation.k !== 'subscript') return undefined;
  const outer = annotation.obj.k === 'name' ? annotation.obj.id : annotation.obj.k === 'attr' ? annotation.obj.name : undefined;
  const items = annotation.index.k === 'tuple' ? annotation.index.items : [annotation.index];
  const ints = items.length > 0 && items.every((e) => (e.k === 'name' && e.id === 'int') || e.k === 'ellipsis');
  if (!ints) return undefined;
  if (outer === 'List' || outer === 'list' || outer === 'Sequence') return 'list';
  if (outer === 'Tuple' || outer === 'tuple') return 'tuple';
  return undefined;
}
