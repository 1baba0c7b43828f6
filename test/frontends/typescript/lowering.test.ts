// Lowering of TypeScript / JavaScript to the core IR: each case is a snippet and its IR rendered as
// Python-like lines. JavaScript's own semantics go through the hidden `__js_*` helpers; type
// syntax disappears; functions are hoisted; classes get `__init__(this, ...)`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rendered } from './support';

const CASES: readonly (readonly [string, string])[] = [
  // Declarations and assignments
  ['const x = 1;', 'x = 1'],
  ['let y: number;', 'y = None'],
  ['declare const z: number;', ''],
  ['var a = 1, b = 2;', 'a = 1\nb = 2'],
  ['let x!: tf.Tensor;', ''],
  ['a = b = c;', 'a = b = c'],
  ['x += 2;', 'x = __js_op__("+", x, 2)'],
  ['i++;', 'i = __js_op__("+", i, 1)'],
  ['--i;', 'i = __js_op__("-", i, 1)'],
  ['x ??= 3;', 'x = __js_nullish__(x, 3)'],
  ['x ||= y;', 'x = (x or y)'],
  ['obj.units = 4;', '__js_set__(obj, "units", 4)'],
  ['arr[i] = v;', '__js_set__(arr, i, v)'],
  ['this.w += 1;', '__js_set__(this, "w", __js_op__("+", this.w, 1))'],
  ['a = 1, b = 2;', 'a = 1\nb = 2'],
  // Destructuring
  ['const {units, activation = "relu", ...rest} = cfg;', '(units, activation, rest) = __js_pick__(cfg, ["units", "activation"], [None, "relu"], True)'],
  ['const {a: {b}} = o;', '(__js_tmp1,) = __js_pick__(o, ["a"], [None], False)\n(b,) = __js_pick__(__js_tmp1, ["b"], [None], False)'],
  ['const [first, , third = 0] = xs;', '(first, ?, third) = __js_items__(xs, 3, [None, None, 0], False)'],
  ['const [head, ...tail] = xs;', '(head, tail) = __js_items__(xs, 1, [None], True)'],
  ['[a, b] = [b, a];', '(a, b) = __js_items__([b, a], 2, [None, None], False)'],
  // Expressions
  ['f(a / 2, -1, -x, !ok);', 'f(__js_op__("/", a, 2), -1, __js_op__("-", 0, x), (not ok))'],
  ['f(a === b, a !== b, a <= b, "k" in o);', 'f(__js_op__("==", a, b), __js_op__("!=", a, b), __js_op__("<=", a, b), __js_op__("in", "k", o))'],
  ['f(a && b, a || b, a ?? b, c ? d : e);', 'f((a and b), (a or b), __js_nullish__(a, b), (d if c else e))'],
  ['f(x as tf.Tensor, y!, <T>z, await w, (v));', 'f(x, y, z, w, v)'],
  ['f(`x${y}`, "s", true, null, undefined, 1.5);', 'f(f"…", "s", True, None, None, 1.5f)'],
  ['f(a[0], a?.b, a.b.c, a?.[1]);', 'f(__js_get__(a, 0), a.b, a.b.c, __js_get__(a, 1))'],
  ['f([1, ...xs, , 2], {a: 1, b, ...o, [k]: 2, "c d": 3});', 'f([1, *xs, None, 2], {"a": 1, "b": b, **o, k: 2, "c d": 3})'],
  ['new Foo(1, ...args);', 'Foo(1, *args)'],
  ['f(x => x * 2);', 'f((lambda x=None, *__js_rest: <1 statements>))'],
  ['typeof x; void 0;', '?\nNone'],
  // Control flow
  ['if (a) { b(); } else if (c) d(); else { e(); }', 'if a:\n  b()\nelse:\n  if c:\n    d()\n  else:\n    e()'],
  ['for (const x of xs) { f(x); }', 'for x in xs:\n  f(x)'],
  ['for (const k in o) f(k);', 'for k in __js_keys__(o):\n  f(k)'],
  ['for (const [k, v] of pairs) f(k, v);', 'for __js_item1 in pairs:\n  (k, v) = __js_items__(__js_item1, 2, [None, None], False)\n  f(k, v)'],
  ['for (let i = 0; i < n; i++) f(i);', 'for i in __js_range__(0, n, 1):\n  f(i)'],
  ['for (let i = 10; i >= 0; i -= 2) f(i);', 'for i in __js_range__(10, __js_op__("-", 0, 1), -2):\n  f(i)'],
  ['for (let i = 0; i < n; i++) { if (c) continue; i += 1; }', 'i = 0\nwhile __js_op__("<", i, n):\n  if c:\n    i = __js_op__("+", i, 1)\n    continue\n  i = __js_op__("+", i, 1)\n  i = __js_op__("+", i, 1)'],
  ['for (;;) { break; }', 'while True:\n  break'],
  ['while (x) x--;', 'while x:\n  x = __js_op__("-", x, 1)'],
  ['do { f(); } while (g());', 'while True:\n  f()\n  if (not g()):\n    break'],
  ['switch (k) { case 1: case 2: a(); break; case 3: b(); default: c(); }', 'if (__js_op__("==", k, 1) or __js_op__("==", k, 2)):\n  a()\nelse:\n  if __js_op__("==", k, 3):\n    b()\n    c()\n  else:\n    c()'],
  ['try { a(); } catch (e) { b(); } finally { c(); }', 'try:\n  a()\nexcept as e:\n  b()\nfinally:\n  c()'],
  ['throw new Error("x");', 'raise Error("x")'],
  ['label: for (const x of xs) continue label;', 'for x in xs:\n  continue'],
  // Functions and classes
  ['g(); function g(a: number, b = 2, ...rest: number[]) { return a; }', 'def g(a=None, b=2, *rest):\n  return a\ng()'],
  ['function h({units}: Cfg) {}', 'def h(__js_arg1=None, *__js_rest):\n  (units,) = __js_pick__(__js_arg1, ["units"], [None], False)'],
  ['async function m() { await f(); }', 'async def m(*__js_rest):\n  f()'],
  [
    'class L extends tf.layers.Layer { static className = "L"; private k = 3; constructor(private cfg: C) { super(cfg); } call(x: T) { return x; } static make() { return 1; } get size() { return this.k; } }',
    'class L(tf.layers.Layer):\n  def __init__(this, cfg=None, *__js_rest):\n    super().__init__(cfg)\n    __js_set__(this, "cfg", cfg)\n    __js_set__(this, "k", 3)\n  className = "L"\n  def call(this, x=None, *__js_rest):\n    return x\n  @staticmethod\n  def make(*__js_rest):\n    return 1\n  @property\n  def size(this, *__js_rest):\n    return this.k',
  ],
  ['class B extends A { x = 1; }', 'class B(A):\n  def __init__(this, *args):\n    super().__init__(*args)\n    __js_set__(this, "x", 1)'],
  ['class C { m() { return super.m(); } }', 'class C:\n  def m(this, *__js_rest):\n    return super().m()'],
  // Types only
  ['interface I { a: number } type T = string; enum E { A } namespace N {}', ''],
  // Modules
  ["import * as tf from '@tensorflow/tfjs';", 'tf = __js_import__("@tensorflow/tfjs")'],
  ["import tf from '@tensorflow/tfjs';", 'tf = __js_import__("@tensorflow/tfjs").default'],
  ["import { layers, sequential as seq } from '@tensorflow/tfjs-node';", 'from @tensorflow/tfjs-node import layers, sequential as seq'],
  ["import { build } from './model';", 'from ../model import build'],
  ["import type { T } from './t'; import './side';", ''],
  ["import tf = require('@tensorflow/tfjs');", 'tf = __js_import__("@tensorflow/tfjs")'],
  ["const tf = require('@tensorflow/tfjs');", 'tf = require("@tensorflow/tfjs")'],
  ['export default model;', 'default = model'],
  ['export default function f() {}', 'def f(*__js_rest):\ndefault = f'],
  ["export * from './layers'; export { a as b } from './c';", 'from ../layers import *\nfrom ../c import a as b'],
  ['export { x as y };', 'y = x'],
];

for (const [src, want] of CASES) {
  test(src.length > 60 ? `${src.slice(0, 57)}...` : src, () => {
    assert.equal(rendered(src).join('\n'), want);
  });
}

test('JSX and .js files parse in their dialects', () => {
  assert.deepEqual(rendered('const el = <div>{x}</div>; const y = f(1);', 'view.tsx'), ['el = ?', 'y = f(1)']);
  assert.deepEqual(rendered('const t = tf.zeros([1]);', 'a.mjs'), ['t = tf.zeros([1])']);
});
