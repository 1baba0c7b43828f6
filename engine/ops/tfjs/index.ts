// Every TF.js op declaration (`tfjs.reshape`, `tfjs.image.resizeBilinear`, the chained-only
// `tfjs.Tensor.flatten`). A chained method `x.op(...)` is `tfjs.op(x, ...)` unless declared
// under `tfjs.Tensor.op`.
import type { OpDecl } from '../op';
import { convOps } from './conv';
import { creationOps } from './creation';
import { elementwiseOps } from './elementwise';
import { matmulOps } from './matmul';
import { nnOps } from './nn';
import { reduceOps } from './reduce';
import { reshapeOps } from './reshape';
import { slicingOps } from './slicing';

export const tfjsOps: readonly OpDecl[] = [...creationOps, ...reshapeOps, ...slicingOps, ...matmulOps, ...elementwiseOps, ...reduceOps, ...convOps, ...nnOps];
