"""trafilatura's extraction sequence driven step by step, skipping work whose result is unread.

``bare_extraction`` on a tree with our options (comments off, python output, no metadata) runs
its cascade (``trafilatura_sequence``) and a few output checks. ``run`` calls the same stage
functions in the same order with the same inputs and returns the same text, but leaves out:

- the pre-conversion backup copy of the cleaned tree in fast mode: only the external
  comparison (full mode) and the forum-comment route (comments on) read it;
- two walks of the whole tree per regex XPath of the raw-tree prunes (comment sections,
  infinite-scroll containers): one walk in Python selects the same elements (lxml calls back
  into Python for each ``re:test`` anyway, twice per div);
- the page measure of the recall escalation (``html2txt``: a copy, a regex XPath over every
  element, a spaced text) when an upper bound of its length already decides the comparison.

It is written against one trafilatura version (``TRAFILATURA_VERSION``); with another one, or
options it was not written for, ``text`` calls ``bare_extraction`` itself.
"""

from __future__ import annotations

import functools
import logging
import re
from copy import copy

import trafilatura
from lxml.etree import _Element, strip_tags
from lxml.html import HtmlElement
from trafilatura import core as tcore
from trafilatura.baseline import baseline, html2txt
from trafilatura.external import compare_extraction, justext_rescue
from trafilatura.htmlprocessing import convert_tags, tree_cleaning
from trafilatura.main_extractor import extract_content
from trafilatura.settings import Extractor
from trafilatura.utils import remove_control_characters
from trafilatura.xml import xmltotxt

try:  # private names of the version followed: another version may lack them
    from trafilatura.baseline import _BLOCK_ELEMS
    from trafilatura.settings import _COOKIE_CONSENT_RE
    from trafilatura.xpaths import _COMMENTS_CLASS, _COMMENTS_ID
    _PRIVATE_NAMES = True
except ImportError:  # pragma: no cover - bare_extraction runs instead (``supported``)
    _BLOCK_ELEMS, _COOKIE_CONSENT_RE, _COMMENTS_CLASS, _COMMENTS_ID = set(), "^$", "^$", "^$"
    _PRIVATE_NAMES = False

__all__ = ["TRAFILATURA_VERSION", "page_text_bound", "page_text_bounds", "run", "supported", "text"]

log = logging.getLogger(__name__)

#: the version whose core.trafilatura_sequence and bare_extraction this module follows
TRAFILATURA_VERSION = "2.3.1"

#: RAW_TREE_PRUNE_XPATH and REMOVE_COMMENTS_AND_LISTS_XPATH evaluated in one walk in Python
#: (``_prune_lists``): lxml calls back into Python for each ``re:test``, twice per div of the
#: page, and each XPath walks the whole tree. The same patterns, the same tests: re:test reads
#: the attribute's value ("" when absent) with re.search, as ``el.get(...) or ""`` does here.
_SCROLL = re.compile("mvp-post-add-(?:box|wrap)|infinite-?scroll")
_MVP = re.compile("mvp-post-add-(?:box|wrap)")
_COMMENT_ID_ANY = re.compile(f"^(?:{_COMMENTS_ID}|disqus_thread|dsq-comments)")
_COMMENT_ID = re.compile(f"^(?:{_COMMENTS_ID})")
_COMMENT_CLASS = re.compile(_COMMENTS_CLASS)
_RAW_TAGS = frozenset(("div", "section", "aside"))
_COMMENT_TAGS = frozenset(("div", "list", "section", "details", "ol", "ul"))
_LIST_TAGS = frozenset(("ol", "ul"))
_WALK_TAGS = ("div", "section", "aside", "list", "details", "ol", "ul")


