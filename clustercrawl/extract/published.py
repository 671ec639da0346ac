"""The publication date: a cascade of sources, checked against the date readers see.

Order of trust: the channel (CMS API, feed), the page's structured data (JSON-LD,
microdata, ``<meta>``, ``<time>``), the listing or sitemap entry, the URL, the visible byline,
htmldate. Corrections measured on third-party pages:

- a short date printed next to the headline (the byline) beats a structured value that
  names another day (template dates, re-saves and copy-paste dates in JSON-LD are common),
  unless it is only the same date with day and month swapped (the ISO value settles that),
  or the day before a stored day at local midnight that the template printed in UTC;
- a published field rewritten with the modified day on republication loses to OpenGraph's
  ``article:published_time`` (first published) when that is over a month earlier;
- a page that marks no date is dated by its own teaser in a list of posts on the page, or
  by a day and month shown without a year at the headline (in the year of htmldate's guess);
- an instant given in UTC is shown in the site's zone: a post put online at 23:30 in
  Berlin is dated the next day in UTC, but readers (and the site's own pages) see the local
  day. The zone is the site's (``timezone`` argument), else one the page itself uses in
  another date, else the one of the URL's country domain when that country has one zone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone, tzinfo
from urllib.parse import urlsplit

import pytz
from lxml import etree
from lxml.html import HtmlElement

from clustercrawl.extract import dates as dates_mod
from clustercrawl.extract.byline import byline_date, lead_dateline, yearless_byline
from clustercrawl.extract.daterange import date_order_for, find_date_ranges
from clustercrawl.extract.dates import DateValue, parse_date_value
from clustercrawl.extract.meta import MODIFIED_KEYS, PUBLISHED_KEYS, PageMeta, url_date
from clustercrawl.extract.ownteaser import own_teaser_date
from clustercrawl.extract.pubevidence import Candidate, choose, conflicting, decided
from clustercrawl.extract.structured import StructuredData, jsonld_scripts
from clustercrawl.extract.title import normalise_title, title_variants
from clustercrawl.timezones import zone_named  # re-exported: event.py, core.py

__all__ = [
    "PublishedInputs",
    "byline_date",
    "infer_zone", "localise", "publication_date", "zone_named"]

_ITEMPROP_PUBLISHED = etree.XPath(
    "//*[@itemprop='datePublished'][@datetime or @content][not(ancestor::*[@itemscope])]"
)
_OFFSET = re.compile(r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*([+-])(\d{2}):?(\d{2})\b")
#: countries spanning several zones, with the zone most of their sites use
_MAIN_ZONE = {
    "AR": "America/Argentina/Buenos_Aires", "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo", "CA": "America/Toronto", "CD": "Africa/Kinshasa",
    "CL": "America/Santiago", "CN": "Asia/Shanghai", "CY": "Asia/Nicosia", "DE": "Europe/Berlin",
    "EC": "America/Guayaquil", "ES": "Europe/Madrid", "ID": "Asia/Jakarta",
    "KZ": "Asia/Almaty", "MX": "America/Mexico_City", "NZ": "Pacific/Auckland",
    "PT": "Europe/Lisbon", "RU": "Europe/Moscow", "UA": "Europe/Kyiv", "UZ": "Asia/Tashkent",
}
_TLD_COUNTRY = {"uk": "GB", "eu": "BE"}

_Parse = Callable[[str | None, str], DateValue | None]


@dataclass(frozen=True, slots=True)
class PublishedInputs:
    """What the publication-date cascade reads."""

    tree: HtmlElement | None
    page: PageMeta | None
    structured: StructuredData
    url: str
    canonical: str
    language: str | None
    tz: str | None  # the site's zone when known
    hint_value: str | None = None
    hint_source: str | None = None  # api, feed, listing, sitemap
    headline: HtmlElement | None = None
    container: HtmlElement | None = None
    lead: str | None = None  # the start of the body text, for a dateline opening it


def publication_date(inp: PublishedInputs, forbidden: Collection[date]) -> DateValue | None:
    """The post's publication date with its source and precision; ``forbidden`` holds event
    days, never taken from the visible text or htmldate.

    A channel date (CMS API, feed) is the post's record and is taken as is; otherwise every
    page source becomes a weighed candidate and :func:`pubevidence.choose` picks the day
    the independent sources support best."""
    order = date_order_for(inp.language)
    zone = zone_named(inp.tz) or infer_zone(inp.url, inp.page, inp.structured)

    def parse(raw: str | None, source: str) -> DateValue | None:
        return parse_date_value(raw, source, language=inp.language, tz=inp.tz, date_order=order)

    if inp.hint_source in {"api", "feed"}:
        value = parse(inp.hint_value, inp.hint_source)
        if value:
            return localise(value, zone, force=inp.tz is not None)
    cands: list[Candidate] = []
    for value, weight in _machine_values(inp, parse):
        cands.append(Candidate(localise(value, zone, force=inp.tz is not None), "machine",
                               weight))
    update = _republished(inp, parse, cands)
    if update is not None:
        cands = [c for c in cands if c.value.day != update]
    if inp.hint_source in {"listing", "sitemap"}:
        value = parse(inp.hint_value, inp.hint_source)
        if value:
            cands.append(Candidate(value, "listing", W_LISTING))
    url_value = _url_value(inp)
    if url_value is not None and url_value.day in forbidden and (
            f"/{url_value.day.year}/" not in inp.url):
        url_value = None  # "/workshop-29-10-2021": the event's day, not the post's
    url_month = None
    if url_value is not None and url_value.precision == "day":
        cands.append(Candidate(url_value, "url", W_URL))
    elif url_value is not None:
        url_month = url_value
    tree = inp.tree
    if tree is not None:
        cands += [c for c in _visible_candidates(inp, forbidden, [
            c.value for c in cands if c.family == "machine"]) if c.value.day != update]
        title_value = _title_value(inp, forbidden)
        if title_value is not None:
            cands.append(Candidate(title_value, "title", W_TITLE))
        if not cands:
            # the page shows only an update label ("Letzte Änderung: …") away from the
            # headline: the best date readers get, ahead of htmldate's guesses
            updated = dates_mod.labelled_updated_date(tree, inp.language, inp.tz, forbidden)
            if updated is not None:
                cands.append(Candidate(updated, "updated", W_UPDATED_ONLY))
        if not cands:
            # a list of posts on the page that includes this one, linked to itself: the
            # site's own listing entry for the post
            listed = own_teaser_date(tree, [inp.url, inp.canonical], inp.language, forbidden)
            if listed is not None:
                cands.append(Candidate(listed, "listing", W_LISTING))
        if not cands or (conflicting(cands) and not decided(cands, url_month, W_HTMLDATE)):
            # htmldate's fast rules: a tie-breaker, or the last resort. It mostly reads the
            # same tags as the machine family, so it counts as one of them.
            guess = dates_mod.htmldate_guess(tree, inp.url, forbidden, extensive=False)
            if guess is not None:
                cands.append(Candidate(guess, "htmldate", W_HTMLDATE))
        if not cands:
            # nothing marked and nothing beside the headline: htmldate's extensive search
            # (dates in the text, in links, in image paths) before the first date in the text
            guess = dates_mod.htmldate_guess(tree, inp.url, forbidden, extensive=True)
            if guess is not None:
                cands.append(Candidate(guess, "htmldate", W_HTMLDATE))
        if not cands:
            first = _first_page_date(tree, inp.language, forbidden)
            if first is not None:
                cands.append(Candidate(first, "guess", W_GUESS))
        if cands and all(c.family in _WEAK for c in cands):
            # only guesses: a day and month shown without a year at the headline ("30.11. |
            # Buch der Woche") is what readers see, in the year nearest the guess
            anchor = max(cands, key=lambda c: c.weight).value.day
            headline = inp.headline if inp.headline is not None else _titled_heading(inp)
            shown = yearless_byline(headline, inp.language, anchor, forbidden)
            if shown is not None:
                cands.append(Candidate(shown, "visible", W_VISIBLE))
    return choose(cands, url_month)


_WEAK = frozenset({"htmldate", "guess"})


#: weights of the candidate sources (see pubevidence): a visible byline outweighs one
#: machine value, not a machine value the URL confirms
W_MACHINE_FIRST, W_MACHINE_OTHER, W_HTMLDATE = 2.5, 2.0, 1.0
W_VISIBLE, W_UPDATED_ONLY, W_URL, W_LISTING, W_TITLE, W_GUESS = 3.0, 2.75, 2.5, 2.5, 1.5, 0.5


def _machine_values(inp: PublishedInputs, parse: _Parse) -> list[tuple[DateValue, float]]:
    """The structured value the old cascade took first, then every other published value the
    page's machine-readable sources give (other JSON-LD nodes, other ``<meta>`` keys)."""
    out: list[tuple[DateValue, float]] = []
    first = _structured_value(inp, parse)
    if first is not None:
        out.append((first, W_MACHINE_FIRST))
    seen = {first.day} if first is not None else set()
    raws: list[tuple[str, str]] = []
    if inp.tree is not None:
        for script in jsonld_scripts(inp.tree):
            raws += [(m.group(1), "jsonld") for m in _JSONLD_PUBLISHED.finditer(
                script.text or "")]
    if inp.page is not None:
        raws += [(inp.page.meta[k], "meta") for k in PUBLISHED_KEYS if k in inp.page.meta]
    for raw, source in dict.fromkeys(raws[:12]):
        if not _ISO_START.match(raw):
            continue  # the other machine values are ISO; written ones cost a dateparser run
        value = parse(raw, source)
        if value is not None and value.precision != "month" and value.day not in seen:
            seen.add(value.day)
            out.append((value, W_MACHINE_OTHER))
    return out


