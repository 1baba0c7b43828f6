// Which optional inputs a forward's assertions ask for: `assert exists(texts) ^ exists(text_embeds)`,
// `assert image is not None or image_embed is not None`, `assert not (self.cond and not exists(enc))`.
// With every optional input left at None such an assertion fails, and no single input given fixes
// it when it asks for two; the sets of inputs that satisfy them all are read from the assertions.
import type { Expr, Stmt } from './ir';
import type { Value } from '../value';

/** How many sets of given inputs are proposed (each is a whole run of the forward). */
const MAX_SETS = 6;
/** How many inputs one set gives at most. */
const MAX_GIVEN = 3;

/** The forward's assertions outside nested functions, branches included (they run on some path). */
function assertions(body: readonly Stmt[]): Expr[] {
  const out: Expr[] = [];
  const visit = (stmts: readonly Stmt[]): void => {
    for (const s of stmts) {
      if (s.k === 'assert') out.push(s.test);
      else if (s.k === 'if' || s.k === 'for' || s.k === 'while') { visit(s.body); visit(s.orelse); }
      else if (s.k === 'with') visit(s.body);
    }
  };
  visit(body);
  return out;
}

/**
 * The optional input a presence test reads: `exists(n)`, `n is not None`, `n is None` (negated).
 * Any one-argument call counts as `exists` unless `strict` (lucidrains' helper has other names
 * elsewhere: `present(n)`, `is_defined(n)`).
 */
function presenceOf(e: Expr, optional: ReadonlySet<string>, strict = false): { name: string; given: boolean } | undefined {
  if (e.k === 'call' && e.fn.k === 'name' && (!strict || e.fn.id === 'exists') && e.args.length === 1 && !e.args[0].star && !e.args[0].name) {
    const a = e.args[0].value;
    if (a.k === 'name' && optional.has(a.id)) return { name: a.id, given: true };
  }
  if (e.k === 'compare' && e.ops.length === 1 && (e.ops[0] === 'is' || e.ops[0] === 'is not')) {
    const [l, r] = e.operands;
    const n = l.k === 'name' && r.k === 'none' ? l : r.k === 'name' && l.k === 'none' ? r : undefined;
    if (n?.k === 'name' && optional.has(n.id)) return { name: n.id, given: e.ops[0] === 'is not' };
  }
  return undefined;
}

/**
 * Three-valued truth of a test under `given`: presence tests of the optional inputs, flags of the
 * model (`self.x` holding a bool), `not`, `and`, `or` and `^`. Undefined for anything else.
 */
function truth(e: Expr, optional: ReadonlySet<string>, given: ReadonlySet<string>, flag: (name: string) => boolean | undefined): boolean | undefined {
  const p = presenceOf(e, optional);
  if (p) return given.has(p.name) === p.given;
  const t = (x: Expr): boolean | undefined => truth(x, optional, given, flag);
  switch (e.k) {
    case 'bool':
      return e.value;
    case 'attr':
      return e.obj.k === 'name' && e.obj.id === 'self' ? flag(e.name) : undefined;
    case 'unary': {
      if (e.op !== 'not') return undefined;
      const v = t(e.operand);
      return v === undefined ? undefined : !v;
    }
    case 'boolop': {
      const vs = e.values.map(t);
      if (e.op === 'and') return vs.some((v) => v === false) ? false : vs.every((v) => v === true) ? true : undefined;
      return vs.some((v) => v === true) ? true : vs.every((v) => v === false) ? false : undefined;
    }
    case 'binop': {
      if (e.op !== '^') return undefined;
      const [a, b] = [t(e.left), t(e.right)];
      return a === undefined || b === undefined ? undefined : a !== b;
    }
    default:
      return undefined;
  }
}

/** The optional inputs whose presence some part of `e` tests. */
function presenceNames(e: Expr, optional: ReadonlySet<string>, out: Set<string>): void {
  const p = presenceOf(e, optional);
  if (p) { out.add(p.name); return; }
  if (e.k === 'unary') presenceNames(e.operand, optional, out);
  else if (e.k === 'boolop') e.values.forEach((v) => presenceNames(v, optional, out));
  else if (e.k === 'binop' && e.op === '^') { presenceNames(e.left, optional, out); presenceNames(e.right, optional, out); }
}

/** The optional inputs whose presence the forward's assertions test. */
export function presenceAsserted(body: readonly Stmt[], optional: readonly string[]): Set<string> {
  const names = new Set(optional);
  const out = new Set<string>();
  assertions(body).forEach((e) => presenceNames(e, names, out));
  return out;
}

/**
 * Names of `optional` the body asserts are not None (`assert t is not None`, lucidrains'
 * `assert exists(dim)`), outside nested functions and classes. Of several asserted in one `or`
 * (`assert exists(dim) or exists(codebook_size)`), every one None by default: the first, as the
 * assertion asks for one of them.
 */
export function assertedGiven(body: readonly Stmt[], optional: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const given = (e: Expr): string | undefined => {
    const p = presenceOf(e, optional, true);
    return p?.given ? p.name : undefined;
  };
  for (const e of assertions(body)) {
    const one = given(e);
    const either = one === undefined && e.k === 'boolop' && e.op === 'or' ? e.values.map(given) : undefined;
    if (one !== undefined) out.add(one);
    else if (either?.every((n) => n !== undefined)) out.add(either[0]!);
  }
  return out;
}

function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  const out: T[][] = [];
  items.forEach((x, i) => { for (const rest of subsets(items.slice(i + 1), size - 1)) out.push([x, ...rest]); });
  return out;
}

/**
 * The smallest sets of optional inputs (None by default) that make every assertion on their
 * presence hold, fewest inputs first, in the order of the parameters; none when the defaults
 * already satisfy them. `attribute` reads an attribute of the model as built.
 */
export function presenceSets(body: readonly Stmt[], optional: readonly string[], attribute: (name: string) => Value | undefined): string[][] {
  const names = new Set(optional);
  const tests = assertions(body).filter((e) => {
    const read = new Set<string>();
    presenceNames(e, names, read);
    return read.size > 0;
  });
  if (tests.length === 0) return [];
  const flag = (name: string): boolean | undefined => {
    const v = attribute(name);
    if (v?.kind === 'bool') return v.value;
    if (v?.kind === 'none') return false;
    return undefined;
  };
  const holds = (given: ReadonlySet<string>): boolean => tests.every((e) => truth(e, names, given, flag) !== false);
  if (holds(new Set())) return [];
  const read = new Set<string>();
  tests.forEach((e) => presenceNames(e, names, read));
  const candidates = optional.filter((n) => read.has(n));
  const found: string[][] = [];
  for (let size = 1; size <= Math.min(MAX_GIVEN, candidates.length) && found.length < MAX_SETS; size++) {
    for (const set of subsets(candidates, size)) {
      if (found.some((f) => f.every((n) => set.includes(n)))) continue;
      if (holds(new Set(set))) found.push(set);
      if (found.length >= MAX_SETS) break;
    }
  }
  return found;
}
