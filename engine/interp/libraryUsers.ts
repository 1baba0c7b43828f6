// A file of a package that nothing calls but the package's own model file (`reversible.py`'s
// `ReversibleSequence`, built by `SinkhornTransformer.__init__`): that model file is its caller.
// Nothing it runs at import reaches the file, but its model classes that build the file's classes
// do, seeded as their own file's analysis seeds them; a class it builds only with a switch on
// (`execute_type = ReversibleSequence if reversible else SequentialSequence`) is reached by a
// second build with that switch on.
import type { Expr, ModuleIR, Stmt } from './ir';
import type { Interpreter } from './interpreter';
import type { Scope } from './scope';
import { ClassObj, refOf, type FunctionObj } from './objects';
import { seedModelClasses } from './analysis';
import { anyNode, usesName } from './irSearch';

/** How many switches one second build turns on. */
const MAX_SWITCHES = 2;

/** Seed the model classes of `caller` that build one of `home`'s classes. */
export function seedUsers(interp: Interpreter, scope: Scope, caller: ModuleIR, home: ModuleIR): void {
  const homeClasses = new Map<string, ClassObj>();
  for (const [name, v] of scope.vars) {
    const cls = refOf(v, ClassObj);
    if (cls && home.body.some((s) => s.k === 'class' && s.name === cls.name && s.range.start === cls.range.start)) homeClasses.set(name, cls);
  }
  if (homeClasses.size === 0) return;
  const names = [...homeClasses.keys()];
  seedModelClasses(interp, scope, caller, (def) => names.some((n) => usesName(def.body, n)), (_def, _cls, init) => {
    // (Asked after every picked class ran with its defaults: the classes none of them built.)
    const built = new Set(interp.homeModelsBuilt.map((i) => i.cls));
    const unbuilt = new Set(names.filter((n) => !built.has(homeClasses.get(n)!)));
    return unbuilt.size > 0 && Array.isArray(init.body) ? choosingSwitches(init, init.body as readonly Stmt[], unbuilt) : [];
  });
}

/**
 * The constructor's arguments that default to False and test a condition whose branch names one
 * of `classes` (`ReversibleSequence if reversible else SequentialSequence`, `if use_x: self.x = X()`).
 */
function choosingSwitches(init: FunctionObj, body: readonly Stmt[], classes: ReadonlySet<string>): string[] {
  const switches = new Set(init.params.slice(1).filter((p) => {
    const d = init.defaults.get(p.name);
    return d?.kind === 'bool' && !d.value;
  }).map((p) => p.name));
  const out = new Set<string>();
  const names = (e: unknown): boolean => [...classes].some((c) => usesName(e as Expr, c));
  anyNode(body, (n) => {
    const c = n as { k?: string; test?: Expr; body?: unknown; orelse?: unknown };
    if ((c.k === 'ifexp' || c.k === 'if') && c.test && (names(c.body) || names(c.orelse))) {
      for (const s of switches) if (usesName(c.test, s)) out.add(s);
    }
    return false;
  });
  return [...out].slice(0, MAX_SWITCHES);
}