#: OpenGraph's "when the article was first published", this long before a republication
_FIRST_PUBLISHED = "article:published_time"
_REPUBLISHED_DAYS = 30


def _republished(inp: PublishedInputs, parse: _Parse, cands: list[Candidate]) -> date | None:
    """The day of a republication that the CMS wrote into a published field (and the byline):
    another published value is the page's modified day while ``article:published_time``
    (OpenGraph: when the article was *first* published) is over a month earlier."""
    if inp.page is None or len(cands) < 2:
        return None
    first = parse(inp.page.meta.get(_FIRST_PUBLISHED), "meta")
    raws = [inp.structured.modified, *(inp.page.meta.get(k) for k in MODIFIED_KEYS)]
    modified = {v.day for v in (parse(r, "meta") for r in raws if r) if v is not None}
    if first is None or not modified:
        return None
    for cand in cands:
        if cand.value.day in modified and (
                cand.value.day - first.day).days > _REPUBLISHED_DAYS:
            return cand.value.day
    return None


_ISO_START = re.compile(r"\s*(?:19|20)\d\d-\d\d-\d\d")


_JSONLD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')


def _visible_candidates(inp: PublishedInputs, forbidden: Collection[date],
                        machine: list[DateValue]) -> list[Candidate]:
    """The date readers see: the byline next to the headline, a labelled date; else an
    "updated" date when it is the only one shown. A numeric date that is the day/month swap
    of a machine value is that value read the other way round."""
    out: list[Candidate] = []
    scope = inp.container if inp.container is not None and inp.tree is not None and (
        inp.container.getroottree() is inp.tree.getroottree()) else None
    headline = inp.headline if inp.headline is not None else _titled_heading(inp)
    byline = byline_date(headline, inp.language, inp.tz, forbidden)
    found = [byline] if byline is not None else []
    if inp.tree is not None and (byline is None or byline.day not in {m.day for m in machine}):
        # a labelled date ("Erschienen am: …") only matters when the byline is missing or
        # disagrees with the machine values (it costs a pass over the page's text)
        labelled = dates_mod.labelled_date(inp.tree, scope, inp.language, inp.tz, forbidden)
        if labelled is not None:
            found.append(labelled)
        elif byline is None:
            shown = dates_mod.visible_time_date(inp.tree, inp.language, inp.tz, forbidden)
            if shown is not None:
                found.append(shown)
    if not found and inp.headline is None:
        # no headline, so no byline read next to it: a dateline opening the body text
        dateline = lead_dateline(inp.lead, inp.language, inp.tz, forbidden)
        if dateline is not None:
            found.append(dateline)
    family, weight = "visible", W_VISIBLE
    if not found:
        updated = byline_date(headline, inp.language, inp.tz, forbidden, updated=True)
        if updated is not None:
            found, family, weight = [updated], "updated", W_UPDATED_ONLY
    for seen in found:
        value = seen
        for other in machine:
            if seen.day != other.day and (
                    (_swapped(seen.day, other.day) and _either_way(seen))
                    or (_local_midnight(other) and seen.day == other.day - timedelta(days=1))):
                value = replace(seen, day=other.day, value=other.day.isoformat())
        out.append(Candidate(value, family, weight))
    return out


