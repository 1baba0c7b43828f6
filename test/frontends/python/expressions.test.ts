// Expression lowering: each line of a case is one expression statement; the expected text is its
// IR rendered back (binary operations fully parenthesised, `?` for unknown, `f` marks floats).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ready, rendered } from './support';

before(ready);

const CASES: readonly (readonly [string, string])[] = [
  ['x', 'x'],
  // Numbers: bases, underscores, floats; complex numbers have no value we track.
  ['42\n0x_FF\n0o17\n0b1010\n1_000_000', '42\n255\n15\n10\n1000000'],
  ['3.5\n1e-3\n.5\n2.\n1_0.5e1_0', '3.5f\n0.001f\n0.5f\n2f\n105000000000f'],
  ['3j\n1.5J', '?\n?'],
  // Strings: prefixes, escapes, implicit concatenation, f-strings.
  [`'a' "b" '''c''' """d"""`, '"abcd"'],
  [String.raw`r'\d+' b'\x00' u'é' rb'\n' B"x"`, String.raw`"\\d+\u0000é\\nx"`],
  [String.raw`"tab\tnew\nline \x41\u00e9\\ \q"`, String.raw`"tab\tnew\nline Aé\\ \\q"`],
  [`f"{x}"\nF'y'\n'a' f'{b}'\nf"{x!r:>{w}}"`, 'f"…"\nf"…"\nf"…"\nf"…"'],
  ['True\nFalse\nNone\n...', 'True\nFalse\nNone\n...'],
  // Attributes, subscripts and slices (several indices make a tuple, as in Python).
  ['a.b.c\nx.shape[0]', 'a.b.c\nx.shape[0]'],
  ['x[1:2]\nx[:, None]\nx[::2, ..., -1]\nx[a:b:c]\nx[i,]\nx[()]\nx[:]', 'x[1:2]\nx[(:, None)]\nx[(::2, ..., (-1))]\nx[a:b:c]\nx[(i,)]\nx[()]\nx[:]'],
  // Calls
  ['f()\nf(a, b)\nf(a, key=1, *args, **kwargs)', 'f()\nf(a, b)\nf(a, key=1, *args, **kwargs)'],
  ['torch.cat([a, b], dim=-1)\nsum(x for x in y)\nf(a)(b)', 'torch.cat([a, b], dim=(-1))\nsum((x for x in y))\nf(a)(b)'],
  // Operators and precedence
  ['a + b * c\n(a + b) * c\na - b / c // d % e', '(a + (b * c))\n((a + b) * c)\n(a - (((b / c) // d) % e))'],
  ['a ** -b\n-x ** 2\na @ b\na & b | c ^ d\na << 1 >> 2', '(a ** (-b))\n(-(x ** 2))\n(a @ b)\n((a & b) | (c ^ d))\n((a << 1) >> 2)'],
  ['-x\n+x\n~x\nnot x\nnot -x', '(-x)\n(+x)\n(~x)\n(not x)\n(not (-x))'],
  ['a and b and c\na or b and c\n(a or b) or c\na and (b and c)', '(a and b and c)\n(a or (b and c))\n((a or b) or c)\n(a and (b and c))'],
  [
    'a < b\na < b <= c\na == b != c\na in b\na not in b\na is b\na is not None\na > b >= c',
    '(a < b)\n(a < b <= c)\n(a == b != c)\n(a in b)\n(a not in b)\n(a is b)\n(a is not None)\n(a > b >= c)',
  ],
  ['a if c else b\na if c else b if d else e', '(a if c else b)\n(a if c else (b if d else e))'],
  // Displays
  ['(a, b)\n(a,)\n()\n[a, b]\n[]\n{a, b}\n{}', '(a, b)\n(a,)\n()\n[a, b]\n[]\n{a, b}\n{}'],
  [`{'a': 1, **rest, b: 2}\n[*a, *b]\n(*a, b)`, '{"a": 1, **rest, b: 2}\n[*a, *b]\n(*a, b)'],
  // Lambdas and comprehensions
  ['lambda: 0\nlambda x, y=1, *a, k, **kw: x + y', '(lambda : 0)\n(lambda x, y=1, *a, k, **kw: (x + y))'],
  ['[x * 2 for x in xs]\n[x for x in xs if x if x > 1]', '[(x * 2) for x in xs]\n[x for x in xs if x if (x > 1)]'],
  ['[(i, j) for i in a for j in b if i != j]', '[(i, j) for i in a for j in b if (i != j)]'],
  ['{k for k in ks}\n{k: v for k, v in d.items()}\n(x for x in xs)', '{k for k in ks}\n{k: v for (k, v) in d.items()}\n(x for x in xs)'],
  // Walrus, parentheses, and what stays unknown
  ['(n := len(a)) > 10', '((n := len(a)) > 10)'],
  ['(((x)))', 'x'],
  ['await x\nx = yield y', '?\nx = (yield y)'],
];

for (const [src, expected] of CASES) {
  test(`expression: ${src.split('\n')[0]}`, () => {
    assert.equal(rendered(src).join('\n'), expected);
  });
}
