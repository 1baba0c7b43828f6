// A model nobody builds is built with its constructor's defaults, so a feature switched off by
// default (`cond_on_text_encodings = False`) leaves forward's lines for it without a hint when the
// constructor builds its layers only with the switch on: untakenBranches.ts cannot run those lines
// on the model as built. Such switches are turned on in a second build of the model.
import type { Expr, Stmt } from './ir';
import type { Value } from '../value';
import { anyNode, branchesOn, eachNode, valuesAssigned } from './irSearch';

/** How many switches one second build turns on. */
const MAX_FLAGS = 4;

/**
 * The constructor's arguments that default to `!on` (False for a build switching features on),
 * that the constructor builds by, and that it keeps in an attribute forward's conditions test
 * (`self.cond_on_text = cond_on_text`, then `if exists(text_embeds) and self.cond_on_text:`).
 * A switch on by default is turned off only where the constructor builds something just then
 * (PixelSNAIL's `if attention: ... else: self.out = WNConv2d(...)`).
 */
export function forwardSwitches(params: readonly { name: string }[], defaults: ReadonlyMap<string, Value>, init: readonly Stmt[], forward: readonly Stmt[], on = true): string[] {
  const out: string[] = [];
  for (const p of params) {
    const d = defaults.get(p.name);
    if (d?.kind !== 'bool' || d.value === on) continue;
    if (!branchesOn(init, new Set([p.name]))) continue;
    if (!on && !buildsOnlyWhenOff(init, p.name)) continue;
    const kept = init.flatMap((s) => (s.k === 'assign' && s.value && keepsSwitch(s.value, p.name) ? selfAttributes(s.targets)
      // (`self.to_v_gate = None`, then `if gate_values_per_head: self.to_v_gate = nn.Sequential(...)`.)
      : s.k === 'if' && s.test.k === 'name' && s.test.id === p.name ? s.body.flatMap((b) => (b.k === 'assign' ? selfAttributes(b.targets) : [])) : []));
    if (kept.length > 0 && branchesOn(forward, new Set(kept))) out.push(p.name);
    if (out.length >= MAX_FLAGS) break;
  }
  return out;
}

/** The names of `self.x` targets. */
function selfAttributes(targets: readonly Expr[]): string[] {
  return targets.flatMap((t) => (t.k === 'attr' && t.obj.k === 'name' && t.obj.id === 'self' ? [t.name] : []));
}

/**
 * A value an attribute keeps that says whether the switch is on: the switch itself, or what the
 * switch chooses (`self.rotary_pos_emb = RotaryEmbedding(dim_head) if rotary_pos_emb else None`,
 * which forward tests as `if exists(self.rotary_pos_emb):`).
 */
function keepsSwitch(value: Expr, name: string): boolean {
  if (value.k === 'name') return value.id === name;
  if (value.k !== 'ifexp') return false;
  const test = value.test.k === 'unary' && value.test.op === 'not' ? value.test.operand : value.test;
  return test.k === 'name' && test.id === name;
}

/** `if name: ... else: self.x = ...` (or `if not name: self.x = ...`) at the constructor's top level. */
function buildsOnlyWhenOff(init: readonly Stmt[], name: string): boolean {
  const setsAttribute = (body: readonly Stmt[]): boolean => body.some((s) => s.k === 'assign' && s.targets.some((t) => t.k === 'attr' && t.obj.k === 'name' && t.obj.id === 'self'));
  return init.some((s) => s.k === 'if' && (
    (s.test.k === 'name' && s.test.id === name && setsAttribute(s.orelse))
    || (s.test.k === 'unary' && s.test.op === 'not' && s.test.operand.k === 'name' && s.test.operand.id === name && setsAttribute(s.body))));
}

/** The attributes the constructor keeps an argument in (`self.upsample = upsample`). */
function keptAttributes(init: readonly Stmt[], name: string): string[] {
  return init.flatMap((s) => (s.k === 'assign' && s.value?.k === 'name' && s.value.id === name
    ? s.targets.flatMap((t) => (t.k === 'attr' && t.obj.k === 'name' && t.obj.id === 'self' ? [t.name] : [])) : []));
}

/**
 * Of `switches` (all on in one build), those forward tests only in an `elif` after another's test
 * (StyleGAN2's modulated conv: `if self.upsample: ... elif self.downsample: ...`): with both on,
 * the later branch never runs, so each of these needs a build with it alone on.
 */
export function shadowedSwitches(init: readonly Stmt[], forward: readonly Stmt[], switches: readonly string[]): string[] {
  if (switches.length < 2) return [];
  const attrs = new Map(switches.map((n) => [n, new Set(keptAttributes(init, n))]));
  const tested = (e: Expr): string[] => switches.filter((n) => anyNode(e, (x) => x.k === 'attr' && x.obj?.k === 'name' && x.obj.id === 'self' && attrs.get(n)!.has((x as { name?: string }).name!)));
  const shadowed = new Set<string>();
  const unshadowed = new Set<string>();
  const elifs = new Set<object>();
  anyNode(forward, (n) => {
    // Only a chain's head: its `elif`s are walked as the chain, not again as heads of their own.
    if (n.k !== 'if' || elifs.has(n)) return false;
    const chain: Expr[] = [];
    for (let s = n as Extract<Stmt, { k: 'if' }>; ; s = s.orelse[0] as Extract<Stmt, { k: 'if' }>) {
      chain.push(s.test);
      if (s.orelse.length !== 1 || s.orelse[0].k !== 'if') break;
      elifs.add(s.orelse[0]);
    }
    const before = new Set<string>();
    for (const test of chain) {
      const here = tested(test);
      for (const sw of here) ([...before].some((b) => b !== sw) ? shadowed : unshadowed).add(sw);
      for (const sw of here) before.add(sw);
    }
    return false;
  });
  return switches.filter((n) => shadowed.has(n) && !unshadowed.has(n));
}

/**
 * The arguments defaulting to None that the constructor hands straight to an `nn` layer as a size
 * (`nn.Linear(image_embed_dim, time_cond_dim) if cond_on_image_embeds else None`): a switched-on
 * build that reaches that layer must be given them (PyTorch rejects a None size), so they stand
 * for themselves there, as required arguments do.
 */
export function layerSizesNoneCannotBe(params: readonly { name: string }[], defaults: ReadonlyMap<string, Value>, init: readonly Stmt[]): string[] {
  // (Not one the constructor binds again first: `cond_dim = default(cond_dim, dim)` is never None.)
  const none = new Set(params.filter((p) => defaults.get(p.name)?.kind === 'none' && valuesAssigned(init, p.name)?.length === 0).map((p) => p.name));
  const out = new Set<string>();
  eachNode(init, (n) => {
    if (n.k !== 'call') return;
    const call = n as Extract<Expr, { k: 'call' }>;
    if (call.fn.k !== 'attr' || call.fn.obj.k !== 'name' || call.fn.obj.id !== 'nn' || !/^[A-Z]/.test(call.fn.name)) return;
    for (const a of call.args) if (!a.star && a.value.k === 'name' && none.has(a.value.id)) out.add(a.value.id);
  });
  return [...out];
}