def _local_midnight(value: DateValue) -> bool:
    """A machine instant at midnight exactly, east of UTC ("2022-11-07T00:00:00+01:00", given
    as "2022-11-06T23:00:00Z"): a day the CMS stored as a date. Pages that print it from its
    UTC form show the day before, which is the same date."""
    if value.precision != "datetime":
        return False
    try:
        moment = datetime.fromisoformat(value.value)
    except ValueError:
        return False
    offset = moment.utcoffset()
    return (offset is not None and offset > timedelta(0)
            and (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0))


_HEADINGS = etree.XPath("//body//*[self::h1 or self::h2 or self::h3]")


def _titled_heading(inp: PublishedInputs) -> HtmlElement | None:
    """The heading that shows the page's metadata title (or one of its segments) when the
    headline finder found none: the byline sits next to it all the same."""
    if inp.tree is None or inp.page is None:
        return None
    titles = [t for t in (inp.structured.headline, inp.page.get("og:title"),
                          inp.page.title_tag) if t]
    keys = {normalise_title(v) for t in titles for v in title_variants(t)} - {""}
    if not keys:
        return None
    for el in _HEADINGS(inp.tree)[:40]:
        key = normalise_title(el.text_content())
        if key in keys and len(key.split()) >= 2:
            return el
    return None


