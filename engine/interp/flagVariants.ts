// A model nobody builds is built with its constructor's defaults, so a feature switched off by
// default (`cond_on_text_encodings = False`) leaves forward's lines for it without a hint when the
// constructor builds its layers only with the switch on: untakenBranches.ts cannot run those lines
// on the model as built. Such switches are turned on in a second build of the model.
import type { Expr, Stmt } from './ir';
import type { Value } from '../value';
import { branchesOn } from './irSearch';

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
