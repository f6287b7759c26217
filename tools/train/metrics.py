"""Corpus chrF and BLEU with sacreBLEU 2.x default settings, for tracking during training.

chrF: character n-grams of order 1-6, whitespace removed, beta 2, no word n-grams. Precision and
recall are averaged over the orders where both sides have n-grams, then combined into F-beta.
BLEU: 13a tokenization, n-grams of order 1-4, one reference, corpus brevity penalty,
'exp' smoothing for orders with no match. Both return scores on a 0-100 scale.
"""

import collections
import math
import re

CHRF_ORDER = 6
CHRF_BETA = 2
BLEU_ORDER = 4


def char_ngrams(text, n):
    return collections.Counter(text[i : i + n] for i in range(len(text) - n + 1))


def chrf_statistics(hypothesis, reference):
    """Return [hyp count, ref count, match count] for each order 1..6, flattened."""
    hypothesis = "".join(hypothesis.split())
    reference = "".join(reference.split())
    statistics = []
    for n in range(1, CHRF_ORDER + 1):
        hyp = char_ngrams(hypothesis, n)
        ref = char_ngrams(reference, n)
        statistics += [sum(hyp.values()), sum(ref.values()), sum((hyp & ref).values())]
    return statistics


def chrf_from_statistics(statistics):
    precision_sum = 0.0
    recall_sum = 0.0
    effective_order = 0
    for i in range(CHRF_ORDER):
        hyp_count, ref_count, match_count = statistics[3 * i : 3 * i + 3]
        if hyp_count > 0 and ref_count > 0:
            precision_sum += match_count / hyp_count
            recall_sum += match_count / ref_count
            effective_order += 1
    if effective_order == 0:
        return 0.0

    precision = precision_sum / effective_order
    recall = recall_sum / effective_order
    if precision + recall == 0:
        return 0.0
    factor = CHRF_BETA**2
    return 100 * (1 + factor) * precision * recall / (factor * precision + recall)


def corpus_chrf(hypotheses, references):
    if len(hypotheses) != len(references):
        raise ValueError(f"got {len(hypotheses)} hypotheses but {len(references)} references")
    totals = [0] * (3 * CHRF_ORDER)
    for hypothesis, reference in zip(hypotheses, references):
        for i, value in enumerate(chrf_statistics(hypothesis, reference)):
            totals[i] += value
    return chrf_from_statistics(totals)


# mteval-v13a tokenization as sacreBLEU applies it: punctuation and symbols become separate
# tokens, except that periods and commas stay inside numbers, and a dash after a digit splits off.
_13A_RULES = [
    (re.compile(r"([\{-\~\[-\` -\&\(-\+\:-\@\/])"), r" \1 "),
    (re.compile(r"([^0-9])([\.,])"), r"\1 \2 "),
    (re.compile(r"([\.,])([^0-9])"), r" \1 \2"),
    (re.compile(r"([0-9])(-)"), r"\1 \2 "),
]


def tokenize_13a(line):
    line = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ")
    if "&" in line:
        line = line.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    line = f" {line} "
    for pattern, replacement in _13A_RULES:
        line = pattern.sub(replacement, line)
    return line.split()


def word_ngrams(tokens, n):
    return collections.Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def corpus_bleu(hypotheses, references):
    if len(hypotheses) != len(references):
        raise ValueError(f"got {len(hypotheses)} hypotheses but {len(references)} references")
    matches = [0] * BLEU_ORDER
    totals = [0] * BLEU_ORDER
    hyp_length = 0
    ref_length = 0
    for hypothesis, reference in zip(hypotheses, references):
        hyp_tokens = tokenize_13a(hypothesis)
        ref_tokens = tokenize_13a(reference)
        hyp_length += len(hyp_tokens)
        ref_length += len(ref_tokens)
        for n in range(1, BLEU_ORDER + 1):
            hyp = word_ngrams(hyp_tokens, n)
            matches[n - 1] += sum((hyp & word_ngrams(ref_tokens, n)).values())
            totals[n - 1] += max(0, len(hyp_tokens) - n + 1)

    if hyp_length == 0:
        return 0.0
    log_precision_sum = 0.0
    smoothing_denominator = 1.0
    for match_count, total in zip(matches, totals):
        if total == 0:
            return 0.0
        if match_count == 0:
            # 'exp' smoothing: each order with no match counts as 1 / 2^k of its total, k = 1, 2, ...
            smoothing_denominator *= 2
            log_precision_sum += math.log(1 / (smoothing_denominator * total))
        else:
            log_precision_sum += math.log(match_count / total)
    brevity_penalty = 1.0 if hyp_length > ref_length else math.exp(1 - ref_length / hyp_length)
    return 100 * brevity_penalty * math.exp(log_precision_sum / BLEU_ORDER)
