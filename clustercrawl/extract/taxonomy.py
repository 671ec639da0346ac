"""Category and tag names a page shows for its post (``rel="category tag"``, ``rel="tag"``).

WordPress themes (classic ``the_category()``, block ``core/post-terms``) and many others mark
the post's terms with the microformat ``rel`` values; where no API or feed gave categories,
they are the site's own evidence for the post type (project news, member news, calls).
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

_TERM_LINKS = etree.XPath(
    ".//a[@href][contains(concat(' ', normalize-space(@rel), ' '), ' tag ')"
    " or contains(concat(' ', normalize-space(@rel), ' '), ' category ')]")
#: a term is a short label; a page listing dozens is a tag cloud, not the post's terms
MAX_TERMS, MAX_LENGTH = 12, 60


def page_terms(tree: HtmlElement | None) -> list[str]:
    """The post's category and tag names as the page links them, in page order."""
    if tree is None:
        return []
    names: list[str] = []
    for anchor in _TERM_LINKS(tree):
        text = " ".join((anchor.text_content() or "").split())
        if text and len(text) <= MAX_LENGTH and text not in names:
            names.append(text)
    return [] if len(names) > MAX_TERMS else names
