"""Speed-only paths of the main text give what the slower paths they replace give.

trafilatura's fast run sees the page with scripts, styles, svg, asides and footers swapped
for empty stand-ins (maintext._stand_ins); the embedded-post and lead-paragraph searches test a
substring in C before the exact test. Fixtures are written here, in our own words.
"""

from __future__ import annotations

from copy import deepcopy

import pytest
import trafilatura
from lxml import etree

from clustercrawl.extract import boilerplate, content, maintext
from clustercrawl.extract.content import drop_embedded_posts, with_lead
from clustercrawl.extract.dom import parse_html
from clustercrawl.extract.maintext import main_text

URL = "https://cluster.example/news/workshop"

ARTICLE = (
    "<h1>Werkstatt für Wasserstoff im Hafen</h1>"
    "<p>Zwölf Mitgliedsbetriebe haben sich am Dienstag im Hafengebäude getroffen, um über "
    "gemeinsame Tankstellen für Lieferwagen zu sprechen. Die Runde war größer als erwartet."
    "</p><p>Nach einer kurzen Einführung durch die Geschäftsstelle stellten drei Firmen ihre "
    "Pläne vor: ein Speicher am Kai, ein Elektrolyseur auf dem Dach einer Halle und ein "
    "gemeinsamer Einkauf von Fahrzeugen.</p>"
    "<script>var tracker = {page: 'news', words: 'Tankstelle Speicher Kai'};</script>"
    "<p>Im Herbst folgt ein zweites Treffen<svg viewBox='0 0 4 4'><path d='M0 0h4'/>"
    "<title>Pfeil</title></svg> mit den Stadtwerken und der Hafenverwaltung, bei dem die "
    "Kosten verteilt werden sollen.</p>"
)


def _page(article: str = ARTICLE, extra: str = "") -> str:
    return (
        "<html><head><title>Werkstatt</title><style>p { color: #333 }</style>"
        "<script type='application/ld+json'>{\"@type\": \"NewsArticle\"}</script></head><body>"
        "<nav><ul><li><a href='/'>Start</a></li><li><a href='/news'>Neuigkeiten</a></li></ul>"
        f"</nav><main><article>{article}</article>{extra}</main>"
        "<aside class='sidebar'><h3>Termine</h3><ul><li>Messe im Mai</li>"
        "<li>Sprechstunde jeden Freitag</li></ul></aside>nach der Seitenleiste"
        "<footer><p>Geschäftsstelle, Hafenstraße 1</p><svg><circle r='2'/></svg></footer>"
        "</body></html>"
    )


def _plain_fast_text(tree: etree._Element) -> str:
    """trafilatura's fast run on an untouched copy of the page (no stand-ins)."""
    doc = trafilatura.bare_extraction(deepcopy(tree), url=URL, options=maintext._options(URL, True))
    return (getattr(doc, "text", None) if doc is not None else None) or ""


PAGES = [
    _page(),
    _page(extra="<div class='comments'><p>Ein Leser schreibt etwas dazu.</p></div>"),
    # a short post: the text is measured against the page's (trafilatura's recall retry)
    _page("<h1>Kurz notiert</h1><p>Die Sprechstunde fällt diese Woche aus.</p>"
          "<script>document.write('x')</script>",
          extra="<aside><p>" + "Weitere Meldungen aus dem Verbund. " * 30 + "</p></aside>"),
]


@pytest.mark.parametrize("html", PAGES)
def test_fast_run_with_stand_ins_gives_the_text_of_the_untouched_page(html: str) -> None:
    tree = parse_html(html)
    assert tree is not None
    before = etree.tostring(tree)
    expected = _plain_fast_text(tree)
    assert main_text(tree, URL, fast=True) == expected
    assert etree.tostring(tree) == before  # every swapped subtree is back, tails included


def test_text_after_a_swapped_element_stays_in_the_text() -> None:
    tree = parse_html(_page())
    assert tree is not None
    text = main_text(tree, URL, fast=True)
    assert "Im Herbst folgt ein zweites Treffen mit den Stadtwerken" in text  # the svg's tail
    assert "tracker" not in text


def test_the_page_is_put_back_when_the_extraction_fails() -> None:
    tree = parse_html(_page())
    assert tree is not None
    before = etree.tostring(tree)
    with pytest.raises(RuntimeError), maintext._stand_ins(tree):
        assert not tree.xpath("//aside//li|//footer//p|//script[not(@type)]/text()|//svg/*")
        raise RuntimeError("extraction failed")
    assert etree.tostring(tree) == before


def test_json_ld_stays_for_trafilatura() -> None:
    tree = parse_html(_page())
    assert tree is not None
    with maintext._stand_ins(tree):
        assert tree.xpath("//script[@type='application/ld+json']/text()")


