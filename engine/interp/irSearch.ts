// What a function body's IR mentions, read without running it: a parameter whose attributes it
// reads (`attn_layers.dim`, `stage_cfg.depth`) is an object, whatever its name suggests.
import type { Expr, Stmt } from './ir';

/**
 * Each read of the name `name` in `body` (nested functions too) with the node holding it: an
 * expression, a statement or a call's argument (`{ value, name? }`).
 */
export function nameReads(body: readonly Stmt[] | Expr, name: string): { parent: { k?: string } }[] {
  const out: { parent: { k?: string } }[] = [];
  eachNode(body, (n, parent) => {
    if (n.k === 'name' && (n as { id?: string }).id === name) out.push({ parent });
  });
  return out;
}

/** Every node of `body` (statements, expressions, a call's arguments), each once, with the node holding it. */
export function eachNode(body: unknown, visit: (node: { k?: string }, parent: { k?: string }) => void): void {
  const seen = new Set<object>();
  const walk = (node: unknown, parent: object): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((n) => walk(n, parent));
      return;
    }
    visit(node as { k?: string }, parent as { k?: string });
    for (const v of Object.values(node)) walk(v, node);
  };
  walk(body, {});
}

/** Whether some node of `body` (nested functions too) satisfies `test`. */
export function anyNode(body: readonly Stmt[] | Expr, test: (n: { k?: string; obj?: { k?: string; id?: string }; id?: string }) => boolean): boolean {
  const seen = new Set<object>();
  const visit = (node: unknown): boolean => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return false;
    seen.add(node);
    if (Array.isArray(node)) return node.some(visit);
    if (test(node as { k?: string })) return true;
    return Object.values(node).some(visit);
  };
  return visit(body);
}

/** Whether `body` reads an attribute of the name `name` (`name.x`). */
export function readsAttributeOf(body: readonly Stmt[] | Expr, name: string): boolean {
  return anyNode(body, (n) => n.k === 'attr' && n.obj?.k === 'name' && n.obj.id === name);
}

/** Whether `body` uses the name `name` (`super`). */
export function usesName(body: readonly Stmt[] | Expr, name: string): boolean {
  return anyNode(body, (n) => n.k === 'name' && n.id === name);
}

/** Whether `body` tests the name `name` against None (`name is None`, `name is not None`). */
export function comparesToNone(body: readonly Stmt[] | Expr, name: string): boolean {
  return anyNode(body, (n) => {
    const c = n as { k?: string; ops?: readonly string[]; operands?: readonly { k?: string; id?: string }[] };
    return c.k === 'compare' && !!c.ops?.some((op) => op === 'is' || op === 'is not')
      && !!c.operands?.some((o) => o.k === 'name' && o.id === name) && !!c.operands?.some((o) => o.k === 'none');
  });
}

/** Whether `body` binds a name by assignment (`x = ...`, `x += ...`), nested blocks included. */
export function assignsAnything(body: readonly Stmt[]): boolean {
  return anyNode(body, (n) => n.k === 'assign' || n.k === 'augassign');
}

/**
 * Whether `body` (a constructor) chooses what to build by one of `names`: an `if`, `while` or
 * conditional expression whose test reads the name or an attribute so named (`if downsample:`,
 * `... if self.use_proj else nn.Identity()`). Names assigned to such attributes (`self.ds =
 * downsample`) count as the attribute.
 */
export function branchesOn(body: readonly Stmt[] | Expr, names: ReadonlySet<string>): boolean {
  // (Asked again for every untaken branch a run meets: a large constructor is walked once per names.)
  const key = [...names].sort().join('\0');
  let known = branchesOnAnswers.get(body);
  if (!known) branchesOnAnswers.set(body, (known = new Map()));
  let answer = known.get(key);
  if (answer === undefined) known.set(key, (answer = walkBranchesOn(body, names)));
  return answer;
}

const branchesOnAnswers = new WeakMap<object, Map<string, boolean>>();

