"""timm's build_model_with_cfg for the fixtures, as huggingface/pytorch-image-models at aa4b585
builds a model (timm/models/_builder.py lines 420-447): the builder's keywords dropped, features_only
not supported, the model's own defaults kept where a pretrained config would set them (no registry here)."""


def build_model_with_cfg(model_cls, variant, pretrained, pretrained_cfg=None, pretrained_cfg_overlay=None, model_cfg=None,
                         feature_cfg=None, pretrained_strict=True, pretrained_filter_fn=None, cache_dir=None, kwargs_filter=None, **kwargs):
    kwargs.pop('pruned', False)
    for n in kwargs_filter or ():
        kwargs.pop(n, None)
    if kwargs.pop('features_only', False):
        raise NotImplementedError('features_only is not in the shim')
    if model_cfg is None:
        model = model_cls(**kwargs)
    else:
        model = model_cls(cfg=model_cfg, **kwargs)
    model.pretrained_cfg = pretrained_cfg
    return model
