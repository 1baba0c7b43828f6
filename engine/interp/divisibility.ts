// Divisibility the code itself states (`assert n_embd % n_head == 0`, `if d % h != 0: raise`):
// with sizes left symbolic, `n_head * (n_embd // n_head) = n_embd` is then no condition to warn
// about, because the code has already refused every size for which it fails.
import { Dim } from '../shape/dim';
import type { Expr } from './ir';
import type { Value } from '../value';

export interface DivisibilityFact { readonly num: Dim; readonly den: Dim }

/** `X % Y == 0` terms of a test that holds when execution goes on (an assert's `and` of them). */
export function divisibilityHolding(test: Expr, evaluate: (e: Expr) => Value, negated = false): DivisibilityFact[] {
  if (test.k === 'boolop' && test.op === (negated ? 'or' : 'and')) return test.values.flatMap((v) => divisibilityHolding(v, evaluate, negated));
  if (test.k !== 'compare' || test.ops.length !== 1 || test.ops[0] !== (negated ? '!=' : '==')) return [];
  const [left, right] = test.operands;
  if (left.k !== 'binop' || left.op !== '%' || right.k !== 'num' || right.value !== 0 || right.isFloat) return [];
  const num = evaluate(left.left);
  const den = evaluate(left.right);
  return num.kind === 'int' && den.kind === 'int' && !num.dim.isKnown ? [{ num: num.dim, den: den.dim }] : [];
}

/** Whether `lhs = rhs` follows from the facts: each fact's dividend, where it is one symbol, is
 *  written as divisor times a new symbol, and both sides compared again. */
export function holdsByDivisibility(lhs: Dim, rhs: Dim, facts: readonly DivisibilityFact[]): boolean {
  const env = new Map<string, Dim>();
  for (const f of facts) {
    const symbols = [...f.num.symbols()];
    if (symbols.length !== 1 || !f.num.same(Dim.sym(symbols[0])) || f.den.symbols().has(symbols[0])) continue;
    env.set(symbols[0], f.den.mul(Dim.sym(`${symbols[0]}\u0000quotient`)));
  }
  return env.size > 0 && lhs.substitute(env).equals(rhs.substitute(env)) === 'yes';
}
