// A model file's first hints against the ones joined from the workspace files that call it, in the
// language server's own session (CPU time of this process: wall time is noise on a loaded machine).
// Its first hints do not wait for train.py and what it imports to run.
//   node --import tsx test/bench/firstHintsWithCallers.ts <workspace folder> <model file>
import * as fs from 'node:fs';
import { initFrontends } from '../../server/frontends';
import { Session } from '../../server/lsp/session';
import { DEFAULT_SETTINGS } from '../../server/lsp/settings';
import { fileUri } from '../lsp/support/lspClient';
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
(async () => {
  await initFrontends();
  const [root, file] = process.argv.slice(2);
  let refreshedAt = 0;
  const s = new Session({ publishDiagnostics() {}, refreshInlayHints() { refreshedAt = cpu(); }, status() {}, log(m) { console.error(m); }, settings: async () => DEFAULT_SETTINGS }, { debounceMs: 100000 });
  s.setWorkspaceFolders([fileUri(root)]);
  const uri = fileUri(file);
  const c0 = cpu();
  s.openText(uri, 'python', 1, fs.readFileSync(file, 'utf8'));
  const a = await s.analysisForRange(uri, { start: 0, end: 1e9 }, () => false);
  const c1 = cpu();
  await new Promise((r) => setTimeout(r, 20));
  const c2 = cpu();
  const b = s.analyzer.last(uri)!;
  console.log(`first ${Math.round(c1 - c0)} ms cpu ${a?.analysis.result.hints.length} hints pending=${!!a?.analysis.callersPending}; after callers ${Math.round(c2 - c0)} ms cpu ${b.result.hints.length} hints${refreshedAt ? ' (refreshed)' : ''}`);
  s.dispose(); process.exit(0);
})();
