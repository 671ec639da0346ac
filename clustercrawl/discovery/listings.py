"""News/events sections on the homepage, and the post links and pages of a listing page.

Listings are the channel that works on every CMS, home-made ones included: a listing is a run
of blocks, each with one title link and maybe a date and a teaser. Known item markup of the
usual CMSs is tried first, then "one heading link per block", then repeated sibling rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit, urlunsplit

import lxml.html

from clustercrawl.dates import DateMatch, find_date
from clustercrawl.discovery._util import (
    absolutize,
    base_href,
    clean_space,
    iso_datetime,
    parse_html,
    same_site,
    url_key,
)
from clustercrawl.discovery._vocab import (
    EVENTS_TEXTS,
    NEWS_TEXTS,
    NOT_TITLES,
    READ_MORE_RAW,
    fold,
    words,
)
from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.discovery.links import (
    is_archive_url,
    is_asset_url,
    is_calendar_url,
    is_excluded_url,
    is_feed_url,
    is_home_url,
    is_page_url,
    post_score,
    section_kind,
    slug_kind,
    url_section,
)
from clustercrawl.discovery.pagination import find_pages, is_pager_url

__all__ = ["Listing", "Sections", "find_sections", "parse_listing"]

_CHROME = words(
    "nav navbar navigation menu main-menu mainmenu primary-menu top-menu topbar top-bar "
    "breadcrumb breadcrumbs footer site-footer page-footer site-header masthead main-header "
    "top-header header-top sidebar widget widget-area widgets share sharing social "
    "social-links sharedaddy cookie cookies cookie-notice language-switcher languages wpml-ls "
    "skip-link mega-menu offcanvas off-canvas mobile-menu related related-posts "
    "jp-relatedposts yarpp-related comments comment-list"
)
_CHROME_PREFIX = (
    "menu-", "navbar", "footer", "sidebar", "breadcrumb", "widget_", "widget-", "cookie",
    "gdpr", "consent",
)  # fmt: skip
_CHROME_SUFFIX = ("-menu", "-nav", "-navigation", "-footer", "-sidebar", "-breadcrumbs")
_ITEM_CLASSES = words(
    "news-list-item news-item views-row blog-item item-page catitemview post type-post hentry "
    "news-entry list-item teaser card tribe-events-calendar-list__event-row type-tribe_events "
    "node--view-mode-teaser node-teaser item article event-item listing-item news-teaser "
    "aktualnosc wpis entry news event"
)
_SUMMARY_CLASSES = words(
    "entry-summary excerpt teaser teaser-text summary description news-list-teaser intro lead "
    "field--name-body views-field-body field-name-body post-excerpt entry-excerpt "
    "news-teaser-text desc abstract"
)
_DATE_CLASSES = words(
    "date entry-date published post-date news-list-date meta entry-meta post-meta datum fecha "
    "data news-date article-date time createdate create published-date event-date"
)
_BLOCK_TAGS = frozenset({"div", "p", "ul", "ol", "table", "section", "article", "h2", "h3", "h4"})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SEPARATORS = re.compile(r"\s*(?:&|/|\+|,|\||\band\b|\bi\b|\bund\b|\bet\b|\by\b|\be\b|\ba\b)\s*")


@dataclass(slots=True)
class Sections:
    """Section pages found on a homepage, navigation menus first."""

    news: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Listing:
    """One listing page: its post entries, the other pages of the same listing, and the
    event-calendar month/week pages (separate, so the spider can bound them)."""

    entries: list[Entry] = field(default_factory=list)
    next_pages: list[str] = field(default_factory=list)
    calendar_pages: list[str] = field(default_factory=list)


def _tokens(elem: lxml.html.HtmlElement) -> list[str]:
    raw = f"{elem.get('class') or ''} {elem.get('id') or ''}".lower()
    return raw.split()


def _is_chrome(elem: lxml.html.HtmlElement) -> bool:
    """Site navigation, footer, sidebar, share bars: never part of a listing."""
    tag = elem.tag if isinstance(elem.tag, str) else ""
    if tag in ("nav", "footer", "aside"):
        return True
    if elem.get("role") in ("navigation", "banner", "contentinfo", "complementary"):
        return True
    if tag == "header" and (elem.find(".//nav") is not None or elem.get("id") == "masthead"):
        return True
    for token in _tokens(elem):
        if token in _CHROME or token.startswith(_CHROME_PREFIX) or token.endswith(_CHROME_SUFFIX):
            return True
    return False


def _chrome_set(root: lxml.html.HtmlElement) -> set[lxml.html.HtmlElement]:
    """Chrome elements; never ``body``/``main`` nor a wrapper of the main content, whatever
    layout classes (``right-sidebar``, ``has-nav``…) they carry."""
    content: set[lxml.html.HtmlElement] = set()
    for main in root.iter("main", "article"):
        content.add(main)
        content.update(main.iterancestors())
    for elem in root.xpath("//*[@role='main' or @id='content' or @id='main']"):
        content.add(elem)
        content.update(elem.iterancestors())
    return {
        e
        for e in root.iter()
        if isinstance(e.tag, str)
        and e.tag not in ("html", "body")
        and e not in content
        and _is_chrome(e)
    }


def _inside(elem: lxml.html.HtmlElement, group: set[lxml.html.HtmlElement]) -> bool:
    return any(a in group for a in (elem, *elem.iterancestors()))


def _text_kind(text: str) -> str | None:
    """``news``/``events`` for a menu text such as "Aktualności" or "News & Events"."""
    folded = fold(clean_space(text)).strip(" :»›>")
    if not folded or len(folded) > 40:
        return None
    if folded in NEWS_TEXTS:
        return "news"
    if folded in EVENTS_TEXTS:
        return "events"
    parts = [p for p in _SEPARATORS.split(folded) if p]
    if len(parts) > 1 and all(p in NEWS_TEXTS or p in EVENTS_TEXTS for p in parts):
        return "news" if parts[0] in NEWS_TEXTS else "events"
    return None


_SINGULAR = frozenset({"event", "wydarzenie", "aktualnosc", "noticia", "post", "posts"})
_PAGED = re.compile(r"/(page|seite|strona)/\d+/?$|[?&](paged?|start|limitstart)=[1-9]")
_CATEGORY = re.compile(r"/(category|kategoria|kategorie|categorie|categoria)/[^/]+/?$"
                       r"|[?&]cat=\d+$")  # WordPress with plain permalinks


def _derived_section(href: str) -> tuple[str, str] | None:
    """(kind, section URL) of a post URL under a section: ``/aktualnosci/x/`` → ``/aktualnosci/``"""
    parts = urlsplit(href)
    segments = [seg for seg in parts.path.split("/") if seg]
    for i, segment in enumerate(segments[:-1]):
        kind = slug_kind(unquote(segment))
        if kind and fold(unquote(segment)) not in _SINGULAR:
            path = "/" + "/".join(segments[: i + 1]) + ("/" if parts.path.endswith("/") else "")
            return kind, urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    return None


def find_sections(html: str, url: str) -> Sections:
    """News and events section URLs of a site, from one of its pages.

    Menu links whose slug or text names a section come first, then other such links. Only
    when a kind has none: sections derived from post URLs under them (``/aktualnosci/x/``),
    and for news, category archives.
    """
    root = parse_html(html)
    if root is None:
        return Sections()
    base = base_href(root, url)
    chrome = _chrome_set(root)
    direct: list[tuple[int, int, str, str]] = []
    derived: list[tuple[int, int, str, str]] = []
    for position, anchor in enumerate(root.iter("a")):
        href = absolutize(anchor.get("href"), base)
        if not href or not same_site(href, url):
            continue
        if is_asset_url(href) or is_feed_url(href) or is_excluded_url(href):
            continue
        if post_score(href) >= 2 and (found := _derived_section(href)):
            derived.append((0, position, *found))
        if url_key(href) == url_key(url) or post_score(href) >= 3 or is_calendar_url(href):
            continue
        kind = section_kind(href) or _text_kind(anchor.text_content() or anchor.get("title") or "")
        if kind is not None and not is_home_url(href) and not _PAGED.search(href):
            direct.append((0 if _inside(anchor, chrome) else 1, position, kind, href))
        elif kind is None and _CATEGORY.search(href):
            derived.append((1, position, "news", href))
    if found := _derived_section(url):
        derived.append((0, -1, *found))
    sections = Sections()
    for kind, target in (("news", sections.news), ("events", sections.events)):
        pool = (
            [d for d in direct if d[2] == kind]
            or [d for d in derived if d[2] == kind and d[0] == 0]
            or [d for d in derived if d[2] == kind]
        )
        seen = {url_key(url)}
        for _, _, _, href in sorted(pool):
            if url_key(href) not in seen:
                seen.add(url_key(href))
                target.append(href)
    return sections


_LISTISH = re.compile(
    r"event|news|list|post|item|article|calendar|termin|agenda|aktual|novink|notiz|noticia|"
    r"wydarz|akce|veranstalt|actualit"
)


def _classes(elem: lxml.html.HtmlElement) -> str:
    return " ".join(_tokens(elem))


@dataclass(slots=True)
class _Block:
    elem: lxml.html.HtmlElement
    anchor: lxml.html.HtmlElement
    url: str
    title: str


def _heading_of(elem: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    for tag in _HEADINGS:
        found = elem.find(f".//{tag}")
        if found is not None:
            return found
    return None


def _anchor_title(anchor: lxml.html.HtmlElement) -> str:
    text = clean_space(anchor.text_content())
    if not text or fold(text).strip(" .»›>…") in NOT_TITLES:
        text = clean_space(anchor.get("title") or "")
    if not text:
        alts = anchor.xpath(".//img/@alt")
        text = clean_space(str(alts[0])) if alts else ""
    return text


class _Collector:
    """Holds the page state while blocks are found (candidate test, seen URLs, chrome)."""

    def __init__(self, root: lxml.html.HtmlElement, base: str, url: str) -> None:
        self.root, self.base, self.url = root, base, url
        self.chrome = _chrome_set(root)
        self.blocks: list[_Block] = []
        self.seen: set[str] = {url_key(url)}
        self._urls: dict[lxml.html.HtmlElement, str | None] = {}

    def item_url(self, anchor: lxml.html.HtmlElement) -> str | None:
        if anchor in self._urls:
            return self._urls[anchor]
        self._urls[anchor] = found = self._item_url(anchor)
        return found

    def _item_url(self, anchor: lxml.html.HtmlElement) -> str | None:
        if _inside(anchor, self.chrome):
            return None
        href = absolutize(anchor.get("href"), self.base)
        if not href or not same_site(href, self.url) or url_key(href) == url_key(self.url):
            return None
        if is_asset_url(href) or is_feed_url(href) or is_excluded_url(href):
            return None
        if is_calendar_url(href) or is_pager_url(href, self.url) or is_archive_url(href):
            return None
        if is_page_url(href):
            return None
        if section_kind(href) and post_score(href) < 2:
            return None
        return href

    def heading_anchors(self, scope: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
        xpath = (
            ".//h1//a[@href]|.//h2//a[@href]|.//h3//a[@href]|.//h4//a[@href]|.//h5//a[@href]"
            "|.//a[@href][.//h2 or .//h3 or .//h4]"
            "|.//*[contains(@class,'title')]//a[@href]|.//a[@href][contains(@class,'title')]"
        )
        return [a for a in scope.xpath(xpath) if not _inside(a, self.chrome)]

    def add(self, elem: lxml.html.HtmlElement, anchor: lxml.html.HtmlElement, url: str) -> None:
        key = url_key(url)
        if key in self.seen:
            return
        heading = _heading_of(elem)
        title = clean_space(heading.text_content()) if heading is not None else ""
        if not title or fold(title) in NOT_TITLES:
            title = _anchor_title(anchor)
        self.seen.add(key)
        self.blocks.append(_Block(elem, anchor, url, title))

    def main_anchor(self, elem: lxml.html.HtmlElement) -> tuple[lxml.html.HtmlElement, str] | None:
        """The block's title link: heading link, else post-like link, else longest-text link."""
        candidates = [(a, u) for a in self.heading_anchors(elem) if (u := self.item_url(a))]
        if len({url_key(u) for _, u in candidates}) > 1:
            return None  # a container of several items, not one item
        if candidates:
            return candidates[0]
        links = [(a, u) for a in elem.iter("a") if (u := self.item_url(a))]
        if not links or len({url_key(u) for _, u in links}) > 2:
            return None
        return max(links, key=lambda p: (post_score(p[1]), len(_anchor_title(p[0]))))

    def known_items(self) -> None:
        for elem in self.root.iter():
            if not isinstance(elem.tag, str) or _inside(elem, self.chrome):
                continue
            itemtype = elem.get("itemtype") or ""
            tokens = set(_tokens(elem))
            if not (
                elem.tag == "article"
                or tokens & _ITEM_CLASSES
                or re.search(r"schema\.org/(News|Blog)?(Article|Posting|Event)", itemtype)
            ):
                continue
            if (found := self.main_anchor(elem)) is not None:
                self.add(elem, *found)

    def heading_items(self) -> None:
        """Blocks around heading links: the largest ancestor holding no other item's link."""
        anchors = self.heading_anchors(self.root)
        urls = {a: u for a in anchors if (u := self.item_url(a))}
        under: dict[lxml.html.HtmlElement, set[str]] = {}
        for anchor, url in urls.items():
            for parent in anchor.iterancestors():
                under.setdefault(parent, set()).add(url_key(url))
        for anchor, url in urls.items():
            block = anchor
            key = url_key(url)
            for parent in anchor.iterancestors():
                if parent.tag in ("body", "main", "html") or parent in self.chrome:
                    break
                if under.get(parent, set()) - {key}:
                    break
                block = parent
            self.add(block, anchor, url)

    def repeated_rows(self, strict: bool) -> None:
        """Best run of sibling rows each with one item link (tables, bare lists, div runs).

        ``strict`` (items already found) asks for dates in most rows, so a stray link list
        is not added to a real listing.
        """
        best: tuple[float, list[tuple[lxml.html.HtmlElement, lxml.html.HtmlElement, str]]] = (
            0.0,
            [],
        )
        for parent in self.root.iter():
            if not isinstance(parent.tag, str) or len(parent) < 2 or _inside(parent, self.chrome):
                continue
            children = [c for c in parent if isinstance(c.tag, str)]
            if len(children) < 2:
                continue
            rows = []
            for child in children:
                if (found := self.main_anchor(child)) is not None:
                    rows.append((child, *found))
            dated = sum(1 for r in rows if find_date(clean_space(r[0].text_content())))
            if len(rows) < 2 and not (rows and dated and _LISTISH.search(_classes(parent))):
                continue  # one row is a listing only in a list-like container, with a date
            avg_title = sum(len(_anchor_title(r[1])) for r in rows) / len(rows)
            if dated * 2 < len(rows) and (strict or avg_title < 20):
                continue  # a menu of short links, not a listing
            score = len(rows) + 2 * dated + min(avg_title, 60) / 20
            if score > best[0]:
                best = (score, rows)
        for elem, anchor, url in best[1]:
            self.add(elem, anchor, url)


