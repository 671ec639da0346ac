"""Speed-only paths of the page reading around the body (issue 14) give what the plain paths
they replace give.

Each test runs the fast path beside the plain one on the same input: the Python walks for
the CMS body and the layout containers against their XPaths, safe absolute links against
urljoin/safe_url_string, a link's origin against urlsplit and a canonicalisation of the whole
URL, the folded line patterns of clean_body against the case-insensitive ones, the NUL check
on the page's bytes against the one on its text, the walks for rel links, JSON-LD scripts and
microdata items against their XPaths, and the language without a guess that cannot count
against the one that guesses. Fixtures are written here, in our own words.
"""

from __future__ import annotations

import random
import re
import sys
from urllib.parse import urlsplit

import lxml.html
import pytest
from extruct.w3cmicrodata import MicrodataExtractor
from lxml import etree

from clustercrawl import dom
from clustercrawl.extract import (
    boilerplate,
    content,
    core,
    ical,
    language,
    media,
    meta,
    pagekind,
    sitename,
    structured,
    taxonomy,
)
from clustercrawl.extract.folded import fold
from clustercrawl.urls import registered_domain

# ------------------------------------------------------------------------- containers

PAGES = [
    # a WordPress-like post: the CMS body marked twice, a sidebar widget named like it
    "<html><body class='single'><header id='main'><h1 class='site-title'>Netz</h1></header>"
    "<div id='content'><article class='post'><h1>Treffen der Mitglieder</h1>"
    "<div class='entry-content extra'><p>Wir trafen uns im Saal.</p></div>"
    "<div class='post-content-widget'><p>Andere Beiträge</p></div></article></div>"
    "<aside><div class='entry-contents'>Seitenleiste</div></aside></body></html>",
    # microdata body, a Drupal field and a builder's class glued into other names
    "<html><body><main role='main'><div itemprop='articleBody'><p>Der Text.</p></div>"
    "<div class='field field--name-body-summary'>Kurz</div>"
    "<section class='xitem-pagex'>Nicht gemeint</section></main>"
    "<div role='main' id='content'>Zweiter Bereich</div><div role='main'>Dritter</div>"
    "</body></html>",
    # layout only: several articles, an id='main' outside any main element, no CMS class
    "<html><body><div id='main'><article><h2>Erste Meldung</h2></article>"
    "<article><h1>Zweite Meldung</h1><p>Text</p></article></div>"
    "<footer><article>Fußnote</article></footer></body></html>",
    # no body element at all (a fragment), classes without quotes and upper-case tags
    "<DIV CLASS=entry-content><P>Ohne Anführungszeichen</P></DIV><MAIN>Haupt</MAIN>",
    # attributes with odd spacing and an empty class
    "<html><body><div class=''>leer</div><div class=' news-single  '>Meldung</div>"
    "<div itemprop='articleBody headline'>zwei Eigenschaften</div><main></main></body></html>",
]


@pytest.mark.parametrize("html", PAGES)
def test_marked_elements_are_what_the_xpath_selects(html: str) -> None:
    tree = dom.parse_html(html)
    assert tree is not None
    for names in (content._CONTAINER_CLASSES, ("entry-content",), ("item-page", "news-single"),
                  ()):
        assert content._marked_elements(tree, names) == content._containers(names)(tree)
        inner = tree.find(".//body") if tree.find(".//body") is not None else tree
        # from any element of the page, as the XPath's // does
        assert content._marked_elements(inner, names) == content._containers(names)(inner)


@pytest.mark.parametrize("html", [*PAGES, "<p>ohne Hauptbereich</p>", "<div role='main'>Erster"
                                  "</div><div id='main'>Zweiter</div><main>Dritter</main>"])
def test_first_main_is_what_the_xpath_selects_first(html: str) -> None:
    tree = dom.parse_html(html)
    assert tree is not None
    mains = content._MAINS(tree)
    assert content.first_main(tree) is (mains[0] if mains else None)
    assert list(tree.iter("article")) == content._ARTICLES(tree)  # the walks the layout
    assert list(tree.iter("body")) == content._BODY(tree)  # container takes for these two
    for el in tree.iter(etree.Element):  # from any element, as the XPath's //
        assert content.first_main(el) is (mains[0] if mains else None)


