// What a constructor's required argument is, read from the constructor's code when nothing builds
// the model: a model class of the file its annotation names (`def __init__(self, vit: ViT, ...)`),
// or a fraction its assertions bound (`assert masking_ratio > 0 and masking_ratio < 1`).
import type { Expr, Stmt } from './ir';
import type { Value } from '../value';
import type { Scope } from './scope';
import { ClassObj, refOf } from './objects';
import { anyNode, usedAsSequence } from './irSearch';

/**
 * The module class of the file an annotation names (`vit: ViT`, `vit: 'ViT'`), if any; of a union
 * (`vit: ViT | dict`, `Optional[ViT]`), the one model class among its members.
 */
export function annotatedModelClass(scope: Scope, annotation: Expr | undefined): ClassObj | undefined {
  if (!annotation) return undefined;
  const members = unionMembers(annotation);
  if (members.length > 1) {
    const classes = [...new Set(members.map((m) => annotatedModelClass(scope, m)).filter((c) => c !== undefined))];
    return classes.length === 1 ? classes[0] : undefined;
  }
  const name = annotation.k === 'name' ? annotation.id : annotation.k === 'str' ? annotation.value : undefined;
  if (name === undefined) return undefined;
  const v: Value | undefined = scope.vars.get(name);
  const cls = v && refOf(v, ClassObj);
  return cls?.isModule ? cls : undefined;
}

/**
 * Whether the constructor's assertions bound `name` above by 1 or by a float (`assert 0 < p < 1`,
 * `assert ratio <= 0.5`): a fraction, never a size, whatever its name says (`masking_ratio`).
 */
export function assertedFraction(body: readonly Stmt[], name: string): boolean {
  const isName = (e: Expr): boolean => e.k === 'name' && e.id === name;
  const smallBound = (e: Expr): boolean => e.k === 'num' && (e.isFloat || e.value === 1);
  const bounds = (e: Expr): boolean => {
    if (e.k === 'boolop' && e.op === 'and') return e.values.some(bounds);
    if (e.k !== 'compare') return false;
    for (let i = 0; i < e.ops.length; i++) {
      const [a, b, op] = [e.operands[i], e.operands[i + 1], e.ops[i]];
      if ((op === '<' || op === '<=') && isName(a) && smallBound(b)) return true;
      if ((op === '>' || op === '>=') && smallBound(a) && isName(b)) return true;
    }
    return false;
  };
  return body.some((s) => s.k === 'assert' && bounds(s.test));
}

/**
 * Arguments whose default a top-level assertion rules out (timm's twins: `ws=1` with `assert
 * ws != 1`, the class is always built with a window): a comparison of one argument with numbers,
 * false at its default. Such an argument is required after all.
 */
export function defaultsAssertedAway(body: readonly Stmt[], defaults: ReadonlyMap<string, number>): Set<string> {
  const out = new Set<string>();
  for (const s of body) {
    if (s.k !== 'assert' || s.test.k !== 'compare') continue;
    const names = new Set(s.test.operands.filter((e) => e.k === 'name').map((e) => (e as { id: string }).id));
    const [name] = names;
    if (names.size !== 1 || !defaults.has(name)) continue;
    const values = s.test.operands.map((e) => (e.k === 'name' ? defaults.get(e.id) : e.k === 'num' ? e.value : undefined));
    if (values.some((v) => v === undefined)) continue;
    const holds = s.test.ops.every((op, i) => compareNumbers(op, values[i]!, values[i + 1]!));
    if (holds === false) out.add(name);
  }
  return out;
}

function compareNumbers(op: string, a: number, b: number): boolean | undefined {
  switch (op) {
    case '==': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    default: return undefined;
  }
}

/** The members of a union annotation (`A | B`, `Union[A, B]`, `Optional[A]`); the annotation alone otherwise. */
function unionMembers(e: Expr): Expr[] {
  if (e.k === 'binop' && e.op === '|') return [...unionMembers(e.left), ...unionMembers(e.right)];
  if (e.k === 'subscript') {
    const head = e.obj.k === 'name' ? e.obj.id : e.obj.k === 'attr' ? e.obj.name : undefined;
    if (head === 'Optional') return [e.index];
    if (head === 'Union') return e.index.k === 'tuple' ? e.index.items.flatMap(unionMembers) : [e.index];
  }
  return [e];
}

