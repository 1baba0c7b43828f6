// Runs one generated program in the interpreter the way generate_programs.py ran it under CPython
// (top-level statements in order, stopping where CPython raised) and compares every name's value.
import { lowerPython } from '../../server/frontends/python/parser';
import { AnalysisAborted, Interpreter, PyRaise } from '../../engine/interp/interpreter';
import { Recorder } from '../../engine/interp/record';
import { BuiltinObj, ClassObj, DictObj, FunctionObj, PyModuleObj, refOf } from '../../engine/interp/objects';
import { RangeObj, SetObj, isOpaque } from '../../engine/interp/pyvalues';
import type { Value } from '../../engine/value';
import { parseYaml } from '../../server/dataFiles';

/** A CPython value as the generator encodes it (ints as decimal strings, floats as repr). */
export type Encoded =
  | readonly ['none']
  | readonly ['bool', boolean]
  | readonly ['int', string]
  | readonly ['float', string]
  | readonly ['str', string]
  | readonly ['tuple' | 'list' | 'set', readonly Encoded[]]
  | readonly ['dict', readonly (readonly [Encoded, Encoded])[]]
  | readonly ['range', readonly [number, number, number]]
  | readonly ['opaque', string];

export interface Golden {
  readonly id: string;
  readonly src: string;
  /** The top-level statement CPython stopped on (its first line), if any. */
  readonly raised: { readonly line: number; readonly type: string } | null;
  readonly values: Readonly<Record<string, Encoded>>;
}

export interface ProgramResult {
  /** Top-level names compared, and how much of each the interpreter knew. */
  values: number;
  known: number;
  partial: number;
  unknown: number;
  mismatches: string[];
}

type Verdict = 'known' | 'partial' | 'unknown' | { mismatch: string };