function walkBranchesOn(body: readonly Stmt[] | Expr, names: ReadonlySet<string>): boolean {
  const all = new Set(names);
  anyNode(body, (n) => {
    const a = n as { k?: string; targets?: readonly Expr[]; value?: Expr };
    if (a.k === 'assign' && a.value?.k === 'name' && a.targets?.some((t) => t.k === 'attr' && t.obj.k === 'name' && t.obj.id === 'self' && names.has(t.name))) all.add(a.value.id);
    return false;
  });
  const mentions = (e: unknown): boolean => anyNode(e as Expr, (n) => (n.k === 'name' && all.has(n.id!)) || (n.k === 'attr' && all.has((n as { name?: string }).name!)));
  return anyNode(body, (n) => {
    const t = n as { k?: string; test?: Expr; body?: readonly Stmt[]; orelse?: readonly Stmt[] };
    // A guard (`if not cfg.a and cfg.b: raise ...`) refuses a configuration; it builds nothing.
    if (t.k === 'if' && t.orelse?.length === 0 && t.body?.every((s) => s.k === 'raise')) return false;
    return (t.k === 'if' || t.k === 'while' || t.k === 'ifexp') && t.test !== undefined && mentions(t.test);
  });
}

/** The plain names `body` calls (`VGG(...)`, `_vgg(...)`, `make_layers(...)`), nested functions too. */
export function calledNames(body: readonly Stmt[] | Expr): Set<string> {
  const out = new Set<string>();
  anyNode(body, (n) => {
    const c = n as { k?: string; fn?: Expr };
    if (c.k === 'call' && c.fn?.k === 'name') out.add(c.fn.id);
    return false;
  });
  return out;
}

/** Whether `body` uses the name `name` only as a callee (`norm_layer(dim)`), at least once. */
export function onlyCalls(body: readonly Stmt[] | Expr, name: string): boolean {
  let calls = 0;
  let uses = 0;
  anyNode(body, (n) => {
    const c = n as { k?: string; fn?: { k?: string; id?: string } };
    if (c.k === 'call' && c.fn?.k === 'name' && c.fn.id === name) calls++;
    if (n.k === 'name' && n.id === name) uses++;
    return false;
  });
  return calls > 0 && calls === uses;
}

/**
 * The plain names `body` calls or hands to a call as an argument (`block=SwinTransformerBlockV2`,
 * `partial(Block, dim)`): what a factory may build.
 */
export function calledOrPassedNames(body: readonly Stmt[] | Expr): Set<string> {
  const out = calledNames(body);
  anyNode(body, (n) => {
    const c = n as { k?: string; args?: readonly { value: Expr }[] };
    if (c.k === 'call' && Array.isArray(c.args)) for (const a of c.args) if (a.value?.k === 'name') out.add(a.value.id);
    // (`model_cls = MobileNetV3`, then `build_model_with_cfg(model_cls, ...)`: timm's factories.)
    const s = n as { k?: string; value?: Expr };
    if (s.k === 'assign' && s.value?.k === 'name') out.add(s.value.id);
    return false;
  });
  return out;
}

/**
 * The method of `self` that `body` hands its `*args` on to (`return self.forward_features(*args,
 * **kwargs)`), first such call: a forward that only passes its inputs on takes that method's.
 */
export function delegatedMethod(body: readonly Stmt[], varArgs: string): string | undefined {
  let found: string | undefined;
  anyNode(body, (n) => {
    const c = n as { k?: string; fn?: Expr; args?: readonly { star?: string; value: Expr }[] };
    if (c.k !== 'call' || c.fn?.k !== 'attr' || c.fn.obj.k !== 'name' || c.fn.obj.id !== 'self') return false;
    if (!c.args?.some((a) => a.star === '*' && a.value.k === 'name' && a.value.id === varArgs)) return false;
    found = c.fn.name;
    return true;
  });
  return found;
}

/** The `name[...]` reads of `body` with a constant index (`kwargs['labels']`, `inputs[0]`), in order. */
function constantSubscripts(body: readonly Stmt[], name: string): Extract<Expr, { k: 'subscript' }>[] {
  const out: Extract<Expr, { k: 'subscript' }>[] = [];
  anyNode(body, (n) => {
    const s = n as Expr;
    if (s.k === 'subscript' && s.obj.k === 'name' && s.obj.id === name && (s.index.k === 'str' || (s.index.k === 'num' && !s.index.isFloat && s.index.value >= 0))) out.push(s);
    return false;
  });
  return out;
}

