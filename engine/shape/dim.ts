// Symbolic tensor dimensions: integer polynomials over named symbols and opaque atoms
// (floor/ceil division, min, max, a known base to a symbolic power). Every Dim is kept in one canonical form, so equal
// expressions print alike and compare equal: `(H + 2 - 3) // 1 + 1` is `H`.

/** An indivisible factor of a term: a named symbol or an operation we cannot expand. */
type Atom =
  | { readonly kind: 'sym'; readonly name: string; readonly key: string }
  | { readonly kind: 'floordiv'; readonly num: Dim; readonly den: Dim; readonly key: string }
  | { readonly kind: 'ceildiv'; readonly num: Dim; readonly den: Dim; readonly key: string }
  | { readonly kind: 'min'; readonly args: readonly Dim[]; readonly key: string }
  | { readonly kind: 'max'; readonly args: readonly Dim[]; readonly key: string }
  // `2 ** dim` (a lookup-free quantizer's codebook of 2**dim codes): base a known integer >= 2.
  | { readonly kind: 'pow'; readonly base: number; readonly exp: Dim; readonly key: string }
  // `int(log2(codebook_size))`: floor(log2(arg)), arg >= 1.
  | { readonly kind: 'ilog2'; readonly arg: Dim; readonly key: string };

/** coef * product(factors); factors sorted by key, repeated for powers. */
interface Term {
  readonly coef: number;
  readonly factors: readonly Atom[];
  readonly key: string;
}

export type DimLike = Dim | number;
export type Truth = 'yes' | 'no' | 'unknown';

let unknownCounter = 0;

/**
 * Key of the batch size Keras and TF.js leave unknown (`None` / `null`). It starts with a NUL so
 * that no name a user writes (a Python identifier, an annotation) can produce the same atom.
 */
const NONE_KEY = '\u0000None';

const SMALL_MIN = -64;
const SMALL_MAX = 4096;
const smallConstants: (Dim | undefined)[] = [];

export class Dim {
  /** Terms sorted canonically; the constant term (no factors), if any, is last. */
  private constructor(private readonly terms: readonly Term[]) {}

  private static readonly zero = new Dim([]);

  static of(value: DimLike): Dim {
    if (value instanceof Dim) return value;
    if (!Number.isInteger(value)) throw new Error(`a dimension must be an integer, got ${value}`);
    return Dim.constant(value);
  }

  /**
   * A known integer, as fromTerms would build it (no integer check: arithmetic on constants
   * goes through here too). Small ones are shared: a Dim never changes, and shapes are full of
   * them, so sharing saves most of what shape arithmetic allocates.
   */
  private static constant(value: number): Dim {
    if (value === 0) return Dim.zero;
    if (value >= SMALL_MIN && value <= SMALL_MAX && Number.isInteger(value)) {
      const i = value - SMALL_MIN;
      return (smallConstants[i] ??= new Dim([{ coef: value, factors: [], key: '' }]));
    }
    return new Dim([{ coef: value, factors: [], key: '' }]);
  }

  /** A named symbol such as `B` or `seq_len`. */
  static sym(name: string): Dim {
    return Dim.fromAtom({ kind: 'sym', name, key: name });
  }

  /** A dimension nothing is known about (data-dependent lengths); prints as `?`. */
  static unknown(): Dim {
    unknownCounter += 1;
    return Dim.fromAtom({ kind: 'sym', name: '?', key: `?${unknownCounter}` });
  }

  /**
   * The dimension Keras (`None`) and TF.js (`null`) leave unknown, above all the batch size of a
   * model built from `Input(shape=...)`. One shared symbol: every `None` batch of one model run is
   * the same batch. Arithmetic with it stays symbolic (`2*None`); Keras' own rules turn any size
   * computed from a None into None, which the Keras declarations do themselves.
   */
  static none(): Dim {
    return noneDim;
  }

  /** Exactly the framework's `None` (not an expression containing it). */
  get isNone(): boolean {
    const atom = this.soleAtom;
    return atom !== undefined && atom.kind === 'sym' && atom.key === NONE_KEY;
  }

  /** True if the expression mentions `None` anywhere (`None`, `2*None`, `None - 2`). */
  get hasNone(): boolean {
    return this.terms.some((t) => t.factors.some(atomHasNone));
  }

  private static fromAtom(atom: Atom): Dim {
    return new Dim([{ coef: 1, factors: [atom], key: atom.key }]);
  }

  private static fromTerms(raw: Iterable<Term>): Dim {
    const byKey = new Map<string, Term>();
    for (const t of raw) {
      const prev = byKey.get(t.key);
      const coef = (prev?.coef ?? 0) + t.coef;
      byKey.set(t.key, { coef, factors: t.factors, key: t.key });
    }
    const terms = [...byKey.values()].filter((t) => t.coef !== 0);
    const whole = Dim.joinedHalves(terms);
    if (whole) return whole;
    terms.sort(compareTerms);
    return terms.length === 0 ? Dim.zero : new Dim(terms);
  }

  /**
   * The terms with `c*((e + 1) // 2) + c*(e // 2)` (or `ceil(e / 2)` for the first) written as
   * `c*e`: the two sides of a split padding (upfirdn2d's `pad0 = (p + 1) // 2`, `pad1 = p // 2`)
   * add up to the whole. Undefined when no such pair is there.
   */
  private static joinedHalves(terms: readonly Term[]): Dim | undefined {
    const halves = terms.filter((t) => t.factors.length === 1 && (t.factors[0].kind === 'floordiv' || t.factors[0].kind === 'ceildiv') && t.factors[0].den.value === 2);
    if (halves.length < 2) return undefined;
    for (const upper of halves) {
      for (const lower of halves) {
        const [u, l] = [upper.factors[0], lower.factors[0]];
        if (upper === lower || upper.coef !== lower.coef || l.kind !== 'floordiv' || (u.kind !== 'floordiv' && u.kind !== 'ceildiv')) continue;
        if (u.num.sub(l.num).value !== (u.kind === 'ceildiv' ? 0 : 1)) continue;
        const rest = terms.filter((t) => t !== upper && t !== lower);
        return Dim.fromTerms([...rest, ...l.num.mul(upper.coef).terms]);
      }
    }
    return undefined;
  }

