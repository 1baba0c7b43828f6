"""What a PyTorch mirror of a Flux fixture records: the shape each Julia name is bound to (from the
mirror's own tensors, axes reversed), the models' parameter counts as Flux counts them, and the
exception where the fixture's shapes are wrong. A record names the Julia line by a snippet of its
source text, so the golden follows the fixture when lines move."""
import os

import torch.nn as nn


def flux_param_count(module):
    """Flux's trainable parameter count for a PyTorch mirror: the same tensors, except that a Flux
    recurrent cell keeps one bias where PyTorch keeps bias_ih and bias_hh (Flux.jl
    src/layers/recurrent.jl:183-187, 402-405, 603-605)."""
    total = 0
    for name, p in module.named_parameters():
        if name.split(".")[-1].startswith("bias_hh"):
            continue
        total += p.numel()
    return total


class Mirror:
    def __init__(self, fixture):
        self.fixture = fixture
        with open(fixture) as fh:
            self.lines = fh.read().split("\n")
        self.hints = {}
        self.models = []
        self.error = None

    def line_of(self, snippet):
        found = [i + 1 for i, line in enumerate(self.lines) if snippet in line]
        if len(found) != 1:
            raise ValueError(f"{os.path.basename(self.fixture)}: snippet {snippet!r} is on lines {found}, expected exactly one")
        return found[0]

    def rec(self, snippet, name, tensor):
        """`name`, on the line containing `snippet`, is bound to an array of the tensor's shape (reversed)."""
        key = (self.line_of(snippet), name)
        shape = list(reversed(tuple(tensor.shape)))
        shapes = self.hints.setdefault(key, [])
        if shape not in shapes:
            shapes.append(shape)
        return tensor

    def model(self, snippet, type_name, module):
        """The model called on the line of `snippet` has Flux's count of the mirror's parameters."""
        assert isinstance(module, nn.Module)
        self.models.append({"line": self.line_of(snippet), "type": type_name, "params": flux_param_count(module)})

    def raises(self, snippet, run):
        """Flux raises on the line of `snippet`, where the mirror's PyTorch raises too."""
        try:
            run()
        except Exception as e:  # noqa: BLE001 - PyTorch's exception is the golden
            self.error = {"line": self.line_of(snippet), "torch": f"{type(e).__name__}: {str(e).splitlines()[0]}"}
            return
        raise AssertionError(f"{self.fixture}: PyTorch ran {snippet!r} without an error")

    def golden(self, rel):
        return {
            "file": rel,
            "hints": [{"line": line, "name": name, "shapes": shapes} for (line, name), shapes in sorted(self.hints.items())],
            "models": self.models,
            "error": self.error,
        }