export function runProgram(g: Golden): ProgramResult {
  const out: ProgramResult = { values: 0, known: 0, partial: 0, unknown: 0, mismatches: [] };
  const lineStarts = [0];
  for (let i = 0; i < g.src.length; i++) if (g.src[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
    return line + 1;
  };
  const ir = lowerPython(g.src);
  // yaml.safe_load of a string parses with the server's parser (config_programs.py); no file is read.
  const interp = new Interpreter({ recorder: new Recorder(), maxSteps: 100_000, dataFiles: { read: () => undefined, parseYaml } });
  const scope = interp.runModule({ ...ir, body: [] });
  const frame = { scope, returns: [] as Value[] };
  const stopAt = g.raised?.line ?? Infinity;
  for (const stmt of ir.body) {
    const line = lineOf(stmt.range.start);
    // CPython stopped in the statement at stopAt (after its `finally`, if any): compare after it.
    if (line > stopAt) break;
    try {
      interp.exec(stmt, frame);
    } catch (e) {
      if (e instanceof PyRaise) {
        if (line !== stopAt) out.mismatches.push(`line ${line}: the interpreter raised, CPython did not`);
        continue;
      }
      if (e instanceof AnalysisAborted) {
        out.mismatches.push(`line ${line}: the interpreter gave up (${e.message})`);
        return out;
      }
      out.mismatches.push(`line ${line}: the interpreter crashed: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
      return out;
    }
  }
  compareScope(g, scope.vars, out);
  return out;
}

function compareScope(g: Golden, vars: ReadonlyMap<string, Value>, out: ProgramResult): void {
  for (const [name, want] of Object.entries(g.values)) {
    if (want[0] === 'opaque') continue;
    out.values++;
    const got = vars.get(name);
    const verdict = got === undefined ? 'unknown' : compare(got, want);
    if (typeof verdict === 'object') out.mismatches.push(`${name}: CPython ${showEncoded(want)}, interpreter ${show(got!)}${verdict.mismatch ? ` (${verdict.mismatch})` : ''}`);
    else out[verdict]++;
  }
  // A name CPython never bound (the statement binding it raised) must not have a known value. (A
  // value with unknown parts may stand for what raised: the interpreter runs `map(int, xs)` eagerly,
  // CPython raises when the result is consumed.)
  for (const [name, got] of vars) {
    if (name.startsWith('__') || name in g.values || isCode(got)) continue;
    if (knownness(got) === 'known') out.mismatches.push(`${name}: CPython has no such name${g.raised ? ` (raised ${g.raised.type} at line ${g.raised.line})` : ''}, interpreter ${show(got)}`);
  }
}

/** Functions, classes, modules: not values this test compares. */
function isCode(v: Value): boolean {
  return !!(refOf(v, FunctionObj) || refOf(v, ClassObj) || refOf(v, PyModuleObj) || refOf(v, BuiltinObj));
}

function parseFloat_(repr: string): number {
  return repr === 'inf' ? Infinity : repr === '-inf' ? -Infinity : repr === 'nan' ? NaN : Number(repr);
}

function combine(verdicts: readonly Verdict[]): Verdict {
  const bad = verdicts.find((v) => typeof v === 'object');
  if (bad) return bad;
  return verdicts.every((v) => v === 'known') ? 'known' : 'partial';
}

/** How the interpreter's value compares with CPython's. */
export function compare(got: Value, want: Encoded): Verdict {
  if (want[0] === 'opaque') return 'known';
  if (got.kind === 'unknown' || isOpaque(got)) return 'unknown';
  const differ: Verdict = { mismatch: '' };
  switch (want[0]) {
    case 'none':
      return got.kind === 'none' ? 'known' : differ;
    case 'bool':
      return got.kind === 'bool' && got.value === want[1] ? 'known' : differ;
    case 'str':
      return got.kind === 'str' && got.value === want[1] ? 'known' : differ;
    case 'int': {
      if (got.kind !== 'int') return differ;
      const n = got.dim.value;
      if (n === undefined) return 'unknown';
      return Number.isInteger(n) && BigInt(n) === BigInt(want[1]) ? 'known' : differ;
    }
    case 'float':
      return got.kind === 'float' && Object.is(got.value, parseFloat_(want[1])) ? 'known' : differ;
    case 'tuple':
    case 'list': {
      if (got.kind !== want[0] || got.items.length !== want[1].length) return differ;
      return want[1].length === 0 ? 'known' : combine(want[1].map((w, i) => compare(got.items[i], w)));
    }
    case 'range': {
      // Ranges are compared as CPython's == does: the same ints (range(0) == range(5, 2)).
      const r = refOf(got, RangeObj);
      if (!r) return differ;
      const [start, stop, step] = want[1];
      const want_ = new RangeObj(start, stop, step);
      const same = r.length === want_.length && (r.length === 0 || (r.start === start && (r.length === 1 || r.step === step)));
      return same ? 'known' : differ;
    }
    case 'dict': {
      const d = refOf(got, DictObj);
      if (!d) return differ;
      const entries = [...d.entries.values()];
      if (entries.length !== want[1].length) return differ;
      return entries.length === 0 ? 'known' : combine(entries.flatMap(([k, v], i) => [compare(k, want[1][i][0]), compare(v, want[1][i][1])]));
    }
    case 'set': {
      const s = refOf(got, SetObj);
      if (!s) return differ;
      const items = [...s.items.values()];
      if (items.length !== want[1].length) return differ;
      // Each CPython element must be one of the interpreter's (sets have no order to compare).
      const verdicts = want[1].map((w) => {
        const matches = items.map((x) => compare(x, w));
        return matches.includes('known') ? 'known' : matches.some((m) => typeof m !== 'object') ? 'unknown' : differ;
      });
      return items.length === 0 ? 'known' : combine(verdicts);
    }
  }
}

/** Fully known, partly known, or unknown (for a value CPython does not have). */
function knownness(v: Value): 'known' | 'partial' | 'unknown' {
  if (v.kind === 'unknown' || isOpaque(v)) return 'unknown';
  if (v.kind === 'int' && !v.dim.isKnown) return 'unknown';
  const parts = v.kind === 'list' || v.kind === 'tuple' ? v.items : [...(refOf(v, DictObj)?.entries.values() ?? [])].flat();
  return parts.every((x) => knownness(x) === 'known') ? 'known' : 'partial';
}

export function show(v: Value, depth = 0): string {
  if (depth > 4) return '...';
  switch (v.kind) {
    case 'int': return v.dim.toString();
    case 'float': return Number.isInteger(v.value) ? `${v.value}.0` : String(v.value);
    case 'bool': return v.value ? 'True' : 'False';
    case 'str': return JSON.stringify(v.value);
    case 'none': return 'None';
    case 'unknown': return '?';
    case 'tuple': return `(${v.items.map((x) => show(x, depth + 1)).join(', ')}${v.items.length === 1 ? ',' : ''})`;
    case 'list': return `[${v.items.map((x) => show(x, depth + 1)).join(', ')}]`;
    case 'object': {
      const d = refOf(v, DictObj);
      if (d) return `{${[...d.entries.values()].map(([k, x]) => `${show(k, depth + 1)}: ${show(x, depth + 1)}`).join(', ')}}`;
      const s = refOf(v, SetObj);
      if (s) return `{${[...s.items.values()].map((x) => show(x, depth + 1)).join(', ')}}`;
      const r = refOf(v, RangeObj);
      if (r) return `range(${r.start}, ${r.stop}, ${r.step})`;
      return `<${v.ref.constructor.name}>`;
    }
    default: return `<${v.kind}>`;
  }
}

export function showEncoded(e: Encoded): string {
  switch (e[0]) {
    case 'none': return 'None';
    case 'bool': return e[1] ? 'True' : 'False';
    case 'int': return e[1];
    case 'float': return e[1];
    case 'str': return JSON.stringify(e[1]);
    case 'tuple': return `(${e[1].map(showEncoded).join(', ')}${e[1].length === 1 ? ',' : ''})`;
    case 'list': return `[${e[1].map(showEncoded).join(', ')}]`;
    case 'set': return `{${e[1].map(showEncoded).join(', ')}}`;
    case 'dict': return `{${e[1].map(([k, v]) => `${showEncoded(k)}: ${showEncoded(v)}`).join(', ')}}`;
    case 'range': return `range(${e[1].join(', ')})`;
    case 'opaque': return `<${e[1]}>`;
  }
}
