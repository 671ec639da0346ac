"""Parsing HTML once and small DOM/URL helpers shared by the extraction steps."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from clustercrawl.urls import same_site  # the project's one same-site rule

__all__ = [
    "BLOCK_TAGS",
    "absolute_url",
    "block_text",
    "class_id",
    "host_of",
    "norm_space",
    "parse_fragment",
    "parse_html",
    "same_site",
]

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
    """A document tree, or None for empty or unparsable input."""
    if isinstance(html, str):
        if not html.strip():
            return None
        data = html.encode("utf-8", "surrogatepass")
    else:
        data = html
    try:
        tree = lxml.html.document_fromstring(data, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None
    return tree if isinstance(tree, HtmlElement) else None


def parse_fragment(html: str) -> HtmlElement | None:
    """A fragment (API/feed content) wrapped in a document body."""
    return parse_html(f"<html><body><div>{html}</div></body></html>") if html.strip() else None


def norm_space(text: str | None) -> str:
    """Collapse runs of horizontal white space, keep line breaks, strip."""
    if not text:
        return ""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


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


def absolute_url(href: str | None, base: str) -> str | None:
    """An absolute http(s) URL, or None for mailto:, javascript:, fragments, data: …"""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    if href.startswith(("http://", "https://")):
        url = href
    else:
        try:
            url = urljoin(base, href)
        except ValueError:
            return None
    if not url.startswith(("http://", "https://")) or _ANY_SPACE.search(url):
        return None
    return url.split("#", 1)[0]


def host_of(url: str) -> str:
    """Host without ``www.`` and port."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