def _block_date(block: _Block) -> tuple[DateMatch | None, str | None]:
    """(date text match, ISO datetime from ``<time datetime>``/microdata if any)."""
    elem = block.elem
    for node in elem.xpath(".//time[@datetime]|.//*[@itemprop='datePublished']"):
        value = node.get("datetime") or node.get("content")
        iso = iso_datetime(value)
        if iso:
            text = clean_space(node.text_content()) or str(value)
            return DateMatch(raw=text, iso=iso), iso
    title_key = block.title
    for node in elem.iter():
        if (
            isinstance(node.tag, str)
            and set(_tokens(node)) & _DATE_CLASSES
            and (found := find_date(clean_space(node.text_content())))
        ):
            return found, None
    text = clean_space(elem.text_content())
    if title_key:
        text = text.replace(title_key, " ")
    return find_date(text), None


def _block_summary(block: _Block) -> str | None:
    elem = block.elem
    texts: list[str] = []
    for node in elem.iter():
        if isinstance(node.tag, str) and (
            set(_tokens(node)) & _SUMMARY_CLASSES or node.get("itemprop") == "description"
        ):
            texts.append(clean_space(node.text_content()))
    if not texts:
        texts = [clean_space(p.text_content()) for p in elem.iter("p")]
    if not texts:  # teasers in bare <div>/<td>/<span> leaves (Drupal views, home-made tables)
        texts = [
            clean_space(node.text_content())
            for node in elem.iter("div", "td", "span", "dd")
            if not any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in node)
        ]
    texts = [t for t in texts if len(t) >= 30 and block.title not in t]
    if not texts:
        return None
    text = max(texts, key=len)
    text = re.sub(
        r"\s*(\[\s*(…|\.\.\.)\s*\]|»|›)?\s*(" + "|".join(map(re.escape, READ_MORE_RAW)) + r")\s*$",
        "",
        text,
        flags=re.I,
    )
    return text[:600].strip() or None


