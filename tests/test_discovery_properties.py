"""Property tests: parsers never crash on arbitrary input, pager URLs are sane."""

from __future__ import annotations

import gzip
from urllib.parse import urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clustercrawl.discovery import DiscoveryError
from clustercrawl.discovery._util import url_key
from clustercrawl.discovery.cms import detect_cms
from clustercrawl.discovery.feeds import autodiscover, parse_feed
from clustercrawl.discovery.links import follow_candidates
from clustercrawl.discovery.listings import find_sections, parse_listing
from clustercrawl.discovery.sitemaps import parse_sitemap
from clustercrawl.discovery.wordpress import (
    api_root_from_html,
    parse_posts_page,
    parse_tribe_events,
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Fragments that steer random input towards the parsers' interesting paths.
XML_BITS = st.sampled_from(
    [
        b'<?xml version="1.0"?>',
        b"<rss version='2.0'><channel>",
        b"<item><title>",
        b"<link>https://x.eu/a</link>",
        b"</item>",
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry>',
        b"<urlset><url><loc>",
        b"<sitemapindex><sitemap><loc>",
        b"https://x.eu/2024/01/p/",
        b"</loc></url>",
        b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
        b"&a;",
        b"\x1f\x8b\x08",
        b"{",
        b'"items": [',
        b'{"link": "https://x.eu/b", "title": {"rendered": "t"}}',
        b"]",
        b"}",
        b"\xff\xfe",
        b"\x00",
    ]
)
NOISY_BYTES = st.lists(st.one_of(XML_BITS, st.binary(max_size=40)), max_size=20).map(b"".join)

HTML_BITS = st.sampled_from(
    [
        "<html><body>",
        "<nav class='pagination'>",
        "<a href='/page/2/'>2</a>",
        "<a href='?page=3'>Next ›</a>",
        "<a href='?start=10'>Następna</a>",
        "<a href='/news?tx_news_pi1%5B%40widget_0%5D%5BcurrentPage%5D=2&cHash=x'>2</a>",
        "<a href='#top'>»</a>",
        "<a href='https://other.eu/page/2/'>2</a>",
        "<a href='javascript:void(0)'>›</a>",
        "<a href='?p=2'>2</a>",
        "<a href='/events/?month=2025-06'>Jun</a>",
        "<article><h2><a href='/2024/05/x/'>Title of a post</a></h2><time datetime='2024-05-01'>",
        "</article>",
        "<link rel='next' href='/aktualnosci/page/3/'>",
        "<a href='http://[::1'>bad</a>",
        "<a href=' /x y/ '>sp</a>",
        "<a href='/aktualnosci/'>Aktualności</a>",
        "</nav>",
        "<table><tr><td>14.11.2018</td><td><a href='n.php?id=1'>Long enough title here</a>",
    ]
)
NOISY_HTML = st.lists(st.one_of(HTML_BITS, st.text(max_size=30)), max_size=25).map("".join)
PAGE_URLS = st.sampled_from(
    [
        "https://x.eu/aktualnosci/",
        "https://x.eu/aktualnosci/page/2/",
        "https://x.eu/news?page=1",
        "https://www.x.eu/",
        "https://x.eu/news?tx_news_pi1%5B%40widget_0%5D%5BcurrentPage%5D=2&cHash=x",
    ]
)


@SETTINGS
@given(body=NOISY_BYTES)
def test_parse_feed_raises_only_discovery_error(body: bytes) -> None:
    try:
        entries = parse_feed(body, "https://x.eu/feed/")
    except DiscoveryError:
        return
    assert all(e.url.startswith(("http://", "https://")) for e in entries)


@SETTINGS
@given(body=NOISY_BYTES)
def test_parse_sitemap_raises_only_discovery_error(body: bytes) -> None:
    for data in (body, gzip.compress(body)):
        try:
            result = parse_sitemap(data, "https://x.eu/sitemap.xml")
        except DiscoveryError:
            continue
        assert all(e.url.startswith(("http://", "https://")) for e in result.entries)
        assert all(s.startswith(("http://", "https://")) for s in result.sitemaps)


@SETTINGS
@given(body=NOISY_BYTES)
def test_wp_parsers_raise_only_discovery_error(body: bytes) -> None:
    for parse in (parse_posts_page, parse_tribe_events):
        try:
            entries = parse(body, "https://x.eu/wp-json/wp/v2/posts")
        except DiscoveryError:
            continue
        assert all(e.url.startswith(("http://", "https://")) for e in entries)


@SETTINGS
@given(html=NOISY_HTML, url=PAGE_URLS)
def test_html_parsers_never_raise(html: str, url: str) -> None:
    parse_listing(html, url)
    find_sections(html, url)
    follow_candidates(html, url)
    autodiscover(html, url)
    api_root_from_html(html, url)
    detect_cms(html, url)


@SETTINGS
@given(html=NOISY_HTML, url=PAGE_URLS)
def test_pager_urls_are_absolute_unique_and_not_self(html: str, url: str) -> None:
    listing = parse_listing(html, url)
    pages = listing.next_pages + listing.calendar_pages
    keys = [url_key(p) for p in pages]
    assert len(keys) == len(set(keys))
    assert url_key(url) not in keys
    for page in pages:
        parts = urlsplit(page)
        assert parts.scheme in ("http", "https") and parts.netloc
        assert "#" not in page
    for entry in listing.entries:
        assert url_key(entry.url) != url_key(url)
        assert entry.url not in listing.next_pages