/**
 * The keys `body` reads from the dict `name` by subscript (`kwargs['labels']`), first read of
 * each, in order: each one the caller must pass (a `.get` is optional and is not listed).
 */
export function subscriptKeys(body: readonly Stmt[], name: string): { key: string; range: Expr['range'] }[] {
  const out: { key: string; range: Expr['range'] }[] = [];
  for (const s of constantSubscripts(body, name)) if (s.index.k === 'str' && !out.some((o) => o.key === (s.index as { value: string }).value)) out.push({ key: s.index.value, range: s.range });
  return out;
}

/** The constant indices (from 0) that `body` reads of the name `name` (`inputs[0]`, `inputs[1]`), in order. */
export function constantIndices(body: readonly Stmt[], name: string): number[] {
  const out = new Set(constantSubscripts(body, name).flatMap((s) => (s.index.k === 'num' ? [s.index.value] : [])));
  return [...out].sort((a, b) => a - b);
}

/**
 * The base arguments every `super().__init__(...)` of `body` that passes `**rest` on gives itself:
 * how many positionally (before any `*args`) and which by name. Undefined where no such call is
 * found. (`super().__init__(*args, **kwargs, encoder_channels=xf_width)`: none positionally,
 * `encoder_channels` by name; the base's other required arguments arrive through `**kwargs`.)
 */
export function superInitGiven(body: readonly Stmt[], rest: string): { positional: number; named: Set<string> } | undefined {
  const calls: Extract<Expr, { k: 'call' }>[] = [];
  anyNode(body, (n) => {
    const c = n as Expr;
    if (c.k === 'call' && c.fn.k === 'attr' && c.fn.name === '__init__' && c.fn.obj.k === 'call' && c.fn.obj.fn.k === 'name' && c.fn.obj.fn.id === 'super'
      && c.args.some((a) => a.star === '**' && a.value.k === 'name' && a.value.id === rest)) calls.push(c);
    return false;
  });
  if (calls.length === 0) return undefined;
  let positional = 0;
  const named = new Set<string>();
  for (const c of calls) {
    const firstStar = c.args.findIndex((a) => a.star !== undefined);
    positional = Math.max(positional, c.args.slice(0, firstStar < 0 ? c.args.length : firstStar).filter((a) => !a.name).length);
    for (const a of c.args) if (a.name) named.add(a.name);
  }
  return { positional, named };
}

/**
 * Whether a condition of `body` (`if`, conditional expression, `assert`) tests whether the input
 * `name` was given: `name is not None`, `name is None`, lucidrains' `exists(name)` (a call of a
 * bare name on it alone), or the name itself as a truth value (`if mask:`, `not mask`).
 */
export function testsPresence(body: readonly Stmt[] | Expr, name: string): boolean {
  const isName = (e: Expr): boolean => e.k === 'name' && e.id === name;
  const presence = (e: Expr): boolean => {
    if (isName(e)) return true;
    if (e.k === 'unary' && e.op === 'not') return presence(e.operand);
    if (e.k === 'boolop') return e.values.some(presence);
    if (e.k === 'compare') return e.ops.some((op) => op === 'is' || op === 'is not') && e.operands.some(isName) && e.operands.some((o) => o.k === 'none');
    if (e.k === 'call') return e.fn.k === 'name' && e.args.length === 1 && !e.args[0].star && !e.args[0].name && isName(e.args[0].value);
    return false;
  };
  return anyNode(body, (n) => {
    const t = n as { k?: string; test?: Expr };
    return (t.k === 'if' || t.k === 'ifexp' || t.k === 'assert' || t.k === 'while') && t.test !== undefined && presence(t.test);
  });
}

/** Builtins that take a sequence, never a size: `len(levels)` of a size would raise. */
const SEQUENCE_TAKERS = new Set(['len', 'list', 'tuple', 'zip', 'enumerate', 'reversed', 'sorted']);

