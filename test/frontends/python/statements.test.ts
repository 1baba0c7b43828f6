// Statement lowering: each case is a Python snippet and its lowered IR rendered back to Python-like
// lines (elif becomes a nested if in else; parenthesised forms show the IR's tree structure).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ready, rendered } from './support';

before(ready);

const CASES: readonly (readonly [string, string])[] = [
  // Assignments
  ['x = 1', 'x = 1'],
  ['a = b = f(x)', 'a = b = f(x)'],
  ['a, *b = c', '(a, *b) = c'],
  ['[a, b] = (c, d) = 1, 2', '[a, b] = (c, d) = (1, 2)'],
  ['x: int = 5', 'x: int = 5'],
  ['y: Optional[torch.Tensor]', 'y: Optional[torch.Tensor]'],
  ['self.w: Tensor = torch.zeros(3)', 'self.w: Tensor = torch.zeros(3)'],
  ['x = yield', 'x = (yield)'],
  ['x += 1', 'x += 1'],
  ['x //= 2', 'x //= 2'],
  ['m @= w', 'm @= w'],
  ['x **= 2', 'x **= 2'],
  ['x >>= 1', 'x >>= 1'],
  // Control flow
  [
    'if a:\n    x = 1\nelif b:\n    x = 2\nelif c:\n    x = 3\nelse:\n    x = 4',
    'if a:\n  x = 1\nelse:\n  if b:\n    x = 2\n  else:\n    if c:\n      x = 3\n    else:\n      x = 4',
  ],
  ['if a: pass', 'if a:\n  pass'],
  [
    'for i, (a, b) in enumerate(pairs):\n    if i: continue\n    break\nelse:\n    pass',
    'for (i, (a, b)) in enumerate(pairs):\n  if i:\n    continue\n  break\nelse:\n  pass',
  ],
  ['for x in a, b: pass', 'for x in (a, b):\n  pass'],
  ['async for x in y:\n    pass', 'for x in y:\n  pass'],
  ['while x > 0:\n    x -= 1\nelse:\n    done()', 'while (x > 0):\n  x -= 1\nelse:\n  done()'],
  // Functions
  ['def f():\n    return', 'def f():\n  return'],
  ['def f(): return a, b', 'def f():\n  return (a, b)'],
  ['def f(a, b=1, /, c=2, *args, d, e=3, **kw): pass', 'def f(a, b=1, /, c=2, *args, d, e=3, **kw):\n  pass'],
  ['def f(a, *, b: int, c: "T" = None) -> Tuple[int, ...]: pass', 'def f(a, *, b: int, c: "T" = None) -> Tuple[(int, ...)]:\n  pass'],
  ['def f(*args: int, **kwargs: str): pass', 'def f(*args: int, **kwargs: str):\n  pass'],
  ['def f(x: int | None, y: Dict[str, Tensor]): pass', 'def f(x: (int | None), y: Dict[(str, Tensor)]):\n  pass'],
  ['@torch.no_grad()\n@staticmethod\nasync def step(self):\n    await x', '@torch.no_grad()\n@staticmethod\nasync def step(self):\n  ?'],
  // Classes
  [
    'class Net(nn.Module, metaclass=ABCMeta):\n    """Doc."""\n    size = 3\n    def forward(self, x):\n        return x',
    'class Net(nn.Module, metaclass=ABCMeta):\n  "Doc."\n  size = 3\n  def forward(self, x):\n    return x',
  ],
  ['@dataclass\nclass C: pass', '@dataclass\nclass C:\n  pass'],
  ['class D(*bases, **kw): pass', 'class D(*bases, **kw):\n  pass'],
  ['class E(): pass', 'class E:\n  pass'],
  // Exceptions
  [
    'try:\n    a()\nexcept ValueError as e:\n    b()\nexcept (TypeError, KeyError):\n    pass\nexcept:\n    raise\nelse:\n    c()\nfinally:\n    d()',
    'try:\n  a()\nexcept ValueError as e:\n  b()\nexcept (TypeError, KeyError):\n  pass\nexcept:\n  raise\nelse:\n  c()\nfinally:\n  d()',
  ],
  ['try:\n    pass\nexcept* OSError as eg:\n    pass', 'try:\n  pass\nexcept OSError as eg:\n  pass'],
  ['try:\n    pass\nfinally:\n    pass', 'try:\n  pass\nfinally:\n  pass'],
  ['raise', 'raise'],
  ['raise ValueError("bad") from e', 'raise ValueError("bad")'],
  ['assert x.shape[0] == 3', 'assert (x.shape[0] == 3)'],
  ['assert ok, "message"', 'assert ok, "message"'],
  // with
  ['with torch.no_grad(), open(p) as f, ctx() as (a, b):\n    pass', 'with torch.no_grad(), open(p) as f, ctx() as (a, b):\n  pass'],
  ['with (a as b, c as d):\n    pass', 'with a as b, c as d:\n  pass'],
  ['async with lock:\n    pass', 'with lock:\n  pass'],
  // Imports
  ['import torch', 'import torch'],
  ['import torch.nn as nn, numpy as np', 'import torch.nn as nn, numpy as np'],
  ['from torch import nn, Tensor as T', 'from torch import nn, Tensor as T'],
  ['from . import models', 'from . import models'],
  ['from ..utils.io import (load, save,)', 'from ..utils.io import load, save'],
  ['from ...pkg import x', 'from ...pkg import x'],
  ['from torch.nn import *', 'from torch.nn import *'],
  ['from __future__ import annotations', 'from __future__ import annotations'],
  // Simple statements
  ['del a, b[0]', 'del a, b[0]'],
  ['del (a, b)', 'del (a, b)'],
  ['def f():\n    global g\n    nonlocal a, b', 'def f():\n  global g\n  nonlocal a, b'],
  ['a, b', '(a, b)'],
  ['f(x); g(y)', 'f(x)\ng(y)'],
  ['pass\nbreak\ncontinue', 'pass\nbreak\ncontinue'],
  // Not supported: skipped as unknown statements
  ['match command:\n    case "go": pass', 'unknown "match command:"'],
  ['type Alias = int', 'unknown "type Alias = int"'],
  ['print "hello"', 'unknown "print \\"hello\\""'],
];

for (const [src, expected] of CASES) {
  test(`statement: ${src.split('\n')[0]}`, () => {
    assert.equal(rendered(src).join('\n'), expected);
  });
}
