# mmcv's layer bricks for the oracle: mmcv (OpenMMLab) is not installable here. Only what the
# fixtures import, written after open-mmlab/mmcv at 838fcad (mmcv/cnn/bricks/norm.py,
# activation.py, conv.py, wrappers.py, conv_module.py; mmcv/runner/base_module.py).
