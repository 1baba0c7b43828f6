// The shapeHints.* settings as the server reads them: nested (VS Code) or dotted keys, defaults
// for anything missing or malformed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, parseSettings, SettingsCache } from '../../server/lsp/settings';

test('nested and dotted forms, defaults for the rest', () => {
  const nested = parseSettings({ inlayHints: { enabled: false, position: 'endOfLine' }, extraPaths: ['libs', 3] });
  assert.deepEqual(nested, { ...DEFAULT_SETTINGS, inlayHints: { enabled: false, position: 'endOfLine', hideUnchanged: false }, extraPaths: ['libs'] });
  const dotted = parseSettings({ 'inlayHints.hideUnchanged': true, 'diagnostics.enabled': false, 'forwardPass.symbolicDimSize': 4 });
  assert.equal(dotted.inlayHints.hideUnchanged, true);
  assert.equal(dotted.diagnostics.enabled, false);
  assert.equal(dotted.forwardPass.symbolicDimSize, 4);
});

test('malformed values fall back to the defaults', () => {
  for (const raw of [null, 42, 'x', [], { inlayHints: 'on', position: 'left', forwardPass: { memoryBudgetMB: -1, symbolicDimSize: 'two' }, extraPaths: 'libs' }]) {
    assert.deepEqual(parseSettings(raw), DEFAULT_SETTINGS, JSON.stringify(raw));
  }
  assert.equal(parseSettings({ inlayHints: { position: 'left' } }).inlayHints.position, 'afterName');
});

test('the cache pulls once per resource until the configuration changes', async () => {
  const pulls: string[] = [];
  const cache = new SettingsCache(async (r) => {
    pulls.push(r);
    return { inlayHints: { enabled: pulls.length === 1 } };
  });
  assert.equal((await cache.get('file:///a.py')).inlayHints.enabled, true);
  assert.equal((await cache.get('file:///a.py')).inlayHints.enabled, true);
  cache.changed(null);
  assert.equal((await cache.get('file:///a.py')).inlayHints.enabled, false);
  assert.deepEqual(pulls, ['file:///a.py', 'file:///a.py']);
  // Without workspace/configuration, pushed settings apply everywhere.
  const pushed = new SettingsCache(undefined);
  pushed.changed({ shapeHints: { diagnostics: { enabled: false } } });
  assert.equal((await pushed.get('file:///b.py')).diagnostics.enabled, false);
});
