// Configuration files as call sites: a YAML file of the workspace that names a class by its dotted
// path (CompVis `target:` + `params:`, Hydra `_target_:`, Lightning CLI `class_path:` +
// `init_args:`) builds it with the file's values; so does a registry entry that names the class
// by its name alone (`model_params: {name: VanillaVAE, in_channels: 3, latent_dim: 128}`) when its
// other keys are exactly arguments its constructor takes, the required ones all there. Each such mapping becomes a small generated
// caller that loads the YAML as safe_load does and calls the class: the file is read, never run.
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { parseYaml } from './dataFiles';
import { LineIndex } from './lineIndex';
import { importCandidates } from './workspaceImports';
import * as fs from 'node:fs';
import type { ModuleIR } from '../engine/interp/ir';

/** One mapping of a YAML file that builds a class of the model file. */
export interface ConfigCaller {
  /** The YAML file. */
  readonly file: string;
  /** 1-based line of the key naming the class (`target:`), what hovers cite. */
  readonly line: number;
  /** The generated Python caller. */
  readonly text: string;
  /** Where the generated caller's imports resolve from: the workspace root, as `python main.py` there does. */
  readonly importer: string;
}

type Key = string | number;
/** Which spelling names the class and where its arguments are. */
type Style = 'compvis' | 'hydra' | 'lightning';

const HYDRA_RESERVED = new Set(['_target_', '_recursive_', '_convert_', '_partial_', '_args_']);
const PY_KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);
const DOTTED = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/;

/** What a registry entry may pass a class: its own `__init__`'s parameters. */
export interface Constructor {
  readonly named: readonly string[];
  readonly required: readonly string[];
  readonly varKeyword: boolean;
}

/** The constructors of a file's top-level classes that define `__init__` themselves. */
export function constructorsOf(ir: ModuleIR): Map<string, Constructor> {
  const out = new Map<string, Constructor>();
  for (const s of ir.body) {
    if (s.k !== 'class') continue;
    const init = s.body.find((x) => x.k === 'def' && x.name === '__init__');
    if (init?.k !== 'def') continue;
    const params = init.params.slice(1);
    const named = params.filter((p) => p.kind === 'positional-or-keyword' || p.kind === 'keyword-only');
    out.set(s.name, {
      named: named.map((p) => p.name),
      required: named.filter((p) => p.default === undefined).map((p) => p.name),
      varKeyword: params.some((p) => p.kind === 'var-keyword'),
    });
  }
  return out;
}

/** A quick look at a YAML text: does it name one of `names` where a class may be named? */
export function mayNameClass(text: string, names: readonly string[]): boolean {
  if (names.some((n) => new RegExp(`^\\s*(?:name|type)\\s*:\\s*['"]?${n}['"]?\\s*$`, 'm').test(text))) return true;
  if (!/(?:^|\s)(?:target|_target_|class_path)\s*:/m.test(text)) return false;
  return names.some((n) => new RegExp(`\\.${n}\\b`).test(text));
}

/** A YAML file read both ways: its data as safe_load gives it, and its nodes (for line numbers). */
export interface ParsedConfig {
  readonly data: unknown;
  readonly doc: ReturnType<typeof parseDocument>;
  readonly lines: LineIndex;
}

export function parseConfig(text: string): ParsedConfig | undefined {
  const data = parseYaml(text);
  if (data === undefined) return undefined;
  try {
    return { data, doc: parseDocument(text, { version: '1.1', intAsBigInt: true, merge: true, uniqueKeys: false }), lines: new LineIndex(text) };
  } catch {
    return undefined;
  }
}

/**
 * The mappings of a YAML text that build a top-level class `names` of `target` (the dotted
 * module resolving to `target` from `root` with `searchPath`), each as a generated caller.
 */
