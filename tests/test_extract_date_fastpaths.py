"""The publication date's fast paths, each run beside the plain path it replaces on the same
page: the lazy text walk next to the headline (byline.py) against the XPath it stands for,
and the label words ``labelled_date`` keeps (dates.py) against every label word found."""

from __future__ import annotations

import re
from itertools import islice

import pytest
from lxml import etree

from clustercrawl.extract import dates
from clustercrawl.extract.dom import parse_html
from clustercrawl.extract.folded import UNFOLDABLE
from clustercrawl.extract.textnodes import following_texts, preceding_texts

_FOLLOWING = etree.XPath(
    "following::text()[normalize-space()][not(ancestor::script or ancestor::style)]"
    "[position() <= 60]")
_PRECEDING = etree.XPath(
    "preceding::text()[normalize-space()][not(ancestor::script or ancestor::style)]"
    "[position() <= 15]")

WALK_PAGE = """<html><head><title>Walk</title><style>p { color: red }</style></head><body>
<div class="top">Lead-in <b>bold</b> tail<!-- a note -->after note
  <script>var when = "12.03.2021";</script>after script
  <p>&#160;</p>\t<p>   </p>
  <header><span>Kicker</span><h1>Heading <i>in italics</i> ends</h1>under heading
    <div class="meta"><span>By Anna</span> | <time datetime="2021-03-12">12 March 2021</time>
    </div></header>
  <style>.x{}</style>styled tail
  <section><p>First <a href="#">link</a> paragraph.</p><ul><li>one</li><li>two</li></ul>
  </section></div><footer>Footer text<script>1</script></footer></body></html>"""


def test_text_walks_give_the_xpath_nodes_in_the_same_order_from_every_element() -> None:
    tree = parse_html(WALK_PAGE)
    assert tree is not None
    for el in tree.iter():
        plain_after = [(str(t), t.getparent()) for t in _FOLLOWING(el)]
        fast_after = [(str(t), t.getparent()) for t in islice(following_texts(el), 60)]
        assert fast_after == plain_after, el.tag
        plain_before = [(str(t), t.getparent()) for t in reversed(_PRECEDING(el))]
        fast_before = [(str(t), t.getparent()) for t in islice(preceding_texts(el), 15)]
        assert fast_before == plain_before, el.tag


def test_text_walk_skips_scripts_and_keeps_a_non_breaking_space() -> None:
    tree = parse_html(WALK_PAGE)
    assert tree is not None
    heading = tree.find(".//h1")
    after = [str(t) for t in following_texts(heading)]
    assert not any("var when" in t for t in after)
    assert "\xa0" not in after  # the &#160; paragraph comes before the heading
    before = [str(t) for t in preceding_texts(heading)]
    assert "\xa0" in before  # normalize-space() keeps it: it is not XML white space


LABEL_PAGES = {
    # "date" and "data" only inside other words: no label starts with them here
    "update_only": """<html><body><p>Last update of the database: 4 May 2022</p>
        <div class="post">Published on 2 May 2022</div></body></html>""",
    # a whole label starting with "date"
    "date_published": """<html><body><p>Our database grew.</p>
        <p class="meta">Date published: 6 June 2021</p></body></html>""",
    # "Date" in five cased forms: the scan keeps four, so nothing may be dropped
    "many_forms": """<html><body><script>DaTe(); dATe(); datE(); DATE; date</script>
        <p>Date published: 7 July 2020</p><p>update</p></body></html>""",
    # a long s that a case-blind regex reads as "s"
    "long_s": """<html><body><p>Publiſhed on 8 August 2019</p>
        <p>update the data</p></body></html>""",
    # a French label whose first word overlaps itself
    "soumis": """<html><body><p>soumisoumis par Jean le 9 septembre 2018</p>
        <p>Soumis par Paul le 10 septembre 2018</p></body></html>""",
    # labels in a list of teasers that disagree: refused either way
    "listing": """<html><body><ul class="list"><li>Posted on 1 May 2022</li>
        <li>Posted on 3 May 2022</li></ul><p>data</p></body></html>""",
}


@pytest.mark.parametrize("name", sorted(LABEL_PAGES))
def test_labelled_date_with_fewer_label_words_finds_the_same_date(name: str) -> None:
    tree = parse_html(LABEL_PAGES[name])
    assert tree is not None
    for lang in ("en", "fr", None):
        fast = dates.labelled_date(tree, None, lang, None)
        plain = dates.labelled_date(tree, None, lang, None, fast=False)
        assert fast == plain


