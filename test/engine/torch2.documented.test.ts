// PyTorch 2 APIs that the PyTorch 1.13 oracle cannot run, checked against their DOCUMENTATION:
// every case cites the page (and section) it is derived from; error texts cite PyTorch's source.
// Where the documentation leaves the outcome to the backend PyTorch picks, the expected result
// is "unknown" (no hint, no error). Their numbers are checked in test/exec/ops.conformance.test.ts
// against the documented formulas evaluated by PyTorch 1.13 (test/oracle/conformance/torch2_reference.py).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Dim } from '../../engine/shape/dim';
import type { Value } from '../../engine/value';
import type { DType } from '../../engine/ops/dtype';
import { callModule, type OpResult } from '../../engine/ops/apply';
import { initPythonParser } from '../../server/frontends/python/parser';
import { analyzePythonText } from '../../server/analyzeFile';
import { boolValue, buildModule, intValue, runFunction, tensorValue } from '../support/ops';

const SDPA_DOC = 'https://pytorch.org/docs/stable/generated/torch.nn.functional.scaled_dot_product_attention.html';
const FLEX_DOC = 'https://pytorch.org/docs/stable/nn.attention.flex_attention.html';
const RMS_DOC = 'https://pytorch.org/docs/stable/generated/torch.nn.RMSNorm.html';
const RMS_F_DOC = 'https://pytorch.org/docs/stable/generated/torch.nn.functional.rms_norm.html';
const PAD_DOC = (n: number): string => `https://pytorch.org/docs/stable/generated/torch.nn.CircularPad${n}d.html`;
const BUFFER_DOC = 'https://pytorch.org/docs/stable/generated/torch.nn.parameter.Buffer.html';
const COMPILE_DOC = 'https://pytorch.org/docs/stable/generated/torch.compile.html';
/** pytorch/pytorch aten/src/ATen/native/transformers/attention.cpp: validate_sdpa_input. */
const SDPA_SRC = 'attention.cpp validate_sdpa_input';
/** pytorch/pytorch aten/src/ATen/native/transformers/attention.cpp: pre_process_group_query_attention_input. */
const GQA_SRC = 'attention.cpp pre_process_group_query_attention_input';
/** pytorch/pytorch torch/nn/attention/flex_attention.py: flex_attention and _validate_embed_dim. */
const FLEX_SRC = 'flex_attention.py flex_attention';
/** pytorch/pytorch aten/src/ATen/native/layer_norm.h:11-41, _check_rms_norm_inputs_symint. */
const RMS_SRC = 'layer_norm.h _check_rms_norm_inputs_symint';
/** pytorch/pytorch torch/nn/modules/padding.py CircularPadNd._check_input_dim; aten/src/ATen/native/PadNd.cpp _pad_circular_symint. */
const PAD_SRC = 'padding.py _check_input_dim / PadNd.cpp _pad_circular_symint';

const B = Dim.sym('B');
const L = Dim.sym('L');
const S = Dim.sym('S');
const t = (dims: (Dim | number)[], dtype: DType = 'float32'): Value => tensorValue(dims, dtype);
const float = (value: number): Value => ({ kind: 'float', value });
const tupleOf = (...items: number[]): Value => ({ kind: 'tuple', items: items.map(intValue) });
const UNKNOWN_VALUE: Value = { kind: 'unknown' };

/** A result in one line: `[2, 8, 5, 32] float32`, `([..], [..])`, `unknown`, `RuntimeError: ...`. */
function show(r: OpResult): string {
  if (!r.ok) return `${r.error.exception}: ${r.error.message}`;
  const one = (v: Value): string =>
    v.kind === 'tensor' ? `[${v.shape!.join(', ')}] ${v.dtype ?? '?'}` : v.kind === 'tuple' ? `(${v.items.map(one).join(', ')})` : v.kind;
  return one(r.value);
}

interface FnCase {
  /** The documentation (or source) the expectation is read from. */
  readonly source: string;
  readonly name: string;
  readonly args: Value[];
  readonly kwargs?: Record<string, Value>;
  readonly expect: string;
  /** Open conditions the call leaves (symbolic sizes). */
  readonly conditions?: string[];
}

const SDPA = 'torch.nn.functional.scaled_dot_product_attention';
const FLEX = 'torch.nn.attention.flex_attention.flex_attention';