/**
 * Whether `body` uses the name `name` as a sequence: iterates it (`for l in levels`, a
 * comprehension over it), slices it (`levels[:-1]`), passes it to `len`/`list`/`zip`... or
 * spreads it (`*levels`). An int would raise at each, so the name is no size.
 */
export function usedAsSequence(body: readonly Stmt[] | Expr, name: string): boolean {
  const isName = (e: unknown): boolean => { const n = e as { k?: string; id?: string } | undefined; return n?.k === 'name' && n.id === name; };
  return anyNode(body, (n) => {
    const e = n as Expr | Stmt;
    if (e.k === 'for') return isName(e.iter);
    if (e.k === 'comp') return e.generators.some((g) => isName(g.iter));
    if (e.k === 'subscript') return isName(e.obj) && e.index.k === 'slice';
    if (e.k === 'starred') return isName(e.value);
    if (e.k === 'call') return e.fn.k === 'name' && SEQUENCE_TAKERS.has(e.fn.id) && e.args.some((a) => !a.name && isName(a.value));
    return false;
  });
}

/**
 * The values `body` assigns to the name `name` (`is_img = x.ndim >= 4`, `a = b = v`, annotated
 * and augmented assignments), nested functions too. A name bound otherwise (a loop target, an
 * unpacking, a `with ... as`) gives undefined: its value is not one expression.
 */
export function valuesAssigned(body: readonly Stmt[], name: string): Expr[] | undefined {
  let byName = assignedValues.get(body);
  if (!byName) {
    byName = new Map();
    assignedValues.set(body, byName);
    collectAssignedValues(body, byName);
  }
  const found = byName.get(name);
  return found === null ? undefined : (found ?? []);
}

/** Per body, what valuesAssigned answers for each name it binds (null: bound otherwise). */
const assignedValues = new WeakMap<readonly Stmt[], Map<string, Expr[] | null>>();

function collectAssignedValues(body: readonly Stmt[], out: Map<string, Expr[] | null>): void {
  const other = (t: Expr): void => {
    if (t.k === 'name') out.set(t.id, null);
    else if (t.k === 'tuple' || t.k === 'list') t.items.forEach(other);
    else if (t.k === 'starred') other(t.value);
  };
  anyNode(body, (n) => {
    const s = n as unknown as Stmt;
    if (s.k === 'assign') {
      for (const t of s.targets) {
        if (t.k === 'name' && s.value && out.get(t.id) !== null) out.set(t.id, [...(out.get(t.id) ?? []), s.value]);
        else other(t);
      }
    } else if (s.k === 'augassign') other(s.target);
    else if (s.k === 'for') other(s.target);
    return false;
  });
}

/**
 * Names the body hands, as it received them, to a call of an attribute of `self` that `isEmbedding`
 * says is an nn.Embedding (`x = self.token_emb(x)`): not rebound before that statement, in the
 * order the top-level statements run (`if` bodies included).
 */
export function embeddedNames(body: readonly Stmt[], isEmbedding: (attr: string) => boolean): Set<string> {
  const out = new Set<string>();
  const rebound = new Set<string>();
  const bind = (t: Expr): void => {
    if (t.k === 'name') rebound.add(t.id);
    else if (t.k === 'tuple' || t.k === 'list') t.items.forEach(bind);
    else if (t.k === 'starred') bind(t.value);
  };
  const visit = (stmts: readonly Stmt[]): void => {
    for (const s of stmts) {
      anyNode(s.k === 'if' || s.k === 'while' ? s.test : s.k === 'for' ? s.iter : s.k === 'def' || s.k === 'class' ? [] : [s], (n) => {
        const c = n as Expr;
        if (c.k === 'call' && c.fn.k === 'attr' && c.fn.obj.k === 'name' && c.fn.obj.id === 'self' && c.args.length >= 1 && !c.args[0].star && !c.args[0].name) {
          const a = c.args[0].value;
          if (a.k === 'name' && !rebound.has(a.id) && isEmbedding(c.fn.name)) out.add(a.id);
        }
        return false;
      });
      if (s.k === 'assign') s.targets.forEach(bind);
      else if (s.k === 'augassign') bind(s.target);
      else if (s.k === 'if') { visit(s.body); visit(s.orelse); }
    }
  };
  visit(body);
  return out;
}
