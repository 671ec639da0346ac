"""Feed autodiscovery, URL guesses and parsing (RSS 2.0, Atom, RSS 1.0, JSON Feed, damaged)."""



from __future__ import annotations

import json
import time

import pytest

from clustercrawl.discovery import Channel, DiscoveryError
from clustercrawl.discovery.feeds import autodiscover, guess_feed_urls, parse_feed

WP_HEAD = """<html><head>
<link rel="alternate" type="application/rss+xml" title="Cluster &raquo; Feed" href="https://cluster.de/feed/" />
<link rel="alternate" type="application/rss+xml" title="Cluster &raquo; Kommentar-Feed" href="https://cluster.de/comments/feed/" />
<link rel="alternate" type="application/rss+xml" href="/category/aktuelles/feed/" />
<link rel="alternate" type="application/atom+xml" href="https://cluster.de/feed/atom/" />
<link rel="alternate" type="application/feed+json" href="/feed/json" />
<link rel="alternate" type="application/json" href="https://cluster.de/wp-json/wp/v2/pages/2" />
<link rel="alternate" type="application/json+oembed" href="https://cluster.de/wp-json/oembed/1.0/embed?url=x" />
<link rel="alternate" hreflang="en" href="https://cluster.de/en/" />
<link rel="alternate" type="application/rss+xml" href="https://cluster.de/feed/" />
</head><body></body></html>"""


def test_autodiscover_wordpress_head() -> None:
    assert autodiscover(WP_HEAD, "https://cluster.de/") == [
        "https://cluster.de/feed/",
        "https://cluster.de/category/aktuelles/feed/",
        "https://cluster.de/feed/atom/",
        "https://cluster.de/feed/json",
    ]


def test_autodiscover_anchor_fallback_and_nothing() -> None:
    html = '<html><body><a href="/index.php?format=feed&amp;type=rss"><img alt="RSS"></a></body></html>'
    assert autodiscover(html, "https://klastr.cz/") == [
        "https://klastr.cz/index.php?format=feed&type=rss"
    ]
    assert autodiscover("<html><body><a href='/kontakt'>x</a></body></html>", "https://a.cz/") == []
    assert autodiscover("", "https://a.cz/") == []


def test_guess_feed_urls_per_cms() -> None:
    wp = guess_feed_urls("https://cluster.de/", "wordpress")
    assert wp[:2] == ["https://cluster.de/feed/", "https://cluster.de/?feed=rss2"]
    joomla = guess_feed_urls("https://klaster.pl/index.php/pl/", "joomla")
    assert joomla[0] == "https://klaster.pl/index.php/pl/?format=feed&type=rss"
    assert "https://cluster.de/?type=9818" in guess_feed_urls("https://cluster.de/", "typo3")
    assert guess_feed_urls("https://cluster.fr/", "drupal")[0] == "https://cluster.fr/rss.xml"
    generic = guess_feed_urls("https://cluster.fr/", None)
    assert "https://cluster.fr/feed" in generic and "https://cluster.fr/rss" in generic
    assert len(generic) == len(set(generic))