  /** The integer value if the dimension is a known constant. */
  get value(): number | undefined {
    if (this.terms.length === 0) return 0;
    if (this.terms.length === 1 && this.terms[0].factors.length === 0) return this.terms[0].coef;
    return undefined;
  }

  get isKnown(): boolean {
    return this.value !== undefined;
  }

  /** True if the expression mentions a data-dependent (`?`) dimension. */
  get hasUnknown(): boolean {
    return this.terms.some((t) => t.factors.some(atomHasUnknown));
  }

  /** Names of the symbols the expression mentions. */
  symbols(): Set<string> {
    const out = new Set<string>();
    const visit = (d: Dim): void => {
      for (const t of d.terms) for (const a of t.factors) visitAtom(a);
    };
    const visitAtom = (a: Atom): void => {
      if (a.kind === 'sym') {
        if (a.name !== '?') out.add(a.name);
      } else if (a.kind === 'min' || a.kind === 'max') a.args.forEach(visit);
      else if (a.kind === 'pow') visit(a.exp);
      else if (a.kind === 'ilog2') visit(a.arg);
      else {
        visit(a.num);
        visit(a.den);
      }
    };
    visit(this);
    return out;
  }

  // Fast paths below give exactly what the general fromTerms route gives, for known values.
  add(other: DimLike): Dim {
    const o = Dim.of(other);
    const a = this.value;
    const b = o.value;
    if (a !== undefined && b !== undefined) return Dim.constant(a + b);
    if (b === 0) return this;
    if (a === 0) return o;
    return Dim.fromTerms([...this.terms, ...o.terms]);
  }

  sub(other: DimLike): Dim {
    const o = Dim.of(other);
    const a = this.value;
    const b = o.value;
    if (a !== undefined && b !== undefined) return Dim.constant(a - b);
    if (b === 0) return this;
    return this.add(o.neg());
  }

  neg(): Dim {
    const a = this.value;
    if (a !== undefined) return Dim.constant(-a);
    return Dim.fromTerms(this.terms.map((t) => ({ ...t, coef: -t.coef })));
  }

  mul(other: DimLike): Dim {
    const o = Dim.of(other);
    const a = this.value;
    const b = o.value;
    if (a === 0 || b === 0) return Dim.zero;
    if (a !== undefined && b !== undefined) return Dim.constant(a * b);
    if (b === 1) return this;
    if (a === 1) return o;
    const out: Term[] = [];
    for (const a of this.terms) {
      for (const b of o.terms) {
        const factors = [...a.factors, ...b.factors].sort((x, y) => cmp(x.key, y.key));
        out.push({ coef: a.coef * b.coef, factors, key: factors.map((f) => f.key).join('*') });
      }
    }
    return Dim.fromTerms(out);
  }

  /** Python's `//` (floor division). Division by zero yields undefined. */
  floordiv(other: DimLike): Dim | undefined {
    return divide(this, Dim.of(other), 'floordiv');
  }

  /** Ceiling division, as in `math.ceil(a / b)` for integers. */
  ceildiv(other: DimLike): Dim | undefined {
    return divide(this, Dim.of(other), 'ceildiv');
  }

  /** Python's `%`: `a - b * (a // b)`. */
  mod(other: DimLike): Dim | undefined {
    const q = this.floordiv(other);
    return q && this.sub(Dim.of(other).mul(q));
  }

  /**
   * `base ** exp` for a known integer base >= 2 and an exponent that is a size expression; undefined
   * where that is not a size we can keep (an unknown `?` exponent, a base of 0, 1 or a symbol).
   */
  static pow(base: DimLike, exp: DimLike): Dim | undefined {
    const b = Dim.of(base).value;
    const e = Dim.of(exp);
    if (b === undefined || !Number.isSafeInteger(b) || b < 2 || e.hasUnknown) return undefined;
    if (e.value !== undefined) return e.value >= 0 && e.value <= 52 && b ** e.value <= Number.MAX_SAFE_INTEGER ? Dim.of(b ** e.value) : undefined;
    return Dim.fromAtom({ kind: 'pow', base: b, exp: e, key: `${b}**(${e})` });
  }

  /** floor(log2(arg)) of a size (`int(math.log2(codebook_size))`); `e` of `2 ** e`. */
  static floorLog2(arg: Dim): Dim {
    const exact = arg.exponentOf(2);
    if (exact) return exact;
    const v = arg.value;
    if (v !== undefined && v >= 1 && Number.isSafeInteger(v)) {
      let e = 0;
      for (let x = v; x >= 2; x = Math.floor(x / 2)) e++;
      return Dim.of(e);
    }
    return Dim.fromAtom({ kind: 'ilog2', arg, key: `ilog2(${arg})` });
  }

  /** `e` when this is exactly `base ** e` (math.log2 of `2 ** dim` is `dim`). */
  exponentOf(base: number): Dim | undefined {
    const atom = this.soleAtom;
    if (atom?.kind === 'pow' && atom.base === base) return atom.exp;
    const v = this.value;
    if (v === undefined || v < 1) return undefined;
    let e = 0;
    for (let x = v; x > 1; x /= base, e++) if (x % base !== 0) return undefined;
    return Dim.of(e);
  }

