"""schema.org structured data (JSON-LD, microdata) reduced to what a post needs.

extruct parses the syntaxes; this module flattens Yoast-style ``@graph`` documents, picks the
main Article/WebPage node and turns schema.org ``Event`` nodes into plain records. JSON-LD
scripts are parsed one by one so one broken script does not hide the others.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from extruct.jsonld import JsonLdExtractor
from extruct.w3cmicrodata import MicrodataExtractor
from lxml import etree
from lxml.html import HtmlElement

__all__ = [
    "StructuredData",
    "StructuredEvent",
    "api_event",
    "read_structured",
    "short_type",
]

log = logging.getLogger(__name__)

ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "BlogPosting", "Report", "ScholarlyArticle", "TechArticle",
    "AnalysisNewsArticle", "ReportageNewsArticle", "OpinionNewsArticle", "SocialMediaPosting",
    "LiveBlogPosting", "BackgroundNewsArticle", "PressRelease",
})
PAGE_TYPES = frozenset({
    "WebPage", "ItemPage", "CollectionPage", "AboutPage", "ContactPage", "ProfilePage",
    "SearchResultsPage", "FAQPage", "QAPage", "CheckoutPage",
})
LISTING_TYPES = frozenset({"CollectionPage", "SearchResultsPage", "ItemList"})
NON_POST_TYPES = frozenset({"AboutPage", "ContactPage", "ProfilePage", "CheckoutPage"})

_JSONLD_SCRIPTS = etree.XPath('//script[@type="application/ld+json"]')
_ITEMSCOPE = etree.XPath("//*[@itemscope]")

_ATTENDANCE = {
    "OfflineEventAttendanceMode": "offline",
    "OnlineEventAttendanceMode": "online",
    "MixedEventAttendanceMode": "hybrid",
}
_STATUS = {
    "EventScheduled": "scheduled",
    "EventRescheduled": "scheduled",
    "EventCancelled": "cancelled",
    "EventPostponed": "postponed",
    "EventMovedOnline": "moved_online",
}


@dataclass(slots=True)
class StructuredEvent:
    """A schema.org Event as found, values still raw strings."""

    source: str  # "jsonld", "microdata", "ical" or "api" (The Events Calendar REST)
    name: str | None = None
    start: str | None = None
    end: str | None = None
    venue: str | None = None
    city: str | None = None
    country: str | None = None
    online_url: str | None = None
    attendance: str | None = None
    status: str | None = None
    organizers: list[str] = field(default_factory=list)
    url: str | None = None
    registration_url: str | None = None
    description: str | None = None
    timezone: str | None = None  # IANA zone when the source names one
    all_day: bool | None = None


@dataclass(slots=True)
class StructuredData:
    """The facts about the page's main entity that structured data gave."""

    types: set[str] = field(default_factory=set)
    main_type: str | None = None
    main_source: str | None = None  # "jsonld" or "microdata"
    headline: str | None = None
    page_name: str | None = None  # WebPage.name, often "Title - Site"
    site_name: str | None = None
    published: str | None = None
    published_source: str | None = None
    modified: str | None = None
    description: str | None = None
    language: str | None = None
    keywords: list[str] = field(default_factory=list)
    url: str | None = None
    images: list[str] = field(default_factory=list)
    events: list[StructuredEvent] = field(default_factory=list)


def short_type(value: object) -> list[str]:
    """schema.org type names without the namespace ("http://schema.org/Event" -> "Event")."""
    values = value if isinstance(value, list) else [value]
    out = []
    for v in values:
        if isinstance(v, str) and v:
            out.append(v.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1].rsplit(":", 1)[-1])
    return out


