// Broken code loses as little as possible: the damaged line becomes an `unknown` statement, the
// rest of the file is still lowered, syntax errors are reported, and nothing throws.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ModuleIR, Stmt } from '../../../engine/interp/ir';
import { mulberry32, randomInt } from '../../support/random';
import { modelSource } from './fixtures/bigModel';
import { lower, ready, rendered } from './support';

before(ready);

/** Names of the classes and functions, with methods as Class.method, in order. */
function outline(body: readonly Stmt[], prefix = ''): string[] {
  return body.flatMap((s) =>
    s.k === 'class' ? [`${prefix}${s.name}`, ...outline(s.body, `${prefix}${s.name}.`)] : s.k === 'def' ? [`${prefix}${s.name}`] : [],
  );
}

const CASES: readonly (readonly [string, string, string])[] = [
  [
    'an unclosed ( in the middle of a method',
    [
      'class A:',
      '    def f(self):',
      '        return 1',
      '',
      '    def g(self, x):',
      '        y = foo(x, ',
      '        return y',
      '',
      '    def h(self):',
      '        return 2',
      '',
      'class B:',
      '    def k(self): pass',
    ].join('\n'),
    [
      'class A:',
      '  def f(self):',
      '    return 1',
      '  def g(self, x):',
      '    unknown "y = foo(x,"',
      '    return y',
      '  def h(self):',
      '    return 2',
      'class B:',
      '  def k(self):',
      '    pass',
    ].join('\n'),
  ],
  [
    'an unclosed call continued on indented lines',
    'def f(x):\n    y = torch.cat([a, b],\n            dim=\n    z = 1\n    return z\ndef g(): pass',
    'def f(x):\n  unknown "y = torch.cat([a, b],"\n  z = 1\n  return z\ndef g():\n  pass',
  ],
  [
    'a half-typed attribute',
    'class A:\n    def f(self, x):\n        x = self.\n        return x\n\n    def g(self):\n        return 2',
    'class A:\n  def f(self, x):\n    unknown "x = self."\n    return x\n  def g(self):\n    return 2',
  ],
  ['a half-typed binary operation', 'def f(x):\n    y = x +\n    return y', 'def f(x):\n  unknown "y = x +"\n  return y'],
  ['a missing closing bracket at the end', 'x = [1, 2', 'unknown "x = [1, 2"'],
  ['a half-typed def header', 'def f(x:\n    pass\ndef g():\n    return 1', 'unknown "def f(x:"\npass\ndef g():\n  return 1'],
  // The header cannot be repaired in place (patches keep line lengths), so its body is flattened.
  ['a missing colon', 'def f(x)\n    return x\ny = 1', 'unknown "def f(x)"\nreturn x\ny = 1'],
  ['a stray token', 'x = 1\n)\ny = 2', 'x = 1\nunknown ")"\ny = 2'],
  // A cookiecutter template's def: its parameters, one a row, go with the header (left alone they
  // would read as `config, input_ids, attention_mask = None,`, an unpacking that fails).
  [
    'a broken def header whose parameters follow on their own rows',
    'def prepare_{{name}}_inputs(\n    config,\n    input_ids,\n    attention_mask=None,\n):\n    return config\ny = 1',
    'unknown "def prepare_{{name}}_inputs("\nreturn config\ny = 1',
  ],
];

for (const [name, src, expected] of CASES) {
  test(`recovers from ${name}`, () => {
    assert.equal(rendered(src).join('\n'), expected);
    assert.ok(lower(src).syntaxErrors.length > 0, 'the error is reported');
  });
}

test('syntax errors are reported by range; a clean file has none', () => {
  const src = 'x = 1\ny = (2 +\n';
  const ir = lower(src);
  assert.ok(ir.syntaxErrors.some((r) => r.start >= src.indexOf('y') && r.start < src.length));
  assert.deepEqual(lower(modelSource()).syntaxErrors, []);
});

test('the model fixture lowers completely', () => {
  assert.deepEqual(outline(lower(modelSource()).body), [
    'PatchEmbed',
    'PatchEmbed.__init__',
    'PatchEmbed.forward',
    'Attention',
    'Attention.__init__',
    'Attention.forward',
    'Block',
    'Block.__init__',
    'Block.forward',
    'VisionTransformer',
    'VisionTransformer.__init__',
    'VisionTransformer.forward_features',
    'VisionTransformer.forward',
    'SmallCNN',
    'SmallCNN.__init__',
    'SmallCNN.forward',
    'count_parameters',
  ]);
});

test('a truncated file keeps everything before the cut', () => {
  const src = modelSource();
  const cut = src.indexOf('qkv = self.qkv(x).reshape(B, N, 3,') + 'qkv = self.qkv(x).reshape(B, N, 3,'.length;
  const names = outline(lower(src.slice(0, cut)).body);
  assert.deepEqual(names, ['PatchEmbed', 'PatchEmbed.__init__', 'PatchEmbed.forward', 'Attention', 'Attention.__init__', 'Attention.forward']);
  // Every prefix of the file lowers without throwing, with ranges inside it.
  for (let end = 0; end <= src.length; end += 97) lower(src.slice(0, end));
});

test('an unclosed ( in one method of the model keeps every other class and method', () => {
  const src = modelSource().replace('x = x + self.attn(self.norm1(x))', 'x = x + self.attn(self.norm1(x)');
  const full = outline(lower(modelSource()).body);
  assert.deepEqual(outline(lower(src).body), full);
});

function mutate(src: string, rand: () => number): string {
  let out = src;
  const edits = randomInt(rand, 1, 4);
  for (let i = 0; i < edits; i++) {
    const start = randomInt(rand, 0, out.length);
    const kind = randomInt(rand, 0, 3);
    if (kind === 0) {
      out = out.slice(0, start) + out.slice(start + randomInt(rand, 1, 40)); // delete a span
    } else if (kind === 1) {
      out = out.slice(0, start) + out.slice(start + 1); // delete one character
    } else if (kind === 2) {
      const lineEnd = out.indexOf('\n', start);
      out = out.slice(0, start) + (lineEnd === -1 ? '' : out.slice(lineEnd)); // cut a line short
    } else {
      const junk = ['(', ')', '[', ':', '"', "'''", '\\', 'def ', '    ', '\n', '#', 'é😀', ',', '=', 'lambda'];
      out = out.slice(0, start) + junk[randomInt(rand, 0, junk.length - 1)]! + out.slice(start); // insert a token
    }
  }
  return out;
}

test('fuzz: 300 seeded mutations of a model file never throw and keep ranges inside the text', () => {
  const src = modelSource();
  const rand = mulberry32(20240611);
  let recovered = 0;
  for (let i = 0; i < 300; i++) {
    const mutated = mutate(src, rand);
    let ir: ModuleIR;
    try {
      ir = lower(mutated); // also checks every range
    } catch (err) {
      throw new Error(`mutation ${i} failed: ${(err as Error).message}\n${mutated}`);
    }
    for (const c of ir.comments) assert.equal(mutated.slice(c.range.start, c.range.end), c.text);
    for (const r of ir.syntaxErrors) assert.ok(0 <= r.start && r.start <= r.end && r.end <= mutated.length);
    if (outline(ir.body).length >= 15) recovered++;
  }
  // Most single-spot damage keeps nearly all definitions.
  assert.ok(recovered >= 285, `only ${recovered} of 300 mutations kept 15+ definitions`);
});
