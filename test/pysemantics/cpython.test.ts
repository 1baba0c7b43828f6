// Differential test of the interpreter's Python semantics against CPython: each generated program
// (test/pysemantics/generate_programs.py) runs in the interpreter statement by statement, and every
// value it knows must be the value CPython bound. Unknown is fine; a different value, an int for a
// float, a tuple for a list, or a value where CPython raised, fails.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initPythonParser } from '../../server/frontends/python/parser';
import { runProgram, type Golden } from './compare';

interface GoldenFile {
  readonly family: string;
  readonly programs: readonly Golden[];
}

const goldenDir = path.join(__dirname, 'goldens');

before(async () => {
  await initPythonParser();
});

for (const file of fs.readdirSync(goldenDir).filter((f) => f.endsWith('.json')).sort()) {
  const golden = JSON.parse(fs.readFileSync(path.join(goldenDir, file), 'utf8')) as GoldenFile;
  test(`CPython semantics: ${golden.family}`, (t) => {
    const totals = { values: 0, known: 0, partial: 0, unknown: 0 };
    const problems: string[] = [];
    for (const program of golden.programs) {
      const r = runProgram(program);
      totals.values += r.values;
      totals.known += r.known;
      totals.partial += r.partial;
      totals.unknown += r.unknown;
      problems.push(...r.mismatches.map((m) => `${program.id} ${m}`));
    }
    t.diagnostic(`${golden.programs.length} programs, ${totals.values} values: ${totals.known} known, ${totals.partial} partly known, ${totals.unknown} unknown`);
    assert.deepEqual(problems, [], `${problems.length} values differ from CPython:\n${problems.slice(0, 60).join('\n')}`);
  });
}
