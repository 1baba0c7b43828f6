// Replays every Flux oracle case (test/oracle/goldens/flux/*.json, made by generate_flux_goldens.py
// from each case's PyTorch twin) as Julia source through the whole pipeline (tree-sitter-julia,
// lowering, the Julia profile, the Flux declarations): the output's hint is PyTorch's shape with
// its axes reversed, the layer's parameters are PyTorch's in Flux's layout, and where PyTorch
// raised, the engine reports Flux's error at the call.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initFrontends } from '../../server/frontends';
import { analyzeText } from '../../server/analyzeFile';
import { LineIndex } from '../../server/lineIndex';

type Result = { shape: number[] } | { tuple: Result[] };

interface FluxCase {
  id: string;
  family: string;
  inputs: string[];
  layer?: string;
  expr?: string;
  result?: Result;
  /** PyTorch's exception, raised by the constructor or by the call. */
  error?: { type: string; message: string; at: 'constructor' | 'call' };
  params?: [string, number[]][];
  buffers?: [string, number[]][];
  paramCount?: number;
}

const dir = path.join(__dirname, 'goldens', 'flux');
const families = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

before(async () => {
  await initFrontends();
});

/** `y`, or `(y1, (y2_1, y2_2))` for a tuple result, and the names it binds with their expected shapes. */
function target(r: Result | undefined, name: string, out: [string, number[]][]): string {
  if (!r || 'shape' in r) {
    if (r) out.push([name, r.shape]);
    return name;
  }
  return `(${r.tuple.map((x, i) => target(x, `${name}_${i + 1}`, out)).join(', ')})`;
}

function check(c: FluxCase): string | undefined {
  const expected: [string, number[]][] = [];
  const lhs = target(c.result, 'y', expected);
  const lines = ['using Flux', ...c.inputs.map((src, i) => `x${i + 1} = ${src}`)];
  const args = c.inputs.map((_, i) => `x${i + 1}`).join(', ');
  if (c.layer) lines.push(`layer = ${c.layer}`, `${lhs} = layer(${args})`);
  else lines.push(`${lhs} = ${c.expr}`);
  const text = `${lines.join('\n')}\n`;
  const result = analyzeText(text, { fileName: `${c.id}.jl` });
  const index = new LineIndex(text);
  const lineOf = (offset: number): number => index.position(offset).line + 1;
  const callLine = lines.length;
  const problems: string[] = [];
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
  if (warnings.length > 0) problems.push(`warnings on concrete shapes: ${warnings.map((w) => w.message).join('; ')}`);
  if (c.error) {
    const line = c.error.at === 'constructor' ? callLine - 1 : callLine;
    const hit = errors.find((d) => lineOf(d.range.start) === line);
    if (!hit) problems.push(`PyTorch raised ${c.error.type}: ${c.error.message}; the engine reported no error at the ${c.error.at} (${errors.map((e) => e.message).join('; ') || 'none'})`);
    else if (!/^(DimensionMismatch|ArgumentError|AssertionError): /.test(hit.message)) problems.push(`not a Flux error text: ${hit.message}`);
  } else {
    for (const e of errors) problems.push(`error where PyTorch ran: ${e.message}`);
    for (const [name, shape] of expected) {
      const hint = result.hints.find((h) => h.name === name && lineOf(h.range.start) === callLine);
      const got = hint && hint.shapes.length === 1 ? hint.shapes[0].map((d) => d.toJSON()) : undefined;
      if (JSON.stringify(got) !== JSON.stringify(shape)) problems.push(`${name}: PyTorch (reversed) ${JSON.stringify(shape)}, engine ${got ? JSON.stringify(got) : 'no hint'}`);
      if (hint && hint.style !== 'flux') problems.push(`${name} is not written as a Flux array`);
    }
  }
  if (c.layer && c.paramCount !== undefined) {
    const layerLine = callLine - 1;
    const layer = result.layers.find((l) => lineOf(l.range.start) === layerLine);
    const model = result.models.find((m) => m.constructedAt && lineOf(m.constructedAt.start) === layerLine);
    const count = layer && !c.layer.startsWith('Chain') ? layer.paramCount : model?.totalParams ?? layer?.paramCount;
    if (count !== c.paramCount) problems.push(`parameter count ${count}, Flux (from PyTorch) ${c.paramCount}`);
    if (c.params && layer) {
      const named = (xs: readonly { name: string; shape: readonly { toJSON(): number | string | null }[] }[]): string =>
        JSON.stringify(xs.map((p) => [p.name, p.shape.map((d) => d.toJSON())]).sort());
      const want = JSON.stringify([...c.params].sort());
      if (named(layer.params) !== want) problems.push(`params ${named(layer.params)}, Flux layout ${want}`);
      const wantBuffers = JSON.stringify([...(c.buffers ?? [])].sort());
      if (named(layer.buffers) !== wantBuffers) problems.push(`buffers ${named(layer.buffers)}, Flux layout ${wantBuffers}`);
    }
  }
  return problems.length > 0 ? problems.join('\n      ') : undefined;
}

for (const file of families) {
  const cases = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as FluxCase[];
  describe(`flux oracle: ${file.slice(0, -5)} (${cases.length} cases)`, () => {
    test(`${cases.length} cases match PyTorch with the axes reversed`, () => {
      const failures: string[] = [];
      for (const c of cases) {
        let diff: string | undefined;
        try {
          diff = check(c);
        } catch (e) {
          diff = `engine threw: ${(e as Error).stack}`;
        }
        if (diff) failures.push(`${c.id} ${c.layer ?? c.expr} on ${c.inputs.join(', ')}\n      ${diff}`);
      }
      assert.equal(failures.length, 0, `${failures.length}/${cases.length} cases differ:\n${failures.slice(0, 20).join('\n')}`);
    });
  });
}
