// The same layer's weights as Keras / TensorFlow.js store them, for hovers: people moving between
// the two ask why `nn.Linear(2000, 4800).weight` is [4800, 2000] while the Keras kernel is
// (2000, 4800), or why a Conv2D kernel is (5, 5, 10, 5). Checked against @tensorflow/tfjs-layers.
import type { Dim } from '../shape/dim';
import type { Shape } from '../shape/shape';
import { constIntArg } from './args';
import type { ModuleInstance } from './apply';

export interface KerasLayout {
  /** The Keras layer (`Dense`, `Conv2D`, `LSTM`...). */
  readonly layer: string;
  /** Weights in Keras' order with its names (`kernel`, `recurrent_kernel`, `gamma`...). */
  readonly weights: readonly { readonly name: string; readonly shape: Shape }[];
  /** What differs, in a sentence. */
  readonly note: string;
}

export function kerasLayout(m: ModuleInstance): KerasLayout | undefined {
  const name = m.op.names[0].replace(/^torch\.nn\./, '');
  const p = (n: string): Shape | undefined => m.params.find((x) => x.name === n)?.shape ?? m.buffers.find((x) => x.name === n)?.shape;
  const weight = p('weight');
  const bias = p('bias');
  const withBias = (kernel: { name: string; shape: Shape }[]): { name: string; shape: Shape }[] => (bias ? [...kernel, { name: 'bias', shape: bias }] : kernel);
  try {
    if (name === 'Linear' && weight) {
      return { layer: 'Dense', weights: withBias([{ name: 'kernel', shape: [weight[1], weight[0]] }]), note: 'Keras keeps the kernel as (in, out) and computes x @ kernel; PyTorch keeps weight as [out, in] and computes x @ weight.T.' };
    }
    const conv = /^Conv([123])d$/.exec(name);
    if (conv && weight && constIntArg(m.args.groups) === 1) {
      const [out, inp, ...k] = weight;
      return { layer: `Conv${conv[1]}D`, weights: withBias([{ name: 'kernel', shape: [...k, inp, out] }]), note: `Keras is channels-last: the kernel is (${k.map(() => 'k').join(', ')}, in, out); PyTorch's weight is [out, in, ${k.map(() => 'k').join(', ')}].` };
    }
    const transposed = /^ConvTranspose([23])d$/.exec(name);
    if (transposed && weight && constIntArg(m.args.groups) === 1) {
      const [inp, out, ...k] = weight;
      return { layer: `Conv${transposed[1]}DTranspose`, weights: withBias([{ name: 'kernel', shape: [...k, out, inp] }]), note: "Keras' transposed-conv kernel is (k..., out, in); PyTorch's weight is [in, out, k...]." };
    }
    if (name === 'Embedding' && weight) return { layer: 'Embedding', weights: [{ name: 'embeddings', shape: weight }], note: 'The same table: [num_embeddings, embedding_dim].' };
    if (/^BatchNorm[123]d$/.test(name) && p('running_mean')) {
      const ws = [...(weight ? [{ name: 'gamma', shape: weight }] : []), ...(bias ? [{ name: 'beta', shape: bias }] : []),
        { name: 'moving_mean', shape: p('running_mean')! }, { name: 'moving_variance', shape: p('running_var')! }];
      return { layer: 'BatchNormalization', weights: ws, note: 'gamma/beta are weight/bias; Keras normalises the last axis (channels-last), PyTorch dimension 1.' };
    }
    if (name === 'LayerNorm' && weight && bias) return { layer: 'LayerNormalization', weights: [{ name: 'gamma', shape: weight }, { name: 'beta', shape: bias }], note: 'gamma/beta are weight/bias.' };
    const rnn = { LSTM: ['LSTM', 'gates i, f, c, o (PyTorch: i, f, g, o)'], GRU: ['GRU', 'gates z, r, h (PyTorch: r, z, n), and TF.js applies the reset gate before the matmul'], RNN: ['SimpleRNN', 'one gate'] }[name];
    // One layer, one direction, no projection: the only form a single Keras layer matches.
    const single = m.params.every((x) => /_l0$/.test(x.name) && !x.name.startsWith('weight_hr'));
    if (rnn && single && p('weight_ih_l0') && p('weight_hh_l0')) {
      const ih = p('weight_ih_l0')!;
      const hh = p('weight_hh_l0')!;
      const b = p('bias_ih_l0');
      const ws: { name: string; shape: Dim[] }[] = [{ name: 'kernel', shape: [ih[1], ih[0]] }, { name: 'recurrent_kernel', shape: [hh[1], hh[0]] }];
      if (b) ws.push({ name: 'bias', shape: [...b] });
      return { layer: rnn[0], weights: ws, note: `Keras stores kernels transposed, (in, gates*units), with one bias instead of PyTorch's bias_ih + bias_hh; ${rnn[1]}.` };
    }
  } catch {
    return undefined;
  }
  return undefined;
}
