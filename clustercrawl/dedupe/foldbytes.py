"""UTF-8 bytes of ``unicodedata.normalize("NFC", text).casefold()`` for a batch, fast.

Why: normalising and case-folding non-ASCII text character by character in Python cost
~15 µs a post (2,000 characters), 40 % of a signature. Most text needs neither: it is NFC
already, and its capitals are ASCII or a few accented letters that fold to a letter of the
same UTF-8 length ("É" -> "é", "Ł" -> "ł", "ß" -> "ss"). Such a batch is encoded once,
its ASCII capitals lowered by ``bytes.translate`` and its non-ASCII capitals found by
their first two bytes (a 64K table) and overwritten in place; the rare 3-byte capitals
(fullwidth, circled) by ``bytes.replace`` (UTF-8 is self-synchronising: a character's
bytes only match at a character boundary). A text holding anything else (a combining mark, a
character that composes with the one before it, a fold that changes the length, a
character outside the BMP) takes the plain path; the result is byte for byte the same.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["fold_plain", "folded_utf8"]

_SAME, _CHANGED, _SLOW, _LONGER = 0, 1, 2, 3
_ASCII_LOWER = bytes(range(256)).translate(
    bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz"))


def fold_plain(text: str) -> bytes:
    """The definition: NFC, case-folded, UTF-8."""
    return unicodedata.normalize("NFC", text).casefold().encode("utf-8")


@functools.cache
def _status() -> npt.NDArray[np.uint8]:
    """Per BMP code point: folds to itself, folds to one of the same UTF-8 length, or slow.

    Slow: NFC could change it or the character before it (combining marks, the second half
    of any canonical pair, Hangul vowels and finals, singletons), its fold changes the
    length or is not stable, or it is a surrogate.
    """
    second = set()
    for cp in range(0x110000):  # the second halves of canonical pairs (~0.15 s, once)
        decomposition = unicodedata.decomposition(chr(cp))
        if decomposition and not decomposition.startswith("<"):
            parts = decomposition.split()
            if len(parts) == 2:
                second.add(int(parts[1], 16))
    status = np.full(0x10000, _SLOW, dtype=np.uint8)
    for cp in range(0x10000):
        ch = chr(cp)
        if (cp in second or 0xD800 <= cp < 0xE000 or 0x1161 <= cp <= 0x1175
                or 0x11A8 <= cp <= 0x11C2 or unicodedata.combining(ch)
                or unicodedata.normalize("NFC", ch) != ch):
            continue
        folded = ch.casefold()
        if folded == ch:
            status[cp] = _SAME
        elif (len(folded.encode("utf-8")) == len(ch.encode("utf-8"))
              and folded.casefold() == folded
              and all(unicodedata.combining(c) == 0 for c in folded)):
            status[cp] = _CHANGED
    return status


@functools.cache
def _pair_tables() -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.uint16]]:
    """:func:`_status` by the first two bytes of a character (exact for 2-byte characters;
    ``_LONGER`` for a 3- or 4-byte one, looked up by its code point), and the two bytes a
    changed 2-byte character folds to."""
    status = _status()
    pairs = np.full(0x10000, _LONGER, dtype=np.uint8)
    folded = np.zeros(0x10000, dtype=np.uint16)
    for b0 in range(0xC2, 0xE0):
        for b1 in range(0x80, 0xC0):
            cp = (b0 & 0x1F) << 6 | (b1 & 0x3F)
            pairs[b0 << 8 | b1] = status[cp]
            if status[cp] == _CHANGED:
                folded[b0 << 8 | b1] = int.from_bytes(chr(cp).casefold().encode("utf-8"), "big")
    return pairs, folded


def _fast(parts: Sequence[bytes]) -> tuple[bytes, list[int]]:
    """The joined, folded buffer of ``parts`` (UTF-8 of each text, "\\n" after each), and
    the positions of the texts that need the plain path (their bytes in it are not folded)."""
    data = b"\n".join(parts) + b"\n"
    buf = np.frombuffer(data, dtype=np.uint8)
    lead = np.flatnonzero(buf >= 0xC0)  # the first byte of each non-ASCII character
    out = bytearray(data.translate(_ASCII_LOWER))
    if lead.size == 0:
        return bytes(out), []
    pair_status, pair_folded = _pair_tables()
    pair = buf[lead].astype(np.uint16) << np.uint16(8) | buf[lead + 1]  # "\\n" ends the buffer
    status = pair_status[pair]
    two = np.flatnonzero(status == _CHANGED)
    if two.size:  # 2-byte capitals: their folded bytes written in place
        new = pair_folded[pair[two]]
        view = np.frombuffer(out, dtype=np.uint8)
        view[lead[two]] = (new >> np.uint16(8)).astype(np.uint8)
        view[lead[two] + 1] = (new & np.uint16(0xFF)).astype(np.uint8)
        del view  # a bytearray with an exported buffer cannot be resized or joined
    slow = lead[status == _SLOW]
    longer = lead[status == _LONGER]
    changed: list[int] = []
    if longer.size:  # 3-byte characters (dashes, quotes, €) and 4-byte ones (slow)
        b0 = buf[longer].astype(np.int64)
        three = b0 < 0xF0
        code = ((b0 & 0x0F) << 12 | (buf[longer + 1].astype(np.int64) & 0x3F) << 6
                | (buf[np.minimum(longer + 2, buf.size - 1)].astype(np.int64) & 0x3F))
        status3 = np.where(three, _status()[np.where(three, code, 0)], _SLOW)
        changed = np.unique(code[status3 == _CHANGED]).tolist()
        slow = np.concatenate((slow, longer[status3 == _SLOW]))
    folded = bytes(out)
    for cp in changed:  # rare: fullwidth and circled capitals
        ch = chr(cp)
        folded = folded.replace(ch.encode("utf-8"), ch.casefold().encode("utf-8"))
    bad: list[int] = []
    if slow.size:
        starts = np.zeros(len(parts), dtype=np.int64)
        np.cumsum([len(p) + 1 for p in parts[:-1]], out=starts[1:])
        bad = np.unique(np.searchsorted(starts, slow, side="right") - 1).tolist()
    return folded, bad


def folded_utf8(texts: Sequence[str]) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64]]:
    """``b"\\n".join(fold_plain(t) for t in texts) + b"\\n"`` as a uint8 array, and where
    each text starts in it."""
    parts = [t.encode("utf-8") for t in texts]
    data, bad = _fast(parts)
    if bad:  # splice the plain folding of those texts between the others (same lengths)
        chunks, at = [], 0
        slow = set(bad)
        for i, part in enumerate(parts):
            chunks.append(fold_plain(texts[i]) if i in slow else data[at : at + len(part)])
            at += len(part) + 1
        parts = chunks
        data = b"\n".join(parts) + b"\n"
    starts = np.zeros(len(parts), dtype=np.int64)
    np.cumsum([len(p) + 1 for p in parts[:-1]], out=starts[1:])
    return np.frombuffer(data, dtype=np.uint8), starts
