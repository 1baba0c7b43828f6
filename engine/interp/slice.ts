// The top-level statements the hints of one range depend on. A module runs its statements in order,
// so a hint in the range is fixed once execution passes it — except inside functions the range
// defines, which later code may call again. The slice is the range's statements, the definitions
// of the functions and classes they use, and each earlier statement that mentions a name the slice depends on
// (reading a name may mutate what it holds, so mentioning counts), transitively; names bound to
// framework modules (`tf`, `torch`, `nn`) connect nothing. When any later statement mentions a
// name of the slice, the whole module runs instead (it might call back into the range).
import type { Expr, ModuleIR, Param, Range, Stmt } from './ir';
import { knownModule } from './knownModules';

/**
 * Names bound anywhere in a function body (its locals), not looking into nested functions; names
 * it declares `global` / `nonlocal` are not its own (they go to `declared`).
 */
function locals(stmts: readonly Stmt[], out: Set<string>, declared: Set<string>): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const o = node as { k?: string };
    switch (o.k) {
      case 'assign': (node as Extract<Stmt, { k: 'assign' }>).targets.forEach((t) => targetNames(t, out)); break;
      case 'augassign': targetNames((node as Extract<Stmt, { k: 'augassign' }>).target, out); break;
      case 'for': targetNames((node as Extract<Stmt, { k: 'for' }>).target, out); break;
      case 'walrus': targetNames((node as Extract<Expr, { k: 'walrus' }>).target, out); break;
      case 'def': case 'class': out.add((node as { name: string }).name); return;
      case 'lambda': return;
      case 'import': for (const n of (node as Extract<Stmt, { k: 'import' }>).names) out.add(n.asname ?? n.name.split('.')[0]); break;
      case 'importfrom': for (const n of (node as Extract<Stmt, { k: 'importfrom' }>).names) out.add(n.asname ?? n.name); break;
      case 'with': for (const i of (node as Extract<Stmt, { k: 'with' }>).items) if (i.target) targetNames(i.target, out); break;
      case 'try': for (const h of (node as Extract<Stmt, { k: 'try' }>).handlers) if (h.name) out.add(h.name); break;
      case 'global': case 'nonlocal': for (const n of (node as { names: readonly string[] }).names) declared.add(n); break;
      default: break;
    }
    for (const key in o) if (key !== 'range' && key !== 'nameRange' && key !== 'k') visit((o as Record<string, unknown>)[key]);
  };
  visit(stmts);
}

/** The free names of a function: what it mentions that is not its parameter or local. */
function freeOfFunction(params: readonly Param[], body: readonly Stmt[] | Expr, out: Set<string>): void {
  const inner = new Set<string>();
  mentions(body, inner);
  const bound = new Set(params.map((p) => p.name));
  const declared = new Set<string>();
  if (Array.isArray(body)) locals(body, bound, declared);
  for (const n of declared) bound.delete(n);
  for (const n of inner) if (!bound.has(n)) out.add(n);
  for (const n of declared) out.add(n);
}

/** Every free name an expression or statement mentions; nested functions add their free names. */
function mentions(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const x of node) mentions(x, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as { k?: string; id?: string };
  if (o.k === 'name' && typeof o.id === 'string') {
    out.add(o.id);
    return;
  }
  if (o.k === 'def' || o.k === 'lambda') {
    const f = node as { params: readonly Param[]; body: readonly Stmt[] | Expr; decorators?: readonly Expr[] };
    for (const p of f.params) if (p.default) mentions(p.default, out);
    if (f.decorators) mentions(f.decorators, out);
    freeOfFunction(f.params, f.body, out);
    return;
  }
  if (o.k === 'comp') {
    // A comprehension's targets are its own.
    const c = node as Extract<Expr, { k: 'comp' }>;
    const inner = new Set<string>();
    mentions([c.elt, c.value, c.generators.map((g) => [g.iter, g.ifs])], inner);
    const bound = new Set<string>();
    for (const g of c.generators) targetNames(g.target, bound);
    for (const n of inner) if (!bound.has(n)) out.add(n);
    return;
  }
  for (const key in o) {
    if (key === 'range' || key === 'nameRange' || key === 'k') continue;
    mentions((o as Record<string, unknown>)[key], out);
  }
}

function targetNames(e: Expr, out: Set<string>): void {
  if (e.k === 'name') out.add(e.id);
  else if (e.k === 'tuple' || e.k === 'list') for (const x of e.items) targetNames(x, out);
  else if (e.k === 'starred') targetNames(e.value, out);
}

