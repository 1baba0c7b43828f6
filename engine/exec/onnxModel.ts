// ONNX ModelProto / GraphProto as plain data, and their protobuf encoding (field numbers from
// onnx/onnx.proto). Only what a forward pass needs: nodes, initializers, inputs, outputs.
// A model's parameters can be left out of the encoding: as graph inputs (fed with each run) or as
// initializers whose data is a placeholder, filled in by whoever holds the weights.
import { ProtoWriter, type Chunk } from './protobuf';

/** ONNX TensorProto.DataType codes for the element types we use. */
export const ONNX_DTYPE = {
  float32: 1, uint8: 2, int8: 3, int16: 5, int32: 6, int64: 7, bool: 9, float16: 10, float64: 11,
} as const;
export type OnnxElem = keyof typeof ONNX_DTYPE;

/** An attribute value. A plain number is an INT; floats are tagged, since ONNX types are strict. */
export type AttrValue =
  | number
  | string
  | readonly number[]
  | { readonly float: number }
  | { readonly floats: readonly number[] }
  | { readonly strings: readonly string[] }
  | { readonly tensor: TensorData };

export interface NodeData {
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attrs?: Readonly<Record<string, AttrValue>>;
  readonly name?: string;
  readonly domain?: string;
}

export interface TensorData {
  readonly name?: string;
  readonly dims: readonly number[];
  readonly elem: OnnxElem;
  /** Little-endian element bytes (raw_data). */
  readonly raw: Uint8Array;
}

export interface ValueInfo {
  readonly name: string;
  readonly elem: OnnxElem;
  readonly dims?: readonly number[];
}

export interface GraphData {
  readonly name: string;
  readonly nodes: readonly NodeData[];
  readonly initializers: readonly TensorData[];
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  readonly valueInfo?: readonly ValueInfo[];
}

export const OPSET = 17;
const IR_VERSION = 8;

export function encodeModel(graph: GraphData, opset = OPSET): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, IR_VERSION);
  w.string(2, 'tensor-shape-hints');
  w.message(7, (g) => writeGraph(g, graph));
  w.message(8, (o) => o.string(1, '').int(2, opset));
  return w.finish();
}

function writeGraph(w: ProtoWriter, g: GraphData): void {
  for (const n of g.nodes) w.message(1, (m) => writeNode(m, n));
  w.string(2, g.name);
  for (const t of g.initializers) w.message(5, (m) => writeTensor(m, t));
  for (const v of g.inputs) w.message(11, (m) => writeValueInfo(m, v));
  for (const v of g.outputs) w.message(12, (m) => writeValueInfo(m, v));
  for (const v of g.valueInfo ?? []) w.message(13, (m) => writeValueInfo(m, v));
}

/** A parameter of the model whose data is not part of the encoding. */
export interface ParamInfo {
  readonly name: string;
  readonly dims: readonly number[];
  readonly elem: OnnxElem;
}

export interface ModelLayout {
  /** The model with the parameters as graph inputs, after the graph's own inputs (small: no weights). */
  readonly paramsAsInputs: Uint8Array;
  /**
   * The model with the parameters as initializers (constant, so onnxruntime can fold and fuse
   * them): bytes, and placeholders whose `index` is the parameter whose raw data goes there.
   */
  readonly paramsAsInitializers: readonly Chunk[];
}