def parse_listing(html: str, url: str, *, section: str | None = None) -> Listing:
    """Post entries (title, date, teaser) and pager/calendar pages of a listing page.

    On an events listing (``section="events"`` or an events URL) a block's date is the event
    date, so it goes to ``extra["event_date_text"]``/``extra["event_start"]``, not ``published``.
    """
    root = parse_html(html)
    if root is None:
        return Listing()
    for junk in root.xpath("//script|//style|//noscript|//template"):
        junk.drop_tree()
    base = base_href(root, url)
    collector = _Collector(root, base, url)
    collector.known_items()
    collector.heading_items()
    collector.repeated_rows(strict=len(collector.blocks) >= 2)
    is_events = (section or url_section(url) or "") == "events" or is_calendar_url(url)
    entries: list[Entry] = []
    for block in collector.blocks:
        match, _ = _block_date(block)
        extra: dict[str, object] = {}
        published = None
        if match is not None:
            if is_events:
                extra["event_date_text"] = match.raw
                if match.iso:
                    extra["event_start"] = match.iso
            else:
                extra["date_text"] = match.raw
                published = match.iso
        entries.append(
            Entry(
                url=block.url,
                channel=Channel.LISTING,
                source_url=url,
                title=block.title or None,
                published=published,
                summary=_block_summary(block),
                extra=extra,
            )
        )
    pages, calendar = find_pages(root, base, url)
    listed = {url_key(e.url) for e in entries}
    return Listing(
        entries=entries,
        next_pages=[p for p in pages if url_key(p) not in listed],
        calendar_pages=[p for p in calendar if url_key(p) not in listed],
    )