@pytest.mark.parametrize(("cls", "dropped"), [
    ("fb-post", True),
    ("embed\tfb-post\nwide", True),   # normalize-space() separators
    ("fb-posts", False),              # a longer word, not the token
    ("my-fb-post", False),
    ("sharedaddy sd-sharing-enabled", True),
    ("sharedaddy-like", False),
])
def test_embedded_boxes_are_whole_class_tokens(cls: str, dropped: bool) -> None:
    html = (f"<html><body><article><p>Text des Beitrags.</p><div class='{cls}'><p>Box</p>"
            "</div></article></body></html>")
    tree = parse_html(html)
    assert tree is not None
    assert drop_embedded_posts(tree) == int(dropped)
    assert ("Box" in tree.text_content()) is not dropped


LEAD = ("Der Verbund öffnet sein Labor für Schulklassen. Jeden ersten Mittwoch zeigen "
        "Fachleute, wie Sensoren in Maschinen Daten sammeln.")
BODY = "Anmeldungen nimmt das Büro entgegen.\nDie Plätze sind begrenzt."


def _lead_page(lead_html: str) -> str:
    return (f"<html><body><article><h1>Offenes Labor</h1>{lead_html}<p>Anmeldungen nimmt das "
            "Büro entgegen.</p><p>Die Plätze sind begrenzt.</p></article></body></html>")


def test_lead_written_with_runs_of_spaces_and_tabs_is_found() -> None:
    spread = LEAD.replace(" Labor ", "  Labor\t ").replace("zeigen ", "zeigen\t")
    tree = parse_html(_lead_page(f"<div class='intro-text'><p>{spread}</p></div>"))
    assert tree is not None
    assert with_lead(BODY, tree, LEAD).startswith(LEAD + "\n")


def test_lead_only_in_a_script_is_not_used() -> None:
    tree = parse_html(_lead_page(f"<script>var teaser = '{LEAD}';</script>"))
    assert tree is not None
    assert with_lead(BODY, tree, LEAD) == BODY


def test_text_nodes_found_are_those_normalize_space_finds() -> None:
    pieces = [LEAD, LEAD.replace(" ", "  "), LEAD.replace(" ", "\n"), LEAD[:50],
              LEAD.replace(" ", "\u00a0")]
    html = "<html><body>" + "".join(f"<div><p>{p}</p>x {p}</div>" for p in pieces) + (
        f"<noscript>{LEAD}</noscript></body></html>")
    tree = parse_html(html)
    assert tree is not None
    key = LEAD[:40]
    slow = etree.XPath("//body//text()[contains(normalize-space(.), $key)]"
                       "[not(ancestor::script or ancestor::style or ancestor::noscript)]")
    found = content._texts_with(tree, key)
    assert found == slow(tree, key=key)
    assert len(found) == 8  # four spellings hold the key, each as text and as tail


def _trailing_nav_without_shortcut(line: str) -> str:
    """boilerplate._strip_trailing_nav before its last-word check (the reference)."""
    body = line.rstrip(boilerplate._TRAIL_STRIP)
    words = body.split()
    for n in range(min(boilerplate._NAV_MAX_WORDS, len(words) - 1), 0, -1):
        tail = " ".join(words[-n:]).lower().strip(boilerplate._TRAIL_STRIP)
        if len(tail) > 4 and tail in boilerplate._NAV_SET:
            head = " ".join(words[:-n])
            set_off = (boilerplate._SET_OFF.search(line)
                       or boilerplate._SET_OFF_BEFORE.search(head)
                       or words[-n][0] in "«‹<[(|…•·–—-")
            if tail in boilerplate._PLAIN_WORDS and not set_off:
                return line
            return head.rstrip(" [(«‹<")
    return line


@pytest.mark.parametrize("line", [
    "Der Verbund lädt zum Sommerfest ein. Weiterlesen »",
    "Das Treffen fand im Rathaus statt [Czytaj więcej]",
    "Die Gäste kamen aus drei Ländern und gingen danach zurück",
    "Neue Mitglieder im Verbund … mehr",
    "Wir freuen uns auf Ihre Anmeldung. (Read more)",
    "Programm und Anmeldung: Lire la suite…",
    "Ein Satz, der mit »Zurück zur Übersicht« endet",
    "Der Bericht endet hier. «back to news»",
    "nur",
    "",
    "Zwei Wörter",
    "Pressemitteilung vom Montag → Zum Kalender hinzufügen",
])
def test_trailing_navigation_is_cut_as_without_the_last_word_check(line: str) -> None:
    assert boilerplate._strip_trailing_nav(line) == _trailing_nav_without_shortcut(line)