def read_structured(tree: HtmlElement, url: str, *, every_property: bool = False,
                    scripts: list[HtmlElement] | None = None) -> StructuredData:
    """JSON-LD first, microdata second; the first source that gives a field wins.
    ``every_property``: read microdata text nobody uses too (the plain path, for tests).
    ``scripts``: the page's JSON-LD scripts when already found (`PageMeta.ld_scripts`)."""
    data = StructuredData()
    nodes = [(n, "jsonld") for n in _jsonld_nodes(
        jsonld_scripts(tree) if scripts is None else scripts)]
    if has_itemscope(tree):
        nodes += [(n, "microdata") for n in _microdata_nodes(tree, url,
                                                              every_property=every_property)]
    for node, source in nodes:
        types = short_type(node.get("@type"))
        data.types.update(types)
        if any(_is_event_type(t) for t in types):
            event = _event(node, source, url)
            if event.start or event.name:
                data.events.append(event)
        elif any(t in ARTICLE_TYPES for t in types):
            _take_article(data, node, source, types, url)
        elif any(t in PAGE_TYPES for t in types):
            _take_page(data, node, source, types)
        elif not data.site_name and (
            "WebSite" in types
            or ("Organization" in types and str(node.get("@id", "")).endswith("#organization"))
        ):
            data.site_name = _text(node.get("name"))
    return data


# ---------------------------------------------------------------------------- sources


def jsonld_scripts(tree: HtmlElement) -> list[HtmlElement]:
    """What `_JSONLD_SCRIPTS` selects, from lxml's walk over the scripts in C (0.13 ms a page
    on aeb against 0.18; tests compare them)."""
    return [script for script in tree.getroottree().getroot().iter("script")
            if script.get("type") == "application/ld+json"]


def has_itemscope(tree: HtmlElement) -> bool:
    """Whether `_ITEMSCOPE` selects anything: a walk that stops at the first item (often the
    page's <html> or <body>), where the XPath tests every element (0.28 ms a page on aeb)."""
    for el in tree.getroottree().getroot().iter(etree.Element):
        if el.get("itemscope") is not None:
            return True
    return False


def _jsonld_nodes(scripts: list[HtmlElement]) -> Iterator[dict[str, Any]]:
    extractor = JsonLdExtractor()
    for script in scripts:
        try:
            items = extractor.extract_items(script)
        except Exception as exc:  # broken JSON in one script must not hide the others
            log.debug("unparsable JSON-LD: %s", exc)
            continue
        for item in items:
            yield from _flatten(item, 0)


def _flatten(item: object, depth: int) -> Iterator[dict[str, Any]]:
    """Top-level nodes, ``@graph`` members and Events nested under other nodes."""
    if depth > 4:
        return
    if isinstance(item, list):
        for sub in item:
            yield from _flatten(sub, depth + 1)
        return
    if not isinstance(item, dict):
        return
    if "@graph" in item:
        yield from _flatten(item["@graph"], depth + 1)
    if "@type" in item:
        yield item
    for key in ("mainEntity", "subEvent", "event", "events"):
        sub = item.get(key)
        if isinstance(sub, dict | list):
            for node in _flatten(sub, depth + 1):
                if any(_is_event_type(t) for t in short_type(node.get("@type"))) or key == (
                    "mainEntity"
                ):
                    yield node


#: every property name this module reads from a node (see the ``_take_*`` helpers and
#: ``_event``); microdata text values of other properties are never looked at
READ_PROPERTIES = frozenset({
    "headline", "name", "image", "url", "keywords", "articleSection", "datePublished",
    "dateCreated", "dateModified", "description", "inLanguage", "alternateName", "startDate",
    "endDate", "eventAttendanceMode", "eventStatus", "location", "address", "addressLocality",
    "addressCountry", "organizer", "offers", "mainEntity", "subEvent", "event", "events",
})


def _values_read(itemtype: str | None) -> bool:
    """Whether :func:`read_structured` reads property values of an item of this type (of
    the others it reads only the type, and the items under ``mainEntity``, ``event``...)."""
    return any(_is_event_type(t) or t in ARTICLE_TYPES or t in PAGE_TYPES
               or t in {"WebSite", "Organization"} for t in short_type((itemtype or "").split()))


