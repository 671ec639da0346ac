"""The fast paths of event facts and event clustering give what the plain definitions give:
URL host and path as ``urlsplit`` cuts them, one-edit typos as the edit definition says."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from clustercrawl.dedupe import eventblocks, eventnames
from clustercrawl.dedupe import eventwords as ew
from clustercrawl.dedupe.events import EventFacts

REALPOSTS = Path(__file__).resolve().parent / "data" / "realposts"


def plain_parts(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return (parts.hostname or "").removeprefix("www."), parts.path


def made_up_urls(count: int, seed: int) -> list[str]:
    """Addresses built from pieces that trip URL parsers: user info, ports, brackets, "%",
    upper case, tabs, spaces, non-ASCII hosts and paths, queries and fragments."""
    rng = random.Random(seed)
    schemes = ["http://", "https://", "HTTPS://", "ftp://", "//", "", " http://", "http:/"]
    hosts = ["www.Example.org", "example.org", "user:pw@www.site.eu:8080", "WWW.SITE.EU",
             "[::1]", "[fe80::1%25eth0]", "h%C3%B3st.pl", "łódź.pl", "a@b@c.de", "site.eu:",
             "", "www.", "ex\tample.com", "exa mple.com", "xn--dz-0ha.pl"]
    paths = ["", "/", "/9-kongres-klastrow-polskich", "/a/b/c.html", "/wydarzenia/łódź-2019",
             "/x?y=1", "/p#frag", "?q", "#f", "/a b/c", "/path/with\n/newline", "/%20x/",
             "/events/ECC-2026/", "/a?b#c?d", "/a#b?c"]
    tails = ["", "?utm=1", "#top", "?a=b#c", "/"]
    return [rng.choice(schemes) + rng.choice(hosts) + rng.choice(paths) + rng.choice(tails)
            for _ in range(count)]


def real_urls() -> list[str]:
    """The addresses of the labelled real posts (our own labels: URLs only)."""
    urls: list[str] = []
    for name in ("labels.yaml", "fresh.yaml", "fixtures.yaml"):
        path = REALPOSTS / name
        if path.exists():
            urls += re.findall(r'\burl: "([^"]+)"', path.read_text("utf-8"))
    return urls


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_url_parts_cut_hosts_and_paths_as_urlsplit_does(seed: int) -> None:
    for url in made_up_urls(3000, seed):
        try:
            expected = plain_parts(url)
        except ValueError:  # urlsplit refuses it ("Invalid IPv6 URL"): so must the fast path
            with pytest.raises(ValueError):
                eventnames.url_parts(url)
            continue
        assert eventnames.url_parts(url) == expected, url


def test_url_parts_of_the_real_posts_addresses() -> None:
    urls = real_urls()
    if len(urls) < 100:
        pytest.skip(f"too few labelled addresses under {REALPOSTS}")
    fast = 0
    for url in urls:
        assert eventnames.url_parts(url) == plain_parts(url), url
        fast += eventnames._PLAIN_URL.match(url) is not None
    assert fast > len(urls) * 0.9  # and most of them take the fast path
    assert all(eventnames.slug_text(u) == eventnames.slug_of_path(urlsplit(u).path)
               for u in urls)


def edits(word: str, alphabet: str) -> set[str]:
    """Every string one deletion, insertion, substitution or swap of neighbours away."""
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + b[1:] for a, b in cuts if b}
    found |= {a + c + b for a, b in cuts for c in alphabet}
    found |= {a + c + b[1:] for a, b in cuts if b for c in alphabet}
    found |= {a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1}
    found.discard(word)
    return found


def plain_one_edit(a: str, b: str) -> bool:
    """One edit apart by the definition: the positions that differ, or one letter dropped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and (a[diff[0]], a[diff[1]]) == (b[diff[1]], b[diff[0]]))
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def test_one_edit_is_true_exactly_for_strings_one_edit_apart() -> None:
    rng = random.Random(7)
    alphabet = "abc"  # few letters: shared halves and near misses are common
    words = {"".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
             for _ in range(400)}
    words |= {"conference", "conferenc", "confrence", "conferecne", "kongres", "kongress"}
    for b in sorted(words):
        near = edits(b, alphabet + "".join(sorted(set(b))) + "ensf")
        for a in sorted(words):
            assert ew._one_edit(a, b) == (a in near) == plain_one_edit(a, b), (a, b)


