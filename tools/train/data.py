"""Tokenized parallel data and token-count batches for training and evaluation."""

import pathlib
import random

import sentencepiece as spm
import torch

# Label positions with this value are ignored by the loss (the convention of modeling.label_smoothed_loss).
IGNORE_INDEX = -100


def read_lines(path):
    return pathlib.Path(path).read_text(encoding="utf-8").splitlines()


def load_split(data_dir, split):
    """Return (English lines, French lines) of one split. Both files must have the same line count."""
    english = read_lines(pathlib.Path(data_dir) / f"{split}.en")
    french = read_lines(pathlib.Path(data_dir) / f"{split}.fr")
    if len(english) != len(french):
        raise ValueError(f"{split}.en has {len(english)} lines but {split}.fr has {len(french)}")
    return english, french


class Tokenizer:
    """SentencePiece model in the opus-mt id layout, appending </s> to every sequence as Marian does.

    The SentencePiece model has no pad piece. <pad> is the id after the last piece, as in the
    tokenizer.json that tools/marian/tokenizer_json.py writes.
    """

    def __init__(self, model_path):
        self.processor = spm.SentencePieceProcessor(model_file=str(model_path))
        self.eos_id = self.processor.eos_id()
        self.pad_id = self.processor.get_piece_size()
        self.vocab_size = self.pad_id + 1

    def encode(self, texts):
        return [ids + [self.eos_id] for ids in self.processor.encode(texts)]

    def decode(self, ids):
        """Turn one id sequence into text, skipping ids after the first </s> and the pad id."""
        kept = []
        for token in ids:
            if token == self.eos_id:
                break
            if token != self.pad_id:
                kept.append(token)
        return self.processor.decode(kept)


def encode_pairs(tokenizer, english, french, max_tokens_per_side):
    """Return (source ids, target ids) pairs, dropping pairs with a side longer than the limit."""
    pairs = []
    for source, target in zip(tokenizer.encode(english), tokenizer.encode(french)):
        if len(source) <= max_tokens_per_side and len(target) <= max_tokens_per_side:
            pairs.append((source, target))
    return pairs


def make_batches(pairs, max_batch_tokens, shuffle_seed=None):
    """Group pair indices into batches whose padded size (rows x longest side) stays within max_batch_tokens.

    Pairs are sorted by length so each batch contains similar lengths. With a seed, the order of equal
    lengths and the order of the batches are shuffled.
    """
    order = list(range(len(pairs)))
    if shuffle_seed is not None:
        random.Random(shuffle_seed).shuffle(order)
    order.sort(key=lambda i: (len(pairs[i][1]), len(pairs[i][0])))

    batches = []
    current = []
    longest = 0
    for index in order:
        length = max(len(pairs[index][0]), len(pairs[index][1]))
        if current and max(longest, length) * (len(current) + 1) > max_batch_tokens:
            batches.append(current)
            current = []
            longest = 0
        current.append(index)
        longest = max(longest, length)
    if current:
        batches.append(current)

    if shuffle_seed is not None:
        random.Random(shuffle_seed + 1).shuffle(batches)
    return batches


def collate(pairs, indices, pad_id):
    """Return (input_ids [b, s], attention_mask [b, s], labels [b, t]) for the given pair indices."""
    sources = [pairs[i][0] for i in indices]
    targets = [pairs[i][1] for i in indices]
    source_length = max(len(s) for s in sources)
    target_length = max(len(t) for t in targets)

    input_ids = torch.full((len(indices), source_length), pad_id, dtype=torch.long)
    attention_mask = torch.zeros((len(indices), source_length), dtype=torch.long)
    labels = torch.full((len(indices), target_length), IGNORE_INDEX, dtype=torch.long)
    for row, (source, target) in enumerate(zip(sources, targets)):
        input_ids[row, : len(source)] = torch.tensor(source)
        attention_mask[row, : len(source)] = 1
        labels[row, : len(target)] = torch.tensor(target)
    return input_ids, attention_mask, labels
