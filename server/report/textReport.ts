// The text format: each source line with the shapes of the names it binds at the end of the
// line, and each diagnostic under the line it points at.
import type { FileReport } from './fileReport';

export function textReport(report: FileReport, text: string, color: boolean): string {
  const dim = (s: string): string => (color ? `\x1b[2m${s}\x1b[0m` : s);
  const red = (s: string): string => (color ? `\x1b[31m${s}\x1b[0m` : s);
  const yellow = (s: string): string => (color ? `\x1b[33m${s}\x1b[0m` : s);
  const lines = text.split(/\r?\n/);
  const out: string[] = [`== ${report.path}`];
  const width = String(lines.length).length;
  // Shapes follow the line as a comment of the file's language.
  const comment = /\.([cm]?[jt]sx?)$/i.test(report.path) ? '//' : '#';
  lines.forEach((src, i) => {
    const n = i + 1;
    const hints = report.hints.filter((h) => h.line === n).map((h) => `${h.name}: ${h.label}`);
    out.push(`${String(n).padStart(width)} | ${src}${hints.length ? dim(`   ${comment} ${hints.join(', ')}`) : ''}`);
    for (const d of report.diagnostics.filter((x) => x.line === n)) {
      const paint = d.severity === 'error' ? red : yellow;
      out.push(`${' '.repeat(width)} | ${' '.repeat(Math.max(0, d.column - 1))}${paint('^'.repeat(Math.max(1, d.endLine === d.line ? d.endColumn - d.column : 1)))}`);
      out.push(`${' '.repeat(width)} | ${paint(`${d.severity} [${d.code}]: ${d.message}`)}`);
      if (d.explanation) out.push(`${' '.repeat(width)} |   ${d.explanation}`);
      for (const f of d.fixes) out.push(`${' '.repeat(width)} |   fix: ${f.title}`);
    }
  });
  return out.join('\n');
}
