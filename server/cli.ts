// `shape-hints check <file-or-folder>... [--format text|json|sarif]` and `shape-hints lsp --stdio`.
// Exit status: 0 no errors, 1 errors were reported, 2 the tool itself could not run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { frontendForPath, initFrontends } from './frontends';
import { analyzeText } from './analyzeFile';
import { workspaceImportResolver } from './workspaceImports';
import { fileReport, type FileReport } from './report/fileReport';
import { textReport } from './report/textReport';
import { sarifReport } from './report/sarifReport';

const VERSION = '0.1.0';
const USAGE = `usage: shape-hints check <file-or-folder>... [--format text|json|sarif] [--extra-path DIR]...
       shape-hints lsp --stdio`;
const SKIP_DIRS = new Set(['node_modules', '.git', '.venv', 'venv', '__pycache__', 'dist', 'build', '.tox']);

function collectFiles(target: string, out: string[]): void {
  const st = fs.statSync(target);
  if (st.isFile()) {
    out.push(target);
    return;
  }
  for (const entry of fs.readdirSync(target, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory() && !SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) collectFiles(path.join(target, entry.name), out);
    else if (entry.isFile() && frontendForPath(entry.name)) out.push(path.join(target, entry.name));
  }
}

async function check(args: string[]): Promise<number> {
  let format = 'text';
  const targets: string[] = [];
  const extraPaths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format') format = args[++i] ?? '';
    else if (a.startsWith('--format=')) format = a.slice(9);
    else if (a === '--extra-path') extraPaths.push(path.resolve(args[++i] ?? ''));
    else if (a.startsWith('--extra-path=')) extraPaths.push(path.resolve(a.slice(13)));
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else targets.push(a);
  }
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown format '${format}'`);
  if (targets.length === 0) throw new UsageError('no file or folder given');
  const files: string[] = [];
  for (const t of targets) {
    if (!fs.existsSync(t)) throw new UsageError(`no such file or folder: ${t}`);
    collectFiles(t, files);
  }
  await initFrontends({ wasmDir: wasmDir() });
  const roots = targets.map((t) => (fs.statSync(t).isDirectory() ? path.resolve(t) : path.dirname(path.resolve(t))));
  const reports: FileReport[] = [];
  const texts: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const result = analyzeText(text, { fileName: file }, { resolveImport: workspaceImportResolver(path.resolve(file), roots, extraPaths) });
    reports.push(fileReport(path.relative(process.cwd(), file) || file, text, result));
    texts.push(text);
  }
  if (format === 'json') process.stdout.write(`${JSON.stringify({ version: 1, files: reports }, null, 2)}\n`);
  else if (format === 'sarif') process.stdout.write(`${JSON.stringify(sarifReport(reports, VERSION), null, 2)}\n`);
  else {
    const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
    process.stdout.write(`${reports.map((r, i) => textReport(r, texts[i], color)).join('\n\n')}\n`);
    const errors = reports.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'error').length, 0);
    const warnings = reports.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'warning').length, 0);
    const hints = reports.reduce((n, r) => n + r.hints.length, 0);
    process.stdout.write(`\n${files.length} file(s): ${hints} shape hint(s), ${errors} error(s), ${warnings} warning(s)\n`);
  }
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
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
