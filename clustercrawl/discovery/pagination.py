"""Pagination of listing pages, and event-calendar navigation kept apart so it can be bounded.

Pager links are found four ways: ``rel=next/prev``, pager containers of the usual CMS themes,
"next/older" link texts in the site languages, and URLs that differ from the page only in a
pagination part (``/page/N/``, ``?start=N``, ``?page=N``, TYPO3 ``currentPage``…).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

import lxml.html

from clustercrawl.discovery._util import absolutize, clean_space, same_site, url_key
from clustercrawl.discovery._vocab import ARROWS, NEXT_TEXTS, PREV_TEXTS, fold, words
from clustercrawl.discovery.links import (
    is_asset_url,
    is_calendar_url,
    is_excluded_url,
    is_feed_url,
    post_score,
)

__all__ = ["PAGER_CLASSES", "find_pages", "is_pager_url", "page_base"]

PAGER_CLASSES = words(
    "pagination pager page-numbers nav-links f3-widget-paginator pagenav pagenavi wp-pagenavi "
    "paginator paging page-nav pagination-wrapper paginacja stronicowanie blog-pagination "
    "tribe-events-nav-pagination tribe-events-c-nav pager__items pager-nav posts-navigation "
    "navigation-pagination pagebrowser browsebox pager-list k2pagination page-navigation "
    "pagination-container pages-nav archive-pagination wp-block-query-pagination "
    "tribe-events-c-top-bar__nav nav-previous nav-next"
)
_NOT_PAGER = words("post-navigation nav-single single-navigation comment-navigation")
_PAGE_PATH = re.compile(r"/(page|seite|strona|pagina|stranka)/(\d+)/?$", re.I)
_PAGE_KEYS = frozenset({"page", "paged", "start", "limitstart", "pag", "strana", "pg", "pagina"})
_P = frozenset({"p"})
_STRIP = re.compile(r"^[\s«»‹›<>→←|.…\-–—]+|[\s«»‹›<>→←|.…\-–—]+$")
_CURRENT_PAGE = re.compile(r"^tx_\w+\[(?:@widget_\d+\]\[)?currentpage\]$", re.I)


_PAGER_KEY = re.compile(r"query-\d+-page|page[_-]?(num|no|number|nr)|pagenum|pageno|seite", re.I)


def _is_pager_key(key: str) -> bool:
    """``page``, ``start``, ``query-1-page`` (WP blocks), TYPO3 ``…[currentPage]``…"""
    return (
        key.lower() in _PAGE_KEYS
        or bool(_PAGER_KEY.fullmatch(key))
        or bool(_CURRENT_PAGE.match(unquote(key)))
    )


def page_base(url: str, also: frozenset[str] = frozenset()) -> str:
    """The URL with every pagination part removed (TYPO3 ``tx_*``/``cHash`` noise too).

    ``also`` names more query keys to ignore (``p`` when a link text confirms a pager).
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    path = _PAGE_PATH.sub("/", unquote(parts.path)).rstrip("/") or "/"
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    typo3 = any(_CURRENT_PAGE.match(k) for k, _ in pairs)
    kept = sorted(
        (k, v)
        for k, v in pairs
        if not _is_pager_key(k)
        and k != "cHash"
        and k not in also
        and not (typo3 and k.startswith("tx_"))
    )
    host = parts.hostname or ""
    host = host[4:] if host.startswith("www.") else host
    return urlunsplit(("", host, path, urlencode(kept), ""))