  static min(...args: DimLike[]): Dim {
    return extremum('min', args.map(Dim.of));
  }

  static max(...args: DimLike[]): Dim {
    return extremum('max', args.map(Dim.of));
  }

  /** Is this dimension equal to `other`? `unknown` when symbols leave it open. */
  equals(other: DimLike): Truth {
    const o = Dim.of(other);
    const a = this.value;
    const b = o.value;
    if (a !== undefined && b !== undefined && Number.isFinite(a - b)) return a === b ? 'yes' : 'no';
    const diff = this.sub(o).value;
    if (diff === undefined) return 'unknown';
    return diff === 0 ? 'yes' : 'no';
  }

  /**
   * True when `this >= bound` holds for every value of the symbols that a size can take (each
   * symbol >= 1): the difference grows with every symbol, and holds where they are all 1.
   * False means "not proven", not "false".
   */
  provablyAtLeast(bound: DimLike): boolean {
    const d = this.sub(Dim.of(bound));
    const v = d.value;
    if (v !== undefined) return v >= 0;
    if (nondecreasing(d)) {
      const ones: Record<string, number> = {};
      for (const sym of d.symbols()) ones[sym] = 1;
      const at = d.evaluate(ones);
      if (at !== undefined && at >= 0) return true;
    }
    // `(h // p)*(w // p) >= 0`: a sum of products of sizes and their quotients, none subtracted.
    if (Dim.termsOf(d).every((t) => t.coef >= 0 && t.factors.every(atomNonNegative))) return true;
    // `H - H // 16 >= 0`: a subtracted floor division is at most its quotient, so scaling by
    // the divisors and replacing `c*(x // q)` (c < 0) by `c*x/q` gives a smaller expression.
    const relaxed = relaxSubtractedDivisions(d);
    return relaxed !== undefined && relaxed.provablyAtLeast(0);
  }

  /** The expression with symbols replaced (`{C: n_embd}`); symbols not in `env` stay. */
  substitute(env: ReadonlyMap<string, Dim>): Dim {
    if (this.isKnown || env.size === 0) return this;
    let out = Dim.of(0);
    for (const t of this.terms) {
      let term = Dim.of(t.coef);
      for (const a of t.factors) term = term.mul(substituteAtom(a, env));
      out = out.add(term);
    }
    return out;
  }

  /**
   * The value of symbol `name` that makes this expression 0, when it is linear in it and the
   * division is exact (`c*P*P - 3*P*P` gives 3 for c; `C - n_embd` gives n_embd for C).
   */
  solveFor(name: string): Dim | undefined {
    const withS: Term[] = [];
    const rest: Term[] = [];
    for (const t of this.terms) {
      const i = t.factors.findIndex((a) => a.kind === 'sym' && a.name === name);
      if (i >= 0) {
        const factors = t.factors.filter((_, j) => j !== i);
        if (factors.some((a) => atomMentions(a, name))) return undefined;
        withS.push({ coef: t.coef, factors, key: factors.map((f) => f.key).join('*') });
      } else {
        if (t.factors.some((a) => atomMentions(a, name))) return undefined;
        rest.push(t);
      }
    }
    if (withS.length === 0) return undefined;
    const q = Dim.build(withS);
    const r = Dim.build(rest);
    const cand = r.neg().floordiv(q);
    if (!cand || cand.mul(q).add(r).equals(0) !== 'yes' || atomMentionsDim(cand, name)) return undefined;
    return cand;
  }

  /** Same canonical expression (structural identity, used for keys and joins). */
  same(other: DimLike): boolean {
    const o = Dim.of(other);
    if (o === this) return true;
    const a = this.value;
    const b = o.value;
    // Distinct known integers print differently; equal ones alike.
    if (a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b)) return a === b;
    return this.toString() === o.toString();
  }

  /**
   * `substitute` with these numbers for symbols, then `.value`, computed on numbers: the same
   * integer wherever every step stays a safe integer, the way substitute's constant arithmetic
   * takes it (the same operations in the same order). Undefined where that is not sure (a size
   * nothing is known of, a symbol not given, a division by 0, a power or logarithm substitute
   * leaves unevaluated, a step past safe integers): then only substitute says.
   */
  exactValueAt(env: ReadonlyMap<string, number>): number | undefined {
    let out = 0;
    for (const t of this.terms) {
      if (!Number.isSafeInteger(t.coef)) return undefined;
      let term = t.coef;
      for (const a of t.factors) {
        const v = exactAtomAt(a, env);
        if (v === undefined) return undefined;
        term *= v;
        if (!Number.isSafeInteger(term)) return undefined;
      }
      out += term;
      if (!Number.isSafeInteger(out)) return undefined;
    }
    return out;
  }

  /** Substitute values for symbols; undefined if a symbol is missing or a division is by 0. */
  evaluate(env: Readonly<Record<string, number>>): number | undefined {
    let total = 0;
    for (const t of this.terms) {
      let v = t.coef;
      for (const a of t.factors) {
        const x = evalAtom(a, env);
        if (x === undefined) return undefined;
        v *= x;
      }
      total += v;
    }
    return total;
  }

  /** The printed form, made once: a Dim never changes, and joins and keys print the same ones over and over. */
  private printed?: string;

  toString(): string {
    return (this.printed ??= this.print());
  }

  /**
   * The canonical terms as text: equal for equal terms and different for different ones (two
   * sizes nothing is known of differ here though both print `?`). A key for caching what a pure
   * function of a size gives.
   */
  get structuralKey(): string {
    return this.terms.map((t) => `${t.coef}*${t.key}`).join('+');
  }

  private print(): string {
    if (this.terms.length === 0) return '0';
    const known = this.value;
    if (known !== undefined) return String(known);
    const plain = printTerms(this.terms);
    // `(H + 1) // 2 - 1` reads better as `(H - 1) // 2`: fold the constant into a lone
    // division when that is shorter (printing only; the canonical form is unchanged).
    const folded = foldConstant(this.terms);
    let best = folded !== undefined && folded.length < plain.length ? folded : plain;
    // A flattened feature map's size reads as the product it is: `64*(H // 2 - 2)*(W // 2 - 2)`,
    // not the expanded `64*(H // 2)*(W // 2) - 128*(H // 2) - 128*(W // 2) + 256`.
    const factored = this.terms.length > 2 ? factoredText(this) : undefined;
    if (factored !== undefined && factored.length < best.length) best = factored;
    return best;
  }

  /**
   * JSON form used by the CLI contract: an integer when known, `null` for the framework's `None`,
   * else the expression.
   */
  toJSON(): number | string | null {
    if (this.isNone) return null;
    return this.value ?? this.toString();
  }

  /** Internal: is this a single atom of coefficient 1 (for nesting and printing)? */
  private get soleAtom(): Atom | undefined {
    const [t] = this.terms;
    return this.terms.length === 1 && t.coef === 1 && t.factors.length === 1 ? t.factors[0] : undefined;
  }

  /** Internal access for the helpers below (kept off the public surface). */
  static termsOf(d: Dim): readonly Term[] {
    return d.terms;
  }

  static soleAtomOf(d: Dim): Atom | undefined {
    return d.soleAtom;
  }

  static atomDim(atom: Atom): Dim {
    return Dim.fromAtom(atom);
  }

  static build(terms: Iterable<Term>): Dim {
    return Dim.fromTerms(terms);
  }
}

