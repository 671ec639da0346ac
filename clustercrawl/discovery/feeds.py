"""Feed discovery and parsing: RSS 2.0, RSS 1.0, Atom (via feedparser) and JSON Feed.

Feeds hold only the newest 10–20 posts, but they are cheap, give full content on WordPress
(``content:encoded``) and exist on Joomla, TYPO3 (tx_news) and Drupal too.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.etree

from clustercrawl.discovery._util import (
    absolutize,
    base_href,
    clean_space,
    fragment_text,
    iso_datetime,
    load_json,
    origin,
    parse_html,
    primary_lang,
    strip_read_more,
    to_text,
    unique_terms,
    url_key,
)
from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.discovery.errors import DiscoveryError

__all__ = ["FEED_TYPES", "autodiscover", "guess_feed_urls", "is_comments_feed", "parse_feed"]

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+json",
        "application/x.atom+xml",
        "application/x-atom+xml",
        "application/x-rss+xml",
        "text/xml",
        "application/xml",
    }
)
_COMMENTS = re.compile(
    r"comment|komentarz|kommentar|commentaire|comentario|commenti|koment[áa]ř|kommentar",
    re.I,
)
_FEEDISH_HREF = re.compile(
    r"(/feed/?$|/rss/?$|\.rss$|rss\.xml$|atom\.xml$|feed\.xml$|[?&]feed=rss2?|"
    r"[?&]format=feed|[?&]type=9818\b|/feed\.json$)",
    re.I,
)
#: A bounded size for feeds: no real feed of a cluster site comes near this.
MAX_FEED_BYTES = 20 * 1024 * 1024


def is_comments_feed(href: str, title: str = "") -> bool:
    """WordPress site and per-post comment feeds carry no posts."""
    path = urlsplit(href).path.lower()
    return bool(
        "/comments/feed" in path or "feed=comments" in href.lower() or _COMMENTS.search(title or "")
    )


def autodiscover(html: str, url: str) -> list[str]:
    """Feed URLs a page announces (``<link rel=alternate>``), absolute, de-duplicated.

    Comment feeds are dropped; ``<a>`` links that look like feeds are a fallback only when
    no ``<link>`` is present (some home-made sites have just an RSS icon).
    """
    root = parse_html(html)
    if root is None:
        return []
    base = base_href(root, url)
    found: list[str] = []
    for link in root.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        ftype = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" not in rels or ftype not in FEED_TYPES:
            continue
        if ftype in ("text/xml", "application/xml") and not _FEEDISH_HREF.search(
            link.get("href") or ""
        ):
            continue
        href = absolutize(link.get("href"), base)
        if href and not is_comments_feed(href, link.get("title") or ""):
            found.append(href)
    if not found:
        for anchor in root.iter("a"):
            raw = anchor.get("href") or ""
            href = absolutize(raw, base)
            if (
                href
                and _FEEDISH_HREF.search(href)
                and not is_comments_feed(href, anchor.text or "")
            ):
                found.append(href)
    out: list[str] = []
    seen: set[str] = set()
    for href in found:
        if url_key(href) not in seen:
            seen.add(url_key(href))
            out.append(href)
    return out


def guess_feed_urls(homepage: str, cms: str | None) -> list[str]:
    """Feed URLs to probe when none is announced, most likely first for the given CMS."""
    base = origin(homepage)
    page = homepage.split("#", maxsplit=1)[0]
    path = urlsplit(page).path or "/"
    prefix = path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
    sep = "&" if urlsplit(page).query else "?"
    guesses: dict[str, list[str]] = {
        "wordpress": [urljoin(base, prefix + "feed/"), base + "/feed/", base + "/?feed=rss2"],
        "joomla": [
            f"{page}{sep}format=feed&type=rss",
            base + "/?format=feed&type=rss",
            base + "/index.php?format=feed&type=rss",
        ],
        "typo3": [f"{page}{sep}type=9818", base + "/?type=9818", base + "/rss.xml"],
        "drupal": [base + "/rss.xml", urljoin(base, prefix + "rss.xml")],
    }
    generic = [
        base + "/feed",
        base + "/rss",
        base + "/feed/",
        base + "/rss.xml",
        base + "/atom.xml",
    ]
    key = (cms or "").lower()
    urls = [*guesses.get(key, []), *generic]
    if key not in guesses:
        urls = [*generic, base + "/?feed=rss2"]
    out: list[str] = []
    seen: set[str] = set()
    for candidate in urls:
        if candidate not in seen:
            seen.add(candidate)
            out.append(candidate)
    return out


def _date_with_offset(raw: object, parsed: object) -> str | None:
    """ISO 8601 with the feed's own offset; feedparser's parsed tuples are UTC-only."""
    if isinstance(raw, str) and raw.strip():
        text = raw.strip()
        value = iso_datetime(text)
        if value:
            return value
        try:
            dt = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            dt = None
        if dt is not None and 1990 <= dt.year <= 2100:
            return dt.isoformat().replace("+00:00", "Z") if dt.tzinfo else dt.isoformat()
    if isinstance(parsed, tuple) and len(parsed) >= 6:
        try:
            y, mo, d, h, mi, sec = (int(x) for x in parsed[:6])
            dt = datetime(y, mo, d, h, mi, min(sec, 59), tzinfo=UTC)
        except (TypeError, ValueError):
            return None
        return dt.isoformat().replace("+00:00", "Z")
    return None


def _entry_link(item: Any, base: str) -> str | None:
    link = item.get("link")
    if not link:
        for candidate in item.get("links") or []:
            if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
                link = candidate["href"]
                break
    if not link and item.get("guidislink"):
        link = item.get("id")
    found = absolutize(link, base) if isinstance(link, str) else None
    if not found and isinstance(item.get("id"), str) and item["id"].startswith("http"):
        found = absolutize(item["id"], base)
    return found


def _feedparser_entry(item: Any, url: str, feed_lang: str | None) -> Entry | None:
    link = _entry_link(item, url)
    if not link:
        return None
    published = _date_with_offset(item.get("published"), item.get("published_parsed"))
    # dict.get: feedparser's own get() maps a missing "updated" to "published" (issue 310)
    updated = _date_with_offset(dict.get(item, "updated"), dict.get(item, "updated_parsed"))
    extra: dict[str, object] = {}
    if not published and updated:
        published = updated  # RSS 1.0 dc:date and published-less Atom: the only date there is
        extra["published_from"] = "updated"
    content_html = None
    for content in item.get("content") or []:
        if content.get("value"):
            content_html = str(content["value"])
            break
    summary = item.get("summary") or ""
    summary_text = strip_read_more(fragment_text(summary)) if isinstance(summary, str) else ""
    if not content_html and isinstance(summary, str) and len(summary_text) > 600:
        content_html = summary  # full post in <description>: keep it as the body
    title_detail = item.get("title_detail") or {}
    raw_title = item.get("title") or ""
    title = (
        fragment_text(raw_title)
        if "html" in str(title_detail.get("type", "")) or "<" in raw_title
        else clean_space(raw_title)
    )
    aliases: tuple[str, ...] = ()
    guid = item.get("id")
    if isinstance(guid, str) and guid.startswith(("http://", "https://")):
        guid_url = absolutize(guid, url)
        if guid_url and url_key(guid_url) != url_key(link):
            aliases = (guid_url,)
    terms = [t.get("label") or t.get("term") for t in item.get("tags") or []]
    language = primary_lang(item.get("language")) or feed_lang
    return Entry(
        url=link,
        channel=Channel.FEED,
        source_url=url,
        title=title or None,
        published=published,
        modified=updated if updated and updated != published else None,
        summary=summary_text[:2000] or None,
        content_html=content_html,
        topics=unique_terms(terms),
        alias_urls=aliases,
        language=language,
        extra=extra,
    )


def _json_feed_entries(data: dict[str, Any], url: str) -> list[Entry]:
    feed_lang = primary_lang(data.get("language"))
    base = str(data.get("home_page_url") or url)
    entries: list[Entry] = []
    for item in data.get("items") or []:
        if not isinstance(item, dict):
            continue
        raw_link = item.get("url") or item.get("external_url")
        if not raw_link and str(item.get("id", "")).startswith(("http://", "https://")):
            raw_link = item["id"]
        link = absolutize(raw_link, urljoin(url, base)) if isinstance(raw_link, str) else None
        if not link:
            continue
        guid = item.get("id")
        aliases: tuple[str, ...] = ()
        if isinstance(guid, str) and guid.startswith("http") and url_key(guid) != url_key(link):
            aliases = (guid,)
        content_html = item.get("content_html")
        summary = item.get("summary")
        if not isinstance(summary, str) or not summary:
            text = item.get("content_text")
            summary = text[:500] if isinstance(text, str) else ""
        tags = item.get("tags") if isinstance(item.get("tags"), list) else []
        entries.append(
            Entry(
                url=link,
                channel=Channel.FEED,
                source_url=url,
                title=fragment_text(item.get("title") if isinstance(item.get("title"), str) else "")
                or None,
                published=iso_datetime(item.get("date_published")),
                modified=iso_datetime(item.get("date_modified")),
                summary=strip_read_more(fragment_text(summary)) or None,
                content_html=content_html
                if isinstance(content_html, str) and content_html
                else None,
                topics=unique_terms(tags or []),
                alias_urls=aliases,
                language=primary_lang(item.get("language")) or feed_lang,
            )
        )
    return entries


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _salvage(data: bytes, url: str) -> list[Entry]:
    """Items of a broken feed that feedparser gave up on, via lxml's recovering parser."""
    parser = lxml.etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = lxml.etree.fromstring(data, parser)
    except (lxml.etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    entries: list[Entry] = []
    for item in root.iter():
        if _local(item.tag) not in ("item", "entry"):
            continue
        fields: dict[str, str] = {}
        for child in item.iter():
            name = _local(child.tag)
            value = child.get("href") if name == "link" and child.get("href") else child.text
            if name in ("link", "title", "pubdate", "published", "date", "updated"):
                fields.setdefault(name, clean_space(value))
        link = absolutize(fields.get("link"), url)
        if not link:
            continue
        raw_date = fields.get("pubdate") or fields.get("published") or fields.get("date")
        entries.append(
            Entry(
                url=link,
                channel=Channel.FEED,
                source_url=url,
                title=fields.get("title") or None,
                published=_date_with_offset(raw_date, None),
                extra={"salvaged": True},
            )
        )
    return entries


def _looks_json(body: bytes) -> bool:
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return head in (b"{", b"[")


def parse_feed(body: bytes | str, url: str) -> list[Entry]:
    """Entries of an RSS/Atom/RDF/JSON feed; damaged feeds give what can be read.

    Raises DiscoveryError when the body is no feed at all (an HTML page, empty, garbage).
    """
    data = body.encode("utf-8") if isinstance(body, str) else body
    if len(data) > MAX_FEED_BYTES:
        raise DiscoveryError(url, f"feed larger than {MAX_FEED_BYTES} bytes")
    if not data.strip():
        raise DiscoveryError(url, "empty feed body")
    if _looks_json(data):
        parsed_json = load_json(data, url)
        if isinstance(parsed_json, dict) and (
            "jsonfeed.org" in str(parsed_json.get("version", "")) or "items" in parsed_json
        ):
            return _json_feed_entries(parsed_json, url)
        raise DiscoveryError(url, "JSON body is not a JSON Feed")
    try:
        parsed = feedparser.parse(
            io.BytesIO(data),
            response_headers={"content-location": url},
            sanitize_html=False,
            resolve_relative_uris=True,
        )
    except Exception as exc:  # feedparser's loose parser can fail in odd ways on garbage
        raise DiscoveryError(url, f"feed parser failed: {type(exc).__name__}") from None
    feed_lang = primary_lang(parsed.feed.get("language")) if parsed.get("feed") else None
    entries = [
        e for item in parsed.entries if (e := _feedparser_entry(item, url, feed_lang)) is not None
    ]
    if parsed.get("bozo"):
        known = {url_key(e.url) for e in entries}
        entries += [e for e in _salvage(data, url) if url_key(e.url) not in known]
    if entries:
        return entries
    if parsed.get("version"):
        return []  # a valid feed with no items (yet)
    reason = str(parsed.get("bozo_exception") or "no RSS, Atom or RDF root element")
    text = to_text(data[:512]).lower()
    if "<html" in text or "<!doctype html" in text:
        reason = "HTML page, not a feed"
    raise DiscoveryError(url, f"not a feed: {reason[:200]}")
