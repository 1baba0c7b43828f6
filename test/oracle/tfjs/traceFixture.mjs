// Runs one TF.js fixture program under real TF.js and prints what it bound: for every name a
// `const/let/var`, an assignment, a `for..of` head or a function parameter binds, the shapes of the
// tensors (and symbolic tensors) it held; the error the program ended with (message and the line
// of the fixture the stack points at); and each `model.summary()` TF.js printed.
// The TypeScript is transpiled with the typescript package's transpileModule, a transformer adding
// the recording calls; nothing that changes shapes is stubbed. Run by trace_fixtures.mjs.
//
//   node --import ./test/oracle/tfjs/runtime/register.mjs test/oracle/tfjs/traceFixture.mjs <file>
import fs from 'node:fs';
import path from 'node:path';
import Module, { createRequire } from 'node:module';
import ts from 'typescript';

const { tf, core, layers } = await import('./runtime/tfjs.mjs');

const file = path.resolve(process.argv[2]);
const MARK = '\u0000TRACE ';
const hints = new Map();
const summaries = [];
let error = null;

process.setSourceMapsEnabled(true);
// TF.js's own frames can be many: the fixture's frame must stay in the trace.
Error.stackTraceLimit = Infinity;

function isTensor(v) {
  return v instanceof tf.Tensor || v instanceof tf.SymbolicTensor;
}

globalThis.__record__ = (line, column, name, value) => {
  if (!isTensor(value)) return;
  const key = `${line}:${column}:${name}`;
  let h = hints.get(key);
  if (!h) hints.set(key, (h = { line, column, name, shapes: [] }));
  const shape = value.shape.map((d) => (d == null ? null : d));
  if (!h.shapes.some((s) => JSON.stringify(s) === JSON.stringify(shape))) h.shapes.push(shape);
};

/** The innermost stack frame in the fixture: its (source-mapped) 1-based line. */
function lineInFixture(stack) {
  for (const l of String(stack ?? '').split('\n')) {
    const m = /\(?((?:file:\/\/)?[^():]+):(\d+):(\d+)\)?\s*$/.exec(l.trim());
    if (m && path.resolve(m[1].replace(/^file:\/\//, '')) === file) return Number(m[2]);
  }
  return null;
}

function fail(e) {
  if (error) return;
  error = { type: e?.name ?? 'Error', message: String(e?.message ?? e), line: lineInFixture(e?.stack) };
}

// ---- instrumentation ------------------------------------------------------------------------

function boundNames(name) {
  if (ts.isIdentifier(name)) return [name];
  if (ts.isObjectBindingPattern(name) || ts.isArrayBindingPattern(name)) {
    return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(e.name)));
  }
  return [];
}

function assignedNames(e) {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  if (ts.isIdentifier(e)) return [e];
  if (ts.isArrayLiteralExpression(e)) return e.elements.flatMap((x) => (ts.isSpreadElement(x) ? assignedNames(x.expression) : ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.EqualsToken ? assignedNames(x.left) : assignedNames(x)));
  if (ts.isObjectLiteralExpression(e)) return e.properties.flatMap((p) => (ts.isShorthandPropertyAssignment(p) ? [p.name] : ts.isPropertyAssignment(p) ? assignedNames(p.initializer) : ts.isSpreadAssignment(p) ? assignedNames(p.expression) : []));
  return [];
}

const ASSIGN = new Set([ts.SyntaxKind.EqualsToken, ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.AsteriskEqualsToken, ts.SyntaxKind.SlashEqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.AmpersandAmpersandEqualsToken]);

function instrument(context) {
  const f = context.factory;
  return (sf) => {
    const record = (id) => {
      const { line, character } = sf.getLineAndCharacterOfPosition(id.getStart(sf));
      return f.createExpressionStatement(f.createCallExpression(f.createIdentifier('__record__'), undefined, [
        f.createNumericLiteral(line + 1), f.createNumericLiteral(character + 1), f.createStringLiteral(id.text), f.createIdentifier(id.text),
      ]));
    };
    const after = (s) => {
      if (ts.isVariableStatement(s)) return s.declarationList.declarations.filter((d) => d.initializer).flatMap((d) => boundNames(d.name)).map(record);
      if (ts.isExpressionStatement(s)) {
        const e = s.expression;
        if (ts.isBinaryExpression(e) && ASSIGN.has(e.operatorToken.kind)) return assignedNames(e.left).map(record);
      }
      return [];
    };
    const statements = (list) => list.flatMap((s) => [ts.visitNode(s, visit), ...after(s)]);
    const withRecords = (body, ids) => {
      if (ids.length === 0) return ts.visitNode(body, visit);
      if (ts.isBlock(body)) return f.updateBlock(body, [...ids.map(record), ...statements(body.statements)]);
      return f.createBlock([...ids.map(record), f.createReturnStatement(ts.visitNode(body, visit))], true);
    };
    const params = (fn) => fn.parameters.flatMap((p) => (ts.isIdentifier(p.name) && p.name.text === 'this' ? [] : boundNames(p.name)));
    const visit = (node) => {
      if (ts.isBlock(node)) return f.updateBlock(node, statements(node.statements));
      if (ts.isCaseClause(node)) return f.updateCaseClause(node, ts.visitNode(node.expression, visit), statements(node.statements));
      if (ts.isDefaultClause(node)) return f.updateDefaultClause(node, statements(node.statements));
      if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && ts.isVariableDeclarationList(node.initializer)) {
        const ids = node.initializer.declarations.flatMap((d) => boundNames(d.name));
        const body = withRecords(ts.isBlock(node.statement) ? node.statement : f.createBlock([node.statement], true), ids);
        return ts.isForOfStatement(node)
          ? f.updateForOfStatement(node, node.awaitModifier, node.initializer, ts.visitNode(node.expression, visit), body)
          : f.updateForInStatement(node, node.initializer, ts.visitNode(node.expression, visit), body);
      }
      if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node)) && node.body) {
        const updated = ts.visitEachChild(node, visit, context);
        const body = f.updateBlock(updated.body, [...params(node).map(record), ...updated.body.statements]);
        if (ts.isFunctionDeclaration(node)) return f.updateFunctionDeclaration(updated, updated.modifiers, updated.asteriskToken, updated.name, updated.typeParameters, updated.parameters, updated.type, body);
        if (ts.isFunctionExpression(node)) return f.updateFunctionExpression(updated, updated.modifiers, updated.asteriskToken, updated.name, updated.typeParameters, updated.parameters, updated.type, body);
        if (ts.isMethodDeclaration(node)) return f.updateMethodDeclaration(updated, updated.modifiers, updated.asteriskToken, updated.name, updated.questionToken, updated.typeParameters, updated.parameters, updated.type, body);
        return f.updateConstructorDeclaration(updated, updated.modifiers, updated.parameters, body);
      }
      if (ts.isArrowFunction(node)) {
        return f.updateArrowFunction(node, node.modifiers, node.typeParameters, ts.visitNodes(node.parameters, visit), node.type, node.equalsGreaterThanToken, withRecords(node.body, params(node)));
      }
      return ts.visitEachChild(node, visit, context);
    };
    return f.updateSourceFile(sf, statements(sf.statements));
  };
}