function printTerms(terms: readonly Term[]): string {
  let out = '';
  terms.forEach((t, i) => {
    const body = termBody(t);
    const mag = Math.abs(t.coef);
    const text = t.factors.length === 0 ? String(mag) : mag === 1 ? body : `${mag}*${body}`;
    // A leading minus binds tighter than `//` in Python: `-((-H) // 8)`, never `-(-H) // 8`.
    const lone = t.factors.length === 1 && mag === 1 && t.factors[0].kind === 'floordiv';
    if (i === 0) out = t.coef < 0 ? (lone ? `-(${text})` : `-${text}`) : text;
    else out += t.coef < 0 ? ` - ${text}` : ` + ${text}`;
  });
  return out;
}

/** Print `q + (R // d) + c` as `q + (R + c*d) // d` when exactly one lone division is present. */
function foldConstant(terms: readonly Term[]): string | undefined {
  const constant = terms.find((t) => t.factors.length === 0);
  if (!constant) return undefined;
  const divs = terms.filter((t) => t.coef === 1 && t.factors.length === 1 && (t.factors[0].kind === 'floordiv' || t.factors[0].kind === 'ceildiv'));
  if (divs.length !== 1) return undefined;
  const atom = divs[0].factors[0] as Extract<Atom, { kind: 'floordiv' | 'ceildiv' }>;
  const d = atom.den.value;
  if (d === undefined) return undefined;
  const num = atom.num.add(constant.coef * d);
  const text = atom.kind === 'floordiv' ? `${operand(num)} // ${d}` : `ceil(${operand(num)} / ${d})`;
  const others = terms.filter((t) => t !== constant && t !== divs[0]);
  return others.length === 0 ? text : `${printTerms(others)} + ${text}`;
}

/**
 * A product form of a polynomial, for printing: its common monomial (`g*B*...`) and binomial
 * factors `(a + c)` found by splitting P = a*Q + R with R = c*Q. Undefined when nothing factors.
 */
function factoredText(d: Dim): string | undefined {
  let terms = Dim.termsOf(d);
  const parts: string[] = [];
  // The common monomial: gcd of the coefficients and the atoms every term has.
  let g = terms.reduce((acc, t) => gcd(acc, t.coef), 0);
  if (terms[0].coef < 0) g = -g;
  let common = [...terms[0].factors];
  for (const t of terms.slice(1)) common = common.filter((a, i) => t.factors.some((b) => b.key === a.key) && common.findIndex((x) => x.key === a.key) === i);
  if (g !== 1 || common.length > 0) {
    terms = terms.map((t) => {
      const factors = removeFactors(t.factors, common)!;
      return { coef: t.coef / g, factors, key: factors.map((f) => f.key).join('*') };
    });
    if (g === -1) parts.push('-');
    else if (g !== 1) parts.push(String(g));
    for (const a of common) parts.push(a.kind === 'floordiv' ? `(${atomText(a)})` : atomText(a));
  }
  let rest = Dim.build(terms);
  let found = true;
  while (found && Dim.termsOf(rest).length > 1) {
    found = false;
    const ts = Dim.termsOf(rest);
    const atoms = new Map<string, Atom>();
    for (const t of ts) for (const a of t.factors) atoms.set(a.key, a);
    for (const a of atoms.values()) {
      const withA: Term[] = [];
      const without: Term[] = [];
      for (const t of ts) {
        const f = removeFactors(t.factors, [a]);
        if (f) withA.push({ coef: t.coef, factors: f, key: f.map((x) => x.key).join('*') });
        else without.push(t);
      }
      if (without.length === 0 || without.length !== withA.length) continue;
      const q = Dim.build(withA);
      const c = without[0].coef / (Dim.termsOf(q).find((t) => t.key === without[0].key)?.coef ?? NaN);
      if (!Number.isInteger(c) || !Dim.build(without).sub(q.mul(c)).equals(0).startsWith('y')) continue;
      parts.push(`(${Dim.atomDim(a).add(c)})`);
      rest = q;
      found = true;
      break;
    }
  }
  if (parts.length === 0) return undefined;
  const restText = rest.value === 1 ? '' : Dim.termsOf(rest).length > 1 ? `(${rest})` : rest.toString();
  const all = [...parts, ...(restText ? [restText] : [])];
  const text = all[0] === '-' ? `-${all.slice(1).join('*')}` : all.join('*');
  return text;
}

