"""Template bins: which signature bins say "same site template", not "same story".

Split from :mod:`clustercrawl.dedupe.minhash` (the signatures and their bands); counted site
part by site part so each hash table stays in the CPU cache however large the run.
"""

from __future__ import annotations

import itertools
from typing import Final

import numpy as np
import numpy.typing as npt

from clustercrawl.dedupe.minhash import (
    _SHINGLE_MUL,
    I64,
    NUM_BINS,
    TEMPLATE_POSTS,
    U64,
    BinMask,
    Signatures,
    _column,
    unique,
)

__all__ = ["PART_ROWS", "frequent_keys", "informative_bins"]


def informative_bins(
    sig: Signatures,
    rows: I64,
    site: npt.NDArray[np.int32],
    counted: npt.NDArray[np.bool_],
) -> BinMask:
    """For ``sig[rows]``: False where a bin holds a value ``TEMPLATE_POSTS`` posts of the same
    site share.

    A footer, a repeated event note or a standard intro wins the same bins with the same
    values on every post of a site: those bins say "same template", not "same story".
    Comparing only bins informative on both sides estimates the Jaccard similarity of what
    is left, so copies with different footers match and template siblings do not. Only
    ``counted`` rows vote: callers leave out near-identical copies of an earlier row, or a
    story posted three times on one site would look like that site's template. ``site`` and
    ``counted`` are per entry of ``rows``. Per bin, (site, value) keys are counted in hash
    buckets (a bincount); only rows of crowded buckets (template values, a few chance
    collisions) are then sorted to find the frequent keys exactly.
    """
    packed = np.full((rows.size, NUM_BINS // 8), 0xFF, dtype=np.uint8)
    voters = np.flatnonzero(counted)
    if voters.size < TEMPLATE_POSTS:
        return BinMask(packed)
    _, site_rank = np.unique(site, return_inverse=True)
    # a key held by TEMPLATE_POSTS voters fills its hash bucket that much: count buckets
    # first (one bincount a bin), then settle exactly only the rows of crowded buckets.
    # Keys hold the site, so sites split into parts of ~PART_ROWS rows are counted part by
    # part: each part's table (4 buckets a row) stays in the cache however large the run,
    # where one table for ten million rows (capped at 64 MB) crowded its buckets instead
    parts = max(1, -(-rows.size // PART_ROWS))
    part = site_rank % parts
    perm = np.argsort(part.astype(np.uint16), kind="stable")  # by part, rows in order
    bounds = np.searchsorted(part[perm], np.arange(parts + 1)).tolist()
    spans = list(itertools.pairwise(bounds))
    bits = max(10, (max(hi - lo for lo, hi in spans) - 1).bit_length() + 2)
    prows = rows[perm]
    salt = site_rank[perm].astype(np.uint64) << np.uint64(16)
    key_bits = 16 + int(site_rank.max(initial=0)).bit_length()
    salted = salt * _SHINGLE_MUL  # (salt | value) * MUL, as value < 2**16 = salt's low bits
    down = np.uint64(64 - bits)
    all_vote = voters.size == rows.size
    is_voter = counted[perm]
    part_voters = [np.flatnonzero(is_voter[lo:hi]) for lo, hi in spans]
    bucket = np.empty(rows.size, dtype=np.uint64)
    for col in range(NUM_BINS):
        value = _column(sig, col)[prows]
        np.multiply(value, _SHINGLE_MUL, out=bucket, dtype=np.uint64)
        bucket += salted
        bucket >>= down
        index = bucket.view(np.int64)
        crowded: list[I64] = []
        for (lo, hi), voting in zip(spans, part_voters, strict=True):
            here = index[lo:hi]
            counts = np.bincount(here if all_vote else here[voting], minlength=1 << bits)
            crowded.append(np.flatnonzero((counts >= TEMPLATE_POSTS)[here]) + lo)
        maybe = np.concatenate(crowded)
        if maybe.size < TEMPLATE_POSTS:
            continue
        key = salt[maybe] | value[maybe]
        votes = None if all_vote else is_voter[maybe]
        hit = perm[maybe[frequent_keys(key, votes, key_bits)]]
        packed[hit, col >> 3] &= np.uint8(0xFF ^ (0x80 >> (col & 7)))
    return BinMask(packed)


#: Rows counted with one hash table when finding template bins (sites split into parts).
PART_ROWS: Final = 1 << 18


def frequent_keys(key: U64, votes: npt.NDArray[np.bool_] | None, key_bits: int) -> I64:
    """Positions of ``key`` whose value ``TEMPLATE_POSTS`` voters hold (``votes``: which
    positions vote, None: all), in no particular order.

    One sort of (key, position) packed in 64 bits and a pass over its runs: when keys are
    ``key_bits`` wide and positions fit beside them. Otherwise (or to check that path):
    :func:`_frequent_keys_plain`.
    """
    n = key.size
    pos_bits = max(1, (n - 1).bit_length())
    if n == 0 or key_bits + pos_bits > 64:
        return _frequent_keys_plain(key, votes)
    shift = np.uint64(pos_bits)
    code = key << shift
    code |= np.arange(n, dtype=np.uint64)
    code.sort()
    head = code >> shift
    new = np.ones(n, dtype=bool)
    np.not_equal(head[1:], head[:-1], out=new[1:])
    del head
    pos = (code & np.uint64((1 << pos_bits) - 1)).astype(np.int64)
    del code
    starts = np.flatnonzero(new)
    lengths = np.diff(np.append(starts, n))
    if votes is None:
        held = lengths
    else:
        held = np.add.reduceat(votes[pos].astype(np.int64), starts) if n else lengths
    hits: I64 = pos[np.repeat(held >= TEMPLATE_POSTS, lengths)]
    return hits


def _frequent_keys_plain(key: U64, votes: npt.NDArray[np.bool_] | None) -> I64:
    """:func:`frequent_keys` by sorting the voters' keys and looking every key up."""
    last = TEMPLATE_POSTS - 1
    voted = np.sort(key if votes is None else key[votes])
    frequent = unique(voted[:-last][voted[:-last] == voted[last:]], presorted=True)
    if not frequent.size:
        return np.zeros(0, dtype=np.int64)
    at = np.minimum(np.searchsorted(frequent, key), frequent.size - 1)
    return np.flatnonzero(frequent[at] == key)
