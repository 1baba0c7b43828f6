// Every op declaration, by qualified name (`torch.nn.Conv2d`, `torch.cat`, `torch.Tensor.view`).
import type { OpDecl } from './op';
import { convOps } from './conv';
import { einopsOps } from './einops';
import { kerasOps } from './keras';
import { fluxOps } from './flux';
import { layersOps } from './layers';
import { mathOps } from './math';
import { poolOps } from './pool';
import { recurrentOps } from './recurrent';
import { reshapeOps } from './reshape';
import { tfjsOps } from './tfjs';
import { inplaceOps } from './math/inplace';

const DECLARED: readonly OpDecl[] = [...convOps, ...poolOps, ...layersOps, ...recurrentOps, ...reshapeOps, ...mathOps, ...einopsOps, ...kerasOps, ...fluxOps, ...tfjsOps];

const byName = new Map<string, OpDecl>();
const add = (op: OpDecl): void => {
  for (const name of op.names) {
    if (byName.has(name)) throw new Error(`op ${name} is declared twice`);
    byName.set(name, op);
  }
};
DECLARED.forEach(add);
// `x.add_(y)` and friends: derived from the out-of-place declarations.
const INPLACE = inplaceOps((name) => byName.get(name));
INPLACE.forEach(add);

export const ALL_OPS: readonly OpDecl[] = [...DECLARED, ...INPLACE];

export function lookupOp(name: string): OpDecl | undefined {
  return byName.get(name);
}

export function allOpNames(): string[] {
  return [...byName.keys()].sort();
}
