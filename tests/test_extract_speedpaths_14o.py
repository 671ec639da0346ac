"""Speed-only paths of extraction (issue 14, our own stages) give what the plain paths give.

Each test runs the fast path and the plain one it replaces on the same input: the grouped
vocabulary alternations against the flat ones, the date-shape windows against every shape
in every window, the line-bounded sentence scan against a scan from the start, the folded
share-link check against the case-insensitive one, the microdata reader that skips unread
text against extruct's full run, the one-walk head reader against its four XPaths, the
remembered vocabulary searches against fresh ones and the own-teaser link match against
the one that works out every link's host.
Fixtures are written here, in our own words.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from clustercrawl.dom import parse_html
from clustercrawl.extract import (
    daterange,
    eventdates,
    eventplace,
    folded,
    media,
    meta,
    ownteaser,
    posttype,
    vocab,
)
from clustercrawl.extract.structured import _microdata_nodes, read_structured

# ---------------------------------------------------------------------------- vocabulary

PROSE = [
    "Die Clusterkonferenz 2024 und der Praxisworkshop2 fanden in Linz statt; ein "
    "Netzwerkabend folgte, die Mitgliederversammlung tagte am Freitag.",
    "Gemessen an 2023 war die Fachmesse größer; wir treffen uns zum Stammtisch. "
    "Übertreffen wollen wir das Infotag-Format nicht.",
    "Konferencja i warsztaty odbyły się w Łodzi; walne zgromadzenie członków zwołano na maj.",
    "La conférence et les ateliers ont réuni 200 participants; la convention de partenariat "
    "est signée, la convention d'affaires aura lieu en juin.",
    "The cluster hosted a webinar and a summit; registration closes soon, the call is open.",
    "Se celebró la jornada y el congreso; el plazo de presentación termina el lunes.",
    "workshopworkshop2seminar konferenzXkongress_messe gipfelgipfel forum2forum",
    "",
]
TABLES = ["EVENT_WORDS", "REPORT_WORDS", "ANNOUNCE_WORDS", "CALL_WORDS", "DEADLINE_WORDS",
          "JOB_WORDS", "PRESS_WORDS", "CALL_LEAD_WORDS", "MEMBER_WORDS"]
_WRAP = r"(?<![^\W\d_])(?:{})(?![^\W\d_])"


def _spans(rx: re.Pattern[str], text: str) -> list[Any]:
    return [(m.span(), m.groups()) for m in rx.finditer(text)]


@pytest.mark.parametrize("table", TABLES)
def test_grouped_tables_match_where_the_flat_alternation_matches(table: str) -> None:
    fragments = [f for fs in getattr(vocab, table).values() for f in fs]
    flat = re.compile(_WRAP.format("|".join(fragments)))
    grouped = re.compile(_WRAP.format(folded.grouped_alternation(fragments)))
    assert grouped.pattern != flat.pattern  # the fast path is really taken
    for text in PROSE:
        low = text.lower()
        assert _spans(grouped, low) == _spans(flat, low)
        # and the whole FoldedPattern agrees with its case-insensitive form
        pattern = getattr(vocab, table.removesuffix("_WORDS"))
        assert [m.span() for m in pattern.finditer(text)] == [
            m.span() for m in pattern.pattern.finditer(text)]


# a made-up table with every shape the grouping handles: letter-led fragments sharing a
# first letter, "\w*X\w*" runs, fragments that must not move ("\w*X" without a trailing
# \w*, a lookahead first), a top-level "|" inside one fragment, a quantified first letter
TOY = [r"ab\w*", r"a", r"\w*cd\w*", r"\w*(?:ef|fe)\w*", r"\w*dd", r"(?!hc)\w*ch",
       r"ba|bb", r"e?ce", r"ac\w*", r"ada", r"b[a-c]d", r"\w*ha\w*", r"\w*a\w*",
       r"(?:ab|a)c", r"(?:h|c)d\w*", r"(?:e|f)?a", r"(?:|d)e", r"(?:b|\w*c)h\w*", r"(?:d|d2)"]


def test_grouped_toy_table_matches_the_flat_one_on_random_text() -> None:
    flat = re.compile(_WRAP.format("|".join(TOY)))
    grouped = re.compile(_WRAP.format(folded.grouped_alternation(TOY)))
    assert "a(?:b\\w*|)" in grouped.pattern and "\\w*(?:cd\\w*|" in grouped.pattern
    rnd = random.Random(14)
    for _ in range(3000):
        text = "".join(rnd.choice("abcdefh2 _-") for _ in range(rnd.randint(0, 40)))
        assert _spans(grouped, text) == _spans(flat, text), text


@pytest.mark.parametrize(("fragment", "expanded"), [
    (r"(?:a|ont)\s+accueilli", [r"a\s+accueilli", r"ont\s+accueilli"]),
    (r"(?:se\s+)?kona", [r"(?:se\s+)?kona"]),  # an optional group stays whole
    (r"(?:a(?:b|c)|[|)]x)y", [r"a(?:b|c)y", r"[|)]xy"]),
    (r"x(?:a|b)", [r"x(?:a|b)"]),
])
def test_a_leading_group_is_tried_alternative_by_alternative(
        fragment: str, expanded: list[str]) -> None:
    assert folded._expanded(fragment) == expanded


def test_a_table_with_capturing_groups_is_left_flat() -> None:
    fragments = [r"a(b)", r"ac"]
    assert folded.grouped_alternation(fragments) == "a(b)|ac"


@pytest.mark.parametrize(("fragment", "head"), [
    ("konferencj\\w*", "k"), ("ba|bb", None), ("e?ce", None), ("\\w*x", None),
    ("(?:a|b)c", None), ("a[|]c", "a"), ("a(?:b|c)", "a"), ("a\\|b", "a"), ("", None),
])
def test_only_plain_letter_led_fragments_are_grouped(fragment: str, head: str | None) -> None:
    assert folded._literal_head(fragment) == head


@pytest.mark.parametrize("text", [*PROSE, "Last FRIDAY and next monday, w ten piątek"])
def test_weekday_and_relative_scans_keep_their_groups(text: str) -> None:
    for fp in (eventdates._WEEKDAY_RX, eventdates._REL_RX):
        plain = re.compile(fp.pattern.pattern)  # the flat alternation, case-sensitive
        low = text.lower()
        assert [(m.span(), [m.span(i) for i in range(plain.groups + 1)])
                for m in fp.folded.finditer(low)] == [
            (m.span(), [m.span(i) for i in range(plain.groups + 1)])
            for m in plain.finditer(low)]


# ---------------------------------------------------------------------------- date shapes

DATED = [
    "Das Forum am 3.-5. Juni 2025 in Graz, Anmeldung bis 12.05.2025, 18:00 Uhr.",
    "We met 15 members in 2024; the fair runs June 30 - July 2, 2025 and again in March 2026.",
    "Spotkanie 20-21 października 2014 r. oraz 30 września - 2 października 2025.",
    "Version 2.1.2023 ships on 2023-04-05; call 0800 123 456, room 12, 40 seats.",
    "du 3 au 5 juin, le 1er juillet, 25 de noviembre de 2025, 5. 6. 2025, 03/06/2025",
    "No date here at all, only 7 partners and 300 visitors.",
]


def _all_shapes(text: str, month_only: bool) -> tuple[Any, ...]:
    """The plain scan: every shape in every window."""
    found = []
    for lo, hi, _ in daterange._digit_windows(text):
        for kind, rx in daterange._COMPILED:
            if kind == "month" and not month_only:
                continue
            found += [(m.start(), m.end(), daterange._KIND_ORDER[kind], kind, m.span())
                      for m in rx.finditer(text, lo, hi)]
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    return tuple(found)


@pytest.mark.parametrize("text", DATED)
@pytest.mark.parametrize("month_only", [True, False])
def test_date_shapes_run_only_where_they_can_match(text: str, month_only: bool) -> None:
    fast = daterange._raw_matches.__wrapped__(text, month_only)
    assert tuple((*f[:4], f[4].span()) for f in fast) == _all_shapes(text, month_only)


def test_a_window_without_year_or_month_runs_no_shape() -> None:
    assert daterange._window_patterns("15 members, 300 visitors", 0, 24) == ()
    assert daterange._window_patterns("3 June", 0, 6) == daterange._NAMED
    assert daterange._window_patterns("12.05.2025", 0, 10) == daterange._NUMERIC


# ---------------------------------------------------------------------------- sentences


def _plain_sentence_bounds(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start = 0
    for m in eventplace._SENTENCE_END.finditer(text, 0, span[0]):
        start = m.end()
    end = eventplace._SENTENCE_END.search(text, span[1])
    return start, end.start() if end else len(text)


def test_sentence_bounds_equal_a_scan_from_the_start() -> None:
    text = ("Intro line\nThe cluster met. Partners came from Graz. On 3 May the forum "
            "opened!\nSecond line without end 12 June\n\nAbc. Def 5 May")
    for i in range(len(text)):
        for j in (i, min(len(text), i + 5)):
            assert eventplace.sentence_bounds(text, (i, j)) == _plain_sentence_bounds(
                text, (i, j))


# ---------------------------------------------------------------------------- share links


@pytest.mark.parametrize("href", [
    "https://www.facebook.com/sharer/sharer.php?u=x", "https://WWW.LINKEDIN.COM/shareArticle?x",
    "https://twitter.com/intent/tweet?text=a", "MAILTO:office@example.org",
    "https://example.org/news/facebook-day", "https://exämple.org/teilen/x",
    "https://t.me/share/url?url=x", "/local/path.pdf", "https://wa.me/123",
])
def test_share_link_check_equals_the_case_insensitive_pattern(href: str) -> None:
    assert media.is_share_link(href) == (media._SHARE.search(href) is not None)


# ---------------------------------------------------------------------------- microdata

MICRODATA = """<html><body>
<div itemscope itemtype="https://schema.org/Event">
  <h1 itemprop="name">Cluster Forum</h1>
  <p itemprop="about">A long text nobody reads <b>at all</b>.</p>
  <time itemprop="startDate" datetime="2025-06-03">3 June</time>
  <div itemprop="location" itemscope itemtype="https://schema.org/Place">
    <span itemprop="name">Hall 2</span>
    <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
      <span itemprop="addressLocality">Graz</span><span itemprop="streetAddress">Main 1</span>
    </div>
  </div>
  <div itemprop="performer" itemscope itemtype="https://schema.org/Person">
    <span itemprop="name">Dr. A</span></div>
