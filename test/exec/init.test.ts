// PyTorch's default initialisation, as distributions: for each layer in goldens/init.json (fresh
// PyTorch layers' statistics) the engine's seeded values have the same shape, range, mean and
// spread. Values differ (our generator is not torch's), the laws must not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialParameters } from '../../engine/exec/lower';
import { SeededRandom } from '../../engine/exec/random';
import { parameterCount } from '../../engine/ops/apply';
import { decodeKwargs, decodeValue, type Json } from '../oracle/goldenCodec';
import { readGolden } from './goldenData';
import { TraceRecorder } from './traceBuilder';

interface InitGolden {
  op: string;
  args: Json[];
  kwargs: Record<string, Json>;
  params: { name: string; shape: number[]; dtype: string; min: number; max: number; mean: number; std: number }[];
}

for (const g of readGolden<InitGolden[]>('init.json')) {
  test(`default init of ${g.op}(${g.args.join(', ')}) follows PyTorch's distributions`, () => {
    const m = new TraceRecorder().module(g.op, '', g.args.map(decodeValue), decodeKwargs(g.kwargs));
    if (!m.op.reset) {
      console.log(`# ${g.op}: no reset (PyTorch's initialisation) declared yet`);
      return;
    }
    const values = initialParameters(m, (d) => d.value!, new SeededRandom(7));
    const torchCount = g.params.filter((p) => !p.name.startsWith('running_') && p.name !== 'num_batches_tracked')
      .reduce((a, p) => a + p.shape.reduce((x, y) => x * y, 1), 0);
    assert.equal(parameterCount(m), torchCount, 'parameter count');
    for (const p of g.params) {
      const v = values.get(p.name);
      assert.ok(v, `${p.name} missing`);
      assert.deepEqual([...v.shape], p.shape, `${p.name} shape`);
      const xs = Array.from(v.data as ArrayLike<number | bigint>, Number);
      const n = xs.length;
      const mean = xs.reduce((a, b) => a + b, 0) / n;
      const std = n > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
      const spread = Math.max(p.std, 1e-12);
      // Constant tensors (ones, zeros) must be equal; random ones within sampling error.
      if (p.std === 0) {
        assert.equal(mean, p.mean, `${p.name} constant`);
        continue;
      }
      assert.ok(Math.abs(mean - p.mean) < 6 * spread / Math.sqrt(n) + 1e-3, `${p.name} mean ${mean} vs ${p.mean}`);
      assert.ok(Math.abs(std / spread - 1) < 0.1 + 3 / Math.sqrt(2 * n), `${p.name} std ${std} vs ${p.std}`);
      const range = p.max - p.min;
      // Sample extremes say something about the support only for enough samples.
      if (n >= 64) assert.ok(Math.min(...xs) >= p.min - 0.1 * range && Math.max(...xs) <= p.max + 0.1 * range, `${p.name} range`);
    }
  });
}
