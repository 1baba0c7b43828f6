// Model classes whose own seeding gave nothing because their constructor takes what only the file
// builds (torchvision's `VGG(features)` gets `make_layers(cfg)`, `MobileNetV3(inverted_residual_
// setting)` a list of configs) are built by the file's factory functions (`def vgg16(*, weights=
// None, progress=True, **kwargs)`). The first few that need no argument and build such a class
// are run with their defaults, as a user's `model = vgg16()` would; the instances they build are
// then seeded like those any other code of the file builds (analysis.ts, seedBuiltInstance).
import type { Range, Stmt } from './ir';
import type { Interpreter } from './interpreter';
import { ClassObj, FunctionObj, refOf } from './objects';
import type { Scope } from './scope';
import { calledOrPassedNames } from './irSearch';

/** How many factory functions one file's analysis runs at most (timm files register hundreds). */
const MAX_FACTORY_RUNS = 3;

type ClassDef = Extract<Stmt, { k: 'class' }>;
type FunctionDef = Extract<Stmt, { k: 'def' }>;

/**
 * Run factories for the classes `unhinted` says still need inputs, until each has an instance
 * built by a function of the file or the budget is spent. `guarded` runs a call, ignoring what
 * the code raises.
 */
export function runFactoryFunctions(
  interp: Interpreter, scope: Scope, body: readonly Stmt[], unhinted: (def: ClassDef) => boolean, guarded: (run: () => void) => void,
): void {
  const functions = body.filter((s): s is FunctionDef => s.k === 'def');
  if (functions.length === 0) return;
  const byName = new Map(functions.map((f) => [f.name, f]));
  const inFunction = (site: Range | undefined): boolean => site !== undefined && functions.some((f) => f.range.start <= site.start && site.end <= f.range.end);
  const needy = (): Set<string> => {
    const out = new Set<string>();
    for (const s of body) {
      if (s.k !== 'class' || !unhinted(s)) continue;
      const value = scope.vars.get(s.name);
      const cls = value && refOf(value, ClassObj);
      if (!cls) continue;
      const built = interp.builtInstances.get(cls) ?? [];
      if (!built.some((i) => inFunction(i.constructedAt))) out.add(s.name);
    }
    return out;
  };
  let wanted = needy();
  if (wanted.size === 0) return;
  // What each function builds, through the file's other functions (`vgg16` calls `_vgg`, which builds
  // VGG), or hands on to be built (`swin_v2_t` passes `block=SwinTransformerBlockV2`).
  const reach = new Map<string, Set<string>>();
  const builds = (f: FunctionDef, seen: Set<string> = new Set()): Set<string> => {
    const known = reach.get(f.name);
    if (known) return known;
    const out = new Set<string>();
    seen.add(f.name);
    for (const name of calledOrPassedNames(f.body)) {
      out.add(name);
      const inner = byName.get(name);
      if (inner && !seen.has(name)) for (const n of builds(inner, seen)) out.add(n);
    }
    reach.set(f.name, out);
    return out;
  };
  let runs = 0;
  const failed = new Set<string>();
  for (const f of functions) {
    if (runs >= MAX_FACTORY_RUNS || wanted.size === 0) break;
    if (f.name.startsWith('test') || f.name.startsWith('_')) continue;
    // (Not one that would only try again what a factory before it could not build: timm registers
    // dozens of variants of one model, each a whole model's build.)
    const targets = [...builds(f)].filter((n) => wanted.has(n));
    if (targets.length === 0 || targets.every((n) => failed.has(n))) continue;
    const value = scope.vars.get(f.name);
    const fn = value && refOf(value, FunctionObj);
    if (!value || (fn && fn.params.some((p) => !fn.defaults.has(p.name) && (p.kind === 'positional-or-keyword' || p.kind === 'positional-only' || p.kind === 'keyword-only')))) continue;
    runs++;
    interp.guess = `the defaults of ${f.name}() (nothing in this file calls it)`;
    try {
      guarded(() => interp.call(value, { args: [], kwargs: {} }, f.nameRange));
    } finally {
      interp.guess = undefined;
    }
    wanted = needy();
    for (const n of targets) if (wanted.has(n)) failed.add(n);
  }
}
