// Conditions on symbolic sizes that the analysis cannot decide (`heads == 1 and dim_head == dim`
// for a model built with symbolic arguments) still say something on each branch: the branch
// taken when the condition holds may use its equalities. lucidrains' attention writes
// `nn.Sequential(nn.Linear(inner_dim, dim), ...) if project_out else nn.Identity()`: the
// Identity branch only runs when inner_dim = heads * dim_head is dim, so both give `dim` wide
// outputs and the join keeps the shape instead of losing it.
import { Dim, floorDivisionsIn } from '../shape/dim';
import { provablyNonNegative } from '../shape/nonNegative';
import { holdsByDivisibility, type DivisibilityFact } from './divisibility';
import type { SizeEquality, Value } from '../value';
import { UNKNOWN } from '../value';

type Facts = NonNullable<Extract<Value, { kind: 'unknown' }>['facts']>;

function factsOf(v: Value): Facts | undefined {
  return v.kind === 'unknown' ? v.facts : undefined;
}

/** `a == b` on sizes the analysis cannot compare: unknown, with a = b when true. */
export function sizeEqualityUnknown(a: Dim, b: Dim, negated: boolean): Value {
  const eq = [{ lhs: a, rhs: b }];
  // `n % 2 == 1`: a parity that is not 1 is 0 (a timestep embedding pads an odd width).
  const other = parityComplement(a, b) ?? parityComplement(b, a);
  const no = other ? [other] : undefined;
  return { kind: 'unknown', facts: negated ? { ifFalse: eq, ifTrue: no } : { ifTrue: eq, ifFalse: no } };
}

/**
 * `pad_r > 0` on a size known not to be below the other side (a pad to a multiple of a window):
 * unknown, and when false the two are equal (`if pad_r > 0 or pad_b > 0: x = x[:, :H, :W]`
 * crops only what was padded, so both paths give H).
 */
export function sizeOrderUnknown(op: '<' | '>', a: Dim, b: Dim): Value | undefined {
  const [big, small] = op === '>' ? [a, b] : [b, a];
  return provablyNonNegative(big.sub(small)) ? { kind: 'unknown', facts: { ifFalse: [{ lhs: big, rhs: small }] } } : undefined;
}

/** `if n % 2:` on a size: n % 2 != 0. */
export function sizeTruthUnknown(a: Dim): Value {
  return sizeEqualityUnknown(a, Dim.of(0), true);
}

/** a = 1 - v when a is a parity (`n % 2`, 0 or 1) and b the constant v. */
function parityComplement(a: Dim, b: Dim): SizeEquality | undefined {
  const v = b.value;
  if ((v !== 0 && v !== 1) || a.isKnown || !a.mod(2)?.same(a)) return undefined;
  return { lhs: a, rhs: Dim.of(1 - v) };
}

/** `not x`: its facts change sides. */
export function negatedFacts(v: Value): Value {
  const f = factsOf(v);
  return f ? { kind: 'unknown', facts: { ifTrue: f.ifFalse, ifFalse: f.ifTrue } } : UNKNOWN;
}

/**
 * `x and y` / `x or y` of unknown (or known) truths: a conjunction's facts hold when it is true,
 * a disjunction's when it is false (each operand's, together); the other side says nothing.
 * `known` are the operands already known true (for `and`) or false (for `or`): they add nothing.
 */
export function combinedFacts(op: 'and' | 'or', unknowns: readonly Value[]): Value {
  const side = op === 'and' ? 'ifTrue' : 'ifFalse';
  const all: SizeEquality[] = [];
  for (const u of unknowns) {
    const f = factsOf(u)?.[side];
    if (!f) return UNKNOWN;
    all.push(...f);
  }
  return { kind: 'unknown', facts: { [side]: all } };
}

/** The facts that hold on the branch where `test` is `truth`. */
export function branchFacts(test: Value, truth: boolean): readonly SizeEquality[] | undefined {
  const f = factsOf(test);
  return f && (truth ? f.ifTrue : f.ifFalse);
}

