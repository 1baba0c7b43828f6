// Forward inputs annotated with a plain class of the code that holds tensors, as DETR's
// `forward(self, tensor_list: NestedTensor)` reads `tensor_list.tensors` and `tensor_list.mask`:
// each attribute the class's constructor keeps an argument in is an input of its own
// (containerProbes.ts, kind 'fields'), its methods run on them.
import type { Expr, Stmt } from './ir';
import type { Value } from '../value';
import { ClassObj, FunctionObj, refOf } from './objects';

/**
 * The class an annotation names (`NestedTensor`, `misc.NestedTensor`), read through `lookup`, and
 * the attributes its constructor keeps its arguments in (`self.tensors = tensors`); undefined for
 * a module, a class whose constructor keeps none, or any other annotation.
 */
export function fieldsClass(annotation: Expr | undefined, lookup: (name: string) => Value | undefined): { cls: ClassObj; names: string[] } | undefined {
  const name = annotation?.k === 'name' ? annotation.id : annotation?.k === 'str' ? annotation.value : undefined;
  const found = name === undefined ? undefined : lookup(name);
  const cls = found && refOf(found, ClassObj);
  if (!cls || cls.isModule || cls.dataclassFields) return undefined;
  const init = refOf(cls.lookup('__init__')?.value ?? { kind: 'unknown' }, FunctionObj);
  if (!init || !Array.isArray(init.body)) return undefined;
  const params = new Set(init.params.slice(1).map((p) => p.name));
  const names: string[] = [];
  for (const s of init.body as readonly Stmt[]) {
    if (s.k !== 'assign' || s.targets.length !== 1 || s.value?.k !== 'name' || !params.has(s.value.id)) continue;
    const t = s.targets[0];
    if (t.k === 'attr' && t.obj.k === 'name' && t.obj.id === 'self') names.push(t.name);
  }
  return names.length > 0 ? { cls, names } : undefined;
}
