// Runs every TF.js fixture program (test/fixtures/tfjs/*.ts|js) under real TF.js, one process each
// (traceFixture.mjs), and writes what it bound to test/oracle/goldens/tfjs/fixtures/<name>.json:
// the shapes at each name, the error it ended with and its line, and the summaries TF.js printed.
//
//   node test/oracle/tfjs/trace_fixtures.mjs [fixture ...]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..', '..');
const fixtures = path.join(root, 'test', 'fixtures', 'tfjs');
const out = path.join(here, '..', 'goldens', 'tfjs', 'fixtures');
const MARK = '\u0000TRACE ';
const isFixture = (f) => /\.(ts|tsx|js|mjs|cjs)$/.test(f) && !f.endsWith('.d.ts') && !f.startsWith('_');

const files = process.argv.length > 2 ? process.argv.slice(2).map((f) => path.resolve(f)) : fs.readdirSync(fixtures).filter(isFixture).sort().map((f) => path.join(fixtures, f));
fs.mkdirSync(out, { recursive: true });
for (const file of files) {
  const stdout = execFileSync(process.execPath, ['--import', path.join(here, 'runtime', 'register.mjs'), path.join(here, 'traceFixture.mjs'), file], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  const line = stdout.split('\n').find((l) => l.startsWith(MARK));
  if (!line) throw new Error(`no trace from ${file}`);
  const trace = JSON.parse(line.slice(MARK.length));
  const rel = path.relative(root, file).split(path.sep).join('/');
  const golden = { file: rel, ...trace };
  fs.writeFileSync(path.join(out, `${path.basename(file).replace(/\.[^.]+$/, '')}.json`), `${JSON.stringify(golden, null, 1)}\n`);
  console.log(`${rel}: ${trace.hints.length} names, ${trace.summaries.length} summaries${trace.error ? `, ends with: ${trace.error.message} (line ${trace.error.line})` : ''}`);
}