def test_containers_pick_the_same_elements_as_with_the_xpaths(
        monkeypatch: pytest.MonkeyPatch) -> None:
    fast = []
    for html in PAGES:
        tree = dom.parse_html(html)
        assert tree is not None
        h1 = tree.find(".//h1")
        fast.append([content.containers(tree, h1, html), content.containers(tree, None)])
    monkeypatch.setattr(content, "_marked_elements",
                        lambda tree, names: content._containers(tuple(names))(tree))
    monkeypatch.setattr(content, "first_main", lambda tree: next(iter(content._MAINS(tree)),
                                                                 None))
    for html, found in zip(PAGES, fast, strict=True):
        tree = dom.parse_html(html)
        assert tree is not None
        h1 = tree.find(".//h1")
        plain = [content.containers(tree, h1, html), content.containers(tree, None)]
        assert [[_path(e) for e in pair] for pair in found] == [
            [_path(e) for e in pair] for pair in plain]


def _path(el: etree._Element | None) -> str | None:
    return None if el is None else el.getroottree().getpath(el)


# ------------------------------------------------------------------------------ links

BASES = ["https://www.cluster-nord.example/aktuelles/treffen.html?seite=2",
         "HTTPS://Netz.example/Gross/", "https://netz.example?x=1", "https://netz.example#f",
         "https://netz.example:8443/a/b", " https://netz.example/a",
         "http://verband.example/", "https://netz.example", "https://[::1]/x",
         "https://straße.example/a/", "", "http://p.example/a/b;x?y#z"]
HREFS = [
    "https://www.partner.example/projekte/wasserstoff/", "https://a.example/p?x=1&y=2",
    "https://a.example/p?", "https://a.example/p#teil", "https://a.example/p;v=1",
    "https://a.example/p;", "https://a.example/p;?x=1",
    "https://a.example/a/../b/./c", "https://a.example/%7Euser/%zz", "https://A.example/Gross",
    "https://a.example", "https://a.example:8080/x", "https://nutzer@a.example/x",
    "https://10.0.0.1/x", "https://a.example/ä", "https://a.example/x y",
    "https://a.example/x|y", "https://a.example/x'y", "https://xn--strae-oqa.example/x",
    "http://a.example/?q", "//cdn.example/bild.jpg", "/seite/zwei?x=1", "../oben",
    "bild.png", "?seite=3", "#anker", "mailto:info@a.example", "javascript:void(0)",
    " https://a.example/mit-leerzeichen ", "https://a.example/zeile\numbruch",
    "https://a.example/p?a=1&amp;b=2", "HTTPS://a.example/x", "https://a-.example/x",
    "https://a..example/x", "https://1.example/x", "https://a.example/x?y?z", "/a/./b", "/a/../b", "/a//b", "/.", "/..", "/a/.", "/a/..?x=1",
    "/a/.b/c..", "/", "/?", "/?x", "/x;y", "/x%zz", "/x'y", "/ä", "/x?a=1&amp;b=2",
]


def test_safe_links_resolve_as_through_every_step() -> None:
    fast_taken = rooted = 0
    for base in BASES:
        for href in HREFS:
            fast = dom._absolutize_uncached(href, base)
            assert fast == dom._absolutize_uncached(href, base, fast=False), (href, base)
            fast_taken += dom._SAFE_URL.fullmatch(href.strip()) is not None
            rooted += bool(dom._ROOTED.fullmatch(href) and dom._SAFE_ORIGIN.match(base))
    assert fast_taken >= 2 * len(BASES) and rooted >= 20  # the fast paths are really taken


