"""WordPress REST API discovery: the cheapest and most complete channel on ~58% of cluster sites.

Finds the API root (``<link rel="https://api.w.org/">``, the ``Link:`` header, or guesses),
builds ``wp/v2/posts`` and The Events Calendar ``tribe/events/v1/events`` page URLs (pretty
``/wp-json/`` roots and plain ``?rest_route=/`` roots alike) and turns their JSON into entries.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from clustercrawl.discovery._util import (
    absolutize,
    fragment_text,
    header_value,
    iso_datetime,
    load_json,
    origin,
    parse_html,
    primary_lang,
    strip_read_more,
    unique_terms,
    url_key,
)
from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.discovery.errors import DiscoveryError

API_REL = "https://api.w.org/"
_LINK_PART = re.compile(r"<([^>]*)>((?:\s*;\s*[^;,]+(?:=(?:\"[^\"]*\"|[^;,]*))?)*)")

#: WP REST errors that just mean "past the last page" or "nothing here", not a broken channel.
_END_CODES = frozenset({"rest_post_invalid_page_number", "rest_invalid_param"})

__all__ = [
    "API_REL",
    "api_root_from_html",
    "api_root_from_link_header",
    "endpoint_url",
    "events_url",
    "guess_api_roots",
    "include_url",
    "index_url",
    "parse_posts_page",
    "parse_tribe_events",
    "posts_url",
    "total_items",
    "total_pages",
    "tribe_next_url",
]


def api_root_from_html(html: str, url: str) -> str | None:
    """The REST root a page announces; present even when ``/wp-json/`` was moved or renamed."""
    root = parse_html(html)
    if root is None:
        return None
    for link in root.iter("link"):
        rels = (link.get("rel") or "").split()
        if API_REL in rels or "https://api.w.org" in rels:
            found = absolutize(link.get("href"), url)
            if found:
                return found
    return None


def api_root_from_link_header(value: str | None, url: str) -> str | None:
    """The REST root from ``Link: <…/wp-json/>; rel="https://api.w.org/"`` (HEAD-cheap)."""
    if not value:
        return None
    for match in _LINK_PART.finditer(value):
        params = match.group(2)
        rel = re.search(r"rel\s*=\s*(\"[^\"]*\"|[^;,\s]*)", params, re.I)
        if rel and API_REL.rstrip("/") in rel.group(1).strip('"').rstrip("/").split():
            found = absolutize(match.group(1), url)
            if found:
                return found
    return None


def guess_api_roots(homepage: str) -> list[str]:
    """API roots to probe when the HTML hides the link (path-prefixed installs first)."""
    base = origin(homepage)
    path = urlsplit(homepage).path
    prefix = path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
    prefix = re.sub(r"index\.php/?$", "", prefix) or "/"
    roots = []
    if prefix != "/":
        roots.append(urljoin(base, prefix + "wp-json/"))
    roots.append(base + "/wp-json/")
    if prefix != "/":
        roots.append(urljoin(base, prefix + "?rest_route=/"))
    roots.append(base + "/?rest_route=/")
    return roots


def endpoint_url(api_root: str, route: str, params: Mapping[str, object] | None = None) -> str:
    """URL of ``route`` (e.g. ``wp/v2/posts``) under a ``/wp-json/`` or ``?rest_route=/`` root."""
    parts = urlsplit(api_root)
    query = parse_qsl(parts.query, keep_blank_values=True)
    route = route.strip("/")
    extra = [(k, str(v)) for k, v in (params or {}).items() if v is not None]
    rest = [v for k, v in query if k == "rest_route"]
    if rest:
        others = [(k, v) for k, v in query if k != "rest_route"]
        full = [("rest_route", rest[0].rstrip("/") + "/" + route), *others, *extra]
        return urlunsplit(
            (parts.scheme, parts.netloc, parts.path or "/", urlencode(full, safe="/:,"), "")
        )
    path = (parts.path.rstrip("/") or "") + "/" + route
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query + extra, safe="/:,"), ""))


def _iso_param(value: str | date | datetime | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat() + "T00:00:00"


def posts_url(
    api_root: str,
    page: int,
    per_page: int = 100,
    modified_after: str | date | datetime | None = None,
    *,
    post_type: str = "posts",
    embed_terms: bool = True,
) -> str:
    """Page ``page`` (1-based) of ``wp/v2/<post_type>``; ``_embed=wp:term`` brings term names.

    ``modified_after`` (WP ≥ 5.7) makes re-crawls cheap; older sites ignore it.
    """
    params: dict[str, object] = {"per_page": max(1, min(per_page, 100)), "page": max(1, page)}
    if embed_terms:
        params["_embed"] = "wp:term"
    if modified_after is not None:
        params["modified_after"] = _iso_param(modified_after)
    return endpoint_url(api_root, f"wp/v2/{post_type}", params)


#: What a re-crawl asks of every post: enough to tell new, changed and known posts apart.
INDEX_FIELDS = "id,modified_gmt,link"


def index_url(api_root: str, page: int, per_page: int = 20) -> str:
    """Page ``page`` of the posts' *index*, most recently modified first: ids, modification
    dates and links only (``_fields``, WP >= 4.9.8), a few dozen bytes per post.

    A re-crawl walks it until posts it already knows unchanged begin; ``X-WP-Total`` of the
    same answer tells whether posts were removed. ``orderby=modified`` exists since WP 4.7.
    """
    params: dict[str, object] = {
        "per_page": max(1, min(per_page, 100)),
        "page": max(1, page),
        "orderby": "modified",
        "order": "desc",
        "_fields": INDEX_FIELDS,
    }
    return endpoint_url(api_root, "wp/v2/posts", params)


def include_url(api_root: str, ids: list[int], *, embed_terms: bool = True) -> str:
    """The full posts with these ids (``include=``, at most 100), in one request."""
    ids = ids[:100]
    params: dict[str, object] = {
        "include": ",".join(str(i) for i in ids),
        "per_page": max(1, len(ids)),
        "orderby": "include",
    }
    if embed_terms:
        params["_embed"] = "wp:term"
    return endpoint_url(api_root, "wp/v2/posts", params)


def events_url(
    api_root: str, page: int, per_page: int = 50, start_date: str | date | None = "2000-01-01"
) -> str:
    """Page of The Events Calendar REST API; ``start_date`` because the default is "upcoming"."""
    params: dict[str, object] = {"page": max(1, page), "per_page": max(1, min(per_page, 50))}
    if start_date is not None:
        params["start_date"] = start_date if isinstance(start_date, str) else start_date.isoformat()
    return endpoint_url(api_root, "tribe/events/v1/events", params)


def total_pages(headers: Mapping[Any, Any]) -> int | None:
    """``X-WP-TotalPages`` (or the Events Calendar's ``X-TEC-TotalPages``) as an int."""
    for name in ("X-WP-TotalPages", "X-TEC-TotalPages"):
        value = header_value(headers, name)
        if value and value.strip().isdigit():
            return int(value.strip())
    return None


def total_items(headers: Mapping[Any, Any]) -> int | None:
    """``X-WP-Total``: lets the spider report how many posts the site has."""
    for name in ("X-WP-Total", "X-TEC-Total"):
        value = header_value(headers, name)
        if value and value.strip().isdigit():
            return int(value.strip())
    return None


def _rendered(obj: object) -> str:
    if isinstance(obj, dict):
        value = obj.get("rendered")
        return value if isinstance(value, str) else ""
    return obj if isinstance(obj, str) else ""


def _gmt(gmt: object, local: object) -> str | None:
    """Prefer the UTC field (marked ``Z``); fall back to the site-local one without offset."""
    if isinstance(gmt, str) and gmt.strip():
        value = iso_datetime(gmt)
        if value and "T" in value and not re.search(r"(Z|[+-]\d\d:\d\d)$", value):
            return value + "Z"
        if value:
            return value
    return iso_datetime(local)


def _check_error(data: object, url: str) -> bool:
    """True when the body is a WP error meaning "no more pages"; raise for real failures."""
    if isinstance(data, dict) and "code" in data and "message" in data:
        if data.get("code") in _END_CODES:
            return True
        raise DiscoveryError(url, f"WordPress API error {data.get('code')}: {data.get('message')}")
    return False


def _embedded_terms(post: Mapping[str, Any]) -> tuple[str, ...]:
    embedded = post.get("_embedded")
    names: list[object] = []
    if isinstance(embedded, dict):
        for group in embedded.get("wp:term") or []:
            if isinstance(group, list):
                names.extend(t.get("name") for t in group if isinstance(t, dict))
    return unique_terms(names)


def _translations(post: Mapping[str, Any], base: str) -> list[dict[str, str]]:
    """WPML's ``wpml_translations`` list → ``[{"language", "url"}]``."""
    out: list[dict[str, str]] = []
    for item in post.get("wpml_translations") or []:
        if isinstance(item, dict):
            lang = primary_lang(item.get("locale"))
            href = absolutize(str(item.get("href") or ""), base)
            if lang and href:
                out.append({"language": lang, "url": href})
    return out


def _post_entry(post: Mapping[str, Any], page_url: str) -> Entry | None:
    link = absolutize(post.get("link") if isinstance(post.get("link"), str) else None, page_url)
    if not link:
        return None
    aliases: list[str] = []
    guid = absolutize(_rendered(post.get("guid")) or None, page_url)
    if guid and url_key(guid) != url_key(link):
        aliases.append(guid)
    content = post.get("content")
    content_html = _rendered(content) or None
    if isinstance(content, dict) and content.get("protected"):
        content_html = None
    language = primary_lang(post.get("lang")) or primary_lang(post.get("wpml_current_locale"))
    extra: dict[str, object] = {}
    if isinstance(post.get("id"), int):
        extra["wp_id"] = post["id"]
    if isinstance(post.get("type"), str):
        extra["wp_type"] = post["type"]
    if translations := _translations(post, page_url):
        extra["translations"] = translations
    summary = strip_read_more(fragment_text(_rendered(post.get("excerpt"))))
    return Entry(
        url=link,
        channel=Channel.WP_API,
        source_url=page_url,
        title=fragment_text(_rendered(post.get("title"))) or None,
        published=_gmt(post.get("date_gmt"), post.get("date")),
        modified=_gmt(post.get("modified_gmt"), post.get("modified")),
        summary=summary or None,
        content_html=content_html,
        topics=_embedded_terms(post),
        alias_urls=tuple(aliases),
        language=language,
        extra=extra,
    )


def parse_posts_page(body: str | bytes, page_url: str) -> list[Entry]:
    """Entries of one ``wp/v2/posts`` (or any ``wp/v2/<type>``) page, in API order.

    Raises DiscoveryError when the body is not the API (HTML, auth error, route missing);
    a page past the end gives ``[]``.
    """
    data = load_json(body, page_url)
    if _check_error(data, page_url):
        return []
    if not isinstance(data, list):
        raise DiscoveryError(page_url, "WordPress API page is not a list of posts")
    entries = []
    for post in data:
        if isinstance(post, dict) and (entry := _post_entry(post, page_url)):
            entries.append(entry)
    if data and not entries:
        raise DiscoveryError(page_url, "no item with a link: not a posts endpoint")
    return entries


def _local_iso(local: object, utc: object, all_day: bool) -> str | None:
    """Event time in the site's zone with its offset, derived from the local/UTC pair."""
    value = iso_datetime(local)
    if not value:
        return None
    if all_day:
        return value[:10]
    utc_value = iso_datetime(utc)
    try:
        start = datetime.fromisoformat(value)
        if utc_value and start.tzinfo is None:
            utc_dt = datetime.fromisoformat(utc_value.replace("Z", "")).replace(tzinfo=None)
            offset = start - utc_dt
            minutes = int(offset.total_seconds() // 60)
            if abs(minutes) <= 14 * 60:
                sign = "+" if minutes >= 0 else "-"
                hh, mm = divmod(abs(minutes), 60)
                return f"{start.isoformat()}{sign}{hh:02d}:{mm:02d}"
    except ValueError:
        return value
    return value


def _text_field(obj: Mapping[str, Any], key: str) -> str | None:
    value = obj.get(key)
    return fragment_text(value) or None if isinstance(value, str) else None


def _tribe_entry(event: Mapping[str, Any], url: str) -> Entry | None:
    link = absolutize(event.get("url") if isinstance(event.get("url"), str) else None, url)
    if not link:
        return None
    all_day = bool(event.get("all_day"))
    venue_obj = event.get("venue")
    venue: Mapping[str, Any] = venue_obj if isinstance(venue_obj, dict) else {}
    website = event.get("website")
    event_info: dict[str, object] = {
        "start": _local_iso(event.get("start_date"), event.get("utc_start_date"), all_day),
        "end": _local_iso(event.get("end_date"), event.get("utc_end_date"), all_day),
        "all_day": all_day,
        "timezone": event.get("timezone") if isinstance(event.get("timezone"), str) else None,
        "venue": _text_field(venue, "venue"),
        "city": _text_field(venue, "city"),
        "country": _text_field(venue, "country"),
        "url": absolutize(website, url) if isinstance(website, str) else None,
    }
    names: list[object] = []
    for key in ("categories", "tags"):
        for term in event.get(key) or []:
            if isinstance(term, dict):
                names.append(term.get("name"))
    extra: dict[str, object] = {"event": event_info}
    if isinstance(event.get("id"), int):
        extra["wp_id"] = event["id"]
    excerpt = event.get("excerpt")
    summary = strip_read_more(fragment_text(excerpt)) if isinstance(excerpt, str) else ""
    description = event.get("description")
    return Entry(
        url=link,
        channel=Channel.WP_API,
        source_url=url,
        title=fragment_text(event.get("title") if isinstance(event.get("title"), str) else "")
        or None,
        published=_gmt(event.get("date_utc"), event.get("date")),
        modified=_gmt(event.get("modified_utc"), event.get("modified")),
        summary=summary or None,
        content_html=description if isinstance(description, str) and description else None,
        topics=unique_terms(names),
        extra=extra,
    )


def parse_tribe_events(body: str | bytes, url: str) -> list[Entry]:
    """Entries of one Events Calendar page, event start/end etc. in ``extra["event"]``."""
    data = load_json(body, url)
    if _check_error(data, url):
        return []
    if not isinstance(data, dict) or not isinstance(data.get("events", []), list):
        raise DiscoveryError(url, "not an Events Calendar events page")
    if "events" not in data:
        # a page past the end has no "events" key in some versions
        if "total" in data or "rest_url" in data:
            return []
        raise DiscoveryError(url, "not an Events Calendar events page")
    return [e for ev in data["events"] if isinstance(ev, dict) and (e := _tribe_entry(ev, url))]


def tribe_next_url(body: str | bytes) -> str | None:
    """``next_rest_url`` of an Events Calendar page (None on the last page or bad input)."""
    try:
        data = load_json(body, "")
    except DiscoveryError:
        return None
    if isinstance(data, dict) and isinstance(data.get("next_rest_url"), str):
        return absolutize(data["next_rest_url"], str(data.get("rest_url") or ""))
    return None
