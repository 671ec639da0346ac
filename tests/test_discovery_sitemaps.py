"""Sitemaps: robots.txt lines, defaults, index/urlset/news/gzip parsing, filtering, XML bombs."""



from __future__ import annotations

import gzip
import time

import pytest

from clustercrawl.discovery import Channel, DiscoveryError
from clustercrawl.discovery.sitemaps import (
    MAX_SITEMAP_BYTES,
    default_sitemap_urls,
    is_post_sitemap,
    parse_sitemap,
    sitemaps_from_robots,
)

ROBOTS = """# robots.txt for cluster.de
User-agent: *
Disallow: /wp-admin/
Allow: /wp-admin/admin-ajax.php

Sitemap: https://cluster.de/sitemap_index.xml
sitemap: /news-sitemap.xml
SITEMAP:   https://cluster.de/sitemap_index.xml
Sitemap: ftp://cluster.de/old.xml
"""


def test_sitemaps_from_robots() -> None:
    assert sitemaps_from_robots(ROBOTS, "https://cluster.de/robots.txt") == [
        "https://cluster.de/sitemap_index.xml",
        "https://cluster.de/news-sitemap.xml",
    ]
    assert sitemaps_from_robots(ROBOTS.encode(), "https://cluster.de/robots.txt")[0] == (
        "https://cluster.de/sitemap_index.xml"
    )
    assert sitemaps_from_robots("User-agent: *\nDisallow:", "https://x.eu/robots.txt") == []


def test_default_sitemap_urls() -> None:
    assert default_sitemap_urls("https://cluster.de/de/start") == [
        "https://cluster.de/wp-sitemap.xml",
        "https://cluster.de/sitemap_index.xml",
        "https://cluster.de/sitemap.xml",
    ]
    assert "https://cluster.de/?type=1533906435" in default_sitemap_urls(
        "https://cluster.de/", cms="typo3"
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.pl/wp-sitemap-posts-post-1.xml", True),
        ("https://x.pl/wp-sitemap-posts-tribe_events-1.xml", True),
        ("https://x.pl/wp-sitemap-posts-page-1.xml", False),
        ("https://x.pl/wp-sitemap-taxonomies-category-1.xml", False),
        ("https://x.pl/wp-sitemap-users-1.xml", False),
        ("https://x.pl/post-sitemap.xml", True),
        ("https://x.pl/post-sitemap2.xml", True),
        ("https://x.pl/page-sitemap.xml", False),
        ("https://x.pl/category-sitemap.xml", False),
        ("https://x.pl/post_tag-sitemap.xml", False),
        ("https://x.pl/author-sitemap.xml", False),
        ("https://x.de/sitemap.xml?sitemap=pages&cHash=abc", False),
        ("https://x.de/sitemap.xml?sitemap=news&cHash=abc", True),
        ("https://x.de/?type=1533906435&sitemap=pages", False),
        ("https://x.de/sitemap.xml", True),
    ],
)
def test_is_post_sitemap(url: str, expected: bool) -> None:
    assert is_post_sitemap(url) is expected


INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="//cluster.de/main-sitemap.xsl"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://cluster.de/post-sitemap.xml</loc><lastmod>2024-06-01T10:00:00+00:00</lastmod></sitemap>
  <sitemap><loc>https://cluster.de/post-sitemap2.xml</loc></sitemap>
  <sitemap><loc>https://cluster.de/page-sitemap.xml</loc><lastmod>2024-01-01</lastmod></sitemap>
  <sitemap><loc>https://cluster.de/category-sitemap.xml</loc></sitemap>
  <sitemap><loc>https://cluster.de/tribe_events-sitemap.xml</loc></sitemap>
  <sitemap><loc>https://cluster.de/post-sitemap.xml</loc></sitemap>
