// The rank a forward asserts of an input before anything reads it (timm's EvoNorm:
// `_assert(x.dim() == 4, 'expected 4D input')`, or `assert x.ndim == 4`): an input nobody gives
// that no op describes is seeded with that rank ([B, C, H, W]), as one a global pooling fixes.
import type { Expr, Stmt } from './ir';

/** Each parameter's rank that a statement of `body` (not nested) asserts, by name. */
export function assertedRanks(body: readonly Stmt[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of body) {
    const test = s.k === 'assert' ? s.test : s.k === 'expr' ? assertedByCall(s.value) : undefined;
    const found = test && rankTest(test);
    if (found && !out.has(found[0])) out.set(found[0], found[1]);
  }
  return out;
}

/** The condition of `_assert(cond, msg)` or `torch._assert(cond, msg)`. */
function assertedByCall(e: Expr): Expr | undefined {
  if (e.k !== 'call' || e.args.length < 1 || e.args[0].name || e.args[0].star) return undefined;
  const named = (e.fn.k === 'name' && e.fn.id === '_assert') || (e.fn.k === 'attr' && e.fn.name === '_assert' && e.fn.obj.k === 'name' && e.fn.obj.id === 'torch');
  return named ? e.args[0].value : undefined;
}

/** `x.dim() == k`, `x.ndim == k` or `x.ndimension() == k` (either side), with k a whole number. */
function rankTest(e: Expr): [string, number] | undefined {
  if (e.k !== 'compare' || e.ops.length !== 1 || e.ops[0] !== '==') return undefined;
  const [a, b] = e.operands;
  const rankOf = (x: Expr): string | undefined => {
    if (x.k === 'attr' && x.name === 'ndim' && x.obj.k === 'name') return x.obj.id;
    if (x.k === 'call' && x.args.length === 0 && x.fn.k === 'attr' && (x.fn.name === 'dim' || x.fn.name === 'ndimension') && x.fn.obj.k === 'name') return x.fn.obj.id;
    return undefined;
  };
  const num = (x: Expr): number | undefined => (x.k === 'num' && !x.isFloat && Number.isInteger(x.value) ? x.value : undefined);
  const name = rankOf(a) ?? rankOf(b);
  const k = rankOf(a) ? num(b) : num(a);
  return name !== undefined && k !== undefined ? [name, k] : undefined;
}
