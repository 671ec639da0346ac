"""Page-level metadata: ``<meta>``, ``<link>``, ``<html lang>``, ``<title>``, URL identity.

One pass over ``meta`` and ``link`` elements. OpenGraph is read here too (not with extruct's
OpenGraph extractor) because that one only looks inside ``<head>``, and broken templates
often push the tags into ``<body>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from clustercrawl.extract.dom import absolute_url, host_of, norm_space, same_site

__all__ = ["PageMeta", "identity", "read_meta", "url_date"]


#: meta keys giving a publication date, best first
PUBLISHED_KEYS: tuple[str, ...] = (
    "article:published_time", "og:article:published_time", "article:published",
    "og:published_time", "datepublished", "dc.date.issued", "dcterms.issued", "dc.date.created",
    "dcterms.created", "dc.date", "dcterms.date", "citation_publication_date", "pubdate",
    "publishdate", "publish-date", "publish_date", "publication_date", "date", "sailthru.date",
    "parsely-pub-date", "article.published", "created",
)
MODIFIED_KEYS: tuple[str, ...] = (
    "article:modified_time", "og:updated_time", "datemodified", "dcterms.modified",
    "dc.date.modified", "article.updated",
)

_URL_DAY = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?:/|$)")
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])(?:/|$)")
# a day written in one path segment: "/2021-10-29-title", "/meldungen/29-10-2021"
_URL_ISO_DAY = re.compile(
    r"(?<![\d])(?<!\d[-_.])((?:19|20)\d\d)[-_](0[1-9]|1[0-2])[-_](0[1-9]|[12]\d|3[01])(?!\d)")
_URL_DMY_DAY = re.compile(
    r"(?<![\d])(?<!\d[-_.])(0?[1-9]|[12]\d|3[01])[-_.](0?[1-9]|1[0-2])[-_.]((?:19|20)\d\d)(?!\d)")


@dataclass(slots=True)
class PageMeta:
    """What the page says about itself outside the visible text."""

    base_url: str
    html_lang: str | None = None
    meta: dict[str, str] = field(default_factory=dict)  # lowercased key -> first content
    meta_all: dict[str, list[str]] = field(default_factory=dict)  # repeated keys (tags)
    canonical: str | None = None
    shortlink: str | None = None
    hreflang: list[tuple[str, str]] = field(default_factory=list)
    title_tag: str | None = None
    feeds: list[str] = field(default_factory=list)
    #: the page's JSON-LD scripts and h1 elements as parsed (what ``//script[@type=
    #: "application/ld+json"]`` and ``//h1`` select before anything changes the tree), found
    #: by the same walk: structured data and the headline need them, and a walk of their own
    #: cost 0.13 ms a page each on aeb
    ld_scripts: list[HtmlElement] = field(default_factory=list)
    h1s: list[HtmlElement] = field(default_factory=list)
    #: the <iframe> and <body> elements as parsed, from the same walk (the media step checks
    #: which frames are still in the page and outside its chrome; the post check reads the
    #: body's class)
    iframes: list[HtmlElement] = field(default_factory=list)
    bodies: list[HtmlElement] = field(default_factory=list)

    def get(self, *keys: str) -> str | None:
        """First non-empty value among keys."""
        for key in keys:
            value = self.meta.get(key)
            if value:
                return value
        return None


_KEPT_RELS = frozenset({"canonical", "shortlink", "alternate"})


def read_meta(tree: HtmlElement, url: str) -> PageMeta:
    """Collect meta/link/lang/title facts of a page in one pass."""
    root = tree.getroottree().getroot()
    metas, links, bases, titles, scripts, h1s, frames, bodies = _head_elements(root)
    base = absolute_url(bases[0], url) if bases else None
    page = PageMeta(base_url=base or url, ld_scripts=scripts, h1s=h1s, iframes=frames,
                    bodies=bodies)
    lang = root.get("lang") or root.get("xml:lang") or root.get(
        "{http://www.w3.org/XML/1998/namespace}lang"
    )
    page.html_lang = lang.strip() if lang and lang.strip() else None
    for el in metas:
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        content = el.get("content")
        if not key or content is None:
            continue
        key = key.strip().lower()
        content = " ".join(content.split())
        if not content:
            continue
        page.meta.setdefault(key, content)
        page.meta_all.setdefault(key, []).append(content)
    for el in links:
        rels = (el.get("rel") or "").lower().split()
        if not _KEPT_RELS.intersection(rels):
            continue  # stylesheets, icons, preloads: resolving them cost ~4% of extract_post
        href = absolute_url(el.get("href"), page.base_url)
        if not href:
            continue
        if "canonical" in rels and page.canonical is None:
            page.canonical = href
        elif "shortlink" in rels and page.shortlink is None:
            page.shortlink = href
        elif "alternate" in rels:
            hreflang = el.get("hreflang")
            if hreflang:
                page.hreflang.append((hreflang.strip(), href))
            elif (el.get("type") or "").lower() in {"application/rss+xml", "application/atom+xml"}:
                page.feeds.append(href)
    if titles:
        page.title_tag = norm_space(titles[0].text_content()) or None
    return page


_HeadElements = tuple[list[HtmlElement], list[HtmlElement], list[str], list[HtmlElement],
                      list[HtmlElement], list[HtmlElement], list[HtmlElement], list[HtmlElement]]


def _head_elements(root: HtmlElement) -> _HeadElements:
    """(``<meta>``, ``<link href>``, ``<base>`` hrefs, ``<title>``, JSON-LD ``<script>``,
    ``<h1>``, ``<iframe>``, ``<body>``) of the whole document in document order, from one
    walk of the tree (what ``//meta``, ``//link[@href]``, ``//base[@href]/@href``,
    ``//title``, ``//script[@type="application/ld+json"]``, ``//h1``, ``//iframe`` and
    ``//body`` select, one XPath scan each)."""
    metas: list[HtmlElement] = []
    links: list[HtmlElement] = []
    bases: list[str] = []
    titles: list[HtmlElement] = []
    scripts: list[HtmlElement] = []
    h1s: list[HtmlElement] = []
    frames: list[HtmlElement] = []
    bodies: list[HtmlElement] = []
    for el in root.iter("meta", "link", "base", "title", "script", "h1", "iframe", "body"):
        tag = el.tag
        if tag == "meta":
            metas.append(el)
        elif tag == "iframe":
            frames.append(el)
        elif tag == "body":
            bodies.append(el)
        elif tag == "script":
            if el.get("type") == "application/ld+json":
                scripts.append(el)
        elif tag == "h1":
            h1s.append(el)
        elif tag == "title":
            titles.append(el)
        elif el.get("href") is not None:
            if tag == "link":
                links.append(el)
            else:
                bases.append(el.get("href"))
    return metas, links, bases, titles, scripts, h1s, frames, bodies


def identity(
    page: PageMeta | None, url: str, hint_aliases: tuple[str, ...] = ()
) -> tuple[str, list[str], list[dict[str, str]]]:
    """(canonical URL, alias URLs, translations) from rel=canonical, og:url, shortlink, hreflang.

    A canonical pointing to another site, or to the home page of a deeper URL (a common
    template bug), is ignored.
    """
    candidates: list[str] = []
    if page is not None:
        og_url = absolute_url(page.meta.get("og:url"), url)
        candidates = [c for c in (page.canonical, og_url) if c]
    canonical = url
    for cand in candidates:
        if _plausible_canonical(cand, url):
            canonical = cand
            break
    aliases: list[str] = []
    extra = [url, *candidates, *(hint_aliases or ())]
    if page is not None and page.shortlink:
        extra.append(page.shortlink)
    for alias in extra:
        absolute = absolute_url(alias, url)
        if absolute and absolute != canonical and absolute not in aliases:
            aliases.append(absolute)
    translations: list[dict[str, str]] = []
    if page is not None:
        seen: set[str] = set()
        for lang, href in page.hreflang:
            if lang.lower() == "x-default" or href in (canonical, url) or href in seen:
                continue
            seen.add(href)
            translations.append({"language": lang, "url": href})
    return canonical, aliases, translations


def _plausible_canonical(cand: str, url: str) -> bool:
    if not same_site(cand, url):
        return False
    cand_path = urlsplit(cand).path.strip("/")
    url_path = urlsplit(url).path.strip("/")
    if not cand_path and (url_path or urlsplit(url).query):
        return False  # every page declaring the home page canonical
    return bool(host_of(cand))


def url_date(url: str) -> tuple[str, str] | None:
    """(ISO date, precision) from a ``/2014/10/24/``, ``/2014-10-24-…``, ``/24-10-2014`` or
    ``/2014/10/`` path, else None."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    m = _URL_DAY.search(path)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        return f"{y:04d}-{mo:02d}-{d:02d}", "day"
    if "/wp-content/" not in path and "/uploads/" not in path:
        m = _URL_ISO_DAY.search(path)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            return f"{y:04d}-{mo:02d}-{d:02d}", "day"
        m = _URL_DMY_DAY.search(path)
        if m and int(m.group(1)) > 12:  # day-first only when it cannot be month-first
            d, mo, y = (int(g) for g in m.groups())
            return f"{y:04d}-{mo:02d}-{d:02d}", "day"
    m = _URL_MONTH.search(path)
    if m and "/wp-content/" not in path:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-01", "month"
    return None