/** Names a top-level statement binds in the module. */
function bindings(s: Stmt): Set<string> {
  const out = new Set<string>();
  switch (s.k) {
    case 'assign': s.targets.forEach((t) => targetNames(t, out)); break;
    case 'augassign': targetNames(s.target, out); break;
    case 'def': case 'class': out.add(s.name); break;
    case 'for': targetNames(s.target, out); break;
    case 'import': for (const n of s.names) out.add(n.asname ?? n.name.split('.')[0]); break;
    case 'importfrom': for (const n of s.names) out.add(n.asname ?? n.name); break;
    case 'with': for (const i of s.items) if (i.target) targetNames(i.target, out); break;
    default: break;
  }
  return out;
}

/** The module a statement imports when it only binds a framework module (`import * as tf`, `const tf = require(...)`). */
function frameworkImport(s: Stmt): boolean {
  if (s.k === 'import') return s.names.every((n) => knownModule(n.name) !== undefined);
  if (s.k === 'importfrom') return s.level === 0 && knownModule(s.module) !== undefined;
  if (s.k === 'assign' && s.value) {
    let v: Expr = s.value;
    if (v.k === 'attr' && v.name === 'default') v = v.obj;
    if (v.k === 'call' && v.fn.k === 'name' && (v.fn.id === 'require' || v.fn.id === '__js_import__') && v.args[0]?.value.k === 'str') {
      return knownModule(v.args[0].value.value) !== undefined;
    }
  }
  return false;
}

const overlaps = (a: Range, b: Range): boolean => a.start <= b.end && b.start <= a.end;

interface Facts {
  readonly mentioned: Set<string>;
  readonly bound: Set<string>;
}

const factsCache = new WeakMap<Stmt, Facts>();

function factsOf(s: Stmt): Facts {
  let f = factsCache.get(s);
  if (!f) {
    const mentioned = new Set<string>();
    mentions(s, mentioned);
    factsCache.set(s, (f = { mentioned, bound: bindings(s) }));
  }
  return f;
}

/**
 * Indices (in order) of the top-level statements to run for exact hints in `focus`, or undefined
 * when the whole module must run.
 */
export function sliceFor(ir: ModuleIR, focus: Range): number[] | undefined {
  const body = ir.body;
  const inRange = body.map((s) => overlaps(s.range, focus));
  if (!inRange.includes(true)) return undefined;
  const exempt = new Set<string>();
  body.forEach((s) => {
    if (frameworkImport(s)) for (const n of factsOf(s).bound) exempt.add(n);
  });
  // Definitions by name: mentioning a function or class depends on what its body mentions.
  const definers = new Map<string, number[]>();
  body.forEach((s, i) => {
    for (const n of factsOf(s).bound) definers.set(n, [...(definers.get(n) ?? []), i]);
  });
  // What a statement may touch: the names it mentions and those its defs' and classes' bodies
  // mention (a call runs them), transitively.
  const reach = new Map<number, Set<string>>();
  const reached = (i: number): Set<string> => {
    let r = reach.get(i);
    if (r) return r;
    r = new Set<string>();
    reach.set(i, r);
    const stack = [i];
    const seen = new Set<number>([i]);
    while (stack.length > 0) {
      const f = factsOf(body[stack.pop()!]);
      for (const n of [...f.mentioned, ...f.bound]) {
        if (exempt.has(n) || r.has(n)) continue;
        r.add(n);
        for (const j of definers.get(n) ?? []) {
          if ((body[j].k === 'def' || body[j].k === 'class') && !seen.has(j)) {
            seen.add(j);
            stack.push(j);
          }
        }
      }
    }
    return r;
  };
  const included = new Set<number>();
  const needed = new Set<string>();
  const include = (i: number): void => {
    if (included.has(i)) return;
    included.add(i);
    for (const n of reached(i)) {
      if (needed.has(n)) continue;
      needed.add(n);
      for (const j of definers.get(n) ?? []) if (body[j].k === 'def' || body[j].k === 'class') include(j);
    }
  };
  const touches = (i: number): boolean => {
    for (const n of reached(i)) if (needed.has(n)) return true;
    return false;
  };
  body.forEach((s, i) => {
    if (inRange[i] || frameworkImport(s)) include(i);
  });
  // Any statement, before or after the range, that touches a name the slice depends on joins it
  // (earlier ones may feed the range, later ones may call back into it); repeat until nothing moves.
  for (let changed = true; changed;) {
    changed = false;
    body.forEach((s, i) => {
      if (included.has(i)) return;
      // A function binds a name and runs nothing until called (test functions excepted: the
      // analysis runs them): only a call of it joins.
      if (s.k === 'def' && !s.name.startsWith('test')) return;
      if (touches(i)) {
        include(i);
        changed = true;
      }
    });
  }
  return [...included].sort((a, b) => a - b);
}
