#!/usr/bin/python3
"""Build an English-French parallel corpus from Debian's DDTP package descriptions.

Input: the bookworm main `Translation-en` and `Translation-fr` files and the amd64
`Packages` file, as left by `apt-get update` in a private lists folder (see README.md).
Entries pair by `Description-md5`. Each pair gives one short-description segment and,
when both long descriptions have the same number of paragraphs, paragraph pairs, which
are split further into list items and sentences wherever both sides give the same count.

Output, in --out: train/dev/test `.en` and `.fr` files (one segment per line) and
`counts.json`. The split is by source package, so no package's text lands in two splits,
and a segment whose English side already sits in an earlier split is dropped from the later one.
"""

import argparse
import collections
import hashlib
import json
import pathlib
import re
import subprocess
import sys
import unicodedata

DEFAULT_LISTS = ".cache/ddtp/lists"
TRANSLATION_GLOB = "*_debian_dists_bookworm_main_i18n_Translation-{lang}.lz4"
PACKAGES_GLOB = "*_debian_dists_bookworm_main_binary-amd64_Packages.lz4"

# Share of source packages per split, chosen by a hash of the source package name.
TEST_SHARE = 0.05
DEV_SHARE = 0.02

# Segment filters. Lengths are in characters.
MIN_CHARS = 2
MAX_CHARS = 400
# French training segments are 20 % longer than English in characters, so the bounds are not symmetric.
MIN_RATIO = 0.5
MAX_RATIO = 2.5
# Below this English length the ratio is too noisy to judge (names, "Tools", "Documentation").
RATIO_MIN_CHARS = 15

BULLET = re.compile(r"^\s*(?:[*+\-•o]|\d+[.)])\s+")
# A sentence ends at . ! ? or : followed by space and an upper-case letter, a digit or an opening quote.
SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[\"«(\[]?[A-Z0-9À-ÖØ-Þ])")
# Abbreviations that end with a period but rarely end a sentence in these descriptions.
ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "cf.", "ex.", "Mr.", "Dr.", "St.", "approx.", "incl.", "env.", "p.")


def read_lz4(path):
    """Decompress one .lz4 file with the `lz4` command (Debian package `lz4`) and return its text."""
    try:
        result = subprocess.run(["lz4", "-dc", str(path)], check=True, capture_output=True)
    except FileNotFoundError:
        sys.exit("lz4 command not found: install it with `apt-get install lz4`")
    return result.stdout.decode("utf-8")


def find_one(lists, pattern):
    matches = sorted(lists.glob(pattern))
    if len(matches) != 1:
        sys.exit(f"expected one file matching {pattern} in {lists}, found {len(matches)}: run the apt-get update step in tools/train/README.md")
    return matches[0]


def parse_stanzas(text):
    """Yield each Debian control stanza as a dict from field name to its raw value (continuation lines kept)."""
    for block in text.split("\n\n"):
        fields = {}
        name = None
        for line in block.split("\n"):
            if not line:
                continue
            if line[0] in " \t" and name is not None:
                fields[name] += "\n" + line
                continue
            name, _, value = line.partition(":")
            fields[name] = value.strip()
        if fields:
            yield fields


def read_translations(text, lang):
    """Map Description-md5 to (packages, short description, long description lines)."""
    entries = {}
    field = f"Description-{lang}"
    for stanza in parse_stanzas(text):
        if field not in stanza or "Description-md5" not in stanza:
            continue
        md5 = stanza["Description-md5"]
        short, _, long = stanza[field].partition("\n")
        if md5 in entries:
            entries[md5][0].add(stanza["Package"])
            continue
        entries[md5] = ({stanza["Package"]}, short, long.split("\n") if long else [])
    return entries


def read_source_packages(text):
    """Map each binary package name to its source package name."""
    sources = {}
    for stanza in parse_stanzas(text):
        package = stanza.get("Package")
        if package is None:
            continue
        # The Source field may carry a version in brackets: "gcc-12 (12.2.0-14)".
        sources[package] = stanza.get("Source", package).split(" ")[0]
    return sources


def split_paragraphs(lines):
    """Split long-description lines into paragraphs, each a list of lines with the leading space removed."""
    paragraphs = [[]]
    for line in lines:
        if line.strip() == ".":
            paragraphs.append([])
        else:
            paragraphs[-1].append(line[1:] if line.startswith(" ") else line)
    return [p for p in paragraphs if any(line.strip() for line in p)]


def split_items(paragraph):
    """Split a paragraph's lines into list items: a bulleted line starts a new item, other lines continue one."""
    items = [[]]
    for line in paragraph:
        if BULLET.match(line) and items[-1]:
            items.append([])
        items[-1].append(BULLET.sub("", line, count=1) if BULLET.match(line) else line)
    return [normalise(" ".join(item)) for item in items]


def normalise(text):
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).strip()


def split_sentences(text):
    pieces = SENTENCE_END.split(text)
    sentences = []
    for piece in pieces:
        if sentences and sentences[-1].endswith(ABBREVIATIONS):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return sentences