def test_random_links_resolve_as_through_every_step() -> None:
    rnd = random.Random(14)
    hosts = ["a.example", "www.b-c.example", "x1.y2.example", "xn--bcher-kva.example",
             "-a.example", "a.example.", "a.example:80", "u@a.example", "A.example", "1.2.3.4"]
    parts = [*"aZ09-._~!$&()*+,=:@/%?#;'|[] ", "%2e", "..", "/./", "/../", "//", "&amp;"]
    taken = 0
    for _ in range(5000):
        href = rnd.choice(["https://", "http://", "//", "/", ""]) + rnd.choice(hosts) + "/" + (
            "".join(rnd.choice(parts) for _ in range(rnd.randint(0, 8))))
        base = rnd.choice(BASES)
        assert dom._absolutize_uncached(href, base) == dom._absolutize_uncached(
            href, base, fast=False), (href, base)
        taken += dom._SAFE_URL.fullmatch(href) is not None
    assert taken > 300


def test_origin_and_path_are_what_urlsplit_reads() -> None:
    urls = [u for u in (dom.absolute_url(h, b) for b in BASES for h in HREFS) if u]
    urls += ["https://a.example?x=1", "https://a.example#f", "https://u:p@a.example:81/x?y#z"]
    for url in urls:
        parts = urlsplit(url)
        assert media.split_origin(url) == (f"{parts.scheme}://{parts.netloc}", parts.path)
        assert media._organisation(media.split_origin(url)[0]) == registered_domain(url)


def test_links_out_are_the_same_with_the_whole_url_checked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    html = ("<div><a href='https://partner.eu/projekt'>Partner</a>"
            "<a href='https://sub.netz.eu/intern'>intern</a>"
            "<a href='/agenda.pdf'>Tagesordnung</a><a href='https://netz.eu:8443/x'>Port</a>"
            "<a href='https://www.partner.eu/projekt?x=1'>wieder</a></div>")
    tree = dom.parse_fragment(html)
    assert tree is not None
    page = "https://www.netz.eu/news/a"
    fast = media.collect_media(tree, page, page)

    def plain_origin(url: str) -> tuple[str, str]:
        return url, urlsplit(url).path  # the whole URL stands for its origin

    monkeypatch.setattr(media, "split_origin", plain_origin)
    plain = media.collect_media(tree, page, page)
    assert fast == plain
    assert fast.links_out == ["https://partner.eu/projekt",
                              "https://www.partner.eu/projekt?x=1"]


# ------------------------------------------------------------------------- clean_body

LINES = [
    "Melden Sie sich für unseren Newsletter an: zum Newsletter", "SUBSCRIBE TO OUR NEWSLETTER",
    "Sign up for the weekly newsletter", "ſubscribe to our newsletter today",
    "Lesen Sie auch: Der neue Vorstand", "SIEHE AUCH » Termine", "Zum Thema: Wasserstoff",
    "Diese Website verwendet Cookies, um die Nutzung zu verbessern.",
    "THIS SITE USES COOKIES", "This ſite uses cookıes to work", "Cookie-Einstellungen",
    "İnternet sayfamız cookie kullanır", "Continue reading", "Jetzt spenden!",
    "Die Messe war gut besucht, über 300 Gäste kamen.", "ANZEIGE", "Werbung: Hier klicken",
    "K" + "ookie uses", "Pour lire la suite, abonnez-vous", "Déjà abonné ? Connectez-vous",
    ">> Hier geht es zum Bericht über die Messe <<", ">> İİİİİİ <<",
]


@pytest.mark.parametrize("line", LINES + [line.upper() for line in LINES])
def test_folded_line_checks_equal_the_case_insensitive_ones(line: str) -> None:
    assert boilerplate._is_promo(line) == boilerplate._is_promo(line, fold=False)
    assert boilerplate._is_cookie(line) == boilerplate._is_cookie(line, fold=False)


def test_some_lines_are_really_folded_and_dropped() -> None:
    assert fold("Sign up for the weekly newsletter") is not None
    assert boilerplate._is_promo("Sign up for the weekly newsletter")
    assert boilerplate._is_cookie("Diese Website verwendet Cookies, um die Nutzung zu verbessern.")
    assert fold("ſubscribe") is None and fold("İ") is None


