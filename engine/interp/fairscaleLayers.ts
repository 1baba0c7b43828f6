// fairscale's model-parallel layers, as Meta's LLaMA code imports them (`from
// fairscale.nn.model_parallel.layers import ColumnParallelLinear, RowParallelLinear,
// ParallelEmbedding`), when fairscale is not in the workspace: on one process (model-parallel
// world size 1, what `get_model_parallel_world_size()` gives) each is the torch layer it splits,
// with the same weight shapes. Source: facebookresearch/fairscale at 146f160,
// fairscale/nn/model_parallel/layers.py lines 84-380 (signatures at 95, 163, 239, 326; weights
// `[output_size_per_partition, in_features]`, `[out_features, input_size_per_partition]`,
// `[num_embeddings, embedding_dim_per_partition]`, each size divided by the world size).
import type { Value } from '../value';
import { NONE, UNKNOWN } from '../value';
import { lookupOp } from '../ops/registry';
import { BuiltinObj, OpRefObj, PyModuleObj, obj, type CallArgs } from './objects';
import { int } from './pyvalues';
import type { Range } from './ir';
import type { Host } from './host';

/** A parallel layer's constructor: its arguments bound by name, then the torch layer's kept. */
function standIn(name: string, torchLayer: string, params: readonly string[], kept: readonly string[]): Value {
  return obj(new BuiltinObj(name, (args: CallArgs, site: Range, host: Host) => {
    const op = lookupOp(torchLayer);
    if (!op) return UNKNOWN;
    const bound: Record<string, Value> = {};
    args.args.forEach((a, i) => { if (i < params.length) bound[params[i]] = a; });
    for (const [k, v] of Object.entries(args.kwargs)) if (params.includes(k)) bound[k] = v;
    if (args.args.length > params.length || Object.keys(args.kwargs).some((k) => !params.includes(k))) return UNKNOWN;
    const kwargs: Record<string, Value> = {};
    for (const k of kept) if (k in bound) kwargs[k] = bound[k];
    return host.call(obj(new OpRefObj(op, torchLayer)), { args: [], kwargs }, site);
  }));
}

const EMBEDDING = ['num_embeddings', 'embedding_dim', 'padding_idx', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'sparse'];

function layers(path: string): Map<string, Value> {
  const m = new Map<string, Value>();
  m.set('ColumnParallelLinear', standIn(`${path}.ColumnParallelLinear`, 'torch.nn.Linear',
    ['in_features', 'out_features', 'bias', 'gather_output', 'init_method', 'stride', 'keep_master_weight_for_test'], ['in_features', 'out_features', 'bias']));
  m.set('RowParallelLinear', standIn(`${path}.RowParallelLinear`, 'torch.nn.Linear',
    ['in_features', 'out_features', 'bias', 'input_is_parallel', 'init_method', 'stride', 'keep_master_weight_for_test'], ['in_features', 'out_features', 'bias']));
  m.set('ParallelEmbedding', standIn(`${path}.ParallelEmbedding`, 'torch.nn.Embedding', [...EMBEDDING, 'init_method', 'keep_master_weight_for_test'], EMBEDDING));
  m.set('VocabParallelEmbedding', standIn(`${path}.VocabParallelEmbedding`, 'torch.nn.Embedding', [...EMBEDDING, 'init_method'], EMBEDDING));
  return m;
}

/** initialize.py's queries on one process (its lines 223-250). */
function initialize(path: string): Map<string, Value> {
  const m = new Map<string, Value>();
  const constant = (n: string, v: () => Value): void => void m.set(n, obj(new BuiltinObj(`${path}.${n}`, () => v())));
  for (const n of ['get_model_parallel_world_size', 'get_data_parallel_world_size']) constant(n, () => int(1));
  for (const n of ['get_model_parallel_rank', 'get_data_parallel_rank', 'get_model_parallel_src_rank']) constant(n, () => int(0));
  constant('initialize_model_parallel', () => NONE);
  return m;
}

let shared: Map<string, Value> | undefined;

function makeModules(): Map<string, Value> {
  const mods = new Map<string, Value>();
  const root = 'fairscale.nn.model_parallel';
  const l = layers(`${root}.layers`);
  const i = initialize(`${root}.initialize`);
  mods.set(`${root}.layers`, obj(new PyModuleObj(`${root}.layers`, l)));
  mods.set(`${root}.initialize`, obj(new PyModuleObj(`${root}.initialize`, i)));
  // The package's __init__.py re-exports initialize's functions and three of the layers.
  const reexported = [...l].filter(([n]) => n !== 'ParallelEmbedding');
  mods.set(root, obj(new PyModuleObj(root, new Map([...reexported, ...i, ['layers', mods.get(`${root}.layers`)!], ['initialize', mods.get(`${root}.initialize`)!]]))));
  return mods;
}

/** A stand-in for a fairscale model-parallel module the workspace does not hold; undefined for any other name. */
export function fairscaleFallbackModule(name: string): Value | undefined {
  if (!name.startsWith('fairscale.')) return undefined;
  return (shared ??= makeModules()).get(name);
}