/**
 * What an annotation says of a sequence argument: `list[int]`, `tuple[int, ...]`, `Sequence[int]`
 * (a union of them too, `list[int] | tuple[int, ...]`) hold 'ints'; a list or tuple of
 * anything else 'items'; 'either' when other members of the union are no sequence (`list[int] | int`).
 * Undefined when none is a sequence, or the tuple's length is written out (`tuple[int, int]`, sizes by position elsewhere).
 */
export function annotatedSequence(annotation: Expr | undefined): 'ints' | 'items' | 'either' | undefined {
  if (!annotation) return undefined;
  const kinds = unionMembers(annotation).filter((m) => m.k !== 'none').map((m): 'ints' | 'items' | undefined => {
    const head = m.k === 'subscript' ? m.obj : m;
    const outer = head.k === 'name' ? head.id : head.k === 'attr' ? head.name : undefined;
    if (!outer || !/^(list|List|tuple|Tuple|Sequence)$/.test(outer)) return undefined;
    if (m.k !== 'subscript') return 'items';
    const items = m.index.k === 'tuple' ? m.index.items : [m.index];
    const tupleLike = outer === 'tuple' || outer === 'Tuple';
    if (tupleLike && !(items.length === 2 && items[1].k === 'ellipsis')) return undefined;
    const item = items[0];
    return item.k === 'name' && item.id === 'int' ? 'ints' : 'items';
  });
  if (kinds.length === 0 || kinds.every((k) => k === undefined)) return undefined;
  // `levels: List[int] | int`: a list or a size, not known which.
  if (kinds.some((k) => k === undefined)) return 'either';
  return kinds.every((k) => k === 'ints') ? 'ints' : 'items';
}

/**
 * Arguments defaulting to None that the constructor cannot build with (mmseg's ViT-Adapter,
 * `interaction_indexes=None` then `range(len(interaction_indexes))`): a statement at its top level,
 * run by every construction, uses them as a sequence without testing them against None. Such an
 * argument is required after all.
 */
export function sequencesNoneCannotBe(body: readonly Stmt[], noneDefaults: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  // (Until something assigns it: `if full_attn is None: full_attn = (...)` then `len(full_attn)`.)
  const live = new Set(noneDefaults);
  for (const s of body) {
    for (const name of [...live]) if (assigns(s, name)) live.delete(name);
    if (s.k === 'if' || s.k === 'for' || s.k === 'while' || s.k === 'try' || s.k === 'with' || s.k === 'def' || s.k === 'class') continue;
    for (const name of live) if (usedAsSequence([s], name) && !testsNone(s, name)) out.add(name);
  }
  return out;
}

/** Whether `s` binds the name anywhere in it (an assignment, a loop target, an unpacking). */
function assigns(s: Stmt, name: string): boolean {
  const binds = (t: Expr): boolean => (t.k === 'name' && t.id === name) || ((t.k === 'tuple' || t.k === 'list') && t.items.some(binds)) || (t.k === 'starred' && binds(t.value));
  return anyNode([s], (n) => {
    const x = n as Stmt;
    if (x.k === 'assign') return x.targets.some(binds);
    if (x.k === 'augassign') return binds(x.target);
    if (x.k === 'for') return binds(x.target);
    return false;
  });
}

/** Whether `node` compares the name against None (`x is None`, `x is not None`) or reads its truth in a conditional. */
function testsNone(node: Stmt, name: string): boolean {
  return anyNode([node], (n) => {
    const e = n as Expr;
    if (e.k === 'compare' && e.operands.some((o) => o.k === 'name' && o.id === name) && e.operands.some((o) => o.k === 'none')) return true;
    const bare = (x: Expr): boolean => (x.k === 'name' && x.id === name) || (x.k === 'unary' && x.op === 'not' && bare(x.operand));
    return (e.k === 'ifexp' && bare(e.test)) || (e.k === 'boolop' && e.values.some(bare));
  });
}