@pytest.mark.skipif(sys.maxunicode < 0x10FFFF, reason="needs the whole of Unicode")
def test_the_unfoldable_characters_are_all_the_ones_ignorecase_treats_otherwise() -> None:
    """Every character that re.IGNORECASE matches with a letter of the folded patterns but
    lowercasing does not turn into that letter (or the other way round) is one fold
    refuses: found over all of Unicode."""
    letters: set[str] = set()
    for rx in (p.folded for p in (boilerplate._TEASER, boilerplate._PROMO, boilerplate._COOKIE,
                                  boilerplate._COOKIE_CONTEXT)):
        source = rx.pattern
        assert source == source.lower() or not re.search(r"(?<!\\)[A-Z]", source)
        i = 0
        while i < len(source):
            if source[i] == "\\":
                i += 2
                continue
            if source[i].isalpha():
                letters.add(source[i])
            i += 1
    any_letter = re.compile("[" + "".join(sorted(letters)) + "]", re.IGNORECASE)
    odd = set()
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        low = char.lower()
        folds_to = len(low) == 1 and low in letters
        ignorecase = any_letter.fullmatch(char) is not None
        if ignorecase != folds_to or (folds_to and any(
                re.fullmatch(re.escape(letter), char, re.IGNORECASE) and low != letter
                for letter in letters)):
            odd.add(char)
    assert odd
    for char in odd:
        assert fold(f"cookie {char} newsletter") is None, hex(ord(char))


# ---------------------------------------------------------------------------- parsing


def _plain_parse(html: str) -> etree._Element | None:
    """parse_html as it was: the NUL search and strip on the text."""
    if "\x00" in html:
        html = html.replace("\x00", "")
    if not html.strip():
        return None
    return lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"),
                                         parser=dom._PARSER)


@pytest.mark.parametrize("html", [
    "<p>Grüße\x00 aus Łódź</p>", "\x00", "\x00 \x00\u2003", " \n\t", "", "\u3000",
    "<p>a\x00b</p>\x00", "<html><body><p>ohne Nullzeichen \ud83d\ude00</p></body></html>",
    "\x00<p>x</p>", "<p>\udc80 einzelnes Surrogat</p>",
])
def test_pages_with_nul_characters_parse_as_before(html: str) -> None:
    fast, plain = dom.parse_html(html), _plain_parse(html)
    if plain is None:
        assert fast is None
    else:
        assert fast is not None
        assert etree.tostring(fast) == etree.tostring(plain)


# -------------------------------------------------------------------- walks for XPaths

WALKED = [
    "<html itemscope><head><script type='application/ld+json'>{}</script>"
    "<script type='text/javascript'>x</script></head><body>"
    "<a href='/kategorie/messe' rel='category tag'>Messe</a><a rel='tag'>ohne Ziel</a>"
    "<a href='/x' rel=''>leer</a><a href='/y'>ohne rel</a>"
    "<script type='application/ld+json '>{}</script>"
    "<div><script type='application/ld+json'>[]</script></div></body></html>",
    "<html><body><div itemscope itemtype='https://schema.org/Event'>x</div>"
    "<p>kein Link</p></body></html>",
    "<p>Nur Text, keine Elemente mit Attributen</p>",
]


@pytest.mark.parametrize("html", WALKED)
def test_walks_find_what_the_xpaths_select(html: str) -> None:
    tree = dom.parse_html(html)
    assert tree is not None
    assert taxonomy.rel_links(tree) == taxonomy._REL_LINKS(tree)
    assert structured.jsonld_scripts(tree) == structured._JSONLD_SCRIPTS(tree)
    assert structured.has_itemscope(tree) == bool(structured._ITEMSCOPE(tree))


# --------------------------------------------------------------------------- language

LONG = ("Die Mitglieder des Netzwerks trafen sich am Hafen, um über gemeinsame Projekte zu "
        "sprechen. Es ging um Speicher, Leitungen und die Kosten für die Betriebe. ") * 6


@pytest.mark.parametrize("declared,text", [
    (["pl"], "Krótki tekst po niemiecku: " + LONG[:150]),  # short: the tag stays
    (["pl"], LONG[:399]), (["pl"], LONG[:400]), (["pl"], LONG), ([None], LONG[:300]),
    ([None], LONG[:150]), (["en-GB"], ""), ([None], ""),
])
def test_language_without_a_useless_guess_is_the_same(declared: list[str | None],
                                                      text: str) -> None:
    assert language.detect_language(declared, None, "fr", text) == language.detect_language(
        declared, None, "fr", text, fast=False)