/** `L*d` with each subtracted `x // q` replaced by `x*L/q` (a lower bound), or undefined if none. */
function relaxSubtractedDivisions(d: Dim): Dim | undefined {
  const terms = Dim.termsOf(d);
  const isSubtractedDiv = (t: Term): boolean => {
    const a = t.factors[0];
    return t.coef < 0 && t.factors.length === 1 && a.kind === 'floordiv' && (a.den.value ?? 0) > 0;
  };
  const divs = terms.filter(isSubtractedDiv);
  if (divs.length === 0) return undefined;
  let L = 1;
  for (const t of divs) {
    const q = (t.factors[0] as Extract<Atom, { kind: 'floordiv' }>).den.value!;
    L = (L / gcd(L, q)) * q;
    if (L > 1 << 20) return undefined;
  }
  let out = Dim.of(0);
  for (const t of terms) {
    if (isSubtractedDiv(t)) {
      const a = t.factors[0] as Extract<Atom, { kind: 'floordiv' }>;
      out = out.add(a.num.mul(t.coef * (L / a.den.value!)));
    } else out = out.add(Dim.build([t]).mul(L));
  }
  return out;
}

function substituteAtom(a: Atom, env: ReadonlyMap<string, Dim>): Dim {
  if (a.kind === 'sym') return env.get(a.name) ?? Dim.atomDim(a);
  if (a.kind === 'min') return Dim.min(...a.args.map((x) => x.substitute(env)));
  if (a.kind === 'max') return Dim.max(...a.args.map((x) => x.substitute(env)));
  if (a.kind === 'pow') return Dim.pow(a.base, a.exp.substitute(env)) ?? Dim.atomDim(a);
  if (a.kind === 'ilog2') return Dim.floorLog2(a.arg.substitute(env));
  const num = a.num.substitute(env);
  const den = a.den.substitute(env);
  return (a.kind === 'floordiv' ? num.floordiv(den) : num.ceildiv(den)) ?? Dim.atomDim(a);
}

function atomMentions(a: Atom, name: string): boolean {
  if (a.kind === 'sym') return a.name === name;
  if (a.kind === 'min' || a.kind === 'max') return a.args.some((x) => atomMentionsDim(x, name));
  if (a.kind === 'pow') return atomMentionsDim(a.exp, name);
  if (a.kind === 'ilog2') return atomMentionsDim(a.arg, name);
  return atomMentionsDim(a.num, name) || atomMentionsDim(a.den, name);
}

function atomMentionsDim(d: Dim, name: string): boolean {
  return d.symbols().has(name);
}

/** Does the expression never decrease when a symbol grows (symbols >= 1)? Sufficient test only. */
function nondecreasing(d: Dim): boolean {
  for (const t of Dim.termsOf(d)) {
    if (t.factors.length === 0) continue;
    if (t.coef < 0) return false;
    for (const a of t.factors) {
      if (!atomNondecreasing(a)) return false;
      // A product of factors grows only if each factor stays non-negative.
      if (t.factors.length > 1 && !atomNonNegative(a)) return false;
    }
  }
  return true;
}

function atomNondecreasing(a: Atom): boolean {
  if (a.kind === 'sym') return a.name !== '?';
  if (a.kind === 'min' || a.kind === 'max') return a.args.every(nondecreasing);
  if (a.kind === 'pow') return nondecreasing(a.exp);
  if (a.kind === 'ilog2') return nondecreasing(a.arg);
  const den = a.den.value;
  return den !== undefined && den > 0 && nondecreasing(a.num);
}

