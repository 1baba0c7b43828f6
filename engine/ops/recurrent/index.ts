// The recurrent family's declarations, listed once for the registry.
import type { OpDecl } from '../op';
import { MultiheadAttention } from './attention';
import { multiHeadAttentionForward } from './mhaFunctional';
import { flexAttention } from './flexAttention';
import { scaledDotProductAttention } from './sdpa';
import { GRUCell, LSTMCell, RNNCell } from './cells';
import { GRU, LSTM, RNN } from './rnn';
import {
  Transformer, TransformerDecoder, TransformerDecoderLayer, TransformerEncoder, TransformerEncoderLayer,
} from './transformer';

export const recurrentOps: readonly OpDecl[] = [RNN, LSTM, GRU, RNNCell, LSTMCell, GRUCell, MultiheadAttention, multiHeadAttentionForward,
  TransformerEncoderLayer, TransformerDecoderLayer, TransformerEncoder, TransformerDecoder, Transformer,
  scaledDotProductAttention, flexAttention,
];