def _title_value(inp: PublishedInputs, forbidden: Collection[date]) -> DateValue | None:
    """A single full date in the page title ("… - 11/05/2022 - Site")."""
    if inp.page is None or not inp.page.title_tag:
        return None
    ranges = find_date_ranges(inp.page.title_tag, inp.language,
                              date_order=date_order_for(inp.language), month_only=False)
    if len(ranges) != 1 or ranges[0].is_range or ranges[0].start in forbidden:
        return None
    return DateValue(ranges[0].start.isoformat(), "day", "text", ranges[0].start)


def _structured_value(inp: PublishedInputs, parse: _Parse) -> DateValue | None:
    sd, page, tree = inp.structured, inp.page, inp.tree
    if sd.published:
        value = parse(sd.published, sd.published_source or "jsonld")
        if value:
            return value
    if page is not None:
        for key in PUBLISHED_KEYS:
            value = parse(page.meta.get(key), "meta")
            if value:
                return value
    if tree is not None:  # itemprop=datePublished outside any itemscope
        elements = dates_mod.TIME_ELEMENTS_ONE_PASS(tree)
        for el in _itemprop_published(elements):
            value = parse(el.get("datetime") or el.get("content"), "meta")
            if value:
                return value
        return dates_mod.time_element_date(tree, inp.language, inp.tz, elements)
    return None


