// What `shape-hints check` reads: source files of every language a frontend knows, and Jupyter
// notebooks, whose code cells run as one Python program (as in the editor). Positions in a
// notebook's program map back to (cell, line) for reports.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { frontendForPath } from '../frontends';
import { blankIPythonSyntax } from '../lsp/notebookProgram';

/** Folders never searched: dependencies, caches, virtual environments, build output. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.venv', 'venv', 'env', '__pycache__', 'dist', 'build', '.tox', 'site-packages']);

export function isCheckable(file: string): boolean {
  return file.endsWith('.ipynb') || frontendForPath(file) !== undefined;
}

/** The files under `target` (itself when a file), in a stable order. */
export function collectFiles(target: string, out: string[]): void {
  const st = fs.statSync(target);
  if (st.isFile()) {
    out.push(target);
    return;
  }
  for (const entry of fs.readdirSync(target, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) collectFiles(full, out);
    } else if (entry.isFile() && isCheckable(entry.name)) out.push(full);
  }
}

export interface CheckSource {
  /** The program text analysed (a notebook's code cells joined). */
  readonly text: string;
  /** The analysed file name (a notebook analyses as Python). */
  readonly fileName: string;
  /** For notebooks: the program line where each code cell starts (0-based), with the cell's index. */
  readonly cells?: readonly { readonly index: number; readonly startLine: number }[];
}

export function readSource(file: string): CheckSource {
  const raw = fs.readFileSync(file, 'utf8');
  if (!file.endsWith('.ipynb')) return { text: raw, fileName: file };
  const nb = JSON.parse(raw) as { cells?: { cell_type?: string; source?: string | string[] }[] };
  const parts: string[] = [];
  const cells: { index: number; startLine: number }[] = [];
  let line = 0;
  (nb.cells ?? []).forEach((c, index) => {
    if (c.cell_type !== 'code') return;
    const src = blankIPythonSyntax(Array.isArray(c.source) ? c.source.join('') : c.source ?? '');
    cells.push({ index: index + 1, startLine: line });
    parts.push(src, '\n');
    line += src.split('\n').length;
  });
  return { text: parts.join(''), fileName: `${file}.py`, cells };
}
