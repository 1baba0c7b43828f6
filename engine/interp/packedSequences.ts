// torch.nn.utils.rnn's PackedSequence: a batch of padded sequences packed for a recurrent layer
// (`pack_padded_sequence(embedded, lengths, batch_first=True)`), run by nn.RNN/LSTM/GRU, and
// padded back (`pad_packed_sequence`). Kept as the padded batch, batch first, and its lengths:
// the recurrent layer runs on the padded batch in its own layout (its hidden state is the same
// [layers*D, B, H]), and padding back gives the longest length, known only when the lengths are.
// Sources: torch/nn/utils/rnn.py (PyTorch 1.13 and 2.x), aten/src/ATen/native/PackedSequence.cpp.
import { Dim } from '../shape/dim';
import type { Shape } from '../shape/shape';
import { NONE, UNKNOWN, type TensorValue, type Value } from '../value';
import type { Range } from './ir';
import type { Host } from './host';
import { BuiltinObj, obj, refOf, type CallArgs } from './objects';
import { tupleOf } from './pyvalues';

export class PackedSequenceObj {
  constructor(
    /** The padded batch, batch first: [B, T, *]. */
    readonly padded: TensorValue & { readonly shape: Shape },
    /** The lengths as given (a tensor or a list of ints). */
    readonly lengths: Value,
    /** enforce_sorted=False: the batch was sorted, and sorted_indices/unsorted_indices are tensors. */
    readonly sorted: boolean,
  ) {}
}

/** The lengths as numbers, when every one is known. */
function knownLengths(lengths: Value): number[] | undefined {
  if (lengths.kind === 'tensor') return lengths.values ? [...lengths.values] : undefined;
  if (lengths.kind !== 'list' && lengths.kind !== 'tuple') return undefined;
  const out: number[] = [];
  for (const v of lengths.items) {
    const n = v.kind === 'int' ? v.dim.value : undefined;
    if (n === undefined) return undefined;
    out.push(n);
  }
  return out;
}

/** How many lengths there are (the batch they describe), when known. */
function lengthCount(lengths: Value): Dim | undefined {
  if (lengths.kind === 'tensor') return lengths.shape?.length === 1 ? lengths.shape[0] : undefined;
  if ((lengths.kind === 'list' && !lengths.open) || lengths.kind === 'tuple') return Dim.of(lengths.items.length);
  return undefined;
}

const int64 = (shape: Shape): Value => ({ kind: 'tensor', shape, dtype: 'int64' });

/** `pack_padded_sequence(input, lengths, batch_first=False, enforce_sorted=True)`. */
function packPadded({ args, kwargs }: CallArgs, site: Range, host: Host): Value {
  const input = args[0] ?? kwargs.input;
  const lengths = args[1] ?? kwargs.lengths;
  const batchFirst = args[2] ?? kwargs.batch_first ?? { kind: 'bool', value: false };
  const enforceSorted = args[3] ?? kwargs.enforce_sorted ?? { kind: 'bool', value: true };
  if (input?.kind !== 'tensor' || !input.shape || !lengths || batchFirst.kind !== 'bool' || enforceSorted.kind !== 'bool') return UNKNOWN;
  if (input.shape.length < 2) return UNKNOWN;
  const padded = batchFirst.value ? input.shape : [input.shape[1], input.shape[0], ...input.shape.slice(2)];
  // A lengths input nobody passed: one length per sequence of the batch.
  host.seedIfInput(lengths, int64([padded[0]]), 'its use as the lengths of pack_padded_sequence');
  const count = lengthCount(lengths);
  // PackedSequence.cpp: TORCH_CHECK(lengths.size(0) == batch_size, "Expected `len(lengths)` to be
  // equal to batch_size, but got ", lengths.size(0), " (batch_size=", batch_size, ")").
  const fail = (code: string, message: string): never => host.raiseOpError({ code, exception: 'RuntimeError', message }, site, 'pack_padded_sequence', undefined, input);
  // (Unsorted, the batch is first index_select-ed by the sorted lengths' indices: as many as there are lengths.)
  if (!enforceSorted.value && count && !count.same(padded[0])) return UNKNOWN;
  if (count?.isKnown && padded[0].isKnown && count.value !== padded[0].value) {
    fail('pack-lengths-count', `Expected \`len(lengths)\` to be equal to batch_size, but got ${count.value} (batch_size=${padded[0].value})`);
  }
  const known = knownLengths(lengths);
  if (enforceSorted.value && known?.some((n, i) => i > 0 && n > known[i - 1])) {
    fail('pack-lengths-sorted', '`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.');
  }
  if (known?.some((n) => n <= 0)) fail('pack-lengths-positive', "Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0");
  return obj(new PackedSequenceObj({ kind: 'tensor', shape: padded, dtype: input.dtype }, lengths, !enforceSorted.value));
}

