"""Grouping's compact structures: signatures on disk, ids as keys, sparse union-find."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from clustercrawl.dedupe import Deduper, MemoryGroupStore, minhash, templatebins
from clustercrawl.dedupe.ids import PostIds, StoryTable
from clustercrawl.dedupe.sigfile import SignatureFile
from clustercrawl.dedupe.unionfind import AnchoredUnionFind
from tests.test_dedupe_store import EN_A, EN_B, repost


def _texts(n: int) -> list[str]:
    rng = np.random.default_rng(7)
    words = [f"w{k}" for k in range(400)]
    base = [" ".join(rng.choice(words, 60)) for _ in range(n // 2)]
    copies = [t.replace("w1 ", "w2 ", 1) + " tail words here" for t in base]
    return base + copies


def test_file_holds_the_same_matrix_by_row_and_column(tmp_path: Path) -> None:
    sig, _, _ = minhash.signatures(_texts(300))
    sf = SignatureFile(tmp_path)
    for lo in range(0, 300, 70):  # uneven appends, as batches arrive
        sf.append(sig[lo : lo + 70])
    assert sf.shape == sig.shape
    sf.seal()
    for col in (0, 5, minhash.NUM_BINS - 1):
        assert np.array_equal(sf.column(col), sig[:, col])
    assert np.array_equal(sf.rows_between(10, 20), sig[10:20])
    assert sf.row_bytes(299) == sig[299].astype("<u2").tobytes()
    assert sf.disk_bytes() == 2 * sig.nbytes
    folder = next(tmp_path.iterdir())
    sf.close()
    assert not folder.exists()  # nothing left on disk
    sf.close()  # twice is harmless


def test_lsh_on_disk_equals_lsh_in_memory(tmp_path: Path) -> None:
    sig, _, _ = minhash.signatures(_texts(400))
    sf = SignatureFile(tmp_path)
    sf.append(sig)
    rows = np.arange(400, dtype=np.int64)[::-1].copy()  # any row order
    stored = np.zeros(400, dtype=bool)
    in_memory = minhash.candidate_pairs(sig, rows, stored)
    on_disk = minhash.candidate_pairs(sf, rows, stored)
    assert in_memory.shape[0] >= 200  # the copies were found
    assert np.array_equal(in_memory, on_disk)
    site = (np.arange(400) % 3).astype(np.int32)
    counted = np.ones(400, dtype=bool)
    mem_info = templatebins.informative_bins(sig, rows, site, counted)
    disk_info = templatebins.informative_bins(sf, rows, site, counted)
    assert np.array_equal(mem_info.packed, disk_info.packed)
    a, b = in_memory[:, 0], in_memory[:, 1]
    for info in (None, mem_info):
        eq_mem, comp_mem = minhash.matches(sig, rows, a, b, info)
        eq_disk, comp_disk = minhash.matches(sf, rows, a, b, info)
        assert np.array_equal(eq_mem, eq_disk) and np.array_equal(comp_mem, comp_disk)
    # bit by bit, the packed mask agrees with a plain per-bin comparison
    both = mem_info[a] & mem_info[b]
    assert np.array_equal(comp_mem, both.sum(axis=1))
    assert np.array_equal(eq_mem, ((sig[rows[a]] == sig[rows[b]]) & both).sum(axis=1))
    sf.close()


def test_ids_spelt_by_key_and_odd_ones_kept() -> None:
    keys = np.array([0x1F, 0xABCDEF0123456789, 7], dtype=np.uint64)
    ids = PostIds(keys, {2: "hand-made id"})
    assert [ids[i] for i in range(3)] == ["000000000000001f", "abcdef0123456789",
                                          "hand-made id"]
    ids.extend(np.array([5, 6], dtype=np.uint64), {1: "Other"})
    assert len(ids) == 5 and ids[3] == "0000000000000005" and ids[-1] == "Other"
    table = StoryTable(np.array([0xFF], np.uint64), np.array([2]), np.array([4]), ids)
    assert len(table) == 1 and table[0] == ("00000000000000ff", "hand-made id", 4)
    assert list(table) == [table[0]] and table.story_id(0) == "00000000000000ff"


def test_sparse_union_find_keeps_its_constraints() -> None:
    uf = AnchoredUnionFind(10, anchors={0: 100, 5: 200}, labels={7: [1], 8: [1]})
    assert uf.union(0, 1) and uf.union(1, 2)
    assert not uf.union(2, 5)  # two stored stories never merge
    assert uf.union(5, 6) and uf.anchor(6) == 200
    assert uf.union(7, 9) and not uf.union(9, 8)  # translations stay apart
    roots = uf.roots()
    assert len({int(roots[i]) for i in (0, 1, 2)}) == 1
    assert roots[3] == 3 and roots[4] == 4  # untouched nodes are their own roots
    assert roots[0] != roots[5] and roots[8] != roots[9]
    assert uf.anchor(3) is None


def test_ids_no_key_spells_survive_a_run_and_the_store() -> None:
    store = MemoryGroupStore()
    original = {**repost(EN_A, "pr", 1, "2023-06-14"), "id": "hand-made/1"}
    first = Deduper(store)
    first.add(original)
    groups = first.finish()
    assert groups.story("hand-made/1").origin_id == "hand-made/1"
    assert first.spilled_bytes > 0  # the signature went to disk, and the file is gone now
    copy = {**repost(EN_B, "copy", 1, "2023-06-20", "Repost: "), "id": "Hand-Made/2"}
    second = Deduper(store)
    second.add(copy)
    info = second.finish().story("Hand-Made/2")
    assert info.origin_id == "hand-made/1" and info.size == 2
    assert info.story_id == groups.story("hand-made/1").story_id
