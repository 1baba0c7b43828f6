"""PyTorch Lightning is not installed here: the part of it the fixtures use, for the oracle.

LightningModule is an nn.Module (lightning/pytorch/core/module.py, `class LightningModule(...,
Module)`); save_hyperparameters keeps the calling constructor's arguments, but self, as
`self.hparams`, an AttributeDict (lightning/pytorch/core/mixins/hparams_mixin.py,
save_hyperparameters, and lightning/pytorch/utilities/parsing.py, collect_init_args). Only what
shapes depend on is here: the arguments named, or all of them, without those in `ignore`.
"""
import inspect

import torch


class AttributeDict(dict):
    """lightning_utilities' AttributeDict: a dict whose keys are attributes too."""

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError as e:
            raise AttributeError(key) from e


class LightningModule(torch.nn.Module):
    def save_hyperparameters(self, *args, ignore=None, frame=None, logger=True):
        frame = frame or inspect.currentframe().f_back
        info = inspect.getargvalues(frame)
        names = [n for n in info.args if n != "self"]
        if info.keywords:
            names.append(info.keywords)
        values = {}
        for n in names:
            v = info.locals[n]
            if n == info.keywords:
                values.update(v)
            else:
                values[n] = v
        if args:
            values = {k: v for k, v in values.items() if k in args}
        ignored = [ignore] if isinstance(ignore, str) else list(ignore or [])
        self.hparams = AttributeDict({k: v for k, v in values.items() if k not in ignored})

    def log(self, *args, **kwargs):
        pass
