// A size a constructor reads from a library this file cannot follow (muse's
// `text_embed_dim = get_encoded_dim(t5_name)`, a pretrained T5's config): some whole number, named
// after the variable the constructor binds it to, as a required argument of that name would be.
// So `nn.Linear(text_embed_dim, dim)` is built and the text embeddings it reads are seeded
// `[B, N, text_embed_dim]` instead of every text-conditioned size being lost.
import { Dim } from '../shape/dim';
import type { Expr } from './ir';
import type { Value } from '../value';

/** Names that can only be one size: `*_dim`, `*_size`, `*_channels`, `num_*` (not `dims`, `sizes`: tuples). */
const ONE_SIZE_NAME = /^(?:(?:[a-z]\w*_)?(?:dim|size|channels|chans|features|len|length)|num_[a-z]\w*)$/i;

/**
 * `value` as the size `name` when it is unknown and came from a call of code outside this file
 * (`isForeign` says so of the callee: an imported function, or one of a library we cannot load),
 * or as it is: the file's own helpers (`cast_tuple(dim, stages)`) are followed, and what they
 * leave unknown may be anything. `taken` counts the names given, so a second binding of the same
 * name is a size of its own (`dim_out2`), never claimed equal to the first.
 */
export function namedLibrarySize(value: Value, name: string, source: Expr, isForeign: (callee: Expr) => boolean, taken: Map<string, number>): Value {
  if (value.kind !== 'unknown' || !ONE_SIZE_NAME.test(name)) return value;
  // (Read off what such a call returns: `AutoConfig.from_pretrained(name).hidden_size`, `json.load(f)["d_model"]`.)
  let e = source;
  while (e.k === 'attr' || e.k === 'subscript') e = e.obj;
  if (e.k !== 'call' || !isForeign(e.fn)) return value;
  const n = (taken.get(name) ?? 0) + 1;
  taken.set(name, n);
  return { kind: 'int', dim: Dim.sym(n === 1 ? name : `${name}${n}`) };
}
