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


def in_length_order(sources, batch_size):
    """Yield index lists of up to batch_size sources of similar length."""
    order = sorted(range(len(sources)), key=lambda i: len(sources[i]))
    for start in range(0, len(order), batch_size):
        yield order[start : start + batch_size]


@torch.no_grad()
def greedy_ids(model, sources, max_new_tokens, batch_size=64):
    """Return the generated ids for each source, without the start token, ending at </s> if produced."""
    config = model.config
    results = [None] * len(sources)
    for indices in in_length_order(sources, batch_size):
        input_ids, attention_mask = pad_sources([sources[i] for i in indices], config.pad_token_id)
        sequences = model.greedy_generate(input_ids, max_new_tokens, attention_mask)  # [b, 1 + n]
        for row, index in enumerate(indices):
            ids = sequences[row, 1:].tolist()
            if config.eos_token_id in ids:
                ids = ids[: ids.index(config.eos_token_id) + 1]
            results[index] = ids
    return results


def reorder_cache(cache, beam_indices):
    """Select rows [b*k] of every cached tensor, as beam search keeps or duplicates hypotheses."""
    return tuple(tuple(tensor.index_select(0, beam_indices) for tensor in layer) for layer in cache)


@torch.no_grad()
def beam_ids_one(model, source, num_beams, max_new_tokens, length_penalty=1.0):
    """Beam search for one source. Return the best finished hypothesis' ids, ending at </s> when reached.

    A hypothesis that emits </s> is finished with score sum(log p) / length^length_penalty, where
    length counts the generated tokens including </s>. The search stops when num_beams hypotheses are
    finished and the best live beam scores no better than the worst of them, or at max_new_tokens. The pad id is never chosen.
    """
    config = model.config
    input_ids = torch.tensor([source], dtype=torch.long)  # [1, s]
    attention_mask = torch.ones_like(input_ids)
    encoder_states, _ = model.encode(input_ids, attention_mask)  # [1, s, d]
    encoder_states = encoder_states.expand(num_beams, -1, -1)  # [k, s, d]
    attention_mask = attention_mask.expand(num_beams, -1)  # [k, s]

    tokens = torch.full((num_beams, 1), config.decoder_start_token_id, dtype=torch.long)  # [k, 1]
    # Only the first beam is live at step 0, so the k copies of the start token do not fill the beam.
    scores = torch.full((num_beams,), float("-inf"))
    scores[0] = 0.0
    finished = []  # (normalized score, ids)
    cache = None
    next_input = tokens

    for step in range(max_new_tokens):
        logits, cache, _, _ = model.decode(next_input, encoder_states, attention_mask, cache)
        log_probs = torch.log_softmax(logits[:, -1, :].float(), dim=-1)  # [k, V]
        log_probs[:, config.pad_token_id] = float("-inf")
        candidates = (scores[:, None] + log_probs).view(-1)  # [k*V]
        top_scores, top_indices = candidates.topk(2 * num_beams)
        vocab_size = log_probs.shape[1]

        kept_beams, kept_tokens, kept_scores = [], [], []
        for score, flat_index in zip(top_scores.tolist(), top_indices.tolist()):
            beam, token = divmod(flat_index, vocab_size)
            if token == config.eos_token_id:
                ids = tokens[beam, 1:].tolist() + [token]
                finished.append((score / len(ids) ** length_penalty, ids))
            else:
                kept_beams.append(beam)
                kept_tokens.append(token)
                kept_scores.append(score)
            if len(kept_beams) == num_beams:
                break

        finished.sort(key=lambda item: item[0], reverse=True)
        finished = finished[:num_beams]
        if len(finished) == num_beams:
            # Heuristic stop, as in transformers with early_stopping=False: compare the best live
            # beam at its current length with the worst finished one. NOTE: a live beam could still
            # overtake it later, because dividing by a longer length can raise a normalized score.
            best_live = kept_scores[0] / (step + 1) ** length_penalty
            if best_live <= finished[-1][0]:
                break

        beam_indices = torch.tensor(kept_beams, dtype=torch.long)
        tokens = torch.cat([tokens[beam_indices], torch.tensor(kept_tokens)[:, None]], dim=1)
        scores = torch.tensor(kept_scores)
        cache = reorder_cache(cache, beam_indices)
        next_input = tokens[:, -1:]

    if finished:
        return finished[0][1]
    # No hypothesis reached </s> within max_new_tokens: return the best live one, unfinished.
    return tokens[0, 1:].tolist()


def translate(model, tokenizer, texts, num_beams, max_new_tokens):
    """Translate texts with greedy search (num_beams 1) or beam search."""
    sources = tokenizer.encode(texts)
    if num_beams == 1:
        outputs = greedy_ids(model, sources, max_new_tokens)
    else:
        outputs = [beam_ids_one(model, source, num_beams, max_new_tokens) for source in sources]
    return [tokenizer.decode(ids) for ids in outputs]

