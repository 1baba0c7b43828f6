// SARIF 2.1.0 for code-scanning services: one run, one rule per diagnostic code; file locations
// are relative to the repository root (uriBaseId SRCROOT), which code-scanning services expect.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileReport } from './fileReport';

export function sarifReport(reports: readonly FileReport[], version: string, root = process.cwd()): object {
  const location = (p: string): { uri: string; uriBaseId: string } => ({
    uri: path.relative(root, path.resolve(p)).split(path.sep).map(encodeURIComponent).join('/'),
    uriBaseId: 'SRCROOT',
  });
  const codes = [...new Set(reports.flatMap((r) => r.diagnostics.map((d) => d.code)))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(root).href.replace(/\/?$/, '/')}` } },
      tool: { driver: { name: 'shape-hints', version, informationUri: 'https://marketplace.visualstudio.com/', rules: codes.map((id) => ({ id, shortDescription: { text: id } })) } },
      results: reports.flatMap((r) => r.diagnostics.map((d) => ({
        ruleId: d.code,
        ruleIndex: codes.indexOf(d.code),
        level: d.severity === 'error' ? 'error' : 'warning',
        message: { text: d.explanation ? `${d.message}\n${d.explanation}` : d.message },
        locations: [{ physicalLocation: { artifactLocation: location(r.path), region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn } } }],
        relatedLocations: d.related.map((x, i) => ({ id: i, message: { text: x.message }, physicalLocation: { artifactLocation: location(r.path), region: { startLine: x.line, startColumn: x.column, endLine: x.endLine, endColumn: x.endColumn } } })),
        fixes: d.fixes.map((f) => ({ description: { text: f.title }, artifactChanges: [{ artifactLocation: location(r.path), replacements: f.edits.map((e) => ({ deletedRegion: { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn }, insertedContent: { text: e.newText } })) }] })),
      }))),
    }],
  };
}