const sdpaCases: FnCase[] = [
  // Parameters/Returns: query (N,...,Hq,L,E), key (N,...,H,S,E), value (N,...,H,S,Ev) -> (N,...,Hq,L,Ev).
  { source: `${SDPA_DOC} Returns`, name: SDPA, args: [t([2, 8, 5, 16]), t([2, 8, 7, 16]), t([2, 8, 7, 32])], expect: '[2, 8, 5, 32] float32' },
  { source: `${SDPA_DOC} Shape legend: "...: any number of other batch dimensions (optional)"`, name: SDPA, args: [t([4, 5, 16]), t([4, 7, 16]), t([4, 7, 16])], expect: '[4, 5, 16] float32' },
  { source: `${SDPA_DOC} Shape legend`, name: SDPA, args: [t([2, 3, 4, 5, 16]), t([2, 3, 4, 7, 16]), t([2, 3, 4, 7, 8])], expect: '[2, 3, 4, 5, 8] float32' },
  { source: `${SDPA_DOC} (2-D: no batch dims; the equivalent implementation is plain @)`, name: SDPA, args: [t([5, 16]), t([7, 16]), t([7, 4])], expect: '[5, 4] float32' },
  // The equivalent implementation multiplies with @, which broadcasts batch dims.
  { source: `${SDPA_DOC} equivalent implementation (query @ key.transpose(-2, -1))`, name: SDPA, args: [t([2, 8, 5, 16]), t([1, 8, 7, 16]), t([1, 8, 7, 16])], expect: '[2, 8, 5, 16] float32' },
  { source: `${SDPA_DOC} Returns (dtype: the output follows query)`, name: SDPA, args: [t([2, 5, 16], 'float64'), t([2, 7, 16], 'float64'), t([2, 7, 16], 'float64')], expect: '[2, 5, 16] float64' },
  // attn_mask: "shape must be broadcastable to the shape of attention weights, which is (N,...,L,S)"; bool or float.
  { source: `${SDPA_DOC} Parameters: attn_mask`, name: SDPA, args: [t([2, 8, 5, 16]), t([2, 8, 7, 16]), t([2, 8, 7, 16])], kwargs: { attn_mask: t([5, 7], 'bool') }, expect: '[2, 8, 5, 16] float32' },
  { source: `${SDPA_DOC} Parameters: attn_mask`, name: SDPA, args: [t([2, 8, 5, 16]), t([2, 8, 7, 16]), t([2, 8, 7, 16])], kwargs: { attn_mask: t([2, 1, 5, 7]) }, expect: '[2, 8, 5, 16] float32' },
  { source: `${SDPA_DOC} Parameters: attn_mask (not broadcastable: the error depends on the backend)`, name: SDPA, args: [t([2, 8, 5, 16]), t([2, 8, 7, 16]), t([2, 8, 7, 16])], kwargs: { attn_mask: t([5, 6], 'bool') }, expect: 'unknown' },
  // is_causal: a lower-triangular mask, also when L != S.
  { source: `${SDPA_DOC} Parameters: is_causal`, name: SDPA, args: [t([2, 8, 5, 16]), t([2, 8, 9, 16]), t([2, 8, 9, 16])], kwargs: { is_causal: boolValue(true) }, expect: '[2, 8, 5, 16] float32' },
  { source: `${SDPA_DOC} Parameters: is_causal ("An error is thrown if both attn_mask and is_causal are set"; its text depends on the backend)`, name: SDPA,
    args: [t([2, 8, 5, 16]), t([2, 8, 5, 16]), t([2, 8, 5, 16])], kwargs: { is_causal: boolValue(true), attn_mask: t([5, 5], 'bool') }, expect: 'unknown' },
  { source: `${SDPA_DOC} Parameters: scale, dropout_p (no shape change)`, name: SDPA, args: [t([2, 8, 5, 16]), t([2, 8, 7, 16]), t([2, 8, 7, 16]), { kind: 'none' }, float(0.1)], kwargs: { scale: float(0.25) }, expect: '[2, 8, 5, 16] float32' },
  // enable_gqa: key/value heads repeat_interleave'd to the query heads (equivalent implementation).
  { source: `${SDPA_DOC} Parameters: enable_gqa; equivalent implementation (repeat_interleave)`, name: SDPA, args: [t([2, 8, 5, 16]), t([2, 2, 7, 16]), t([2, 2, 7, 32])], kwargs: { enable_gqa: boolValue(true) }, expect: '[2, 8, 5, 32] float32' },
  { source: `${SDPA_DOC} Parameters: enable_gqa (MQA: one key/value head)`, name: SDPA, args: [t([2, 8, 5, 16]), t([2, 1, 7, 16]), t([2, 1, 7, 16])], kwargs: { enable_gqa: boolValue(true), is_causal: boolValue(true) }, expect: '[2, 8, 5, 16] float32' },
  { source: GQA_SRC, name: SDPA, args: [t([2, 8, 5, 16]), t([2, 3, 7, 16]), t([2, 3, 7, 16])], kwargs: { enable_gqa: boolValue(true) },
    expect: 'RuntimeError: Number of heads in key and value must divide the number of heads in ' },
  { source: `${SDPA_DOC} (heads differ without enable_gqa: the broadcast fails with a backend-dependent text)`, name: SDPA, args: [t([2, 8, 5, 16]), t([2, 2, 7, 16]), t([2, 2, 7, 16])], expect: 'unknown' },
  { source: `${SDPA_DOC} (E of query and key differ: backend-dependent text)`, name: SDPA, args: [t([2, 8, 5, 16]), t([2, 8, 7, 32]), t([2, 8, 7, 16])], expect: 'unknown' },
  { source: SDPA_SRC, name: SDPA, args: [t([2, 8, 5, 16]), t([2, 8, 7, 16], 'float64'), t([2, 8, 7, 16])],
    expect: 'RuntimeError: Expected query, key, and value to have the same dtype, but got query.dtype: float key.dtype: double and value.dtype: float instead.' },
  { source: SDPA_SRC, name: SDPA, args: [t([16]), t([7, 16]), t([7, 16])],
    expect: 'RuntimeError: Expected query, key, and value to all be  at least 2 dimensional, but got query.dim: 1 key.dim: 2 and value.dim: 2 instead.' },
  { source: SDPA_SRC, name: SDPA, args: [t([5, 16]), t([7, 16]), t([7, 16])], kwargs: { attn_mask: t([5, 7], 'int64') },
    expect: 'RuntimeError: Expected attn_mask dtype to be bool or float or to match query dtype, but got attn_mask.dtype: long int and  query.dtype: float instead.' },
  // Symbolic sizes flow through; an open match becomes a condition.
  { source: `${SDPA_DOC} Returns`, name: SDPA, args: [t([B, 8, L, 64]), t([B, 8, S, 64]), t([B, 8, S, 64])], kwargs: { is_causal: boolValue(true) }, expect: '[B, 8, L, 64] float32' },
  { source: `${SDPA_DOC} Parameters: key (E must match)`, name: SDPA, args: [t([B, 8, L, Dim.sym('E')]), t([B, 8, S, 64]), t([B, 8, S, 64])], expect: '[B, 8, L, 64] float32', conditions: ['needs E = 64'] },
];

