"""Is this page a post (article, event page) or a home/listing/contact/directory page?

The spider reaches many non-posts (section pages, member directories, "about us"); they must
not become items. The decision adds up weak signals: URL shape, og:type, schema.org types,
a dated headline with body text, and how many teaser blocks the page repeats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from clustercrawl.extract.structured import ARTICLE_TYPES, LISTING_TYPES, NON_POST_TYPES

__all__ = ["PageSignals", "is_post"]

LISTING_SLUGS = frozenset({
    "aktualnosci", "aktualności", "news", "nowosci", "wiadomosci", "wydarzenia", "events",
    "event", "blog", "archiwum", "archive", "archives", "kategoria", "category", "categories",
    "tag", "tags", "tagi", "author", "autor", "search", "szukaj", "suche", "page", "strona",
    "neuigkeiten", "aktuelles", "nachrichten", "termine", "veranstaltungen", "presse",
    "actualites", "actualités", "evenements", "événements", "agenda", "noticias", "eventos",
    "actualidad", "notizie", "eventi", "novinky", "aktuality", "akce", "udalosti", "zpravy",
    "novinky-a-akce", "press", "media", "kalendarz", "calendar", "kalender", "nabory", "calls",
    "ogloszenia", "komunikaty", "publikacje", "publications", "feed", "rss",
})
NON_POST_SLUGS = frozenset({
    "kontakt", "contact", "contacts", "kontakty", "contatti", "contacto", "o-nas", "about",
    "about-us", "uber-uns", "ueber-uns", "qui-sommes-nous", "quienes-somos", "chi-siamo",
    "o-nas-2", "impressum", "imprint", "members", "czlonkowie", "członkowie", "mitglieder",
    "membres", "socios", "soci", "clenove", "partnerzy", "partners", "partner", "team",
    "zespol", "zespół", "privacy-policy", "polityka-prywatnosci", "datenschutz",
    "mentions-legales", "aviso-legal", "regulamin", "sitemap", "mapa-strony", "login",
    "register", "rejestracja", "cookies", "rodo", "gdpr", "faq", "oferta", "uslugi", "services",
    "leistungen", "struktura", "zarzad", "board", "vorstand", "statut", "historia", "history",
    "misja", "mission", "vision", "wizja", "cele", "goals", "o-klastrze", "o-klastru",
    "o-klastri", "o-projekcie", "datenschutzerklaerung", "datenschutzerklarung",
    "datenschutzhinweise", "privacy", "informativa-privacy", "politique-de-confidentialite",
    "politica-de-privacidad", "ochrana-osobnich-udaju", "le-pole", "le-cluster", "el-cluster",
    "il-cluster", "der-cluster", "ueber-den-cluster", "about-the-cluster", "adherents",
    "nos-adherents", "asociados", "associati", "mitgliedschaft", "membership",
    "czlonkostwo", "adhesion", "contact-us", "kontaktformular", "anfahrt", "newsletter",
})
# body classes: WordPress/Drupal/TYPO3 say what kind of page they render
_POST_BODY = re.compile(
    r"\b(?:single-post|single-tribe_events|postid-\d+|single-format-\w+|node--type-article|"
    r"view-article|com_k2\s+view-item|"
    r"page-node-type-(?:article|news|event)|node-type-(?:article|news|event))\b"
)
_PAGE_BODY = re.compile(
    r"\b(?:page-id-\d+|page-template-default|page-node-type-page|node-type-page|home|"
    r"front-page|blog|archive|category|tag|search-results|post-type-archive)\b"
)
_LANG_HOME = re.compile(
    r"^/(?:index\.(?:php|html?|aspx?)/?)?(?:[a-z]{2}(?:[-_][a-z]{2})?/?)?(?:index\.(?:php|html?))?$",
    re.I,
)
_BODY_CLASS = etree.XPath("string(//body/@class)")
_LISTING_QUERY = frozenset({"page", "paged", "start", "limitstart", "cat", "tag", "s", "q",
                            "category", "view"})
_OUTSIDE_CHROME = (
    "not(ancestor::aside or ancestor::footer or ancestor::nav or ancestor::header or "
    "ancestor::*[contains(@class, 'sidebar') or contains(@class, 'widget') or "
    "contains(@class, 'related') or contains(@id, 'sidebar')])"
)
_TEASER_LINKS = etree.XPath(
    f"count(//*[self::h2 or self::h3 or self::h4][.//a[@href]][{_OUTSIDE_CHROME}])"
)
_ARTICLES = etree.XPath(f"count(//article[{_OUTSIDE_CHROME}])")
_IN_CHROME = etree.XPath(f"boolean(self::*[not({_OUTSIDE_CHROME})])")
_READ_MORE = re.compile(
    r"^\s*(?:czytaj\s+(?:więcej|dalej)|więcej|weiterlesen|mehr(?:\s+erfahren)?|lire\s+la\s+suite|"
    r"en\s+savoir\s+plus|leer\s+más|leggi\s+tutto|číst\s+dále|více|read\s+more|more)\s*[»›>→.…]*\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PageSignals:
    """What the other steps found out, as inputs to the decision."""

    url: str
    types: frozenset[str]
    og_type: str | None
    has_headline: bool
    page_dated: bool  # a publication date from the page itself (not a hint, not htmldate)
    body_chars: int
    hint_channel: str | None


def _body_class(tree: HtmlElement | None, bodies: list[HtmlElement] | None) -> str:
    """``string(//body/@class)``: the first class attribute of the <body> elements."""
    if tree is None:
        return ""
    if bodies is None:
        return str(_BODY_CLASS(tree))
    return next((c for c in (b.get("class") for b in bodies) if c is not None), "")


def is_post(signals: PageSignals, tree: HtmlElement | None,
            bodies: list[HtmlElement] | None = None) -> bool:
    """True for an article or event page; False for home, listing, contact, directory pages.
    ``bodies``: the page's <body> elements when already found (`PageMeta.bodies`)."""
    parts = urlsplit(signals.url)
    path = parts.path or "/"
    query = parse_qs(parts.query)
    if _LANG_HOME.match(path) and not ({"p", "page_id", "id", "option"} & set(query)):
        return False
    types = signals.types
    segments = [s for s in path.lower().split("/") if s]
    last = segments[-1] if segments else ""
    last = re.sub(r"\.(?:html?|php|aspx?)$", "", last)
    if last.isdigit() and len(segments) >= 2 and segments[-2] in {"page", "strona", "seite"}:
        return False  # /news/page/2/
    if last in LISTING_SLUGS or last in NON_POST_SLUGS:
        return False
    if any(s in {"category", "kategoria", "tag", "tagi", "author", "autor"} for s in segments[:-1]):
        return False
    if query.get("view", [""])[0] in {"category", "featured", "archive", "categories"}:
        return False
    if "page_id" in query and signals.hint_channel not in {"wp_api", "feed"}:
        return False  # WordPress static page (posts are ?p=)
    body_class = _body_class(tree, bodies)
    post_body = _POST_BODY.search(body_class) is not None
    page_body = not post_body and _PAGE_BODY.search(body_class) is not None
    positive = (
        bool(types & ARTICLE_TYPES)
        or any(t.endswith("Event") for t in types)
        or signals.og_type == "article"
        or signals.hint_channel in {"wp_api", "feed", "listing"}
        or post_body
    )
    if not positive and not signals.page_dated:
        return False  # no sign of a post and no date of its own: a static page
    score = 0
    if types & ARTICLE_TYPES or any(t.endswith("Event") or t == "Event" for t in types):
        score += 2
    elif types & (LISTING_TYPES | NON_POST_TYPES):
        score -= 3
    if signals.og_type == "article":
        score += 1
    if post_body:
        score += 2
    elif page_body:
        score -= 3
    if signals.hint_channel in {"wp_api", "feed"}:
        score += 3
    elif signals.hint_channel == "listing":
        score += 1
    if signals.page_dated:
        score += 1
    score += 1 if signals.has_headline else -1
    if signals.body_chars >= 300:
        score += 1
    elif signals.body_chars < 100:
        score -= 1
    # the listing check walks the whole tree: skipped when it could not change the outcome
    if tree is not None and score < 5 and _looks_like_listing(tree):
        score -= 3
    if set(query) & _LISTING_QUERY and not set(query) & {"p", "id", "page_id"}:
        score -= 1
    return score >= 1


def _looks_like_listing(tree: HtmlElement) -> bool:
    articles = int(_ARTICLES(tree))
    if articles >= 4:
        return True
    read_more = 0
    for a in tree.iter("a"):
        text = a.text_content()
        if len(text) < 30 and _READ_MORE.match(text) and not _IN_CHROME(a):
            read_more += 1
            if read_more >= 3:
                return True
    return int(_TEASER_LINKS(tree)) >= 8
