// Runs the TF.js mirror of every Keras Python fixture (test/fixtures/tfjs/keras_mirrors/*.ts: the same
// model written with tf.layers, same names in the same order) under real TF.js with the TF.js
// fixture tracer, and writes what it bound to test/oracle/goldens/keras/mirrors/<name>.json. Keras
// is not installable here; tfjs-layers implements Keras' shape rules, so the mirror's shapes are
// the expected hints of the Python fixture (test/fixtures/kerasPyFixtures.test.ts).
//
//   node test/oracle/keras/trace_keras_mirrors.mjs [mirror ...]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..', '..');
const tfjs = path.join(root, 'test', 'oracle', 'tfjs');
const mirrors = path.join(root, 'test', 'fixtures', 'tfjs', 'keras_mirrors');
const out = path.join(root, 'test', 'oracle', 'goldens', 'keras', 'mirrors');
const MARK = '\u0000TRACE ';

const files = process.argv.length > 2 ? process.argv.slice(2).map((f) => path.resolve(f)) : fs.readdirSync(mirrors).filter((f) => f.endsWith('.ts')).sort().map((f) => path.join(mirrors, f));
fs.mkdirSync(out, { recursive: true });
for (const file of files) {
  const stdout = execFileSync(process.execPath, ['--import', path.join(tfjs, 'runtime', 'register.mjs'), path.join(tfjs, 'traceFixture.mjs'), file], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  const line = stdout.split('\n').find((l) => l.startsWith(MARK));
  if (!line) throw new Error(`no trace from ${file}`);
  const trace = JSON.parse(line.slice(MARK.length));
  const rel = path.relative(root, file).split(path.sep).join('/');
  fs.writeFileSync(path.join(out, `${path.basename(file, '.ts')}.json`), `${JSON.stringify({ file: rel, ...trace }, null, 1)}\n`);
  console.log(`${rel}: ${trace.hints.length} names${trace.error ? `, ends with: ${trace.error.message} (line ${trace.error.line})` : ''}`);
}