const flexCases: FnCase[] = [
  // Parameters: query (B,Hq,L,E), key (B,Hkv,S,E), value (B,Hkv,S,Ev); Returns output (B,Hq,L,Ev).
  { source: `${FLEX_DOC} Parameters/Returns`, name: FLEX, args: [t([2, 4, 128, 64]), t([2, 4, 256, 64]), t([2, 4, 256, 32])], expect: '[2, 4, 128, 32] float32' },
  { source: `${FLEX_DOC} Parameters: score_mod, block_mask (values only)`, name: FLEX, args: [t([2, 4, 128, 64]), t([2, 4, 128, 64]), t([2, 4, 128, 64])],
    kwargs: { score_mod: UNKNOWN_VALUE, block_mask: UNKNOWN_VALUE, scale: float(0.125) }, expect: '[2, 4, 128, 64] float32' },
  { source: `${FLEX_DOC} Parameters: enable_gqa ("broadcasts key/value heads to query heads")`, name: FLEX, args: [t([2, 8, 128, 64]), t([2, 2, 128, 64]), t([2, 2, 128, 64])],
    kwargs: { enable_gqa: boolValue(true) }, expect: '[2, 8, 128, 64] float32' },
  { source: `${FLEX_DOC} Parameters: return_lse (the logsumexp per query row; its dtype is not documented)`, name: FLEX, args: [t([2, 4, 128, 64]), t([2, 4, 128, 64]), t([2, 4, 128, 64])],
    kwargs: { return_lse: boolValue(true) }, expect: '([2, 4, 128, 64] float32, [2, 4, 128] ?)' },
  { source: FLEX_SRC, name: FLEX, args: [t([2, 8, 128, 64]), t([2, 2, 128, 64]), t([2, 2, 128, 64])],
    expect: 'ValueError: Expect query and key/value to have the same number of heads but got Hq=8 and Hkv=2. Try setting enable_gqa=True for GQA.' },
  { source: FLEX_SRC, name: FLEX, args: [t([2, 8, 128, 64]), t([2, 3, 128, 64]), t([2, 3, 128, 64])], kwargs: { enable_gqa: boolValue(true) },
    expect: 'ValueError: Expect number of query heads to be a multiple of kv heads for GQA but got Hq=8 and Hkv=3.' },
  { source: FLEX_SRC, name: FLEX, args: [t([8, 128, 64]), t([8, 128, 64]), t([8, 128, 64])], expect: 'NotImplementedError: NYI: query, key, and value must be 4D tensors' },
  { source: FLEX_SRC, name: FLEX, args: [t([2, 4, 128, 64]), t([2, 4, 128, 32]), t([2, 4, 128, 64])],
    expect: 'ValueError: Expect query and key/value to have the same embedding dimension but got E=64 and E=32.' },
  { source: FLEX_SRC, name: FLEX, args: [t([2, 4, 128, 64]), t([1, 4, 128, 64]), t([1, 4, 128, 64])],
    expect: 'ValueError: Expect query and key/value to have the same batch size, or non-none block_mask, but got block_mask=None, Bq=2, and Bkv=1.' },
  { source: `${FLEX_SRC} (a block_mask of the query's batch size makes different batches legal; it is opaque here)`, name: FLEX,
    args: [t([2, 4, 128, 64]), t([1, 4, 128, 64]), t([1, 4, 128, 64])], kwargs: { block_mask: UNKNOWN_VALUE }, expect: 'unknown' },
  { source: `${FLEX_SRC} (releases differ on head dims that are not powers of 2)`, name: FLEX, args: [t([2, 4, 128, 48]), t([2, 4, 128, 48]), t([2, 4, 128, 48])], expect: 'unknown' },
];

