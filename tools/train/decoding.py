"""Batched greedy and beam-search translation with a MarianMTModel from tools/marian/modeling.py."""

import torch


def pad_sources(sources, pad_id):
    """Return (input_ids [b, s], attention_mask [b, s]) for a list of id lists."""
    length = max(len(s) for s in sources)
    input_ids = torch.full((len(sources), length), pad_id, dtype=torch.long)
    attention_mask = torch.zeros((len(sources), length), dtype=torch.long)
    for row, source in enumerate(sources):
        input_ids[row, : len(source)] = torch.tensor(source)
        attention_mask[row, : len(source)] = 1
    return input_ids, attention_mask


def length_limit(sources, max_new_tokens):
    """Return the number of new tokens allowed for a batch: 2 x its longest source + 10, at most max_new_tokens.

    An undertrained model can repeat itself until max_new_tokens, and one such row keeps the whole
    batch running. Only 7 of the 60,405 training references are longer than this cap.
    """
    return min(max_new_tokens, 2 * max(len(s) for s in sources) + 10)


def in_length_order(sources, batch_size):
    """Yield index lists of up to batch_size sources of similar length."""
    order = sorted(range(len(sources)), key=lambda i: len(sources[i]))
    for start in range(0, len(order), batch_size):
        yield order[start : start + batch_size]


@torch.no_grad()
def greedy_ids(model, sources, max_new_tokens, batch_size=64):
    """Return the generated ids for each source, without the start token and ending with </s>."""
    config = model.config
    results = [None] * len(sources)
    for indices in in_length_order(sources, batch_size):
        batch_sources = [sources[i] for i in indices]
        input_ids, attention_mask = pad_sources(batch_sources, config.pad_token_id)
        limit = length_limit(batch_sources, max_new_tokens)
        sequences = model.greedy_generate(input_ids, limit, attention_mask)  # [b, 1 + n]
        for row, index in enumerate(indices):
            ids = sequences[row, 1:].tolist()
            if config.eos_token_id in ids:
                ids = ids[: ids.index(config.eos_token_id) + 1]
            results[index] = ids
    return results


def reorder_cache(cache, beam_indices):
    """Select rows [b*k] of every cached tensor, as beam search keeps or duplicates hypotheses."""
    return tuple(tuple(tensor.index_select(0, beam_indices) for tensor in layer) for layer in cache)


class BeamState:
    """Finished hypotheses of one source sentence during beam search."""

    def __init__(self, num_beams, length_penalty):
        self.num_beams = num_beams
        self.length_penalty = length_penalty
        self.finished = []  # (normalized score, ids), best first
        self.done = False

    def add(self, score, ids):
        self.finished.append((score / len(ids) ** self.length_penalty, ids))
        self.finished.sort(key=lambda item: item[0], reverse=True)
        del self.finished[self.num_beams :]

    def update_done(self, best_live_score, generated_length):
        """Mark the sentence done when num_beams hypotheses are finished and the best live beam cannot beat them.

        This is the heuristic transformers uses with early_stopping=False: the best live beam is
        judged at its current length. NOTE: a live beam could still overtake the worst finished one
        later, because dividing by a longer length can raise a normalized score.
        """
        if len(self.finished) == self.num_beams:
            self.done = best_live_score / generated_length**self.length_penalty <= self.finished[-1][0]


