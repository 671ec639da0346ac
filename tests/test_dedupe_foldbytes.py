"""The fast folding of signature text gives byte for byte what NFC + casefold + UTF-8 give."""

from __future__ import annotations

import random

import numpy as np

from clustercrawl.dedupe.foldbytes import fold_plain, folded_utf8


def plain(texts: list[str]) -> tuple[list[int], list[int]]:
    parts = [fold_plain(t) for t in texts]
    starts = np.zeros(len(parts), dtype=np.int64)
    np.cumsum([len(p) + 1 for p in parts[:-1]], out=starts[1:])
    return list(b"\n".join(parts) + b"\n"), starts.tolist()


def fast(texts: list[str]) -> tuple[list[int], list[int]]:
    buf, starts = folded_utf8(texts)
    return buf.tolist(), starts.tolist()


def test_every_bmp_character_between_capitals_folds_as_the_definition_says() -> None:
    chars = [chr(cp) for cp in range(0x10000) if not 0xD800 <= cp < 0xE000]
    # three characters a text: each one after a capital and before a letter, then itself
    # after an "e" (combining marks and Hangul vowels compose with the character before)
    texts = [f"A{ch}b e{ch}" for ch in chars]
    for at in range(0, len(texts), 4096):
        batch = texts[at : at + 4096]
        assert fast(batch) == plain(batch)


def test_random_mixed_texts_fold_as_the_definition_says() -> None:
    pool = (list("abcXYZ019 \n-.,") + list("ÉéŁłŚśŻżÄäÖöÜüßẞİıΣσςﬁÅÇŘřČč") + [
        "\u0301", "\u0308", "\u212b", "\u1100", "\u1161", "\u11a8", "\uac00", "€", "–", "„",
        "”", "Ａ", "ａ", "Ⓐ", "Ⅻ", "\U0001f600", "\U00010400", "ǅ", "ΐ", "\u00a0", "\u0345"])
    rng = random.Random(7)
    for _ in range(40):
        texts = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 60)))
                 for _ in range(rng.randint(1, 50))]
        assert fast(texts) == plain(texts)
    # the fast path alone (no text needs the plain one), with capitals of every kind
    texts = ["".join(rng.choice("aBcÉŁßÄŘ –€Ａ ") for _ in range(80)) for _ in range(30)]
    assert fast(texts) == plain(texts)
    assert fast(["plain ascii only", ""]) == plain(["plain ascii only", ""])