</div>
<article itemscope itemtype="https://schema.org/NewsArticle">
  <h2 itemprop="headline">Forum report</h2>
  <div itemprop="articleBody">Body text <i>with markup</i> here.</div>
  <meta itemprop="datePublished" content="2025-06-10">
</article>
<ol itemscope itemtype="https://schema.org/BreadcrumbList">
  <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">
    <a itemprop="item" href="/"><span itemprop="name">Home</span></a></li>
  <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">
    <span itemprop="name">Events</span></li>
</ol>
<div itemscope><span itemprop="name">An item without a type</span></div>
</body></html>"""


def _values(node: Any) -> list[Any]:
    """Every leaf value under a node."""
    if isinstance(node, list):
        return [v for n in node for v in _values(n)]
    if isinstance(node, dict):
        return [v for k, n in node.items() if k != "@type" for v in _values(n)]
    return [node]


def test_microdata_reader_skips_only_text_nobody_reads() -> None:
    tree = parse_html(MICRODATA)
    url = "https://example.org/e"
    fast = list(_microdata_nodes(tree, url))
    plain = list(_microdata_nodes(tree, url, every_property=True))
    assert [n.get("@type") for n in fast] == [n.get("@type") for n in plain]
    assert [sorted(n) for n in fast] == [sorted(n) for n in plain]
    skipped = set(_values(plain)) - set(_values(fast))
    assert {"A long text nobody reads at all.", "Home", "Events", "An item without a type"} <= skipped
    assert "Graz" not in skipped and "Cluster Forum" not in skipped
    data = read_structured(tree, url)
    assert data == read_structured(tree, url, every_property=True)
    assert data.events[0].city == "Graz" and data.events[0].venue == "Hall 2"
    assert data.headline == "Forum report" and data.published == "2025-06-10"
    assert "BreadcrumbList" in data.types



def test_every_property_the_reader_asks_for_is_one_the_microdata_reader_keeps() -> None:
    """READ_PROPERTIES is written by hand beside the code that reads nodes: a property read
    there but missing here would come back empty from microdata, with no error."""
    from clustercrawl.extract import structured

    source = Path(structured.__file__).read_text(encoding="utf-8")
    # every ``x.get("name")`` but the event API's dicts (``info``: not schema.org nodes)
    asked = set(re.findall(r"""\b(?!info\.)\w+\.get\(["']([A-Za-z]+)["']""", source))
    not_properties = {"type", "properties", "itemtype", "itemprop", "itemscope"}
    assert "startDate" in asked and "addressLocality" in asked  # the scan sees the reads
    assert asked - not_properties <= structured.READ_PROPERTIES


# ---------------------------------------------------------------------------- page head

HEAD = """<html lang="de"><head><title>First title</title>
<base href="/sub/"><base target="_blank">
<meta property="og:title" content="OG"><meta name="description" content=" A  b ">
<link rel="canonical" href="/c"><link rel="stylesheet"><link rel="alternate" hreflang="en"
 href="/en/c"></head><body><meta itemprop="datePublished" content="2024-01-02">
<svg><title>icon</title></svg><link rel="shortlink" href="/?p=3"><base href="/other/">
<script type="application/ld+json">{}</script><h1>Kopf</h1><script>var x;</script>
<div><h1>Zweiter Kopf</h1><script type="application/ld+json ">[]</script></div>
</body></html>"""


def test_one_walk_collects_what_the_four_xpaths_select() -> None:
    tree = parse_html(HEAD)
    metas, links, bases, titles, scripts, h1s, frames, bodies = meta._head_elements(tree)
    assert metas == etree.XPath("//meta")(tree)
    assert links == etree.XPath("//link[@href]")(tree)
    assert bases == [str(b) for b in etree.XPath("//base[@href]/@href")(tree)]
    assert titles == etree.XPath("//title")(tree)
    assert scripts == etree.XPath('//script[@type="application/ld+json"]')(tree)
    assert h1s == etree.XPath("//h1")(tree)
    assert frames == etree.XPath("//iframe")(tree) and bodies == etree.XPath("//body")(tree)
    page = meta.read_meta(tree, "https://example.org/x/page")
    assert page.base_url == "https://example.org/sub/"
    assert page.canonical == "https://example.org/c" and page.title_tag == "First title"
    assert page.meta["description"] == "A b" and page.meta["datepublished"] == "2024-01-02"


# ---------------------------------------------------------------------------- post type


def test_undated_cues_are_the_same_from_the_cache() -> None:
    title = "Review: Clusterkonferenz in Graz"
    body = "The conference was held in Graz last week. Partners met and discussed plans."
    posttype._undated_cues.cache_clear()
    first = posttype._undated_event(title, body, "/events/")
    again = posttype._undated_event(title, body, "/news/")
    assert posttype._undated_cues.cache_info().hits == 1
    posttype._undated_cues.cache_clear()
    assert (first, again) == (posttype._undated_event(title, body, "/events/"),
                              posttype._undated_event(title, body, "/news/"))
    assert first == "event_report"


def test_remembered_searches_equal_fresh_ones_and_stay_bounded() -> None:
    fp = folded.FoldedPattern(r"(?<![^\W\d_])(?:forum|treffen)(?![^\W\d_])")
    texts = ["Das FORUM tagt", "kein Treffpunkt", "Treffen am Main", "x" * 5000 + " forum"]
    for _ in range(2):
        for text in texts:
            found = fp.search(text)
            fresh = fp.pattern.search(text)
            assert (found.span() if found else None) == (fresh.span() if fresh else None)
    assert len(fp._found) == 3  # the long text is not kept
    for i in range(fp.CACHED_TEXTS + 10):
        fp.search(f"forum {i}")
    assert len(fp._found) <= fp.CACHED_TEXTS


def test_own_teaser_links_are_matched_as_without_the_path_shortcut() -> None:
    base = "https://www.example.org/news/forum-2024/"
    own = {ownteaser._key(base, base)}
    paths = {key[1] for key in own if key}
    hrefs = ["/news/forum-2024", "https://EXAMPLE.org/news/forum-2024/?ref=x", "../forum-2024",
             "/news/other", "https://other.org/news/forum-2024", "/", "#top", "mailto:a@b.c",
             "http://[bad", "https://www.example.org/news/forum-2024#c"]
    for href in hrefs:
        assert (ownteaser._key(href, base, paths) in own) == (ownteaser._key(href, base) in own)
    page = parse_html(
        '<html><body><h1>Forum</h1><ul><li><a href="/news/other">Other</a> 3 May 2024</li>'
        '<li><a href="/news/forum-2024/">Forum</a> <span>12 June 2024</span></li></ul>'
        "</body></html>")
    found = ownteaser.own_teaser_date(page, [base], "en")
    assert found is not None and found.value == "2024-06-12"