function atomNonNegative(a: Atom): boolean {
  if (a.kind === 'sym') return a.name !== '?';
  if (a.kind === 'min' || a.kind === 'max') return a.args.every((x) => x.provablyAtLeast(0));
  if (a.kind === 'pow' || a.kind === 'ilog2') return true;
  // (A divisor that is a size, `h // patch_size`, is at least 1.)
  const den = a.den.value;
  return (den !== undefined ? den > 0 : a.den.provablyAtLeast(1)) && a.num.provablyAtLeast(0);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Higher degree first, then by key; constants last. */
function compareTerms(a: Term, b: Term): number {
  if (a.factors.length !== b.factors.length) {
    if (a.factors.length === 0) return 1;
    if (b.factors.length === 0) return -1;
    return b.factors.length - a.factors.length;
  }
  return cmp(a.key, b.key);
}

function atomHasNone(a: Atom): boolean {
  if (a.kind === 'sym') return a.key === NONE_KEY;
  if (a.kind === 'min' || a.kind === 'max') return a.args.some((d) => d.hasNone);
  if (a.kind === 'pow') return a.exp.hasNone;
  if (a.kind === 'ilog2') return a.arg.hasNone;
  return a.num.hasNone || a.den.hasNone;
}

function atomHasUnknown(a: Atom): boolean {
  if (a.kind === 'sym') return a.name === '?';
  if (a.kind === 'min' || a.kind === 'max') return a.args.some((d) => d.hasUnknown);
  if (a.kind === 'pow') return a.exp.hasUnknown;
  if (a.kind === 'ilog2') return a.arg.hasUnknown;
  return a.num.hasUnknown || a.den.hasUnknown;
}

/** (Bounds keep min/max's comparisons, differences of two sizes, exact too.) Not a closure: exactAtomAt runs millions of times. */
function bounded(x: number | undefined): number | undefined {
  return x !== undefined && Math.abs(x) <= 2 ** 51 ? x : undefined;
}

/** One atom for exactValueAt: what substituteAtom makes of it when that is a known integer, else undefined. */
function exactAtomAt(a: Atom, env: ReadonlyMap<string, number>): number | undefined {
  if (a.kind === 'sym') return a.name === '?' ? undefined : bounded(env.get(a.name));
  if (a.kind === 'min' || a.kind === 'max') {
    const xs: number[] = [];
    for (const d of a.args) {
      const x = bounded(d.exactValueAt(env));
      if (x === undefined) return undefined;
      xs.push(x);
    }
    return xs.length === 0 ? undefined : a.kind === 'min' ? Math.min(...xs) : Math.max(...xs);
  }
  if (a.kind === 'pow') {
    const e = a.exp.exactValueAt(env);
    if (e === undefined || !Number.isSafeInteger(a.base) || a.base < 2 || e < 0 || e > 52) return undefined;
    const p = a.base ** e;
    return p <= Number.MAX_SAFE_INTEGER ? p : undefined;
  }
  if (a.kind === 'ilog2') {
    const x = a.arg.exactValueAt(env);
    if (x === undefined || x < 1) return undefined;
    let e = 0;
    for (let v = x; v >= 2; v = Math.floor(v / 2)) e++;
    return e;
  }
  const n = a.num.exactValueAt(env);
  const d = a.den.exactValueAt(env);
  if (n === undefined || d === undefined || d === 0) return undefined;
  return intDivide(n, d, a.kind);
}

function evalAtom(a: Atom, env: Readonly<Record<string, number>>): number | undefined {
  if (a.kind === 'sym') return a.name === '?' ? undefined : env[a.name];
  if (a.kind === 'min' || a.kind === 'max') {
    const xs = a.args.map((d) => d.evaluate(env));
    if (xs.some((x) => x === undefined)) return undefined;
    return a.kind === 'min' ? Math.min(...(xs as number[])) : Math.max(...(xs as number[]));
  }
  if (a.kind === 'pow') {
    const e = a.exp.evaluate(env);
    return e === undefined || e < 0 ? undefined : a.base ** e;
  }
  if (a.kind === 'ilog2') {
    const x = a.arg.evaluate(env);
    return x === undefined || x < 1 || !Number.isSafeInteger(x) ? undefined : Dim.floorLog2(Dim.of(x)).value;
  }
  const n = a.num.evaluate(env);
  const d = a.den.evaluate(env);
  if (n === undefined || d === undefined || d === 0) return undefined;
  return a.kind === 'floordiv' ? Math.floor(n / d) : Math.ceil(n / d);
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Floor or ceiling of n / d for integers, exact as Python's `//` (a float quotient can round
 * across an integer once n nears 2**53: `(2**53 - 2) // 3`).
 */
function intDivide(n: number, d: number, kind: 'floordiv' | 'ceildiv'): number {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d)) return kind === 'floordiv' ? Math.floor(n / d) : Math.ceil(n / d);
  const r = n % d;
  const q = (n - r) / d;
  if (r === 0) return q;
  const negative = r < 0 !== d < 0;
  return kind === 'floordiv' ? (negative ? q - 1 : q) : negative ? q : q + 1;
}

