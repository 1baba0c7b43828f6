// Dim.none(): the batch size Keras (`None`) and TF.js (`null`) leave unknown. It prints as None,
// is null in the JSON report, stays symbolic under arithmetic, and no user-written name reaches it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dim } from '../../engine/shape/dim';

const None = Dim.none();

test('prints as None and is null in JSON', () => {
  assert.equal(None.toString(), 'None');
  assert.equal(None.toJSON(), null);
  assert.equal(JSON.stringify([None, Dim.of(28), Dim.sym('H')]), '[null,28,"H"]');
});

test('isNone holds for None itself only', () => {
  assert.ok(None.isNone);
  assert.ok(Dim.none().isNone);
  assert.ok(!Dim.sym('None').isNone, 'a symbol a user names None is not the framework None');
  assert.ok(!Dim.sym('B').isNone);
  assert.ok(!Dim.of(1).isNone);
  assert.ok(!None.mul(2).isNone);
  assert.ok(!None.add(1).isNone);
});

test('arithmetic with None stays symbolic', () => {
  assert.equal(None.mul(2).toString(), '2*None');
  assert.equal(None.mul(2).toJSON(), '2*None');
  assert.equal(None.add(3).sub(3).isNone, true);
  assert.equal(None.floordiv(2)!.toString(), 'None // 2');
  assert.equal(None.mul(Dim.sym('T')).toString(), 'None*T');
  assert.equal(None.isKnown, false);
  assert.equal(None.value, undefined);
  assert.ok(None.mul(4).hasNone);
  assert.ok(!Dim.sym('B').mul(4).hasNone);
  assert.ok(!None.hasUnknown);
});

test('one shared None: the batch of one model run', () => {
  assert.equal(None.equals(Dim.none()), 'yes');
  assert.equal(None.sub(Dim.none()).value, 0);
  assert.equal(None.equals(Dim.sym('None')), 'unknown');
  assert.equal(None.equals(3), 'unknown');
  assert.ok(None.same(Dim.none()));
});

test('evaluates through its printed name like other symbols', () => {
  assert.equal(None.mul(2).evaluate({ None: 5 }), 10);
  assert.equal(None.evaluate({}), undefined);
  assert.deepEqual([...None.mul(Dim.sym('T')).symbols()].sort(), ['None', 'T']);
});
