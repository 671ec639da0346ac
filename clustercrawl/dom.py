"""The one DOM and text helper module: parsing HTML, whitespace, visible text, links.

Shared by discovery (listings, feeds, sitemaps, the WordPress API) and extraction, so a page
is parsed, its text cleaned and its links resolved the same way everywhere.
"""

from __future__ import annotations

import html as htmllib
import re
from functools import lru_cache
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html
from lxml import etree
from lxml.html import HtmlElement
from w3lib.url import safe_url_string

from clustercrawl.urls import host_of, same_site

__all__ = [
    "BLOCK_TAGS",
    "absolute_url",
    "absolutize",
    "base_href",
    "block_text",
    "class_id",
    "clean_space",
    "fragment_text",
    "host_of",
    "norm_space",
    "parse_fragment",
    "parse_html",
    "same_site",
    "to_text",
]

_WS = re.compile(r"\s+")
_BAD_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "callto:", "sms:", "skype:", "fax:")

# the same parser settings as trafilatura's, so the tree can be handed to it as is
_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
    remove_pis=True,
)
# every element an HtmlElement, chosen in C: lxml.html's default lookup calls Python for each
# element proxy (to give forms and inputs their own classes, unused here), which cost ~5 %
# of an extraction since trafilatura walks the tree many times
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))

BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "blockquote", "pre", "dd", "dt", "dl", "figure",
    "figcaption", "hr", "main", "aside", "nav", "form", "address", "td", "th",
})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})
_ANY_SPACE = re.compile(r"\s")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def parse_html(html: str | bytes) -> HtmlElement | None:
    """A document tree, or None for empty or unparsable input (bytes: UTF-8, BOM dropped,
    bad bytes replaced)."""
    if isinstance(html, bytes):
        html = to_text(html)
    if not html or html.isspace():  # what `not html.strip()` tells, without a copy
        return None
    data = html.encode("utf-8", "surrogatepass")
    if b"\x00" in data:  # in UTF-8 only U+0000 has a zero byte; a search of the bytes
        # costs 1/10 of one of the text (0.09 ms a page on aeb, most pages not being Latin-1)
        html = html.replace("\x00", "")
        if not html.strip():
            return None
        data = html.encode("utf-8", "surrogatepass")
    try:
        tree = lxml.html.document_fromstring(data, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None
    return tree if isinstance(tree, HtmlElement) else None


def parse_fragment(html: str) -> HtmlElement | None:
    """A fragment (API/feed content) wrapped in a document body."""
    return parse_html(f"<html><body><div>{html}</div></body></html>") if html.strip() else None


#: what `_SPACES` changes: a run of two or more, or one that is not a plain space (no run
#: crosses a line break, so the whole text is fixed at once; most texts need nothing, and
#: replacing every single space by itself, as _SPACES does, was most of norm_space's time)
_SPACE_FIX = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]{2,}"
                        r"|[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]|  ")


def norm_space(text: str | None, fast: bool = True) -> str:
    """Collapse runs of horizontal white space, keep line breaks, strip. ``fast=False``
    collapses line by line with `_SPACES` (for tests)."""
    if not text:
        return ""
    if not fast:
        lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
        return "\n".join(line for line in lines if line)
    if _ODD_SPACE.search(text):
        text = _SPACE_FIX.sub(" ", text)
    return "\n".join(line for line in (part.strip() for part in text.splitlines()) if line)


def block_text(el: HtmlElement) -> str:
    """Visible text with a line break at every block element (for regex scanning)."""
    parts: list[str] = []
    walker = etree.iterwalk(el, events=("start", "end"))
    for event, node in walker:
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if tag in _SKIP_TAGS:
                walker.skip_subtree()
                if node.tail and node is not el:
                    parts.append(node.tail)
                continue
            if tag in BLOCK_TAGS:
                parts.append("\n")
            if node.text and tag:
                parts.append(node.text)
        else:
            if tag in _SKIP_TAGS:
                continue
            if tag in BLOCK_TAGS:
                parts.append("\n")
            if node.tail and node is not el:
                parts.append(node.tail)
    return norm_space("".join(parts))


def class_id(el: HtmlElement) -> str:
    """``class`` and ``id`` of an element, lowercased, for layout heuristics."""
    return f"{el.get('class', '')} {el.get('id', '')}".lower()