const rmsFunctionCases: FnCase[] = [
  { source: `${RMS_F_DOC} ("See RMSNorm for details")`, name: 'torch.nn.functional.rms_norm', args: [t([2, 16, 64]), tupleOf(64)], kwargs: { weight: t([64]), eps: float(1e-6) }, expect: '[2, 16, 64] float32' },
  { source: `${RMS_DOC} ("the RMS is taken over the last D dimensions")`, name: 'torch.nn.functional.rms_norm', args: [t([2, 16, 64]), tupleOf(16, 64)], expect: '[2, 16, 64] float32' },
  { source: RMS_SRC, name: 'torch.nn.functional.rms_norm', args: [t([2, 16, 64]), tupleOf(64)], kwargs: { weight: t([32]) },
    expect: 'RuntimeError: Expected weight to be of same shape as normalized_shape, but got weight of shape [32] and normalized_shape = [64]' },
  { source: RMS_SRC, name: 'torch.nn.functional.rms_norm', args: [t([2, 16, 64]), tupleOf(32)],
    expect: 'RuntimeError: Given normalized_shape=[32], expected input with shape [*, 32], but got input of size[2, 16, 64]' },
  { source: RMS_SRC, name: 'torch.nn.functional.rms_norm', args: [t([2, 16, 64]), tupleOf()],
    expect: 'RuntimeError: Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []' },
];

function runCases(cases: FnCase[]): void {
  for (const c of cases) {
    test(`${c.name.split('.').pop()} -> ${c.expect}  [${c.source}]`, () => {
      const r = runFunction(c.name, c.args, c.kwargs ?? {});
      assert.equal(show(r), c.expect);
      if (r.ok) assert.deepEqual(r.assumptions.map((a) => a.message), c.conditions ?? []);
    });
  }
}