</sitemapindex>"""


def test_parse_sitemap_index() -> None:
    result = parse_sitemap(INDEX, "https://cluster.de/sitemap_index.xml")
    assert result.entries == []
    assert result.sitemaps == [
        "https://cluster.de/post-sitemap.xml",
        "https://cluster.de/post-sitemap2.xml",
        "https://cluster.de/tribe_events-sitemap.xml",
    ]
    assert result.sitemap_lastmod == {"https://cluster.de/post-sitemap.xml": "2024-06-01T10:00:00Z"}
    assert result.skipped_sitemaps == [
        "https://cluster.de/page-sitemap.xml",
        "https://cluster.de/category-sitemap.xml",
    ]


URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:xhtml="http://www.w3.org/1999/xhtml"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc>https://cluster.de/</loc><lastmod>2024-06-01T10:00:00+02:00</lastmod></url>
  <url>
    <loc>https://cluster.de/aktuelles/wasserstoff-tag-2024/</loc>
    <lastmod>2024-06-02T09:00:00+02:00</lastmod>
    <xhtml:link rel="alternate" hreflang="de" href="https://cluster.de/aktuelles/wasserstoff-tag-2024/"/>
    <xhtml:link rel="alternate" hreflang="en" href="https://cluster.de/en/news/hydrogen-day-2024/"/>
    <image:image><image:loc>https://cluster.de/wp-content/uploads/h2.jpg</image:loc></image:image>
  </url>
  <url><loc> https://cluster.de/2019/03/alter-beitrag/ </loc><lastmod>2019-03-04 08:00</lastmod></url>
  <url><loc>https://cluster.de/category/aktuelles/</loc></url>
  <url><loc>https://cluster.de/aktuelles/page/2/</loc></url>
  <url><loc>https://cluster.de/author/admin/</loc></url>
  <url><loc>https://cluster.de/wp-content/uploads/2024/flyer.pdf</loc></url>
  <url><loc>https://other-site.eu/somewhere/</loc></url>
  <url><lastmod>2024-01-01</lastmod></url>
  <url><loc>https://cluster.de/2019/03/alter-beitrag/</loc></url>
</urlset>"""


def test_parse_urlset_filters_and_maps() -> None:
    result = parse_sitemap(URLSET, "https://cluster.de/post-sitemap.xml")
    assert result.sitemaps == []
    assert [e.url for e in result.entries] == [
        "https://cluster.de/aktuelles/wasserstoff-tag-2024/",
        "https://cluster.de/2019/03/alter-beitrag/",
    ]
    first, second = result.entries
    assert first.channel is Channel.SITEMAP
    assert first.source_url == "https://cluster.de/post-sitemap.xml"
    assert first.modified == "2024-06-02T09:00:00+02:00"
    assert first.language == "de"
    assert first.extra["translations"] == [
        {"language": "en", "url": "https://cluster.de/en/news/hydrogen-day-2024/"}
    ]
    assert second.modified == "2019-03-04T08:00:00"
    unfiltered = parse_sitemap(URLSET, "https://cluster.de/s.xml", filter_entries=False)
    assert len(unfiltered.entries) == 8


NEWS = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://klaster.pl/aktualnosci/forum-2024/</loc>
    <news:news>
      <news:publication><news:name>Klaster</news:name><news:language>pl</news:language></news:publication>
      <news:publication_date>2024-05-14T08:30:00+02:00</news:publication_date>
      <news:title>Forum klastrów 2024</news:title>
    </news:news>
  </url>