def _itemprop_published(elements: list[HtmlElement]) -> list[HtmlElement]:
    """``_ITEMPROP_PUBLISHED`` read from the elements of the one-pass time-element XPath
    (which holds every ``itemprop=datePublished``) instead of another pass over the page."""
    return [el for el in elements if el.get("itemprop") == "datePublished"
            and (el.get("datetime") is not None or el.get("content") is not None)
            and not any(a.get("itemscope") is not None for a in el.iterancestors())]


def _url_value(inp: PublishedInputs) -> DateValue | None:
    month: DateValue | None = None
    for candidate in (inp.canonical, inp.url):
        found = url_date(candidate)
        if not found:
            continue
        try:
            day = date.fromisoformat(found[0])
        except ValueError:
            continue
        value = DateValue(found[0], found[1], "url", day)
        if value.precision == "day":
            return value
        month = month or value
    return month


_BODY = etree.XPath("//body")


def _first_page_date(tree: HtmlElement, language: str | None,
                     forbidden: Collection[date]) -> DateValue | None:
    """The first single full date in the page's text that is not an event day."""
    bodies = _BODY(tree)
    if not bodies:
        return None
    text = bodies[0].text_content()
    for rng in find_date_ranges(text, language, date_order=date_order_for(language),
                                month_only=False):
        if not rng.is_range and rng.start not in forbidden:
            return DateValue(rng.start.isoformat(), "day", "text", rng.start)
    return None


_EITHER_WAY = re.compile(r"\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*\d{2,4}")


def _either_way(value: DateValue) -> bool:
    """A numeric date written with slashes or dashes ("11/01/2021"): sites write it month-
    first as well as day-first, whatever their language. Dotted dates are day-first."""
    return value.raw is None or _EITHER_WAY.search(value.raw) is not None


def _swapped(a: date, b: date) -> bool:
    """The same numeric date read day-first and month-first."""
    return a.year == b.year and a.day == b.month and a.month == b.day


def _is_utc(value: str) -> bool:
    return value.endswith(("+00:00", "Z"))


# ---------------------------------------------------------------------------- zones


def infer_zone(url: str, page: PageMeta | None, sd: StructuredData) -> tzinfo | None:
    """The site's zone as the page shows it: an offset its other dates carry, else the zone
    of the URL's country domain (when that country keeps one zone, or has a main one)."""
    raws: list[str | None] = [sd.modified, sd.published]
    if page is not None:
        raws += [page.meta.get(k) for k in (*PUBLISHED_KEYS, *MODIFIED_KEYS)]
    for raw in raws:
        m = _OFFSET.search(raw or "")
        if m and (m.group(2), m.group(3)) != ("00", "00"):
            minutes = int(m.group(2)) * 60 + int(m.group(3))
            return timezone(timedelta(minutes=minutes if m.group(1) == "+" else -minutes))
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    tld = host.rsplit(".", 1)[-1].lower()
    if len(tld) != 2:
        return None
    country = _TLD_COUNTRY.get(tld, tld.upper())
    if country in _MAIN_ZONE:
        return zone_named(_MAIN_ZONE[country])
    zones = pytz.country_timezones.get(country, [])
    return zone_named(zones[0]) if len(zones) == 1 else None


def localise(value: DateValue, zone: tzinfo | None, *, force: bool = False) -> DateValue:
    """A UTC instant (or any instant, with ``force``) rendered in ``zone``; midnight UTC is
    a date written as a datetime and is left alone."""
    if zone is None or value.precision != "datetime":
        return value
    if not force and not _is_utc(value.value):
        return value
    try:
        moment = datetime.fromisoformat(value.value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        return value
    if _is_utc(value.value) and (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return value
    local = moment.astimezone(zone)
    return replace(value, value=local.isoformat(timespec="seconds"), day=local.date())