/**
 * A symbol for each equality that can be solved for one (`heads = 1`, `dim_head = dim`), to
 * substitute into what the branch computed; equalities that solve for nothing are left out.
 */
export function substitutionOf(facts: readonly SizeEquality[]): Map<string, Dim> {
  const env = new Map<string, Dim>();
  heldBy.set(env, facts);
  for (const { lhs, rhs } of facts) {
    const l = lhs.substitute(env);
    const r = rhs.substitute(env);
    const diff = l.sub(r);
    for (const s of [...diff.symbols()].sort()) {
      const value = diff.solveFor(s) ?? parityValue(diff, s);
      if (value && !value.symbols().has(s)) {
        env.set(s, value);
        break;
      }
    }
  }
  return env;
}

/** The equalities each substitution was made from (some solve for no symbol: `H*W + 1 = 50`). */
const heldBy = new WeakMap<ReadonlyMap<string, Dim>, readonly SizeEquality[]>();

/**
 * Whether a = b where the equalities behind `env` hold: their difference is 0 once `env` is put
 * in, or a multiple of one of the equalities (`8*ceil(H / 8) - H` where `8*ceil(H / 8) = H`).
 */
export function sameUnderFacts(a: Dim, b: Dim, env: ReadonlyMap<string, Dim>): boolean {
  const diff = a.substitute(env).sub(b.substitute(env));
  if (diff.value === 0) return true;
  const held = heldBy.get(env) ?? [];
  return held.some(({ lhs, rhs }) => multipleOf(diff, lhs.sub(rhs).substitute(env)))
    // `n % w = 0` (`(n / w).is_integer()`): n is a multiple of w, so `ceil(n / w)*w` is n.
    || holdsByDivisibility(a, b, held.flatMap(({ lhs, rhs }) => remainderIsZero(lhs.sub(rhs))));
}

/** `n % w` (either sign) as the fact that w divides n; none for any other difference. */
function remainderIsZero(diff: Dim): DivisibilityFact[] {
  return floorDivisionsIn(diff).filter(({ num, den }) => {
    const r = num.mod(den);
    return r !== undefined && (r.same(diff) || r.neg().same(diff));
  });
}

/**
 * A flag one path of an undecided size condition sets and the other leaves (MobileViT's
 * `interpolate = True` under `if new_h != H or new_w != W:`): unknown, with each path's
 * equalities on the side of the value it had there, so `if interpolate:` joins under them too.
 */
export function flagUnderFacts(a: boolean, factsA: ReadonlyMap<string, Dim>, factsB: ReadonlyMap<string, Dim>): Value | undefined {
  const heldA = heldBy.get(factsA) ?? [];
  const heldB = heldBy.get(factsB) ?? [];
  if (heldA.length === 0 && heldB.length === 0) return undefined;
  const [ifTrue, ifFalse] = a ? [heldA, heldB] : [heldB, heldA];
  return { kind: 'unknown', facts: { ...(ifTrue.length > 0 ? { ifTrue } : {}), ...(ifFalse.length > 0 ? { ifFalse } : {}) } };
}

/** Whether x = k*e for a rational k (e not 0): compared on a term of e, scaled by each other's coefficient there. */
function multipleOf(x: Dim, e: Dim): boolean {
  const t = Dim.termsOf(e)[0];
  const match = t && Dim.termsOf(x).find((u) => u.key === t.key);
  return match !== undefined && x.mul(t.coef).same(e.mul(match.coef));
}

/** `s % 2 - r = 0` (either sign): s is 2*m + r, m a fresh symbol. */
function parityValue(diff: Dim, s: string): Dim | undefined {
  const parity = Dim.sym(s).mod(2);
  if (!parity) return undefined;
  for (const [rest, sign] of [[diff.sub(parity), -1], [diff.add(parity), 1]] as const) {
    const r = rest.value;
    if (r !== undefined && (sign * r === 0 || sign * r === 1)) return Dim.sym(`${s} // 2`).mul(2).add(sign * r);
  }
  return undefined;
}

