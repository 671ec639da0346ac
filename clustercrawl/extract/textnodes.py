"""The text nodes around an element as XPath's ``following::text()`` and ``preceding::text()``
(non-blank, outside scripts and styles) give them, generated lazily.

The byline reader looks at a few dozen text nodes next to the headline and stops early; the
XPath would collect and test every text node in the rest of the page first (split from
byline.py)."""

from __future__ import annotations

from collections.abc import Iterator

from lxml.html import HtmlElement

__all__ = ["AFTER_NODES", "BEFORE_NODES", "Pulled", "TextNode", "following_texts",
           "preceding_texts"]

#: how many text nodes after and before the headline are read
AFTER_NODES, BEFORE_NODES = 60, 15
_HIDDEN_TEXT = frozenset({"script", "style"})
_XML_SPACE = " \t\n\r"  # what XPath's normalize-space() strips


class TextNode(str):
    """A text node as XPath's ``text()`` gives it: its ``getparent()`` is the element that
    holds it, or the one it is the tail of."""

    parent: HtmlElement

    def getparent(self) -> HtmlElement:
        return self.parent


def _text(value: str | None, parent: HtmlElement) -> TextNode | None:
    if not value or not value.strip(_XML_SPACE):
        return None
    out = TextNode(value)
    out.parent = parent
    return out


def _hidden(el: HtmlElement | None) -> bool:
    """Whether the element is (inside) a script or a style."""
    while el is not None:
        if el.tag in _HIDDEN_TEXT:
            return True
        el = el.getparent()
    return False


def _inside(el: HtmlElement, hidden: bool) -> Iterator[TextNode]:
    """The texts inside ``el`` and its tail, in document order (``hidden``: el's ancestors
    hide it). A stack, not nested generators: a text deep in the tree costs one step."""
    if not isinstance(el.tag, str):  # a comment's or a PI's text is no text node
        if not hidden:
            tail = _text(el.tail, el)
            if tail is not None:
                yield tail
        return
    hide = hidden or el.tag in _HIDDEN_TEXT
    if not hide:
        text = _text(el.text, el)
        if text is not None:
            yield text
    # (element, hidden by its ancestors, hidden itself, its children still to read)
    stack: list[tuple[HtmlElement, bool, bool, Iterator[HtmlElement]]] = [
        (el, hidden, hide, iter(el))]
    while stack:
        node, above, hide, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if not above:
                tail = _text(node.tail, node)
                if tail is not None:
                    yield tail
        elif isinstance(child.tag, str):
            child_hide = hide or child.tag in _HIDDEN_TEXT
            if not child_hide:
                text = _text(child.text, child)
                if text is not None:
                    yield text
            stack.append((child, hide, child_hide, iter(child)))
        elif not hide:
            tail = _text(child.tail, child)
            if tail is not None:
                yield tail


def _inside_reversed(el: HtmlElement, hidden: bool) -> Iterator[TextNode]:
    """The texts inside ``el`` (not its tail), last first."""
    if not isinstance(el.tag, str):
        return
    # (element, hidden itself, its children still to read, last first)
    stack: list[tuple[HtmlElement, bool, Iterator[HtmlElement]]] = [
        (el, hidden or el.tag in _HIDDEN_TEXT, reversed(el))]
    while stack:
        node, hide, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if not hide:
                text = _text(node.text, node)
                if text is not None:
                    yield text
            continue
        if not hide:
            tail = _text(child.tail, child)
            if tail is not None:
                yield tail
        if isinstance(child.tag, str):
            stack.append((child, hide or child.tag in _HIDDEN_TEXT, reversed(child)))


def following_texts(el: HtmlElement) -> Iterator[TextNode]:
    """XPath's ``following::text()[normalize-space()][not(ancestor::script or
    ancestor::style)]``, generated lazily: the byline reader stops after a few of them, the
    XPath would collect and test the rest of the page first."""
    node: HtmlElement | None = el
    while node is not None:
        parent = node.getparent()
        hidden = _hidden(parent)
        if not hidden:
            tail = _text(node.tail, node)
            if tail is not None:
                yield tail
        for sibling in node.itersiblings():
            yield from _inside(sibling, hidden)
        node = parent


def preceding_texts(el: HtmlElement) -> Iterator[TextNode]:
    """XPath's ``preceding::text()`` with the same tests, nearest first."""
    node: HtmlElement | None = el
    while node is not None:
        parent = node.getparent()
        hidden = _hidden(parent)
        for sibling in node.itersiblings(preceding=True):
            if not hidden:
                tail = _text(sibling.tail, sibling)
                if tail is not None:
                    yield tail
            yield from _inside_reversed(sibling, hidden)
        if parent is not None and not hidden:
            text = _text(parent.text, parent)
            if text is not None:
                yield text
        node = parent

class Pulled:
    """The first ``limit`` items of an iterator, pulled only as far as they are read."""

    def __init__(self, items: Iterator[TextNode], limit: int) -> None:
        self._items = items
        self._limit = limit
        self._got: list[TextNode] = []

    def _pull(self, upto: int) -> None:
        upto = min(upto, self._limit)
        while len(self._got) < upto:
            item = next(self._items, None)
            if item is None:
                self._limit = len(self._got)
                return
            self._got.append(item)

    def __iter__(self) -> Iterator[TextNode]:
        i = 0
        while True:
            self._pull(i + 1)
            if i >= len(self._got):
                return
            yield self._got[i]
            i += 1

    def __getitem__(self, index: int) -> TextNode:
        self._pull(index + 1)
        return self._got[index]

    def slice(self, start: int, stop: int) -> list[TextNode]:
        self._pull(stop)
        return self._got[start:stop]