@pytest.mark.parametrize("html", WALKED + PAGES)
def test_the_head_walk_gives_the_scripts_and_h1s_the_xpaths_select(html: str) -> None:
    tree = dom.parse_html(html)
    assert tree is not None
    page = meta.read_meta(tree, "https://netz.eu/a")
    assert page.ld_scripts == structured._JSONLD_SCRIPTS(tree)
    assert page.h1s == content._H1(tree)
    titles = ["Zweite Meldung", "Treffen der Mitglieder"]
    assert content.find_headline(tree, titles, page.h1s) is content.find_headline(tree, titles)
    assert structured.read_structured(tree, "https://netz.eu/a", scripts=page.ld_scripts) == (
        structured.read_structured(tree, "https://netz.eu/a"))


MENU_ITEM = (
    "<html><body><nav itemscope itemtype='https://schema.org/SiteNavigationElement'>"
    "<a href='/'>Start</a> <a href='/termine'>Termine</a> <a href='/kontakt'>Kontakt</a></nav>"
    "<div itemscope itemtype='https://schema.org/Event'><h2 itemprop='name'>Sommerfest</h2>"
    "<time itemprop='startDate' datetime='2025-07-04'>4. Juli</time>"
    "<div itemprop='location' itemscope itemtype='https://schema.org/Place'>Halle am Fluss"
    "</div></div></body></html>"
)


def test_items_without_properties_keep_their_text_unread() -> None:
    tree = dom.parse_html(MENU_ITEM)
    assert tree is not None
    url = "https://netz.eu/fest"
    fast = structured.ReadPropertiesExtractor().extract_items(tree, url)
    plain = MicrodataExtractor().extract_items(tree, url)
    assert fast[0]["value"] == "" and "Termine" in plain[0]["value"]
    assert fast[1]["properties"]["location"]["value"] == ""
    assert "Halle" in plain[1]["properties"]["location"]["value"]
    data = structured.read_structured(tree, url)
    assert data == structured.read_structured(tree, url, every_property=True)
    assert data.events[0].name == "Sommerfest" and data.events[0].start == "2025-07-04"


LEAD_PAGE = (
    "<html><body><h1>Neue Halle</h1><p class='intro'>Der Verband eröffnet im März eine "
    "Halle für Prüfstände. Mitglieder\u00a0können sie ab Mai buchen.</p>"
    "<p class='dek'>Eine\tZeile unter dem Titel, die auch als Beschreibung dient und lang "
    "genug ist</p><div>Der Rest des Beitrags steht hier.</div></body></html>"
)


@pytest.mark.parametrize("text,description", [
    ("Der Rest des Beitrags steht hier.", "Der Verband eröffnet im März eine Halle für "
     "Prüfstände. Mitglieder können sie ab Mai buchen."),
    ("Der Verband eröffnet im März eine Halle für Prüfstände.\n  Mitglieder können",
     "Der Verband eröffnet im März eine Halle für Prüfstände. Mitglieder können sie ab Mai."),
    ("Der Verband eröffnet   im März eine Halle\u00a0für Prüfstände. Rest.",
     "Der Verband eröffnet im März eine Halle für Prüfstände. Mitglieder können sie ab Mai."),
    ("Der Rest.", "Eine Zeile unter dem Titel, die auch als Beschreibung dient und lang genug"),
    ("", "Der Verband eröffnet im März eine Halle für Prüfstände. Mitglieder können sie ab."),
    ("Ganz anderer Text ohne die Wörter der Beschreibung, aber lang genug für den Vergleich",
     "Etwas völlig Unbekanntes steht in der Beschreibung und nirgends auf der Seite sonst"),
])
def test_lead_is_found_as_with_the_text_flattened_first(text: str, description: str) -> None:
    tree = dom.parse_html(LEAD_PAGE)
    assert tree is not None
    assert content.with_lead(text, tree, description) == content.with_lead(
        text, tree, description, fast=False)


