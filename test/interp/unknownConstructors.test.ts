// A class whose __init__ we cannot see (a base from an unresolved package: pydantic's BaseModel,
// NamedTuple, attrs...) would set its attributes from the call's arguments. Its class-level
// defaults must not stand in for them: that would be a wrong hint, which is worse than none.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initPythonParser } from '../../server/frontends/python/parser';
import { analyzePythonText } from '../../server/analyzeFile';

before(async () => {
  await initPythonParser();
});

const program = (base: string, call: string): string => `import torch
import torch.nn as nn
from somewhere import ${base}


class Config(${base}):
    width: int = 32


cfg = ${call}
layer = nn.Linear(8, cfg.width)
y = layer(torch.randn(2, 8))
`;

const hintOf = (text: string, name: string): string | undefined => {
  const h = analyzePythonText(text).hints.find((x) => x.name === name);
  return h?.shapes.map((s) => `[${s.join(', ')}]`).join(' | ');
};

test('arguments to a class with an unknown base: no hint rather than the class default', () => {
  assert.equal(hintOf(program('BaseModel', 'Config(width=24)'), 'y'), undefined);
  assert.equal(hintOf(program('NamedTuple', 'Config(24)'), 'y'), undefined);
});

test('no arguments: the class default is what the instance has', () => {
  assert.equal(hintOf(program('BaseModel', 'Config()'), 'y'), '[2, 32]');
});
