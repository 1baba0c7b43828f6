// torch.nn.utils.rnn.pad_sequence: sequences of different lengths padded to the longest and stacked.
import { Dim } from '../../shape/dim';
import { boolArg, tensorsArg } from '../args';
import { defineFunction, fail, giveUp, requireEqual } from '../op';
import { tensor } from './helpers';

/** [3, 4] + [5, 4] -> pad_sequence(batch_first=True) -> [2, 5, 4] ([5, 2, 4] time first) */
export const padSequence = defineFunction({
  names: ['torch.nn.utils.rnn.pad_sequence'],
  signature: 'sequences, batch_first=False, padding_value=0.0',
  rule(args, ctx) {
    const ts = tensorsArg(args.sequences);
    if (ts.length === 0) fail('pad-sequence-empty', 'RuntimeError', 'received an empty list of sequences');
    const first = ts[0].shape;
    if (first.length === 0) fail('pad-sequence-zero-dim', 'IndexError', 'Dimension specified as 0 but tensor has no dimensions');
    // (Items of another rank: PyTorch's message then names sizes of a copy we do not model.)
    if (ts.some((t) => t.shape.length !== first.length)) giveUp('items of different ranks');
    ts.forEach((t) => t.shape.forEach((d, k) => {
      if (k === 0) return;
      requireEqual(ctx, first[k], d, () => ({
        code: 'pad-sequence-sizes', exception: 'RuntimeError',
        message: `The size of tensor a (${first[k]}) must match the size of tensor b (${d}) at non-singleton dimension ${k}`,
      }));
    }));
    // The longest item's length: one length when all agree, else their maximum where it is known.
    const lengths = ts.map((t) => t.shape[0]);
    const longest = lengths.every((d) => d.same(lengths[0])) ? lengths[0] : lengths.every((d) => d.isKnown) ? Dim.max(...lengths) : Dim.unknown();
    const batch = Dim.of(ts.length);
    const rest = first.slice(1);
    return tensor(boolArg(args.batch_first) ? [batch, longest, ...rest] : [longest, batch, ...rest], ts[0].dtype);
  },
});
