"""Marian encoder-decoder in plain PyTorch, with Hugging Face `MarianMTModel` module names.

The module tree matches transformers' `MarianMTModel`, so a state dict saved here uses the same keys
and ONNX node names look like those of a real export (`/model/encoder/layers.0/self_attn/Softmax`).
Post-norm layers, sinusoidal positions (sin in the first half of the columns, cos in the second),
embeddings scaled by sqrt(d_model), `lm_head` tied to `model.shared` plus a `final_logits_bias` buffer.

Tensor shapes (b = batch, s = source length, t = target length, p = cached target length,
h = heads, d = d_model, hd = d / h, V = vocab_size):

    input_ids, attention_mask           [b, s] int64, mask 1 = token, 0 = padding
    encoder last_hidden_state           [b, s, d]
    decoder_input_ids                   [b, t]
    logits                              [b, t, V]
    past/present key-value per layer    (self_k, self_v, cross_k, cross_v)
        self_k, self_v                  [b, h, p + t, hd]
        cross_k, cross_v                [b, h, s, hd]   (computed once from the encoder output)
    attention probabilities per layer   [b, h, t, p + t] (decoder self), [b, h, t, s] (cross),
                                        [b, h, s, s] (encoder self)

Inside `MarianAttention` the probabilities are computed as [b*h, t, src] by `bmm` and `softmax`,
so the ONNX export contains one MatMul -> Add -> Softmax -> MatMul chain per attention block.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
from dataclasses import dataclass, field
from typing import Optional

import torch
import torch.nn.functional as F
from torch import nn

# Per layer: (self_k, self_v, cross_k, cross_v), each [b, h, seq, hd].
LayerCache = tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]
KVCache = tuple[LayerCache, ...]


@dataclass
class MarianConfig:
    """Model hyperparameters, with the field names of transformers' `MarianConfig`.

    Defaults are the opus-mt transformer size (d_model 512, 6 + 6 layers, 8 heads, FFN 2048).
    """

    vocab_size: int = 58101
    d_model: int = 512
    encoder_layers: int = 6
    decoder_layers: int = 6
    encoder_attention_heads: int = 8
    decoder_attention_heads: int = 8
    encoder_ffn_dim: int = 2048
    decoder_ffn_dim: int = 2048
    max_position_embeddings: int = 512
    pad_token_id: int = 58100
    eos_token_id: int = 0
    bos_token_id: int = 0
    decoder_start_token_id: int = 58100
    forced_eos_token_id: int = 0
    activation_function: str = "swish"
    scale_embedding: bool = True
    dropout: float = 0.1
    attention_dropout: float = 0.0
    activation_dropout: float = 0.0
    init_std: float = 0.02
    share_encoder_decoder_embeddings: bool = True
    tie_word_embeddings: bool = True
    is_encoder_decoder: bool = True
    use_cache: bool = True
    # Generation defaults that opus-mt config.json files also carry.
    num_beams: int = 4
    max_length: int = 512
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.d_model % self.encoder_attention_heads != 0:
            raise ValueError(
                f"d_model {self.d_model} is not divisible by encoder_attention_heads "
                f"{self.encoder_attention_heads}; pick a head count that divides it"
            )
        if self.d_model % self.decoder_attention_heads != 0:
            raise ValueError(
                f"d_model {self.d_model} is not divisible by decoder_attention_heads "
                f"{self.decoder_attention_heads}; pick a head count that divides it"
            )
        if self.activation_function not in ACTIVATIONS:
            raise ValueError(
                f"activation_function {self.activation_function!r} is not supported; "
                f"use one of {sorted(ACTIVATIONS)}"
            )
        if not 0 <= self.pad_token_id < self.vocab_size:
            raise ValueError(f"pad_token_id {self.pad_token_id} is outside the vocabulary of {self.vocab_size}")

    def to_hf_config_json(self) -> str:
        """Serialize as the `config.json` that transformers writes for a MarianMTModel."""
        values = {k: v for k, v in dataclasses.asdict(self).items() if k != "extra"}
        values.update(
            {
                "model_type": "marian",
                "architectures": ["MarianMTModel"],
                "decoder_vocab_size": self.vocab_size,
                "static_position_embeddings": True,
                "normalize_embedding": False,
                "normalize_before": False,
                "add_bias_logits": False,
                "add_final_layer_norm": False,
                "encoder_layerdrop": 0.0,
                "decoder_layerdrop": 0.0,
                "num_hidden_layers": self.encoder_layers,
                "classifier_dropout": 0.0,
                "bad_words_ids": [[self.pad_token_id]],
                "torch_dtype": "float32",
            }
        )
        values.update(self.extra)
        return json.dumps(dict(sorted(values.items())), indent=2) + "\n"

    @classmethod
    def from_dict(cls, values: dict) -> "MarianConfig":
        """Build a config from a parsed config.json. Unknown keys go to `extra`, which is written back."""
        names = {f.name for f in dataclasses.fields(cls)} - {"extra"}
        derived = {
            "model_type", "architectures", "decoder_vocab_size", "static_position_embeddings",
            "normalize_embedding", "normalize_before", "add_bias_logits", "add_final_layer_norm",
            "encoder_layerdrop", "decoder_layerdrop", "num_hidden_layers", "classifier_dropout",
            "bad_words_ids", "torch_dtype",
        }
        known = {k: v for k, v in values.items() if k in names}
        extra = {k: v for k, v in values.items() if k not in names and k not in derived}
        return cls(**known, extra=extra)


# ---------------------------------------------------------------------------------------------
# Building blocks


class SwishActivation(nn.Module):
    """SiLU written as x * sigmoid(x), so the ONNX export shows Sigmoid + Mul as in HF exports."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * torch.sigmoid(x)


