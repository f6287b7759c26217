#!/usr/bin/python3
"""Train the English-French demo Marian model on the DDTP corpus until a wall-clock deadline.

The loop saves a checkpoint every --checkpoint-minutes and at the deadline, logs dev loss and a
greedy dev chrF every --eval-minutes, and at the end writes the best of the last checkpoint and the
average of the last few checkpoints (by dev loss) to <out>/final with modeling.save_pretrained.
Rerun with the same --out to resume from <out>/last.pt.
"""

import argparse
import datetime
import math
import pathlib
import random
import sys
import time

import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "marian"))
import modeling  # noqa: E402  (tools/marian/modeling.py)

import data  # noqa: E402
import decoding  # noqa: E402
import metrics  # noqa: E402

# Debian's python3-torch 1.13 calls the generic libblas.so.3. With OpenBLAS behind it a 1024 x 1024
# float matmul took 23-52 ms on a shared 2-core machine. The reference BLAS is many times slower.
MATMUL_LIMIT_SECONDS = 0.1


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=".cache/ddtp", help="folder with train/dev .en/.fr files")
    parser.add_argument("--spm", default=".cache/ddtp/spm/spm.model", help="SentencePiece model")
    parser.add_argument("--out", default=".cache/ddtp/run", help="folder for checkpoints and the final model")
    parser.add_argument("--deadline", required=True, help="UTC time to stop training, e.g. 2026-12-04T22:25")
    parser.add_argument("--d-model", type=int, default=256)
    parser.add_argument("--layers", type=int, default=3, help="encoder layers and decoder layers (each)")
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--ffn", type=int, default=768, help="feed-forward inner size")
    parser.add_argument("--dropout", type=float, default=0.0, help="dropout rate (the demo run, about 3 passes over the data, used 0)")
    parser.add_argument("--max-positions", type=int, default=256, help="maximum sequence length in tokens, </s> included")
    parser.add_argument("--batch-tokens", type=int, default=1500, help="padded tokens per batch (rows x longest side)")
    parser.add_argument("--lr", type=float, default=8e-4, help="peak learning rate, reached after --warmup steps")
    parser.add_argument("--warmup", type=int, default=250, help="linear warm-up steps before inverse-sqrt decay")
    parser.add_argument("--label-smoothing", type=float, default=0.1)
    parser.add_argument("--eval-minutes", type=float, default=20.0, help="minutes between dev evaluations")
    parser.add_argument("--checkpoint-minutes", type=float, default=10.0, help="minutes between checkpoints")
    parser.add_argument("--average", type=int, default=4, help="number of last checkpoints to average at the end")
    parser.add_argument("--dev-chrf-sentences", type=int, default=100, help="dev sentences decoded greedily at each evaluation")
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args()

    try:
        deadline = datetime.datetime.fromisoformat(args.deadline).replace(tzinfo=datetime.timezone.utc)
    except ValueError:
        parser.error(f"--deadline {args.deadline!r} is not an ISO time; use a form like 2026-12-04T22:25")
    args.deadline_timestamp = deadline.timestamp()
    if args.deadline_timestamp <= time.time():
        parser.error(f"--deadline {args.deadline} UTC has already passed; give a later time")
    if args.d_model % args.heads != 0:
        parser.error(f"--d-model {args.d_model} is not divisible by --heads {args.heads}")
    return args


def log(message):
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%H:%M:%S")
    print(f"[{stamp}] {message}", flush=True)


def check_matmul_speed():
    """Stop with a message when torch's matrix product is too slow to train in time."""
    a = torch.randn(1024, 1024)
    a @ a
    start = time.perf_counter()
    for _ in range(5):
        a @ a
    seconds = (time.perf_counter() - start) / 5
    log(f"1024x1024 matmul: {seconds * 1000:.1f} ms")
    if seconds > MATMUL_LIMIT_SECONDS:
        sys.exit(
            f"a 1024x1024 matmul took {seconds * 1000:.0f} ms (limit {MATMUL_LIMIT_SECONDS * 1000:.0f} ms): "
            "torch is using the reference BLAS. Install OpenBLAS with `apt-get install libopenblas0-pthread` and rerun."
        )


def learning_rate(step, peak, warmup):
    """Linear warm-up to `peak` over `warmup` steps, then decay with 1 / sqrt(step)."""
    step = max(step, 1)
    return peak * min(step / warmup, math.sqrt(warmup / step))


