# mmcv.cnn's bricks (see ../__init__.py): each builds the torch layer its config names.
import torch.nn as nn

# wrappers.py: subclasses of the torch layers with the same arguments (they only add empty-input handling).
Conv2d = nn.Conv2d
Conv3d = nn.Conv3d
ConvTranspose2d = nn.ConvTranspose2d
MaxPool2d = nn.MaxPool2d
Linear = nn.Linear

# norm.py NORM_LAYERS and infer_abbr.
NORM_LAYERS = {
    "BN": (nn.BatchNorm2d, "bn"), "BN1d": (nn.BatchNorm1d, "bn"), "BN2d": (nn.BatchNorm2d, "bn"), "BN3d": (nn.BatchNorm3d, "bn"),
    "SyncBN": (nn.SyncBatchNorm, "bn"), "GN": (nn.GroupNorm, "gn"), "LN": (nn.LayerNorm, "ln"),
    "IN": (nn.InstanceNorm2d, "in"), "IN1d": (nn.InstanceNorm1d, "in"), "IN2d": (nn.InstanceNorm2d, "in"), "IN3d": (nn.InstanceNorm3d, "in"),
}
# activation.py: the torch activations registered under their class names.
ACTIVATION_LAYERS = {n: getattr(nn, n) for n in ["ReLU", "LeakyReLU", "PReLU", "RReLU", "ReLU6", "ELU", "Sigmoid", "Tanh", "GELU", "SiLU"]}
# conv.py CONV_LAYERS.
CONV_LAYERS = {"Conv1d": nn.Conv1d, "Conv2d": nn.Conv2d, "Conv3d": nn.Conv3d, "Conv": nn.Conv2d}


def build_norm_layer(cfg, num_features, postfix=""):
    cfg_ = cfg.copy()
    layer_type = cfg_.pop("type")
    norm_layer, abbr = NORM_LAYERS[layer_type]
    name = abbr + str(postfix)
    requires_grad = cfg_.pop("requires_grad", True)
    cfg_.setdefault("eps", 1e-5)
    if layer_type != "GN":
        layer = norm_layer(num_features, **cfg_)
    else:
        assert "num_groups" in cfg_
        layer = norm_layer(num_channels=num_features, **cfg_)
    for param in layer.parameters():
        param.requires_grad = requires_grad
    return name, layer


def build_activation_layer(cfg):
    cfg_ = cfg.copy()
    return ACTIVATION_LAYERS[cfg_.pop("type")](**cfg_)


def build_conv_layer(cfg, *args, **kwargs):
    cfg_ = dict(type="Conv2d") if cfg is None else cfg.copy()
    return CONV_LAYERS[cfg_.pop("type")](*args, **kwargs, **cfg_)


class ConvModule(nn.Module):
    """conv_module.py's ConvModule without spectral norm and explicit padding layers."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias="auto",
                 conv_cfg=None, norm_cfg=None, act_cfg=dict(type="ReLU"), inplace=True, with_spectral_norm=False,
                 padding_mode="zeros", order=("conv", "norm", "act")):
        super().__init__()
        assert not with_spectral_norm and padding_mode in ["zeros", "circular"]
        self.order = order
        self.with_norm = norm_cfg is not None
        self.with_activation = act_cfg is not None
        if bias == "auto":
            bias = not self.with_norm
        self.conv = build_conv_layer(conv_cfg, in_channels, out_channels, kernel_size, stride=stride, padding=padding,
                                     dilation=dilation, groups=groups, bias=bias)
        if self.with_norm:
            norm_channels = out_channels if order.index("norm") > order.index("conv") else in_channels
            self.norm_name, norm = build_norm_layer(norm_cfg, norm_channels)
            self.add_module(self.norm_name, norm)
        if self.with_activation:
            act_cfg_ = act_cfg.copy()
            if act_cfg_["type"] not in ["Tanh", "PReLU", "Sigmoid", "HSigmoid", "Swish", "GELU"]:
                act_cfg_.setdefault("inplace", inplace)
            self.activate = build_activation_layer(act_cfg_)

    @property
    def norm(self):
        return getattr(self, self.norm_name)

    def forward(self, x, activate=True, norm=True):
        for layer in self.order:
            if layer == "conv":
                x = self.conv(x)
            elif layer == "norm" and norm and self.with_norm:
                x = self.norm(x)
            elif layer == "act" and activate and self.with_activation:
                x = self.activate(x)
        return x