def _prune_lists(tree: HtmlElement) -> tuple[list[HtmlElement], list[HtmlElement],
                                               list[HtmlElement]]:
    """The elements RAW_TREE_PRUNE_XPATH's two expressions and REMOVE_COMMENTS_AND_LISTS_XPATH
    select in ``tree``, in document order, as each would on the tree as it is now.

    The later expressions run after the earlier ones deleted their matches; they test only
    an element's own tag and attributes, so they select the elements listed here that are
    still in the tree. Deleting the others again touches only subtrees already cut off."""
    scroll: list[HtmlElement] = []
    share: list[HtmlElement] = []
    comment: list[HtmlElement] = []
    for el in tree.iterdescendants(*_WALK_TAGS):
        cls = el.get("class") or ""
        ident = el.get("id") or ""
        if not cls and not ident:
            continue
        # each pattern's matches hold one of the words tested before it ("[Cc]omment(?!ary)"
        # and "dsq-comments" hold "omment"): the words are tested in C first
        if el.tag in _RAW_TAGS:
            if (("infinite" in ident or "infinite" in cls or "mvp-post-add-" in ident
                 or "mvp-post-add-" in cls)
                    and (_SCROLL.search(ident) or _SCROLL.search(cls))
                    and (el.find(".//h1") is None or _MVP.search(ident) or _MVP.search(cls))):
                scroll.append(el)
            if "elementor-share-buttons" in cls:
                share.append(el)
        if (el.tag in _COMMENT_TAGS
                and ("omment" in cls or "omment" in ident or "comol" in ident
                     or "disqus_thread" in ident)
                and (_COMMENT_ID_ANY.search(ident) or _COMMENT_CLASS.search(cls))
                and (el.tag not in _LIST_TAGS or _COMMENT_ID.search(ident)
                     or _COMMENT_CLASS.search(cls))):
            comment.append(el)
    return scroll, share, comment


def supported(options: Extractor) -> bool:
    """True when ``run`` follows bare_extraction for these options and this trafilatura."""
    return (trafilatura.__version__ == TRAFILATURA_VERSION and _PRIVATE_NAMES
            and not options.comments and options.format == "python" and not options.with_metadata
            and not options.lang and not options.dedup and options.focus == "balanced")


def text(tree: HtmlElement, options: Extractor) -> str:
    """bare_extraction(tree, options=options)'s text ("" when it returns None)."""
    if supported(options):
        return run(tree, options)
    if trafilatura.__version__ != TRAFILATURA_VERSION or not _PRIVATE_NAMES:
        _warn_version()
    else:
        log.debug("options mainrun does not follow: bare_extraction runs as it is")
    doc = trafilatura.bare_extraction(tree, url=options.url, options=options)
    return (getattr(doc, "text", None) or "") if doc is not None else ""


@functools.cache
def _warn_version() -> None:
    """Once per process: the extraction still gives the same text, but slower, which a
    user comparing speed figures should know."""
    log.warning("trafilatura %s installed, clustercrawl's fast driver follows %s: main text "
                "extracted by bare_extraction (same text, ~4 ms a page slower); install "
                "trafilatura==%s for the measured speed", trafilatura.__version__,
                TRAFILATURA_VERSION, TRAFILATURA_VERSION)


def page_text_bound(tree: HtmlElement) -> int:
    """An upper bound of len(html2txt(tree)), read without copying or cleaning the tree.

    html2txt is " ".join(text.split()) of the (first) body's text after basic_cleaning deleted
    subtrees (keeping their tails, in order) and a space was put before the text and the tail
    of each block element. Deleting never adds a non-space character nor a word; each space
    put in splits at most one word; dropped control characters are non-spaces. So the result
    has at most the body's non-space characters plus its words plus two per block element."""
    body = tree.find(".//body")
    if body is None:
        body = tree
    words = body.text_content().split()
    blocks = sum(1 for _ in body.iter(*_BLOCK_ELEMS))
    return sum(map(len, words)) + len(words) + 2 * blocks


#: what basic_cleaning (BASIC_CLEAN_XPATH) deletes, tested per element in ``page_text_bounds``
_CLEANED_TAGS = frozenset(("aside", "fencedframe", "footer", "script", "style", "svg", "template"))
_CONSENT = re.compile(_COOKIE_CONSENT_RE, re.IGNORECASE)  # re:test(..., 'i') compiles it so
_BLOCKS = frozenset(_BLOCK_ELEMS)


def _consent(value: str) -> bool:
    """_CONSENT.search(value), the regex only when one of the words every match holds is in
    the value: an ASCII value matches ignoring case only by ASCII case pairs, so its lower
    case has them; other values go to the regex (it folds "ſ", "K" and dotless i too)."""
    if value.isascii():
        low = value.lower()
        if not ("cookie" in low or "consent" in low or "borlabs" in low or "cmplz" in low
                or "onetrust" in low or "moove" in low):
            return False
    return _CONSENT.search(value) is not None


def _normalised_length(text: str) -> int:
    return len(" ".join(text.split()))


