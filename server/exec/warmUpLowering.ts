// The lowering's JavaScript warmed when the executor starts: a tiny traced model (the layers of
// warmUpModel.ts: Conv2d, BatchNorm2d, relu, max_pool2d, flatten, Linear, softmax) lowered and
// encoded a few dozen times, so that V8 has optimised the lowering, the encoder and the generator
// before the first real pass, which runs each of them once (too few calls to be optimised).
// The classes' shapes kept alive (random.ts, protobuf.ts) keep that code across collections.
import { lowerRun } from '../../engine/exec/lower';
import { applyFunction, callModule, constructModule, type ModuleInstance } from '../../engine/ops/apply';
import { lookupOp } from '../../engine/ops/registry';
import type { ModelRun, TraceNode } from '../../engine/ops/trace';
import { Dim } from '../../engine/shape/dim';
import type { TensorValue, Value } from '../../engine/value';

/** Lowerings made: about 30 get the common functions optimised (measured: LOWERING.md). */
const ROUNDS = 30;
/** Lowerings per turn of the event loop (each 1-4 ms cold): the server's requests go between. */
const PER_TURN = 3;

const int = (n: number): Value => ({ kind: 'int', dim: Dim.of(n) });

/** The tiny model's forward pass as the interpreter records it: [1, 2, 6, 6] -> [1, 5]. */
function tinyRun(): ModelRun {
  const nodes: TraceNode[] = [];
  const modulePaths = new Map<ModuleInstance, string>();
  const producers = new Map<TensorValue, TraceNode>();
  const record = (n: Omit<TraceNode, 'index' | 'site'>): Value => {
    const node: TraceNode = { ...n, index: nodes.length, site: { start: 0, end: 0 } };
    nodes.push(node);
    if (n.output.kind === 'tensor') producers.set(n.output, node);
    return n.output;
  };
  const layer = (name: string, path: string, args: Value[], kwargs: Record<string, Value>, x: Value): Value => {
    const op = lookupOp(name);
    if (!op || op.kind !== 'module') throw new Error(`no module ${name}`);
    const built = constructModule(op, args, kwargs);
    if (!built.ok || !built.module) throw new Error(`${name} was not built`);
    modulePaths.set(built.module, path);
    const r = callModule(built.module, [x], {}, false);
    if (!r.ok) throw new Error(r.error.message);
    return record({ op, name, module: built.module, training: false, args: r.args ?? {}, output: r.value });
  };
  const fn = (name: string, args: Value[], kwargs: Record<string, Value> = {}): Value => {
    const op = lookupOp(name);
    if (!op || op.kind !== 'function') throw new Error(`no function ${name}`);
    const r = applyFunction(op, args, kwargs);
    if (!r.ok) throw new Error(r.error.message);
    return record({ op, name, training: false, args: r.args ?? {}, output: r.value });
  };
  const input: TensorValue = { kind: 'tensor', shape: [1, 2, 6, 6].map((d) => Dim.of(d)), dtype: 'float32' };
  let x = layer('torch.nn.Conv2d', 'conv', [int(2), int(4), int(3)], { padding: int(1) }, input);
  x = layer('torch.nn.BatchNorm2d', 'bn', [int(4)], {}, x);
  x = fn('torch.nn.functional.max_pool2d', [fn('torch.nn.functional.relu', [x]), int(2)]);
  x = layer('torch.nn.Linear', 'fc', [int(36), int(5)], {}, fn('torch.flatten', [x, int(1)]));
  const output = fn('torch.nn.functional.softmax', [x], { dim: int(1) });
  return { site: { start: 0, end: 0 }, inputs: [input], output, nodes, modulePaths, tensorPaths: new Map(), producerOf: (t) => producers.get(t) };
}

let warmed: Promise<void> | undefined;

/** Lower (with weights and both encodings) the tiny model ROUNDS times, a few per turn; once per process. */
export function warmUpLowering(): Promise<void> {
  warmed ??= lowerRounds().catch(() => undefined);
  return warmed;
}

async function lowerRounds(): Promise<void> {
  for (let i = 0; i < ROUNDS; i += PER_TURN) {
    for (let k = i; k < Math.min(ROUNDS, i + PER_TURN); k++) {
      const r = lowerRun(tinyRun(), { symbolicDimSize: 1, seed: k });
      if (!r.ok) throw new Error(r.reason);
      void r.model.layout.paramsAsInitializers;
      r.model.makeParams();
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}
