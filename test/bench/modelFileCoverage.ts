// Issue 14's measure on public model files: module classes with a forward that get at least one
// hint inside it, and the assignments in forward bodies that get one (with the workspace's
// callers, as the editor runs them). The files are not in this repository: give the folder that
// holds the repositories, and a list of `<repository folder>/<path>` lines
// (modelFiles/devset.txt, the files the work was tried on; modelFiles/heldout.txt, files it was not).
//   node --import tsx test/bench/modelFileCoverage.ts <repositories folder> <list>
// MISS=1 lists the assignments left unhinted in hinted classes, V=1 the classes with no hint,
// NO_CALLERS=1 leaves out the workspace's callers. An assignment counts as hinted when its name
// gets any hint (a tensor, a size or a tuple of tensors); the tensors-only count is printed beside.
import { initFrontends } from '../../server/frontends';
import { analyzeText } from '../../server/analyzeFile';
import { LoweredFiles, workspaceImportResolver } from '../../server/workspaceImports';
import { ModuleCache } from '../../engine/interp/moduleCache';
import { WorkspaceCallers, withDiskCallers } from '../../server/workspaceCallers';
import type { Stmt, Expr } from '../../engine/interp/ir';
import * as fs from 'node:fs';
import * as path from 'node:path';

function targets(e: Expr, out: Expr[]): void {
  if (e.k === 'name') out.push(e);
  else if (e.k === 'tuple' || e.k === 'list') e.items.forEach((x) => targets(x, out));
  else if (e.k === 'starred') targets(e.value, out);
}
function assigns(body: readonly Stmt[], out: Expr[]): void {
  for (const s of body) {
    if (s.k === 'assign') s.targets.forEach((t) => targets(t, out));
    else if (s.k === 'augassign') targets(s.target, out);
    else if (s.k === 'if' || s.k === 'for' || s.k === 'while') { assigns(s.body, out); assigns(s.orelse, out); }
    else if (s.k === 'with') assigns(s.body, out);
    else if (s.k === 'try') { assigns(s.body, out); s.handlers.forEach((h) => assigns(h.body, out)); }
  }
}
(async () => {
  await initFrontends();
  const [reposDir, list] = process.argv.slice(2);
  if (!reposDir || !list) {
    console.error('usage: modelFileCoverage.ts <repositories folder> <list of repository/path lines>');
    process.exit(2);
  }
  const entries = fs.readFileSync(list, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const files = entries.map((e) => path.join(reposDir, e));
  const lowered = new LoweredFiles();
  const cache = new ModuleCache();
  const callers = new WorkspaceCallers();
  let classes = 0, hintedClasses = 0, asg = 0, hintedAsg = 0, tensorAsg = 0, errors = 0;
  const verbose = process.env.V;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const abs = path.resolve(file);
    // The repository is the workspace the editor would have open.
    const root = path.join(path.resolve(reposDir), path.relative(path.resolve(reposDir), abs).split(path.sep)[0]);
    const t0 = Date.now();
    let r;
    try {
      r = analyzeText(text, { fileName: file }, { resolveImport: workspaceImportResolver(path.resolve(file), [root], [], lowered), moduleCache: cache });
      if (!process.env.NO_CALLERS) r = withDiskCallers(r, abs, callers, [root], [], lowered);
    }
    catch (e) { console.log('CRASH', file, (e as Error).message); continue; }
    const ms = Date.now() - t0;
    const hintAt = new Set(r.hints.map((h) => h.range.start));
    const tensorAt = new Set(r.hints.filter((h) => h.kind === undefined).map((h) => h.range.start));
    let fc = 0, fh = 0, fa = 0, fah = 0;
    const visit = (body: readonly Stmt[]): void => {
      for (const s of body) {
        if (s.k !== 'class') continue;
        visit(s.body);
        // (The last `def forward` is the class's: torchvision's `@torch.jit._overload_method` stubs come first.)
        const fwd = [...s.body].reverse().find((x): x is Extract<Stmt, { k: 'def' }> => x.k === 'def' && x.name === 'forward');
        if (!fwd) continue;
        const ts: Expr[] = [];
        assigns(fwd.body, ts);
        const params = fwd.params.slice(1).map((p) => p.range.start);
        const any = ts.some((t) => hintAt.has(t.range.start)) || params.some((p) => hintAt.has(p));
        fc++; if (any) fh++;
        fa += ts.length; fah += ts.filter((t) => hintAt.has(t.range.start)).length;
        tensorAsg += ts.filter((t) => tensorAt.has(t.range.start)).length;
        if (process.env.MISS && any) for (const t of ts) if (!hintAt.has(t.range.start)) console.log('MISS', text.slice(0, t.range.start).split('\n').length, text.slice(t.range.start, text.indexOf('\n', t.range.start)).trim().slice(0, 100));
        if (verbose && !any) console.log('   no hints:', s.name);
      }
    };
    visit(r.ir.body);
    const errs = r.diagnostics.filter((d) => d.severity === 'error').length;
    for (const d of r.diagnostics.filter((d) => d.severity === 'error')) console.log('ERROR', file, text.slice(0, d.range.start).split('\n').length, d.message.slice(0, 200));
    errors += errs;
    classes += fc; hintedClasses += fh; asg += fa; hintedAsg += fah;
    console.log(`${path.relative(reposDir, file)}: classes ${fh}/${fc} assigns ${fah}/${fa} errors ${errs} ${ms}ms`);
  }
  console.log(`TOTAL classes ${hintedClasses}/${classes} (${(100 * hintedClasses / Math.max(1, classes)).toFixed(0)}%) assigns ${hintedAsg}/${asg} (${(100 * hintedAsg / Math.max(1, asg)).toFixed(0)}%; tensors only ${tensorAsg}, ${(100 * tensorAsg / Math.max(1, asg)).toFixed(0)}%) errors ${errors}`);
})();
