// A size a constructor reads from a library this file cannot follow (muse's and DALLE2's
// `text_embed_dim = get_encoded_dim(t5_name)`, a pretrained T5's config): some whole number, named
// after the variable the constructor binds it to, as a required argument of that name would be.
// So `nn.Linear(text_embed_dim, dim)` is built and the text embeddings it reads are seeded
// `[B, N, text_embed_dim]` instead of every text-conditioned size being lost.
import { Dim } from '../shape/dim';
import type { Expr } from './ir';
import type { Value } from '../value';

/** Names that can only be one size: `*_dim`, `*_size`, `*_channels`, `num_*` (not `dims`, `sizes`: tuples). */
const ONE_SIZE_NAME = /^(?:(?:[a-z]\w*_)?(?:dim|size|channels|chans|features|len|length)|(?:num|n)_[a-z]\w*)$/i;

/**
 * `value` as the size `name` when it is unknown and came from a call (not a name or attribute
 * we merely lack), or as it is. `taken` counts the names given, so a second binding of the same
 * name (`dim_out` in a loop) is a size of its own (`dim_out2`), never claimed equal to the first.
 */
export function namedLibrarySize(value: Value, name: string, source: Expr, taken: Map<string, number>): Value {
  if (value.kind !== 'unknown' || source.k !== 'call' || !ONE_SIZE_NAME.test(name) || /(^|_)(sizes|dims)$/i.test(name)) return value;
  const n = (taken.get(name) ?? 0) + 1;
  taken.set(name, n);
  return { kind: 'int', dim: Dim.sym(n === 1 ? name : `${name}${n}`) };
}