def clean_space(text: str | None) -> str:
    """Collapse whitespace (incl. NBSP) so titles compare and print cleanly."""
    if not text:
        return ""
    return _WS.sub(" ", text.replace("\xa0", " ")).strip()


def to_text(body: str | bytes) -> str:
    """Decode a body that is usually UTF-8; never fails (bad bytes are replaced)."""
    if isinstance(body, str):
        return body
    if body.startswith(b"\xef\xbb\xbf"):
        body = body[3:]
    return body.decode("utf-8", errors="replace")


def fragment_text(fragment: str | None) -> str:
    """Plain text of an HTML fragment (WP ``title.rendered``, feed summaries): tags dropped."""
    if not fragment:
        return ""
    if "<" not in fragment:
        return clean_space(htmllib.unescape(fragment))
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return clean_space(htmllib.unescape(re.sub(r"<[^>]*>", " ", fragment)))
    more = ".//*[contains(concat(' ', normalize-space(@class), ' '), ' more-link ')]"
    for bad in root.xpath(f".//script|.//style|{more}"):
        bad.drop_tree()
    return clean_space(root.text_content())


def base_href(root: lxml.html.HtmlElement, url: str) -> str:
    """The document base URL, honouring ``<base href>`` (common on Joomla and TYPO3)."""
    for href in root.xpath("//head/base/@href"):
        joined = urljoin(url, str(href).strip())
        if joined.startswith(("http://", "https://")):
            return joined
    return url


def absolutize(href: str | None, base: str) -> str | None:
    """Absolute http(s) URL without fragment, or None for mailto:, javascript:, junk."""
    if href is None:
        return None
    return _absolutize(href, base)


#: links in extracted posts resolve as discovery resolves them
absolute_url = absolutize


#: an absolute http(s) URL that the steps of `_absolutize` give back unchanged: a lowercase
#: host of letters, digits, dots and hyphens ending in a label that starts with a letter (no
#: port, user or IP address), a path, maybe a non-empty query, and only characters that
#: safe_url_string keeps as they are (no ";" whose params urljoin would rebuild, no "'",
#: "#", "[", "]", "|", space or non-ASCII). Most links are such URLs, and the steps cost
#: ~40 us a link (1/3 of collecting a post's media); tests compare the two ways
_SAFE_URL = re.compile(
    r"https?://(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*"
    r"/[A-Za-z0-9\-._~!$&()*+,=:@/%]*(?:\?[A-Za-z0-9\-._~!$&()*+,=:@/%?]+)?")


#: the origin of a base URL urljoin reads as written (lowercase http(s) scheme and host)
_SAFE_ORIGIN = re.compile(r"(https?://(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*)(?:[/?#]|$)")
#: a root-relative href urljoin puts after the base's origin as it is: no "." or ".."
#: segment to resolve, no params, no fragment, only characters _SAFE_URL allows
_ROOTED = re.compile(
    r"(?:/(?!\.\.?(?:[/?]|$))[A-Za-z0-9\-._~!$&()*+,=:@%]*)+"
    r"(?:\?[A-Za-z0-9\-._~!$&()*+,=:@/%?]+)?")


def _absolutize_uncached(href: str, base: str, fast: bool = True) -> str | None:
    """`_absolutize` itself; ``fast=False`` takes every step for every URL (for tests)."""
    href = href.strip().replace("\n", "").replace("\r", "").replace("\t", "")
    if not href or href.startswith("#") or href.lower().startswith(_BAD_SCHEMES):
        return None
    if fast and _SAFE_URL.fullmatch(href) and base.isascii() and "[" not in base and (
            "]" not in base):  # (urljoin raises on such a base's bad host)
        return href  # urljoin keeps an absolute URL as it is, and so do the other steps
    if fast and href[0] == "/" and href[1:2] != "/" and _ROOTED.fullmatch(href):
        origin = _SAFE_ORIGIN.match(base)
        if origin is not None:
            return origin.group(1) + href  # urljoin's result, which the rest leaves as it is
    try:
        joined = urljoin(base, htmllib.unescape(href) if "&amp;" in href else href)
        if fast and _SAFE_URL.fullmatch(joined):
            return joined
        url = safe_url_string(urldefrag(joined)[0])
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError on a bad port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return url


_absolutize = lru_cache(maxsize=16384)(_absolutize_uncached)
