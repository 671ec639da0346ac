"""The fast paths of grouping (packed sorts, hash-bucket counts, a hashing thread) give
exactly what the plain definitions give, hash collisions included."""

from __future__ import annotations

import itertools
import random
from collections import Counter, defaultdict

import numpy as np
import numpy.typing as npt
import pytest

from clustercrawl.dedupe import Deduper, deduper, eventnames, minhash, templatebins
from clustercrawl.dedupe import eventwords as ew
from tests.test_dedupe_minhash import text


def reference_pairs(sig: npt.NDArray[np.uint16], rows: npt.NDArray[np.int64],
                    stored: npt.NDArray[np.bool_]) -> set[tuple[int, int]]:
    """Per band, rows sharing a key in position order: chain and star pairs."""
    pairs: set[tuple[int, int]] = set()
    for band in range(minhash.NUM_BANDS):
        runs: dict[tuple[int, ...], list[int]] = defaultdict(list)
        cols = slice(band * minhash.BAND_ROWS, (band + 1) * minhash.BAND_ROWS)
        for pos, row in enumerate(rows.tolist()):
            runs[tuple(sig[row, cols].tolist())].append(pos)
        for members in runs.values():
            for x, y in [*itertools.pairwise(members),
                         *((members[0], m) for m in members[1:])]:
                if not (stored[x] and stored[y]):
                    pairs.add((min(x, y), max(x, y)))
    return pairs


