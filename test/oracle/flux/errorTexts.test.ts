// Flux's own error texts, which no oracle can produce here (Julia does not run): each expected
// message is built as the cited source builds it (Flux.jl v0.16 in /work/corpus/FluxML+Flux.jl,
// NNlib.jl 0.9.36, Julia Base, LinearAlgebra.jl), and the engine must report it, word for word,
// at the call that raises, with the quick fix where Flux's `in` is wrong.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initFrontends } from '../../../server/frontends';
import { analyzeText } from '../../../server/analyzeFile';
import { LineIndex } from '../../../server/lineIndex';

before(async () => {
  await initFrontends();
});

interface ErrorCase {
  /** Julia source; the error is expected on its last line. */
  readonly src: string;
  readonly message: string;
  /** Where the text comes from. */
  readonly source: string;
  /** The quick fix: its title and the text it writes where. */
  readonly fix?: { readonly title: string; readonly replaces: string; readonly with: string };
}

const CASES: readonly ErrorCase[] = [
  {
    src: 'm = Dense(100 => 10)\ny = m(rand(Float32, 128, 16))',
    message: 'DimensionMismatch: layer Dense(100 => 10) expects size(input, 1) == 100, but got 128×16 Matrix{Float32}',
    source: 'Flux.jl src/layers/basic.jl:217-221 (_size_check), :207-212 (show Dense); Base.summary',
    fix: { title: 'Set in to 128', replaces: '100', with: '128' },
  },
  {
    src: 'm = Dense(100 => 10, relu; bias=false)\ny = m(rand(Float32, 128))',
    message: 'DimensionMismatch: layer Dense(100 => 10, relu; bias=false) expects size(input, 1) == 100, but got 128-element Vector{Float32}',
    source: 'Flux.jl src/layers/basic.jl:207-212, :217-221',
  },
  {
    src: 'm = Dense(10, 4, tanh)\ny = m(randn(5, 4, 3))',
    message: 'DimensionMismatch: layer Dense(10 => 4, tanh) expects size(input, 1) == 10, but got 5×4×3 Array{Float64, 3}',
    source: 'Flux.jl src/deprecations.jl:6-7 (Dense(in, out, σ)), src/layers/basic.jl:202-204, :217-221',
    fix: { title: 'Set in to 5', replaces: '10', with: '5' },
  },
  {
    src: 'm = Chain(Conv((3, 3), 3 => 16), Conv((3, 3), 16 => 32))\ny = m(rand(Float32, 10, 10, 7, 64))',
    // Flux's own outputsize docstring shows this text (src/outputsize.jl:85), with its Nil element type.
    message: 'DimensionMismatch: layer Conv((3, 3), 3 => 16) expects size(input, 3) == 3, but got 10×10×7×64 Array{Float32, 4}',
    source: 'Flux.jl src/layers/conv.jl:498-505 (_conv_size_check), src/outputsize.jl:85',
    fix: { title: 'Set in to 7', replaces: '3', with: '7' },
  },
  {
    src: 'm = Conv((5, 5), 3 => 7, relu; stride=2, pad=SamePad(), bias=false)\ny = m(rand(Float32, 100, 100, 3))',
    message: 'DimensionMismatch: layer Conv((5, 5), 3 => 7, relu, pad=2, stride=2, bias=false) expects ndims(input) == 4, but got 100×100×3 Array{Float32, 3}',
    source: 'Flux.jl src/layers/conv.jl:48-58 (SamePad), :207-223 (show, _print_conv_opt), :498-501',
  },
  {
    src: 'm = Conv((2, 2), 3 => 7; pad=SamePad())\ny = m(rand(Float32, 8, 8, 4, 1))',
    message: 'DimensionMismatch: layer Conv((2, 2), 3 => 7, pad=(1, 0, 1, 0)) expects size(input, 3) == 3, but got 8×8×4×1 Array{Float32, 4}',
    source: 'Flux.jl src/layers/conv.jl:27 (the SamePad docstring prints pad=(1, 0, 1, 0)), :747-748 (_maybetuple_string)',
  },
  {
    src: 'm = ConvTranspose((4, 4), 8 => 1, σ; stride=2, pad=1)\ny = m(rand(Float32, 7, 7, 16, 2))',
    message: 'DimensionMismatch: layer ConvTranspose((4, 4), 8 => 1, σ, pad=1, stride=2) expects size(input, 3) == 8, but got 7×7×16×2 Array{Float32, 4}',
    source: 'Flux.jl src/layers/conv.jl:346-359 (ConvTranspose call and show), :498-505; NNlib src/activations.jl:67 (sigmoid = σ)',
  },
  {
    src: 'm = DepthwiseConv((3, 3), 3 => 6)\ny = m(rand(Float32, 10, 10, 4, 2))',
    message: 'DimensionMismatch: layer Conv((3, 3), 3 => 6, groups=3) expects size(input, 3) == 3, but got 10×10×4×2 Array{Float32, 4}',
    source: 'Flux.jl src/layers/conv.jl:389-392 (DepthwiseConv builds a Conv with groups = in), :498-505',
  },
  {
    src: 'm = CrossCor((5, 5), 3 => 6, relu; bias=false)\ny = m(rand(Float32, 100, 100, 1, 50))',
    message: 'DimensionMismatch: layer CrossCor((5, 5), 3 => 6, relu, bias=false) expects size(input, 3) == 3, but got 100×100×1×50 Array{Float32, 4}',
    source: 'Flux.jl src/layers/conv.jl:491-496 (show CrossCor: no groups), :498-505',
  },
  {
    src: 'm = Conv((3, 3), 6 => 9; groups=4)',
    message: 'AssertionError: Input channel dimension must be divisible by groups.',
    source: 'Flux.jl src/layers/conv.jl:183 (convfilter)',
  },
  {
    src: 'm = MaxPool((2, 2))\ny = m(rand(Float32, 28, 28, 1))',
    message: 'DimensionMismatch: layer MaxPool((2, 2)) expects ndims(input) == 4, but got 28×28×1 Array{Float32, 3}',
    source: 'Flux.jl src/layers/conv.jl:807-811 (_pool_size_check), :740-745 (show MaxPool)',
  },
  {
    src: 'm = MeanPool((5, 5); pad=SamePad(), stride=3)\ny = m(rand(Float32, 28, 28, 1))',
    message: 'DimensionMismatch: layer MeanPool((5, 5), pad=2, stride=3) expects ndims(input) == 4, but got 28×28×1 Array{Float32, 3}',
    source: 'Flux.jl src/layers/conv.jl:794-811 (MeanPool call, show, _pool_size_check)',
  },
  {
    src: 'm = MaxPool((5, 5))\ny = m(rand(Float32, 3, 3, 3, 2))',
    message: 'DimensionMismatch: Kernel * dilation ((5 - 1) * 1 + 1) cannot be larger than input + padding (3 + 0 + 0)!',
    source: 'NNlib.jl 0.9.36 src/dim_helpers/ConvDims.jl:146 (_validate_padding, from PoolDims)',
  },
  {
    src: 'm = Conv((3, 3), 2 => 3; dilation=3)\ny = m(rand(Float32, 4, 4, 2, 2))',
    message: 'DimensionMismatch: Kernel * dilation ((3 - 1) * 3 + 1) cannot be larger than input + padding (4 + 0 + 0)!',
    source: 'NNlib.jl 0.9.36 src/dim_helpers/ConvDims.jl:146 (_validate_padding, from DenseConvDims)',
  },
  {
    src: 'm = BatchNorm(64, relu)\ny = m(rand(Float32, 7, 7, 32, 2))',
    message: 'DimensionMismatch: layer BatchNorm(64, relu) expects size(input, 3) == 64, but got 7×7×32×2 Array{Float32, 4}',
    source: 'Flux.jl src/layers/normalise.jl:292-293, :309-315 (show BatchNorm); src/layers/basic.jl:217-221',
    fix: { title: 'Set chs to 32', replaces: '64', with: '32' },
  },
  {
    src: 'm = BatchNorm(3)\ny = m(rand(Float32, 3))',
    // `_size_check(BN, x, N-1 => chs)` with N = 1 checks `0 < 0 <= ndims(x)`.
    message: 'DimensionMismatch: layer BatchNorm(3) expects ndims(input) >= 0, but got 3-element Vector{Float32}',
    source: 'Flux.jl src/layers/normalise.jl:293; src/layers/basic.jl:218-219',
  },
  {
    src: 'm = LayerNorm(5; affine=true)\ny = m(rand(Float32, 4, 3))',
    message: 'DimensionMismatch: layer LayerNorm(5) expects size(input, 1) == 5, but got 4×3 Matrix{Float32}',
    source: 'Flux.jl src/layers/normalise.jl:203-210, :212-217 (show LayerNorm)',
  },
  {
    src: 'm = Dropout(1.5)',
    message: 'ArgumentError: Dropout expects 0 ≤ p ≤ 1, got p = 1.5',
    source: 'Flux.jl src/layers/normalise.jl:77',
  },
  {
    src: 'm = Embedding(26 => 4; padding_idx=30)',
    message: 'ArgumentError: padding_idx=30 must be in 1:26',
    source: 'Flux.jl src/layers/basic.jl:786',
  },
  {
    src: 'm = LSTM(10 => 20)\ny = m(rand(Float32, 5, 7, 4))',
    // scan() hands the cell `eachslice(x, dims=2)`'s first view (recurrent.jl:1-8).
    message: 'DimensionMismatch: layer LSTMCell(10 => 20) expects size(input, 1) == 10, but got 5×4 view(::Array{Float32, 3}, :, 1, :) with eltype Float32',
    source: 'Flux.jl src/layers/recurrent.jl:1-8 (scan), :411-412 (LSTMCell), :421-422 (show LSTMCell)',
    fix: { title: 'Set in to 5', replaces: '10', with: '5' },
  },
  {
    src: 'm = RNN(10 => 20)\ny = m(rand(Float32, 5, 6))',
    message: 'DimensionMismatch: layer RNNCell(10 => 20, tanh) expects size(input, 1) == 10, but got 5-element view(::Matrix{Float32}, :, 1) with eltype Float32',
    source: 'Flux.jl src/layers/recurrent.jl:193-194 (RNNCell), :200-204 (show RNNCell)',
  },
  {
    src: 'm = GRU(3 => 5)\ny = m(rand(Float32, 3, 7, 4, 2))',
    message: 'AssertionError: ndims(x) == 2 || ndims(x) == 3',
    source: 'Flux.jl src/layers/recurrent.jl:705',
  },
  {
    src: 'm = Parallel(vcat, Dense(5 => 9), Dense(7 => 11))\ny = m(rand(Float32, 5), rand(Float32, 7), rand(Float32, 2))',
    message: 'ArgumentError: Parallel with 2 > 1 sub-layers can take one input or 2 inputs, but got 3 inputs',
    source: 'Flux.jl src/layers/basic.jl:583-589 (_parallel_check)',
  },
  {
    src: 'y = rand(Float32, 2, 3) .+ rand(Float32, 3)',
    message: 'DimensionMismatch: arrays could not be broadcast to a common size; got a dimension with lengths 2 and 3',
    source: 'JuliaLang/julia base/broadcast.jl, _bcs1(a::Integer, b::Integer)',
  },
  {
    src: 'y = rand(Float32, 3, 4) * rand(Float32, 5, 6)',
    message: 'DimensionMismatch: incompatible dimensions for matrix multiplication: tried to multiply a matrix of size (3, 4) with a matrix of size (5, 6). The second dimension of the first matrix: 4, does not match the first dimension of the second matrix: 5.',
    source: 'LinearAlgebra.jl src/matmul.jl:435-451 (matmul_size_check_error)',
  },
  {
    src: 'y = rand(Float32, 3, 4) * rand(Float32, 5)',
    message: 'DimensionMismatch: incompatible dimensions for matrix multiplication: tried to multiply a matrix of size (3, 4) with a vector of length 5. The second dimension of the matrix: 4, does not match the length of the vector: 5.',
    source: 'LinearAlgebra.jl src/matmul.jl:435-451',
  },
  {
    src: 'y = reshape(rand(Float32, 4, 6), 5, 5)',
    message: 'DimensionMismatch: new dimensions (5, 5) must be consistent with array size 24',
    source: 'JuliaLang/julia base/reshapedarray.jl, reshape(a::Array{T,M}, dims::NTuple{N,Int})',
  },
  {
    src: 'y = reshape(rand(Float32, 4, 6), 5, :)',
    message: 'DimensionMismatch: array size 24 must be divisible by the product of the new dimensions (5, Colon())',
    source: 'JuliaLang/julia base/reshapedarray.jl, _reshape_uncolon',
  },
];

for (const c of CASES) {
  test(`${c.message.slice(0, 90)} (${c.source.split(' ')[0]})`, () => {
    const text = `using Flux\n${c.src}\n`;
    const result = analyzeText(text, { fileName: 'errors.jl' });
    const index = new LineIndex(text);
    const lastLine = text.trimEnd().split('\n').length;
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => [index.position(d.range.start).line + 1, d.message]), [[lastLine, c.message]]);
    if (c.fix) {
      const fix = errors[0].fixes[0];
      assert.ok(fix, 'a quick fix');
      assert.equal(fix.title, c.fix.title);
      assert.equal(fix.edits.length, 1);
      assert.equal(text.slice(fix.edits[0].range.start, fix.edits[0].range.end), c.fix.replaces);
      assert.equal(fix.edits[0].newText, c.fix.with);
    }
  });
}
