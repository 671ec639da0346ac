"""The page's own teaser: a list of posts on the page (latest, more from the section) that
includes this very post, linked to its own URL, with the date the site gives it there.

Read for pages that mark no date and show none next to the headline: the teaser's date is
the site's listing entry for the post, printed on the page itself.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from clustercrawl.extract.daterange import date_order_for, find_date_ranges
from clustercrawl.extract.datevalue import DateValue
from clustercrawl.extract.dom import host_of

__all__ = ["own_teaser_date"]

_LINKS = etree.XPath("//body//a[@href]")
#: a teaser's block is short: the link, a picture caption, a line of text and the date
_TEASER_TEXT, _TEASER_LEVELS, _MAX_LINKS = 300, 4, 400


def _key(url: str, base: str, paths: Collection[str] | None = None) -> tuple[str, str] | None:
    """Host and path of a link, without query, fragment or trailing slash; with ``paths``,
    None for a path not among them (its host, the costly part, is then not worked out)."""
    try:
        parts = urlsplit(urljoin(base, url.strip()))
    except ValueError:
        return None
    path = parts.path.rstrip("/")
    if not path or (paths is not None and path not in paths):
        return None  # the home page links everywhere
    return host_of(parts.netloc), path


_C0_OR_SPACE = "".join(map(chr, range(0x21)))  # what urlsplit strips off the front
_BARE_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?!/)")
_NO_PATH = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^/?#;]*(?:[?#;]|$)")  # "http://"


def _may_resolve_to(href: str, last_segments: Collection[str]) -> bool:
    """Whether ``href`` can resolve to a path ending in one of ``last_segments``: it holds
    one, or it may take its path's end from the base URL (no path of its own: "?page=2",
    "http:?x", "http://"; a dot segment: "./", "../"). urljoin, the costly part, is spared for the
    other links; urlsplit drops tabs and line breaks, so they are dropped here too."""
    clean = href.replace("\t", "").replace("\r", "").replace("\n", "")
    if any(segment in clean for segment in last_segments):
        return True
    clean = clean.lstrip(_C0_OR_SPACE)
    return (clean[:1] in {"", "?", "#", ";", "."} or "/." in clean or ":." in clean
            or _BARE_SCHEME.match(clean) is not None or _NO_PATH.match(clean) is not None)


def own_teaser_date(tree: HtmlElement, urls: Collection[str], language: str | None,
                    forbidden: Collection[date] = (), *, fast: bool = True) -> DateValue | None:
    """The single date of the teasers on the page that link to the page itself; ``None``
    when they disagree or none shows one. ``fast=False`` resolves every link."""
    base = next(iter(urls), "")
    own = {k for k in (_key(u, base) for u in urls if u) if k is not None}
    if not own:
        return None
    own_paths = {path for _, path in own}
    last_segments = {path[path.rfind("/") + 1:] for path in own_paths}
    order = date_order_for(language)
    found: list[DateValue] = []
    for link in _LINKS(tree)[:_MAX_LINKS]:
        href = link.get("href", "").strip()
        if not href or href.startswith("#") or (
                fast and not _may_resolve_to(href, last_segments)) or _key(
                href, base, own_paths) not in own:
            continue
        block: HtmlElement | None = link
        for _ in range(_TEASER_LEVELS):
            block = block.getparent() if block is not None else None
            if block is None:
                break
            text = " ".join(block.text_content().split())
            if len(text) > _TEASER_TEXT:
                break
            ranges = find_date_ranges(text, language, date_order=order, month_only=False)
            if not ranges:
                continue
            rng = ranges[0]
            if len(ranges) == 1 and not rng.is_range and rng.start not in forbidden:
                found.append(DateValue(rng.start.isoformat(), "day", "listing", rng.start,
                                       rng.raw))
            break
    if found and len({v.day for v in found}) == 1:
        return found[0]
    return None
