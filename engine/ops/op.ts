// The op declaration: one record per PyTorch function, tensor method or nn.Module, holding its
// signature, its shape rule and (for modules) its parameter shapes. Inference and, later,
// execution both read these declarations; nothing else knows an op's rules.
import type { Dim } from '../shape/dim';
import type { Shape } from '../shape/shape';
import type { Value } from '../value';
import type { DType } from './dtype';
import type { OnnxLowering, ParamInit } from './lowering';
import { sig, type BoundArgs, type Signature } from './signature';

/** A change to a constructor argument that would make the failing call succeed. */
export interface OpFix {
  readonly param: string;
  readonly value: Dim;
  /** For a pair argument (Flux's `in => out`): the side the value replaces, 0 for `in`. */
  readonly side?: 0 | 1;
  /** What users call the value, for the fix's title (`in`), when it is not the parameter's name. */
  readonly label?: string;
}

/** PyTorch's exception for a call, with our stable diagnostic code. */
export interface OpError {
  readonly code: string;
  /** Python exception class PyTorch raises: RuntimeError, ValueError, IndexError... */
  readonly exception: string;
  /** PyTorch's message, word for word. */
  readonly message: string;
  readonly fixes?: readonly OpFix[];
}

/** A condition the call needs but that symbolic dimensions leave open, e.g. `H*W = 49`. */
export interface Assumption {
  readonly code: string;
  readonly lhs: Dim;
  readonly rhs: Dim;
  /** `lhs = rhs` (the default) or `lhs >= rhs`. */
  readonly relation?: '=' | '>=';
  readonly message: string;
  readonly fixes?: readonly OpFix[];
}

/** Thrown inside rules by `fail`; turned into an error result by the apply functions. */
export class OpFailure {
  constructor(readonly error: OpError) {}

  get message(): string {
    return this.error.message;
  }
}

/**
 * Thrown inside rules when an argument is not known well enough: the result is Unknown. Not an
 * Error: it is thrown very often (most unknown arguments end here) and needs no stack trace.
 */
export class Unknowable {
  constructor(readonly reason = 'not known statically') {}

  get message(): string {
    return this.reason;
  }
}

export function fail(code: string, exception: string, message: string, fixes?: readonly OpFix[]): never {
  throw new OpFailure({ code, exception, message, fixes });
}

export function giveUp(reason?: string): never {
  throw new Unknowable(reason);
}

/**
 * Whose words an error uses where one layer catalogue serves two frameworks: Keras Python
 * ('keras', the default for keras.* declarations) or TensorFlow.js ('tfjs').
 */
export type Dialect = 'keras' | 'tfjs';

export interface OpContext {
  readonly assumptions: Assumption[];
  /** The calling module's `self.training` (false after `.eval()`, the default here). */
  readonly training: boolean;
  /** Unset for PyTorch ops; Keras declarations read it as 'keras' when unset. */
  readonly dialect?: Dialect;
}

export function newContext(training = false, dialect?: Dialect): OpContext {
  return dialect === undefined ? { assumptions: [], training } : { assumptions: [], training, dialect };
}

/**
 * `a` must equal `b`: a known mismatch throws the error that `mismatch` builds; an open question
 * under symbolic dimensions is recorded as an assumption and the rule goes on.
 */
export function requireEqual(ctx: OpContext, a: Dim, b: Dim, mismatch: () => OpError): void {
  const t = a.equals(b);
  if (t === 'yes') return;
  const error = mismatch();
  if (t === 'no') throw new OpFailure(error);
  ctx.assumptions.push({ code: error.code, lhs: a, rhs: b, message: `needs ${a} = ${b}`, fixes: error.fixes });
}

/** A named parameter or buffer, in `named_parameters()` / `named_buffers()` order. */
export interface NamedShape {
  readonly name: string;
  readonly shape: Shape;
  readonly dtype: DType;
}

export interface FunctionOp {
  readonly kind: 'function';
  /** Qualified names: `torch.cat`, `torch.nn.functional.conv2d`, `torch.Tensor.view`. */
  readonly names: readonly string[];
  readonly signature: Signature;
  /** Set when the rule handles tensors of unknown rank itself. */
  readonly unknownRankOk?: boolean;
  rule(args: BoundArgs, ctx: OpContext): Value;
  /** Lowering to ONNX nodes for the forward pass (engine/exec); absent = no kernel yet. */
  readonly onnx?: OnnxLowering;
}

export interface ModuleOp {
  readonly kind: 'module';
  /** Qualified names: `torch.nn.Conv2d` (and aliases). */
  readonly names: readonly string[];
  /** `__init__` without self. */
  readonly init: Signature;
  /** `forward` without self. */
  readonly forward: Signature;
  readonly unknownRankOk?: boolean;
  /** Raise PyTorch's constructor error for bad hyper-parameters (e.g. groups not dividing). */
  check?(self: BoundArgs, ctx: OpContext): void;
  /** Parameters, as `named_parameters()` lists them. */
  params(self: BoundArgs): readonly NamedShape[];
  /** Buffers, as `named_buffers()` lists them. */
  buffers?(self: BoundArgs): readonly NamedShape[];
  rule(self: BoundArgs, inputs: BoundArgs, ctx: OpContext): Value;
  /** Lowering to ONNX nodes for the forward pass (engine/exec); absent = no kernel yet. */
  readonly onnx?: OnnxLowering;
  /** PyTorch's default initialisation of the parameters and buffers (reset_parameters). */
  readonly reset?: ParamInit;
}

export type OpDecl = FunctionOp | ModuleOp;

interface FunctionSpec {
  names: readonly string[];
  signature: string;
  unknownRankOk?: boolean;
  rule(args: BoundArgs, ctx: OpContext): Value;
  onnx?: OnnxLowering;
}

interface ModuleSpec {
  names: readonly string[];
  init: string;
  forward: string;
  unknownRankOk?: boolean;
  check?(self: BoundArgs, ctx: OpContext): void;
  params(self: BoundArgs): readonly NamedShape[];
  buffers?(self: BoundArgs): readonly NamedShape[];
  rule(self: BoundArgs, inputs: BoundArgs, ctx: OpContext): Value;
  onnx?: OnnxLowering;
  reset?: ParamInit;
}

export function defineFunction(spec: FunctionSpec): FunctionOp {
  return { ...spec, kind: 'function', signature: sig(spec.signature) };
}

export function defineModule(spec: ModuleSpec): ModuleOp {
  return { ...spec, kind: 'module', init: sig(spec.init), forward: sig(spec.forward) };
}