def few_values(n: int, values: int, seed: int) -> npt.NDArray[np.uint16]:
    """Signatures over a handful of values: many shared band keys and bucket collisions."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, values, size=(n, minhash.NUM_BINS), dtype=np.uint16)


@pytest.mark.parametrize("collide", [False, True])
def test_candidate_pairs_are_the_chain_and_star_pairs_of_every_band(
        collide: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if collide:  # seven hash values for every key: runs must be split by the true keys
        monkeypatch.setattr(minhash, "_mix64", lambda x: (x % np.uint64(7)) << np.uint64(60))
    sig = few_values(400, 3, seed=1)
    rows = np.random.default_rng(2).permutation(400).astype(np.int64)
    stored = np.random.default_rng(3).random(400) < 0.3
    found = {tuple(p) for p in minhash.candidate_pairs(sig, rows, stored).tolist()}
    assert found == reference_pairs(sig, rows, stored)


@pytest.mark.parametrize("part_rows", [1 << 18, 256])
def test_informative_bins_mask_exactly_the_values_three_voters_of_a_site_share(
        part_rows: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templatebins, "PART_ROWS", part_rows)  # one table, or sites in parts
    n = 3000  # far more (site, value) keys than the 1,024 buckets of a small batch
    sig = few_values(n, 40, seed=4)
    rng = np.random.default_rng(5)
    rows = rng.permutation(n).astype(np.int64)
    site = rng.integers(0, 60, size=n).astype(np.int32)
    counted = rng.random(n) < 0.8
    info = templatebins.informative_bins(sig, rows, site, counted)[np.arange(n)]
    for col in (0, 17, 127):
        votes = Counter((int(site[p]), int(sig[rows[p], col])) for p in range(n) if counted[p])
        expected = [votes[(int(site[p]), int(sig[rows[p], col]))] < minhash.TEMPLATE_POSTS
                    for p in range(n)]
        assert info[:, col].tolist() == expected
    assert 0 < info.mean() < 1  # both kinds of bins occur: the check above can fail


def test_matches_count_equal_bins_with_and_without_the_mask() -> None:
    sig = few_values(50, 4, seed=6)
    rows = np.arange(50, dtype=np.int64)
    a, b = np.arange(0, 25, dtype=np.int64), np.arange(25, 50, dtype=np.int64)
    site = np.zeros(50, dtype=np.int32)
    info = templatebins.informative_bins(sig, rows, site, np.ones(50, dtype=bool))
    equal, comparable = minhash.matches(sig, rows, a, b)
    masked, usable = minhash.matches(sig, rows, a, b, info)
    same = sig[a] == sig[b]
    both = info[a] & info[b]
    assert equal.tolist() == same.sum(axis=1).tolist() and set(comparable.tolist()) == {128}
    assert masked.tolist() == (same & both).sum(axis=1).tolist()
    assert usable.tolist() == both.sum(axis=1).tolist()


def test_groups_do_not_depend_on_how_posts_are_batched_for_hashing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    rnd = random.Random(8)
    posts = []
    for i in range(60):
        body = text(i % 40, "de", 120)  # a third are copies of an earlier post
        if i >= 40:
            words = body.split(" ")
            words[rnd.randrange(len(words))] = "Änderung"
            body = " ".join(words)
        posts.append({"id": f"{i:016x}", "url": f"https://s{i % 5}.example.org/{i}",
                      "site_id": f"s{i % 5}", "language": "de", "title": f"T {i % 40}",
                      "body_text": body})

    def run() -> list[str]:
        dd = Deduper()
        for post in posts:
            dd.add(post)
        groups = dd.finish()
        return [groups.story(p["id"]).story_id for p in posts]

    whole = run()
    monkeypatch.setattr(deduper, "_BATCH", 7)  # nine batches through the hashing thread
    assert run() == whole
    assert len(set(whole)) < len(whole)  # copies were found: the comparison means something


def test_shared_event_name_features_are_what_the_plain_computation_gives() -> None:
    """Posts whose lead is not read share cached features: every field (the weights in
    their order too) equals a fresh computation with the lead, for leads that are read,
    quote a name, or are ignored, and cities a title names or not."""
    names = [None, "Hydrogen Forum", "9. Kongres Klastrów Polskich"]
    titles = ["Konferencja Wodorowa 2024 w Krakowie", "Save the date", "Cluster Days Brno 2023",
              "TCI2019: takeaways", "Forum Klastrów – Gdańsk", "Brnoer Clustertage"]
    leads = ["", "The „Alpine Wood Forum“ took place in Brno.",
             "Join us at the 4th European Cluster Conference in Vienna. More soon.",
             "Plain words only here, nothing else"]
    urls = ["https://x.example/post-1", "https://x.example/events/9-kongres-klastrow-krakow",
            "https://x.example/brno-cluster-days/"]
    places = [(None, ""), ("Kraków", "krakow"), ("Brno", "brno"), (None, "online")]
    eventnames._without_lead.cache_clear()
    for _ in range(2):  # the second round is served from the cache where it may be
        for name, title, lead, url, (city, key), language in itertools.product(
                names, titles, leads, urls, places, [None, "de", "pl"]):
            got = eventnames.name_features(name=name, title=title, lead=lead, url=url,
                                           city=city, city_key=key, language=language)
            skip = tuple(s[:5] for s in {key, ew.fold(city or "")}
                         if len(s) >= 5 and s != "online")
            want = eventnames._features(name, title, lead, eventnames.slug_text(url),
                                        (language or "").startswith("de"), skip)
            assert got == want and list(got.weights.items()) == list(want.weights.items())
    info = eventnames._without_lead.cache_info()
    assert info.hits > info.misses > 0  # both paths ran


def test_an_id_added_twice_keeps_its_first_seen_copy_and_that_copys_event() -> None:
    """The node columns and event facts are taken over from the add-time columns without
    a copy: a run holding one id twice groups as the run holding only its kept copy."""
    from tests.test_dedupe_events import post as event_post

    def run(posts: list[dict[str, object]]) -> tuple[list[object], list[object]]:
        d = Deduper()
        for p in posts:
            d.add(p)
        groups = d.finish()
        ids = sorted({str(p["id"]) for p in posts})
        return [groups.fields(i) for i in ids], [e.to_dict() for e in groups.events()]

    forum = [event_post(f"site{k}", f"forum-wodorowe-{k}", "pl", "Forum Wodorowe 2026",
                        "2026-06-10", "2026-06-11", "Gdańsk", "2026-05-01",
                        body=text(k) if k < 3 else "") for k in range(5)]
    fair = event_post("site9", "targi-2026", "pl", "Targi Wodorowe 2026", "2026-09-01",
                      "2026-09-02", "Poznań", "2026-08-01", body=text(1))
    late = dict(forum[1], crawl={"fetched_at": "2024-07-01T08:00:00Z"})  # seen after
    early = dict(fair, id=forum[2]["id"], crawl={"fetched_at": "2024-01-01T08:00:00Z"})
    # forum[2]'s id also names an earlier-seen copy (the fair): that copy is the one kept
    assert run([early, *forum, late, fair]) == run([early, forum[0], forum[1], forum[3],
                                                    forum[4], fair])
    assert run([late, *forum]) == run(forum)


def test_block_index_files_clusters_as_a_dict_of_lists_does() -> None:
    """The compact index (int keys, a lone cluster without a list) answers every key as
    the plain ``dict.setdefault(key, []).append`` filing does, in the same order."""
    from clustercrawl.dedupe.eventblocks import BlockIndex

    rng = random.Random(11)
    texts = ["#", "?", "krakow", "*A:ecc", "T:conference", "F:hydrogen", "online"]
    plain: dict[tuple[str, int], list[int]] = {}
    index = BlockIndex()
    cluster = 0
    for _ in range(5000):
        cluster = cluster if rng.random() < 0.3 else rng.randrange(400)
        for _ in range(rng.randint(1, 6)):
            key = (rng.choice(texts), rng.choice((rng.randrange(12), 738_000 + rng.randrange(900))))
            bucket = plain.setdefault(key, [])
            if not bucket or bucket[-1] != cluster:
                bucket.append(cluster)
            index.add(key, cluster)
    asked = [*plain, ("unknown", 3), ("#", 999_999)]
    assert all(list(index.get(k)) == plain.get(k, []) for k in asked)
    assert any(len(b) == 1 for b in plain.values()) and any(len(b) > 2 for b in plain.values())


def test_unique_gives_what_numpy_unique_gives() -> None:
    rng = np.random.default_rng(11)
    for values in (rng.integers(0, 50, size=2000), rng.integers(0, 2**63, size=500,
                                                                dtype=np.uint64),
                   np.zeros(0, np.int64), np.array([7], np.int64)):
        assert minhash.unique(values).tolist() == np.unique(values).tolist()
        ordered = np.sort(values)
        assert minhash.unique(ordered, presorted=True).tolist() == np.unique(values).tolist()


@pytest.mark.parametrize("voting", ["all", "some"])
def test_frequent_keys_packed_sort_agrees_with_the_plain_lookup(voting: str) -> None:
    """Keys drawn from a few values so runs of every length occur, voters or not."""
    rng = np.random.default_rng(12)
    key = (rng.integers(0, 9, size=700).astype(np.uint64) << np.uint64(16)) | rng.integers(
        0, 30, size=700).astype(np.uint64)
    votes = None if voting == "all" else rng.random(700) < 0.5
    fast = np.sort(templatebins.frequent_keys(key, votes, key_bits=20))
    plain = templatebins._frequent_keys_plain(key, votes)
    assert fast.tolist() == plain.tolist()
    assert 0 < fast.size < key.size  # some keys are frequent, some are not
    wide = np.sort(templatebins.frequent_keys(key, votes, key_bits=60))  # no room for positions: plain
    assert wide.tolist() == plain.tolist()


@pytest.mark.parametrize("part_rows", [1 << 18, 300])
def test_informative_bins_when_every_row_votes(part_rows: int,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The path that counts buckets without picking voters out first; sites counted in one
    table, or split into parts of a few hundred rows."""
    monkeypatch.setattr(templatebins, "PART_ROWS", part_rows)
    n = 2500
    sig = few_values(n, 30, seed=13)
    rng = np.random.default_rng(14)
    rows = rng.permutation(n).astype(np.int64)
    site = rng.integers(0, 40, size=n).astype(np.int32)
    info = templatebins.informative_bins(sig, rows, site, np.ones(n, dtype=bool))[np.arange(n)]
    for col in (3, 64, 126):
        votes = Counter((int(site[p]), int(sig[rows[p], col])) for p in range(n))
        expected = [votes[(int(site[p]), int(sig[rows[p], col]))] < minhash.TEMPLATE_POSTS
                    for p in range(n)]
        assert info[:, col].tolist() == expected
    assert 0 < info.mean() < 1
