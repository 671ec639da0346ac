"""Main content: the article container (for media, links, dates) and the main text.

trafilatura gives the text of whole pages; a channel's ``content_html`` (WordPress API,
``content:encoded``) is already the post body and is turned into text directly. The
container heuristics below are only used to scope media and links to the post.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from clustercrawl.extract.dom import class_id, norm_space
from clustercrawl.extract.title import headline_text, normalise_title, title_variants

__all__ = [
    "cms_body",
    "containers",
    "drop_embedded_posts",
    "find_headline",
    "first_h2",
    "with_lead",
]


# CMS body containers, most specific first (WordPress, Joomla, TYPO3, Drupal, builders)
_CONTAINER_CLASSES: tuple[str, ...] = (
    "entry-content", "post-content", "article-content", "article-body", "field--name-body",
    "field-name-body", "news-text-wrap", "news-single", "item-page",
    "elementor-widget-theme-post-content", "td-post-content", "post-body", "single-content",
    "tribe-events-single",
)


_CLASS_ATTR = re.compile(r"""class=["']([^"']*)""")


@lru_cache(maxsize=256)
def _containers(names: tuple[str, ...]) -> etree.XPath:
    """An XPath for articleBody and the given class names (those present in the page): the
    plain form of `_marked_elements` (tests compare the two)."""
    tests = ["@itemprop='articleBody'", *(f"contains(@class, '{c}')" for c in names)]
    return etree.XPath("//*[" + " or ".join(tests) + "]")

_ARTICLES = etree.XPath("//article")
_MAINS = etree.XPath("//main|//*[@role='main']|//*[@id='content']|//*[@id='main']")
_BODY = etree.XPath("//body")
_H1 = etree.XPath("//h1")
_CHROME = re.compile(
    r"(?:^|\s|-)(?:header|masthead|navbar|nav|menu|logo|branding|site-title|footer)"
)


def find_headline(tree: HtmlElement, titles: Sequence[str] = (),
                  h1s: list[HtmlElement] | None = None) -> HtmlElement | None:
    """The post's h1: inside the article/main area, not the logo in the page header nor a
    hidden "Navigation" heading; an h1 whose text is one of the metadata ``titles`` (or a
    part of one) wins, since pages often carry several h1. ``h1s``: the page's h1 elements
    when already found (`PageMeta.h1s`)."""
    candidates = []
    ranks: dict[str, int] = {}
    for t in titles:  # whole titles, then their longer and earlier segments
        for variant in title_variants(t):
            ranks.setdefault(normalise_title(variant), len(ranks))
    ranks.pop("", None)
    matched: tuple[int, HtmlElement] | None = None
    for h1 in _H1(tree) if h1s is None else h1s:
        if _HIDDEN_HEADING.search(class_id(h1)) or _only_home_link(h1):
            continue
        full, main = headline_text(h1)
        if not full or len(full) > 400:
            continue
        rank = min(ranks.get(normalise_title(full), 1 << 30),
                   ranks.get(normalise_title(main), 1 << 30))
        if rank < (1 << 30) and (matched is None or rank < matched[0]):
            matched = (rank, h1)
        candidates.append((_in_chrome(h1), h1))
    if matched is not None:
        return matched[1]
    for chrome, h1 in candidates:
        if not chrome:
            return h1
    if candidates:
        return candidates[0][1] if len(candidates) == 1 else None
    return _titled_h2(tree, ranks)


def _in_chrome(heading: HtmlElement) -> bool:
    """Whether a heading sits in the page's header, navigation or footer (not an article's)."""
    node: HtmlElement | None = heading
    for _ in range(6):
        if node is None:
            return False
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in {"header", "nav", "footer"} and not _in_article(node):
            return True
        if node is not heading and _CHROME.search(class_id(node)) and not _in_article(node):
            return True
        node = node.getparent()
    return False


def first_h2(tree: HtmlElement) -> HtmlElement | None:
    """Themes without an h1 (WordPress' classic ones among them) title the post with an h2:
    the first h2 outside the page's chrome. A weak guess: only the title is read from it
    (choose_title checks it against the metadata titles first), not the byline or the body
    container, which stay with the h1 (measured: taking it as the headline there cost two
    dates and a snippet on trafilatura-eval)."""
    for h2 in _H2(tree)[:10]:
        if _HIDDEN_HEADING.search(class_id(h2)) or _in_chrome(h2):
            continue
        text = headline_text(h2)[0]
        if 2 <= len(text) <= 200:
            return h2
    return None


_H2 = etree.XPath("//body//h2")


def _titled_h2(tree: HtmlElement, ranks: dict[str, int]) -> HtmlElement | None:
    """A page without an h1 (older blog themes) shows the post's headline in an h2: the
    first h2 whose text is the metadata title or one of its segments of 2 words or more."""
    if not ranks:
        return None
    for h2 in _H2(tree)[:20]:
        key = normalise_title(headline_text(h2)[0])
        if len(key.split()) >= 2 and key in ranks and not _HIDDEN_HEADING.search(class_id(h2)):
            return h2
    return None


_HIDDEN_HEADING = re.compile(
    r"(?<![\w-])(?:hidden|hide|invisible|aural|sr-only|visually-?hidden|screen-reader-text|"
    r"hide-accessible|element-invisible|navskip|skip|offscreen|logo)(?![\w-])"
    r"|visually-?hidden|screen-reader|hide-accessible|element-invisible|navskip"
)


def _only_home_link(h1: HtmlElement) -> bool:
    """An h1 made of a link to the home page (the logo)."""
    links = h1.findall(".//a")
    if len(links) != 1:
        return False
    href = (links[0].get("href") or "").strip()
    text = norm_space(h1.text_content())
    return (not text or norm_space(links[0].text_content()) == text) and (
        href in {"/", "./", "#"} or re.fullmatch(r"https?://[^/]+/?(?:index\.\w+)?", href)
        is not None)


def _in_article(el: HtmlElement) -> bool:
    node: HtmlElement | None = el
    while node is not None:
        if node.tag in {"article", "main"}:
            return True
        node = node.getparent()
    return False


def cms_body(tree: HtmlElement, headline: HtmlElement | None,
             source: str | None = None) -> HtmlElement | None:
    """The post body element a CMS marks by class (entry-content, articleBody, …), if any.

    ``source`` (the page's HTML) lets the search skip class names the page does not use.
    """
    if source is None:
        names = _CONTAINER_CLASSES
    else:  # the class attributes of the page, found by one regex pass over the source
        classes = " ".join(_CLASS_ATTR.findall(source))
        names = tuple(c for c in _CONTAINER_CLASSES if c in classes)
        if not names and "articleBody" not in source:
            return None
    ranked: dict[int, list[HtmlElement]] = {}
    for el in _marked_elements(tree, names):
        rank = _container_rank(el)
        if rank is not None:
            ranked.setdefault(rank, []).append(el)
    if not ranked:
        return None
    found = ranked[min(ranked)]
    near = _nearest(found, headline) if len(found) > 1 else None
    return near if near is not None else found[0]


def containers(tree: HtmlElement, headline: HtmlElement | None, source: str | None = None,
               ) -> tuple[HtmlElement | None, HtmlElement | None]:
    """(the body a CMS marks or None, the element holding the post body: that CMS body, else
    <article>, <main> or <body>): one search for both."""
    cms = cms_body(tree, headline, source)
    return cms, cms if cms is not None else _layout_container(tree, headline)


def _layout_container(tree: HtmlElement, headline: HtmlElement | None) -> HtmlElement | None:
    """The post's <article>, else <main>, else <body>."""
    root = tree.getroottree().getroot()
    articles = list(root.iter("article"))  # what _ARTICLES selects (lxml's walk in C)
    if len(articles) == 1:
        return articles[0]
    if articles and headline is not None:
        near = _nearest(articles, headline)
        if near is not None:
            return near
    main = first_main(root)
    if main is not None:
        return main
    return next(root.iter("body"), None)  # _BODY's first


def _marked_elements(tree: HtmlElement, names: Sequence[str]) -> list[HtmlElement]:
    """The document's elements with itemprop="articleBody" or a class attribute holding one of
    ``names``, in document order: what `_containers` selects, tested in Python on each
    element (0.28 ms a page on aeb against the XPath's 0.49 for one name, +0.15 each more:
    libxml2 copies every attribute value it tests)."""
    found = []
    for el in tree.getroottree().getroot().iter(etree.Element):
        if el.get("itemprop") == "articleBody":
            found.append(el)
            continue
        cls = el.get("class")
        if cls:
            for name in names:
                if name in cls:
                    found.append(el)
                    break
    return found


def first_main(tree: HtmlElement) -> HtmlElement | None:
    """The first element `_MAINS` selects (a <main>, role="main", id "content" or "main"),
    by a walk that stops there: the XPath's union of four walks testing attributes cost
    0.63 ms a page on aeb (tests compare them)."""
    for el in tree.getroottree().getroot().iter(etree.Element):
        if el.tag == "main" or el.get("role") == "main" or el.get("id") in _MAIN_IDS:
            return el
    return None


_MAIN_IDS = frozenset({"content", "main"})


def _container_rank(el: HtmlElement) -> int | None:
    """Priority of a container candidate (0 = articleBody), None when the class only
    contains a known name as a substring of another word."""
    if el.get("itemprop") == "articleBody":
        return 0
    classes = (el.get("class") or "").split()
    for rank, name in enumerate(_CONTAINER_CLASSES, start=1):
        if name in classes or (name.startswith("field") and any(c.startswith(name)
                                                               for c in classes)):
            return rank
    return None


_POSITION = etree.XPath("count(preceding::*) + count(ancestor::*)")


def _nearest(elements: list[HtmlElement], headline: HtmlElement | None) -> HtmlElement | None:
    """The element containing the headline, or the first one after it."""
    if headline is None:
        return None
    ancestors = set(headline.iterancestors())
    for el in elements:
        if el in ancestors:
            return el
    pos = _POSITION(headline)  # document order, computed in C (no walk over the tree)
    after = [el for el in elements if _POSITION(el) > pos]
    return after[0] if after else None




_LAYOUT_CELLS = etree.XPath("//td[.//h1 or .//h2 or count(p) >= 2]")
_TABLE_PARTS = frozenset({"table", "tbody", "thead", "tfoot", "tr", "td", "th"})


def layout_cells(tree: HtmlElement) -> list[HtmlElement]:
    """What `_LAYOUT_CELLS` selects, from lxml's walk over the cells in C (most pages have
    none: 0.11 ms a page on aeb against the XPath's 0.16; tests compare them)."""
    return [cell for cell in tree.getroottree().getroot().iter("td")
            if next(cell.iterdescendants("h1", "h2"), None) is not None
            or sum(1 for _ in cell.iterchildren("p")) >= 2]


def unwrap_layout_tables(tree: HtmlElement) -> int:
    """Turn tables used for page layout (a cell holding the headline or several paragraphs)
    into divs: main-text extraction flattens a table cell into one line, which glues the
    post's paragraphs (and its "Place:" / "Date:" lines) together. Data tables (agendas,
    price lists) have short cells and stay tables. Returns the number of tables changed."""
    changed: set[HtmlElement] = set()
    for cell in layout_cells(tree):
        table = next((a for a in cell.iterancestors() if a.tag == "table"), None)
        if table is None or table in changed:
            continue
        changed.add(table)
        parts = [el for el in table.iterdescendants() if el.tag in _TABLE_PARTS - {"table"}
                 and next(a for a in el.iterancestors() if a.tag == "table") is table]
        for el in [table, *parts]:  # nested (data) tables keep their tags
            el.tag = "div"
    return len(changed)


#: a Facebook post embedded in the article (the SDK's ``fb-post`` box) and the share box of
#: WordPress' Jetpack ("Teilen Sie dies mit:", "Share this:"): not the post's text, yet the
#: main-text extraction keeps them. Embedded tweets stay: the gold of trafilatura-eval wants
#: them in the text as often as out of it (dev half: 2 pages each way)
_EMBEDDED_NAMES = frozenset({"fb-post", "sharedaddy"})
#: the divs whose class holds one of the names, as a substring: a test in C on each div, the
#: whole-token test (concat/normalize-space on every div: 0.33 ms a page on aeb, now 0.25) on
#: the few found
_EMBEDDED = etree.XPath(
    "//div[contains(@class, 'fb-post') or contains(@class, 'sharedaddy')]")
_XML_SPACE = re.compile(r"[ \t\r\n]+")  # what XPath's normalize-space() collapses


def embedded_divs(tree: HtmlElement) -> list[HtmlElement]:
    """What `_EMBEDDED` selects, from lxml's walk over the divs in C and a test of their class
    here (0.16 ms a page on aeb against the XPath's 0.24; tests compare them)."""
    found = []
    for div in tree.getroottree().getroot().iter("div"):
        cls = div.get("class")
        if cls is not None and ("fb-post" in cls or "sharedaddy" in cls):
            found.append(div)
    return found


def drop_embedded_posts(tree: HtmlElement) -> int:
    """Remove embedded Facebook posts and share boxes from the page (in place, before the main
    text, the media and the dates are read: their dates and images are not the post's).
    Returns the number of elements removed."""
    found = [el for el in embedded_divs(tree)
             if not _EMBEDDED_NAMES.isdisjoint(_XML_SPACE.split(el.get("class") or ""))]
    for el in found:
        if el.getparent() is not None:
            el.drop_tree()
    return len(found)


#: how much of the page's description is looked for in its text (one text node holds it)
_LEAD_KEY, _LEAD_MIN, _LEAD_MAX = 40, 60, 1500
_LEAD_BLOCKS = frozenset({"p", "div", "section", "header", "h2", "h3", "strong", "b", "em"})
_ELLIPSIS = "….\u2026 "
#: a lead paragraph has sentences; a dek (subtitle) is one line
_LEAD_SENTENCES = 2
_DEK = re.compile(r"(?<![a-z])dek(?![a-z])|summary|subtitle|subhead")
_SENTENCE_END = re.compile(r"[.!?…](?:[\s\"'»«“”’)]|$)")
#: text nodes holding a word of the description (a test in C); whether the node's text with
#: its spaces collapsed holds the whole key is checked on those few (normalize-space() on every
#: text node of the page: 0.40 ms a page on aeb, now 0.37)
_TEXT_WITH = etree.XPath("//body//text()[contains(., $word)]"
                         "[not(ancestor::script or ancestor::style or ancestor::noscript)]")


def _texts_with(tree: HtmlElement, key: str) -> list[Any]:
    """The page's visible text nodes whose normalize-space() contains ``key``, in page order.

    Each word of the key appears as is in such a node, so the XPath looks for the longest one
    and the collapsed text is compared here. The nodes are lxml's text results (strings that
    know their element)."""
    word = max(key.split(), key=len, default="")
    if not word:
        return []
    return [node for node in _TEXT_WITH(tree, word=word)
            if key in _XML_SPACE.sub(" ", node).strip(" ")]


def with_lead(text: str, tree: HtmlElement, description: str | None, fast: bool = True,
              ) -> str:
    """The main text with the lead paragraph in front when the extraction left it out.

    News and magazine pages print a teaser paragraph between the headline and the body
    (``intro-text``, ``article-teaser``, ``teaser-text``) and repeat it as the page's
    description; the main-text extraction often takes it for a teaser of another page. The
    block of the page whose text starts with the description is put back, once, if the text
    does not hold it already. A one-sentence subtitle (a "dek") is not: the
    article-extraction-benchmark's gold leaves it out (measured: all 22 restored blocks on
    aeb, body F1 0.971 -> 0.969), trafilatura-eval's wants lead paragraphs in (its dev half:
    18 of 60 missing snippets). ``fast=False`` always flattens the text first (for tests)."""
    desc = norm_space(description or "").rstrip(_ELLIPSIS)
    if len(desc) < _LEAD_MIN:
        return text
    key = desc[:_LEAD_KEY]
    flat: str | None = None
    # norm_space changes only white space, so a word of the key (no white space in it) that
    # the text lacks is missing from the flat text too: the flat text (0.14 ms a page on aeb)
    # is then made only if a lead is found
    if not fast or max(key.split(), key=len, default="") in text:
        flat = norm_space(text)
        if key in flat:
            return text
    nodes = _texts_with(tree, key)
    for node in nodes[:3]:
        el = node.getparent()
        if el is not None and node.is_tail:
            el = el.getparent()
        while el is not None and el.tag not in _LEAD_BLOCKS:
            el = el.getparent()
        if el is None:
            continue
        lead = norm_space(el.text_content())
        if not lead.startswith(key) or not _LEAD_MIN <= len(lead) <= _LEAD_MAX:
            continue
        if len(_SENTENCE_END.findall(lead)) < _LEAD_SENTENCES or _DEK.search(class_id(el)):
            return text  # a one-line subtitle (dek) under the headline, not a lead paragraph
        if flat is not None and lead[:_LEAD_KEY * 2] in flat:
            return text  # (with no flat text the key, and so the lead, is not in it)
        return f"{lead}\n{text}" if text else lead
    return text
