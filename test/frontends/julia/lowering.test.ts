// Lowering of Julia to the core IR: each case is a Julia snippet and its IR rendered back to
// Python-like lines (test/frontends/python/render.ts). Operators are calls of the Julia profile's
// builtins (`+(a, b)`, `broadcast(+, a, b)`, `=>(a, b)`, `:(a, b)`), indexing is `getindex` with
// `end` as `lastindex(x, dim, n)`, blocks that give a value assign or return in each branch.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { initJuliaParser, JuliaDocument, lowerJulia } from '../../../server/frontends/julia/parser';
import { assertRangesWithin, renderStmts } from '../python/render';

before(() => initJuliaParser());

function rendered(src: string): string {
  const ir = lowerJulia(src);
  assertRangesWithin(ir, src.length);
  assert.equal(ir.language, 'julia');
  return renderStmts(ir.body, src).join('\n');
}

const CASES: readonly (readonly [string, string])[] = [
  ["x = 1","x = 1"],
  ["a = b = f(x)","a = b = f(x)"],
  ["a, b = f(x)","(a, b) = #unpack(f(x))"],
  ["x += 1","x = +(x, 1)"],
  ["x .+= 1","x = broadcast(+, x, 1)"],
  ["y = x * W .+ b","y = broadcast(+, *(x, W), b)"],
  ["y = relu.(x)","y = broadcast(relu, x)"],
  ["y = x |> f |> g","y = g(f(x))"],
  ["p = 10 => 5","p = =>(10, 5)"],
  ["r = 1:2:10","r = :(1, 2, 10)"],
  ["v = x[:, end, 2:end-1]","v = getindex(x, :, lastindex(x, 2, 3), :(2, -(lastindex(x, 3, 3), 1)))"],
  ["t = (1, 2)","t = (1, 2)"],
  ["nt = (a = 1, b = 2)","nt = #namedtuple(a=1, b=2)"],
  ["s = :sym","s = \"sym\""],
  ["q = x'","q = adjoint(x)"],
  ["z = 2x","z = *(2, x)"],
  ["w = [1, 2, 3]","w = [1, 2, 3]"],
  ["w = Float32[1, 2]","w = getindex(Float32, 1, 2)"],
  ["f(x) = x * 2","def f(x, /):\n  return *(x, 2)"],
  ["function g(a, b::Int=2; k=3, stride)\n  c = a + b\n  c\nend","def g(a, b: Int = 2, /, *, k=3, stride):\n  c = +(a, b)\n  return c"],
  ["struct Foo{C}\n  convs::C\n  n::Int\nend","class Foo:\n  def __init__(#self, convs: C, n: Int, /):\n    #self.convs = #field(convs)\n    #self.n = #field(n)"],
  ["(m::Foo)(x) = m.convs(x)","#functor(Foo, (lambda m, x, /: <1 statements>))"],
  ["s = if a > 1\n  2\nelse\n  3\nend","if >(a, 1):\n  s = 2\nelse:\n  s = 3"],
  ["for i in 1:10, j in 1:2\n  push!(v, i)\nend","for i in :(1, 10):\n  for j in :(1, 2):\n    push!(v, i)"],
  ["q = x -> x^2","q = (lambda x, /: ^(x, 2))"],
  ["@. z = x + y * 2","z = broadcast(+, x, broadcast(*, y, 2))"],
  ["cond || throw(ArgumentError(\"no\"))","if cond:\nelse:\n  ArgumentError(\"no\")\n  raise"],
  ["a > 1 && return x","if >(a, 1):\n  return x"],
  ["using Flux","import Flux as Flux\nfrom Flux import *"],
  ["using Flux: Dense, Chain as C","from Flux import Dense, Chain as C"],
  ["import Flux","import Flux as Flux"],
  ["using .Layers","from .Layers import *"],
  ["include(\"layers.jl\")","from .layers.jl import *"],
  ["c = cat(a, b; dims=3)","c = cat(a, b, dims=3)"],
  ["Conv((3,3), 3=>16; stride, pad=1)","Conv((3, 3), =>(3, 16), stride=stride, pad=1)"],
  ["m = @autosize (28, 28, 1, 32) Chain(Dense(_ => 10))","m = @autosize((28, 28, 1, 32), Chain(#lazy(\"Dense(_ => 10)\", (lambda #x, /: Dense(=>(#autosizefor(Dense, #x), 10))))))"],
  ["f(x) = 1\nf(x, y) = 2","def f(x, /):\n  return 1\ndef f#2(x, y, /):\n  return 2\nf = #method(f, f#2)"],
  ["y = x ÷ 2","y = ÷(x, 2)"],
  ["let a = 1\n  a + 1\nend","a = 1\n+(a, 1)"],
  ["try\n  f()\ncatch e\n  g(e)\nend","try:\n  f()\nexcept as e:\n  g(e)"],
  ["map(xs) do x\n  x + 1\nend","map((lambda x, /: <1 statements>), xs)"],
  ["const N = 10","N = 10"],
  ["v = [f(i) for i in 1:3 if i > 1]","v = [f(i) for i in :(1, 3) if >(i, 1)]"],
  ["Base.show(io::IO, m::Foo) = print(io, m)","pass"],
  ["Flux.@layer Foo","pass"],
  ["@show x","x"],
]

for (const [src, want] of CASES) {
  test(`lowers ${JSON.stringify(src.split('\n')[0])}`, () => {
    assert.equal(rendered(src), want);
  });
}

test('a struct marked by Flux.@layer anywhere in the file has the macro as its base (a module base)', () => {
  const src = 'struct Model\n  layers\nend\n\nFlux.@layer Model\n';
  assert.equal(rendered(src), 'class Model(Flux.@layer):\n  def __init__(#self, layers, /):\n    #self.layers = #field(layers)\npass');
  assert.equal(rendered('@functor Model\nstruct Model; a; end'), 'pass\nclass Model(@functor):\n  def __init__(#self, a, /):\n    #self.a = #field(a)');
});

test('a broken statement loses only itself: the statements around it still lower', () => {
  const src = 'x = rand(Float32, 10, 3)\nm = Chain(Dense(10 => 5, relu), Dense(5 =>\ny = Dense(10 => 4)(x)\nz = relu.(y)\n';
  const ir = lowerJulia(src);
  assert.ok(ir.syntaxErrors.length > 0);
  assert.deepEqual(renderStmts(ir.body, src), [
    'x = rand(Float32, 10, 3)',
    'unknown "m = Chain(Dense(10 => 5, relu), Dense(5 =>"',
    'y = Dense(=>(10, 4))(x)',
    'z = broadcast(relu, y)',
  ]);
});

test('comments are kept for shape annotations', () => {
  const ir = lowerJulia('x = 1 # shape: x = [B, 3]\n#= block\ncomment =#\n');
  assert.deepEqual(ir.comments.map((c) => c.text), ['# shape: x = [B, 3]', '#= block\ncomment =#']);
});

test('an edited document lowers as a fresh parse of its new text does', () => {
  const before = 'using Flux\nm = Dense(10 => 5)\ny = m(rand(Float32, 10, 2))\n';
  const doc = new JuliaDocument(before);
  try {
    const at = before.indexOf('10 => 5');
    doc.applyEdit({ start: at, end: at + 2, text: '12' });
    const after = before.replace('10 => 5', '12 => 5');
    assert.equal(doc.text, after);
    assert.deepEqual(renderStmts(doc.lower().body, after), renderStmts(lowerJulia(after).body, after));
  } finally {
    doc.dispose();
  }
});
