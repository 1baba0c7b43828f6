// The legacy tensor types as constructors (`torch.FloatTensor(64, 1)`, `Tensor(np_array)`), as
// PyTorch-GAN's scripts write `Tensor = torch.cuda.FloatTensor if cuda else torch.FloatTensor`.
// `torch.cuda.X` is the same value as `torch.X`: the device is not modelled, and the two paths of
// that line then join into one type. `x.type(Tensor)` casts to the type's dtype (Interpreter).
import { Dim } from '../shape/dim';
import type { DType } from '../ops/dtype';
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import { BuiltinObj, obj, refOf } from './objects';
import { intOf } from './pyvalues';

/** torch/__init__.py's legacy tensor types and the dtypes they hold. */
const LEGACY: Record<string, DType> = {
  FloatTensor: 'float32', DoubleTensor: 'float64', HalfTensor: 'float16', BFloat16Tensor: 'bfloat16',
  ByteTensor: 'uint8', CharTensor: 'int8', ShortTensor: 'int16', IntTensor: 'int32', LongTensor: 'int64', BoolTensor: 'bool',
};

/** A legacy type: a constructor whose dtype `x.type(T)` reads. */
export class LegacyTensorType extends BuiltinObj {
  constructor(name: string, readonly dtype: DType) {
    super(`torch.${name}`, ({ args, kwargs }, site, host) => {
      if (Object.keys(kwargs).some((k) => k !== 'device')) return UNKNOWN;
      // `FloatTensor(64, 1)`: uninitialised, of these sizes; `FloatTensor()`: empty.
      if (args.length === 0) return { kind: 'tensor', shape: [Dim.of(0)], dtype };
      const sizes = args.map((a) => (a.kind === 'int' ? a.dim : undefined));
      if (sizes.every((d) => d !== undefined)) return { kind: 'tensor', shape: sizes as Dim[], dtype };
      // `FloatTensor(data)`: a copy of a sequence, array or tensor, as torch.tensor makes it, in this dtype.
      if (args.length !== 1 || intOf(args[0]) !== undefined) return UNKNOWN;
      const made = host.callOp('torch.tensor', { args: [args[0]], kwargs: { dtype: { kind: 'dtype', dtype } } }, site);
      return made.kind === 'tensor' ? made : UNKNOWN;
    });
  }
}

const types = new Map<string, Value>();

/** `torch.FloatTensor` / `torch.cuda.FloatTensor`: one value for both. */
export function legacyTensorType(path: string, name: string): Value | undefined {
  if ((path !== 'torch' && path !== 'torch.cuda') || !(name in LEGACY)) return undefined;
  let t = types.get(name);
  if (!t) types.set(name, (t = obj(new LegacyTensorType(name, LEGACY[name]))));
  return t;
}

/** The dtype a legacy type names, when `v` is one (`x.type(torch.FloatTensor)`). */
export function legacyTypeDtype(v: Value | undefined): DType | undefined {
  return v ? refOf(v, LegacyTensorType)?.dtype : undefined;
}