function divide(num: Dim, den: Dim, kind: 'floordiv' | 'ceildiv'): Dim | undefined {
  const n = num.value;
  const d = den.value;
  if (d === 0) return undefined;
  if (n !== undefined && d !== undefined) return Dim.of(intDivide(n, d, kind));
  if (d === 1) return num;
  if (d === -1) return num.neg();
  if (d !== undefined && d > 0) {
    // floor((d*A + R) / d) = A + floor(R / d) because A is an integer; same for ceil.
    const whole: Term[] = [];
    const rest: Term[] = [];
    for (const t of Dim.termsOf(num)) {
      if (t.coef % d === 0) whole.push({ ...t, coef: t.coef / d });
      else rest.push(t);
    }
    // Canonical constant: floor keeps it in [0, d), ceil in (-d, 0]; the rest moves outside.
    const c = rest.find((t) => t.factors.length === 0)?.coef ?? 0;
    const shift = intDivide(c, d, kind);
    const quotient = Dim.build(whole).add(shift);
    const remainder = Dim.build(rest).sub(shift * d);
    const r = remainder.value;
    if (r !== undefined) return quotient.add(intDivide(r, d, kind));
    // Divide out a common factor: floor((2k*H + 2m) / 2n) = floor((k*H + m) / n).
    let g = d;
    for (const t of Dim.termsOf(remainder)) g = gcd(g, t.coef);
    let rem = remainder;
    let den2 = d;
    if (g > 1) {
      rem = Dim.build(Dim.termsOf(remainder).map((t) => ({ ...t, coef: t.coef / g })));
      den2 = d / g;
      if (den2 === 1) return quotient.add(rem);
    }
    // Nested division: floor(floor(x / a) / b) = floor(x / (a*b)) for positive integers, and
    // floor((floor(x / a) + c) / b) = floor((x + a*c) / (a*b)) for an integer c (strided
    // convolutions in a row: ((H + 3) // 2) // 2 is (H + 3) // 4).
    const remTerms = Dim.termsOf(rem);
    const atomTerms = remTerms.filter((t) => t.factors.length > 0);
    const inner = atomTerms.length === 1 && atomTerms[0].coef === 1 && atomTerms[0].factors.length === 1 ? atomTerms[0].factors[0] : undefined;
    if (inner && inner.kind === kind) {
      const a = inner.den.value;
      const c = remTerms.find((t) => t.factors.length === 0)?.coef ?? 0;
      if (a !== undefined && a > 0) return quotient.add(divide(inner.num.add(a * c), Dim.of(a * den2), kind)!);
    }
    const atom = { kind, num: rem, den: Dim.of(den2), key: `${kind}(${rem},${den2})` } as Atom;
    return quotient.add(Dim.atomDim(atom));
  }
  // Symbolic divisor: a constant factor of every term on both sides goes (`(3*C) // (3*h)` is `C // h`).
  let common = 0;
  for (const t of [...Dim.termsOf(num), ...Dim.termsOf(den)]) common = gcd(common, Math.abs(t.coef));
  if (common > 1) {
    const scaled = (x: Dim): Dim => Dim.build(Dim.termsOf(x).map((t) => ({ ...t, coef: t.coef / common })));
    return divide(scaled(num), scaled(den), kind);
  }
  // Exact when the divisor is one term that divides every term.
  const denTerms = Dim.termsOf(den);
  if (denTerms.length === 1) {
    const dt = denTerms[0];
    const out: Term[] = [];
    let exact = true;
    for (const t of Dim.termsOf(num)) {
      const factors = removeFactors(t.factors, dt.factors);
      if (!factors || t.coef % dt.coef !== 0) {
        exact = false;
        break;
      }
      out.push({ coef: t.coef / dt.coef, factors, key: factors.map((f) => f.key).join('*') });
    }
    if (exact) return Dim.build(out);
    // What the divisor shares with every term cancels: floor(b*n*dim / (b*n*heads)) is
    // floor(dim / heads) for sizes b, n (positive wherever the divisor is not zero).
    const numTerms = Dim.termsOf(num);
    let shared: Atom[] = dt.factors.filter((a) => a.kind === 'sym');
    for (const t of numTerms) shared = commonFactors(shared, t.factors);
    let g = dt.coef > 0 ? dt.coef : 1;
    for (const t of numTerms) g = gcd(g, Math.abs(t.coef));
    if (shared.length > 0 || g > 1) {
      const cancel = (t: Term): Term => {
        const factors = removeFactors(t.factors, shared)!;
        return { coef: t.coef / g, factors, key: factors.map((f) => f.key).join('*') };
      };
      return divide(Dim.build(numTerms.map(cancel)), Dim.build([cancel(dt)]), kind);
    }
    // floor((A*P + R) / P) = A + floor(R / P) for a size P: the part P divides comes out, so
    // `(H - P) // P + 1` is `H // P` (a patch embedding's output).
    const whole: Term[] = [];
    const rest: Term[] = [];
    for (const t of Dim.termsOf(num)) {
      const factors = removeFactors(t.factors, dt.factors);
      if (factors && t.coef % dt.coef === 0) whole.push({ coef: t.coef / dt.coef, factors, key: factors.map((f) => f.key).join('*') });
      else rest.push(t);
    }
    if (whole.length > 0 && rest.length > 0) {
      const r = Dim.build(rest);
      return Dim.build(whole).add(Dim.atomDim({ kind, num: r, den, key: `${kind}(${r},${den})` } as Atom));
    }
  } else {
    // A divisor of several terms that divides exactly by one term: `(H*W*b*c + b*c) // (H*W*b + b)`
    // is `c` (a reshape's -1 over `b * (H*W + 1)` positions).
    const q = exactMonomialQuotient(num, denTerms);
    if (q) return q;
    const cancelled = cancelledPolynomialFactor(num, denTerms, kind);
    if (cancelled) return cancelled;
  }
  const atom = { kind, num, den, key: `${kind}(${num},${den})` } as Atom;
  return Dim.atomDim(atom);
}

/**
 * `(B*dim*h*w + B*dim) // (B*heads*h*w + B*heads)` is `dim // heads`: the divisor's part of several
 * terms (`h*w + 1`, what is left when the coefficient and the factors all its terms share are
 * taken out) cancels when it divides the numerator exactly, as it does in the quotient of
 * rationals (a reshape's -1 over `(h*w + 1)` tokens of a class token and a feature map).
 */
function cancelledPolynomialFactor(num: Dim, denTerms: readonly Term[], kind: 'floordiv' | 'ceildiv'): Dim | undefined {
  let g = 0;
  for (const t of denTerms) g = gcd(g, t.coef);
  let shared: Atom[] = [...denTerms[0].factors];
  for (const t of denTerms) shared = commonFactors(shared, t.factors);
  const part = denTerms.map((t) => termOf(t.coef / g, removeFactors(t.factors, shared)!));
  if (g === 0 || part.filter((t) => t.factors.length > 0).length === 0) return undefined;
  const q = exactPolynomialQuotient(num, part);
  return q ? divide(q, Dim.build([termOf(g, shared)]), kind) : undefined;
}

/** The term coef * factors (factors already sorted by key). */
function termOf(coef: number, factors: readonly Atom[]): Term {
  return { coef, factors, key: factors.map((f) => f.key).join('*') };
}

/**
 * q with num = q * divisor exactly, by polynomial division (the largest term of what is left over
 * the divisor's largest, degree first), or undefined where something is left.
 */
