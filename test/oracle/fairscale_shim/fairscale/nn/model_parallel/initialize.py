# fairscale/nn/model_parallel/initialize.py's queries on one process (lines 223-250 at 146f160).
def initialize_model_parallel(*args, **kwargs):
    return None


def get_model_parallel_world_size():
    return 1


def get_data_parallel_world_size():
    return 1


def get_model_parallel_rank():
    return 0


def get_data_parallel_rank():
    return 0


def get_model_parallel_src_rank():
    return 0
