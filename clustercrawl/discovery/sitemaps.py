"""Sitemap discovery and parsing: robots.txt lines, default locations, urlset and index files.

Sitemaps reach the whole archive (feeds only the newest posts); ``lastmod`` lets re-crawls
skip old entries and news sitemaps carry publication dates. Parsing is hardened: no entity
expansion, no DTD, no network, no huge trees, bounded gzip, so a hostile file cannot hurt.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

import lxml.etree
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import sitemap_urls_from_robots

from clustercrawl.discovery._util import (
    absolutize,
    clean_space,
    iso_datetime,
    origin,
    primary_lang,
    same_site,
    url_key,
)
from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.discovery.errors import DiscoveryError
from clustercrawl.discovery.links import is_archive_url, is_asset_url, is_page_url

__all__ = [
    "MAX_SITEMAP_BYTES",
    "SitemapResult",
    "default_sitemap_urls",
    "is_post_sitemap",
    "parse_sitemap",
    "sitemaps_from_robots",
]

#: Bound on the (decompressed) size of one sitemap; the protocol allows 50 MB.
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
#: Bound on entries per file; the protocol allows 50,000.
MAX_SITEMAP_ENTRIES = 50_000

_NOT_POSTS = re.compile(
    r"(wp-sitemap-(posts-(page|attachment|elementor_library|e-landing-page|wp_block|"
    r"nav_menu_item|product|wpcf7_contact_form)|taxonomies|users)-)"
    r"|(^|[/_-])(page|category|categories|post_tag|tag|author|attachment|product|product_cat|"
    r"product_tag|elementor_library|e-landing-page|local|image|video|portfolio_category|"
    r"project_category|post_format|nav_menu)-sitemap\d*\.xml",
    re.I,
)


@dataclass(slots=True)
class SitemapResult:
    """What one sitemap file gave: candidate posts and child sitemaps worth fetching."""

    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    #: child sitemap URL → its ``lastmod`` (index files), to skip unchanged ones on re-crawls
    sitemap_lastmod: dict[str, str] = field(default_factory=dict)
    #: child sitemaps left out because :func:`is_post_sitemap` said they hold no posts
    skipped_sitemaps: list[str] = field(default_factory=list)


def sitemaps_from_robots(robots_txt: str | bytes, base_url: str) -> list[str]:
    """``Sitemap:`` lines of robots.txt, absolute, de-duplicated, http(s) only."""
    data = robots_txt.encode("utf-8", "replace") if isinstance(robots_txt, str) else robots_txt
    out: list[str] = []
    seen: set[str] = set()
    for raw in sitemap_urls_from_robots(data, base_url=base_url):
        url = absolutize(raw, base_url)
        if url and url_key(url) not in seen:
            seen.add(url_key(url))
            out.append(url)
    return out


def default_sitemap_urls(homepage: str, cms: str | None = None) -> list[str]:
    """Where sitemaps usually are when robots.txt names none (WordPress core, Yoast, generic)."""
    base = origin(homepage)
    urls = [base + "/wp-sitemap.xml", base + "/sitemap_index.xml", base + "/sitemap.xml"]
    if (cms or "").lower() == "typo3":
        urls.append(base + "/?type=1533906435")
    elif (cms or "").lower() == "wordpress":
        # Yoast; and WordPress core's own sitemap where pretty permalinks are off
        urls += [base + "/post-sitemap.xml", base + "/?sitemap=index"]
    return urls


def is_post_sitemap(url: str) -> bool:
    """False for sitemaps that cannot list posts: WP pages/taxonomies/users, Yoast page,
    category, tag and author sitemaps, TYPO3 ``sitemap=pages``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    path = parts.path.rsplit("/", 1)[-1]
    if _NOT_POSTS.search(path):
        return False
    query = dict(parse_qsl(parts.query))
    if query.get("sitemap", "").lower() in ("pages", "page", "categories", "tags",
                                             "taxonomies", "users"):
        return False
    # WordPress core with plain permalinks: ?sitemap=posts&sitemap-subtype=post|page|...
    subtype = query.get("sitemap-subtype", "").lower()
    if query.get("sitemap", "").lower() == "posts" and subtype and subtype != "post":
        return False
    if re.search(r"tx_seo\[sitemap\]", parts.query) and "pages" in parts.query:
        return False
    return not re.search(r"(^|[/_-])(pages?|categor(y|ies)|tags?|authors?)\.xml$", path, re.I)


def _decompress(body: bytes, url: str) -> bytes:
    if body[:2] == b"\x1f\x8b":
        try:
            return gunzip(body, max_size=MAX_SITEMAP_BYTES)
        except (OSError, EOFError, ValueError, struct.error, zlib.error) as exc:
            # ValueError covers Scrapy's (private) "decompressed size exceeded" error
            raise DiscoveryError(url, f"bad or oversized gzip sitemap: {exc}") from None
    if len(body) > MAX_SITEMAP_BYTES:
        raise DiscoveryError(url, f"sitemap larger than {MAX_SITEMAP_BYTES} bytes")
    return body


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(elem: lxml.etree._Element, *path: str) -> str | None:
    """Text of a descendant by local names (``news``/``publication_date``), namespace-blind."""
    current = [elem]
    for name in path:
        current = [c for e in current for c in e if _local(c.tag) == name]
        if not current:
            return None
    text = current[0].text
    return clean_space(text) or None if text else None