describe('F.scaled_dot_product_attention, from its documentation', () => runCases(sdpaCases));
describe('flex_attention, from its documentation', () => runCases(flexCases));
describe('F.rms_norm, from its documentation', () => runCases(rmsFunctionCases));

interface LayerCase {
  readonly source: string;
  readonly name: string;
  readonly args: Value[];
  readonly kwargs?: Record<string, Value>;
  readonly input: Value;
  readonly params?: string;
  readonly expect: string;
  readonly conditions?: string[];
}

const layerCases: LayerCase[] = [
  // RMSNorm(normalized_shape, eps=None, elementwise_affine=True): weight of normalized_shape, "initialized to ones".
  { source: `${RMS_DOC} Parameters, Shape ("same shape as input")`, name: 'torch.nn.RMSNorm', args: [intValue(64)], input: t([2, 16, 64]), params: 'weight [64]', expect: '[2, 16, 64] float32' },
  { source: `${RMS_DOC} Parameters: normalized_shape`, name: 'torch.nn.RMSNorm', args: [tupleOf(16, 64)], input: t([2, 16, 64]), params: 'weight [16, 64]', expect: '[2, 16, 64] float32' },
  { source: `${RMS_DOC} Parameters: elementwise_affine`, name: 'torch.nn.RMSNorm', args: [intValue(64)], kwargs: { elementwise_affine: boolValue(false), eps: float(1e-5) }, input: t([3, 64], 'float64'), params: '', expect: '[3, 64] float64' },
  { source: RMS_SRC, name: 'torch.nn.RMSNorm', args: [intValue(64)], input: t([2, 16, 32]), params: 'weight [64]',
    expect: 'RuntimeError: Given normalized_shape=[64], expected input with shape [*, 64], but got input of size[2, 16, 32]' },
  { source: `${RMS_DOC} Shape`, name: 'torch.nn.RMSNorm', args: [intValue(64)], input: t([B, L, Dim.sym('D')]), params: 'weight [64]', expect: '[B, L, D] float32', conditions: ['needs D = 64'] },
  // CircularPad: the documentation's own examples.
  { source: `${PAD_DOC(1)} Examples`, name: 'torch.nn.CircularPad1d', args: [intValue(2)], input: t([1, 2, 4]), params: '', expect: '[1, 2, 8] float32' },
  { source: `${PAD_DOC(1)} Examples (different paddings per side)`, name: 'torch.nn.CircularPad1d', args: [tupleOf(3, 1)], input: t([1, 2, 4]), params: '', expect: '[1, 2, 8] float32' },
  { source: `${PAD_DOC(1)} Shape: (C, W_in) without a batch dim`, name: 'torch.nn.CircularPad1d', args: [intValue(2)], input: t([2, 4]), params: '', expect: '[2, 8] float32' },
  { source: `${PAD_DOC(2)} Examples`, name: 'torch.nn.CircularPad2d', args: [intValue(2)], input: t([1, 1, 3, 3]), params: '', expect: '[1, 1, 7, 7] float32' },
  { source: `${PAD_DOC(2)} Examples (different paddings per side)`, name: 'torch.nn.CircularPad2d', args: [tupleOf(1, 1, 2, 0)], input: t([1, 1, 3, 3]), params: '', expect: '[1, 1, 5, 5] float32' },
  { source: `${PAD_DOC(3)} Examples`, name: 'torch.nn.CircularPad3d', args: [intValue(3)], input: t([16, 3, 8, 320, 480]), params: '', expect: '[16, 3, 14, 326, 486] float32' },
  { source: `${PAD_DOC(3)} Examples (different paddings per side)`, name: 'torch.nn.CircularPad3d', args: [tupleOf(3, 3, 6, 6, 1, 1)], input: t([16, 3, 8, 320, 480]), params: '', expect: '[16, 3, 10, 332, 486] float32' },
  { source: `${PAD_DOC(1)} ("If negative padding is applied then the ends of the tensor get removed")`, name: 'torch.nn.CircularPad1d', args: [tupleOf(-1, 2)], input: t([1, 2, 4]), params: '', expect: '[1, 2, 5] float32' },
  { source: `${PAD_DOC(2)} Parameters ("padding size should be less than or equal to the corresponding input dimension"); ${PAD_SRC}`, name: 'torch.nn.CircularPad2d', args: [intValue(4)], input: t([1, 1, 3, 5]), params: '',
    expect: 'RuntimeError: Padding value causes wrapping around more than once.' },
  { source: `${PAD_DOC(2)} Parameters (a padding equal to the size is allowed)`, name: 'torch.nn.CircularPad2d', args: [intValue(3)], input: t([1, 1, 3, 3]), params: '', expect: '[1, 1, 9, 9] float32' },
  { source: PAD_SRC, name: 'torch.nn.CircularPad2d', args: [intValue(1)], input: t([3, 3]), params: '', expect: 'ValueError: expected 3D or 4D input (got 2D input)' },
  { source: PAD_SRC, name: 'torch.nn.CircularPad1d', args: [tupleOf(-3, -2)], input: t([1, 2, 4]), params: '', expect: 'RuntimeError: Negative padding value is resulting in an empty dimension' },
  { source: `${PAD_DOC(1)} Shape`, name: 'torch.nn.CircularPad1d', args: [intValue(3)], input: t([B, 2, L]), params: '', expect: '[B, 2, L + 6] float32', conditions: ['needs L >= 3'] },
];