def plain_typo_of(word: str) -> ew.Concept | None:
    """The first long type form one edit from the word (not one that differs only in its
    last letter), else the first type stem one edit from a prefix of the word that ends
    with the stem's last letter."""
    for form, concept in ew._TYPE_FORMS:
        if not (len(word) == len(form) and word[:-1] == form[:-1]) and plain_one_edit(word,
                                                                                     form):
            return concept
    for stem, concept in ew._TYPE_STEMS:
        for n in range(1, len(word) + 1):
            if abs(n - len(stem)) <= 1 and word[n - 1] == stem[-1] and plain_one_edit(
                    word[:n], stem):
                return concept
    return None


def test_typos_of_event_types_are_what_the_plain_edit_check_finds() -> None:
    """Near misses of every long event-type word (and words that are not): the type found
    with the cheap filter is the one found with the plain definition."""
    rng = random.Random(8)
    words = {v for form, _ in (*ew._TYPE_FORMS, *ew._TYPE_STEMS)
             for v in edits(form + rng.choice(("", "a", "ow", "en")), "aekoz")}
    words |= {"".join(rng.choice("konferencgrsatwi") for _ in range(rng.randint(7, 13)))
              for _ in range(3000)}
    fast = {w: ew._typo_of(w) for w in sorted(words)}
    plain = {w: plain_typo_of(w) for w in sorted(words)}
    assert fast == plain
    assert sum(c is not None for c in fast.values()) > 1000  # many typos among them


def test_block_index_batch_filing_and_union_answer_as_one_key_at_a_time() -> None:
    """``add_all`` files as ``add`` does key by key; ``union`` is the set of ``get``s."""
    from clustercrawl.dedupe.eventblocks import BlockIndex

    rng = random.Random(12)
    texts = ["#", "?", "gdansk", "*E:baltic", "T:fair", "F:wood", "online"]
    one, batch = BlockIndex(), BlockIndex()
    cluster = 0
    for _ in range(4000):
        cluster = cluster if rng.random() < 0.3 else rng.randrange(300)
        keys = [(rng.choice(texts), rng.choice((rng.randrange(24), 737_500 + rng.randrange(500))))
                for _ in range(rng.randint(1, 8))]
        for key in keys:
            one.add(key, cluster)
        batch.add_all(keys, cluster)
        asked = [(rng.choice([*texts, "nowhere"]), rng.randrange(24)) for _ in range(5)]
        assert batch.union(asked) == {c for k in asked for c in one.get(k)}
    every = [(t, d) for t in texts for d in [*range(24), *range(737_500, 738_000)]]
    assert all(list(batch.get(k)) == list(one.get(k)) for k in every)
    assert sum(len(one.get(k)) > 1 for k in every) > 100


def plain_days(ranges: tuple[tuple[date, date], ...], slack: int) -> set[int]:
    days: set[int] = set()
    for start, end in ranges:
        last = min(end, start + timedelta(days=eventblocks.MAX_SPAN_DAYS))
        days |= set(range(start.toordinal() - slack, last.toordinal() + slack + 1))
    return days


def test_filing_and_lookup_keys_are_the_days_and_months_the_ranges_cover() -> None:
    """The cached spans give each post the keys its own days and months give."""
    rng = random.Random(13)
    for _ in range(300):
        start = date(2018, 1, 1) + timedelta(days=rng.randrange(2000))
        end = start + timedelta(days=rng.choice((0, 1, 2, 30, 200)))
        alt = None if rng.random() < 0.7 else (end + timedelta(days=3),) * 2
        city = rng.choice(("krakow", "online", ""))
        facts = EventFacts(start=start, end=end, alt=alt, city=city or None, city_key=city,
                           name=None, title=rng.choice(("Hydrogen Fair", "ECC 2026 Forum")),
                           lead="", language="en", url="https://a.example.org/x",
                           postponed=rng.random() < 0.2)
        filed, asked = set(eventblocks.block_keys(facts)), set(eventblocks.query_keys(facts))
        days, wide = plain_days(facts.ranges(), 0), plain_days(facts.ranges(), 1)
        month = {d: date.fromordinal(d).year * 12 + date.fromordinal(d).month - 1
                 for d in days | wide}
        assert {("#", d) for d in days} <= filed
        assert {k for k in filed if k[0] == "#"} == {("#", d) for d in days}
        assert {k[1] for k in filed if k[0] == "T:fair"} == (
            {month[d] for d in days} if "fair" in facts.features.types else set())
        if eventblocks.placed(facts):
            assert {k for k in asked if k[0] == city} == {(city, d) for d in wide}
        else:
            assert {k for k in asked if k[0] == "#"} == {("#", d) for d in wide}
        if "A:ecc" in facts.features.weights:
            assert {k[1] for k in asked if k[0] == "*A:ecc"} == {month[d] for d in wide}


