/**
 * Token keys and axis labels shared by all views.
 *
 * A key names one token of the trace: "src:i" is source token i; "tgt:i" is the token generated at step i
 * of the best hypothesis; "tgt:-1" is the decoder start token. Every decoder matrix row i is step i, so it
 * carries "tgt:i" and is labelled with the token chosen at that step. Decoder self-attention column j is
 * the decoder input at position j, which is the start token (j = 0) or the token of step j - 1.
 */
import type { TokenInfo, Trace } from '../../src/protocol/trace';
import type { TokenLabel } from '../common/labels';
import { TraceViewError } from './errors';
import { pieceLabel } from './pieces';

export type Side = 'src' | 'tgt';

/** Key of the decoder start token. */
export const START_KEY = 'tgt:-1';

export function tokenKey(side: Side, index: number): string {
  return `${side}:${index}`;
}

/** Parses a key made by `tokenKey`; returns null for anything else. */
export function parseTokenKey(key: string | null): { readonly side: Side; readonly index: number } | null {
  const match = key === null ? null : /^(src|tgt):(-?\d+)$/.exec(key);
  if (match === null) return null;
  return { side: match[1] as Side, index: Number(match[2]) };
}

/** Labels and keys of the tokens along one axis of a matrix. */
export interface Axis {
  readonly labels: readonly TokenLabel[];
  readonly keys: readonly string[];
}

function axisOf(tokens: readonly TokenInfo[], keyOf: (index: number) => string): Axis {
  return { labels: tokens.map((token) => pieceLabel(token.piece)), keys: tokens.map((_, i) => keyOf(i)) };
}

/** Source tokens as an axis ("src:i"). */
export function sourceAxis(trace: Trace): Axis {
  return axisOf(trace.source.tokens, (i) => tokenKey('src', i));
}

/**
 * Tokens of the best hypothesis, one per decoding step ("tgt:i"). Throws TraceViewError when their number
 * differs from the decoder input length, because then matrix rows cannot be matched to steps.
 */
export function targetTokens(trace: Trace): readonly TokenInfo[] {
  const tokens = trace.hypotheses[0]?.tokens ?? [];
  if (tokens.length !== trace.final.decoderInput.length) {
    throw new TraceViewError(
      `the best hypothesis has ${tokens.length} tokens but final.decoderInput has ${trace.final.decoderInput.length}; they must be equal (start token plus all generated tokens but the last).`,
    );
  }
  return tokens;
}

/** Generated tokens as an axis ("tgt:i"), for decoder matrix rows. */
export function targetAxis(trace: Trace): Axis {
  return axisOf(targetTokens(trace), (i) => tokenKey('tgt', i));
}

/** Decoder input tokens as an axis ("tgt:-1", then "tgt:j-1"), for decoder self-attention columns. */
export function decoderInputAxis(trace: Trace): Axis {
  return axisOf(trace.final.decoderInput, (j) => (j === 0 ? START_KEY : tokenKey('tgt', j - 1)));
}