RSS2 = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Klaster Energii</title><link>https://klaster.pl</link>
  <atom:link href="https://klaster.pl/feed/" rel="self" type="application/rss+xml" />
  <language>pl-PL</language>
  <item>
    <title>Konferencja &#8211; Klastry 2024</title>
    <link>https://klaster.pl/2024/05/konferencja/</link>
    <dc:creator><![CDATA[admin]]></dc:creator>
    <pubDate>Tue, 14 May 2024 08:30:00 +0200</pubDate>
    <category><![CDATA[Aktualności]]></category>
    <category><![CDATA[Bez kategorii]]></category>
    <guid isPermaLink="false">https://klaster.pl/?p=123</guid>
    <description><![CDATA[<p>Zapraszamy na konferencję&#8230;</p> [&hellip;]]]></description>
    <content:encoded><![CDATA[<p>Pełna treść <img src="/wp-content/uploads/a.jpg"></p>]]></content:encoded>
  </item>
  <item>
    <title>Nabór wniosków</title>
    <link>/2024/04/nabor/</link>
    <pubDate>Mon, 01 Apr 2024 10:00:00 GMT</pubDate>
    <guid isPermaLink="true">https://klaster.pl/2024/04/nabor/</guid>
  </item>
</channel></rss>""".encode()


def test_parse_rss2() -> None:
    first, second = parse_feed(RSS2, "https://klaster.pl/feed/")
    assert first.channel is Channel.FEED
    assert first.url == "https://klaster.pl/2024/05/konferencja/"
    assert first.title == "Konferencja – Klastry 2024"
    assert first.published == "2024-05-14T08:30:00+02:00"
    assert first.topics == ("Aktualności",)
    assert first.alias_urls == ("https://klaster.pl/?p=123",)
    assert first.summary == "Zapraszamy na konferencję…"
    assert first.content_html is not None
    assert 'src="https://klaster.pl/wp-content/uploads/a.jpg"' in first.content_html
    assert first.language == "pl"
    assert second.url == "https://klaster.pl/2024/04/nabor/"
    assert second.published == "2024-04-01T10:00:00Z"
    assert second.alias_urls == ()


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
  <title>Cluster Aktuelles</title>
  <link href="https://cluster.de/"/>
  <updated>2024-06-02T09:00:00+02:00</updated>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <entry>
    <title type="html">Wasserstoff &amp;lt;Tag&amp;gt; 2024</title>
    <link rel="alternate" href="https://cluster.de/aktuelles/wasserstoff-tag-2024"/>
    <id>tag:cluster.de,2024:/aktuelles/123</id>
    <published>2024-06-01T14:00:00+02:00</published>
    <updated>2024-06-02T09:00:00+02:00</updated>
    <category term="Veranstaltungen"/>
    <summary>Kurzfassung des Beitrags.</summary>
    <content type="html">&lt;p&gt;Der Volltext.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Nur aktualisiert</title>
    <link href="https://cluster.de/aktuelles/nur-aktualisiert"/>
    <id>https://cluster.de/?p=77</id>
    <updated>2024-05-01T08:00:00Z</updated>
  </entry>
</feed>"""


def test_parse_atom() -> None:
    first, second = parse_feed(ATOM, "https://cluster.de/feed/atom/")
    assert first.url == "https://cluster.de/aktuelles/wasserstoff-tag-2024"
    assert first.title == "Wasserstoff <Tag> 2024"
    assert first.published == "2024-06-01T14:00:00+02:00"
    assert first.modified == "2024-06-02T09:00:00+02:00"
    assert first.content_html == "<p>Der Volltext.</p>"
    assert first.summary == "Kurzfassung des Beitrags."
    assert first.topics == ("Veranstaltungen",)
    assert first.alias_urls == ()  # a tag: id is no URL
    assert first.language == "de"
    assert second.published == "2024-05-01T08:00:00Z"
    assert second.extra == {"published_from": "updated"}
    assert second.alias_urls == ("https://cluster.de/?p=77",)


RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://klastr.cz/rss"><title>Klastr</title><link>https://klastr.cz/</link></channel>
  <item rdf:about="https://klastr.cz/novinky/vyzva-2023">
    <title>V\xc3\xbdzva 2023</title>
    <link>https://klastr.cz/novinky/vyzva-2023</link>
    <dc:date>2023-02-19T10:00:00+01:00</dc:date>
    <description>Nov\xc3\xa1 v\xc3\xbdzva.</description>
  </item>
</rdf:RDF>"""


def test_parse_rss1() -> None:
    (entry,) = parse_feed(RSS1, "https://klastr.cz/rss")
    assert entry.url == "https://klastr.cz/novinky/vyzva-2023"
    assert entry.title == "Výzva 2023"
    assert entry.published == "2023-02-19T10:00:00+01:00"
    assert entry.summary == "Nová výzva."


def test_parse_json_feed() -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Cluster",
        "home_page_url": "https://cluster.fr/",
        "language": "fr-FR",
        "items": [
            {
                "id": "https://cluster.fr/?p=5",
                "url": "https://cluster.fr/actualites/salon-2024/",
                "title": "Salon 2024",
                "content_html": "<p>Le salon.</p>",
                "summary": "Le salon en bref.",
                "date_published": "2024-03-05T10:00:00+01:00",
                "date_modified": "2024-03-06T10:00:00+01:00",
                "tags": ["Événements", "Non classé"],
            },
            {"id": "2", "url": "/actualites/relatif/", "title": "Relatif"},
            {"id": "3", "title": "no url"},
        ],
    }
    first, second = parse_feed(json.dumps(feed).encode(), "https://cluster.fr/feed/json")
    assert first.url == "https://cluster.fr/actualites/salon-2024/"
    assert first.published == "2024-03-05T10:00:00+01:00"
    assert first.modified == "2024-03-06T10:00:00+01:00"
    assert first.content_html == "<p>Le salon.</p>"
    assert first.summary == "Le salon en bref."
    assert first.topics == ("Événements",)
    assert first.alias_urls == ("https://cluster.fr/?p=5",)
    assert first.language == "fr"
    assert second.url == "https://cluster.fr/actualites/relatif/"


MALFORMED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Klaster & Co</title>
<item><title>Pierwszy & jedyny</title><link>https://klaster.pl/a/</link>
<pubDate>not a date</pubDate></item>
<item><title>Drugi<link>https://klaster.pl/b/</link></item>
<item><title>Trzeci</title><link>https://klaster.pl/c/</link>"""


def test_parse_malformed_feed_returns_what_it_can() -> None:
    entries = parse_feed(MALFORMED, "https://klaster.pl/feed/")
    assert [e.url for e in entries] == [
        "https://klaster.pl/a/",
        "https://klaster.pl/b/",
        "https://klaster.pl/c/",
    ]
    assert entries[0].title == "Pierwszy & jedyny"
    assert entries[0].published is None
    assert entries[2].title == "Trzeci"


def test_parse_feed_errors() -> None:
    with pytest.raises(DiscoveryError, match="HTML page"):
        parse_feed(b"<!DOCTYPE html><html><body>404</body></html>", "https://x.eu/feed/")
    with pytest.raises(DiscoveryError):
        parse_feed(b"", "https://x.eu/feed/")
    with pytest.raises(DiscoveryError):
        parse_feed(b'{"posts": 1}', "https://x.eu/feed.json")
    with pytest.raises(DiscoveryError) as info:
        parse_feed(b"\x00\x01garbage", "https://x.eu/rss")
    assert info.value.url == "https://x.eu/rss"
    # a valid feed without items is empty, not an error
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
    assert parse_feed(empty, "https://x.eu/feed/") == []


def test_parse_feed_does_not_read_local_files() -> None:
    with pytest.raises(DiscoveryError):
        parse_feed(b"/etc/hostname", "https://x.eu/feed/")


def test_billion_laughs_feed_is_harmless() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8)
        )
        + b']><rss version="2.0"><channel><item><title>&i;</title>'
        b"<link>https://x.eu/a</link></item></channel></rss>"
    )
    start = time.monotonic()
    try:
        entries = parse_feed(bomb, "https://x.eu/feed/")
    except DiscoveryError:
        entries = []
    assert time.monotonic() - start < 5
    assert all(len(e.title or "") < 10_000 for e in entries)
