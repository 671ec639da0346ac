"""mainrun drives trafilatura's sequence itself: it must give bare_extraction's text exactly.

Each page here runs through both, in fast and full mode, and the tests check that the page
really takes the branch it is written for (the spies count trafilatura's calls). Fixtures are
written here, in our own words; the evaldata test compares the two on real pages when
../shared is present (sampled, a minute at most).
"""

from __future__ import annotations

import logging
from contextlib import nullcontext
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest
import trafilatura
from lxml import etree
from lxml.html import fragment_fromstring
from trafilatura.baseline import html2txt
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

from clustercrawl.extract import content, mainrun, maintext
from clustercrawl.extract.dom import parse_html

URL = "https://verbund.example/aktuelles/treffen"
EVALDATA = Path(__file__).resolve().parents[1].parent / "shared" / "evaldata"

STORY = (
    "<p>Die Mitglieder des Verbunds haben sich in der alten Werkhalle getroffen, um über "
    "gemeinsame Ladepunkte für Lieferwagen zu beraten. Vertreten waren Speditionen, zwei "
    "Stadtwerke und ein Hersteller von Batteriespeichern aus der Region.</p>"
    "<p>Nach einer Einführung durch die Geschäftsstelle stellten drei Betriebe ihre Pläne vor. "
    "Ein Speicher am Kai, ein Dach voller Module und ein gemeinsamer Einkauf von Fahrzeugen "
    "standen zur Wahl; die Runde einigte sich auf eine Arbeitsgruppe bis zum Sommer.</p>"
)
SHORT = "<p>Die Sprechstunde am Freitag fällt diese Woche aus, sie wird nachgeholt.</p>"
PLAIN = "Eine lange Liste von Terminen und Hinweisen ohne eigene Absätze steht hier. " * 40


def page(article: str, extra: str = "", head: str = "", body_attrs: str = "") -> str:
    return (f"<html><head><title>Treffen</title>{head}</head><body{body_attrs}>"
            "<nav><ul><li><a href='/'>Start</a></li><li><a href='/a'>Aktuelles</a></li></ul></nav>"
            f"<main><article><h1>Treffen in der Werkhalle</h1>{article}</article>{extra}</main>"
            "<footer><p>Geschäftsstelle, Am Kai 3</p></footer></body></html>")


FORUM_HEAD = ("<script type='application/ld+json'>{\"@context\": \"https://schema.org\", "
              "\"@type\": \"DiscussionForumPosting\", \"headline\": \"Ladepunkte\"}</script>")
COMMENTS = ("<div id='comments' class='comments-area'><h3>Antworten</h3><ol class='commentlist'>"
            "<li class='comment'><p>Gute Idee, wir machen mit und bringen zwei Wagen.</p></li>"
            "<li class='comment'><p>Gibt es schon einen Termin für die Arbeitsgruppe?</p></li>"
            "</ol></div>")

