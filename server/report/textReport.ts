// The text format: each source line with the shapes of the names it binds at the end of the
// line (a size named after itself, `b: b`, left out as in the editor), and each diagnostic under
// the line it points at.
import type { CellStarts, FileReport } from './fileReport';

/** A notebook's program is listed cell by cell, with each cell's own line numbers. */
export function textReport(report: FileReport, text: string, color: boolean, cells?: CellStarts): string {
  const dim = (s: string): string => (color ? `\x1b[2m${s}\x1b[0m` : s);
  const red = (s: string): string => (color ? `\x1b[31m${s}\x1b[0m` : s);
  const yellow = (s: string): string => (color ? `\x1b[33m${s}\x1b[0m` : s);
  const lines = text.split(/\r?\n/);
  const out: string[] = [`== ${report.path}`];
  const width = String(lines.length).length;
  // Shapes follow the line as a comment of the file's language.
  const comment = /\.([cm]?[jt]sx?)$/i.test(report.path) ? '//' : '#';
  lines.forEach((src, i) => {
    const cell = cells && [...cells].reverse().find((c) => c.startLine <= i);
    if (cell && cell.startLine === i) out.push(`-- cell ${cell.index}`);
    const n = cell ? i - cell.startLine + 1 : i + 1;
    const here = (x: { line: number; cell?: number }): boolean => x.line === n && x.cell === cell?.index;
    const hints = [...report.hints, ...report.values.filter((v) => !(v.kind === 'size' && v.label === v.name))].filter(here).sort((a, b) => a.column - b.column).map((h) => `${h.name}: ${h.label}`);
    out.push(`${String(n).padStart(width)} | ${src}${hints.length ? dim(`   ${comment} ${hints.join(', ')}`) : ''}`);
    for (const d of report.diagnostics.filter(here)) {
      const paint = d.severity === 'error' ? red : yellow;
      out.push(`${' '.repeat(width)} | ${' '.repeat(Math.max(0, d.column - 1))}${paint('^'.repeat(Math.max(1, d.endLine === d.line ? d.endColumn - d.column : 1)))}`);
      out.push(`${' '.repeat(width)} | ${paint(`${d.severity} [${d.code}]: ${d.message}`)}`);
      if (d.explanation) out.push(`${' '.repeat(width)} |   ${d.explanation}`);
      for (const f of d.fixes) out.push(`${' '.repeat(width)} |   fix: ${f.title}`);
    }
  });
  return out.join('\n');
}

/**
 * Several files: each diagnostic on one line as `path:line:column: severity [code] message` (the
 * form editors and CI logs link), then one summary line per file (unless `quiet`).
 */
export function diagnosticsReport(reports: readonly FileReport[], color: boolean, quiet: boolean): string {
  const red = (s: string): string => (color ? `\x1b[31m${s}\x1b[0m` : s);
  const yellow = (s: string): string => (color ? `\x1b[33m${s}\x1b[0m` : s);
  const dim = (s: string): string => (color ? `\x1b[2m${s}\x1b[0m` : s);
  const out: string[] = [];
  for (const r of reports) {
    for (const d of r.diagnostics) {
      const where = `${r.path}:${d.cell !== undefined ? `cell ${d.cell}:` : ''}${d.line}:${d.column}`;
      out.push(`${where}: ${(d.severity === 'error' ? red : yellow)(`${d.severity} [${d.code}]`)} ${d.message}`);
      if (quiet) continue;
      if (d.explanation) out.push(dim(`    ${d.explanation}`));
      for (const f of d.fixes) out.push(dim(`    fix: ${f.title}`));
    }
  }
  if (!quiet) {
    if (out.length > 0) out.push('');
    const width = Math.max(0, ...reports.map((r) => r.path.length));
    for (const r of reports) {
      const e = r.diagnostics.filter((d) => d.severity === 'error').length;
      const w = r.diagnostics.length - e;
      const counts = `${r.hints.length} hint(s), ${e} error(s), ${w} warning(s)`;
      out.push(`${r.path.padEnd(width)}  ${e > 0 ? red(counts) : w > 0 ? yellow(counts) : counts}`);
    }
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
