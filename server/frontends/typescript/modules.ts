// ES module and CommonJS imports and exports. A specifier starting with `.` or `/` names a file
// of the workspace (import level 1: resolved next to the importing file); any other is a package,
// known to the interpreter (`@tensorflow/tfjs`) or not followed. Exports are the module's own
// names; `export default` binds `default`.
import ts from 'typescript';
import type { ImportName, Stmt } from '../../../engine/interp/ir';
import { helperCall, nameExpr, rangeOf, strExpr, type LowerContext } from './context';
import { lowerExpr } from './lowerExpr';

export function isRelativeSpecifier(spec: string): boolean {
  return spec.startsWith('.') || spec.startsWith('/');
}

export function lowerImport(s: ts.ImportDeclaration | ts.ImportEqualsDeclaration, cx: LowerContext): Stmt[] {
  const range = rangeOf(s, cx);
  if (ts.isImportEqualsDeclaration(s)) {
    // `import tf = require('@tensorflow/tfjs')`
    const ref = s.moduleReference;
    if (s.isTypeOnly || !ts.isExternalModuleReference(ref) || !ts.isStringLiteral(ref.expression)) return [];
    const spec = ref.expression;
    return [{ k: 'assign', targets: [lowerExpr(s.name, cx)], value: helperCall('import', [strExpr(spec.text, rangeOf(spec, cx))], range), range }];
  }
  const clause = s.importClause;
  if (!clause || clause.isTypeOnly || !ts.isStringLiteral(s.moduleSpecifier)) return [];
  const spec = s.moduleSpecifier.text;
  const specExpr = strExpr(spec, rangeOf(s.moduleSpecifier, cx));
  const out: Stmt[] = [];
  const namespace = () => helperCall('import', [specExpr], range);
  if (clause.name) {
    const ns = namespace();
    out.push({ k: 'assign', targets: [lowerExpr(clause.name, cx)], value: { k: 'attr', obj: ns, name: 'default', nameRange: rangeOf(clause.name, cx), range }, range });
  }
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) out.push({ k: 'assign', targets: [lowerExpr(bindings.name, cx)], value: namespace(), range });
  if (bindings && ts.isNamedImports(bindings)) {
    const names: ImportName[] = bindings.elements
      .filter((e) => !e.isTypeOnly)
      .map((e) => ({ name: e.propertyName ? textOfName(e.propertyName) : e.name.text, asname: e.propertyName ? e.name.text : undefined, range: rangeOf(e, cx) }));
    if (names.length > 0) out.push({ k: 'importfrom', module: spec, level: isRelativeSpecifier(spec) ? 1 : 0, names, range });
  }
  return out;
}

function textOfName(n: ts.ModuleExportName): string {
  return n.text;
}

export function lowerExport(s: ts.ExportAssignment | ts.ExportDeclaration, cx: LowerContext): Stmt[] {
  const range = rangeOf(s, cx);
  if (ts.isExportAssignment(s)) {
    if (s.isExportEquals) return [{ k: 'expr', value: lowerExpr(s.expression, cx), range }];
    return [{ k: 'assign', targets: [nameExpr('default', range)], value: lowerExpr(s.expression, cx), range }];
  }
  if (s.isTypeOnly) return [];
  const from = s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : undefined;
  const clause = s.exportClause;
  if (from !== undefined) {
    const level = isRelativeSpecifier(from) ? 1 : 0;
    if (!clause) return [{ k: 'importfrom', module: from, level, names: [{ name: '*', range }], range }];
    if (ts.isNamedExports(clause)) {
      const names = clause.elements.filter((e) => !e.isTypeOnly).map((e) => ({ name: e.propertyName ? textOfName(e.propertyName) : e.name.text, asname: e.name.text, range: rangeOf(e, cx) }));
      return names.length > 0 ? [{ k: 'importfrom', module: from, level, names, range }] : [];
    }
    return [];
  }
  // `export { a as b }`: the module also answers to `b`.
  if (clause && ts.isNamedExports(clause)) {
    return clause.elements
      .filter((e) => !e.isTypeOnly && e.propertyName && textOfName(e.propertyName) !== e.name.text)
      .map((e) => ({ k: 'assign', targets: [nameExpr(e.name.text, rangeOf(e.name, cx))], value: nameExpr(textOfName(e.propertyName!), rangeOf(e.propertyName!, cx)), range }));
  }
  return [];
}
