// Configuration files the code reads, not runs: `open(path)` of a workspace file and
// `yaml.safe_load(f)` give the file's data as Python values (yolov5 builds its layers from
// models/yolov5s.yaml), and `contextlib.suppress`. The host reads and parses; the engine only
// turns the plain data into values. Writing, and any file outside the workspace, give nothing.
import type { Value } from '../value';
import { NONE, UNKNOWN } from '../value';
import type { ModuleIR } from './ir';
import type { Host } from './host';
import { BuiltinObj, DictObj, PyModuleObj, obj, refOf } from './objects';
import { bigInt, bool, dictSet, float, int, listOf, str } from './pyvalues';

/** What the host lets the code read. */
export interface DataFiles {
  /**
   * The text of `path` opened by code of `from` (a relative path: from that file's folder, then
   * from each workspace root); undefined for a missing file or one outside the workspace roots.
   */
  read(path: string, from: ModuleIR | undefined): string | undefined;
  /**
   * YAML text as PyYAML's safe_load gives it, in plain data: Map (mappings, keys as parsed),
   * arrays, strings, bigint (ints), number (floats), booleans, null; undefined if it does not parse.
   */
  parseYaml(text: string): unknown;
}

/** An opened file: its text when the host could read it. */
const fileTexts = new WeakMap<object, string>();

/** The `open` builtin: a read of a known workspace file keeps its text for yaml.safe_load / read(). */
export function openBuiltin(): Value {
  return obj(new BuiltinObj('open', ({ args, kwargs }, _site, host) => {
    const file = args[0] ?? kwargs.file;
    const mode = args[1] ?? kwargs.mode;
    const reading = mode === undefined || (mode.kind === 'str' && !/[wax+b]/.test(mode.value));
    const text = reading && file?.kind === 'str' ? host.readDataFile(file.value) : undefined;
    const f = new PyModuleObj('file', new Map<string, Value>());
    f.attrs!.set('read', obj(new BuiltinObj('read', ({ args: a }) => (text !== undefined && a.length === 0 ? str(text) : UNKNOWN))));
    for (const n of ['close', 'write', 'readline', 'readlines', 'seek', 'flush']) f.attrs!.set(n, obj(new BuiltinObj(n, () => UNKNOWN)));
    if (text !== undefined) fileTexts.set(f, text);
    return obj(f);
  }));
}

/** The `yaml` module (PyYAML): the loaders of plain data. */
export function yamlModule(): Value {
  const load = (stream: Value | undefined, host: Host): Value => {
    if (!stream) return UNKNOWN;
    const text = stream.kind === 'str' ? stream.value : stream.kind === 'object' ? fileTexts.get(stream.ref) : undefined;
    return text === undefined ? UNKNOWN : dataValue(host.parseYaml(text));
  };
  // yaml.load(f, Loader=yaml.SafeLoader / FullLoader / Loader): the same data for a plain config.
  const loader = (name: string): Value => obj(new BuiltinObj(`yaml.${name}`, () => UNKNOWN));
  return obj(new PyModuleObj('yaml', new Map<string, Value>([
    ['safe_load', obj(new BuiltinObj('yaml.safe_load', ({ args, kwargs }, _site, host) => load(args[0] ?? kwargs.stream, host)))],
    ['full_load', obj(new BuiltinObj('yaml.full_load', ({ args, kwargs }, _site, host) => load(args[0] ?? kwargs.stream, host)))],
    ['load', obj(new BuiltinObj('yaml.load', ({ args, kwargs }, _site, host) => load(args[0] ?? kwargs.stream, host)))],
    ...['SafeLoader', 'FullLoader', 'Loader', 'CSafeLoader', 'CLoader', 'BaseLoader'].map((n): [string, Value] => [n, loader(n)]),
  ])));
}

/** Plain data (see DataFiles.parseYaml) as Python values; anything else is unknown. */
export function dataValue(x: unknown): Value {
  if (x === null || x === undefined) return NONE;
  if (typeof x === 'bigint') return Number.isSafeInteger(Number(x)) ? int(Number(x)) : bigInt(x);
  if (typeof x === 'number') return float(x);
  if (typeof x === 'string') return str(x);
  if (typeof x === 'boolean') return bool(x);
  if (Array.isArray(x)) return listOf(x.map(dataValue));
  if (x instanceof Map) {
    const d = new DictObj();
    for (const [k, v] of x) if (!dictSet(d, dataValue(k), dataValue(v))) return UNKNOWN;
    return obj(d);
  }
  return UNKNOWN;
}

/** `contextlib.suppress(...)`: the `with` statement swallows the exceptions it names (interpreter.ts). */
export class SuppressObj {}

export function contextlibModule(): Value {
  return obj(new PyModuleObj('contextlib', new Map<string, Value>([
    ['suppress', obj(new BuiltinObj('contextlib.suppress', () => obj(new SuppressObj())))],
  ])));
}

export function isSuppress(v: Value): boolean {
  return refOf(v, SuppressObj) !== undefined;
}
