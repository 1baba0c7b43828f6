// The rank a check before a raise states of a tensor (`if cos.dim() != 3: raise ValueError(...)`,
// `assert x.ndim == 4`, in forward or in a helper it calls): a seed of another rank for an input
// the check reads is one the code rejects (litgpt's apply_rope: cos broadcast with a 4-d query is
// not 4-d), so the seeding does not keep it.
import type { Expr } from './ir';

/**
 * The name and rank a test states when the code goes on (`raises` true: the test is the raise's
 * condition, `x.dim() != k`; false: an assertion, `x.dim() == k`), if it is such a check.
 */
export function checkedRank(test: Expr, raises: boolean): [string, number] | undefined {
  if (test.k !== 'compare' || test.ops.length !== 1 || test.ops[0] !== (raises ? '!=' : '==')) return undefined;
  const [a, b] = test.operands;
  const name = rankedName(a) ?? rankedName(b);
  const k = rankedName(a) ? wholeNumber(b) : wholeNumber(a);
  return name !== undefined && k !== undefined ? [name, k] : undefined;
}

/** `x.dim()`, `x.ndim`, `x.ndimension()` or `len(x.shape)`: the name x. */
function rankedName(e: Expr): string | undefined {
  if (e.k === 'attr' && e.name === 'ndim' && e.obj.k === 'name') return e.obj.id;
  if (e.k === 'call' && e.args.length === 0 && e.fn.k === 'attr' && (e.fn.name === 'dim' || e.fn.name === 'ndimension') && e.fn.obj.k === 'name') return e.fn.obj.id;
  if (e.k === 'call' && e.fn.k === 'name' && e.fn.id === 'len' && e.args.length === 1 && !e.args[0].name) {
    const s = e.args[0].value;
    if (s.k === 'attr' && s.name === 'shape' && s.obj.k === 'name') return s.obj.id;
  }
  return undefined;
}

function wholeNumber(e: Expr): number | undefined {
  return e.k === 'num' && !e.isFloat && Number.isInteger(e.value) ? e.value : undefined;
}