/** `pad_packed_sequence(sequence, batch_first=False, padding_value=0.0, total_length=None)`: (padded, lengths). */
function padPacked({ args, kwargs }: CallArgs, site: Range, host: Host): Value {
  const packed = refOf(args[0] ?? kwargs.sequence ?? UNKNOWN, PackedSequenceObj);
  const batchFirst = args[1] ?? kwargs.batch_first ?? { kind: 'bool', value: false };
  const total = args[3] ?? kwargs.total_length ?? NONE;
  if (!packed || batchFirst.kind !== 'bool') return UNKNOWN;
  const [batch, , ...rest] = packed.padded.shape;
  const known = knownLengths(packed.lengths);
  const longest = known && known.length > 0 ? Dim.of(Math.max(...known)) : undefined;
  let time: Dim;
  if (total.kind === 'int') {
    // "Expected total_length to be at least the length of the longest sequence in input, ..."
    if (longest && total.dim.isKnown && total.dim.value! < longest.value!) {
      host.raiseOpError({
        code: 'pad-total-length', exception: 'ValueError',
        message: `Expected total_length to be at least the length of the longest sequence in input, but got total_length=${total.dim.value} and max sequence length being ${longest.value}`,
      }, site, 'pad_packed_sequence', undefined);
    }
    time = total.dim;
  } else if (total.kind === 'none') time = longest ?? Dim.unknown();
  else return UNKNOWN;
  const out: Shape = batchFirst.value ? [batch, time, ...rest] : [time, batch, ...rest];
  return tupleOf([{ kind: 'tensor', shape: out, dtype: packed.padded.dtype }, int64([batch])]);
}

/** A PackedSequence's fields (it is a namedtuple: data, batch_sizes, sorted_indices, unsorted_indices). */
export function packedSequenceAttr(p: PackedSequenceObj, name: string): Value {
  const [batch, , ...rest] = p.padded.shape;
  const known = knownLengths(p.lengths);
  const indices = p.sorted ? int64([batch]) : NONE;
  switch (name) {
    case 'data': return { kind: 'tensor', shape: [known ? Dim.of(known.reduce((a, b) => a + b, 0)) : Dim.unknown(), ...rest], dtype: p.padded.dtype };
    case 'batch_sizes': return int64([known && known.length > 0 ? Dim.of(Math.max(...known)) : Dim.unknown()]);
    case 'sorted_indices': case 'unsorted_indices': return indices;
    default: return UNKNOWN;
  }
}

/**
 * The recurrent layer's input for a packed batch: the padded batch in the layer's layout, and
 * what to make of its output (packed again, batch first).
 */
export function packedRecurrentInput(p: PackedSequenceObj, batchFirst: boolean): { input: Value; repack: (out: Value) => Value } {
  const [b, t, ...rest] = p.padded.shape;
  const input: Value = { ...p.padded, shape: batchFirst ? p.padded.shape : [t, b, ...rest] };
  const repack = (out: Value): Value => {
    if (out.kind !== 'tensor' || !out.shape || out.shape.length !== 3) return UNKNOWN;
    const [x, y, h] = out.shape;
    return obj(new PackedSequenceObj({ kind: 'tensor', shape: batchFirst ? [x, y, h] : [y, x, h], dtype: out.dtype }, p.lengths, p.sorted));
  };
  return { input, repack };
}

/** torch.nn.utils.rnn's packing functions, by their dotted names. */
export const PACKED_SEQUENCE_FUNCTIONS: Record<string, () => Value> = {
  'torch.nn.utils.rnn.pack_padded_sequence': () => obj(new BuiltinObj('pack_padded_sequence', (a, site, host) => packPadded(a, site, host))),
  'torch.nn.utils.rnn.pad_packed_sequence': () => obj(new BuiltinObj('pad_packed_sequence', (a, site, host) => padPacked(a, site, host))),
};