def _has_page_marker(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if _PAGE_PATH.search(parts.path):
        return True
    return any(_is_pager_key(k) for k, _ in parse_qsl(parts.query, keep_blank_values=True))


def is_pager_url(candidate: str, page_url: str) -> bool:
    """A URL of the same listing as ``page_url``, differing only in its page number."""
    return (
        url_key(candidate) != url_key(page_url)
        and _has_page_marker(candidate)
        and page_base(candidate) == page_base(page_url)
    )


def _tokens(elem: lxml.html.HtmlElement) -> set[str]:
    return set((elem.get("class") or "").lower().split()) | {(elem.get("id") or "").lower()}


def _in_pager(anchor: lxml.html.HtmlElement) -> bool:
    """Inside a pager container (and not inside a single post's previous/next navigation)."""
    found = False
    for elem in (anchor, *anchor.iterancestors()):
        tokens = _tokens(elem)
        if tokens & _NOT_PAGER:
            return False
        label = fold(elem.get("aria-label") or "")
        if tokens & PAGER_CLASSES or (
            label and re.search(r"pagina|paginierung|stronicowanie|strankovani|seiten", label)
        ):
            found = True
    return found


def _label(anchor: lxml.html.HtmlElement) -> str:
    text = clean_space(anchor.text_content()) or anchor.get("aria-label") or anchor.get("title")
    return clean_space(text or "")


def _text_kind(label: str) -> str | None:
    """``next`` / ``prev`` / ``number`` / ``arrow`` for a pager-like link text."""
    if not label or len(label) > 40:
        return None
    if label in ARROWS or re.fullmatch(r"[«»‹›<>→←]+", label):
        return "arrow"
    core = fold(_STRIP.sub("", label))
    if core.isdigit():
        return "number"
    if core in NEXT_TEXTS:
        return "next"
    if core in PREV_TEXTS:
        return "prev"
    return None


def find_pages(
    root: lxml.html.HtmlElement, base: str, page_url: str
) -> tuple[list[str], list[str]]:
    """(pager page URLs, calendar navigation URLs), absolute, de-duplicated, without the page.

    The likely "next" page comes first (``rel=next``, then a "next/older" text).
    """
    ranked: list[tuple[int, int, str]] = []
    calendar: list[str] = []
    for position, elem in enumerate(root.iter("a", "link")):
        href = absolutize(elem.get("href"), base)
        if not href or not same_site(href, page_url) or url_key(href) == url_key(page_url):
            continue
        if is_asset_url(href) or is_feed_url(href):
            continue
        if is_calendar_url(href):
            calendar.append(href)
            continue
        rels = (elem.get("rel") or "").lower().split()
        if elem.tag == "link":
            if "next" in rels or "prev" in rels or "previous" in rels:
                ranked.append((0 if "next" in rels else 3, position, href))
            continue
        if is_excluded_url(href):
            continue
        kind = _text_kind(_label(elem))
        same_listing = is_pager_url(href, page_url)
        in_pager = _in_pager(elem)
        if "next" in rels:
            ranked.append((0, position, href))
        elif kind == "next" and (same_listing or in_pager or post_score(href) < 3):
            ranked.append((1, position, href))
        elif same_listing or (in_pager and (kind is not None or post_score(href) < 3)):
            ranked.append((2, position, href))
        elif kind in ("number", "prev") and page_base(href, _P) == page_base(page_url, _P):
            ranked.append((3, position, href))  # ``?p=N`` style pagers, text-confirmed
    ranked.sort()
    seen = {url_key(page_url)}
    pages: list[str] = []
    for _, _, href in ranked:
        if url_key(href) not in seen:
            seen.add(url_key(href))
            pages.append(href)
    cal: list[str] = []
    for href in calendar:
        if url_key(href) not in seen:
            seen.add(url_key(href))
            cal.append(href)
    return pages, cal


_MONTH_IN_URL = re.compile(r"(?<!\d)((?:19|20)\d\d)[-/.]?(0[1-9]|1[0-2])(?:[-/.]?\d{1,2})?(?!\d)")


def calendar_month(url: str) -> tuple[int, int] | None:
    """(year, month) that an event-calendar navigation URL shows, when the URL says it.

    Lets the spider bound a calendar by a date window instead of a page count alone:
    "next month" links go on forever, real events do not.
    """
    parts = urlsplit(url)
    for _, value in parse_qsl(parts.query, keep_blank_values=True):
        m = _MONTH_IN_URL.search(unquote(value))
        if m:
            return int(m.group(1)), int(m.group(2))
    m = _MONTH_IN_URL.search(unquote(parts.path))
    return (int(m.group(1)), int(m.group(2))) if m else None
