"""The post's main text: trafilatura's fast run on every page, its full run (readability and
jusText fallbacks) only where the fast text is short on a long page (split from content.py).

The fast run gets the page with the subtrees it never reads swapped for empty stand-ins, and
both runs go through :mod:`mainrun`, which drives trafilatura's own stages without their
unread work."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from copy import copy

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.settings import Extractor, use_config

from clustercrawl.extract import mainrun

__all__ = ["FULL_RUN_BELOW", "PAGE_TEXT_RATIO", "main_text"]

log = logging.getLogger(__name__)

_BODY = etree.XPath("//body")

# Cluster posts are short: below trafilatura's default 250 characters its fallbacks take over
# and flatten the post into one line with the byline and share widget. 100 keeps the main
# extractor's result (measured on trafilatura-eval: snippet recall 0.944 -> 0.942, false
# positives 0.081 -> 0.078).
_CONFIG = use_config()
_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "100")

#: below this many characters the fast extraction probably missed the article (a teaser,
#: a caption) and trafilatura's full run with its readability/jusText fallbacks is tried;
#: measured on aeb + trafilatura-eval: 10 % of pages re-run, body F1 0.965 vs 0.961 for
#: always-full (the fallbacks also pick page-wide junk on some long pages), at 55 % of the time
FULL_RUN_BELOW = 800
#: ... unless the whole page has less than this many times the text found (same sets: 25 %
#: fewer full runs, same scores)
PAGE_TEXT_RATIO = 12


def main_text(tree: HtmlElement, url: str, fast: bool | None = None) -> str:
    """trafilatura's main text (no comments; tables kept: agendas live in tables).

    ``fast=None`` runs the fast extraction first and the full one only when the fast text is
    short; True/False force one mode.
    """
    if fast is None:
        text = _trafilatura_text(tree, url, fast=True)
        if len(text) >= FULL_RUN_BELOW:
            return text
        bodies = _BODY(tree)
        page_chars = len(" ".join(bodies[0].text_content().split())) if bodies else 0
        if page_chars < PAGE_TEXT_RATIO * max(len(text), 1):
            return text  # a short page: the short text is probably all there is
        full = _trafilatura_text(tree, url, fast=False)
        return full if len(full) > len(text) else text
    return _trafilatura_text(tree, url, fast=fast)


#: subtrees that trafilatura's fast extraction does not read: its tree cleaning deletes them
#: before the main extractor, and its measure of the page's text (html2txt, which decides the
#: recall retry) and its baseline skip them too. JSON-LD scripts stay (the baseline reads
#: articleBody from them, the forum check their @type).
_UNREAD_TAGS = ("script", "style", "svg", "aside", "footer")


def _unread(tree: HtmlElement) -> list[HtmlElement]:
    """//script[not(@type='application/ld+json')]|//style|//svg|//aside|//footer, in
    document order: one walk filtered by tag in C, where the XPath union walks five times and
    sorts (0.23 -> 0.13 ms a page on aeb)."""
    return [el for el in tree.getroottree().getroot().iter(*_UNREAD_TAGS)
            if el.tag != "script" or el.get("type") != "application/ld+json"]


@contextmanager
def _stand_ins(tree: HtmlElement) -> Iterator[None]:
    """The page with the subtrees trafilatura drops swapped for empty elements of the same
    tag and tail while the fast extraction runs, then put back (also when it raises).

    trafilatura copies the tree three to five times and runs regex XPaths over its elements;
    sidebars, footers and icons are a fifth of them. Measured (the fast run alone, with and
    without, page by page, load 7): aeb 10.7 -> 9.7 ms a page, trafilatura-eval 12.6 -> 11.7. Posts
    identical on all 992 evaldata pages; the raw text differs on one, where trafilatura's
    cleaning, deleting while it iterates, skips the second of two adjacent asides and keeps
    its heading ("Top-Themen bei …", which clean_body drops). Swapping, not copying: a copy
    would cost what it saves. The full mode gets the page as it is (readability reads svg)."""
    swapped: list[tuple[HtmlElement, HtmlElement]] = []
    try:
        for el in _unread(tree):
            parent = el.getparent()
            if parent is None:
                continue
            stand_in = el.makeelement(el.tag)
            stand_in.tail = el.tail
            parent.replace(el, stand_in)  # el keeps its tail for the way back
            swapped.append((el, stand_in))
        yield
    finally:
        for el, stand_in in reversed(swapped):
            holder = stand_in.getparent()
            if holder is not None:
                holder.replace(stand_in, el)


#: the options bare_extraction would build from our arguments, built once per mode: building
#: them reads the config file's values each time (~0.35 ms a call, ~1 % of an extraction)
_OPTIONS = {
    mode: Extractor(config=_CONFIG, output_format="python", fast=mode, comments=False,
                    tables=True, images=False, links=False, dedup=False, with_metadata=False)
    for mode in (True, False)
}


def _options(url: str, fast: bool) -> Extractor:
    """A copy of the mode's options for one page (the URL is per page)."""
    options = copy(_OPTIONS[fast])
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    return options


def _trafilatura_text(tree: HtmlElement, url: str, fast: bool) -> str:
    """bare_extraction's text (through mainrun, which skips its unread work)."""
    try:
        with _stand_ins(tree) if fast else nullcontext():
            return mainrun.text(tree, _options(url, fast))
    except Exception as exc:  # trafilatura raises on some malformed trees
        log.debug("trafilatura failed on %s: %s", url, exc)
        return ""