class ReadPropertiesExtractor(MicrodataExtractor):  # type: ignore[misc]
    """extruct's microdata reader that skips the text of properties nobody reads: reading
    an element's text copies and cleans it (``articleBody`` is the whole post, breadcrumbs
    and product lists hold dozens of names). Skipped: properties of a name this module
    never reads, and every property of an item whose values are not read (neither its own
    type nor an item it belongs to is one read). Items are still all visited, so the items
    found and their types are the same."""

    def __init__(self) -> None:
        super().__init__()
        self._reading: list[bool] = []  # per item being read: are its values read?

    def extract_items(self, document: HtmlElement, base_url: str) -> list[Any]:
        """extruct's extract_items with one walk for the items instead of two: it numbers
        the items found from the root and then walks again from ``document``, the same
        walk when ``document`` is the root (as here: 0.28 ms a page with microdata)."""
        if document.getroottree().getroot() is not document:
            return super().extract_items(document, base_url)  # type: ignore[no-any-return]
        found = self._xp_item(document)
        itemids = {node: idx + 1 for idx, node in enumerate(found)}
        items_seen: set[Any] = set()
        items = (self._extract_item(it, items_seen=items_seen, base_url=base_url,
                                    itemids=itemids) for it in found)
        return [item for item in items if item]

    def _extract_item(self, node: HtmlElement, items_seen: set[Any], base_url: str,
                      itemids: dict[HtmlElement, int]) -> Any:
        inherited = bool(self._reading) and self._reading[-1]
        self._reading.append(inherited or _values_read(node.get("itemtype")))
        try:
            return super()._extract_item(
                node, items_seen=items_seen, base_url=base_url, itemids=itemids)
        finally:
            self._reading.pop()

    def _extract_property(self, node: HtmlElement, items_seen: set[Any], base_url: str,
                          itemids: dict[HtmlElement, int]) -> list[tuple[str, Any]]:
        names = node.get("itemprop").split()
        if node.get("itemscope") is None and (
                READ_PROPERTIES.isdisjoint(names) or not self._reading[-1]):
            return [(name, "") for name in names]
        return super()._extract_property(  # type: ignore[no-any-return]
            node, items_seen=items_seen, base_url=base_url, itemids=itemids)

    def _extract_property_value(self, node: HtmlElement, items_seen: set[Any], base_url: str,
                                itemids: dict[HtmlElement, int], force: bool = False) -> Any:
        if force:  # the "value" of an item without properties: its whole text (a <nav>, a
            # <body> marked as an item: 0.15 ms a page on aeb), a key nothing here reads
            return ""
        return super()._extract_property_value(
            node, items_seen=items_seen, base_url=base_url, itemids=itemids)


def _microdata_nodes(tree: HtmlElement, url: str, *, every_property: bool = False,
                     ) -> Iterator[dict[str, Any]]:
    """Microdata items as JSON-LD-like nodes; ``every_property`` reads unread properties'
    text too (the plain extruct run, for tests)."""
    extractor = MicrodataExtractor() if every_property else ReadPropertiesExtractor()
    try:
        items = extractor.extract_items(tree, url)
    except Exception as exc:
        log.debug("microdata failed: %s", exc)
        return
    for item in items:
        yield from _flatten(_microdata_to_ld(item), 0)


def _microdata_to_ld(item: object) -> object:
    """extruct's microdata shape ({type, properties}) -> JSON-LD-like dicts."""
    if isinstance(item, list):
        return [_microdata_to_ld(i) for i in item]
    if not isinstance(item, dict) or "properties" not in item:
        return item
    out: dict[str, Any] = {"@type": item.get("type")}
    props = item.get("properties")
    if isinstance(props, dict):
        for key, value in props.items():
            out[key] = _microdata_to_ld(value)
    return out


# ---------------------------------------------------------------------------- nodes


def _is_event_type(t: str) -> bool:
    return t == "Event" or t.endswith("Event") or t in {"Festival", "Hackathon", "Conference"}


