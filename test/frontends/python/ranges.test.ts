// Ranges are UTF-16 offsets into the JS string (web-tree-sitter 0.27 parses UTF-16, so 'é' and an
// emoji before the code must not shift anything); comments are collected with their ranges.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Expr, Stmt } from '../../../engine/interp/ir';
import { lower, ready } from './support';

before(ready);

const slice = (src: string, r: { start: number; end: number }): string => src.slice(r.start, r.end);

test('one small module lowers to exactly this IR', () => {
  const src = 'y = f(x, k=2)  # c\n';
  assert.deepEqual(lower(src), {
    body: [
      {
        k: 'assign',
        targets: [{ k: 'name', id: 'y', range: { start: 0, end: 1 } }],
        value: {
          k: 'call',
          fn: { k: 'name', id: 'f', range: { start: 4, end: 5 } },
          args: [
            { value: { k: 'name', id: 'x', range: { start: 6, end: 7 } }, range: { start: 6, end: 7 } },
            { name: 'k', value: { k: 'num', value: 2, isFloat: false, range: { start: 11, end: 12 } }, range: { start: 9, end: 12 } },
          ],
          range: { start: 4, end: 13 },
        },
        range: { start: 0, end: 13 },
      },
    ],
    comments: [{ text: '# c', range: { start: 15, end: 18 } }],
    syntaxErrors: [],
  });
});

test('non-ASCII text before code does not shift ranges (UTF-16 offsets)', () => {
  const src = "s = 'é😀 ü'  # naïve 😀 comment\nclass Ünïcode:\n    def f(self, x):  # ✓\n        return x.view(-1)\n";
  const ir = lower(src);
  assert.deepEqual(
    ir.comments.map((c) => [c.text, slice(src, c.range)]),
    [
      ['# naïve 😀 comment', '# naïve 😀 comment'],
      ['# ✓', '# ✓'],
    ],
  );
  const [assign, cls] = ir.body as [Extract<Stmt, { k: 'assign' }>, Extract<Stmt, { k: 'class' }>];
  assert.equal(slice(src, assign.value!.range), "'é😀 ü'");
  assert.deepEqual(assign.value, { k: 'str', value: 'é😀 ü', range: assign.value!.range });
  assert.equal(slice(src, cls.nameRange), 'Ünïcode');
  const def = cls.body[0] as Extract<Stmt, { k: 'def' }>;
  assert.equal(slice(src, def.nameRange), 'f');
  assert.deepEqual(
    def.params.map((p) => slice(src, p.range)),
    ['self', 'x'],
  );
  const ret = def.body[0] as Extract<Stmt, { k: 'return' }>;
  const call = ret.value as Extract<Expr, { k: 'call' }>;
  assert.equal(slice(src, call.range), 'x.view(-1)');
  const attr = call.fn as Extract<Expr, { k: 'attr' }>;
  assert.equal(slice(src, attr.nameRange), 'view');
});

test('statement ranges: a decorated definition covers its decorators; elif reaches the end', () => {
  const src = '@dec\ndef f(): pass\nif a:\n    pass\nelif b:\n    pass\nelse:\n    pass\n';
  const [def, ifs] = lower(src).body as [Extract<Stmt, { k: 'def' }>, Extract<Stmt, { k: 'if' }>];
  assert.equal(slice(src, def.range), '@dec\ndef f(): pass');
  assert.equal(slice(src, def.nameRange), 'f');
  assert.equal(slice(src, ifs.orelse[0]!.range), 'elif b:\n    pass\nelse:\n    pass');
});

test('parameter kinds, defaults and annotations', () => {
  const src = 'def f(a, b: int = 1, /, c=2, *args: T, d, e: int = 3, **kw): pass';
  const def = lower(src).body[0] as Extract<Stmt, { k: 'def' }>;
  assert.deepEqual(
    def.params.map((p) => [p.name, p.kind, p.default && slice(src, p.default.range), p.annotation && slice(src, p.annotation.range), slice(src, p.range)]),
    [
      ['a', 'positional-only', undefined, undefined, 'a'],
      ['b', 'positional-only', '1', 'int', 'b: int = 1'],
      ['c', 'positional-or-keyword', '2', undefined, 'c=2'],
      ['args', 'var-positional', undefined, 'T', '*args: T'],
      ['d', 'keyword-only', undefined, undefined, 'd'],
      ['e', 'keyword-only', '3', 'int', 'e: int = 3'],
      ['kw', 'var-keyword', undefined, undefined, '**kw'],
    ],
  );
});

test('subscript tuples span their items; keyword and star arguments keep their ranges', () => {
  const src = 'x[a, 1:2]\nf(*xs, **kw, n=1)\nfrom .. import m as n\n';
  const [sub, call, imp] = lower(src).body as [Extract<Stmt, { k: 'expr' }>, Extract<Stmt, { k: 'expr' }>, Extract<Stmt, { k: 'importfrom' }>];
  const s = sub.value as Extract<Expr, { k: 'subscript' }>;
  assert.equal(slice(src, s.index.range), 'a, 1:2');
  const c = call.value as Extract<Expr, { k: 'call' }>;
  assert.deepEqual(
    c.args.map((a) => [a.star, a.name, slice(src, a.range), slice(src, a.value.range)]),
    [
      ['*', undefined, '*xs', 'xs'],
      ['**', undefined, '**kw', 'kw'],
      [undefined, 'n', 'n=1', '1'],
    ],
  );
  assert.deepEqual({ module: imp.module, level: imp.level, names: imp.names.map((n) => [n.name, n.asname, slice(src, n.range)]) }, {
    module: '',
    level: 2,
    names: [['m', 'n', 'm as n']],
  });
});

test('comments everywhere are collected in order, shape annotations included', () => {
  const src = [
    '# header',
    'x = [1,  # inside a list',
    '     2]',
    'def f(a,  # in parameters',
    '      b):',
    '    # shape: x = [B, 1, 28, 28]',
    '    return a  # trailing',
    '#',
  ].join('\r\n');
  const ir = lower(src);
  assert.deepEqual(
    ir.comments.map((c) => c.text),
    ['# header', '# inside a list', '# in parameters', '# shape: x = [B, 1, 28, 28]', '# trailing', '#'],
  );
  for (const c of ir.comments) assert.equal(slice(src, c.range), c.text);
  assert.equal(ir.body.length, 2);
});
