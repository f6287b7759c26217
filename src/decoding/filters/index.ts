import type { DecodingOptions } from '../options';
import { BadWordsFilter } from './bad-words';
import { ForcedTokenFilter } from './forced-token';
import type { LogitFilter } from './logit-filter';
import { MinLengthFilter } from './min-length';
import { NoRepeatNgramFilter } from './no-repeat-ngram';
import { RenormalizeFilter } from './renormalize';
import { RepetitionPenaltyFilter } from './repetition-penalty';
import { SuppressTokensFilter } from './suppress-tokens';

export type { LogitFilter } from './logit-filter';
export {
  BadWordsFilter,
  ForcedTokenFilter,
  MinLengthFilter,
  NoRepeatNgramFilter,
  RenormalizeFilter,
  RepetitionPenaltyFilter,
  SuppressTokensFilter,
};

/** Builds the filters `options` ask for, in the order transformers applies them. */
export function buildLogitFilters(options: DecodingOptions): LogitFilter[] {
  const filters: LogitFilter[] = [];
  if (options.repetitionPenalty !== 1) filters.push(new RepetitionPenaltyFilter(options.repetitionPenalty));
  if (options.noRepeatNgramSize > 0) filters.push(new NoRepeatNgramFilter(options.noRepeatNgramSize));
  if (options.badWordsIds.length > 0) filters.push(new BadWordsFilter(options.badWordsIds));
  if (options.minLength > 1) filters.push(new MinLengthFilter(options.minLength, options.eosTokenIds));

  // The decoder sequence starts with one start token, so the first generated token is chosen at length 1
  // and the last possible one at length maxNewTokens.
  if (options.forcedBosTokenId !== undefined) filters.push(new ForcedTokenFilter(options.forcedBosTokenId, 1));
  if (options.forcedEosTokenId !== undefined) filters.push(new ForcedTokenFilter(options.forcedEosTokenId, options.maxNewTokens));

  if (options.suppressTokens.length > 0) filters.push(new SuppressTokensFilter(options.suppressTokens));
  if (options.renormalizeLogits) filters.push(new RenormalizeFilter());
  return filters;
}