def plain_add_text(text: str, *, german: bool, skip: tuple[str, ...], out: dict[str, float],
                   types: set[str], topics: set[str], words: set[str] | None = None) -> None:
    """The token loop as first written, every check made in place for every token: the
    reference for the planned tokens of ``eventnames._add_text``."""
    en = eventnames
    previous = ""
    for index, m in enumerate(en._TOKEN.finditer(text)):
        raw = m.group(0)
        word, before = ew.fold(raw), previous
        previous = word
        if len(word) < 2 or word.isdigit() or word in en._MONTH_WORDS or word in en._CITY_WORDS:
            continue
        if en._DAYS_TOKEN.fullmatch(word) or word.startswith(skip):
            continue
        if words is not None:
            en._plain_words(word, words)
        if named := en._NAME_YEAR.fullmatch(word):
            out["A:" + named.group(1)] = en.ACRONYM_WEIGHT
            continue
        concepts = ew.concepts_of(word)
        if concepts and word in ew.DURATION_WORDS and en._quantity(before):
            continue
        if not concepts and "-" in word and (nations := ew.nations_of(word)):
            out["N:" + nations] = en.ACRONYM_WEIGHT
            continue
        if not concepts and "-" in word:
            concepts = tuple(c for part in word.split("-") for c in ew.concepts_of(part))
            if any(not ew.concepts_of(part) and len(part) >= 2 for part in word.split("-")):
                out["A:" + word] = en.ACRONYM_WEIGHT
        if concepts:
            for concept in concepts:
                out[concept.name] = (en.CLUSTER_WEIGHT if concept.name == "cluster"
                                     else en.WEIGHTS[concept.kind])
                if concept.kind == ew.TYPE:
                    types.add(concept.name)
                elif concept.kind == ew.TOPIC:
                    topics.add(concept.name)
            continue
        letters = raw.replace("-", "")
        if en._ROMAN_ONLY.fullmatch(raw):
            continue
        if (letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 8) or (
                any(ch.isupper() for ch in raw[1:]) and any(ch.islower() for ch in raw)):
            out["A:" + word] = en.ACRONYM_WEIGHT
        elif (raw[0].isupper() and index > 0 and not german and len(word) >= 4
              and not en._opens_clause(text, m.start()) and word not in ew.TITLE_WORDS
              and not en._field_label(text, m.start(), m.end())):
            out["E:" + word] = en.NAME_WEIGHT


#: pieces of made-up titles and leads: kinds of event, topics, durations, months, cities
#: (inflected too), numbers and day ranges, acronyms, names with years, hyphenated names
#: and nations, Roman numerals, title words, labels and clause ends
PIECES = ("Konferencja", "klastrów", "Clusterkonferenz", "forum", "Days", "days", "few", "zwei",
          "Wochen", "week", "3", "21-22", "20-21st", "March", "marca", "Kraków", "Krakowie",
          "Bukareszcie", "Bucharest", "Bucharestului", "ECC", "TCI2019", "tci2016", "ClusterNet", "go-cluster",
          "Bio-Europe", "Deutsch-Polnisches", "Polsko-Niemieckie", "VIII", "IV", "the", "Join",
          "Registration", "Location:", "Hydrogen", "Wasserstoffgipfel", "Alpine", "Wood",
          "Innovation", "Summit", "Gala", "confernce", "x", "Ü", "2026", "online", "Smart",
          "Valley", "Medizintechnik", "Neujahrsempfang", "e-mobility", "H2", "KI", "AI",
          "\n", ".", ":", "!", ",", "—", "Łódź", "Ostrava", "pro", "Brno")


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_planned_tokens_give_the_features_every_check_in_place_gives(seed: int) -> None:
    """Weights in the same order (their sums and the blocking keys follow it), kinds,
    topics and plain words, whatever the neighbours, the city skipped and the language."""
    rng = random.Random(seed)
    for _ in range(1500):
        text = " ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14)))
        text = text.replace(" \n ", "\n").replace(" .", ".").replace(" :", ":")
        german = rng.random() < 0.3
        skip = rng.choice(((), ("krako",), ("bukar", "bucha"), ("ostra",)))
        got: tuple[dict[str, float], set[str], set[str], set[str]] = ({}, set(), set(), set())
        want: tuple[dict[str, float], set[str], set[str], set[str]] = ({}, set(), set(), set())
        for (out, types, topics, plain), add in ((got, eventnames._add_text),
                                                 (want, plain_add_text)):
            add(text, german=german, skip=skip, out=out, types=types, topics=topics,
                words=plain)
        assert list(got[0].items()) == list(want[0].items()), text
        assert got[1:] == want[1:], text