export function configCallersIn(
  file: string, parsed: ParsedConfig, target: string, names: readonly string[], root: string, searchPath: readonly string[],
  constructors: ReadonlyMap<string, Constructor> = new Map(),
): ConfigCaller[] {
  const { data, doc, lines } = parsed;
  const importer = path.join(root, '__config__.py');
  const resolves = (module: string): string | undefined => importCandidates(module, 0, importer, searchPath).find((c) => fs.existsSync(c));
  const out: ConfigCaller[] = [];
  const add = (keyNode: YamlNode | undefined, imports: readonly string[], expr: string): void => {
    if (!keyNode?.range) return;
    out.push({
      file,
      line: lines.position(keyNode.range[0]).line + 1,
      importer,
      text: ['import yaml', ...imports, `_config = yaml.safe_load(open(${JSON.stringify(file)}))`, expr, ''].join('\n'),
    });
  };
  const module = moduleName(root, target);
  const walk = (node: unknown, at: readonly Key[], value: unknown): void => {
    if (isMap(node) && value instanceof Map) {
      let built = false;
      const named = classNamed(value);
      if (named) {
        const dot = named.path.lastIndexOf('.');
        const from = named.path.slice(0, dot);
        const cls = named.path.slice(dot + 1);
        const keyNode = node.items.find((p) => isScalar(p.key) && p.key.value === named.key)?.key as YamlNode | undefined;
        if (names.includes(cls) && resolves(from) === target && keyNode?.range) {
          const call = new CallWriter(named.style).call(value, at);
          if (call) {
            // What it holds (a nested `encoder_config`) is built by this call already: one run, one set of sizes.
            built = true;
            add(keyNode, call.imports, call.expr);
          }
        }
      } else if (module !== undefined && resolves(module) === target) {
        const entry = registryEntry(value, constructors);
        if (entry) {
          built = true;
          const keyNode = node.items.find((p) => isScalar(p.key) && p.key.value === entry.key)?.key as YamlNode | undefined;
          const ref = (k: string): string => `_config${[...at, k].map((x) => `[${typeof x === 'number' ? x : JSON.stringify(x)}]`).join('')}`;
          add(keyNode, [`from ${module} import ${entry.cls} as _target0`], `_target0(${entry.args.map((k) => `${k}=${ref(k)}`).join(', ')})`);
        }
      }
      if (built) return;
      for (const pair of node.items) {
        const k = isScalar(pair.key) ? keyOf(pair.key.value) : undefined;
        if (k === undefined) continue;
        walk(pair.value, [...at, k], value.get(typeof k === 'number' ? BigInt(k) : k));
      }
    } else if (isSeq(node) && Array.isArray(value)) {
      node.items.forEach((item, i) => walk(item, [...at, i], value[i]));
    }
  };
  walk(doc.contents, [], data);
  return out;
}

/** The class a mapping names and how: undefined for a mapping that builds nothing. */
function classNamed(m: Map<unknown, unknown>): { path: string; key: string; style: Style } | undefined {
  for (const [key, style] of [['target', 'compvis'], ['_target_', 'hydra'], ['class_path', 'lightning']] as const) {
    const v = m.get(key);
    if (typeof v === 'string' && DOTTED.test(v)) return { path: v, key, style };
  }
  return undefined;
}

/**
 * A registry entry (`{name: VanillaVAE, in_channels: 3, latent_dim: 128}`, the code doing
 * `vae_models[cfg["name"]](**cfg)`): the class named is one of the file's, and every other key is
 * a parameter of its own `__init__` (or taken by its `**kwargs`), every required one given, at
 * least one. Only the named parameters are passed: what `**kwargs` takes is not known to be used.
 */
function registryEntry(m: Map<unknown, unknown>, constructors: ReadonlyMap<string, Constructor>): { key: string; cls: string; args: string[] } | undefined {
  for (const key of ['name', 'type']) {
    const cls = m.get(key);
    const ctor = typeof cls === 'string' ? constructors.get(cls) : undefined;
    if (!ctor || typeof cls !== 'string' || interpolated(m)) continue;
    const keys = [...m.keys()].filter((k) => k !== key);
    if (keys.length === 0 || !keys.every((k) => typeof k === 'string' && /^[A-Za-z_]\w*$/.test(k) && !PY_KEYWORDS.has(k))) return undefined;
    if (!keys.every((k) => ctor.named.includes(k as string) || (ctor.varKeyword && k !== 'self'))) return undefined;
    if (!ctor.required.every((r) => keys.includes(r))) return undefined;
    if (keys.some((k) => buildsInside(m.get(k)))) return undefined;
    return { key, cls, args: (keys as string[]).filter((k) => ctor.named.includes(k)) };
  }
  return undefined;
}