def _take_article(
    data: StructuredData, node: Mapping[str, Any], source: str, types: list[str], url: str
) -> None:
    if data.main_type is None or data.main_type in PAGE_TYPES:
        data.main_type = next(t for t in types if t in ARTICLE_TYPES)
        data.main_source = source
    data.headline = data.headline or _text(node.get("headline")) or _text(node.get("name"))
    _take_common(data, node, source)
    for image in _as_list(node.get("image")):
        img = image.get("url") if isinstance(image, dict) else image
        if isinstance(img, str) and img:
            data.images.append(urljoin(url, img))
    for kw in _as_list(node.get("keywords")) + _as_list(node.get("articleSection")):
        if isinstance(kw, str):
            data.keywords.extend(k.strip() for k in kw.split(",") if k.strip())


def _take_page(
    data: StructuredData, node: Mapping[str, Any], source: str, types: list[str]
) -> None:
    if data.main_type is None:
        data.main_type = next(t for t in types if t in PAGE_TYPES)
        data.main_source = source
    data.page_name = data.page_name or _text(node.get("name"))
    _take_common(data, node, source)


def _take_common(data: StructuredData, node: Mapping[str, Any], source: str) -> None:
    published = _text(node.get("datePublished")) or _text(node.get("dateCreated"))
    if published and not data.published:
        data.published, data.published_source = published, source
    data.modified = data.modified or _text(node.get("dateModified"))
    data.description = data.description or _text(node.get("description"))
    lang = node.get("inLanguage")
    if isinstance(lang, dict):
        lang = lang.get("alternateName") or lang.get("name")
    data.language = data.language or _text(lang)
    data.url = data.url or _text(node.get("url"))


def _event(node: Mapping[str, Any], source: str, url: str) -> StructuredEvent:
    event = StructuredEvent(
        source=source,
        name=_text(node.get("name")),
        start=_text(node.get("startDate")),
        end=_text(node.get("endDate")),
        description=_text(node.get("description")),
    )
    page = _text(node.get("url"))
    event.url = urljoin(url, page) if page else None
    mode = short_type(node.get("eventAttendanceMode"))
    event.attendance = _ATTENDANCE.get(mode[0]) if mode else None
    status = short_type(node.get("eventStatus"))
    event.status = _STATUS.get(status[0]) if status else None
    for loc in _as_list(node.get("location")):
        _take_location(event, loc)
    for org in _as_list(node.get("organizer")):
        name = _text(org.get("name")) if isinstance(org, dict) else _text(org)
        if name and name not in event.organizers:
            event.organizers.append(name)
    for offer in _as_list(node.get("offers")):
        if isinstance(offer, dict) and not event.registration_url:
            event.registration_url = _text(offer.get("url"))
    return event


def _take_location(event: StructuredEvent, loc: object) -> None:
    if isinstance(loc, str):
        event.venue = event.venue or loc.strip() or None
        return
    if not isinstance(loc, dict):
        return
    types = short_type(loc.get("@type"))
    if "VirtualLocation" in types:
        event.online_url = event.online_url or _text(loc.get("url"))
        return
    event.venue = event.venue or _text(loc.get("name"))
    address = loc.get("address")
    if isinstance(address, str):
        event.city = event.city or None
        event.venue = event.venue or address.strip() or None
    elif isinstance(address, dict):
        event.city = event.city or _text(address.get("addressLocality"))
        country = address.get("addressCountry")
        if isinstance(country, dict):
            country = country.get("name")
        event.country = event.country or _text(country)


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: object) -> str | None:
    """A trimmed string from a JSON-LD value (first of a list, @value of an object)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def api_event(info: object) -> StructuredEvent | None:
    """The Events Calendar REST data a discovery channel passed in ``hints.extra["event"]``
    (``start``, ``end``, ``all_day``, ``timezone``, ``venue``, ``city``, ``country``,
    ``url``) as a structured event."""
    if not isinstance(info, dict):
        return None
    start = _text(info.get("start"))
    if not start:
        return None
    all_day = info.get("all_day")
    return StructuredEvent(
        source="api",
        start=start,
        end=_text(info.get("end")),
        venue=_text(info.get("venue")),
        city=_text(info.get("city")),
        country=_text(info.get("country")),
        url=_text(info.get("url")),
        timezone=_text(info.get("timezone")),
        all_day=all_day if isinstance(all_day, bool) else None,
    )
