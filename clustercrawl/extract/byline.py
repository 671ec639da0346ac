"""The byline: the date printed next to the headline, as readers see it.

Read from the short texts right below (or, within the same header block, above) the
headline: a single date, not a range, not in a sentence about a deadline or an event, not
in a sidebar, a quote or an event box, not after "until", "registered" and the like. A
dateline opening the first paragraph ("Berlin, 29.11.2022 – …") counts too. Dates labelled
as updates are left to a second pass (``updated=True``) for pages that show nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from datetime import date, datetime
from itertools import islice

from lxml.html import HtmlElement

from clustercrawl.extract import lexicon, vocab
from clustercrawl.extract.daterange import (
    DateRange,
    date_order_for,
    find_date_ranges,
    resolve_year,
)
from clustercrawl.extract.dates import DateValue
from clustercrawl.extract.dom import class_id
from clustercrawl.extract.textnodes import (
    AFTER_NODES,
    BEFORE_NODES,
    Pulled,
    following_texts,
    preceding_texts,
)
from clustercrawl.timezones import zone_named

__all__ = ["byline_date", "lead_dateline", "yearless_byline"]

_UPDATE_LABEL = re.compile(
    r"(?<![^\W\d_])(?:updated?|aktualisiert|geändert|letzte\s+änderung|modifié|mis\s+à\s+jour|actualizad[oa]|"
    r"aggiornat[oa]|zaktualizowan\w*|aktualizováno|aktualizované|bijgewerkt)(?![^\W\d_])",
    re.IGNORECASE)
_DATELINE_END = re.compile(r"^\s*[)\]]?\s*(?:[-–—:|]|\s[-–—]\s)")
_BYLINE_AFTER, _BYLINE_BEFORE = 600, 250
# where a date is not the post's: modified dates, hidden copies, event blocks, embedded
# tweets and quotes, sidebars, teasers and comments
_NOT_BYLINE = re.compile(
    r"updated|modified|aktualis|(?<![\w-])hidden(?![\w-])|visually-?hidden|sr-only|"
    r"screen-reader|snippet-hidden|event|tribe|termin|veranstalt|evenement|evento|schedule|"
    r"agenda|(?<!icon-)(?<!fa-)calend|deadline|sidebar|widget|related|teaser|recent|popular|comment|tweet|"
    r"embed|instagram|menu|breadcrumb"
)
# WordPress themes mark the published date "entry-date published updated"
_PUBLISHED_CLASS = re.compile(r"publish|entry-date|post-date|posted|pubdate|meta-date|create")
# a date right after these is an end, a start or an event time, not the post's date
_NOT_BYLINE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:bis|until|till|ab|seit|since|from|do|od|až|jusqu'(?:au|à)|à partir du|"
    r"hasta|desde|fino\s+al|dal|termin|wann|when|kiedy|quand|cuándo|quando|kdy|verfügbar|"
    r"available|gültig|valid|"
    # a member's joining day, a book's or record's release day
    r"registriert|registered|joined|member\s+since|mitglied\s+seit|inscrit\s+le|"
    r"release\s+date|date\s+de\s+sortie)\W*$",
    re.IGNORECASE)
_META_ASIDE = 400
#: a date this close below the headline (after an author's name at most) opens the post,
#: even in a block marked "comment": a forum thread's first post
_OPENING_POST = 80
_STARTS_WITH_DIGIT = re.compile(r"\s*\d")
_WORD = re.compile(r"\w+")
_UPDATED_CLASS = re.compile(r"updated|modified|aktualis")
_NOT_BYLINE_TAGS = frozenset({"blockquote", "aside", "nav", "q", "cite", "option", "select"})


def _not_a_byline(el: HtmlElement, updated: bool = False, opening: bool = False) -> bool:
    """Whether the element sits where dates are not the post's; with ``opening`` (right under
    the headline, before any text) a "comment" block is the opening post of a discussion."""
    node: HtmlElement | None = el
    for _ in range(4):
        if node is None:
            return False
        names = class_id(node)
        if updated:
            names = _UPDATED_CLASS.sub(" ", names)
        if opening:
            names = names.replace("comment", " ")
        if node.tag in _NOT_BYLINE_TAGS and not (
                node.tag == "aside" and len(node.text_content()) < _META_ASIDE):
            return True  # an <aside> holding only a few lines is the post's meta box
        if _NOT_BYLINE.search(names) and not _PUBLISHED_CLASS.search(names):
            return True
        node = node.getparent()
    return False


def byline_date(headline: HtmlElement | None, language: str | None, tz: str | None,
                forbidden: Collection[date] = (), updated: bool = False) -> DateValue | None:
    """The single date in a short text right below or above the headline (byline, kicker),
    or opening the first paragraph as a dateline ("29.11.2022 – …"). With ``updated``,
    a date labelled as an update counts too (for pages that show no other)."""
    if headline is None:
        return None
    order = date_order_for(language)
    best: tuple[int, DateValue] | None = None
    near = headline  # above the headline, only dates of the same header block count
    for _ in range(3):
        near = near.getparent() if near.getparent() is not None else near
    for ordered, limit, after in (
            (Pulled(following_texts(headline), AFTER_NODES), _BYLINE_AFTER, True),
            (Pulled(preceding_texts(headline), BEFORE_NODES), _BYLINE_BEFORE, False)):
        seen = 0
        for i, node in enumerate(ordered):
            text = " ".join(str(node).split())
            if seen > limit or (best is not None and seen >= best[0]):
                break
            distance = seen
            seen += len(text)
            if not after and near not in node.getparent().iterancestors():
                break
            # a label in the text node before ("Registriert:" | "18.09.2008")
            before = str(ordered[i - 1]) if after and i else ""
            if before and _STARTS_WITH_DIGIT.match(text) and _NOT_BYLINE_BEFORE.search(before):
                continue
            value = _byline_value(node, text, language, tz, order, forbidden, updated,
                                  opening=after and distance <= _OPENING_POST)
            if value is None and after and len(text) <= _BADGE_PART:
                badge = _badge_text(node, ordered.slice(i + 1, i + 3))
                if badge:
                    value = _byline_value(node, badge, language, tz, order, forbidden,
                                          updated, opening=distance <= _OPENING_POST)
            if value is not None:
                best = (distance, value)
                break
    return best[1] if best else None


#: a date badge: month, day and year in sibling elements ("<span>Feb</span><span>18</span>
#: <span>2009</span>"), whose text runs together ("Feb 182009") when read as one
_BADGE_PART = 12


def _badge_text(node: object, following: Sequence[object]) -> str | None:
    """The parts of a date badge that starts at ``node``, joined with spaces: up to two more
    short text nodes in the same block (the parent of the node's element)."""
    parent = getattr(node, "getparent", lambda: None)()
    block = parent.getparent() if parent is not None else None
    if block is None:
        return None
    parts = [" ".join(str(node).split())]
    for other in following:
        text = " ".join(str(other).split())
        other_parent = getattr(other, "getparent", lambda: None)()
        if len(text) > _BADGE_PART or other_parent is None or (
                other_parent is not block and other_parent.getparent() is not block):
            break
        parts.append(text)
    return " ".join(parts) if len(parts) > 1 else None


def _byline_value(node: object, text: str, language: str | None, tz: str | None,
                  order: str, forbidden: Collection[date],
                  updated: bool = False, opening: bool = False) -> DateValue | None:
    dateline = _dateline(text, language, order) if len(text) > _DATELINE_MIN else None
    if dateline is not None:
        # "29.11.2022 – Mehrfach hatte …": a paragraph opening with the date (its text node
        # may be short when a link follows)
        ranges = [dateline]
    elif len(text) > 120:
        return None  # a date inside prose, not a dateline
    else:
        ranges = find_date_ranges(text, language, date_order=order, month_only=False)
        if not ranges and not updated:
            return _short_year_byline(node, text, tz, forbidden, opening)
        if len(ranges) != 1 or ranges[0].is_range or (
                not updated and _UPDATE_LABEL.search(text)):
            return None
        rest = text[: ranges[0].span[0]] + text[ranges[0].span[1] :]
        words = len(_WORD.findall(_UPDATE_LABEL.sub(" ", rest) if updated else rest))
        if (words > 6 or vocab.DEADLINE.search(rest) or vocab.EVENT.search(rest)
                or _NOT_BYLINE_BEFORE.search(text[: ranges[0].span[0]])):
            return None  # a sentence (about a deadline, an event), not a byline
    rng = ranges[0]
    if rng.start in forbidden:
        return None
    parent = getattr(node, "getparent", lambda: None)()
    if parent is not None and _not_a_byline(parent, updated, opening):
        return None
    if updated and parent is not None and _in_prose(parent):
        return None  # "Update vom 3. Mai:" opening a paragraph of a live report
    if rng.precision == "datetime":
        return DateValue(rng.start_iso(tz), "datetime", "text", rng.start, rng.raw)
    return DateValue(rng.start.isoformat(), "day", "text", rng.start, rng.raw)


_DATELINE_MIN = 40
#: a dateline counts in the first lines of the body text when the lines before it are short
#: (a heading, the author's name) and this many lines are looked at
_LEAD_LINES, _LEAD_SHORT = 3, 80


def lead_dateline(body: str | None, language: str | None, tz: str | None,
                  forbidden: Collection[date] = ()) -> DateValue | None:
    """The dateline opening the body text ("Karlsruhe, (12.11.2021). …"), after at most
    two short lines (a subtitle, the author): for pages whose headline was not found, so that
    the byline next to it could not be read."""
    order = date_order_for(language)
    for line in (body or "").splitlines()[:_LEAD_LINES]:
        text = " ".join(line.split())
        rng = _dateline(text, language, order) if len(text) > _DATELINE_MIN else None
        if rng is not None:
            if rng.start in forbidden:
                return None
            if rng.precision == "datetime":
                return DateValue(rng.start_iso(tz), "datetime", "text", rng.start, rng.raw)
            return DateValue(rng.start.isoformat(), "day", "text", rng.start, rng.raw)
        if len(text) > _LEAD_SHORT:
            return None
    return None


def _dateline(text: str, language: str | None, order: str) -> DateRange | None:
    """The date opening a paragraph as a dateline ("Berlin, 29.11.2022 – …")."""
    ranges = find_date_ranges(text[:60], language, date_order=order, month_only=False)
    if not ranges or ranges[0].span[0] > 30 or ranges[0].is_range:
        return None
    lead = text[: ranges[0].span[0]]
    after = text[ranges[0].span[1]:]
    # "(21. November 2022) Energieverbraucher …", "Karlsruhe, (12.11.2021). Traditionell …":
    # the date in brackets is the dateline whatever follows
    bracketed = lead.rstrip().endswith(("(", "[")) and after.lstrip().startswith((")", "]"))
    if not (bracketed or _DATELINE_END.match(after)) or (
            vocab.DEADLINE.search(lead) or vocab.EVENT.search(lead)
            or _NOT_BYLINE_BEFORE.search(lead)):
        return None  # "Frist: 12.05.2022 – …" is a deadline, not a dateline
    return ranges[0]


#: "04.05.20 14:50": a numeric byline with a two-digit year (day-first: the dotted form is
#: not used month-first)
_SHORT_YEAR = re.compile(
    r"(?<![\d.])(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\.(\d{2})(?![\d.]\d)"
    r"(?:,?\s+(?:um\s+)?([01]?\d|2[0-3])[:.]([0-5]\d)(?!\d))?")
#: "14 Gennaio 20", "3. März 21": a month name with a two-digit year
_SHORT_YEAR_NAMED = re.compile(
    rf"(?<![\d.])(0?[1-9]|[12]\d|3[01])\.?\s+({lexicon.trie_pattern(lexicon.ALL_MONTH_NAMES)})"
    r"\s+(\d{2})(?![\d.,:]?\d)", re.IGNORECASE)
_BLOCKS = frozenset({"p", "li", "td", "dd", "blockquote"})


def _short_year_byline(node: object, text: str, tz: str | None,
                       forbidden: Collection[date], opening: bool = False) -> DateValue | None:
    """A byline date written with a two-digit year, alone in its short text."""
    found = list(_SHORT_YEAR.finditer(text))
    named = list(_SHORT_YEAR_NAMED.finditer(text)) if not found else []
    if len(found) + len(named) != 1:
        return None
    m = (found or named)[0]
    rest = text[: m.start()] + text[m.end():]
    if len(rest.split()) > 6 or _UPDATE_LABEL.search(text) or _NOT_BYLINE_BEFORE.search(
            text[: m.start()]):
        return None
    month = int(m.group(2)) if found else lexicon.month_number(m.group(2))
    try:
        day = date(2000 + int(m.group(3)), month or 0, int(m.group(1)))
    except ValueError:
        return None
    parent = getattr(node, "getparent", lambda: None)()
    if day in forbidden or (parent is not None and _not_a_byline(parent, opening=opening)):
        return None
    if found and m.group(4) is not None:
        moment = datetime(day.year, day.month, day.day, int(m.group(4)), int(m.group(5)))
        zone = zone_named(tz)
        iso = (moment.replace(tzinfo=zone) if zone else moment).isoformat(timespec="minutes")
        return DateValue(iso, "datetime", "text", day, m.group(0))
    return DateValue(day.isoformat(), "day", "text", day, m.group(0))


#: a day and month without a year next to the headline: "30.11. | Buch der Woche" (dotted,
#: day-first; a year or a time may not follow), "[06月24日 11時30分]" (CJK, month first)
_YEARLESS_DOTTED = re.compile(
    r"(?<![\d.])(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\.(?!\s*\d)")
_YEARLESS_CJK = re.compile(r"(?<![\d年])(0?[1-9]|1[0-2])月(0?[1-9]|[12]\d|3[01])日")
_YEARLESS_NODES, _YEARLESS_TEXT = 8, 60


def yearless_byline(headline: HtmlElement | None, language: str | None, anchor: date,
                    forbidden: Collection[date] = ()) -> DateValue | None:
    """A day and month without a year opening the headline or alone in a short text right
    below it (news sites for children, "Buch der Woche" columns), dated in the year that
    puts it nearest to ``anchor`` (another, weaker reading of the page's date).

    For pages whose only other date is a guess: the headline's day is what readers see."""
    if headline is None:
        return None
    texts = [(" ".join(headline.text_content().split())[:_YEARLESS_TEXT], headline)]
    for node in islice(following_texts(headline), _YEARLESS_NODES):
        parent = node.getparent()
        text = " ".join(str(node).split())
        if parent is not None and len(text) <= _YEARLESS_TEXT:
            texts.append((text, parent))
    for i, (text, el) in enumerate(texts):
        found = _yearless_in(text, language, anchor, headline=i == 0)
        if found is None or found[0] in forbidden or _not_a_byline(el):
            continue
        return DateValue(found[0].isoformat(), "day", "text", found[0], found[1])
    return None


def _yearless_in(text: str, language: str | None, anchor: date,
                 headline: bool) -> tuple[date, str] | None:
    """The single year-less day in a byline-like text (at the start of a headline), nearest
    to ``anchor``."""
    if find_date_ranges(text, language, month_only=False):
        return None  # a full date: the byline reader's, not this one's
    dotted = list(_YEARLESS_DOTTED.finditer(text))
    cjk = list(_YEARLESS_CJK.finditer(text))
    if len(dotted) + len(cjk) != 1:
        return None
    m = (dotted or cjk)[0]
    if headline and m.start() > 0:
        return None  # "Sitzung am 30.11.": a day inside the headline is the event's
    rest = text[: m.start()] + text[m.end():]
    if not headline and len(_WORD.findall(rest)) > 4:
        return None
    if _NOT_BYLINE_BEFORE.search(text[: m.start()]):
        return None
    day, month = (int(m.group(1)), int(m.group(2))) if dotted else (
        int(m.group(2)), int(m.group(1)))
    try:
        return date(resolve_year(month, day, anchor), month, day), m.group(0)
    except ValueError:  # no such day in any year near the anchor ("31.02.")
        return None


def _in_prose(el: HtmlElement) -> bool:
    """Whether the element sits in a paragraph of running text."""
    node: HtmlElement | None = el
    for _ in range(3):
        if node is None:
            return False
        if node.tag in _BLOCKS:
            return len(node.text_content()) > 160
        node = node.getparent()
    return False


