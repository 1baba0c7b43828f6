// PyTorch Lightning's LightningModule, which is not installed where the analysis runs: a module
// base (an nn.Module subclass, lightning/pytorch/core/module.py) whose forward is the model's, and
// whose save_hyperparameters() keeps the constructor's arguments as `self.hparams`.
import type { Value } from '../value';
import { BuiltinObj, ClassObj, FunctionObj, PyModuleObj, obj } from './objects';
import type { Scope } from './scope';
import { namespace } from './argparseApi';

/** The LightningModule class every Lightning model extends. */
export const LIGHTNING_MODULE = new ClassObj('LightningModule', [], true, undefined, { start: 0, end: 0 });

/** The module names Lightning is imported by, each with its LightningModule. */
export function lightningModules(): [string, Value][] {
  const base = new BuiltinObj('lightning.LightningModule', () => ({ kind: 'unknown' }));
  base.baseClass = LIGHTNING_MODULE;
  const members = (): Map<string, Value> => new Map([['LightningModule', obj(base)]]);
  const pytorch = obj(new PyModuleObj('lightning.pytorch', members()));
  return [
    ['pytorch_lightning', obj(new PyModuleObj('pytorch_lightning', members()))],
    ['pytorch_lightning.core', obj(new PyModuleObj('pytorch_lightning.core', members()))],
    ['lightning.pytorch', pytorch],
    ['lightning', obj(new PyModuleObj('lightning', new Map([...members(), ['pytorch', pytorch]])))],
  ];
}

/**
 * `self.save_hyperparameters()` in a constructor: the hyperparameters as Lightning collects them
 * from the calling frame (lightning/pytorch/utilities/parsing.py, save_hyperparameters): the
 * constructor's arguments but self, only the ones named when some are, without those in `ignore`.
 * Undefined when the call is not one we can read.
 */
export function savedHyperparameters(scope: Scope, fn: FunctionObj, args: readonly Value[], ignore: Value | undefined): Value | undefined {
  const named: string[] = [];
  for (const a of args) {
    if (a.kind !== 'str') return undefined;
    named.push(a.value);
  }
  const ignored = new Set<string>();
  if (ignore) {
    const items = ignore.kind === 'str' ? [ignore] : ignore.kind === 'list' || ignore.kind === 'tuple' ? ignore.items : undefined;
    for (const i of items ?? []) if (i.kind === 'str') ignored.add(i.value);
    if (!items || items.some((i) => i.kind !== 'str')) return undefined;
  }
  const out: Record<string, Value> = {};
  for (const p of fn.params.slice(1)) {
    if (p.kind === 'var-positional' || ignored.has(p.name) || (named.length > 0 && !named.includes(p.name))) continue;
    const v = scope.vars.get(p.name);
    if (v === undefined) return undefined;
    if (p.kind === 'var-keyword') {
      // **kwargs are hyperparameters one by one.
      const d = v.kind === 'object' ? (v.ref as { entries?: Map<string, [Value, Value]> }).entries : undefined;
      if (!d) return undefined;
      for (const [k, [, kv]] of d) if (!ignored.has(k)) out[k] = kv;
    } else out[p.name] = v;
  }
  return namespace(out);
}