def _needed(name: str) -> tuple[set[str], set[str]]:
    tree = parse_html(LABEL_PAGES[name])
    assert tree is not None
    body = tree.find("body")
    text = body.text_content()
    labels = dates._labels_in(text)
    return labels, dates._needed_labels(text, text.lower(), labels)


def test_label_words_that_open_no_label_on_the_page_are_dropped() -> None:
    labels, needed = _needed("update_only")
    assert {"date", "data", "Published"} <= labels
    assert needed == {"Published"}
    labels, needed = _needed("date_published")
    assert needed == {"Date", "published"} and "data" in labels


@pytest.mark.parametrize("name", ["many_forms", "long_s", "soumis"])
def test_every_label_word_is_kept_where_the_scan_may_have_missed_one(name: str) -> None:
    labels, needed = _needed(name)
    assert needed == labels


def test_the_oddly_folding_characters_are_all_that_the_case_blind_label_regex_adds() -> None:
    """Every character that ``_LABEL_RX`` (case-blind) takes for a letter of a label while
    ``lower()`` gives another letter: the fast path keeps all labels on pages holding one."""
    letters = {ch for label in dates._LABELS for ch in label.lower() if ch.isalpha()}
    odd: set[str] = set()
    for ch in letters:
        rx = re.compile(re.escape(ch), re.IGNORECASE)
        odd.update(chr(cp) for cp in range(0x80, 0x2000)
                   if rx.fullmatch(chr(cp)) and chr(cp).lower() != ch)
    # U+0130 lower-cases to two characters: the length check catches it
    assert odd - {"\u0130"} == set(UNFOLDABLE)


UPDATE_PAGES = {
    "german": "<html><body><p>Zuletzt aktualisiert am 17.01.2021</p>"
              "<p>Stand: 17.01.2021</p></body></html>",
    "english": "<html><body><p>To understand it, see below.</p>"
               "<p>Last updated on 3 March 2022</p><p>Updated: 3 March 2022</p></body></html>",
    "glued": "<html><body><p>atlast updated 5 May 2021</p><p>outstanding 6 May 2021</p>"
             "</body></html>",
    "disagree": "<html><body><p>Last modified: 1 June 2020</p>"
                "<p>Mis à jour le 2 juin 2020</p></body></html>",
    # a dotless i that a case-blind regex takes for "i", and a dotted capital I that makes
    # the lower-cased text longer: the plain regex runs on both
    "dotless": "<html><body><p>Aktualısiert am 8.02.2019</p></body></html>",
    "dotted": "<html><body><p>İİİİ Aggiornato il 19 marzo 2018</p></body></html>",
}


@pytest.mark.parametrize("name", sorted(UPDATE_PAGES))
def test_update_labels_found_in_lower_case_give_the_same_date(name: str) -> None:
    tree = parse_html(UPDATE_PAGES[name])
    assert tree is not None
    for lang in ("en", "de", "it", None):
        fast = dates.labelled_updated_date(tree, lang, None)
        assert fast == dates.labelled_updated_date(tree, lang, None, fast=False)


@pytest.mark.parametrize("text", [
    "Zuletzt aktualisiert am: 1.2.2020, Stand 3.4.2021; understand, LAST UPDATED ON x",
    "xupdated, last  modified , Letzte Änderung: 5.5.2020, aggiornato il, actualizado el",
    "mis à jour le 3, MIS À JOUR, stand:, Standard, last updated, lastupdated",
])
def test_the_lower_case_update_regex_ends_where_the_case_blind_one_does(text: str) -> None:
    plain = [m.end() for m in dates._UPDATED_LABELLED.finditer(text)]
    fast = [m.end() for m in dates._UPDATED_LABELLED_LOW.finditer(text.lower())]
    assert plain and fast == plain


@pytest.mark.parametrize("text", [
    "Publié le 3 mai, PUBLIÉ, publie, créé, Créé par",
    "Veröffentlicht am 1.2.2020; VERÖFFENTLICHT; veroffentlicht",
    "Přidáno 2.3.2021, vytvořeno, zveřejněno, Vloženo, pridané",
    "Date published: none of the rare letters here, posted by data",
    "Gepubliceerd op, OPUBLIKOWANO, Publiziert, but no ublic word",
    "Posted on, written on, erstellt am: no p-u-b-l-i here",
    "",
])
def test_label_words_skipped_for_a_missing_letter_are_the_ones_absent(text: str) -> None:
    assert dates._labels_in(text) == dates._labels_in(text, fast=False)
    assert dates._labels_in(text + " é") == dates._labels_in(text + " é", fast=False)