ACTIVATIONS = {
    "swish": SwishActivation,
    "silu": SwishActivation,
    "gelu": nn.GELU,
    "relu": nn.ReLU,
}


class MarianSinusoidalPositionalEmbedding(nn.Embedding):
    """Fixed sinusoidal position table [max_positions, d], stored as a frozen embedding weight.

    Column k < ceil(d/2) contains sin(pos / 10000^(2k/d)), and column ceil(d/2) + k contains the cos
    of the same angle.
    """

    def __init__(self, num_positions: int, embedding_dim: int) -> None:
        super().__init__(num_positions, embedding_dim)
        self.weight.requires_grad = False
        self.reset_sinusoids()

    @torch.no_grad()
    def reset_sinusoids(self) -> None:
        num_positions, dim = self.weight.shape
        sin_columns = (dim + 1) // 2
        cos_columns = dim // 2
        positions = torch.arange(num_positions, dtype=torch.float64)[:, None]
        exponents = 2.0 * torch.arange(sin_columns, dtype=torch.float64) / dim
        angles = positions / torch.pow(10000.0, exponents)[None, :]  # [positions, sin_columns]
        table = torch.empty(num_positions, dim, dtype=torch.float64)
        table[:, :sin_columns] = torch.sin(angles)
        table[:, sin_columns:] = torch.cos(angles[:, :cos_columns])
        self.weight.copy_(table.to(self.weight.dtype))

    def forward(self, sequence_length, past_length=0) -> torch.Tensor:  # type: ignore[override]
        """Return position vectors [seq, d] for positions past_length .. past_length + seq - 1."""
        positions = torch.arange(past_length, past_length + sequence_length, dtype=torch.long, device=self.weight.device)
        return super().forward(positions)