function exactPolynomialQuotient(num: Dim, divisor: readonly Term[]): Dim | undefined {
  const larger = (a: Term, b: Term): boolean => {
    if (a.factors.length !== b.factors.length) return a.factors.length > b.factors.length;
    for (let i = 0; i < a.factors.length; i++) if (a.factors[i].key !== b.factors[i].key) return a.factors[i].key > b.factors[i].key;
    return false;
  };
  const lead = divisor.reduce((m, t) => (larger(t, m) ? t : m));
  const p = Dim.build(divisor);
  let rest = num;
  const q: Term[] = [];
  // (Bounded: an order that is not a monomial order may not end; the product is checked at the end.)
  for (let step = 0; step < 32; step++) {
    const terms = Dim.termsOf(rest);
    if (terms.length === 0) {
      const quotient = Dim.build(q);
      return p.mul(quotient).same(num) ? quotient : undefined;
    }
    const top = terms.reduce((m, t) => (larger(t, m) ? t : m));
    const factors = removeFactors(top.factors, lead.factors);
    if (!factors || top.coef % lead.coef !== 0) return undefined;
    const t = termOf(top.coef / lead.coef, factors);
    q.push(t);
    rest = rest.sub(p.mul(Dim.build([t])));
  }
  return undefined;
}

/** The factors both lists have, each as often as both have it. */
function commonFactors(a: readonly Atom[], b: readonly Atom[]): Atom[] {
  const left = [...b];
  const out: Atom[] = [];
  for (const x of a) {
    const i = left.findIndex((y) => y.key === x.key);
    if (i >= 0) {
      out.push(x);
      left.splice(i, 1);
    }
  }
  return out;
}

/** The one-term q with num = den * q exactly, if some term of num over den's first term gives it. */
function exactMonomialQuotient(num: Dim, denTerms: readonly Term[]): Dim | undefined {
  const lead = denTerms[0];
  const den = Dim.build(denTerms);
  for (const t of Dim.termsOf(num)) {
    const factors = removeFactors(t.factors, lead.factors);
    if (!factors || t.coef % lead.coef !== 0) continue;
    const q = Dim.build([{ coef: t.coef / lead.coef, factors, key: factors.map((f) => f.key).join('*') }]);
    if (den.mul(q).same(num)) return q;
  }
  return undefined;
}

function removeFactors(from: readonly Atom[], remove: readonly Atom[]): Atom[] | undefined {
  const left = [...from];
  for (const r of remove) {
    const i = left.findIndex((a) => a.key === r.key);
    if (i < 0) return undefined;
    left.splice(i, 1);
  }
  return left;
}

function extremum(kind: 'min' | 'max', args: Dim[]): Dim {
  // Flatten nested min/max of the same kind, then drop arguments that are dominated.
  const flat: Dim[] = [];
  for (const a of args) {
    const atom = Dim.soleAtomOf(a);
    if (atom && atom.kind === kind) flat.push(...atom.args);
    else flat.push(a);
  }
  const kept: Dim[] = [];
  for (const a of flat) {
    let dominated = false;
    for (let i = 0; i < kept.length; i++) {
      const diff = a.sub(kept[i]).value;
      if (diff === undefined) continue;
      const aWins = kind === 'min' ? diff < 0 : diff > 0;
      if (aWins) kept.splice(i--, 1);
      else dominated = true;
    }
    if (!dominated) kept.push(a);
  }
  if (kept.length === 1) return kept[0];
  kept.sort((x, y) => cmp(x.toString(), y.toString()));
  const key = `${kind}(${kept.join(',')})`;
  return Dim.atomDim({ kind, args: kept, key } as Atom);
}

function atomText(a: Atom): string {
  if (a.kind === 'sym') return a.name;
  if (a.kind === 'min' || a.kind === 'max') return `${a.kind}(${a.args.join(', ')})`;
  if (a.kind === 'pow') return `${a.base}**${operand(a.exp)}`;
  if (a.kind === 'ilog2') return `int(log2(${a.arg}))`;
  if (a.kind === 'floordiv') return `${operand(a.num)} // ${operand(a.den)}`;
  return `ceil(${operand(a.num)} / ${operand(a.den)})`;
}

/** Parenthesise a sum, or a product/negation, when it is an operand of `//`. */
function operand(d: Dim): string {
  const terms = Dim.termsOf(d);
  const simple = terms.length === 1 && terms[0].coef > 0 && (terms[0].factors.length <= 1 && (terms[0].coef === 1 || terms[0].factors.length === 0));
  const atom = Dim.soleAtomOf(d);
  if (simple && (!atom || atom.kind !== 'floordiv')) return d.toString();
  return `(${d})`;
}

function termBody(t: Term): string {
  // A floor division inside a product needs parentheses: `2*(H // 2)`, not `2*H // 2`.
  const needParens = t.factors.length > 1 || Math.abs(t.coef) !== 1;
  return t.factors
    .map((f) => {
      const s = atomText(f);
      return needParens && f.kind === 'floordiv' ? `(${s})` : s;
    })
    .join('*');
}

// Built once, after the class: `Dim.none()` hands out this one instance.
const noneDim = Dim.atomDim({ kind: 'sym', name: 'None', key: NONE_KEY });

/** `lhs >= rhs` in words, the size on the left and unnegated (`-t >= -1024` reads `t <= 1024`). */
export function describeAtLeast(lhs: Dim, rhs: Dim): string {
  if (String(lhs).startsWith('-') && rhs.evaluate({}) !== undefined) return `${lhs.neg()} <= ${rhs.neg()}`;
  return `${lhs} >= ${rhs}`;
}

/** The floor divisions written in a size, outermost first (`b*(dim // heads)` has `dim // heads`). */
export function floorDivisionsIn(d: Dim): { num: Dim; den: Dim }[] {
  const out: { num: Dim; den: Dim }[] = [];
  for (const t of Dim.termsOf(d)) {
    for (const a of t.factors) if (a.kind === 'floordiv') out.push({ num: a.num, den: a.den }, ...floorDivisionsIn(a.num));
  }
  return out;
}
