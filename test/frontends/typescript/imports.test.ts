// Where a relative import of a TS/JS file may be found: as written, with each extension, as a
// folder's index; a `.js` written in TypeScript also finds the `.ts` source; packages never.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { typescriptImportCandidates } from '../../../server/frontends/typescript/frontend';

const importer = path.join('/w', 'src', 'train.ts');

test('./model from src/train.ts', () => {
  const c = typescriptImportCandidates('./model', 1, importer, []);
  assert.deepEqual(c.slice(0, 3), ['/w/src/model.ts', '/w/src/model.tsx', '/w/src/model.js']);
  assert.ok(c.includes('/w/src/model/index.ts'));
});

test('../lib/net.js also finds the TypeScript source', () => {
  const c = typescriptImportCandidates('../lib/net.js', 1, importer, []);
  assert.deepEqual(c.slice(0, 2), ['/w/lib/net.js', '/w/lib/net.ts']);
});

test('packages are not read', () => {
  assert.deepEqual(typescriptImportCandidates('@tensorflow/tfjs', 0, importer, ['/w']), []);
  assert.deepEqual(typescriptImportCandidates('lodash', 0, importer, ['/w']), []);
});
