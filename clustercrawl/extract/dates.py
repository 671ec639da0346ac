"""Publication and modification dates, kept apart from event dates.

The cascade trusts what the CMS says about the post (API/feed, JSON-LD, meta, ``<time>``)
before anything read from the visible text, and reads text only next to publication labels
("Opublikowano:", "Veröffentlicht am", "Soumis par … le") or right beside the headline.
htmldate comes last, and any date it finds that is an event date from the title or body is
refused: generic date finders return the event as the publication date. Reading one value
(ISO, RFC 2822, written) is :mod:`clustercrawl.extract.datevalue`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection
from datetime import date, datetime, timedelta

from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement

from clustercrawl.extract import lexicon
from clustercrawl.extract.daterange import DateRange, date_order_for, find_date_ranges
from clustercrawl.extract.datevalue import MIN_YEAR, DateValue, parse_date_value
from clustercrawl.extract.dom import class_id, norm_space
from clustercrawl.extract.folded import fold, same_fold

__all__ = [
    "DateValue",
    "days_of",
    "htmldate_guess",
    "labelled_date",
    "labelled_updated_date",
    "parse_date_value",
    "time_element_date",
    "visible_time_date",
]

log = logging.getLogger(__name__)

#: labels the shared lexicon lacks, measured on third-party pages ("Erschienen am: 13.10.2021")
_MORE_LABELS = ("erschienen am", "erschienen", "publicado por", "publié par")
_LABELS = (*(w for ws in lexicon.PUBLISHED_LABELS.values() for w in ws), *_MORE_LABELS)
_ALL_LABELS = lexicon.words_pattern(_LABELS)
_LABEL_RX = re.compile(rf"(?<![^\W\d_])(?:{_ALL_LABELS})(?![^\W\d_])", re.IGNORECASE)
_TIME_ELEMENTS = etree.XPath(
    "//time[@datetime]|//*[@itemprop='datePublished']"
    # hAtom: <abbr class="published" title="2017-09-09T10:52:00+02:00">10:52</abbr>
    "|//abbr[@title][contains(concat(' ', normalize-space(@class), ' '), ' published ')]")
_EVENTISH = re.compile(
    r"event|tribe|termin|wydarz|veranstalt|evenement|évén|evento|udalost|akce|schedule|agenda|"
    r"calendar|kalend|start|end-date|enddate|startdate|when|deadline|frist"
)
#: the page's footer, not a post's own ("post-footer", "entry-footer": where themes print
#: the post's date)
_SIDEBAR = re.compile(r"sidebar|widget|related|(?<!post-)(?<!entry-)(?<!article-)footer|"
                      r"comment|teaser|recent|popular|aside|menu")
#: where a labelled date belongs to other posts; a page footer's "Erschienen am: …" is the
#: page's own
_LISTS = re.compile(r"sidebar|widget|related|comment|teaser|recent|popular|aside|menu")
_UPDATED = re.compile(r"updated|modified|aktualiz|geändert|mise-à-jour")


# ---------------------------------------------------------------------------- page sources


#: _TIME_ELEMENTS in one pass over the page instead of three (the same elements, in the
#: same order): published.py also takes its ``itemprop=datePublished`` elements from it
TIME_ELEMENTS_ONE_PASS = etree.XPath(
    "/descendant::*[self::time[@datetime] or @itemprop='datePublished' or "
    "self::abbr[@title][contains(concat(' ', normalize-space(@class), ' '), ' published ')]]")


def time_element_date(
    tree: HtmlElement, language: str | None, tz: str | None,
    elements: list[HtmlElement] | None = None,
) -> DateValue | None:
    """The publication ``<time datetime>`` of the article header, skipping event and sidebar times.

    With many ``<time>`` elements (a listing, a sidebar of recent posts) only explicitly
    marked ones count (``pubdate``, ``itemprop=datePublished``, class "published"/"entry-date").
    ``elements``: what ``TIME_ELEMENTS_ONE_PASS`` gave on the page, when already read.
    """
    if elements is None:
        elements = _TIME_ELEMENTS(tree)
    if not elements:
        return None
    marked, plain = [], []
    for el in elements:
        if el.tag == "abbr" and el.get("title"):
            raw = el.get("title")
        elif el.tag not in {"time", "meta"}:
            raw = el.get("datetime") or el.get("content") or el.text_content()
        else:
            raw = el.get("datetime") or el.get("content")
        if not raw:
            continue
        context = _ancestry(el, 5)
        if _EVENTISH.search(context) or _SIDEBAR.search(context):
            continue
        own = class_id(el)
        if _UPDATED.search(own):
            continue
        if el.get("pubdate") is not None or el.get("itemprop") == "datePublished" or re.search(
            r"publish|entry-date|post-date|posted|created|pubdate", own
        ):
            marked.append(raw)
        else:
            plain.append(raw)
    pool = marked or (plain if len(plain) <= 3 else [])
    for raw in pool:
        value = parse_date_value(raw, "time", language=language, tz=tz)
        if value is not None:
            return value
    return None


_VISIBLE_TIMES = etree.XPath("//body//time[@datetime][normalize-space()]")
#: lists of other posts (English and German class names): their dates are not the page's
_OTHER_POSTS = re.compile(r"related|recent|popular|sidebar|widget|comment|footer|weitere|"
                          r"aehnlich|ähnlich|verwandt|more-|-more|nav|menu|slider|carousel|"
                          r"embed|instagram|tweet|twitter|blockquote|quote")
_MARKED_AROUND = re.compile(r"publish|posted|pubdate|entry-date|post-date|article-meta|"
                            r"meta__|date-display|byline")


def visible_time_date(
    tree: HtmlElement, language: str | None, tz: str | None, forbidden: Collection[date] = ()
) -> DateValue | None:
    """The day a ``<time datetime>`` element shows to readers ("21.01.2022 - 13:30"), when it
    is the page's own date: the only day such elements show outside lists of other posts,
    or the first of them when its surroundings mark it as the post's ("posted",
    "article-meta"). Read where the byline finder found nothing next to the headline."""
    shown: list[tuple[DateValue, bool]] = []
    order = date_order_for(language)
    for i, el in enumerate(_VISIBLE_TIMES(tree)[:12]):
        context = _ancestry(el, 5)
        if _EVENTISH.search(context) or _OTHER_POSTS.search(context) or _UPDATED.search(
                class_id(el)):
            continue
        text = norm_space(el.text_content())
        if len(text) > 60:
            continue
        ranges = find_date_ranges(text, language, date_order=order, month_only=False)
        if len(ranges) != 1 or ranges[0].is_range:
            continue
        machine = parse_date_value(el.get("datetime"), "time", language=language, tz=tz)
        if machine is None or machine.day != ranges[0].start or machine.day in forbidden:
            continue  # the text shows another day than the attribute: not a plain date
        value = DateValue(machine.value, machine.precision, "text", machine.day, ranges[0].raw)
        # "the first, marked": the page's first <time> (a later one is another post's teaser)
        shown.append((value, i == 0 and bool(_MARKED_AROUND.search(context))))
    if not shown:
        return None
    if len({v.day for v, _ in shown}) == 1 or shown[0][1]:
        return shown[0][0]
    return None


def _ancestry(el: HtmlElement, depth: int) -> str:
    parts = []
    node: HtmlElement | None = el
    for _ in range(depth):
        if node is None:
            break
        parts.append(class_id(node))
        parts.append(node.tag if isinstance(node.tag, str) else "")
        node = node.getparent()
    return " ".join(parts)


def labelled_date(
    tree: HtmlElement,
    scope: HtmlElement | None,
    language: str | None,
    tz: str | None,
    forbidden: Collection[date] = (),
    *,
    fast: bool = True,
) -> DateValue | None:
    """A date right after a publication label ("Opublikowano: 24.10.2014", "Submitted by x on …").

    Labels inside the main container win; elsewhere a label counts only when all labelled
    dates on the page agree (a listing has one per teaser). ``fast=False`` looks for every
    label word the page holds (the plain path the tests compare the fast one with).
    """
    found_scoped: list[DateValue] = []
    found_all: list[DateValue] = []
    order = date_order_for(language)
    # substring searches (C speed) find which labels occur; only their text nodes are visited
    body = tree.find("body") if tree.tag == "html" else None
    text = (body if body is not None else tree).text_content()
    low = text.lower()
    labels = _labels_in(text, low)
    if fast:
        labels = _needed_labels(text, low, labels)
    if not labels:
        return None
    nodes = etree.XPath(
        ".//text()[" + " or ".join(f"contains(., {_xpath_literal(lab)})" for lab in labels)
        + "][not(ancestor::script or ancestor::style)]"
    )(body if body is not None else tree)
    for node in nodes:
        parent = node.getparent()
        if parent is None:
            continue
        text = str(node)
        if len(text.strip()) > 160:
            continue  # prose, not a byline
        label = _LABEL_RX.search(text)
        if label is None:
            continue
        context_el = parent
        if node.is_tail:  # text after an element: its context is the element's parent
            context_el = parent.getparent() if parent.getparent() is not None else parent
        if _LISTS.search(_ancestry(context_el, 4)):
            continue
        window = _window_after(context_el, text[label.start():])
        value = _first_single_date(window, language, tz, order)
        if value is None or value.day in forbidden:
            continue
        found_all.append(value)
        if scope is not None and _is_inside(context_el, scope):
            found_scoped.append(value)
    if found_scoped:
        return found_scoped[0]
    if found_all and len({v.day for v in found_all}) == 1:
        return found_all[0]
    return None


_UPDATED_LABELLED = re.compile(
    r"(?<![^\W\d_])(?:(?:zuletzt\s+)?aktualisiert(?:\s+am)?|letzte\s+änderung|stand|"
    r"(?:last\s+)?updated(?:\s+on)?|last\s+modified|mis\s+à\s+jour(?:\s+le)?|"
    r"actualizado(?:\s+el)?|aggiornato(?:\s+il)?)\s*:?\s*", re.IGNORECASE)


#: _UPDATED_LABELLED for lower-cased text, each alternative opening with its letter: the
#: regex engine then skips to the positions holding one (a look-behind first defeats that)
_UPDATED_LABELLED_LOW = re.compile(
    r"(?:z(?<![^\W\d_]z)uletzt\s+aktualisiert(?:\s+am)?|a(?<![^\W\d_]a)ktualisiert(?:\s+am)?|"
    r"l(?<![^\W\d_]l)(?:etzte\s+änderung|ast\s+updated(?:\s+on)?|ast\s+modified)|"
    r"s(?<![^\W\d_]s)tand|u(?<![^\W\d_]u)pdated(?:\s+on)?|"
    r"m(?<![^\W\d_]m)is\s+à\s+jour(?:\s+le)?|a(?<![^\W\d_]a)ctualizado(?:\s+el)?|"
    r"a(?<![^\W\d_]a)ggiornato(?:\s+il)?)\s*:?\s*")


def labelled_updated_date(
    tree: HtmlElement, language: str | None, tz: str | None, forbidden: Collection[date] = (),
    *, fast: bool = True,
) -> DateValue | None:
    """The day after an update label ("Aktualisiert am 17.01.2021", "Letzte Änderung:
    14.01.2022 um 09:25"), when every such label on the page names the same day: for pages
    that show readers no other date. ``fast``: the labels are found in the lower-cased text
    (the same ones unless a character folds oddly, see ``folded.UNFOLDABLE``)."""
    body = tree.find("body") if tree.tag == "html" else tree
    text = norm_space((body if body is not None else tree).text_content())
    order = date_order_for(language)
    found: list[DateValue] = []
    low = fold(text) if fast else None
    labels = (_UPDATED_LABELLED.finditer(text) if low is None
              else _UPDATED_LABELLED_LOW.finditer(low))
    for m in labels:
        window = text[m.end(): m.end() + 40]
        ranges = find_date_ranges(window, language, date_order=order, month_only=False)
        if not ranges or ranges[0].span[0] > 3 or ranges[0].is_range:
            continue
        if ranges[0].start not in forbidden:
            found.append(_from_range(ranges[0], "text", tz))
        if len(found) > 5:
            break
    if found and len({v.day for v in found}) == 1:
        return found[0]
    return None


_LABEL_WORDS = sorted({w.split()[0] for w in _LABELS})


#: parts several label words share: the letters outside ASCII ("é" of "publié", "ř" of
#: "přidáno") and "publi" (ten words); one search for a part missing from the text spares
#: the searches for every word holding it
_GATES = ("publi", *sorted({ch for word in _LABEL_WORDS for ch in word if not ch.isascii()}))
_WORD_GATES = {word: tuple(g for g in _GATES if g in word) for word in _LABEL_WORDS}


def _labels_in(text: str, low: str | None = None, *, fast: bool = True) -> set[str]:
    """The label words present in text, as cased there (XPath ``contains`` is case-exact);
    ``fast=False`` searches for every word, even one with a letter the text lacks."""
    low = text.lower() if low is None else low
    if len(low) != len(text):  # a rare character changed length: fall back to the regex
        return {m.group(0) for m in _LABEL_RX.finditer(text)}
    found: set[str] = set()
    absent = {gate for gate in _GATES if gate not in low} if fast else set()
    for word in _LABEL_WORDS:
        if absent and not absent.isdisjoint(_WORD_GATES[word]):
            continue  # a part of the word is nowhere in the text: spare the search
        start, variants = low.find(word), 0
        while start >= 0 and variants < 4:
            cased = text[start : start + len(word)]
            if cased not in found:
                found.add(cased)
                variants += 1
            start = low.find(word, start + len(word))
    return found


#: label words that open a label only with more words after them ("date" of "date
#: published", "mis" of "mis en ligne le"), each with the labels it opens, in lower case
_OPENERS = {
    word: re.compile("|".join(
        lexicon.word_fragments(w for w in _LABELS if w.split()[0] == word)))
    for word in _LABEL_WORDS if word not in {w.lower() for w in _LABELS}}
#: words that overlap themselves ("soumis|oumis"): ``_labels_in`` skips the second one
_SELF_OVERLAPPING = {
    word: tuple(word[:shift] + word for shift in range(1, len(word))
                if word.startswith(word[shift:]))
    for word in _LABEL_WORDS}


def _needed_labels(text: str, low: str, labels: set[str]) -> set[str]:
    """The cased label words a text node needs to be worth reading: a node only counts with
    a whole label in it ("date published"), so a word like "date" or "data" (in "update",
    "database" on most pages) is dropped when no whole label starting with it is on the
    page, which spares the XPath a ``contains`` per text node and cased form.

    The same nodes come out: a node holding a label holds its first word in a form the
    page's scan found and kept. That holds unless the scan capped a word's forms (4), a
    word overlapped itself, or a character folds to a label letter only case-blind; then
    every label word found is kept."""
    if not same_fold(text, low):
        return labels
    forms: dict[str, list[str]] = {}
    for label in labels:
        forms.setdefault(label.lower(), []).append(label)
    if any(len(cased) >= 4 for cased in forms.values()) or any(
            twice in low for word in forms for twice in _SELF_OVERLAPPING.get(word, ())):
        return labels
    keep: set[str] = set()
    for word, cased in forms.items():
        opener = _OPENERS.get(word)
        if opener is None or opener.search(low):
            keep.update(cased)
    return keep


def _xpath_literal(text: str) -> str:
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    return "concat('" + text.replace("'", "', \"'\", '") + "')"


def _window_after(el: HtmlElement, label_text: str) -> str:
    """The label's text plus what follows it in the next siblings, up to ~160 characters."""
    parts = [label_text]
    size = len(label_text)
    own = norm_space(el.text_content())
    idx = own.lower().find(label_text.strip().lower()[:20])
    if idx >= 0:
        parts = [own[idx:]]
        size = len(parts[0])
    sibling = el.getnext()
    while sibling is not None and size < 160:
        chunk = norm_space(sibling.text_content())
        parts.append(chunk)
        size += len(chunk)
        sibling = sibling.getnext()
    if el.tail:
        parts.insert(1, el.tail)
    return " ".join(parts)[:200]


def _first_single_date(
    window: str, language: str | None, tz: str | None, order: str
) -> DateValue | None:
    for rng in find_date_ranges(window, language, date_order=order, month_only=False):
        if rng.span[0] > 90:
            break
        if rng.is_range:
            return None  # "Opublikowano … 20-21 października" is not a byline
        return _from_range(rng, "text", tz)
    return None


def _from_range(rng: DateRange, source: str, tz: str | None) -> DateValue:
    if rng.precision == "datetime":
        return DateValue(rng.start_iso(tz), "datetime", source, rng.start, rng.raw)
    return DateValue(rng.start.isoformat(), rng.precision, source, rng.start, rng.raw)


def _is_inside(el: HtmlElement, scope: HtmlElement) -> bool:
    node: HtmlElement | None = el
    while node is not None:
        if node is scope:
            return True
        node = node.getparent()
    return False


def htmldate_guess(
    tree: HtmlElement, url: str, forbidden: Collection[date] = (), extensive: bool = True
) -> DateValue | None:
    """htmldate's original date, refused when it is one of the event dates."""
    try:
        found = find_date(
            tree, url=url, original_date=True, extensive_search=extensive,
            outputformat="%Y-%m-%d", min_date=datetime(MIN_YEAR, 1, 1),
        )
    except Exception as exc:  # htmldate may fail on odd trees
        log.debug("htmldate failed: %s", exc)
        return None
    if not found:
        return None
    try:
        day = date.fromisoformat(found)
    except ValueError:
        return None
    if day in forbidden:
        return None
    if (day.month, day.day) == (1, 1) and not _shows_new_year(tree, url, day.year):
        return None  # htmldate's reading of a bare year ("© 2025"): no publication date
    return DateValue(day.isoformat(), "day", "htmldate", day)


def _shows_new_year(tree: HtmlElement, url: str, year: int) -> bool:
    """Whether 1 January of ``year`` is written somewhere (text, attributes, URL)."""
    source = f"{url} " + " ".join(tree.xpath("//@datetime|//@content")) + tree.text_content()
    if f"{year}-01-01" in source or f"{year}/01/01" in source:
        return True
    for rng in find_date_ranges(source, None, month_only=False):
        if rng.start == date(year, 1, 1):
            return True
    return False


def days_of(ranges: Collection[DateRange]) -> set[date]:
    """Every calendar day covered by the ranges (ranges over 40 days give just their ends)."""
    out: set[date] = set()
    for rng in ranges:
        if rng.days <= 40:
            out.update(rng.start + timedelta(days=i) for i in range(rng.days))
        else:
            out.update({rng.start, rng.end})
    return out