def page_text_bounds(tree: HtmlElement) -> tuple[int, int]:
    """Lower and upper bounds of len(html2txt(tree)), read in one walk without copying.

    html2txt deletes what BASIC_CLEAN_XPATH selects (tails kept, in place), puts a space before
    the text and the tail of each remaining block element, drops control characters from those
    (remove_control_characters) and joins the words with single spaces. The upper text deletes
    only what is certainly selected and drops no control characters; the lower one deletes
    what may be selected too and drops control characters everywhere. Each is html2txt's text
    with characters taken away or added, never moved, and neither adds a word nor a
    non-space where html2txt has none, so their lengths bound its length. They differ only on
    a div with a class and an id of which one holds "footer", or a control character."""
    body = tree.find(".//body")
    if body is None:
        body = tree
    upper: list[str] = [" "] if body.tag in _BLOCKS else []
    if body.text:
        upper.append(body.text)
    if _walk(body, upper, None, False):  # a div that may be deleted: walk again for both
        upper = [" "] if body.tag in _BLOCKS else []
        lower = list(upper)
        if body.text:
            upper.append(body.text)
            lower.append(remove_control_characters(body.text))
        _walk(body, upper, lower, True)
        return _normalised_length("".join(lower)), _normalised_length("".join(upper))
    text = "".join(upper)  # no such div: the lower text is this one without control characters
    return _normalised_length(remove_control_characters(text)), _normalised_length(text)


def _walk(parent: HtmlElement, upper: list[str], lower: list[str] | None, in_lower: bool
          ) -> bool:
    """The children of ``parent`` with their texts and tails, in document order, into the
    upper text and, when ``in_lower``, the lower one; True if a div may be deleted or not
    (class and id, one of them with "footer")."""
    rcc = remove_control_characters
    add = upper.append
    cleaned_tags, blocks, consent = _CLEANED_TAGS, _BLOCKS, _consent
    uncertain = False
    for el in parent:
        tag = el.tag
        if tag.__class__ is str and tag not in cleaned_tags:
            cls = el.get("class")
            ident = el.get("id")
            keep = True
            keep_lower = in_lower
            if (cls and consent(cls)) or (ident and consent(ident)):
                keep = keep_lower = False  # re:test(@class, ..., 'i') or re:test(@id, ...)
            elif tag == "div" and ((cls is not None and "footer" in cls)
                                   or (ident is not None and "footer" in ident)):
                # contains(@class|@id, 'footer') reads the first of the two in attribute order
                if cls is None or ident is None or ("footer" in cls and "footer" in ident):
                    keep = keep_lower = False
                else:
                    uncertain = True
                    keep_lower = False
            if keep:
                block = tag in blocks
                text = el.text
                if block:
                    add(" ")
                    if keep_lower:
                        lower.append(" ")  # type: ignore[union-attr]
                if text:
                    add(text)
                    if keep_lower:
                        lower.append(rcc(text))  # type: ignore[union-attr]
                if len(el) and _walk(el, upper, lower, keep_lower):
                    uncertain = True
                if block:  # the space before the tail
                    add(" ")
                    if keep_lower:
                        lower.append(" ")  # type: ignore[union-attr]
        # a comment's or a processing instruction's text is not text; every tail is
        tail = el.tail
        if tail:
            add(tail)
            if in_lower:
                lower.append(rcc(tail))  # type: ignore[union-attr]
    return uncertain


def _escalates(tree: HtmlElement, text_len: int) -> bool:
    """trafilatura_sequence's test for the recall retry (balanced focus): the text is short
    and under a fifth of html2txt's page text, measured only when no bound decides."""
    if not 0 < text_len < tcore.ESCALATION_MAX_LENGTH:
        return False
    share = tcore.ESCALATION_PAGE_SHARE
    if text_len >= share * page_text_bound(tree):
        return False  # a fifth of the bound or more, so of the page text too
    try:
        lower, upper = page_text_bounds(tree)
    except RecursionError:  # a page nested deeper than Python recurses
        return text_len < share * len(html2txt(tree))
    if text_len < share * lower:
        return True
    if text_len >= share * upper:
        return False
    return text_len < share * len(html2txt(tree))


def _cleaned(tree: HtmlElement, options: Extractor, url: str | None
             ) -> tuple[HtmlElement, HtmlElement | None]:
    """_prepare_tree, the backup copy only in full mode (the only reader with comments off)."""
    cleaned = tree_cleaning(copy(tree), options)
    backup = None if options.fast else copy(cleaned)
    return convert_tags(cleaned, options, url), backup