def build_model(args, tokenizer):
    config = modeling.MarianConfig(
        vocab_size=tokenizer.vocab_size,
        d_model=args.d_model,
        encoder_layers=args.layers,
        decoder_layers=args.layers,
        encoder_attention_heads=args.heads,
        decoder_attention_heads=args.heads,
        encoder_ffn_dim=args.ffn,
        decoder_ffn_dim=args.ffn,
        max_position_embeddings=args.max_positions,
        pad_token_id=tokenizer.pad_id,
        eos_token_id=tokenizer.eos_id,
        bos_token_id=tokenizer.eos_id,
        decoder_start_token_id=tokenizer.pad_id,
        forced_eos_token_id=tokenizer.eos_id,
        dropout=args.dropout,
        max_length=args.max_positions,
    )
    return modeling.MarianMTModel(config)


@torch.no_grad()
def dev_loss(model, pairs, batches):
    """Return the mean cross-entropy per target token over the dev set, without label smoothing."""
    model.eval()
    total_loss = 0.0
    total_tokens = 0
    config = model.config
    for indices in batches:
        input_ids, attention_mask, labels = data.collate(pairs, indices, config.pad_token_id)
        decoder_input_ids = modeling.shift_tokens_right(labels, config.pad_token_id, config.decoder_start_token_id)
        logits = model(input_ids, attention_mask, decoder_input_ids).logits  # [b, t, V]
        tokens = int((labels != data.IGNORE_INDEX).sum())
        total_loss += float(modeling.label_smoothed_loss(logits, labels, 0.0)) * tokens
        total_tokens += tokens
    model.train()
    return total_loss / total_tokens


def dev_chrf(model, tokenizer, english, french, max_new_tokens):
    model.eval()
    hypotheses = decoding.translate(model, tokenizer, english, 1, max_new_tokens)
    model.train()
    return metrics.corpus_chrf(hypotheses, french), hypotheses


def save_checkpoint(out, model, optimizer, position, keep):
    """Write the weights of this step and last.pt (weights, optimizer, position), keeping the newest `keep` weight files."""
    step = position["step"]
    torch.save(model.state_dict(), out / f"weights-{step:06d}.pt")
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), **position}, out / "last.pt.tmp")
    (out / "last.pt.tmp").replace(out / "last.pt")
    for old in sorted(out.glob("weights-*.pt"))[:-keep]:
        old.unlink()


def average_state_dicts(paths):
    average = None
    for path in paths:
        state = torch.load(path, map_location="cpu")
        if average is None:
            average = {k: v.clone().double() if v.is_floating_point() else v.clone() for k, v in state.items()}
            continue
        for key, value in state.items():
            if value.is_floating_point():
                average[key] += value.double()
    return {k: (v / len(paths)).float() if v.is_floating_point() else v for k, v in average.items()}