def expand_padding_mask(attention_mask: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """Turn a [b, src] 1/0 mask into an additive mask [b, 1, 1, src]: 0 for tokens, dtype min for padding."""
    inverted = 1.0 - attention_mask[:, None, None, :].to(dtype)
    return inverted * torch.finfo(dtype).min


def causal_mask(target_length, past_length, dtype: torch.dtype, device: torch.device) -> torch.Tensor:
    """Additive mask [1, 1, t, p + t] that hides keys after each query's absolute position."""
    query_positions = torch.arange(past_length, past_length + target_length, device=device)  # [t]
    key_positions = torch.arange(past_length + target_length, device=device)  # [p + t]
    future = key_positions[None, :] > query_positions[:, None]  # [t, p + t]
    return (future.to(dtype) * torch.finfo(dtype).min)[None, None, :, :]


class MarianAttention(nn.Module):
    """Multi-head attention in the classic HF Marian/BART form (bmm on [b*h, t, hd])."""

    def __init__(self, embed_dim: int, num_heads: int, dropout: float, is_cross_attention: bool) -> None:
        super().__init__()
        self.embed_dim = embed_dim
        self.num_heads = num_heads
        self.head_dim = embed_dim // num_heads
        self.scaling = self.head_dim ** -0.5
        self.dropout = dropout
        self.is_cross_attention = is_cross_attention
        self.k_proj = nn.Linear(embed_dim, embed_dim)
        self.v_proj = nn.Linear(embed_dim, embed_dim)
        self.q_proj = nn.Linear(embed_dim, embed_dim)
        self.out_proj = nn.Linear(embed_dim, embed_dim)

    def _split_heads(self, x: torch.Tensor, batch: int) -> torch.Tensor:
        # [b, seq, d] -> [b, h, seq, hd]
        return x.view(batch, -1, self.num_heads, self.head_dim).transpose(1, 2).contiguous()

    def forward(
        self,
        hidden_states: torch.Tensor,  # [b, t, d]
        key_value_states: Optional[torch.Tensor] = None,  # [b, s, d], cross-attention only
        past_key_value: Optional[tuple[torch.Tensor, torch.Tensor]] = None,  # 2 x [b, h, p, hd]
        attention_mask: Optional[torch.Tensor] = None,  # additive, broadcastable to [b, h, t, src]
    ) -> tuple[torch.Tensor, torch.Tensor, tuple[torch.Tensor, torch.Tensor]]:
        """Return (output [b, t, d], probabilities [b, h, t, src], present (k, v) 2 x [b, h, src, hd])."""
        batch, target_length, _ = hidden_states.size()
        query = self.q_proj(hidden_states) * self.scaling

        if self.is_cross_attention and past_key_value is not None:
            # The encoder output does not change between steps, so its keys and values are reused.
            key, value = past_key_value
        elif self.is_cross_attention:
            key = self._split_heads(self.k_proj(key_value_states), batch)
            value = self._split_heads(self.v_proj(key_value_states), batch)
        elif past_key_value is not None:
            key = torch.cat([past_key_value[0], self._split_heads(self.k_proj(hidden_states), batch)], dim=2)
            value = torch.cat([past_key_value[1], self._split_heads(self.v_proj(hidden_states), batch)], dim=2)
        else:
            key = self._split_heads(self.k_proj(hidden_states), batch)
            value = self._split_heads(self.v_proj(hidden_states), batch)
        present = (key, value)

        flat_shape = (batch * self.num_heads, -1, self.head_dim)
        query = self._split_heads(query, batch).view(*flat_shape)  # [b*h, t, hd]
        key = key.reshape(*flat_shape)  # [b*h, src, hd]
        value = value.reshape(*flat_shape)  # [b*h, src, hd]
        source_length = key.size(1)

        scores = torch.bmm(query, key.transpose(1, 2))  # [b*h, t, src]
        if attention_mask is not None:
            scores = scores.view(batch, self.num_heads, target_length, source_length) + attention_mask
            scores = scores.view(batch * self.num_heads, target_length, source_length)
        probabilities = F.softmax(scores, dim=-1)  # [b*h, t, src]
        returned_probabilities = probabilities.view(batch, self.num_heads, target_length, source_length)

        dropped = F.dropout(probabilities, p=self.dropout, training=self.training)
        output = torch.bmm(dropped, value)  # [b*h, t, hd]
        output = output.view(batch, self.num_heads, target_length, self.head_dim).transpose(1, 2)
        output = output.reshape(batch, target_length, self.embed_dim)
        return self.out_proj(output), returned_probabilities, present


class MarianEncoderLayer(nn.Module):
    """Post-norm encoder layer: x = LN(x + SelfAttn(x)); x = LN(x + FFN(x))."""

    def __init__(self, config: MarianConfig) -> None:
        super().__init__()
        d = config.d_model
        self.self_attn = MarianAttention(d, config.encoder_attention_heads, config.attention_dropout, False)
        self.self_attn_layer_norm = nn.LayerNorm(d)
        self.dropout = config.dropout
        self.activation_fn = ACTIVATIONS[config.activation_function]()
        self.activation_dropout = config.activation_dropout
        self.fc1 = nn.Linear(d, config.encoder_ffn_dim)
        self.fc2 = nn.Linear(config.encoder_ffn_dim, d)
        self.final_layer_norm = nn.LayerNorm(d)

    def forward(self, hidden_states: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Return (hidden [b, s, d], self-attention probabilities [b, h, s, s])."""
        residual = hidden_states
        hidden_states, probabilities, _ = self.self_attn(hidden_states, attention_mask=attention_mask)
        hidden_states = F.dropout(hidden_states, p=self.dropout, training=self.training)
        hidden_states = self.self_attn_layer_norm(residual + hidden_states)

        residual = hidden_states
        hidden_states = self.activation_fn(self.fc1(hidden_states))
        hidden_states = F.dropout(hidden_states, p=self.activation_dropout, training=self.training)
        hidden_states = self.fc2(hidden_states)
        hidden_states = F.dropout(hidden_states, p=self.dropout, training=self.training)
        hidden_states = self.final_layer_norm(residual + hidden_states)
        return hidden_states, probabilities


class MarianDecoderLayer(nn.Module):
    """Post-norm decoder layer: causal self-attention, cross-attention, feed-forward."""

    def __init__(self, config: MarianConfig) -> None:
        super().__init__()
        d = config.d_model
        heads = config.decoder_attention_heads
        self.self_attn = MarianAttention(d, heads, config.attention_dropout, False)
        self.dropout = config.dropout
        self.activation_fn = ACTIVATIONS[config.activation_function]()
        self.activation_dropout = config.activation_dropout
        self.self_attn_layer_norm = nn.LayerNorm(d)
        self.encoder_attn = MarianAttention(d, heads, config.attention_dropout, True)
        self.encoder_attn_layer_norm = nn.LayerNorm(d)
        self.fc1 = nn.Linear(d, config.decoder_ffn_dim)
        self.fc2 = nn.Linear(config.decoder_ffn_dim, d)
        self.final_layer_norm = nn.LayerNorm(d)

    def forward(
        self,
        hidden_states: torch.Tensor,  # [b, t, d]
        self_attention_mask: torch.Tensor,  # [1, 1, t, p + t]
        encoder_hidden_states: Optional[torch.Tensor],  # [b, s, d], unused when the cache has cross K/V
        encoder_attention_mask: torch.Tensor,  # [b, 1, 1, s]
        past_key_value: Optional[LayerCache] = None,
    ) -> tuple[torch.Tensor, LayerCache, torch.Tensor, torch.Tensor]:
        """Return (hidden [b, t, d], present cache, self probabilities, cross probabilities)."""
        past_self = past_key_value[:2] if past_key_value is not None else None
        past_cross = past_key_value[2:] if past_key_value is not None else None

        residual = hidden_states
        hidden_states, self_probabilities, present_self = self.self_attn(
            hidden_states, past_key_value=past_self, attention_mask=self_attention_mask
        )
        hidden_states = F.dropout(hidden_states, p=self.dropout, training=self.training)
        hidden_states = self.self_attn_layer_norm(residual + hidden_states)

        residual = hidden_states
        hidden_states, cross_probabilities, present_cross = self.encoder_attn(
            hidden_states,
            key_value_states=encoder_hidden_states,
            past_key_value=past_cross,
            attention_mask=encoder_attention_mask,
        )
        hidden_states = F.dropout(hidden_states, p=self.dropout, training=self.training)
        hidden_states = self.encoder_attn_layer_norm(residual + hidden_states)

        residual = hidden_states
        hidden_states = self.activation_fn(self.fc1(hidden_states))
        hidden_states = F.dropout(hidden_states, p=self.activation_dropout, training=self.training)
        hidden_states = self.fc2(hidden_states)
        hidden_states = F.dropout(hidden_states, p=self.dropout, training=self.training)
        hidden_states = self.final_layer_norm(residual + hidden_states)

        present = (present_self[0], present_self[1], present_cross[0], present_cross[1])
        return hidden_states, present, self_probabilities, cross_probabilities


# ---------------------------------------------------------------------------------------------
# Encoder, decoder, full model


class MarianEncoder(nn.Module):
    def __init__(self, config: MarianConfig, embed_tokens: nn.Embedding) -> None:
        super().__init__()
        self.dropout = config.dropout
        self.embed_scale = math.sqrt(config.d_model) if config.scale_embedding else 1.0
        self.embed_tokens = embed_tokens
        self.embed_positions = MarianSinusoidalPositionalEmbedding(config.max_position_embeddings, config.d_model)
        self.layers = nn.ModuleList([MarianEncoderLayer(config) for _ in range(config.encoder_layers)])

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor
    ) -> tuple[torch.Tensor, list[torch.Tensor]]:
        """Return (last_hidden_state [b, s, d], self-attention probabilities per layer [b, h, s, s])."""
        hidden_states = self.embed_tokens(input_ids) * self.embed_scale
        hidden_states = hidden_states + self.embed_positions(input_ids.shape[1])
        hidden_states = F.dropout(hidden_states, p=self.dropout, training=self.training)
        additive_mask = expand_padding_mask(attention_mask, hidden_states.dtype)

        attentions = []
        for layer in self.layers:
            hidden_states, probabilities = layer(hidden_states, additive_mask)
            attentions.append(probabilities)
        return hidden_states, attentions


class MarianDecoder(nn.Module):
    def __init__(self, config: MarianConfig, embed_tokens: nn.Embedding) -> None:
        super().__init__()
        self.dropout = config.dropout
        self.embed_scale = math.sqrt(config.d_model) if config.scale_embedding else 1.0
        self.embed_tokens = embed_tokens
        self.embed_positions = MarianSinusoidalPositionalEmbedding(config.max_position_embeddings, config.d_model)
        self.layers = nn.ModuleList([MarianDecoderLayer(config) for _ in range(config.decoder_layers)])

    def forward(
        self,
        input_ids: torch.Tensor,  # [b, t]
        encoder_hidden_states: Optional[torch.Tensor],  # [b, s, d]
        encoder_attention_mask: torch.Tensor,  # [b, s]
        past_key_values: Optional[KVCache] = None,
    ) -> tuple[torch.Tensor, KVCache, list[torch.Tensor], list[torch.Tensor]]:
        """Return (hidden [b, t, d], present cache, self probabilities, cross probabilities per layer).

        With `past_key_values`, positions start at the cached length p and the cross-attention
        keys/values come from the cache, so `encoder_hidden_states` may be None.
        """
        past_length = past_key_values[0][0].shape[2] if past_key_values is not None else 0
        target_length = input_ids.shape[1]

        hidden_states = self.embed_tokens(input_ids) * self.embed_scale
        hidden_states = hidden_states + self.embed_positions(target_length, past_length)
        hidden_states = F.dropout(hidden_states, p=self.dropout, training=self.training)
        self_mask = causal_mask(target_length, past_length, hidden_states.dtype, hidden_states.device)
        cross_mask = expand_padding_mask(encoder_attention_mask, hidden_states.dtype)

        presents = []
        self_attentions = []
        cross_attentions = []
        for index, layer in enumerate(self.layers):
            past = past_key_values[index] if past_key_values is not None else None
            hidden_states, present, self_probabilities, cross_probabilities = layer(
                hidden_states, self_mask, encoder_hidden_states, cross_mask, past
            )
            presents.append(present)
            self_attentions.append(self_probabilities)
            cross_attentions.append(cross_probabilities)
        return hidden_states, tuple(presents), self_attentions, cross_attentions


class MarianModel(nn.Module):
    def __init__(self, config: MarianConfig) -> None:
        super().__init__()
        self.shared = nn.Embedding(config.vocab_size, config.d_model, padding_idx=config.pad_token_id)
        self.encoder = MarianEncoder(config, self.shared)
        self.decoder = MarianDecoder(config, self.shared)

    def forward(
        self,
        decoder_input_ids: torch.Tensor,
        encoder_hidden_states: Optional[torch.Tensor],
        encoder_attention_mask: torch.Tensor,
        past_key_values: Optional[KVCache] = None,
    ) -> tuple[torch.Tensor, KVCache, list[torch.Tensor], list[torch.Tensor]]:
        """Run the decoder only; see `MarianDecoder.forward`.

        Going through this module (not `self.decoder` directly) puts the `model` scope into traced
        node names, so decoder nodes are named `/model/decoder/layers.N/...` as in HF exports.
        """
        return self.decoder(decoder_input_ids, encoder_hidden_states, encoder_attention_mask, past_key_values)


@dataclass
class Seq2SeqOutput:
    logits: torch.Tensor  # [b, t, V]
    past_key_values: KVCache
    encoder_last_hidden_state: torch.Tensor  # [b, s, d], as computed or as passed in
    encoder_attentions: list[torch.Tensor]  # per layer [b, h, s, s], empty when the encoder did not run
    decoder_attentions: list[torch.Tensor]  # per layer [b, h, t, p + t]
    cross_attentions: list[torch.Tensor]  # per layer [b, h, t, s]


class MarianMTModel(nn.Module):
    """Marian translation model: `model` (shared embeddings, encoder, decoder) + tied `lm_head`."""

    def __init__(self, config: MarianConfig) -> None:
        super().__init__()
        self.config = config
        self.model = MarianModel(config)
        self.lm_head = nn.Linear(config.d_model, config.vocab_size, bias=False)
        self.lm_head.weight = self.model.shared.weight
        self.register_buffer("final_logits_bias", torch.zeros(1, config.vocab_size))
        self.init_weights()

    @torch.no_grad()
    def init_weights(self) -> None:
        """Draw linear and embedding weights from N(0, init_std), and zero the biases and the padding row."""
        std = self.config.init_std
        for module in self.modules():
            if isinstance(module, MarianSinusoidalPositionalEmbedding):
                module.reset_sinusoids()
            elif module is self.lm_head:
                continue  # tied to model.shared, which the Embedding branch initializes
            elif isinstance(module, nn.Linear):
                module.weight.normal_(0.0, std)
                if module.bias is not None:
                    module.bias.zero_()
            elif isinstance(module, nn.Embedding):
                module.weight.normal_(0.0, std)
                if module.padding_idx is not None:
                    module.weight[module.padding_idx].zero_()
            elif isinstance(module, nn.LayerNorm):
                module.weight.fill_(1.0)
                module.bias.zero_()

    def encode(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor]]:
        """Return (last_hidden_state [b, s, d], encoder self-attention probabilities per layer)."""
        return self.model.encoder(input_ids, attention_mask)

    def decode(
        self,
        decoder_input_ids: torch.Tensor,  # [b, t]
        encoder_hidden_states: Optional[torch.Tensor],  # [b, s, d]
        encoder_attention_mask: torch.Tensor,  # [b, s]
        past_key_values: Optional[KVCache] = None,
    ) -> tuple[torch.Tensor, KVCache, list[torch.Tensor], list[torch.Tensor]]:
        """Return (logits [b, t, V], present cache, decoder self and cross probabilities per layer)."""
        hidden_states, presents, self_attentions, cross_attentions = self.model(
            decoder_input_ids, encoder_hidden_states, encoder_attention_mask, past_key_values
        )
        logits = self.lm_head(hidden_states) + self.final_logits_bias
        return logits, presents, self_attentions, cross_attentions

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor,
        decoder_input_ids: torch.Tensor,
        past_key_values: Optional[KVCache] = None,
        encoder_hidden_states: Optional[torch.Tensor] = None,
    ) -> Seq2SeqOutput:
        """Run the encoder (skipped when `encoder_hidden_states` is given), then the decoder."""
        encoder_attentions: list[torch.Tensor] = []
        if encoder_hidden_states is None:
            encoder_hidden_states, encoder_attentions = self.encode(input_ids, attention_mask)
        logits, presents, self_attentions, cross_attentions = self.decode(
            decoder_input_ids, encoder_hidden_states, attention_mask, past_key_values
        )
        return Seq2SeqOutput(
            logits=logits,
            past_key_values=presents,
            encoder_last_hidden_state=encoder_hidden_states,
            encoder_attentions=encoder_attentions,
            decoder_attentions=self_attentions,
            cross_attentions=cross_attentions,
        )

    @torch.no_grad()
    def greedy_generate(
        self,
        src_ids: torch.Tensor,  # [b, s]
        max_new_tokens: int,
        attention_mask: Optional[torch.Tensor] = None,  # [b, s], all ones when None
        suppress_pad: bool = True,
        force_eos_at_limit: bool = True,
    ) -> torch.Tensor:
        """Decode greedily with the KV cache. Return ids [b, 1 + n] that start with decoder_start_token_id.

        Each row stops after eos; finished rows are filled with pad_token_id until every row is done
        or `max_new_tokens` tokens were produced. With `suppress_pad` the pad token is never chosen,
        which is what opus-mt's `bad_words_ids: [[pad]]` does in transformers. With
        `force_eos_at_limit` the last allowed token is forced to `forced_eos_token_id`, as
        transformers' ForcedEOSTokenLogitsProcessor does when max_length = 1 + max_new_tokens.
        """
        if max_new_tokens < 1:
            raise ValueError(f"max_new_tokens must be at least 1, got {max_new_tokens}")
        config = self.config
        if attention_mask is None:
            attention_mask = torch.ones_like(src_ids)
        batch = src_ids.shape[0]

        encoder_hidden_states, _ = self.encode(src_ids, attention_mask)
        sequences = torch.full((batch, 1), config.decoder_start_token_id, dtype=torch.long, device=src_ids.device)
        finished = torch.zeros(batch, dtype=torch.bool, device=src_ids.device)
        cache: Optional[KVCache] = None
        next_input = sequences

        for step in range(max_new_tokens):
            logits, cache, _, _ = self.decode(next_input, encoder_hidden_states, attention_mask, cache)
            step_logits = logits[:, -1, :]  # [b, V]
            if suppress_pad:
                step_logits = step_logits.clone()
                step_logits[:, config.pad_token_id] = float("-inf")
            if force_eos_at_limit and step == max_new_tokens - 1:
                step_logits = torch.full_like(step_logits, float("-inf"))
                step_logits[:, config.forced_eos_token_id] = 0.0
            next_tokens = step_logits.argmax(dim=-1)  # [b]
            next_tokens = torch.where(finished, torch.full_like(next_tokens, config.pad_token_id), next_tokens)
            sequences = torch.cat([sequences, next_tokens[:, None]], dim=1)
            finished = finished | (next_tokens == config.eos_token_id)
            if bool(finished.all()):
                break
            next_input = next_tokens[:, None]
        return sequences


# ---------------------------------------------------------------------------------------------
# Training helpers and checkpoints


def shift_tokens_right(labels: torch.Tensor, pad_token_id: int, decoder_start_token_id: int) -> torch.Tensor:
    """Build decoder inputs [b, t] from labels [b, t]: prepend the start token, drop the last label.

    Label positions set to -100 (ignored by the loss) become pad_token_id.
    """
    shifted = labels.new_empty(labels.shape)
    shifted[:, 1:] = labels[:, :-1]
    shifted[:, 0] = decoder_start_token_id
    return shifted.masked_fill(shifted == -100, pad_token_id)


def label_smoothed_loss(
    logits: torch.Tensor,  # [b, t, V]
    labels: torch.Tensor,  # [b, t], -100 = ignored position
    epsilon: float = 0.1,
) -> torch.Tensor:
    """Mean over non-ignored tokens of (1 - eps) * NLL + eps * mean over the vocabulary of -log p."""
    log_probs = F.log_softmax(logits.float(), dim=-1)  # [b, t, V]
    valid = labels != -100
    safe_labels = labels.masked_fill(~valid, 0)
    nll = -log_probs.gather(-1, safe_labels[..., None]).squeeze(-1)  # [b, t]
    uniform = -log_probs.mean(dim=-1)  # [b, t]
    per_token = (1.0 - epsilon) * nll + epsilon * uniform
    count = valid.sum().clamp(min=1)
    return (per_token * valid).sum() / count


def save_pretrained(model: MarianMTModel, directory: str) -> None:
    """Write `config.json` and `pytorch_model.bin` (a state dict with transformers' key names)."""
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "config.json"), "w", encoding="utf-8") as handle:
        handle.write(model.config.to_hf_config_json())
    torch.save(model.state_dict(), os.path.join(directory, "pytorch_model.bin"))


def load_pretrained(directory: str) -> MarianMTModel:
    """Load a model written by `save_pretrained`; the result is in eval mode."""
    with open(os.path.join(directory, "config.json"), encoding="utf-8") as handle:
        config = MarianConfig.from_dict(json.load(handle))
    model = MarianMTModel(config)
    state = torch.load(os.path.join(directory, "pytorch_model.bin"), map_location="cpu")
    model.load_state_dict(state)
    model.eval()
    return model