def _extract(tree: HtmlElement, options: Extractor, url: str | None) -> tuple[_Element, str]:
    """_extract_and_compare on _prepare_tree's output."""
    cleaned, backup = _cleaned(tree, options, url)
    postbody, temp_text = extract_content(cleaned, options)
    if not options.fast:
        assert backup is not None
        postbody, temp_text = compare_extraction(backup, copy(tree), postbody, temp_text, options)
    return postbody, temp_text


#: one delete_element undone: the element, its parent and place, and the text its tail was
#: added to (the previous sibling's tail, else the parent's text) with that text's old value
_Deletion = tuple[HtmlElement, HtmlElement, int, "HtmlElement | None", "str | None"]


def _delete(elements: list[HtmlElement], done: list[_Deletion]) -> None:
    """delete_element (tail kept) on each element in turn, recording in ``done`` how to undo
    it."""
    for el in elements:
        parent = el.getparent()
        if parent is None:
            continue  # delete_element does nothing either
        previous = el.getprevious()
        old = parent.text if previous is None else previous.tail
        if el.tail:
            if previous is None:
                parent.text = (old or "") + el.tail
            else:
                previous.tail = (old or "") + el.tail
        index = parent.index(el)
        parent.remove(el)  # the element keeps its tail
        done.append((el, parent, index, previous, old))


def _undo(done: list[_Deletion]) -> None:
    """The deletions undone, last first: the tree is as before them."""
    for el, parent, index, previous, old in reversed(done):
        parent.insert(index, el)
        if previous is None:
            parent.text = old
        else:
            previous.tail = old


def _sequence(tree: HtmlElement, options: Extractor, url: str | None) -> tuple[_Element, str]:
    """trafilatura_sequence with comments off and balanced focus (no comment capture, no
    forum salvage: both need comments on), on the caller's tree: the raw-tree prunes are its
    only changes to it (every later step copies it first or only reads it), undone at the end,
    where bare_extraction copies the whole tree first."""
    is_forum = tcore._forum_thread_page(tree)
    scroll, share, comment = _prune_lists(tree)
    done: list[_Deletion] = []
    try:
        _delete(scroll + share + (comment if not is_forum else []), done)
        return _cascade(tree, options, url)
    finally:
        _undo(done)


def _cascade(tree: HtmlElement, options: Extractor, url: str | None) -> tuple[_Element, str]:
    """trafilatura_sequence after the raw-tree prunes: extraction, baseline rescue, recall
    retry; ``tree`` is read or copied, never changed."""
    postbody, temp_text = _extract(tree, options, url)

    if len(temp_text) < options.min_extracted_size:
        b_body, b_text, b_len = baseline(tree)
        if b_len > len(temp_text):
            postbody, temp_text = b_body, b_text

    if _escalates(tree, len(temp_text)):
        r_options = copy(options)
        r_options.focus = "recall"
        r_text = ""
        try:
            r_body, r_text = _extract(tree, r_options, url)
        except Exception as err:  # trafilatura logs and goes on, so do we
            log.debug("recall retry failed: %s %s", err, url)
        j_text = ""
        if not options.fast:
            try:
                j_body, j_text = justext_rescue(copy(tree), options)
            except Exception as err:
                log.debug("justext candidate failed: %s %s", err, url)
        len_text, r_len, j_len = len(temp_text), len(r_text), len(j_text)
        if j_len > r_len and j_len > tcore.ESCALATION_JUSTEXT_RATIO * len_text:
            postbody, temp_text = j_body, j_text
        elif (r_len >= options.min_extracted_size
              and r_len > tcore.ESCALATION_ACCEPT_RATIO * len_text):
            postbody, temp_text = r_body, r_text
    return postbody, temp_text


def run(tree: HtmlElement, options: Extractor) -> str:
    """bare_extraction's text for options ``supported`` accepts; the caller's tree is left
    as it was."""
    try:
        postbody, temp_text = _sequence(tree, options, options.url)
        if options.max_tree_size:
            if len(postbody) > options.max_tree_size:
                strip_tags(postbody, "hi")
            if len(postbody) > options.max_tree_size:
                return ""
        if len(temp_text) < options.min_output_size and options.min_output_comm_size > 0:
            return ""
    except (TypeError, ValueError):
        return ""  # bare_extraction returns None
    return xmltotxt(postbody, options.formatting)