TIME_PAGE = """<html><head><meta itemprop="datePublished" content="2020-01-02"></head><body>
<div itemscope itemtype="https://schema.org/Event"><span itemprop="datePublished"
  content="2019-05-06">May</span><time datetime="2019-05-07">7 May</time></div>
<article><abbr class="entry published" title="2021-02-03T10:00:00+01:00">10:00</abbr>
<abbr class="unpublished" title="2021-02-04">x</abbr>
<span itemprop="datePublished" datetime="2021-02-03">3 Feb</span>
<span itemprop="datePublished">no value</span><time>no attribute</time>
<time datetime="2021-02-05" itemprop="datePublished">5 Feb</time></article></body></html>"""


def test_one_pass_time_elements_are_the_three_pass_ones() -> None:
    from clustercrawl.extract import published

    tree = parse_html(TIME_PAGE)
    assert tree is not None
    for context in (tree, tree.find("body")):
        one_pass = dates.TIME_ELEMENTS_ONE_PASS(context)
        assert one_pass == dates._TIME_ELEMENTS(context) and len(one_pass) == 7
        itemprop = published._itemprop_published(one_pass)
        assert itemprop == published._ITEMPROP_PUBLISHED(context) and len(itemprop) == 3
        assert dates.time_element_date(tree, "en", None, one_pass) == dates.time_element_date(
            tree, "en", None)


TEASER_PAGE = """<html><body><h1>Our new lab opens</h1><p>Text of the post.</p>
<ul class="latest">
<li><a href="https://example.org/news/new-lab/">Our new lab opens</a> <span>04.05.2022</span></li>
<li><a href="../news/new-lab?ref=list">Again</a> <span>04.05.2022</span></li>
<li><a href="?page=2">More</a></li><li><a href="http://">Odd</a></li>
<li><a href="/news/other-post">Another post</a> <span>01.05.2022</span></li>
<li><a href="./">Here</a></li><li><a href="https://elsewhere.example/news/new-lab">Mirror</a>
 <span>02.05.2022</span></li></ul></body></html>"""


@pytest.mark.parametrize("url", ["https://example.org/news/new-lab",
                                 "https://example.org/news/new-lab/",
                                 "https://example.org/news/other-post"])
def test_own_teaser_with_the_link_prefilter_gives_the_plain_date(url: str) -> None:
    from clustercrawl.extract.ownteaser import own_teaser_date

    tree = parse_html(TEASER_PAGE)
    assert tree is not None
    fast = own_teaser_date(tree, [url], "de")
    assert fast == own_teaser_date(tree, [url], "de", fast=False)
    if url.endswith("other-post"):
        assert fast is not None and fast.value == "2022-05-01"


def test_the_link_prefilter_never_drops_a_link_that_resolves_to_the_page() -> None:
    """Links built from the pieces urljoin treats specially (dot segments, empty paths,
    bare schemes, parameters, stripped characters), against several bases."""
    import random

    from clustercrawl.extract import ownteaser

    pieces = ["", ".", "..", "/", "//", "?", ";", "#", "http:", "x:", "news", "item",
              "item;p", "\t", "\n", " ", "\x01", "h.de", "./", "../", "?q=1", ":", "%2e"]
    bases = ["http://h.de/news/item", "http://h.de/news/item/", "http://h.de/a/b/item;x?y",
             "http://h.de/"]
    rnd = random.Random(3)
    resolving = 0
    for _ in range(20000):
        base = rnd.choice(bases)
        own = {k for k in (ownteaser._key(u, base) for u in (base, "http://h.de/news"))
               if k is not None}
        paths = {path for _, path in own}
        lasts = {path[path.rfind("/") + 1:] for path in paths}
        href = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 5))).strip()
        if href and ownteaser._key(href, base, paths) in own:
            resolving += 1
            assert ownteaser._may_resolve_to(href, lasts), (base, href)
    assert resolving > 500


def test_json_ld_scripts_by_tag_walk_are_the_xpath_ones() -> None:
    from clustercrawl.extract import structured

    html = ("<html><head><script type='application/ld+json'>{\"a\": 1}</script>"
            "<script>var x;</script></head><body><div><script type='application/ld+json'>"
            "{\"b\": 2}</script><script type='application/LD+json'>{}</script></div>"
            "<script type=' application/ld+json'>{}</script></body></html>")
    tree = parse_html(html)
    assert tree is not None
    for context in (tree, tree.find("body")):
        walked = structured.jsonld_scripts(context)
        assert walked == structured._JSONLD_SCRIPTS(context) and len(walked) == 2