// ---- running --------------------------------------------------------------------------------

const PACKAGES = { '@tensorflow/tfjs': tf, '@tensorflow/tfjs-node': tf, '@tensorflow/tfjs-node-gpu': tf, '@tensorflow/tfjs-core': core, '@tensorflow/tfjs-layers': layers };
const loaded = new Map();

function load(target, instrumented) {
  if (loaded.has(target)) return loaded.get(target).exports;
  const source = fs.readFileSync(target, 'utf8');
  const out = ts.transpileModule(source, {
    // .mjs / .mts files would be emitted as ES modules whatever the settings: name them .js / .ts.
    fileName: target.replace(/\.m([jt])s$/, '.$1s').replace(/\.c([jt])s$/, '.$1s'),
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, sourceMap: true, esModuleInterop: true, jsx: ts.JsxEmit.React },
    transformers: instrumented ? { before: [instrument] } : undefined,
  });
  // The map names the renamed file (.cjs -> .js): point it back at the real one so frames match.
  const sourceMap = JSON.parse(out.sourceMapText);
  sourceMap.sources = [path.basename(target)];
  const map = Buffer.from(JSON.stringify(sourceMap)).toString('base64');
  const code = `${out.outputText.replace(/\/\/# sourceMappingURL=.*$/m, '')}\n//# sourceMappingURL=data:application/json;base64,${map}\n`;
  const m = new Module(target);
  m.filename = target;
  m.paths = Module._nodeModulePaths(path.dirname(target));
  const fallback = createRequire(target);
  m.require = (spec) => {
    if (spec in PACKAGES) return PACKAGES[spec];
    if (spec.startsWith('.')) {
      const base = path.resolve(path.dirname(target), spec);
      const found = [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts')].find((p) => fs.existsSync(p) && fs.statSync(p).isFile());
      if (found) return load(found, false);
    }
    return fallback(spec);
  };
  loaded.set(target, m);
  m._compile(code, target);
  return m.exports;
}

const original = tf.LayersModel.prototype.summary;
tf.LayersModel.prototype.summary = function summary(lineLength, positions, printFn) {
  const lines = [];
  original.call(this, lineLength, positions, (line) => lines.push(line));
  summaries.push({ line: lineInFixture(new Error().stack), lines });
};
const consoleError = console.error;
console.error = (...args) => {
  const e = args.find((a) => a instanceof Error);
  if (e) fail(e);
  else consoleError(...args);
};
console.log = () => {};
process.on('unhandledRejection', (e) => fail(e));
process.on('uncaughtException', (e) => fail(e));
process.on('beforeExit', () => {
  const result = { error, hints: [...hints.values()].sort((a, b) => a.line - b.line || a.column - b.column), summaries };
  process.stdout.write(`${MARK}${JSON.stringify(result)}\n`);
  process.exit(0);
});

try {
  load(file, true);
} catch (e) {
  fail(e);
}