</urlset>""".encode()


def test_parse_news_sitemap() -> None:
    (entry,) = parse_sitemap(NEWS, "https://klaster.pl/news-sitemap.xml").entries
    assert entry.published == "2024-05-14T08:30:00+02:00"
    assert entry.title == "Forum klastrów 2024"
    assert entry.language == "pl"


def test_parse_gzip_sitemap() -> None:
    result = parse_sitemap(gzip.compress(URLSET), "https://cluster.de/sitemap.xml.gz")
    assert len(result.entries) == 2


def test_gzip_bomb_is_refused() -> None:
    body = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    bomb = gzip.compress(body + b" " * (MAX_SITEMAP_BYTES + 1024), compresslevel=9)
    assert len(bomb) < 1_000_000
    with pytest.raises(DiscoveryError, match="gzip"):
        parse_sitemap(bomb, "https://x.eu/sitemap.xml.gz")


def test_truncated_gzip_gives_what_was_read() -> None:
    whole = gzip.compress(URLSET)
    with pytest.raises(DiscoveryError):
        parse_sitemap(whole[:5], "https://cluster.de/sitemap.xml.gz")


def test_billion_laughs_sitemap_is_not_expanded() -> None:
    lol = b'<!ENTITY lol "lollollollollollollollollollol">'
    levels = b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE urlset [' + lol + levels + b"]>\n"
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://x.eu/post/&lol9;</loc></url>"
        b"<url><loc>https://x.eu/2024/01/real-post/</loc></url></urlset>"
    )
    start = time.monotonic()
    result = parse_sitemap(bomb, "https://x.eu/sitemap.xml")
    assert time.monotonic() - start < 2
    urls = [e.url for e in result.entries]
    assert all(len(u) < 500 for u in urls)
    assert "https://x.eu/2024/01/real-post/" in urls


def test_external_entity_is_not_fetched(tmp_path: object) -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://x.eu/a&x;</loc></url></urlset>"
    )
    result = parse_sitemap(xxe, "https://x.eu/sitemap.xml")
    assert all("root:" not in e.url for e in result.entries)


def test_text_sitemap_and_errors() -> None:
    text = b"https://x.eu/2024/01/a/\nhttps://x.eu/2024/02/b/\n\nnot a url\n"
    assert [e.url for e in parse_sitemap(text, "https://x.eu/sitemap.txt").entries] == [
        "https://x.eu/2024/01/a/",
        "https://x.eu/2024/02/b/",
    ]
    with pytest.raises(DiscoveryError, match="no sitemap"):
        parse_sitemap(b"<html><body>Not found</body></html>", "https://x.eu/sitemap.xml")
    with pytest.raises(DiscoveryError):
        parse_sitemap(b"", "https://x.eu/sitemap.xml")
    with pytest.raises(DiscoveryError):
        parse_sitemap(b"{}", "https://x.eu/sitemap.xml")


def test_truncated_xml_keeps_entries_read() -> None:
    cut = URLSET[: URLSET.index(b"<url><loc>https://cluster.de/category")]
    result = parse_sitemap(cut, "https://cluster.de/post-sitemap.xml")
    assert len(result.entries) == 2


def test_generic_sitemap_drops_standing_pages() -> None:
    body = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://x.localhost:8377/?page_id=2</loc></url>
<url><loc>http://x.localhost:8377/?p=48</loc></url>
<url><loc>http://x.localhost:8377/adherents</loc></url>
<url><loc>http://x.localhost:8377/actualites/salon-des-materiaux-2024</loc></url>
</urlset>"""
    result = parse_sitemap(body, "http://x.localhost:8377/sitemap.xml")
    assert [e.url for e in result.entries] == [
        "http://x.localhost:8377/?p=48",
        "http://x.localhost:8377/actualites/salon-des-materiaux-2024",
    ]


def test_wordpress_core_sitemap_with_plain_permalinks() -> None:
    from clustercrawl.discovery.sitemaps import default_sitemap_urls, is_post_sitemap

    assert "https://k.example/?sitemap=index" in default_sitemap_urls("https://k.example/",
                                                                     "wordpress")
    assert is_post_sitemap("https://k.example/?sitemap=posts&sitemap-subtype=post&paged=1")
    for other in ("?sitemap=posts&sitemap-subtype=page&paged=1",
                  "?sitemap=taxonomies&sitemap-subtype=category&paged=1",
                  "?sitemap=users&paged=1"):
        assert not is_post_sitemap("https://k.example/" + other), other
