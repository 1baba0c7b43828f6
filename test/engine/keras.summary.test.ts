// model.summary() text: TF.js' against the lines real @tensorflow/tfjs-layers printed
// (test/oracle/goldens/keras/summaries.json), Keras 3's against a printed Keras 3 summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Dim } from '../../engine/shape/dim';
import type { Shape } from '../../engine/shape/shape';
import { kerasSummary, readableMemorySize, tfjsSummary, type SummaryLayer } from '../../engine/ops/keras/summary';

type JsonShape = (number | null)[];
interface Golden {
  kind: 'sequential' | 'functional';
  trainable: number;
  nonTrainable: number;
  layers: { name: string; className: string; inputShapes: JsonShape[][]; outputShape: JsonShape; params: number; connections: string[] }[];
  lines: string[];
}

const shape = (s: JsonShape): Shape => s.map((d) => (d === null ? Dim.none() : Dim.of(d)));
const goldens = JSON.parse(fs.readFileSync(path.join(__dirname, '../oracle/goldens/keras/summaries.json'), 'utf8')) as Golden[];

goldens.forEach((g, i) => {
  test(`TF.js summary ${i} (${g.kind}, ${g.layers.length} layers) matches tfjs-layers' printSummary`, () => {
    const layers: SummaryLayer[] = g.layers.map((l) => ({
      name: l.name, className: l.className, inputShapes: l.inputShapes.map((node) => node.map(shape)),
      outputShape: shape(l.outputShape), params: l.params, connections: l.connections,
    }));
    const lines = tfjsSummary({ name: 'model', layers, trainableParams: g.trainable, nonTrainableParams: g.nonTrainable, sequentialLike: g.kind === 'sequential' });
    assert.deepEqual(lines, g.lines);
  });
});

/**
 * A Keras 3 summary as printed (80-column console, hence line length 76): the MNIST convnet of
 * the Keras examples (examples/vision/mnist_convnet.py), as rendered in the R keras3 package's
 * vignette "mnist_convnet" (Keras 3 through reticulate prints Python's text unchanged).
 */
const MNIST = `Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ conv2d (Conv2D)                 │ (None, 26, 26, 32)     │           320 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ max_pooling2d (MaxPooling2D)    │ (None, 13, 13, 32)     │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ conv2d_1 (Conv2D)               │ (None, 11, 11, 64)     │        18,496 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ max_pooling2d_1 (MaxPooling2D)  │ (None, 5, 5, 64)       │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ flatten (Flatten)               │ (None, 1600)           │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dropout (Dropout)               │ (None, 1600)           │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense (Dense)                   │ (None, 10)             │        16,010 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 34,826 (136.04 KB)
 Trainable params: 34,826 (136.04 KB)
 Non-trainable params: 0 (0.00 B)`;

test('Keras 3 summary matches a printed one (keras/src/utils/summary_utils.py print_summary)', () => {
  const row = (name: string, className: string, out: JsonShape, params: number): SummaryLayer => ({ name, className, outputShape: shape(out), params });
  const lines = kerasSummary({
    name: 'sequential', trainableParams: 34826, nonTrainableParams: 0, sequentialLike: true,
    layers: [
      row('conv2d', 'Conv2D', [null, 26, 26, 32], 320), row('max_pooling2d', 'MaxPooling2D', [null, 13, 13, 32], 0),
      row('conv2d_1', 'Conv2D', [null, 11, 11, 64], 18496), row('max_pooling2d_1', 'MaxPooling2D', [null, 5, 5, 64], 0),
      row('flatten', 'Flatten', [null, 1600], 0), row('dropout', 'Dropout', [null, 1600], 0), row('dense', 'Dense', [null, 10], 16010),
    ],
  });
  assert.equal(lines.join('\n'), MNIST);
});

test('Keras 3 summary: unbuilt layers, several outputs, the functional layout and the 88-column width', () => {
  const lines = kerasSummary({
    name: 'm', trainableParams: 0, nonTrainableParams: 0, sequentialLike: false,
    layers: [
      { name: 'in', className: 'InputLayer', outputShape: shape([null, 8]), params: 0, connections: [] },
      { name: 'lstm', className: 'LSTM', outputShape: [shape([null, 4]), shape([null, 4]), shape([null, 4])], params: 208, connections: ['in[0][0]'] },
      { name: 'dense', className: 'Dense' },
    ],
  }, 108);
  // summary_utils.py:205-210: four columns at 0.3/0.56/0.74/1.0 of line_length 108.
  assert.equal(lines[1].length, 108);
  assert.match(lines[2], /^┃ Layer \(type\) +┃ Output Shape +┃ +Param # ┃ Connected to +┃$/);
  assert.ok(lines.some((l) => l.includes('│ -')), 'no inputs print as -');
  assert.ok(lines.some((l) => l.includes('0 (unbuilt)')), 'an unbuilt layer');
  assert.ok(lines.some((l) => l.includes('│ ?')), 'a layer never called has no shape');
  assert.ok(lines.join('\n').includes('[(None, 4), (None, 4),'), 'several outputs print as a list');
  assert.equal(kerasSummary({ name: 'w', layers: [], trainableParams: 0, nonTrainableParams: 0, sequentialLike: true }, 88)[1].length, 88);
});

test('memory sizes as summary_utils.readable_memory_size', () => {
  assert.equal(readableMemorySize(0), '0.00 B');
  assert.equal(readableMemorySize(1023), '1023.00 B');
  assert.equal(readableMemorySize(34826 * 4), '136.04 KB');
  assert.equal(readableMemorySize(3 * 1024 * 1024), '3.00 MB');
});
