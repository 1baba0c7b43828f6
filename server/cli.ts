// `shape-hints check <file-or-folder>... [options]` and `shape-hints lsp --stdio`.
// Exit status: 0 no errors, 1 errors were reported, 2 the tool failed (on a file, or at all).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { initFrontends } from './frontends';
import { analyzeText } from './analyzeFile';
import { LoweredFiles, workspaceImportResolver } from './workspaceImports';
import { ModuleCache } from '../engine/interp/moduleCache';
import { WorkspaceCallers, withDiskCallers } from './workspaceCallers';
import { workspaceDataFiles } from './dataFiles';
import { fileReport, type CellStarts, type FileReport } from './report/fileReport';
import { diagnosticsReport, textReport } from './report/textReport';
import { sarifReport } from './report/sarifReport';
import { collectFiles, readSource } from './check/sources';

const VERSION = '0.1.0';
const USAGE = `usage: shape-hints check <file-or-folder>... [options]
       shape-hints lsp --stdio
       shape-hints --version | --help`;
const HELP = `${USAGE}

Shows the shape of every tensor in PyTorch, Keras, TensorFlow.js and Flux code, and the shape
errors the framework would raise, without running anything.

check options:
  --format text|json|sarif  text (default): for one file, each line with its shapes and errors
                            under it; for several, the diagnostics and a summary per file.
                            json: the stable contract (schema version 1). sarif: SARIF 2.1.0
                            with paths relative to the repository root.
  --show-source             the annotated listing for every file, not only for a single one
  --quiet                   text: print the diagnostics only
  --extra-path DIR          also look for imported modules in DIR (like python.analysis.extraPaths),
                            e.g. a folder the project adds to sys.path; may be repeated
  -h, --help                this text

Files: .py, .ipynb, .ts/.tsx/.js/.jsx/.mjs/.cjs, .jl (folders are searched, skipping virtual
environments, node_modules and hidden folders). Nothing from the analysed code is executed.
Exit status: 0 no errors, 1 errors were reported, 2 the tool failed (on a file: reported as a
tool-error diagnostic for that file, and the other files are still checked).`;

interface CheckOptions {
  format: 'text' | 'json' | 'sarif';
  targets: string[];
  extraPaths: string[];
  showSource: boolean;
  quiet: boolean;
}

function parseCheckArgs(args: string[]): CheckOptions | 'help' {
  const o: CheckOptions = { format: 'text', targets: [], extraPaths: [], showSource: false, quiet: false };
  let format = 'text';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--format') format = args[++i] ?? '';
    else if (a.startsWith('--format=')) format = a.slice(9);
    else if (a === '--extra-path') o.extraPaths.push(path.resolve(args[++i] ?? ''));
    else if (a.startsWith('--extra-path=')) o.extraPaths.push(path.resolve(a.slice(13)));
    else if (a === '--show-source') o.showSource = true;
    else if (a === '--quiet' || a === '-q') o.quiet = true;
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else o.targets.push(a);
  }
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`unknown format '${format}'`);
  o.format = format;
  if (o.targets.length === 0) throw new UsageError('no file or folder given');
  return o;
}

