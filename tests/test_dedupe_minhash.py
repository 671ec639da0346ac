"""Signatures: deterministic, blind to typography, accurate Jaccard; LSH finds similar pairs."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clustercrawl.dedupe import minhash, order_key, templatebins
from tests.test_dedupe_textgen import LANGS, plan, render


def text(seed: int, lang: str = "pl", words: int = 200) -> str:
    title, paras = render(plan(random.Random(seed), words), lang)
    return title + "\n" + "\n".join(paras)


def exact_jaccard(a: str, b: str) -> float:
    def shingles(t: str) -> set[tuple[str, ...]]:
        w = re.findall(r"[^\W_]+", t.casefold())
        return {tuple(w[i : i + 4]) for i in range(len(w) - 3)}

    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def test_signature_does_not_depend_on_the_batch() -> None:
    texts = [text(i) for i in range(300)]
    together, counts, words = minhash.signatures(texts)
    alone, c1, w1 = minhash.signatures([texts[157]])
    assert np.array_equal(together[157], alone[0])
    assert counts[157] == c1[0] and words[157] == w1[0]


def test_typography_and_case_do_not_change_the_signature() -> None:
    plain = "Klaster „Wodór” – nowe porozumienie z firmą Hydromex; 12 firm… " + text(1)
    fancy = "KLASTER \"wodór\" - nowe\u00a0porozumienie  z firmą Hydromex, 12 firm... " + text(1)
    a, b = minhash.signatures([plain, fancy])[0]
    assert np.array_equal(a, b)


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_accepted(value: str) -> None:
    sig, counts, words = minhash.signatures([value, value + " end of text here now"])
    assert sig.shape == (2, minhash.NUM_BINS) and counts[0] >= 0 and words[1] >= 5


def test_jaccard_estimate_is_close_to_exact() -> None:
    rng = random.Random(4)
    errors = []
    for i in range(150):
        lang = LANGS[i % len(LANGS)]
        a = text(i, lang, rng.choice((80, 150, 300)))
        words = a.split(" ")
        for _ in range(rng.randint(0, 30)):
            words[rng.randrange(len(words))] = rng.choice(words)
        b = " ".join(words[: int(len(words) * rng.uniform(0.5, 1.0))])
        sig, counts, _ = minhash.signatures([a, b])
        equal, comparable = minhash.matches(sig, np.arange(2), np.array([0]), np.array([1]))
        estimate, _ = minhash.jaccard_containment(
            equal, comparable, counts[:1].astype(float), counts[1:].astype(float))
        errors.append(estimate[0] - exact_jaccard(a, b))
    assert abs(float(np.mean(errors))) < 0.02
    assert float(np.mean(np.abs(errors))) < 0.05


def test_lsh_finds_similar_pairs_and_skips_stored_pairs() -> None:
    texts, pairs = [], []
    for i in range(200):
        a = text(i, "de", 150)
        words = a.split(" ")
        for _ in range(5):
            words[random.Random(i).randrange(len(words))] = "Änderung"
        texts += [a, " ".join(words)]
        pairs.append((2 * i, 2 * i + 1))
    sig, _, _ = minhash.signatures(texts)
    stored = np.zeros(len(texts), dtype=bool)
    rows = np.arange(len(texts))
    found = {tuple(p) for p in minhash.candidate_pairs(sig, rows, stored).tolist()}
    assert sum(p in found for p in pairs) >= 0.99 * len(pairs)
    stored[:] = True
    assert minhash.candidate_pairs(sig, rows, stored).size == 0


def test_site_template_bins_are_masked() -> None:
    footer = " ".join(text(999, "en", 60).split()[:50])
    posts = [text(i, "en", 60) + "\n" + footer for i in range(12)]
    sig, _, _ = minhash.signatures(posts)
    same_site = np.zeros(len(posts), dtype=np.int32)
    rows, everyone = np.arange(len(posts)), np.ones(len(posts), dtype=bool)
    info = templatebins.informative_bins(sig, rows, same_site, everyone)[rows]
    assert 0.2 < 1 - info.mean() < 0.8  # the footer's share of the bins
    other_sites = np.arange(len(posts), dtype=np.int32)
    assert templatebins.informative_bins(sig, rows, other_sites, everyone)[rows].all()


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("2023-06-12T09:00:00+02:00", "2023-06-12"),  # a time beats a bare day
        ("2023-06-12", "2023-06-13T09:00:00+02:00"),  # ...within the same day only
        ("2023-06-29", "2023-06"),  # a month sorts at its end
        ("2023", None),  # unknown dates sort last
        ("2023-06-12T10:00:00Z", "2023-06-12T11:00:00+00:00"),
    ],
)
def test_order_keys(earlier: str, later: str | None) -> None:
    assert order_key(earlier) < order_key(later)
