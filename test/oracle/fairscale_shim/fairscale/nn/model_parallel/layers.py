# fairscale's model-parallel layers on one process (world size 1), for the oracle: fairscale is
# not installable here. On one process each is the torch layer it splits, with the same weights
# (facebookresearch/fairscale at 146f160, fairscale/nn/model_parallel/layers.py: weights
# [out_features / world_size, in_features] at line 262, [out_features, in_features / world_size]
# at 349, [num_embeddings, embedding_dim / world_size] at 190).
import torch.nn as nn


class ColumnParallelLinear(nn.Linear):
    def __init__(self, in_features, out_features, bias=True, gather_output=True, init_method=None, stride=1, keep_master_weight_for_test=False):
        super().__init__(in_features, out_features, bias=bias)


class RowParallelLinear(nn.Linear):
    def __init__(self, in_features, out_features, bias=True, input_is_parallel=False, init_method=None, stride=1, keep_master_weight_for_test=False):
        super().__init__(in_features, out_features, bias=bias)


class ParallelEmbedding(nn.Embedding):
    def __init__(self, num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False, init_method=None, keep_master_weight_for_test=False):
        super().__init__(num_embeddings, embedding_dim, padding_idx, max_norm, norm_type, scale_grad_by_freq, sparse)


class VocabParallelEmbedding(nn.Embedding):
    def __init__(self, num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False, init_method=None):
        super().__init__(num_embeddings, embedding_dim, padding_idx, max_norm, norm_type, scale_grad_by_freq, sparse)
