// Test helper: records TraceNodes the way the interpreter does (one per op application, tensors
// by identity) and packs them as a ModelRun, so lowerings can be tested without the interpreter.
import { applyFunction, callModule, constructModule, type ModuleInstance } from '../../engine/ops/apply';
import { lookupOp } from '../../engine/ops/registry';
import type { ModelRun, TraceNode } from '../../engine/ops/trace';
import { Dim } from '../../engine/shape/dim';
import type { DType } from '../../engine/ops/dtype';
import type { TensorValue, Value } from '../../engine/value';

export class TraceRecorder {
  readonly nodes: TraceNode[] = [];
  readonly modulePaths = new Map<ModuleInstance, string>();
  readonly tensorPaths = new Map<TensorValue, { path: string; kind: 'parameter' | 'buffer' | 'tensor' }>();
  private readonly producers = new Map<TensorValue, TraceNode>();

  input(shape: readonly (number | string)[], dtype: DType = 'float32'): TensorValue {
    return { kind: 'tensor', shape: shape.map((d) => (typeof d === 'number' ? Dim.of(d) : Dim.sym(d))), dtype };
  }

  /** Construct a layer (`torch.nn.Conv2d`) at a state_dict path (`features.0`). */
  module(name: string, path: string, args: readonly Value[] = [], kwargs: Record<string, Value> = {}): ModuleInstance {
    const op = lookupOp(name);
    if (!op || op.kind !== 'module') throw new Error(`no module ${name}`);
    const built = constructModule(op, args, kwargs);
    if (!built.ok) throw new Error(`${name}: ${built.error.message}`);
    if (!built.module) throw new Error(`${name}: not known statically`);
    this.modulePaths.set(built.module, path);
    return built.module;
  }

  call(module: ModuleInstance, args: readonly Value[], kwargs: Record<string, Value> = {}, training = false): Value {
    const r = callModule(module, args, kwargs, training);
    if (!r.ok) throw new Error(`${module.op.names[0]}: ${r.error.message}`);
    return this.record({ op: module.op, name: module.op.names[0], module, training, args: r.args ?? {}, output: r.value });
  }

  fn(name: string, args: readonly Value[], kwargs: Record<string, Value> = {}): Value {
    const op = lookupOp(name);
    if (!op || op.kind !== 'function') throw new Error(`no function ${name}`);
    const r = applyFunction(op, args, kwargs);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return this.record({ op, name, training: false, args: r.args ?? {}, output: r.value });
  }

  private record(n: Omit<TraceNode, 'index' | 'site'>): Value {
    const node: TraceNode = { ...n, index: this.nodes.length, site: { start: 0, end: 0 } };
    this.nodes.push(node);
    const visit = (v: Value): void => {
      if (v.kind === 'tensor') this.producers.set(v, node);
      else if (v.kind === 'tuple' || v.kind === 'list') v.items.forEach(visit);
    };
    visit(n.output);
    return n.output;
  }

  run(inputs: readonly Value[], output: Value): ModelRun {
    const producers = this.producers;
    return {
      site: { start: 0, end: 0 },
      inputs,
      output,
      nodes: this.nodes,
      modulePaths: this.modulePaths,
      tensorPaths: this.tensorPaths,
      producerOf: (t) => producers.get(t),
    };
  }
}

export const int = (n: number): Value => ({ kind: 'int', dim: Dim.of(n) });
export const float = (x: number): Value => ({ kind: 'float', value: x });
export const tuple = (...items: Value[]): Value => ({ kind: 'tuple', items });
export const list = (...items: Value[]): Value => ({ kind: 'list', items });
export const str = (s: string): Value => ({ kind: 'str', value: s });
export const bool = (b: boolean): Value => ({ kind: 'bool', value: b });