/** Both encodings of a graph whose parameters are given apart (`params`, by position). */
export function encodeModelLayout(graph: GraphData, params: readonly ParamInfo[], opset = OPSET): ModelLayout {
  // The nodes are most of the graph: encoded once, spliced into both models.
  const nodes = new ProtoWriter();
  for (const n of graph.nodes) nodes.message(1, (m) => writeNode(m, n));
  const model = (graphFields: (g: ProtoWriter) => void): ProtoWriter => {
    const w = new ProtoWriter();
    w.int(1, IR_VERSION);
    w.string(2, 'tensor-shape-hints');
    w.message(7, (g) => {
      g.append(nodes);
      g.string(2, graph.name);
      for (const t of graph.initializers) g.message(5, (m) => writeTensor(m, t));
      graphFields(g);
      for (const v of graph.outputs) g.message(12, (m) => writeValueInfo(m, v));
    });
    w.message(8, (o) => o.string(1, '').int(2, opset));
    return w;
  };
  const asInputs = model((g) => {
    for (const v of graph.inputs) g.message(11, (m) => writeValueInfo(m, v));
    for (const p of params) g.message(11, (m) => writeValueInfo(m, p));
  });
  const asInitializers = (): Chunk[] => model((g) => {
    params.forEach((p, index) => g.message(5, (m) => {
      m.packedInts(1, p.dims);
      m.int(2, ONNX_DTYPE[p.elem]);
      m.string(8, p.name);
      m.placeholder(9, index, p.dims.reduce((a, b) => a * b, 1) * ELEM_BYTES[p.elem]);
    }));
    for (const v of graph.inputs) g.message(11, (m) => writeValueInfo(m, v));
  }).parts();
  let initializers: Chunk[] | undefined;
  return {
    paramsAsInputs: asInputs.finish(),
    // Encoded when first asked for: a new model's first session takes its parameters as inputs,
    // the optimised one (made after the first result) is the first to need this form.
    get paramsAsInitializers() {
      return (initializers ??= asInitializers());
    },
  };
}

const ELEM_BYTES: Record<OnnxElem, number> = { float32: 4, uint8: 1, int8: 1, int16: 2, int32: 4, int64: 8, bool: 1, float16: 2, float64: 8 };

function writeNode(w: ProtoWriter, n: NodeData): void {
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  if (n.name) w.string(3, n.name);
  w.string(4, n.opType);
  for (const [name, value] of Object.entries(n.attrs ?? {})) w.message(5, (m) => writeAttr(m, name, value));
  if (n.domain) w.string(7, n.domain);
}

// AttributeProto.AttributeType
const FLOAT = 1, INT = 2, STRING = 3, TENSOR = 4, FLOATS = 6, INTS = 7, STRINGS = 8;

function writeAttr(w: ProtoWriter, name: string, v: AttrValue): void {
  w.string(1, name);
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new Error(`attribute ${name}: ${v} is not an int (tag floats with {float})`);
    w.int(3, v).int(20, INT);
  } else if (typeof v === 'string') {
    w.string(4, v).int(20, STRING);
  } else if (Array.isArray(v)) {
    for (const x of v as number[]) {
      if (!Number.isInteger(x)) throw new Error(`attribute ${name}: ${x} is not an int`);
    }
    w.packedInts(8, v as number[]).int(20, INTS);
  } else if ('float' in v) {
    w.float(2, v.float).int(20, FLOAT);
  } else if ('floats' in v) {
    w.packedFloats(7, v.floats).int(20, FLOATS);
  } else if ('strings' in v) {
    for (const s of v.strings) w.string(9, s);
    w.int(20, STRINGS);
  } else if ('tensor' in v) {
    w.message(5, (m) => writeTensor(m, v.tensor)).int(20, TENSOR);
  }
}

function writeTensor(w: ProtoWriter, t: TensorData): void {
  w.packedInts(1, t.dims);
  w.int(2, ONNX_DTYPE[t.elem]);
  if (t.name) w.string(8, t.name);
  w.bytes(9, t.raw);
}

function writeValueInfo(w: ProtoWriter, v: ValueInfo): void {
  w.string(1, v.name);
  w.message(2, (type) => type.message(1, (tensor) => {
    tensor.int(1, ONNX_DTYPE[v.elem]);
    if (v.dims) tensor.message(2, (shape) => { for (const d of v.dims!) shape.message(1, (dim) => dim.int(1, d)); });
  }));
}

/** Raw little-endian bytes of typed data (the platforms we run on are little-endian). */
export function rawBytes(data: Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array | Int8Array | Int16Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
