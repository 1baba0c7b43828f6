// Measures parse and lower times for a ~2,000-line model file (not a test: timings vary by machine).
// Run: node --import tsx test/frontends/python/bench.ts
import { initPythonParser, PythonDocument } from '../../../server/frontends/python/parser';
import { bigModelSource } from './fixtures/bigModel';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(runs: number, f: () => void): number {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    out.push(performance.now() - t0);
  }
  return median(out);
}

async function main(): Promise<void> {
  await initPythonParser();
  const src = bigModelSource(2000);
  const lines = src.split('\n').length;
  const doc = new PythonDocument(src);
  doc.lower(); // warm up the JIT
  const parse = time(20, () => new PythonDocument(src).dispose());
  const lower = time(20, () => {
    doc.setText(src);
    doc.lower();
  }) - parse;
  // An edit in the middle: incremental re-parse, then lowering again.
  const mid = src.indexOf('x = self.proj_drop', src.length / 2);
  let flip = false;
  const edit = time(20, () => {
    flip = !flip;
    doc.applyEdit(flip ? { start: mid, end: mid, text: 'y = 1\n        ' } : { start: mid, end: mid + 14, text: '' });
  });
  const relower = time(20, () => {
    doc.applyEdit({ start: mid, end: mid, text: ' ' });
    doc.lower();
  }) - edit;
  // Broken code: an unclosed call in the middle, so repair.ts re-parses around it.
  const broken = src.slice(0, mid) + 'y = foo(x, \n        ' + src.slice(mid);
  const brokenDoc = new PythonDocument(broken);
  const brokenLower = time(10, () => {
    brokenDoc.setText(broken);
    brokenDoc.lower();
  }) - parse;
  console.log(`${lines} lines, ${src.length} chars (median of runs)`);
  console.log(`  fresh parse:                ${parse.toFixed(1)} ms`);
  console.log(`  lower (clean tree):         ${lower.toFixed(1)} ms`);
  console.log(`  incremental re-parse:       ${edit.toFixed(1)} ms`);
  console.log(`  lower after an edit:        ${relower.toFixed(1)} ms`);
  console.log(`  lower with an unclosed "(": ${brokenLower.toFixed(1)} ms (includes repair re-parses)`);
  doc.dispose();
  brokenDoc.dispose();
}

void main();
