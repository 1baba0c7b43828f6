# detectron2's layer wrappers for the oracle: detectron2 is not installable here. Only what the
# fixtures import, written after facebookresearch/detectron2 at d0d538a (detectron2/layers/wrappers.py
# Conv2d; detectron2/layers/batch_norm.py get_norm).