def _url_entry(elem: lxml.etree._Element, sitemap_url: str) -> Entry | None:
    loc = absolutize(_child_text(elem, "loc"), sitemap_url)
    if not loc:
        return None
    lastmod = iso_datetime(_child_text(elem, "lastmod"))
    published = iso_datetime(_child_text(elem, "news", "publication_date"))
    title = _child_text(elem, "news", "title")
    language = primary_lang(_child_text(elem, "news", "publication", "language"))
    translations: list[dict[str, str]] = []
    for link in elem:
        if _local(link.tag) != "link" or (link.get("rel") or "alternate") != "alternate":
            continue
        href = absolutize(link.get("href"), sitemap_url)
        lang = (link.get("hreflang") or "").strip()
        if href and lang and url_key(href) != url_key(loc):
            translations.append({"language": lang, "url": href})
        elif href and lang and url_key(href) == url_key(loc) and not language:
            language = primary_lang(lang)
    extra: dict[str, object] = {}
    if translations:
        extra["translations"] = translations
    return Entry(
        url=loc,
        channel=Channel.SITEMAP,
        source_url=sitemap_url,
        title=title,
        published=published,
        modified=lastmod,
        language=language,
        extra=extra,
    )


def _text_sitemap(text: str, url: str) -> SitemapResult:
    """Plain-text sitemaps (one URL a line) are allowed by the protocol."""
    result = SitemapResult()
    for line in text.splitlines()[:MAX_SITEMAP_ENTRIES]:
        found = absolutize(line.strip(), url) if line.strip().startswith("http") else None
        if found:
            result.entries.append(Entry(url=found, channel=Channel.SITEMAP, source_url=url))
    return result


def _keep_entry(entry: Entry, sitemap_url: str) -> bool:
    """Same site; not an asset, the home page, an archive/pagination or a standing page."""
    return (
        same_site(entry.url, sitemap_url)
        and not is_asset_url(entry.url)
        and not is_archive_url(entry.url)
        and not is_page_url(entry.url)
    )


def parse_sitemap(body: bytes, url: str, *, filter_entries: bool = True) -> SitemapResult:
    """Entries of a urlset, child sitemaps of an index (post-capable ones only).

    ``filter_entries`` drops the home page, archives, assets and off-site URLs. Raises
    DiscoveryError for a body that is no sitemap (HTML error page, garbage, oversized).
    """
    if isinstance(body, str):
        body = body.encode("utf-8")
    data = _decompress(body, url)
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:256].lower()
    if head.startswith((b"http://", b"https://")):
        result = _text_sitemap(data.decode("utf-8", "replace"), url)
    elif not head.startswith(b"<"):
        raise DiscoveryError(url, "not XML: no sitemap")
    else:
        result = _parse_xml(data, url)
    if filter_entries:
        result.entries = [e for e in result.entries if _keep_entry(e, url)]
    return result


_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*(\[.*?\]\s*)?>", re.I | re.S)


def _parse_xml(data: bytes, url: str) -> SitemapResult:
    # Sitemaps need no DTD: dropping it disarms entity bombs and XXE before lxml sees them,
    # and the undefined references left behind are skipped by the recovering parser.
    head = data[:65536]
    if b"<!DOCTYPE" in head or b"<!doctype" in head:
        data = _DOCTYPE.sub(b"", data, count=1)
    result = SitemapResult()
    kind = ""
    seen_entries: set[str] = set()
    seen_maps: set[str] = set()
    parser_events = lxml.etree.iterparse(
        io.BytesIO(data),
        events=("start", "end"),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        recover=True,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )
    count = 0
    try:
        for event, elem in parser_events:
            name = _local(elem.tag)
            if event == "start":
                if not kind:
                    kind = name
                    if kind not in ("urlset", "sitemapindex"):
                        raise DiscoveryError(url, f"root element <{kind}> is no sitemap")
                continue
            if name == "url" and kind == "urlset":
                entry = _url_entry(elem, url)
                if entry and url_key(entry.url) not in seen_entries:
                    seen_entries.add(url_key(entry.url))
                    result.entries.append(entry)
                count += 1
            elif name == "sitemap" and kind == "sitemapindex":
                _add_child(result, elem, url, seen_maps)
                count += 1
            else:
                continue
            elem.clear()
            parent = elem.getparent()
            if parent is not None:
                while elem.getprevious() is not None:
                    del parent[0]
            if count >= MAX_SITEMAP_ENTRIES:
                break
    except lxml.etree.XMLSyntaxError as exc:
        if not kind:
            raise DiscoveryError(url, f"unreadable XML: {exc}") from None
        # recover=True still gives up on some damage: keep what was read so far
    if not kind:
        raise DiscoveryError(url, "empty XML document")
    return result


def _add_child(result: SitemapResult, elem: lxml.etree._Element, url: str, seen: set[str]) -> None:
    loc = absolutize(_child_text(elem, "loc"), url)
    if not loc or url_key(loc) in seen:
        return
    seen.add(url_key(loc))
    if not is_post_sitemap(loc):
        result.skipped_sitemaps.append(loc)
        return
    result.sitemaps.append(loc)
    lastmod = iso_datetime(_child_text(elem, "lastmod"))
    if lastmod:
        result.sitemap_lastmod[loc] = lastmod