/** `models.vanilla_vae` for root/models/vanilla_vae.py (a package's __init__.py: the package). */
function moduleName(root: string, file: string): string | undefined {
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel) || !rel.endsWith('.py')) return undefined;
  const parts = rel.slice(0, -3).split(path.sep);
  if (parts[parts.length - 1] === '__init__') parts.pop();
  return parts.length > 0 && parts.every((p) => /^[A-Za-z_]\w*$/.test(p)) ? parts.join('.') : undefined;
}

function keyOf(k: unknown): Key | undefined {
  if (typeof k === 'string') return k;
  if (typeof k === 'bigint' && Number.isSafeInteger(Number(k))) return Number(k);
  return undefined;
}

/** True when the data holds an OmegaConf interpolation (`${model.dim}`): its value is not the text. */
function interpolated(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('${');
  if (Array.isArray(v)) return v.some(interpolated);
  if (v instanceof Map) return [...v.entries()].some(([k, x]) => interpolated(k) || interpolated(x));
  return false;
}

/** Holds a mapping that a framework would build itself (a nested `_target_`)? */
function buildsInside(v: unknown): boolean {
  if (Array.isArray(v)) return v.some((x) => classNamed(x instanceof Map ? x : new Map()) !== undefined || buildsInside(x));
  if (v instanceof Map) return classNamed(v) !== undefined || [...v.values()].some(buildsInside);
  return false;
}

/** Writes the call a mapping stands for, reading every value from `_config` by its path. */
class CallWriter {
  readonly imports: string[] = [];

  constructor(private readonly style: Style) {}

  /** `Cls(**_config[...]["params"])`, or undefined when the mapping's call is not a plain one. */
  call(m: Map<unknown, unknown>, at: readonly Key[]): { imports: string[]; expr: string } | undefined {
    const expr = this.callExpr(m, at);
    return expr === undefined ? undefined : { imports: this.imports, expr };
  }

  private callExpr(m: Map<unknown, unknown>, at: readonly Key[]): string | undefined {
    const named = classNamed(m);
    if (!named || named.style !== this.style || interpolated(m)) return undefined;
    const dot = named.path.lastIndexOf('.');
    const alias = `_target${this.imports.length}`;
    this.imports.push(`from ${named.path.slice(0, dot)} import ${named.path.slice(dot + 1)} as ${alias}`);
    const ref = (p: readonly Key[]): string => `_config${p.map((k) => `[${typeof k === 'number' ? k : JSON.stringify(k)}]`).join('')}`;
    if (this.style === 'compvis') {
      // instantiate_from_config: `get_obj_from_str(config["target"])(**config.get("params", dict()))`.
      if (!m.has('params')) return `${alias}()`;
      return m.get('params') instanceof Map ? `${alias}(**${ref([...at, 'params'])})` : undefined;
    }
    const argsAt = this.style === 'hydra' ? at : [...at, 'init_args'];
    const args = this.style === 'hydra' ? m : m.has('init_args') ? m.get('init_args') : new Map();
    if (!(args instanceof Map)) return undefined;
    // `_partial_: true` makes a functools.partial, not a model; `_recursive_: false` passes nested configs as they are.
    if (this.style === 'hydra' && (m.get('_partial_') === true || m.get('_recursive_') === false || m.has('_convert_'))) return undefined;
    const parts: string[] = [];
    if (this.style === 'hydra' && m.has('_args_')) {
      const positional = m.get('_args_');
      if (!Array.isArray(positional) || buildsInside(positional)) return undefined;
      parts.push(`*${ref([...at, '_args_'])}`);
    }
    for (const [k, v] of args) {
      if (typeof k !== 'string') return undefined;
      if (this.style === 'hydra' ? HYDRA_RESERVED.has(k) : false) continue;
      if (!/^[A-Za-z_]\w*$/.test(k) || PY_KEYWORDS.has(k)) return undefined;
      let value: string | undefined;
      if (v instanceof Map && classNamed(v)) value = this.callExpr(v, [...argsAt, k]);
      else value = buildsInside(v) ? undefined : ref([...argsAt, k]);
      if (value === undefined) return undefined;
      parts.push(`${k}=${value}`);
    }
    return `${alias}(${parts.join(', ')})`;
  }
}