PAGES: dict[str, str] = {
    "article": page(STORY + "<script>var seite = 'treffen';</script>"),
    "comments": page(STORY, COMMENTS),
    "forum": page(STORY, COMMENTS, head=FORUM_HEAD),
    "forum_array_type": page(STORY, COMMENTS, head=FORUM_HEAD.replace(
        '"DiscussionForumPosting"', '["WebPage", "DiscussionForumPosting"]')),
    # a post beside much more page text: trafilatura measures the page and retries in recall
    # mode, which finds no more
    "escalation": page(STORY, f"<nav>{PLAIN}</nav>"),
    # the same with part of the post in a teaser box, which only the recall mode keeps
    "escalation_recall": page(STORY + "<div class='teaser-text'><p>" + "Dieser Abschnitt steht "
                              "in einem Kasten und gehört doch zum Bericht. " * 14 + "</p></div>",
                              f"<nav>{PLAIN}</nav>"),
    # almost nothing in paragraphs: the baseline rescue on the raw tree
    "baseline": page("<p>Kurz gesagt.</p>", "<div class='widget'>" + "Ein Satz über das "
                     "Treffen. " * 8 + "</div>"),
    "json_ld_body": page("<div>Kurz.</div>", head=(
        "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"articleBody\": \""
        + "Der Text des Beitrags steht nur im strukturierten Block. " * 5 + "\"}</script>")),
    "infinite_scroll": page(STORY, "<div class='infinite-scroll-wrap'><article><h2>Nächster "
                            "Beitrag</h2><p>" + "Ein angehängter Beitrag. " * 20 + "</p></article>"
                            "</div><div id='mvp-post-add-box'><h1>Noch einer</h1><p>"
                            + "Noch ein angehängter Beitrag. " * 20 + "</p></div>"),
    "infinite_scroll_h1": page(STORY, "<section class='infinite-scroll'><h1>Eigentlicher "
                               "Titel</h1><p>" + "Text im Container mit Titel. " * 20
                               + "</p></section>"),
    "share": page(STORY + "<div class='elementor-share-buttons'><p>Teilen: Mail, Druck</p></div>"),
    "comment_lookalikes": page(STORY, "<div class='commentary'><p>" + "Ein Kommentar im Sinne "
                               "einer Einordnung, kein Leserbrief. " * 6 + "</p></div>"
                               "<ul id='commentary-list'><li>Punkt eins der Einordnung</li></ul>"
                               "<div id='comol-box'><p>Alte Kommentare</p></div>"
                               "<section id='disqus_thread'><p>Externe Kommentare</p></section>"
                               "<div id='dsq-comments'><p>Noch mehr</p></div>"
                               "<details class='post-comments'><p>Aufgeklappt</p></details>"
                               "<ul class='Comment-list'><li>Eine Leserfrage</li></ul>"
                               "<ol id='disqus_thread'><li>keine Kommentarliste</li></ol>"
                               "<aside id='comments'><p>keine Kommentarliste</p></aside>"
                               "<span class='comment'>auch keine</span>"),
    "nested_comments": page(STORY, "<div class='comment-wrap'><div id='comment-7'><p>innen"
                            "</p></div>nach innen</div>nach außen"),
    # prunes inside prunes, first children (the tail goes to the parent's text), a comment
    # node before a pruned element (the tail goes to the comment's tail), adjacent prunes
    "prunes_in_prunes": page(STORY, "<section>Anfang<div class='infinite-scroll'>innen<div "
                             "class='comments'>Leser</div>Rest<div class='elementor-share-buttons'"
                             ">Teilen</div></div>Mitte<!-- Notiz -->nach Notiz<ul id='comments'>"
                             "<li>eins</li></ul>nach Liste<div class='comment-a'>a</div><div "
                             "class='comment-b'>b</div>Ende</section>"),
    "minified_blocks": page("<div><div>Erste Zeile</div><div>zweite Zeile</div></div>" + SHORT
                            + "<table><tr><td>Zelle</td><td>Nachbar</td></tr></table>",
                            "<div class='site-footer'>" + "Impressum Kontakt " * 50 + "</div>"
                            "<div id='cookie-banner'>" + "Wir nutzen Cookies. " * 30 + "</div>"),
    "footer_class_first": page(STORY, "<div class='footer-links' id='unten'>" + "Links " * 400
                               + "</div><p>Ende</p>nach\xadher"),
    "footer_id_first": page(STORY, "<div id='unten' class='footer-links'>" + "Links " * 400
                            + "</div>"),
    "consent_unicode": page(SHORT, "<div class='coo\u212aie-banner'>" + "Zustimmung " * 80
                            + "</div><p class='Notice__Cookie'>weg</p><span id='ONETRUST'>x</span>"
                            "<div class='moove_gdpr_x'>y</div>nach dem Banner"),
    "soft_hyphens": page(SHORT, "<p>Ver\xadbund\xadtreffen <span>Lade\xadpunkte</span> am "
                         "Kai</p><!-- ein Hinweis -->nach dem Kommentar<?pi x?>und danach"),
    "empty_body": "<html><head><title>Leer</title></head><body></body></html>",
    "control_chars": page(SHORT.replace("Freitag", "Frei\u200btag\u0085"), "<div>"
                          + "Ein Hinweis\u200b ohne Absatz. " * 40 + "</div>"),
}


def _tree(html: str) -> etree._Element:
    tree = parse_html(html)
    assert tree is not None
    return tree


def _plain(tree: etree._Element, fast: bool, url: str = URL) -> str:
    doc = trafilatura.bare_extraction(deepcopy(tree), url=url, options=maintext._options(url, fast))
    return (getattr(doc, "text", None) if doc is not None else None) or ""


