// A model nobody builds is built with its constructor's defaults, so a feature switched off by
// default (`cond_on_text_encodings = False`) leaves forward's lines for it without a hint when the
// constructor builds its layers only with the switch on: untakenBranches.ts cannot run those lines
// on the model as built. Such switches are turned on in a second build of the model.
import type { Stmt } from './ir';
import type { Value } from '../value';
import { branchesOn } from './irSearch';

/** How many switches one second build turns on. */
const MAX_FLAGS = 4;

/**
 * The constructor's arguments that default to False, that the constructor builds by, and that it
 * keeps in an attribute forward's conditions test (`self.cond_on_text = cond_on_text`, then `if
 * exists(text_embeds) and self.cond_on_text:`).
 */
export function forwardSwitches(params: readonly { name: string }[], defaults: ReadonlyMap<string, Value>, init: readonly Stmt[], forward: readonly Stmt[]): string[] {
  const out: string[] = [];
  for (const p of params) {
    const d = defaults.get(p.name);
    if (d?.kind !== 'bool' || d.value) continue;
    if (!branchesOn(init, new Set([p.name]))) continue;
    const kept = init.flatMap((s) => (s.k === 'assign' && s.value?.k === 'name' && s.value.id === p.name
      ? s.targets.flatMap((t) => (t.k === 'attr' && t.obj.k === 'name' && t.obj.id === 'self' ? [t.name] : [])) : []));
    if (kept.length > 0 && branchesOn(forward, new Set(kept))) out.push(p.name);
    if (out.length >= MAX_FLAGS) break;
  }
  return out;
}