def main():
    args = parse_args()
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(2)
    check_matmul_speed()

    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tokenizer = data.Tokenizer(args.spm)
    train_pairs = data.encode_pairs(tokenizer, *data.load_split(args.data, "train"), args.max_positions)
    dev_english, dev_french = data.load_split(args.data, "dev")
    dev_pairs = data.encode_pairs(tokenizer, dev_english, dev_french, args.max_positions)
    dev_batches = data.make_batches(dev_pairs, 4 * args.batch_tokens)
    target_tokens_per_epoch = sum(len(t) for _, t in train_pairs)
    log(f"train pairs {len(train_pairs)}, target tokens per epoch {target_tokens_per_epoch}, dev pairs {len(dev_pairs)}")

    model = build_model(args, tokenizer)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    log(f"trainable parameters {trainable} ({trainable / 1e6:.2f}M)")
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.98), eps=1e-9)

    step = 0
    epoch = 0
    batch_in_epoch = 0
    if (out / "last.pt").exists():
        state = torch.load(out / "last.pt", map_location="cpu")
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        step, epoch, batch_in_epoch = state["step"], state["epoch"], state["batch_in_epoch"]
        log(f"resumed from {out / 'last.pt'} at step {step}, epoch {epoch}, batch {batch_in_epoch}")

    config = model.config
    max_new_tokens = args.max_positions - 1
    dev_sample = args.dev_chrf_sentences
    model.train()
    started = time.time()
    last_eval = last_checkpoint = started
    tokens_seen = 0
    step_seconds = 0.0
    stop = False

    while not stop:
        batches = data.make_batches(train_pairs, args.batch_tokens, shuffle_seed=args.seed + epoch)
        # On resume, skip the batches of the current epoch that were already trained on.
        # NOTE: the skip counts batches, so resuming with another --batch-tokens skips a different share of the data.
        skip = batch_in_epoch
        for batch_index, indices in enumerate(batches[skip:], start=skip):
            step_started = time.time()
            # Stop when one more step would likely end past the deadline.
            if step_started + step_seconds > args.deadline_timestamp:
                stop = True
                break

            input_ids, attention_mask, labels = data.collate(train_pairs, indices, config.pad_token_id)
            decoder_input_ids = modeling.shift_tokens_right(labels, config.pad_token_id, config.decoder_start_token_id)
            for group in optimizer.param_groups:
                group["lr"] = learning_rate(step + 1, args.lr, args.warmup)
            logits = model(input_ids, attention_mask, decoder_input_ids).logits  # [b, t, V]
            loss = modeling.label_smoothed_loss(logits, labels, args.label_smoothing)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            step += 1

            batch_tokens = int((labels != data.IGNORE_INDEX).sum())
            tokens_seen += batch_tokens
            now = time.time()
            batch_in_epoch = batch_index + 1
            # Moving average of the step time, used to stop before the deadline.
            step_seconds = now - step_started if step_seconds == 0.0 else 0.9 * step_seconds + 0.1 * (now - step_started)
            if step % 50 == 0 or step == 20:
                rate = tokens_seen / (now - started)
                remaining = args.deadline_timestamp - now
                projected = (tokens_seen + rate * remaining) / target_tokens_per_epoch
                log(
                    f"step {step} epoch {epoch} batch {batch_index + 1}/{len(batches)} loss {float(loss):.3f} "
                    f"lr {optimizer.param_groups[0]['lr']:.2e} {rate:.0f} target tokens/s, "
                    f"projected {projected:.2f} epochs by the deadline"
                )

            if now - last_checkpoint >= args.checkpoint_minutes * 60:
                position = {"step": step, "epoch": epoch, "batch_in_epoch": batch_in_epoch}
                save_checkpoint(out, model, optimizer, position, args.average)
                last_checkpoint = now
                log(f"saved checkpoint at step {step}")
            # An evaluation takes about half a minute, so none starts in the last two minutes.
            if now - last_eval >= args.eval_minutes * 60 and args.deadline_timestamp - now > 120:
                loss_value = dev_loss(model, dev_pairs, dev_batches)
                chrf, hypotheses = dev_chrf(model, tokenizer, dev_english[:dev_sample], dev_french[:dev_sample], max_new_tokens)
                log(f"dev step {step}: loss {loss_value:.3f}, greedy chrF {chrf:.2f} on {dev_sample} sentences")
                log(f"  sample: {dev_english[0]!r} -> {hypotheses[0]!r}")
                last_eval = time.time()
        else:
            epoch += 1
            batch_in_epoch = 0
            log(f"finished epoch {epoch} at step {step}")

    save_checkpoint(out, model, optimizer, {"step": step, "epoch": epoch, "batch_in_epoch": batch_in_epoch}, args.average)
    log(f"deadline reached: stopped at step {step}, epoch {epoch}, after {(time.time() - started) / 60:.1f} minutes")
    finish(out, model, dev_pairs, dev_batches, args.average)


def finish(out, model, dev_pairs, dev_batches, average_count):
    """Save the last weights or the average of the last checkpoints, whichever has the lower dev loss."""
    last_loss = dev_loss(model, dev_pairs, dev_batches)
    log(f"dev loss of the last weights: {last_loss:.4f}")
    chosen = "last weights"
    paths = sorted(out.glob("weights-*.pt"))[-average_count:]
    if len(paths) > 1:
        last_state = {k: v.clone() for k, v in model.state_dict().items()}
        model.load_state_dict(average_state_dicts(paths))
        average_loss = dev_loss(model, dev_pairs, dev_batches)
        log(f"dev loss of the average of {len(paths)} checkpoints ({', '.join(p.name for p in paths)}): {average_loss:.4f}")
        if average_loss < last_loss:
            chosen = f"average of {len(paths)} checkpoints"
        else:
            model.load_state_dict(last_state)
    model.eval()
    modeling.save_pretrained(model, str(out / "final"))
    (out / "final" / "chosen.txt").write_text(chosen + "\n", encoding="utf-8")
    log(f"wrote {out / 'final'} from the {chosen}")


if __name__ == "__main__":
    main()