class Spy:
    """Counts calls of a function mainrun imported from trafilatura."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
        self.calls = 0
        real = getattr(mainrun, name)

        def spy(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            return real(*args, **kwargs)
        monkeypatch.setattr(mainrun, name, spy)


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_same_text_as_bare_extraction(name: str, fast: bool) -> None:
    tree = _tree(PAGES[name])
    before = etree.tostring(tree)
    assert mainrun.supported(maintext._options(URL, fast))
    assert mainrun.run(tree, maintext._options(URL, fast)) == _plain(tree, fast)
    assert etree.tostring(tree) == before  # the caller's tree is left as it was


def test_the_pages_take_their_branches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guards the fixtures: each page reaches the step it is written for."""
    html2txt_spy = Spy(monkeypatch, "html2txt")
    baseline_spy = Spy(monkeypatch, "baseline")
    focus: list[str] = []
    comments_seen: list[bool] = []
    real_extract = mainrun._extract

    def extract(tree: etree._Element, options: Any, url: str | None) -> Any:
        focus.append(options.focus)
        comments_seen.append(tree.find(".//div[@id='comments']") is not None)
        return real_extract(tree, options, url)
    monkeypatch.setattr(mainrun, "_extract", extract)

    def run(name: str) -> tuple[str, int, int, list[str]]:
        html2txt_spy.calls = baseline_spy.calls = 0
        focus.clear()
        text = mainrun.run(_tree(PAGES[name]), maintext._options(URL, True))
        return text, html2txt_spy.calls, baseline_spy.calls, list(focus)

    text, measured, _, runs = run("escalation")
    assert (measured, runs) == (0, ["balanced", "recall"])  # the lower bound decided
    assert "Ladepunkte" in text and "Termine" not in text
    text, measured, _, runs = run("escalation_recall")
    assert (measured, runs) == (0, ["balanced", "recall"])
    assert "Kasten" in text  # the retry's text was taken
    # a div whose class has "footer" and whose id has not: the bounds differ, html2txt decides
    assert run("footer_class_first")[1:] == (1, 0, ["balanced"])
    assert run("baseline")[2:] == (1, ["balanced"])
    assert run("json_ld_body")[2:] == (1, ["balanced"])
    # under the retry's 3000 characters, but a fifth of the bound already: not measured
    assert run("article")[1:] == (0, 0, ["balanced"])
    # the quick bound counts the footer div and the cookie banner, the walk does not
    assert run("minified_blocks")[1] == 0
    # the comment section is pruned from the raw tree, except on a forum thread
    for name, kept in (("comments", False), ("forum", True), ("forum_array_type", True)):
        comments_seen.clear()
        run(name)
        assert comments_seen == [kept], name


