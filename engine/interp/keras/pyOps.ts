// Operators on Keras symbolic tensors (`x += residual`, `x * gate`, `x[:, 0]`): Keras 3 makes each
// an operation of the functional graph (keras/src/ops/numpy.py Add, Multiply...; summary rows such
// as `add (Add)` with no weights). Here each is a graph node whose layer replays the operator.
import type { TensorValue, Value } from '../../value';
import { UNKNOWN } from '../../value';
import { autoLayerName } from '../../ops/keras';
import { registerTensorOpHook } from '../attrSource';
import type { Host } from '../host';
import type { Range } from '../ir';
import { applyFunction } from '../../ops/apply';
import type { FunctionOp } from '../../ops/op';
import { addNode, type GraphNode } from './graph';
import { tagged } from './values';
import { isSymbolic, kerasRun, tensorsOf, type GraphLayer } from './state';
import type { TraceNode } from '../../ops/trace';

/** The Keras operation class behind a Python operator method. */
const CLASSES: Readonly<Record<string, string>> = {
  __add__: 'Add', __radd__: 'Add', __sub__: 'Subtract', __rsub__: 'Subtract', __mul__: 'Multiply', __rmul__: 'Multiply',
  __truediv__: 'TrueDivide', __rtruediv__: 'TrueDivide', __matmul__: 'Matmul', __rmatmul__: 'Matmul', __pow__: 'Power',
  __getitem__: 'GetItem', __neg__: 'Negative',
};

class OperatorLayer implements GraphLayer {
  readonly nodes: GraphNode[] = [];
  constructor(readonly layerName: string, readonly className: string, private readonly method: string, private readonly args: readonly Value[]) {}

  paramCounts(): { trainable: number; nonTrainable: number } {
    return { trainable: 0, nonTrainable: 0 };
  }

  /** Replay on real tensors: the node's inputs are `self` then the tensor arguments, in order. */
  run(host: Host, inputs: Value, site: Range): Value {
    const ts = inputs.kind === 'list' ? inputs.items : [inputs];
    const [self, ...rest] = ts;
    if (!self || self.kind !== 'tensor') return UNKNOWN;
    let k = 0;
    const args = this.args.map((a) => (a.kind === 'tensor' ? rest[k++] ?? UNKNOWN : a));
    return host.callTensorMethod(self, this.method, { args, kwargs: {} }, site);
  }
}

registerTensorOpHook('keras', (host: Host, self: TensorValue, name: string, args: readonly Value[], result: TensorValue): Value => {
  const tensors = [self, ...args.filter((a): a is TensorValue => a.kind === 'tensor')];
  if (!tensors.some((t) => isSymbolic(host, t))) return result;
  // A symbolic tensor beside a real one is a constant of the graph: not followed here.
  if (!tensors.every((t) => isSymbolic(host, t)) || host.inForeignCode) return UNKNOWN;
  const className = CLASSES[name];
  if (!className) return UNKNOWN;
  const layer = new OperatorLayer(autoLayerName('keras', className, kerasRun(host).counters), className, name, args);
  return addNode(host, layer, tensors.length === 1 ? tensors[0] : { kind: 'list', items: tensors }, result).outputValue;
});

/** A keras.ops function applied to KerasTensors (`keras.ops.mean(x, axis=1)`): replayed with the same arguments. */
class FunctionLayer implements GraphLayer {
  readonly nodes: GraphNode[] = [];
  constructor(readonly layerName: string, readonly className: string, private readonly op: FunctionOp) {}

  paramCounts(): { trainable: number; nonTrainable: number } {
    return { trainable: 0, nonTrainable: 0 };
  }

  /** `inputs` is the argument list with its tensors replaced by the real ones; traced for the sample pass. */
  run(host: Host, inputs: Value, site: Range): Value {
    if (inputs.kind !== 'list') return UNKNOWN;
    const r = applyFunction(this.op, inputs.items);
    if (!r.ok) return UNKNOWN;
    const out = tagged(r.value, 'keras');
    const run = kerasRun(host);
    if (r.args) {
      const node: TraceNode = { index: run.trace.length, op: this.op, name: `keras.ops.${this.layerName.replace(/_\d+$/, '')}`, training: false, args: r.args, output: out, site, foreign: host.inForeignCode || undefined };
      run.trace.push(node);
      for (const t of tensorsOf(out)) run.traceProducers.set(t, node);
    }
    return out;
  }
}

/** The graph node of a keras.ops call on KerasTensors; its output is `out`. */
export function symbolicOp(host: Host, className: string, op: FunctionOp, args: readonly Value[], out: Value): Value {
  const layer = new FunctionLayer(autoLayerName('keras', className, kerasRun(host).counters), className, op);
  return addNode(host, layer, { kind: 'list', items: [...args] }, out).outputValue;
}
