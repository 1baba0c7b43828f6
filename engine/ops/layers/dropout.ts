// Dropout modules and functions: [*] -> [*]. Only the probability and, for the channel-wise
// variants, the input rank are checked.
import { identityLowering } from '../common/onnx';
import type { Value } from '../../value';
import { boolArg, floatArg, tensorArg } from '../args';
import { defineFunction, defineModule, fail, type OpContext, type OpDecl } from '../op';
import { elementwise, sameAs } from './common';

/** Python's str() of a float argument: `2.0` stays `2.0`, an int stays `2`. */
export function pyNumber(v: Value): string {
  const x = floatArg(v);
  return v.kind === 'float' && Number.isInteger(x) ? x.toFixed(1) : String(x);
}

function checkP(p: Value): void {
  // A probability whose value is not known (an untaken `if self.drop_rate > 0:` path's): its range
  // cannot be checked, and the shape never depends on it.
  if ((p.kind === 'float' && p.unknown) || (p.kind === 'int' && p.dim.value === undefined)) return;
  const x = floatArg(p);
  if (x < 0 || x > 1) fail('dropout-p', 'ValueError', `dropout probability has to be between 0 and 1, but got ${pyNumber(p)}`);
}

type Kind = 'plain' | '1d' | 'feature' | '3d';

function dropoutRule(kind: Kind, input: Value, training: boolean) {
  if (kind === 'plain') return elementwise(input); // any rank, even an unknown one
  const x = tensorArg(input);
  const r = x.shape.length;
  if (kind === '1d' && r !== 2 && r !== 3) {
    fail('dropout1d-rank', 'RuntimeError', `dropout1d: Expected 2D or 3D input, but received a ${r}D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).`);
  }
  // feature_dropout needs [N, C, ...]; dropout3d adds the batch dim itself when it is missing.
  if (kind === 'feature' && training && r < 2) fail('feature-dropout-rank', 'RuntimeError', 'Feature dropout requires at least 2 dimensions in the input');
  return sameAs(x);
}

const VARIANTS: readonly [string, string, Kind, boolean][] = [
  ['Dropout', 'dropout', 'plain', true],
  ['Dropout1d', 'dropout1d', '1d', true],
  ['Dropout2d', 'dropout2d', 'feature', true],
  ['Dropout3d', 'dropout3d', '3d', true],
  ['AlphaDropout', 'alpha_dropout', 'plain', false],
  ['FeatureAlphaDropout', 'feature_alpha_dropout', 'feature', false],
];

export const dropoutOps: readonly OpDecl[] = VARIANTS.flatMap(([module, fn, kind, trainingDefault]) => [
  defineModule({
    names: [`torch.nn.${module}`],
    init: 'p=0.5, inplace=False',
    forward: 'input',
    check: (self) => checkP(self.p),
    unknownRankOk: kind === 'plain',
    params: () => [],
    // Previews run in eval mode: dropout is the identity.
    onnx: (g, call) => (call.training ? g.noKernel('dropout in training mode') : identityLowering(g, call)),
    rule: (_self, { input }, ctx: OpContext) => dropoutRule(kind, input, ctx.training),
  }),
  defineFunction({
    names: [`torch.nn.functional.${fn}`],
    signature: `input, p=0.5, training=${trainingDefault ? 'True' : 'False'}, inplace=False`,
    unknownRankOk: kind === 'plain',
    // F.dropout defaults to training=True even in eval mode; a preview keeps the identity.
    onnx: identityLowering,
    rule(args) {
      checkP(args.p);
      return dropoutRule(kind, args.input, boolArg(args.training));
    },
  }),
]);
