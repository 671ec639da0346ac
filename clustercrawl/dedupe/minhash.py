"""Word-shingle MinHash signatures, LSH candidate pairs and their verification, in numpy.

Why not a per-permutation MinHash (datasketch): 128 hash evaluations per shingle cost about
150 µs per post in Python/numpy, several minutes for a million posts. One-permutation hashing
(each shingle hashed once, kept as the minimum of one of 128 bins) with *optimal
densification* (Shrivastava 2017: an empty bin borrows the value of a bin picked by a fixed
hash sequence) is an LSH for Jaccard similarity at O(shingles + bins) per post. Tokenising,
word hashing (a polynomial hash over UTF-8 bytes, vectorised with prefix sums) and shingling
all run in numpy over a batch of posts, so a post costs ~25 µs.

Signatures keep the low 16 bits of each bin's minimum (b-bit minwise hashing): 256 bytes a
post, and an accidental equality costs only 1/65536 of bias on the Jaccard estimate.
Every constant derives from fixed seeds: signatures are identical across runs and machines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

from clustercrawl.dedupe.foldbytes import folded_utf8

__all__ = [
    "BAND_ROWS",
    "NUM_BANDS",
    "NUM_BINS",
    "SHINGLE_WORDS",
    "SIGNATURE_VERSION",
    "BinMask",
    "candidate_pairs",
    "equal_bins",
    "jaccard_containment",
    "matches",
    "signatures",
    "unique",
]

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
_Scalar = TypeVar("_Scalar", bound=np.generic)

NUM_BINS: Final = 128
SHINGLE_WORDS: Final = 4
BAND_ROWS: Final = 3  # 42 bands of 3 bins: ~98 % candidate recall at Jaccard 0.45
NUM_BANDS: Final = NUM_BINS // BAND_ROWS
#: Stored with the signatures: a change of any constant here must change it.
SIGNATURE_VERSION: Final = f"oph-{NUM_BINS}x16-w{SHINGLE_WORDS}-v1"  # the stored part

_BIN_SHIFT = np.uint64(64 - 7)  # top 7 bits pick one of 128 bins
_LOW32 = np.uint64(0xFFFFFFFF)
_EMPTY = np.uint32(0xFFFFFFFF)
_P = 0x100000001B3  # odd: invertible modulo 2**64, so word hashes need no per-word loop
_P_INV = pow(_P, -1, 2**64)
_SHINGLE_MUL = np.uint64(0x9E3779B97F4A7C15)
_DENSIFY_TRIES = 96
#: A bin value shared by this many distinct posts of one site is site template.
TEMPLATE_POSTS: Final = 3

_rng = np.random.default_rng(20140120)
#: For empty bin i, try-th attempt: which bin to borrow from (fixed for all posts).
_DENSIFY = _rng.integers(0, NUM_BINS, size=(NUM_BINS, _DENSIFY_TRIES), dtype=np.int64)


def _mix(x: U64) -> U64:
    """splitmix64 finaliser, in place: good bits from a weak polynomial hash."""
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


class _Powers:
    """P**i, P**-i and prefix sums of P**i modulo 2**64 for byte positions, grown on demand.

    The three tables are swapped in as one tuple: hashing threads of several dedupers may
    read while one grows them.
    """

    def __init__(self) -> None:
        one = np.ones(1, dtype=np.uint64)
        self.tables: tuple[U64, U64, U64] = (one, one, np.zeros(2, dtype=np.uint64))

    def ensure(self, n: int) -> tuple[U64, U64, U64]:
        """(fwd, inv, cum) covering at least ``n`` positions; cum[j] = P**0 + ... + P**(j-1)."""
        tables = self.tables
        if tables[0].size >= n:
            return tables
        size = max(n, 2 * tables[0].size, 1 << 20)
        fwd = np.full(size, _P, dtype=np.uint64)
        inv = np.full(size, _P_INV, dtype=np.uint64)
        fwd[0] = inv[0] = 1
        fwd = np.cumprod(fwd, dtype=np.uint64)
        inv = np.cumprod(inv, dtype=np.uint64)
        cum = np.zeros(size + 1, dtype=np.uint64)
        np.cumsum(fwd, out=cum[1:])
        self.tables = (fwd, inv, cum)
        return self.tables


_POWERS = _Powers()


def _word_mask(buf: npt.NDArray[np.uint8]) -> npt.NDArray[np.bool_]:
    """Bytes that belong to words: ASCII letters and digits, and non-ASCII letters.

    Input is case-folded, so ASCII capitals are gone. Non-ASCII punctuation that copies
    swap freely (NBSP, « », „ ”, dashes, ellipsis, ’) counts as a separator.
    """
    mask = ((buf >= 0x30) & (buf <= 0x39)) | ((buf >= 0x61) & (buf <= 0x7A)) | (buf >= 0x80)
    if buf.size >= 3:  # U+2000..U+207F: E2 80 xx / E2 81 xx
        lead = np.flatnonzero((buf[:-2] == 0xE2) & ((buf[1:-1] == 0x80) | (buf[1:-1] == 0x81)))
        for off in (0, 1, 2):
            mask[lead + off] = False
    if buf.size >= 2:  # U+00A0..U+00BF: C2 A0..BF
        lead = np.flatnonzero((buf[:-1] == 0xC2) & (buf[1:] >= 0xA0))
        mask[lead] = False
        mask[lead + 1] = False
    return mask


def signatures(
    texts: Sequence[str],
) -> tuple[npt.NDArray[np.uint16], npt.NDArray[np.int32], npt.NDArray[np.int32]]:
    """Signatures of a batch of texts: (uint16[n, 128], shingle counts, word counts).

    A text with fewer than ``SHINGLE_WORDS`` words has no shingles; its signature is
    meaningless (all 0xFFFF) and callers must not compare it.
    """
    n = len(texts)
    if n == 0:
        return (np.zeros((0, NUM_BINS), np.uint16), np.zeros(0, np.int32), np.zeros(0, np.int32))
    buf, doc_start = folded_utf8(texts)  # NFC, case-folded, "\n" after each text
    fwd, inv, cum = _POWERS.ensure(buf.size + 1)
    # the buffer ends with a separator, so word edges alternate: start, end, start, ...
    mask = _word_mask(buf)
    edges = np.flatnonzero(mask[1:] != mask[:-1]) + 1
    if mask[0]:
        edges = np.concatenate(([0], edges))
    starts, ends = edges[0::2], edges[1::2]
    # words per post: where each post's first word falls among the word starts (n binary
    # searches, not one per word)
    first_word = np.searchsorted(starts, doc_start)
    words = np.diff(np.append(first_word, starts.size)).astype(np.int32)
    word_doc = np.repeat(np.arange(n, dtype=np.int64), words)
    # word hash = sum((b_j + 1) * P**(j - start)): prefix sums of b_j * P**j (the "+ 1" part
    # is a fixed prefix sum of powers), then shift each word to position 0
    prefix = np.zeros(buf.size + 1, dtype=np.uint64)
    np.multiply(buf, fwd[: buf.size], out=prefix[1:])
    np.cumsum(prefix[1:], out=prefix[1:])
    word_hash = _mix((prefix[ends] - prefix[starts] + (cum[ends] - cum[starts])) * inv[starts])
    k = SHINGLE_WORDS
    if word_hash.size < k:
        sig = np.full((n, NUM_BINS), 0xFFFF, dtype=np.uint16)
        return sig, np.zeros(n, np.int32), words
    span = word_hash.size - k + 1
    shingle = word_hash[:span].copy()
    for i in range(1, k):
        shingle *= _SHINGLE_MUL
        shingle += word_hash[i : i + span]
    shingle = _mix(shingle)
    inside = word_doc[:span] == word_doc[k - 1 :]  # shingles never straddle two posts
    shingle = shingle[inside]
    shingle_doc = word_doc[:span][inside]
    counts = np.bincount(shingle_doc, minlength=n).astype(np.int32)
    flat = np.full(n * NUM_BINS, _EMPTY, dtype=np.uint32)
    slot = shingle_doc * NUM_BINS + (shingle >> _BIN_SHIFT).astype(np.int64)
    np.minimum.at(flat, slot, (shingle & _LOW32).astype(np.uint32))
    sig32 = flat.reshape(n, NUM_BINS)
    _densify(sig32)
    return (sig32 & np.uint32(0xFFFF)).astype(np.uint16), counts, words


def _densify(sig: npt.NDArray[np.uint32]) -> None:
    """Optimal densification in place: empty bins borrow from originally filled ones."""
    filled = sig != _EMPTY
    docs, bins = np.nonzero(~filled)
    for attempt in range(_DENSIFY_TRIES):
        if docs.size == 0:
            return
        source = _DENSIFY[bins, attempt]
        ok = filled[docs, source]
        sig[docs[ok], bins[ok]] = sig[docs[ok], source[ok]]
        docs, bins = docs[~ok], bins[~ok]


def unique(values: npt.NDArray[_Scalar], *, presorted: bool = False
           ) -> npt.NDArray[_Scalar]:
    """Sorted distinct values (what ``np.unique`` returns), by a sort and a comparison.

    numpy 2.3+ answers ``np.unique`` with a hash table, then sorts it: at millions of values
    the table outgrows the cache and costs 8-10 times a plain sort (2.2 s vs 0.25 s at 4M
    values, 16 s vs 1.5 s at 20M), more per value the more there are. ``presorted``: the
    values are already in order (no copy, no sort).
    """
    ordered = values.ravel() if presorted else np.sort(values, axis=None)
    new = np.ones(ordered.size, dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    return ordered[new]


# ----------------------------------------------------------------------------- LSH


class Columns(Protocol):
    """A signature matrix read one bin at a time (:class:`sigfile.SignatureFile`)."""

    def column(self, col: int) -> npt.NDArray[np.uint16]: ...


Signatures = npt.NDArray[np.uint16] | Columns


def _column(sig: Signatures, col: int) -> npt.NDArray[np.uint16]:
    """Bin ``col`` of every row: every reader goes bin by bin, which a file on disk serves
    with one contiguous read."""
    if isinstance(sig, np.ndarray):
        return sig[:, col]
    return sig.column(col)


def _band_keys(sig: Signatures, rows: I64, band: int) -> U64:
    key = np.zeros(rows.size, dtype=np.uint64)
    for col in range(band * BAND_ROWS, (band + 1) * BAND_ROWS):
        key <<= np.uint64(16)
        key |= _column(sig, col)[rows]
    return key


class BinMask:
    """Per row, which bins are informative: one bit a bin (16 bytes a post, not 128)."""

    def __init__(self, packed: npt.NDArray[np.uint8]) -> None:
        self.packed = packed

    def __len__(self) -> int:
        return int(self.packed.shape[0])

    def __getitem__(self, index: I64 | slice | int) -> npt.NDArray[np.bool_]:
        """Rows ``index`` as bool[..., NUM_BINS]."""
        bits = np.unpackbits(self.packed[index], axis=-1, count=NUM_BINS)
        return bits.view(np.bool_)


def _mix64(x: U64) -> U64:
    return _mix(x.copy())


def _runs(keys: U64, n_bits: int) -> tuple[I64, I64]:
    """Positions of keys that occur at least twice, sorted by key then position, and the
    start of each run of equal keys among them (indices into the first array).

    One plain sort of (hash of key, position) packed into 64 bits, not an argsort: several
    times faster. A hash collision between two keys is split again by the true keys, so the
    result is exactly what a stable argsort by key gives (runs ordered by hash, not key).
    """
    n = keys.size
    shift = np.uint64(n_bits)
    code = _mix64(keys) >> shift << shift
    code |= np.arange(n, dtype=np.uint64)
    code.sort()
    head = code >> shift
    same = head[1:] == head[:-1]
    member = np.zeros(n, dtype=bool)
    member[1:] |= same
    member[:-1] |= same
    sel = code[member] & np.uint64((1 << n_bits) - 1)
    pos = sel.astype(np.int64)
    del code, head, same, member
    if pos.size == 0:
        return pos, pos
    sel_head = _mix64(keys[pos]) >> shift
    true = keys[pos]
    new_hash = np.concatenate(([True], sel_head[1:] != sel_head[:-1]))
    new_key = np.concatenate(([True], true[1:] != true[:-1]))
    if np.array_equal(new_hash, new_key):
        starts = np.flatnonzero(new_key)
    else:  # a collision: order the affected hash runs by true key, stably
        hash_run = np.cumsum(new_hash) - 1
        bad_runs = unique(hash_run[new_key & ~new_hash], presorted=True)
        bad = np.isin(hash_run, bad_runs)
        idx = np.flatnonzero(bad)
        fix = idx[np.lexsort((pos[idx], true[idx], hash_run[idx]))]
        pos[idx], true[idx] = pos[fix], true[fix]
        changed = (true[1:] != true[:-1]) | (sel_head[1:] != sel_head[:-1])
        new_key = np.concatenate(([True], changed))
        starts = np.flatnonzero(new_key)
        # runs of one row (a key alone once a collision is split) make no pairs: drop them
        lengths = np.diff(np.append(starts, pos.size))
        keep_row = np.repeat(lengths >= 2, lengths)
        pos = pos[keep_row]
        lengths = lengths[lengths >= 2]
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1])) if lengths.size else lengths
    return pos, starts


def candidate_pairs(sig: Signatures, rows: I64, stored: npt.NDArray[np.bool_]
                    ) -> I64:
    """Pairs (i < j, positions in ``rows``, as int64[m, 2]) of rows of ``sig`` sharing at least
    one LSH band, never both ``stored``.

    ``rows`` must be in a canonical order (callers sort them by post id), which makes the
    result independent of input order. A bucket of m rows yields its chain and star pairs
    (O(m), not O(m²)); union-find over verified pairs restores the transitive groups.
    """
    n = rows.size
    n_bits = max(1, (n - 1).bit_length())
    found: list[I64] = []
    pending: list[I64] = []
    for band in range(NUM_BANDS):
        order, starts = _runs(_band_keys(sig, rows, band), n_bits)
        if order.size == 0:
            continue
        lengths = np.diff(np.append(starts, order.size))
        first = np.repeat(order[starts], lengths)
        same = np.ones(order.size, dtype=bool)
        same[starts] = False  # same[k]: row k follows one of its run
        a = np.concatenate((order[:-1][same[1:]], first[same]))
        b = np.concatenate((order[1:][same[1:]], order[same]))
        keep = ~(stored[a] & stored[b])
        lo, hi = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
        pending.append(lo.astype(np.int64) * n + hi)
        if sum(p.size for p in pending) > 4_000_000:
            found.append(unique(np.concatenate(pending)))
            pending = []
    if pending:
        found.append(np.concatenate(pending))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes = unique(np.concatenate(found))
    return np.stack((codes // n, codes % n), axis=1)


def equal_bins(sig: Signatures, rows: I64, a: I64, b: I64) -> npt.NDArray[np.uint8]:
    """Which bins are equal, per pair of positions in ``rows`` (uint8[m, NUM_BINS // 8], one
    bit a bin): read once, then :func:`matches` counts them with or without a mask."""
    bits = np.zeros((a.size, NUM_BINS // 8), dtype=np.uint8)
    ra, rb = rows[a], rows[b]
    for byte in range(NUM_BINS // 8):
        acc = np.zeros(a.size, dtype=np.uint8)
        for col in range(byte * 8, byte * 8 + 8):
            column = _column(sig, col)
            acc <<= np.uint8(1)
            acc |= column[ra] == column[rb]
        bits[:, byte] = acc
    return bits


def matches(
    sig: Signatures,
    rows: I64,
    a: I64,
    b: I64,
    informative: BinMask | None = None,
    equal: npt.NDArray[np.uint8] | None = None,
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
    """(equal bins, comparable bins) for pairs of positions in ``rows``; with ``informative``
    (per position), only bins informative on both sides count. ``equal``: the pairs'
    :func:`equal_bins`, when already read (callers asking twice read the columns once)."""
    if equal is None:
        equal = equal_bins(sig, rows, a, b)
    if informative is None:
        return _popcount(equal), np.full(a.size, NUM_BINS, dtype=np.int32)
    both = informative.packed[a] & informative.packed[b]
    return _popcount(equal & both), _popcount(both)


def _popcount(packed: npt.NDArray[np.uint8]) -> npt.NDArray[np.int32]:
    counts: npt.NDArray[np.int32] = np.bitwise_count(packed).sum(axis=1, dtype=np.int32)
    return counts


def jaccard_containment(
    equal_bins: npt.NDArray[np.int32],
    comparable_bins: npt.NDArray[np.int32],
    size_a: npt.NDArray[np.float64],
    size_b: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Estimated Jaccard, and containment of the smaller shingle set in the larger.

    |A∩B| = J·|A∪B| and |A∪B| = (|A|+|B|)/(1+J), so containment follows from J and sizes:
    a copy with its last paragraph trimmed has a low Jaccard but a containment near 1.
    """
    j = equal_bins / np.maximum(comparable_bins, 1).astype(np.float64)
    small = np.maximum(np.minimum(size_a, size_b), 1.0)
    total = size_a + size_b
    containment = np.minimum(1.0, j * total / ((1.0 + j) * small))
    return j, containment