async function check(args: string[]): Promise<number> {
  const o = parseCheckArgs(args);
  if (o === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const files: string[] = [];
  for (const t of o.targets) {
    if (!fs.existsSync(t)) throw new UsageError(`no such file or folder: ${t}`);
    collectFiles(t, files);
  }
  await initFrontends({ wasmDir: wasmDir() });
  const roots = o.targets.map((t) => (fs.statSync(t).isDirectory() ? path.resolve(t) : path.dirname(path.resolve(t))));
  // One run lowers each file once and analyses each imported module once, for every file.
  const lowered = new LoweredFiles();
  const moduleCache = new ModuleCache();
  const callers = new WorkspaceCallers();
  const reports: FileReport[] = [];
  const texts: string[] = [];
  const cellStarts: (CellStarts | undefined)[] = [];
  let toolFailed = false;
  const collect = heapCollector();
  for (const file of files) {
    collect();
    const shown = path.relative(process.cwd(), file) || file;
    let text = '';
    let cells: CellStarts | undefined;
    try {
      const source = readSource(file);
      text = source.text;
      cells = source.cells;
      const resolveImport = workspaceImportResolver(path.resolve(file), roots, o.extraPaths, lowered);
      const dataFiles = workspaceDataFiles(path.resolve(file), roots, (ir) => lowered.pathOf.get(ir));
      const own = analyzeText(text, { fileName: source.fileName }, { resolveImport, moduleCache, dataFiles });
      // A model nobody in the file calls: the files of the run that import it may.
      const result = withDiskCallers(own, path.resolve(file), callers, roots, o.extraPaths, lowered);
      reports.push(fileReport(shown, text, result, source.cells));
    } catch (e) {
      // One file's failure costs that file only: say why, and go on with the others.
      toolFailed = true;
      reports.push(toolErrorReport(shown, e));
    }
    texts.push(text);
    cellStarts.push(cells);
  }
  if (o.format === 'json') process.stdout.write(`${JSON.stringify({ version: 1, files: reports }, null, 2)}\n`);
  else if (o.format === 'sarif') process.stdout.write(`${JSON.stringify(sarifReport(reports, VERSION, repositoryRoot(o.targets[0])), null, 2)}\n`);
  else {
    const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
    const listing = o.showSource || (files.length === 1 && !o.quiet);
    process.stdout.write(listing ? `${reports.map((r, i) => textReport(r, texts[i], color, cellStarts[i])).join('\n\n')}\n` : diagnosticsReport(reports, color, o.quiet));
    if (!o.quiet) process.stdout.write(totalsLine(reports));
  }
  if (toolFailed) return 2;
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

/**
 * A folder run's live memory is small (the shared caches), but V8 lets garbage pile up between
 * files: past a threshold, collect before the next file, so a whole repository stays well under
 * 500 MB without a hard heap limit that could abort a big run.
 */
function heapCollector(): () => void {
  let gc: (() => void) | undefined;
  try {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  } catch {
    gc = undefined;
  }
  const threshold = 256 * 2 ** 20;
  return () => {
    if (gc && process.memoryUsage().heapUsed > threshold) gc();
  };
}

function toolErrorReport(shown: string, e: unknown): FileReport {
  const reason = e instanceof Error ? e.message : String(e);
  return {
    path: shown,
    hints: [],
    values: [],
    diagnostics: [{ line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', code: 'tool-error', message: `shape-hints could not analyse this file: ${reason}`, related: [], fixes: [] }],
  };
}

function totalsLine(reports: readonly FileReport[]): string {
  const count = (sev: string): number => reports.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === sev).length, 0);
  const hints = reports.reduce((n, r) => n + r.hints.length, 0);
  return `\n${reports.length} file(s): ${hints} shape hint(s), ${count('error')} error(s), ${count('warning')} warning(s)\n`;
}

/** The folder holding `.git` above `target` (SARIF paths are relative to it), else the cwd. */
function repositoryRoot(target: string): string {
  let dir = path.resolve(target);
  if (fs.existsSync(dir) && fs.statSync(dir).isFile()) dir = path.dirname(dir);
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return process.cwd();
  }
}

/** The parser's wasm files sit beside the bundle (dist/); from sources, node_modules has them. */
function wasmDir(): string | undefined {
  const here = __dirname;
  return fs.existsSync(path.join(here, 'tree-sitter-python.wasm')) ? here : undefined;
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'check') return check(rest);
  if (command === 'lsp') {
    const server = path.join(__dirname, 'server.js');
    if (!fs.existsSync(server)) throw new Error('the language server is not built (npm run build)');
    require(server);
    return -1;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  throw new UsageError(command ? `unknown command '${command}'` : 'no command given');
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) process.stderr.write(`shape-hints: ${e.message}\n${USAGE}\n`);
    else process.stderr.write(`shape-hints: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 2;
  },
);