def test_post_ids_by_python_int_spell_the_key_as_any_other_index_does() -> None:
    """The fast look-up (a non-negative Python int, no hand-made ids) gives the id the
    general path gives for the same position as a numpy int or a negative index."""
    import numpy as np

    from clustercrawl.dedupe.ids import PostIds

    keys = np.random.default_rng(14).integers(0, 2**64 - 1, size=500, dtype=np.uint64)
    plain, odd = PostIds(keys), PostIds(keys, {7: "hand-made id"})
    for i in range(500):
        numpy_index: Any = np.int64(i)  # as grouping passes them at times
        assert plain[i] == plain[numpy_index] == plain[i - 500] == f"{int(keys[i]):016x}"
        assert odd[i] == ("hand-made id" if i == 7 else plain[i])
    assert plain.many(np.arange(500)) == [plain[i] for i in range(500)]
    with pytest.raises(IndexError):
        plain[500]


def test_one_range_pairs_score_as_the_general_range_product_does() -> None:
    """A post with one date range takes a shortcut in the overlap and day checks; the same
    post with that range repeated as its second one goes the general way: same scores."""
    import dataclasses

    from clustercrawl.dedupe import events

    rng = random.Random(15)
    titles = ("Hydrogen Forum 2026", "Wasserstoff Forum 2026", "ECC 2026 Conference",
              "Cluster Days", "Digital Fair", "8th Congress of Clusters", "Webinar: AI",
              # sharing two concepts of five: a match only on the same days in one city
              "Hydrogen Forum Baltic Innovation Energy", "Hydrogen Forum Alpine Mobility Industry")
    made = []
    for _ in range(120):
        start = date(2026, 3, 1) + timedelta(days=rng.randrange(6))
        end = start + timedelta(days=rng.choice((0, 0, 1, 2)))
        city = rng.choice(("krakow", "krakow", "krakow", "online", ""))
        made.append(EventFacts(start=start, end=end, alt=None, city=city or None,
                               city_key=city, name=None, title=rng.choice(titles), lead="",
                               language="en", url=f"https://site{rng.randrange(3)}.example/e",
                               postponed=rng.random() < 0.1))
    scored = 0
    for a in made:
        for b in rng.sample(made, 60):
            a2 = dataclasses.replace(a, alt=(a.start, a.end))
            b2 = dataclasses.replace(b, alt=(b.start, b.end))
            assert events._overlap(a, b) == events._overlap(a2, b2)
            assert events.pair_score(a, b) == events.pair_score(a2, b2) == events.pair_score(
                a2, b) == events.pair_score(a, b2)
            scored += events.pair_score(a, b) > 0
    assert scored > 100


@pytest.mark.parametrize("enabled", [True, False])
def test_finish_leaves_the_cycle_collector_as_it_found_it(enabled: bool) -> None:
    """Grouping pauses the cycle collector, and gives it back as it was, on failure too."""
    import gc

    from clustercrawl.dedupe import Deduper

    post = {"id": "00000000000000aa", "url": "https://a.example/p", "site_id": "a",
            "language": "en", "title": "Hydrogen Forum", "body_text": "word " * 40,
            "published": {"value": "2026-03-01"}, "crawl": {"fetched_at": "2026-03-02"},
            "event": {"start": "2026-03-10", "location": {"city": "Kraków"}}}
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        deduper = Deduper()
        deduper.add(post)
        assert deduper.finish().event("00000000000000aa") is not None
        assert gc.isenabled() is enabled
        failing = Deduper()
        failing.add(post)
        failing._nodes = None  # type: ignore[assignment,method-assign]
        with pytest.raises(TypeError):
            failing.finish()
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
