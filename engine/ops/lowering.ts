// The ONNX lowering contract between op declarations (engine/ops) and the executor (engine/exec).
// A declaration's `onnx` function receives one traced call with concrete sizes and emits ONNX
// nodes through the `OnnxGraph` the executor provides; it returns the ONNX value name(s) of its
// output, shaped like the traced output value (a name per tensor, nested arrays for tuples).
import type { Value } from '../value';
import type { DType } from './dtype';
import type { BoundArgs } from './signature';

/** An ONNX attribute: a plain number is an INT, so floats are tagged with `float()`. */
export type OnnxAttr =
  | number
  | string
  | readonly number[]
  | { readonly float: number }
  | { readonly floats: readonly number[] }
  | { readonly strings: readonly string[] };

export function float(value: number): { readonly float: number } {
  return { float: value };
}

export function floats(values: readonly number[]): { readonly floats: readonly number[] } {
  return { floats: values };
}

/** The ONNX value name(s) for a call's output: one per tensor, `undefined` for non-tensors. */
export type Lowered = string | undefined | readonly Lowered[];

/** One traced call, as the lowering sees it. */
export interface OnnxCall {
  /** The qualified name it was called by (one declaration may serve several names). */
  readonly name: string;
  /** The function's arguments, or the layer's forward arguments. */
  readonly args: BoundArgs;
  /** For a layer: its bound constructor arguments. */
  readonly self: BoundArgs | undefined;
  /** What the shape rule returned: the output shapes the lowering must produce. */
  readonly output: Value;
  readonly training: boolean;
}

export type OnnxElemType = 'float32' | 'float64' | 'float16' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';

/** What a lowering may do; implemented by engine/exec. */
export interface OnnxGraph {
  /** The ONNX name of a tensor argument (traced by identity); a Python number becomes a constant. */
  input(v: Value, dtype?: DType): string;
  /** `input`, cast to `dtype` when its element type differs. */
  inputAs(v: Value, dtype: DType): string;
  /** A layer's parameter or buffer by its `named_parameters()` name (`weight`, `bias_ih_l0`). */
  param(name: string): string;
  /** The concrete shape of a layer's parameter or buffer. */
  paramShape(name: string): number[];
  /** Whether the layer has that parameter or buffer. */
  hasParam(name: string): boolean;
  /** The concrete shape of a tensor value (symbolic sizes take the run's value). */
  shape(v: Value): number[];
  /** The element type of a tensor value (float32 when unknown). */
  dtype(v: Value): DType;
  /** A concrete int from an int argument (a symbolic int takes the run's value). */
  int(v: Value): number;
  /** Emit one node; returns its output names (`outputs` of them). */
  node(opType: string, inputs: readonly string[], attrs?: Readonly<Record<string, OnnxAttr>>, outputs?: number): string[];
  /** Emit one node with one output. */
  op(opType: string, inputs: readonly string[], attrs?: Readonly<Record<string, OnnxAttr>>): string;
  /** A constant tensor. */
  constant(values: ArrayLike<number> | ArrayLike<bigint>, dims: readonly number[], dtype: OnnxElemType): string;
  /** int64 constant vector (shapes, axes, pads). */
  ints(values: readonly number[]): string;
  /** float32 scalar (or a scalar of `dtype`). */
  scalar(value: number, dtype?: DType): string;
  /** The run's seeded generator (torch.randn and friends become seeded constants). */
  readonly random: InitRandom;
  /** Add floating point operations for the layer table (2 per multiply-add). */
  flops(n: number): void;
  /** Stop lowering: the trace cannot run this call (it is named in the preview). */
  noKernel(reason?: string): never;
  /**
   * Let a tensor value made by the lowering itself stand for an ONNX name, so that another
   * declaration's lowering can take it as an argument (a wrapper handing its layer a reshaped view).
   */
  bind(v: Value, name: string): void;
}

export type OnnxLowering = (g: OnnxGraph, call: OnnxCall) => Lowered;

/** A source of random numbers for parameter initialisation (seeded by the executor). */
export interface InitRandom {
  uniform(n: number, low: number, high: number): Float32Array;
  normal(n: number, mean: number, std: number): Float32Array;
}

/** One parameter or buffer with a concrete shape. */
export interface ConcreteParam {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/**
 * PyTorch's `reset_parameters` for a layer: the initial value of each parameter and buffer.
 * Returns undefined for a name it does not set (the executor then uses zeros).
 */
export type ParamInit = (self: BoundArgs, p: ConcreteParam, rng: InitRandom, all: readonly ConcreteParam[]) => Float32Array | undefined;
