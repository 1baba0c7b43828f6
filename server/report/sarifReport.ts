// SARIF 2.1.0 for code-scanning services: one run, one rule per diagnostic code.
import type { FileReport } from './fileReport';

export function sarifReport(reports: readonly FileReport[], version: string): object {
  const codes = [...new Set(reports.flatMap((r) => r.diagnostics.map((d) => d.code)))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'shape-hints', version, informationUri: 'https://marketplace.visualstudio.com/', rules: codes.map((id) => ({ id, shortDescription: { text: id } })) } },
      results: reports.flatMap((r) => r.diagnostics.map((d) => ({
        ruleId: d.code,
        ruleIndex: codes.indexOf(d.code),
        level: d.severity === 'error' ? 'error' : 'warning',
        message: { text: d.explanation ? `${d.message}\n${d.explanation}` : d.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: r.path }, region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn } } }],
        relatedLocations: d.related.map((x, i) => ({ id: i, message: { text: x.message }, physicalLocation: { artifactLocation: { uri: r.path }, region: { startLine: x.line, startColumn: x.column, endLine: x.endLine, endColumn: x.endColumn } } })),
        fixes: d.fixes.map((f) => ({ description: { text: f.title }, artifactChanges: [{ artifactLocation: { uri: r.path }, replacements: f.edits.map((e) => ({ deletedRegion: { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn }, insertedContent: { text: e.newText } })) }] })),
      }))),
    }],
  };
}
