// Calling op declarations from tests by qualified name, and the abstract values they take.
import assert from 'node:assert/strict';
import { Dim } from '../../engine/shape/dim';
import type { Value } from '../../engine/value';
import type { DType } from '../../engine/ops/dtype';
import { applyFunction, callModule, constructModule, type ModuleInstance, type OpResult } from '../../engine/ops/apply';
import { lookupOp } from '../../engine/ops/registry';

export const intValue = (d: Dim | number): Value => ({ kind: 'int', dim: Dim.of(d) });
export const strValue = (value: string): Value => ({ kind: 'str', value });
export const boolValue = (value: boolean): Value => ({ kind: 'bool', value });
export const tensorValue = (dims: readonly (Dim | number)[], dtype: DType = 'float32'): Value => ({ kind: 'tensor', shape: dims.map(Dim.of), dtype });

/** `torch.cat(...)`, `torch.Tensor.view(...)`: apply a function declaration. */
export function runFunction(name: string, args: Value[], kwargs: Record<string, Value> = {}): OpResult {
  const op = lookupOp(name);
  assert.ok(op && op.kind === 'function', `no function ${name}`);
  return applyFunction(op, args, kwargs);
}

/** `nn.Conv2d(...)`: build a layer (the test fails if it does not build). */
export function buildModule(name: string, args: Value[], kwargs: Record<string, Value> = {}): ModuleInstance {
  const op = lookupOp(name);
  assert.ok(op && op.kind === 'module', `no module ${name}`);
  const built = constructModule(op, args, kwargs);
  assert.ok(built.ok && built.module, `${name} did not build`);
  return built.module;
}

/** Build a layer and call it on `inputs`. */
export function runModule(
  name: string, args: Value[], kwargs: Record<string, Value>, inputs: Value[], callKwargs: Record<string, Value> = {}, training = false,
): OpResult {
  return callModule(buildModule(name, args, kwargs), inputs, callKwargs, training);
}