describe('nn.RMSNorm and nn.CircularPad1d/2d/3d, from their documentation', () => {
  for (const c of layerCases) {
    test(`${c.name.split('.').pop()} ${show({ ok: true, value: c.input, assumptions: [] })} -> ${c.expect}  [${c.source}]`, () => {
      const m = buildModule(c.name, c.args, c.kwargs ?? {});
      if (c.params !== undefined) assert.equal(m.params.map((p) => `${p.name} [${p.shape.join(', ')}]`).join('; '), c.params);
      const r = callModule(m, [c.input]);
      assert.equal(show(r), c.expect);
      if (r.ok) assert.deepEqual(r.assumptions.map((a) => a.message), c.conditions ?? []);
    });
  }
});

describe('nn.Buffer, from its documentation', () => {
  before(async () => {
    await initPythonParser();
  });
  /** The shapes bound to `name` in `text`, one entry per hint. */
  const hintsOf = (text: string, name: string): string[] =>
    analyzePythonText(text).hints.filter((h) => h.name === name).map((h) => h.shapes.map((s) => `[${s.join(', ')}]`).join(' | '));
  const program = (attr: string): string => `
import torch
import torch.nn as nn

class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.table = ${attr}
        self.proj = nn.Linear(4, 2)

m = M()
for buf in m.buffers():
    pass
for name, par in m.named_parameters():
    pass
`;
  // "when they're assigned as Module attributes they are automatically added to the list of its buffers,
  // and will appear e.g. in buffers() iterator. Assigning a Tensor doesn't have such effect."
  test(`an nn.Buffer attribute is one of buffers()  [${BUFFER_DOC}]`, () => {
    assert.deepEqual(hintsOf(program('nn.Buffer(torch.zeros(16, 4))'), 'buf'), ['[16, 4]']);
    assert.deepEqual(hintsOf(program('torch.nn.Buffer(torch.zeros(16, 4), persistent=False)'), 'buf'), ['[16, 4]']);
    assert.deepEqual(hintsOf(program('torch.nn.parameter.Buffer(data=torch.zeros(16, 4))'), 'buf'), ['[16, 4]']);
  });
  test(`a plain tensor attribute is not a buffer, and a Buffer is not a parameter  [${BUFFER_DOC}]`, () => {
    assert.deepEqual(hintsOf(program('torch.zeros(16, 4)'), 'buf'), []);
    assert.deepEqual(hintsOf(program('nn.Buffer(torch.zeros(16, 4))'), 'par'), ['[2, 4] | [2]']);
  });
  test(`Buffer keeps the tensor's shape for the code that uses it  [${BUFFER_DOC}]`, () => {
    const text = `
import torch
import torch.nn as nn

class Rope(nn.Module):
    def __init__(self):
        super().__init__()
        self.freqs = nn.Buffer(torch.randn(32, 8))

    def forward(self, x):
        f = self.freqs[: x.shape[1]]
        return x * f

out = Rope()(torch.randn(2, 16, 8))
`;
    assert.deepEqual(hintsOf(text, 'f'), ['[16, 8]']);
    assert.deepEqual(hintsOf(text, 'out'), ['[2, 16, 8]']);
  });
});

