// timm's `build_model_with_cfg(model_cls, variant, pretrained, ..., model_cfg=None, **kwargs)`,
// which every timm model file's factories end in, builds `model_cls(**kwargs)` (or with
// `cfg=model_cfg`) after resolving a pretrained config through timm's registry of every model:
// global state that the decorators of all of timm's files fill, which the analysis cannot
// follow. Run as what it builds (huggingface/pytorch-image-models at aa4b585,
// timm/models/_builder.py lines 420-447): the builder's own keywords are dropped and the model
// keeps its own defaults where the pretrained config would set `num_classes`, `global_pool`,
// `in_chans` (lines 307-345). A features-only model (a wrapper of hooks) is not modelled.
import type { Value } from '../value';
import type { CallArgs, FunctionObj } from './objects';

/** The builder's own keywords (timm/models/_builder.py lines 384-397, and `pruned`, line 420). */
const BUILDER_KEYWORDS = new Set(['pretrained_cfg', 'pretrained_cfg_overlay', 'model_cfg', 'feature_cfg', 'pretrained_strict', 'pretrained_filter_fn', 'cache_dir', 'kwargs_filter', 'pruned']);

/** Whether `fn` is timm's builder: by its name and its first three parameters. */
export function isTimmModelBuilder(fn: FunctionObj): boolean {
  return fn.name === 'build_model_with_cfg' && fn.params.slice(0, 3).map((p) => p.name).join(',') === 'model_cls,variant,pretrained';
}

/** The class the builder builds and the keywords it is given; undefined where it does more (features_only, a filter not known). */
export function timmBuild(args: CallArgs): { cls: Value; kwargs: Record<string, Value> } | undefined {
  const cls = args.args[0] ?? args.kwargs.model_cls;
  if (!cls || args.args.length > 3) return undefined;
  const featuresOnly = args.kwargs.features_only;
  if (featuresOnly && !(featuresOnly.kind === 'bool' && !featuresOnly.value)) return undefined;
  const filter = args.kwargs.kwargs_filter;
  const filtered = new Set<string>();
  if (filter && filter.kind !== 'none') {
    if (filter.kind !== 'tuple' && filter.kind !== 'list') return undefined;
    for (const item of filter.items) {
      if (item.kind !== 'str') return undefined;
      filtered.add(item.value);
    }
  }
  const kwargs: Record<string, Value> = {};
  for (const [k, v] of Object.entries(args.kwargs)) {
    if (!BUILDER_KEYWORDS.has(k) && !filtered.has(k) && k !== 'model_cls' && k !== 'variant' && k !== 'pretrained' && k !== 'features_only') kwargs[k] = v;
  }
  const modelCfg = args.kwargs.model_cfg;
  if (modelCfg && modelCfg.kind !== 'none') kwargs.cfg = modelCfg;
  return { cls, kwargs };
}

