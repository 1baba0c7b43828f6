// In-place tensor methods (`x.add_(y)`, `mask.fill_(0)`, `t.bernoulli_(p)`): the out-of-place op's
// rule, then ATen's in-place checks: the result must keep self's shape (broadcasting may not grow
// it) and its dtype must cast to self's. They are not lowered: a forward pass that meets one
// refuses (the executor does not replay mutations).
import type { Value } from '../../value';
import { tensor, tensorArg } from '../args';
import { dtypeCategory, type DType } from '../dtype';
import { defineFunction, fail, giveUp, requireEqual, type FunctionOp, type OpDecl } from '../op';
import { scalarTypeName } from '../pool/poolShape';

const V = 'torch.Tensor.';

/** Methods whose in-place form applies the same rule to self. */
const ELEMENTWISE = [
  'add', 'sub', 'mul', 'div', 'pow', 'remainder', 'fmod', 'floor_divide', 'true_divide', 'subtract', 'multiply', 'divide',
  'clamp', 'clip', 'masked_fill', 'abs', 'neg', 'exp', 'log', 'sqrt', 'rsqrt', 'sigmoid', 'tanh', 'relu', 'ceil', 'floor',
  'round', 'trunc', 'sin', 'cos', 'reciprocal', 'erf', 'sign', 'tril', 'triu', 'logical_not', 'nan_to_num', 'scatter',
  'scatter_add', 'atan2', 'hypot', 'lerp', 'square', 'exp2', 'expm1', 'log1p', 'log2', 'log10', 'frac', 'logit',
];

/** `torch.can_cast(from, to)`: no cast down a category (complex → float → int → bool). */
function canCast(from: DType, to: DType): boolean {
  return dtypeCategory(from) <= dtypeCategory(to) && !(to === 'bool' && from !== 'bool');
}

function inplace(base: FunctionOp, method: string): FunctionOp {
  const self = base.signature.params[0].name;
  return {
    kind: 'function',
    names: [`${V}${method}_`],
    signature: base.signature,
    rule(args, ctx) {
      const x = tensorArg(args[self]);
      const out = base.rule(args, ctx);
      if (out.kind !== 'tensor' || !out.shape) return giveUp('in-place result');
      const shown = `[${x.shape.join(', ')}]`;
      const mismatch = () => ({ code: 'inplace-broadcast', exception: 'RuntimeError', message: `output with shape ${shown} doesn't match the broadcast shape [${out.shape!.join(', ')}]` });
      if (out.shape.length !== x.shape.length) fail(mismatch().code, mismatch().exception, mismatch().message);
      out.shape.forEach((d, i) => requireEqual(ctx, d, x.shape[i], mismatch));
      if (x.dtype && out.dtype && !canCast(out.dtype, x.dtype)) {
        fail('inplace-cast', 'RuntimeError', `result type ${scalarTypeName(out.dtype)} can't be cast to the desired output type ${scalarTypeName(x.dtype)}`);
      }
      return tensor(x.shape, x.dtype);
    },
  };
}

/** Fills and random draws in place: self keeps its shape and dtype. */
function fill(method: string, signature: string, check?: (args: Readonly<Record<string, Value>>) => void): FunctionOp {
  return defineFunction({
    names: [`${V}${method}`],
    signature,
    rule(args) {
      const x = tensorArg(args.self);
      check?.(args);
      return tensor(x.shape, x.dtype);
    },
  });
}

/** The in-place forms of the methods `lookup` declares, and the in-place fills. */
export function inplaceOps(lookup: (name: string) => OpDecl | undefined): FunctionOp[] {
  const ops: FunctionOp[] = [];
  for (const name of ELEMENTWISE) {
    const base = lookup(`${V}${name}`);
    if (base && base.kind === 'function') ops.push(inplace(base, name));
  }
  ops.push(
    fill('fill_', 'self, value'),
    fill('zero_', 'self'),
    fill('bernoulli_', 'self, p=0.5, *, generator=None'),
    fill('uniform_', 'self, from_=0, to=1, *, generator=None'),
    fill('normal_', 'self, mean=0, std=1, *, generator=None'),
    fill('random_', 'self, *args, generator=None'),
    fill('exponential_', 'self, lambd=1, *, generator=None'),
    fill('log_normal_', 'self, mean=1, std=2, *, generator=None'),
    fill('cauchy_', 'self, median=0, sigma=1, *, generator=None'),
    fill('geometric_', 'self, p, *, generator=None'),
  );
  return ops;
}
