// A Keras / TF.js layer's weights as PyTorch lays out the same layer, for hovers (the reverse of
// engine/ops/kerasLayout.ts): Dense's kernel (in, out) is nn.Linear's weight [out, in]; a Conv2D
// kernel (kh, kw, in, out) is nn.Conv2d's weight [out, in, kh, kw]; recurrent kernels are
// transposed and one bias becomes bias_ih + bias_hh.
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { ModuleInstance } from '../../ops/apply';

export interface Counterpart {
  readonly framework: string;
  readonly layer: string;
  readonly weights: readonly { readonly name: string; readonly shape: Shape }[];
  readonly note: string;
}

export function torchCounterpart(className: string, m: ModuleInstance): Counterpart | undefined {
  const w = (n: string): Shape | undefined => m.params.find((p) => p.name === n)?.shape ?? m.buffers.find((p) => p.name === n)?.shape;
  const kernel = w('kernel');
  const bias = w('bias');
  const withBias = (ws: { name: string; shape: Shape }[], b: Shape | undefined = bias): { name: string; shape: Shape }[] => (b ? [...ws, { name: 'bias', shape: b }] : ws);
  const conv = /^Conv([123])D$/.exec(className);
  if (className === 'Dense' && kernel && kernel.length === 2) {
    return { framework: 'PyTorch', layer: 'nn.Linear', weights: withBias([{ name: 'weight', shape: [kernel[1], kernel[0]] }]), note: 'PyTorch keeps weight as [out, in] and computes x @ weight.T; Keras keeps the kernel as (in, out).' };
  }
  if (conv && kernel) {
    const k = kernel.slice(0, -2);
    const [inp, out] = kernel.slice(-2);
    return { framework: 'PyTorch', layer: `nn.Conv${conv[1]}d`, weights: withBias([{ name: 'weight', shape: [out, inp, ...k] }]), note: 'PyTorch is channels-first: weight [out, in, k...]; TF.js kernels are (k..., in, out).' };
  }
  const transposed = /^Conv([23])DTranspose$/.exec(className);
  if (transposed && kernel) {
    const k = kernel.slice(0, -2);
    const [out, inp] = kernel.slice(-2);
    return { framework: 'PyTorch', layer: `nn.ConvTranspose${transposed[1]}d`, weights: withBias([{ name: 'weight', shape: [inp, out, ...k] }]), note: "PyTorch's transposed-conv weight is [in, out, k...]; TF.js's kernel is (k..., out, in)." };
  }
  const depthwise = w('depthwise_kernel');
  if (className === 'DepthwiseConv2D' && (depthwise ?? kernel)) {
    const [kh, kw, inp, mult] = (depthwise ?? kernel)!;
    return { framework: 'PyTorch', layer: 'nn.Conv2d(groups=in_channels)', weights: withBias([{ name: 'weight', shape: [inp.mul(mult), Dim.of(1), kh, kw] }]), note: 'A depthwise conv is nn.Conv2d with groups = in_channels: weight [in * multiplier, 1, kh, kw].' };
  }
  const embeddings = w('embeddings');
  if (className === 'Embedding' && embeddings) return { framework: 'PyTorch', layer: 'nn.Embedding', weights: [{ name: 'weight', shape: embeddings }], note: 'The same table: [num_embeddings, embedding_dim].' };
  if (className === 'BatchNormalization' && w('moving_mean')) {
    const ws = [...(w('gamma') ? [{ name: 'weight', shape: w('gamma')! }] : []), ...(w('beta') ? [{ name: 'bias', shape: w('beta')! }] : []),
      { name: 'running_mean', shape: w('moving_mean')! }, { name: 'running_var', shape: w('moving_variance')! }];
    return { framework: 'PyTorch', layer: 'nn.BatchNorm', weights: ws, note: 'weight/bias are gamma/beta; PyTorch normalises dimension 1 (channels-first), TF.js the last axis.' };
  }
  if (className === 'LayerNormalization' && w('gamma') && w('beta')) return { framework: 'PyTorch', layer: 'nn.LayerNorm', weights: [{ name: 'weight', shape: w('gamma')! }, { name: 'bias', shape: w('beta')! }], note: 'weight/bias are gamma/beta.' };
  const rnn = { LSTM: 'nn.LSTM', GRU: 'nn.GRU', SimpleRNN: 'nn.RNN' }[className];
  const recurrent = w('recurrent_kernel');
  if (rnn && kernel && recurrent) {
    const ws = [{ name: 'weight_ih_l0', shape: [kernel[1], kernel[0]] }, { name: 'weight_hh_l0', shape: [recurrent[1], recurrent[0]] }];
    if (bias) ws.push({ name: 'bias_ih_l0', shape: [bias[bias.length - 1]] }, { name: 'bias_hh_l0', shape: [bias[bias.length - 1]] });
    return { framework: 'PyTorch', layer: `${rnn}(batch_first=True)`, weights: ws, note: 'PyTorch stores kernels transposed, [gates*units, in], with two biases where TF.js has one.' };
  }
  return undefined;
}

