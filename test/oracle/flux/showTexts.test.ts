// Flux's printed layers and summaries, checked against the REPL output in Flux's own docstrings
// (Flux.jl v0.16, cited per case): the layer's `show`, its parameter count in the comment column,
// containers and their totals. Flux ends a summary with its size in memory (`344 bytes.`), which
// the engine cannot know: that tail is left out of the comparison.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initFrontends } from '../../../server/frontends';
import { analyzeText } from '../../../server/analyzeFile';

before(async () => {
  await initFrontends();
});

interface ShowCase {
  readonly source: string;
  /** Julia code building `m` (and calling it, so a model summary exists). */
  readonly src: string;
  /** The REPL's text, with its summarysize/bytes tail removed. */
  readonly shown: string;
}

const LAYERS: readonly ShowCase[] = [
  { source: 'basic.jl:157-158', src: 'm = Dense(5 => 2)', shown: 'Dense(5 => 2)       # 12 parameters' },
  { source: 'basic.jl:745-746', src: 'm = Embedding(26 => 4, init=Flux.identity_init(gain=22))', shown: 'Embedding(26 => 4)  # 104 parameters' },
  { source: 'conv.jl:26-27', src: 'm = Conv((2,2), 3 => 7, pad=SamePad())', shown: 'Conv((2, 2), 3 => 7, pad=(1, 0, 1, 0))  # 91 parameters' },
  { source: 'conv.jl:38-39', src: 'm = Conv((5, 5), 3 => 7, stride=2, pad=SamePad())', shown: 'Conv((5, 5), 3 => 7, pad=2, stride=2)  # 532 parameters' },
  { source: 'conv.jl:105-106', src: 'm = Conv((5,5), 3 => 7, relu; bias = false)', shown: 'Conv((5, 5), 3 => 7, relu, bias=false)  # 525 parameters' },
  { source: 'conv.jl:251-252', src: 'm = ConvTranspose((5,5), 3 => 7, relu)', shown: 'ConvTranspose((5, 5), 3 => 7, relu)  # 532 parameters' },
  { source: 'conv.jl:379-380', src: 'm = DepthwiseConv((5,5), 3 => 6, relu; bias=false)', shown: 'Conv((5, 5), 3 => 6, relu, groups=3, bias=false)  # 150 parameters' },
  { source: 'conv.jl:422-423', src: 'm = CrossCor((5,5), 3 => 6, relu; bias=false)', shown: 'CrossCor((5, 5), 3 => 6, relu, bias=false)  # 450 parameters' },
  { source: 'recurrent.jl:254-255', src: 'd_in, d_out = 4, 6\nm = RNN(d_in => d_out)', shown: 'RNN(4 => 6, tanh)   # 66 parameters' },
];

const MODELS: readonly ShowCase[] = [
  {
    source: 'basic.jl:543-548',
    src: 'm = Parallel(+; α = Dense(10 => 2, tanh), β = Dense(5 => 2))\ny = m(rand32(10), rand32(5))',
    shown: 'Parallel(\n  +,\n  α = Dense(10 => 2, tanh),             # 22 parameters\n  β = Dense(5 => 2),                    # 12 parameters\n)                   # Total: 4 arrays, 34 parameters',
  },
  {
    source: 'conv.jl:703-707',
    src: 'm = Chain(Conv((5, 5), 3 => 7, pad=SamePad()), MaxPool((5, 5), pad=SamePad()))\ny = m(rand(Float32, 100, 100, 3, 50))',
    shown: 'Chain(\n  Conv((5, 5), 3 => 7, pad=2),          # 532 parameters\n  MaxPool((5, 5), pad=2),\n)',
  },
  {
    source: 'conv.jl:769-773',
    src: 'm = Chain(Conv((5,5), 3 => 7), MeanPool((5,5), pad=SamePad()))\ny = m(rand(Float32, 100, 100, 3, 50))',
    shown: 'Chain(\n  Conv((5, 5), 3 => 7),                 # 532 parameters\n  MeanPool((5, 5), pad=2),\n)',
  },
  {
    source: 'outputsize.jl:180-205',
    src: [
      'img = [28, 28];',
      'm = @autosize (img..., 1, 32) Chain(              # size is only needed at runtime',
      '          Chain(c = Conv((3,3), _ => 5; stride=2, pad=SamePad()),',
      '                p = MeanPool((3,3)),',
      '                b = BatchNorm(_),',
      '                f = Flux.flatten),',
      '          Dense(_ => _÷4, relu, init=Flux.rand32),   # can calculate output size _÷4',
      '          SkipConnection(Dense(_ => _, relu), +),',
      '          Dense(_ => 10),',
      '       )',
      'y = m(rand(Float32, 28, 28, 1, 32))',
    ].join('\n'),
    shown: [
      'Chain(',
      '  Chain(',
      '    c = Conv((3, 3), 1 => 5, pad=1, stride=2),  # 50 parameters',
      '    p = MeanPool((3, 3)),',
      '    b = BatchNorm(5),                   # 10 parameters, plus 10',
      '    f = Flux.flatten,',
      '  ),',
      '  Dense(80 => 20, relu),                # 1_620 parameters',
      '  SkipConnection(',
      '    Dense(20 => 20, relu),              # 420 parameters',
      '    +,',
      '  ),',
      '  Dense(20 => 10),                      # 210 parameters',
      ')         # Total: 10 trainable arrays, 2_310 parameters,',
      '          # plus 2 non-trainable, 10 parameters',
    ].join('\n'),
  },
];

for (const c of LAYERS) {
  test(`a layer as Flux shows it: ${c.shown} (Flux.jl src/layers/${c.source})`, () => {
    const text = `using Flux\n${c.src}\n`;
    const result = analyzeText(text, { fileName: 'show.jl' });
    const line = text.split('\n').findIndex((l) => l.startsWith('m = '));
    const start = text.split('\n').slice(0, line).join('\n').length + 1;
    const layer = result.layers.find((l) => l.range.start >= start);
    assert.ok(layer, 'the layer was built');
    assert.equal(layer.display, c.shown);
  });
}

for (const c of MODELS) {
  test(`a model as Flux's REPL shows it (Flux.jl src/${c.source.startsWith('outputsize') ? '' : 'layers/'}${c.source})`, () => {
    const text = `using Flux\n${c.src}\n`;
    const result = analyzeText(text, { fileName: 'show.jl' });
    assert.equal(result.diagnostics.length, 0, JSON.stringify(result.diagnostics.map((d) => d.message)));
    const model = result.models.find((m) => m.display !== undefined && m.runs.length > 0);
    assert.ok(model, 'a Flux model ran');
    assert.equal(model.display, c.shown);
  });
}
