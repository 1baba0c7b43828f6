// The op trace: every op the interpreter applied to abstract tensors, in order, like a torch.fx
// graph. Tensors are identified by object identity (a TensorValue is never copied), so a node's
// inputs are found by looking up which earlier node produced that very object. The executor
// (engine/exec) lowers a slice of this trace to ONNX; it never re-runs the interpreter.
import type { TensorValue, Value } from '../value';
import type { ModuleInstance } from './apply';
import type { OpDecl } from './op';
import type { BoundArgs } from './signature';

/** A source range, UTF-16 offsets (the interpreter's Range, repeated to keep ops parser-free). */
export interface SourceSpan {
  readonly start: number;
  readonly end: number;
}

export interface TraceNode {
  /** Position in the whole analysis' trace. */
  readonly index: number;
  readonly op: OpDecl;
  /** The qualified name it was called by (`torch.nn.Conv2d`, `torch.Tensor.view`, `torch.cat`). */
  readonly name: string;
  /** For a layer call: the layer (its bound constructor arguments and parameter shapes). */
  readonly module?: ModuleInstance;
  /** For a layer call: `training` at the time of the call. */
  readonly training: boolean;
  /** Bound arguments: the function's, or the layer's forward's. Tensors by identity. */
  readonly args: BoundArgs;
  /** What the rule returned (a tensor, or a tuple/list of them, or UNKNOWN). */
  readonly output: Value;
  readonly site: SourceSpan;
  /** True when the op ran in code of another file (an import): `site` is an offset in that file. */
  readonly foreign?: boolean;
}

/**
 * One call of a model from user code (`model(x)` at a call site, or a seeded forward), with
 * what the executor needs to rebuild it: which slice of the trace ran inside, the inputs and
 * output, and PyTorch's `state_dict` name of every layer and free tensor (nn.Parameter,
 * register_buffer) it used, so weights can be initialised or loaded by name.
 */
export interface ModelRun {
  readonly site: SourceSpan;
  /** The positional inputs, as passed (tensors by identity; non-tensors as values). */
  readonly inputs: readonly Value[];
  readonly output: Value;
  /** Trace nodes recorded during this call, in order (`index` within the whole trace). */
  readonly nodes: readonly TraceNode[];
  /** `features.0` for each layer of the model tree (the prefix of its parameters' names). */
  readonly modulePaths: ReadonlyMap<ModuleInstance, string>;
  /** `pos_embed`, `blocks.0.scale` for tensors held as attributes (parameters and buffers). */
  readonly tensorPaths: ReadonlyMap<TensorValue, { readonly path: string; readonly kind: 'parameter' | 'buffer' | 'tensor' }>;
  /** The node that produced a tensor used inside but made outside the call (e.g. torch.randn in __init__). */
  producerOf(t: TensorValue): TraceNode | undefined;
  /** True for a tensor changed in place (`x.mul_(2)`): its value is not the one its producer made. */
  changedInPlace?(t: TensorValue): boolean;
}