describe('torch.compile, from its documentation', () => {
  before(async () => {
    await initPythonParser();
  });
  const hintsOf = (text: string, name: string): string[] =>
    analyzePythonText(text).hints.filter((h) => h.name === name).map((h) => h.shapes.map((s) => `[${s.join(', ')}]`).join(' | '));
  const program = (wrap: (m: string) => string): string => `
import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 3)

    def forward(self, x):
        h = self.fc(x)
        return h

model = ${wrap('Net()')}
out = model(torch.randn(5, 8))
`;
  // "model (Callable or None) – Module/function to optimize": the compiled module runs the same
  // forward, so every shape is the uncompiled model's.
  test(`a compiled module gives the model's own shapes  [${COMPILE_DOC}]`, () => {
    const plain = program((m) => m);
    for (const wrap of [(m: string) => `torch.compile(${m})`, (m: string) => `torch.compile(${m}, mode="reduce-overhead", fullgraph=True)`]) {
      const text = program(wrap);
      assert.deepEqual(hintsOf(text, 'out'), hintsOf(plain, 'out'));
      assert.deepEqual(hintsOf(text, 'h'), ['[5, 3]']);
    }
  });
  // Used as a decorator, with or without arguments ("torch.compile(model=None, ...)" returns the decorator).
  test(`@torch.compile and @torch.compile(...) keep a function's shapes  [${COMPILE_DOC}]`, () => {
    for (const deco of ['@torch.compile', '@torch.compile(dynamic=True)']) {
      const text = `
import torch

${deco}
def double(x):
    y = torch.cat([x, x], dim=1)
    return y

z = double(torch.randn(2, 4))
`;
      assert.deepEqual(hintsOf(text, 'z'), ['[2, 8]']);
    }
  });
});

describe('the documented module paths resolve in code', () => {
  before(async () => {
    await initPythonParser();
  });
  // torch.nn.attention.flex_attention is a module; create_block_mask returns a BlockMask, an
  // opaque object here that changes no shape.
  test(`flex_attention through torch.nn.attention and with a BlockMask  [${FLEX_DOC}]`, () => {
    const text = `
import torch
import torch.nn.functional as F
from torch.nn.attention.flex_attention import flex_attention, create_block_mask

def causal(b, h, q_idx, kv_idx):
    return q_idx >= kv_idx

q = torch.randn(2, 8, 128, 64)
kv = torch.randn(2, 2, 128, 64)
mask = create_block_mask(causal, B=None, H=None, Q_LEN=128, KV_LEN=128)
a = flex_attention(q, kv, kv, block_mask=mask, enable_gqa=True)
b = torch.nn.attention.flex_attention.flex_attention(q, q, q)
c = F.scaled_dot_product_attention(q, kv, kv, enable_gqa=True)
`;
    const hints = analyzePythonText(text).hints;
    const shapeOf = (name: string): string => hints.filter((h) => h.name === name).map((h) => `[${h.shapes[0].join(', ')}]`).join();
    assert.deepEqual(['a', 'b', 'c'].map(shapeOf), ['[2, 8, 128, 64]', '[2, 8, 128, 64]', '[2, 8, 128, 64]']);
    assert.equal(shapeOf('mask'), '');
  });
});

const ACCELERATOR_DOC = 'https://pytorch.org/docs/stable/generated/torch.accelerator.current_accelerator.html';

describe('torch.accelerator', () => {
  before(async () => {
    await initPythonParser();
  });
  // "Return type: torch.device", read after torch.accelerator.is_available() as the page's example
  // and pytorch/examples' mnist/main.py do: moving a tensor there keeps its shape and dtype.
  test(`current_accelerator() is a device: .to() of it keeps the dtype  [${ACCELERATOR_DOC}]`, () => {
    const text = `
import torch
import torch.nn.functional as F
if torch.accelerator.is_available():
    device = torch.accelerator.current_accelerator()
else:
    device = torch.device("cpu")
x = torch.randn(4, 10).to(device)
y = F.log_softmax(x, dim=1)
`;
    const hints = analyzePythonText(text).hints;
    const shapeOf = (name: string): string => hints.filter((h) => h.name === name).map((h) => `[${h.shapes[0].join(', ')}] ${h.dtypes[0] ?? '?'}`).join();
    assert.deepEqual(['x', 'y'].map(shapeOf), ['[4, 10] float32', '[4, 10] float32']);
  });
});