@pytest.mark.parametrize("padding", [0, 300, 2027, 2600, 20000])
def test_escalation_decision_at_every_text_length(padding: int) -> None:
    """The retry's test gives trafilatura's answer for every text length: at 0, at the 3000
    limit, at exactly a fifth of the page text, and on both sides of the bound."""
    tree = _tree(page(STORY, f"<nav>{'x' * padding}</nav>"))
    page_len = len(html2txt(tree))
    bound = mainrun.page_text_bound(tree)
    lengths = sorted({*range(3002), page_len // 5, bound // 5, bound // 5 + 1})
    for n in lengths:
        assert mainrun._escalates(tree, n) == (0 < n < 3000 and n < 0.2 * page_len), n
    if padding == 2027:  # the post's 511 characters are exactly a fifth of the page's 2555
        assert 511 in lengths and 0.2 * page_len == 511


@pytest.mark.parametrize("padding", [1000, 2000, 2026, 2027, 2028, 2100, 3000])
def test_same_text_around_the_escalation_threshold(padding: int) -> None:
    tree = _tree(page(STORY, f"<nav>{'x' * padding}</nav>"))
    assert mainrun.run(tree, maintext._options(URL, True)) == _plain(tree, True)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_text_bound_bounds_html2txt(name: str) -> None:
    tree = _tree(PAGES[name])
    assert mainrun.page_text_bound(tree) >= len(html2txt(tree))


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_text_bounds_hold_and_meet_without_doubt(name: str) -> None:
    tree = _tree(PAGES[name])
    before = etree.tostring(tree)
    lower, upper = mainrun.page_text_bounds(tree)
    assert lower <= len(html2txt(tree)) <= upper
    if name not in ("footer_class_first", "footer_id_first", "soft_hyphens", "control_chars"):
        assert lower == upper
    assert etree.tostring(tree) == before


def test_page_text_bounds_differ_only_where_html2txt_is_in_doubt() -> None:
    lower, upper = mainrun.page_text_bounds(_tree(PAGES["footer_class_first"]))
    assert upper - lower > 2000  # the div may go or stay: its 2400 characters
    lower, upper = mainrun.page_text_bounds(_tree(PAGES["soft_hyphens"]))
    assert upper - lower == 3  # three soft hyphens: remove_control_characters drops 2 of them
    assert len(html2txt(_tree(PAGES["soft_hyphens"]))) == upper - 2  # those in the <p>'s text


@pytest.mark.parametrize("value", [
    "cookie-banner", "COOKIE_NOTICE", "site-cookiebot", "notice--cookie", "consentmanager",
    "CMPLZ-x", "moove-gdpr", "OneTrust", "coo\u212aie-bar", "\u017fite coo\u212aie-law",
    "cookies-not-set", "consent", "cookie", "plain", "", "ba\u0131e", "onetru\u017ft",
    "con\u017fent-banner"])
def test_consent_prefilter_answers_as_the_regex(value: str) -> None:
    assert mainrun._consent(value) == (mainrun._CONSENT.search(value) is not None)


def test_page_text_bound_counts_the_spaces_put_between_blocks() -> None:
    # no whitespace anywhere: every block boundary becomes a space in html2txt
    tree = _tree("<html><body>" + "<div>a</div>" * 50 + "<p>b</p><p>c</p></body></html>")
    assert len(html2txt(tree)) == 103
    assert mainrun.page_text_bound(tree) >= 103
    fragment = fragment_fromstring("<div><p>a</p><p>b</p>c<br>d</div>")  # no body
    assert mainrun.page_text_bound(fragment) >= len(html2txt(fragment))


@pytest.mark.parametrize("name", sorted(PAGES))
def test_prune_lists_select_what_the_xpaths_select(name: str) -> None:
    tree = _tree(PAGES[name])
    scroll, share, comment = mainrun._prune_lists(tree)
    assert scroll == RAW_TREE_PRUNE_XPATH[0](tree)
    assert share == RAW_TREE_PRUNE_XPATH[1](tree)
    assert comment == REMOVE_COMMENTS_AND_LISTS_XPATH[0](tree)


def test_the_lookalikes_page_has_matches_and_misses() -> None:
    """The comment pattern's edges: "commentary" is not a comment section, ol/ul only by
    their own comment pattern, a list's disqus id is not one."""
    tree = _tree(PAGES["comment_lookalikes"])
    ids = [el.get("id") or el.get("class") for el in mainrun._prune_lists(tree)[2]]
    assert ids == ["comol-box", "disqus_thread", "dsq-comments", "post-comments", "Comment-list"]


def test_other_options_or_versions_run_bare_extraction(monkeypatch: pytest.MonkeyPatch,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    tree = _tree(PAGES["comments"])
    with_comments = maintext._options(URL, True)
    with_comments.comments = True
    assert not mainrun.supported(with_comments)
    doc = trafilatura.bare_extraction(deepcopy(tree), options=deepcopy(with_comments))
    assert doc is not None and not isinstance(doc, dict)
    assert mainrun.text(tree, with_comments) == doc.text

    def fail(*args: Any) -> str:
        raise AssertionError("mainrun.run used on another trafilatura version")
    monkeypatch.setattr(mainrun, "run", fail)
    monkeypatch.setattr(mainrun, "_PRIVATE_NAMES", False)  # a version without them
    assert not mainrun.supported(maintext._options(URL, True))
    monkeypatch.setattr(mainrun, "_PRIVATE_NAMES", True)
    monkeypatch.setattr(trafilatura, "__version__", "9.9.9")
    assert not mainrun.supported(maintext._options(URL, True))
    mainrun._warn_version.cache_clear()
    with caplog.at_level(logging.WARNING, logger=mainrun.__name__):
        assert mainrun.text(tree, maintext._options(URL, True)) == _plain(tree, True)
        assert mainrun.text(tree, maintext._options(URL, True)) == _plain(tree, True)
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warned) == 1 and "trafilatura 9.9.9" in warned[0], warned  # once, naming it
    mainrun._warn_version.cache_clear()


def test_evaldata_pages_give_the_same_text() -> None:
    from clustercrawl.extract.evaluation import load_pages

    pages = []
    for name, step in (("aeb", 2), ("trafilatura-eval", 8)):
        if not (EVALDATA / name / "pages").is_dir():
            pytest.skip(f"{EVALDATA / name} is absent (real pages, never copied into the repo)")
        pages += load_pages(EVALDATA / name)[::step]
    for i, p in enumerate(pages):
        tree = parse_html(p.html)
        if tree is None:
            continue
        content.unwrap_layout_tables(tree)
        content.drop_embedded_posts(tree)
        assert list(mainrun._prune_lists(tree)) == [
            RAW_TREE_PRUNE_XPATH[0](tree), RAW_TREE_PRUNE_XPATH[1](tree),
            REMOVE_COMMENTS_AND_LISTS_XPATH[0](tree)], p.url
        for fast in (True, False) if i % 3 == 0 else (True,):
            with maintext._stand_ins(tree) if fast else nullcontext():
                before = etree.tostring(tree)
                plain = _plain(tree, fast, p.url)
                ours = mainrun.run(tree, maintext._options(p.url, fast))
                assert etree.tostring(tree) == before, p.url  # the prunes were undone
            assert ours == plain, (p.url, fast)