FRAMES = (
    "<html><head><iframe src='https://www.youtube.com/embed/aaaaaaaaaaa'></iframe></head>"
    "<body class='post single'><header><iframe src='/kopf'></iframe></header>"
    "<article><p>Video:</p><iframe src='https://player.vimeo.com/video/123456'></iframe>"
    "<div class='fb-post'><iframe src='https://facebook.example/p'></iframe></div>"
    "<aside><div><iframe src='/seitenleiste'></iframe></div></aside></article>"
    "<nav><iframe src='/menue'></iframe></nav><div><iframe src='/karte'></iframe></div>"
    "<footer><iframe src='/fuss'></iframe></footer></body></html>"
)


def test_frames_still_in_the_page_are_what_the_xpath_selects() -> None:
    tree = dom.parse_html(FRAMES)
    assert tree is not None
    page = meta.read_meta(tree, "https://netz.eu/a")
    assert media.visible_frames(page.iframes, tree) == core._IFRAMES(tree)
    assert len(core._IFRAMES(tree)) == 4  # (the parser moves the head's frame into the body)
    content.drop_embedded_posts(tree)  # removes the Facebook frame from the page
    assert media.visible_frames(page.iframes, tree) == core._IFRAMES(tree)
    assert [f.get("src") for f in core._IFRAMES(tree)] == [
        "https://www.youtube.com/embed/aaaaaaaaaaa", "https://player.vimeo.com/video/123456",
        "/karte"]


BODY_CLASSES = [
    "<html><body class='single-post postid-7' id='page-id-3'><p>Beitrag</p></body></html>",
    "<html><body id='single-post' class='page-template-default'><p>Seite</p></body></html>",
    "<html><body><p>ohne Klasse</p></body></html>",
]


@pytest.mark.parametrize("html", [FRAMES, *PAGES, *WALKED, *BODY_CLASSES])
def test_body_class_from_the_walk_decides_as_the_xpath(html: str) -> None:
    tree = dom.parse_html(html)
    assert tree is not None
    page = meta.read_meta(tree, "https://netz.eu/a")
    for url in ("https://netz.eu/news/treffen", "https://netz.eu/?page_id=3"):
        for dated in (True, False):
            signals = pagekind.PageSignals(url=url, types=frozenset(), og_type=None,
                                           has_headline=True, page_dated=dated,
                                           body_chars=500, hint_channel=None)
            assert pagekind.is_post(signals, tree, page.bodies) == pagekind.is_post(
                signals, tree)


CALENDAR = (
    "<html><head><script>var k = 'BEGIN:VEVENT';</script><script>var x = 1;</script></head>"
    "<body><div class='fb-post-wrap'><a href='https://calendar.google.com/render?x'>Google</a>"
    "</div><div class='x sharedaddy sd-sharing'><pre>BEGIN:<b>VEVENT</b>\nEND:VEVENT</pre></div>"
    "<a href='data:text/calendar;charset=utf8,BEGIN:VCALENDAR'>ics</a><a>ohne Ziel</a>"
    "<a href='https://outlook.office.com/calendar/0/deeplink'>Outlook</a>"
    "<a href='https://example.eu/data:text/calendar'>kein Kalender</a>"
    "<div class='FB-POST'>groß</div><pre>BEGIN:VEVENT <pre>innen</pre></pre></body></html>"
)


@pytest.mark.parametrize("html", [CALENDAR, FRAMES, *PAGES, *WALKED])
def test_calendar_and_embedded_walks_find_what_the_xpaths_select(html: str) -> None:
    tree = dom.parse_html(html)
    assert tree is not None
    assert ical.calendar_links(tree) == [str(h) for h in ical._LINKS(tree)]
    assert ical.inline_calendars(tree) == ical._INLINE(tree)
    assert content.embedded_divs(tree) == content._EMBEDDED(tree)


