// torchvision's MNIST and CIFAR datasets, which need a download the oracle cannot make: their
// items' sizes and counts from torchvision's sources and the datasets' pages (cited in
// engine/interp/torchvisionData.ts). The transforms and the batching are checked against real
// PyTorch with FakeData (test/fixtures/python/torchvision_data.py).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initPythonParser } from '../../server/frontends/python/parser';
import { analyzePythonText } from '../../server/analyzeFile';

before(async () => {
  await initPythonParser();
});

/** The shapes bound to `name`, as labels. */
function shapesOf(text: string, name: string): string[] {
  return analyzePythonText(text).hints.filter((h) => h.name === name && h.kind === undefined).flatMap((h) => h.shapes.map((s) => `[${s.join(', ')}]`));
}

const program = (dataset: string, train: string, batch: number, transform = 'transforms.ToTensor()'): string => `
import torch
import torchvision.transforms as transforms
from torchvision import datasets
data = datasets.${dataset}("data", train=${train}, download=True, transform=${transform})
for imgs, labels in torch.utils.data.DataLoader(data, batch_size=${batch}):
    pass
`;

test('MNIST: 28x28 grayscale items, 60,000 to train on and 10,000 to test', () => {
  // 60,000 / 25,000: two full batches and a last one of 10,000.
  assert.deepEqual(shapesOf(program('MNIST', 'True', 25000), 'imgs'), ['[25000, 1, 28, 28]', '[10000, 1, 28, 28]']);
  assert.deepEqual(shapesOf(program('MNIST', 'False', 4000), 'imgs'), ['[4000, 1, 28, 28]', '[2000, 1, 28, 28]']);
  assert.deepEqual(shapesOf(program('FashionMNIST', 'False', 4000), 'labels'), ['[4000]', '[2000]']);
});

test('CIFAR10 and CIFAR100: 32x32 RGB items, 50,000 to train on and 10,000 to test', () => {
  assert.deepEqual(shapesOf(program('CIFAR10', 'True', 20000), 'imgs'), ['[20000, 3, 32, 32]', '[10000, 3, 32, 32]']);
  assert.deepEqual(shapesOf(program('CIFAR100', 'False', 3000), 'imgs'), ['[3000, 3, 32, 32]', '[1000, 3, 32, 32]']);
});

test('a transform not modelled, a label transform, or no ToTensor: no batch shape', () => {
  assert.deepEqual(shapesOf(program('MNIST', 'True', 64, 'transforms.Compose([transforms.RandomRotation(10), transforms.ToTensor()])'), 'imgs'), []);
  assert.deepEqual(shapesOf(program('MNIST', 'True', 64, 'None'), 'imgs'), []);
  const labelled = program('MNIST', 'True', 64).replace('transform=transforms.ToTensor()', 'transform=transforms.ToTensor(), target_transform=lambda y: [y]');
  assert.deepEqual(shapesOf(labelled, 'imgs'), []);
});

test('more batches than a loop lists: any number of full batches, then the partial one', () => {
  // 60,000 / 64: 937 full batches and a last one of 32 (PyTorch's loop sees both).
  assert.deepEqual(shapesOf(program('MNIST', 'True', 64), 'imgs'), ['[64, 1, 28, 28]', '[32, 1, 28, 28]']);
  // enumerate() of such a list: an index not known with each full batch, len - 1 with the last.
  const enumerated = program('MNIST', 'True', 64).replace('for imgs, labels in torch.utils.data.DataLoader(data, batch_size=64):', 'for i, (imgs, labels) in enumerate(torch.utils.data.DataLoader(data, batch_size=64)):');
  assert.deepEqual(shapesOf(enumerated, 'imgs'), ['[64, 1, 28, 28]', '[32, 1, 28, 28]']);
  // drop_last: the full batches only.
  const dropped = program('MNIST', 'True', 64).replace('batch_size=64)', 'batch_size=64, drop_last=True)');
  assert.deepEqual(shapesOf(dropped, 'imgs'), ['[64, 1, 28, 28]']);
});