@torch.no_grad()
def beam_ids_batch(model, sources, num_beams, max_new_tokens, length_penalty=1.0):
    """Beam search for several sources at once. Return the best hypothesis' ids for each source.

    A hypothesis that emits </s> is finished with score sum(log p) / length^length_penalty, where
    length counts the generated tokens including </s>. The pad id is never chosen, and the last
    allowed token is forced to </s>.
    """
    config = model.config
    batch = len(sources)
    input_ids, attention_mask = pad_sources(sources, config.pad_token_id)  # [b, s]
    encoder_states, _ = model.encode(input_ids, attention_mask)  # [b, s, d]
    encoder_states = encoder_states.repeat_interleave(num_beams, dim=0)  # [b*k, s, d]
    attention_mask = attention_mask.repeat_interleave(num_beams, dim=0)  # [b*k, s]

    tokens = torch.full((batch * num_beams, 1), config.decoder_start_token_id, dtype=torch.long)  # [b*k, 1]
    # Only the first beam of each source is live at step 0, so the k copies of the start token do not fill the beam.
    scores = torch.full((batch, num_beams), float("-inf"))  # [b, k]
    scores[:, 0] = 0.0
    states = [BeamState(num_beams, length_penalty) for _ in range(batch)]
    cache = None
    next_input = tokens

    for step in range(max_new_tokens):
        logits, cache, _, _ = model.decode(next_input, encoder_states, attention_mask, cache)
        log_probs = torch.log_softmax(logits[:, -1, :].float(), dim=-1)  # [b*k, V]
        log_probs[:, config.pad_token_id] = float("-inf")
        if step == max_new_tokens - 1:
            # The last allowed token is forced to </s>, as forced_eos_token_id does in transformers.
            forced = torch.full_like(log_probs, float("-inf"))
            forced[:, config.forced_eos_token_id] = log_probs[:, config.forced_eos_token_id]
            log_probs = forced
        vocab_size = log_probs.shape[1]
        candidates = (scores[:, :, None] + log_probs.view(batch, num_beams, vocab_size)).view(batch, -1)  # [b, k*V]
        top_scores, top_indices = candidates.topk(2 * num_beams, dim=1)  # [b, 2k]

        rows, new_tokens, new_scores = [], [], []
        for sentence, state in enumerate(states):
            kept = []
            for score, flat_index in zip(top_scores[sentence].tolist(), top_indices[sentence].tolist()):
                beam, token = divmod(flat_index, vocab_size)
                row = sentence * num_beams + beam
                if token == config.eos_token_id:
                    if not state.done:
                        state.add(score, tokens[row, 1:].tolist() + [token])
                    continue
                kept.append((row, token, score))
                if len(kept) == num_beams:
                    break
            if not state.done:
                state.update_done(kept[0][2], step + 1)
            for row, token, score in kept:
                rows.append(row)
                new_tokens.append(token)
                # A finished source keeps running with -inf scores, so it adds nothing.
                new_scores.append(float("-inf") if state.done else score)

        if all(state.done for state in states):
            break
        row_indices = torch.tensor(rows, dtype=torch.long)  # [b*k]
        tokens = torch.cat([tokens[row_indices], torch.tensor(new_tokens)[:, None]], dim=1)
        scores = torch.tensor(new_scores).view(batch, num_beams)
        cache = reorder_cache(cache, row_indices)
        next_input = tokens[:, -1:]

    results = []
    for sentence, state in enumerate(states):
        if state.finished:
            results.append(state.finished[0][1])
        else:
            results.append(tokens[sentence * num_beams, 1:].tolist())
    return results


def beam_ids(model, sources, num_beams, max_new_tokens, batch_size=16):
    """Run beam_ids_batch over sources of similar length and return the ids in the input order."""
    results = [None] * len(sources)
    for indices in in_length_order(sources, batch_size):
        batch_sources = [sources[i] for i in indices]
        outputs = beam_ids_batch(model, batch_sources, num_beams, length_limit(batch_sources, max_new_tokens))
        for index, ids in zip(indices, outputs):
            results[index] = ids
    return results


def translate(model, tokenizer, texts, num_beams, max_new_tokens):
    """Translate texts with greedy search (num_beams 1) or beam search, with outputs capped by length_limit."""
    sources = tokenizer.encode(texts)
    if num_beams == 1:
        outputs = greedy_ids(model, sources, max_new_tokens)
    else:
        outputs = beam_ids(model, sources, num_beams, max_new_tokens)
    return [tokenizer.decode(ids) for ids in outputs]