def align_paragraph(english, french, stats):
    """Return segment pairs for one paragraph pair, splitting as deep as both sides agree."""
    en_items = split_items(english)
    fr_items = split_items(french)
    if len(en_items) != len(fr_items):
        stats["paragraphs kept whole (item counts differ)"] += 1
        return [(normalise(" ".join(english)), normalise(" ".join(french)))]

    pairs = []
    for en_item, fr_item in zip(en_items, fr_items):
        en_sentences = split_sentences(en_item)
        fr_sentences = split_sentences(fr_item)
        if len(en_sentences) == len(fr_sentences):
            pairs.extend(zip(en_sentences, fr_sentences))
        else:
            stats["items kept whole (sentence counts differ)"] += 1
            pairs.append((en_item, fr_item))
    return pairs


def extract_pairs(english, french, sources, stats):
    """Return (source package, en, fr) segments for every description present in both languages."""
    segments = []
    for md5, (_, fr_short, fr_long) in french.items():
        if md5 not in english:
            stats["French entries with no English entry"] += 1
            continue
        packages, en_short, en_long = english[md5]
        # Several binary packages can share one description. Use the first source package by name.
        source = min(sources.get(p, p) for p in packages)
        stats["description pairs"] += 1
        segments.append((source, normalise(en_short), normalise(fr_short)))

        en_paragraphs = split_paragraphs(en_long)
        fr_paragraphs = split_paragraphs(fr_long)
        if len(en_paragraphs) != len(fr_paragraphs):
            stats["long descriptions skipped (paragraph counts differ)"] += 1
            continue
        stats["paragraph pairs"] += len(en_paragraphs)
        for en_paragraph, fr_paragraph in zip(en_paragraphs, fr_paragraphs):
            for en, fr in align_paragraph(en_paragraph, fr_paragraph, stats):
                segments.append((source, en, fr))
    return segments


def rejection_reason(en, fr):
    if len(en) < MIN_CHARS or len(fr) < MIN_CHARS:
        return "dropped: empty or too short"
    if len(en) > MAX_CHARS or len(fr) > MAX_CHARS:
        return f"dropped: longer than {MAX_CHARS} characters"
    if en == fr:
        return "dropped: French identical to English"
    if len(en) >= RATIO_MIN_CHARS and not MIN_RATIO <= len(fr) / len(en) <= MAX_RATIO:
        return "dropped: length ratio outlier"
    return None


def split_name(source):
    fraction = int(hashlib.sha256(source.encode("utf-8")).hexdigest()[:8], 16) / 0x100000000
    if fraction < TEST_SHARE:
        return "test"
    if fraction < TEST_SHARE + DEV_SHARE:
        return "dev"
    return "train"


def assign_splits(segments, stats):
    """Filter, deduplicate and split segments. Train claims an English text first, then dev, then test."""
    by_split = {"train": [], "dev": [], "test": []}
    for source, en, fr in segments:
        reason = rejection_reason(en, fr)
        if reason:
            stats[reason] += 1
            continue
        by_split[split_name(source)].append((en, fr))

    seen_pairs = set()
    seen_english = set()
    result = {}
    for name in ("train", "dev", "test"):
        kept = []
        for en, fr in by_split[name]:
            if (en, fr) in seen_pairs:
                stats["dropped: duplicate pair"] += 1
                continue
            # Train may keep several French renderings of one English text. Dev and test keep the
            # first one, and none whose English text appears in an earlier split.
            if name != "train" and en in seen_english:
                stats[f"dropped from {name}: English text already in this or an earlier split"] += 1
                continue
            seen_pairs.add((en, fr))
            if name != "train":
                seen_english.add(en)
            kept.append((en, fr))
        if name == "train":
            seen_english.update(en for en, _ in kept)
        result[name] = kept
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lists", default=DEFAULT_LISTS, help="apt lists folder containing the .lz4 files")
    parser.add_argument("--out", default=".cache/ddtp", help="output folder for the split files and counts.json")
    args = parser.parse_args()

    lists = pathlib.Path(args.lists)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    english = read_translations(read_lz4(find_one(lists, TRANSLATION_GLOB.format(lang="en"))), "en")
    french = read_translations(read_lz4(find_one(lists, TRANSLATION_GLOB.format(lang="fr"))), "fr")
    sources = read_source_packages(read_lz4(find_one(lists, PACKAGES_GLOB)))

    stats = collections.Counter()
    stats["English descriptions"] = len(english)
    stats["French descriptions"] = len(french)
    segments = extract_pairs(english, french, sources, stats)
    stats["segments before filtering"] = len(segments)

    splits = assign_splits(segments, stats)
    for name, pairs in splits.items():
        stats[f"{name} segments"] = len(pairs)
        stats[f"{name} source packages"] = len({s for s, _, _ in segments if split_name(s) == name})
        with open(out / f"{name}.en", "w", encoding="utf-8") as en_file, open(out / f"{name}.fr", "w", encoding="utf-8") as fr_file:
            for en, fr in pairs:
                en_file.write(en + "\n")
                fr_file.write(fr + "\n")

    counts = dict(sorted(stats.items()))
    (out / "counts.json").write_text(json.dumps(counts, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for key, value in counts.items():
        print(f"{value:8d}  {key}")


if __name__ == "__main__":
    main()