def test_the_calendar_fixture_exercises_every_branch() -> None:
    tree = dom.parse_html(CALENDAR)
    assert tree is not None
    assert len(ical.calendar_links(tree)) == 3 and len(ical.inline_calendars(tree)) == 3
    assert len(content.embedded_divs(tree)) == 2


SPACES = [" ", "  ", "\t", "\u00a0", "\u2003", "\u200b", "\u202f", "\u3000", "\u1680", "\n",
          "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029", "\x1f"]


def test_spaces_collapse_as_line_by_line() -> None:
    rnd = random.Random(3)
    samples = ["", "ein Satz", "  vorne und hinten  ", "a \u00a0 b\n\n  c\td", "x\u200by"]
    for _ in range(3000):
        samples.append("".join(rnd.choice([*SPACES, "wort", "ß", "é", "1"])
                               for _ in range(rnd.randint(1, 12))))
    for text in samples:
        assert dom.norm_space(text) == dom.norm_space(text, fast=False), repr(text)
    assert dom.norm_space("a  b\u00a0\u00a0c\n \n d") == "a b c\nd"


TABLES = (
    "<html><body><table><tr><td><h2>Titel in der Zelle</h2></td><td>kurz</td></tr>"
    "<tr><td><p>eins</p><p>zwei</p></td><td><div><p>tief</p><p>tiefer</p></div></td></tr>"
    "<tr><td><table><tr><td><p>a</p><p>b</p><p>c</p></td></tr></table></td></tr></table>"
    "<p>© 2024 Kopfzeile</p><footer><p>© Verband Nord e.V.</p>Text ©</footer>"
    "<div>noch ein © Hinweis</div></body></html>"
)


@pytest.mark.parametrize("html", [TABLES, CALENDAR, *PAGES])
def test_layout_cells_and_copyright_texts_are_what_the_xpaths_select(html: str) -> None:
    tree = dom.parse_html(html)
    assert tree is not None
    assert content.layout_cells(tree) == content._LAYOUT_CELLS(tree)
    fast, plain = sitename._COPYRIGHT_TEXTS(tree), sitename._COPYRIGHT(tree)
    assert [(str(t), t.getparent(), t.is_tail) for t in fast] == [
        (str(t), t.getparent(), t.is_tail) for t in plain]


def test_the_table_fixture_has_cells_of_every_kind() -> None:
    tree = dom.parse_html(TABLES)
    assert tree is not None
    assert len(content.layout_cells(tree)) == 3  # h2 cell, two-p cell, nested three-p cell
    assert len(sitename._COPYRIGHT_TEXTS(tree)) == 4


@pytest.mark.parametrize("title", ["Treffen der Mitglieder | Netz Nord", "ＦＵＬＬＷＩＤＴＨ – Ｔｉｔｅｌ",
                                   "Straße_und_Weg!!", "", "x" * 600, "İstanbul · DİJİTAL"])
def test_remembered_titles_normalise_as_fresh_ones(title: str) -> None:
    first = sitename.normalise_title(title)
    assert first == sitename._normalise(title)
    assert sitename.normalise_title(title) == first  # from the cache when short
    assert sitename._normalised.cache_info().maxsize == 2048


@pytest.mark.parametrize("line", [*LINES, "» Zurück «", "  Mehr…  ", "", "Teilen: Facebook"])
def test_remembered_bare_lines_equal_fresh_ones(line: str) -> None:
    for _ in range(3):
        assert boilerplate._bare(line) == boilerplate._bare_uncached(line)
    assert boilerplate._bare.cache_info().maxsize == 16


@pytest.mark.parametrize("html", [MENU_ITEM, *WALKED, FRAMES])
def test_items_found_in_one_walk_equal_extruct_s_two(html: str) -> None:
    tree = dom.parse_html(html)
    assert tree is not None
    reader = structured.ReadPropertiesExtractor
    url = "https://netz.eu/a"
    assert reader().extract_items(tree, url) == MicrodataExtractor.extract_items(
        reader(), tree, url)
    body = tree.find("body")
    assert body is not None  # from an element that is not the root: extruct's own way
    assert reader().extract_items(body, url) == MicrodataExtractor.extract_items(
        reader(), body, url)