/**
 * Values from paths with their facts (`values[i]` holds on a path where `facts[i]` hold): a
 * tensor size that each path's facts make equal to one of the values' sizes is that size on
 * every path (`dim` on the Sequential path, `heads * dim_head` on the Identity one, which is
 * `dim` there). Undefined when some size is not settled so: the plain join decides then.
 */
export function joinUnderFacts(values: readonly Value[], facts: readonly ReadonlyMap<string, Dim>[]): Value | undefined {
  if (values.length === 0 || !values.every((v) => v.kind === 'tensor' && v.shape)) return undefined;
  const tensors = values as Extract<Value, { kind: 'tensor' }>[];
  const rank = tensors[0].shape!.length;
  if (!tensors.every((t) => t.shape!.length === rank)) return undefined;
  const shape: Dim[] = [];
  for (let d = 0; d < rank; d++) {
    // A symbol the facts solve may be the size itself (`dim` is 2*(dim // 2) when even, that + 1 when odd).
    const solved = [...new Set(facts.flatMap((f) => [...f.keys()]))].map((k) => Dim.sym(k));
    const candidate = [...tensors.map((t) => t.shape![d]), ...solved].find((c) => tensors.every((t, i) => sameUnderFacts(c, t.shape![d], facts[i])));
    if (!candidate) return undefined;
    shape.push(candidate);
  }
  const dtype = tensors.every((t) => t.dtype === tensors[0].dtype) ? tensors[0].dtype : undefined;
  return { kind: 'tensor', shape, dtype, ...(tensors.some((t) => t.maybeNone) ? { maybeNone: true } : {}) };
}

/**
 * A size padded up to a multiple on the path where it is not one (`if W % p != 0: x = F.pad(x,
 * (0, p - W % p))`, Swin's patch embedding): `atDivisible` is the size on the path where the
 * facts say `W % p = 0`, `atOther` on the other. On the first W is its own multiple of p, so the
 * size is `atDivisible` with W rounded up to one; the join is that when it is `atOther` too
 * wherever W % p != 0 (checked on every residue, other sizes sampled). Undefined otherwise.
 */
export function paddedToMultiple(atDivisible: Dim, atOther: Dim, divisibleFacts: ReadonlyMap<string, Dim>): Dim | undefined {
  for (const { lhs, rhs } of heldBy.get(divisibleFacts) ?? []) {
    const diff = lhs.sub(rhs);
    for (const { num, den } of floorDivisionsIn(diff)) {
      const p = den.value;
      const s = Dim.soleAtomOf(num);
      if (p === undefined || p < 2 || p > 64 || s?.kind !== 'sym' || !num.same(Dim.sym(s.name))) continue;
      const remainder = num.sub(num.floordiv(p)!.mul(p));
      if (!diff.same(remainder) && !diff.same(remainder.neg())) continue;
      const roundedUp = num.neg().floordiv(p)!.mul(-p);
      const candidate = atDivisible.substitute(new Map([[s.name, roundedUp]]));
      if (agreesOffMultiples(candidate, atOther, s.name, p)) return candidate;
    }
  }
  return undefined;
}

/** Whether a = b for every value of `s` that is not a multiple of p (four periods), the other sizes sampled. */
function agreesOffMultiples(a: Dim, b: Dim, s: string, p: number): boolean {
  const others = [...new Set([...a.symbols(), ...b.symbols()])].filter((n) => n !== s);
  const samples = [[3, 5, 7], [11, 2, 13], [1, 17, 4]];
  for (const sample of samples) {
    const env: Record<string, number> = {};
    others.forEach((n, i) => { env[n] = sample[i % sample.length] + i; });
    for (let v = 1; v <= 4 * p; v++) {
      if (v % p === 0) continue;
      env[s] = v;
      const x = a.evaluate(env);
      if (x === undefined || x !== b.evaluate(env)) return false;
    }
  }
  return true;
}
