"""WordPress REST API discovery: API root, page URLs, posts and Events Calendar parsing."""



from __future__ import annotations

import json
from datetime import datetime

import pytest

from clustercrawl.discovery import Channel, DiscoveryError
from clustercrawl.discovery.wordpress import (
    api_root_from_html,
    api_root_from_link_header,
    events_url,
    guess_api_roots,
    parse_posts_page,
    parse_tribe_events,
    posts_url,
    total_items,
    total_pages,
    tribe_next_url,
)

HOME = """<!DOCTYPE html><html lang="pl-PL"><head>
<meta charset="UTF-8">
<link rel='dns-prefetch' href='//fonts.googleapis.com' />
<link rel="alternate" type="application/rss+xml" title="Klaster &raquo; Kanał" href="https://klaster.pl/feed/" />
<link rel="https://api.w.org/" href="https://klaster.pl/wp-json/" />
<link rel="alternate" title="JSON" type="application/json" href="https://klaster.pl/wp-json/wp/v2/pages/12" />
<link rel="EditURI" type="application/rsd+xml" title="RSD" href="https://klaster.pl/xmlrpc.php?rsd" />
</head><body class="home page-template-default page page-id-12"></body></html>"""

POSTS = [
    {
        "id": 4711,
        "date": "2024-05-14T10:30:00",
        "date_gmt": "2024-05-14T08:30:00",
        "guid": {"rendered": "https://klaster.pl/?p=4711"},
        "modified": "2024-05-15T09:00:00",
        "modified_gmt": "2024-05-15T07:00:00",
        "slug": "konferencja-klastrow-2024",
        "status": "publish",
        "type": "post",
        "link": "https://klaster.pl/2024/05/14/konferencja-klastrow-2024/",
        "title": {"rendered": "Konferencja klastr\u00f3w &#8211; Bruksela 2024"},
        "content": {
            "rendered": "<p>W dniach 7-8 maja 2024 r. odby\u0142a si\u0119 konferencja.</p>\n",
            "protected": False,
        },
        "excerpt": {
            "rendered": "<p>W dniach 7-8 maja 2024 r. odby\u0142a si\u0119 konferencja "
            '&hellip; <a href="https://klaster.pl/2024/05/14/konferencja-klastrow-2024/" '
            'class="more-link">Czytaj dalej</a></p>\n',
            "protected": False,
        },
        "categories": [3, 1],
        "tags": [7],
        "lang": "pl",
        "wpml_translations": [
            {"locale": "en_US", "href": "https://klaster.pl/en/2024/05/14/cluster-conference/"}
        ],
        "_embedded": {
            "wp:term": [
                [
                    {"id": 3, "name": "Aktualno\u015bci", "taxonomy": "category"},
                    {"id": 1, "name": "Bez kategorii", "taxonomy": "category"},
                ],
                [{"id": 7, "name": "Klastry &amp; innowacje", "taxonomy": "post_tag"}],
            ]
        },
    },
    {
        "id": 4700,
        "date": "2024-04-02T12:00:00",
        "date_gmt": None,
        "guid": {"rendered": "https://klaster.pl/2024/04/02/nabor/"},
        "modified": "2024-04-02T12:00:00",
        "modified_gmt": "2024-04-02T10:00:00",
        "type": "post",
        "link": "https://klaster.pl/2024/04/02/nabor/",
        "title": {"rendered": "Nab\u00f3r do projektu"},
        "content": {"rendered": "", "protected": True},
        "excerpt": {"rendered": ""},
    },
    {"id": 1, "title": {"rendered": "no link: skipped"}},
]


def test_api_root_from_html_finds_link_tag() -> None:
    assert api_root_from_html(HOME, "https://klaster.pl/") == "https://klaster.pl/wp-json/"


def test_api_root_from_html_rest_route_and_relative() -> None:
    html = '<html><head><link rel="https://api.w.org/" href="/?rest_route=/"></head></html>'
    assert api_root_from_html(html, "https://ex.eu/de/") == "https://ex.eu/?rest_route=/"
    assert api_root_from_html("<html><head></head></html>", "https://ex.eu/") is None
    assert api_root_from_html("", "https://ex.eu/") is None


def test_api_root_from_link_header() -> None:
    value = (
        '<https://klaster.pl/wp-json/>; rel="https://api.w.org/", '
        '<https://klaster.pl/wp-json/wp/v2/pages/12>; rel="alternate"; type="application/json", '
        "<https://klaster.pl/>; rel=shortlink"
    )
    assert api_root_from_link_header(value, "https://klaster.pl/") == "https://klaster.pl/wp-json/"
    assert api_root_from_link_header("<https://x.eu/>; rel=shortlink", "https://x.eu/") is None
    assert api_root_from_link_header(None, "https://x.eu/") is None


def test_posts_url_pretty_and_rest_route_roots() -> None:
    assert posts_url("https://klaster.pl/wp-json/", 2) == (
        "https://klaster.pl/wp-json/wp/v2/posts?per_page=100&page=2&_embed=wp:term"
    )
    assert posts_url("https://klaster.pl/?rest_route=/", 1, per_page=20, embed_terms=False) == (
        "https://klaster.pl/?rest_route=/wp/v2/posts&per_page=20&page=1"
    )
    url = posts_url("https://klaster.pl/wp-json", 1, modified_after=datetime(2024, 1, 31, 12, 0, 0))
    assert "modified_after=2024-01-31T12:00:00" in url
    assert posts_url("https://x.eu/wp-json/", 1, post_type="tribe_events").startswith(
        "https://x.eu/wp-json/wp/v2/tribe_events?"
    )


def test_guess_api_roots() -> None:
    assert guess_api_roots("https://ex.eu/") == [
        "https://ex.eu/wp-json/",
        "https://ex.eu/?rest_route=/",
    ]
    roots = guess_api_roots("https://ex.eu/pl/")
    assert roots[0] == "https://ex.eu/pl/wp-json/"
    assert "https://ex.eu/wp-json/" in roots and "https://ex.eu/?rest_route=/" in roots


def test_parse_posts_page_maps_fields() -> None:
    page = "https://klaster.pl/wp-json/wp/v2/posts?per_page=100&page=1"
    entries = parse_posts_page(json.dumps(POSTS).encode(), page)
    assert len(entries) == 2
    first, second = entries
    assert first.channel is Channel.WP_API
    assert first.url == "https://klaster.pl/2024/05/14/konferencja-klastrow-2024/"
    assert first.source_url == page
    assert first.title == "Konferencja klastrów – Bruksela 2024"
    assert first.published == "2024-05-14T08:30:00Z"
    assert first.modified == "2024-05-15T07:00:00Z"
    assert first.alias_urls == ("https://klaster.pl/?p=4711",)
    assert first.summary == "W dniach 7-8 maja 2024 r. odbyła się konferencja"
    assert first.content_html is not None and "konferencja" in first.content_html
    assert first.topics == ("Aktualności", "Klastry & innowacje")
    assert first.language == "pl"
    assert first.extra["wp_id"] == 4711
    assert first.extra["translations"] == [
        {"language": "en", "url": "https://klaster.pl/en/2024/05/14/cluster-conference/"}
    ]
    # no date_gmt: the local date without offset; guid equal to link: no alias
    assert second.published == "2024-04-02T12:00:00"
    assert second.alias_urls == ()
    assert second.content_html is None  # password-protected
    assert second.summary is None


def test_parse_posts_page_tolerates_bom_and_php_notice() -> None:
    body = b"\xef\xbb\xbf<br />\n<b>Deprecated</b>: x in [core] on line 3<br />\n" + json.dumps(
        POSTS[:1]
    ).encode("utf-8")
    assert len(parse_posts_page(body, "https://klaster.pl/wp-json/wp/v2/posts")) == 1


def test_parse_posts_page_end_and_errors() -> None:
    past_end = {
        "code": "rest_post_invalid_page_number",
        "message": "The page number requested is larger than the number of pages available.",
        "data": {"status": 400},
    }
    assert parse_posts_page(json.dumps(past_end), "https://x.eu/wp-json/wp/v2/posts?page=9") == []
    assert parse_posts_page("[]", "https://x.eu/wp-json/wp/v2/posts") == []
    disabled = {"code": "rest_disabled", "message": "REST API disabled", "data": {"status": 401}}
    with pytest.raises(DiscoveryError, match="rest_disabled"):
        parse_posts_page(json.dumps(disabled), "https://x.eu/wp-json/wp/v2/posts")
    with pytest.raises(DiscoveryError) as info:
        parse_posts_page("<!DOCTYPE html><html><body>Home</body></html>", "https://x.eu/a")
    assert info.value.url == "https://x.eu/a"
    with pytest.raises(DiscoveryError):
        parse_posts_page('{"namespace": "wp/v2"}', "https://x.eu/wp-json/")


def test_total_pages_and_items() -> None:
    assert total_pages({"X-WP-Total": "233", "X-WP-TotalPages": "3"}) == 3
    assert total_pages({b"x-wp-totalpages": [b"12"]}) == 12
    assert total_pages({"Content-Type": "application/json"}) is None
    assert total_pages({"X-WP-TotalPages": "many"}) is None
    assert total_items({"x-wp-total": "233"}) == 233


TRIBE = {
    "events": [
        {
            "id": 9001,
            "date": "2025-03-01 09:15:00",
            "date_utc": "2025-03-01 08:15:00",
            "modified": "2025-03-05 10:00:00",
            "modified_utc": "2025-03-05 09:00:00",
            "url": "https://klaster.pl/event/forum-wodorowe-2025/",
            "title": "Forum Wodorowe &#8211; edycja 2025",
            "description": "<p>Zapraszamy na forum.</p>",
            "excerpt": "<p>Zapraszamy na forum.</p>",
            "all_day": False,
            "start_date": "2025-06-12 09:00:00",
            "end_date": "2025-06-13 17:00:00",
            "utc_start_date": "2025-06-12 07:00:00",
            "utc_end_date": "2025-06-13 15:00:00",
            "timezone": "Europe/Warsaw",
            "website": "https://forum-wodorowe.pl/rejestracja",
            "venue": {"id": 5, "venue": "EXPO Kraków", "city": "Kraków", "country": "Polska"},
            "categories": [{"name": "Konferencje"}],
            "tags": [{"name": "wodór"}],
        },
        {
            "id": 9002,
            "url": "https://klaster.pl/event/webinar/",
            "title": "Webinar",
            "all_day": True,
            "start_date": "2025-07-01 00:00:00",
            "end_date": "2025-07-01 23:59:59",
            "utc_start_date": "2025-06-30 22:00:00",
            "utc_end_date": "2025-07-01 21:59:59",
            "timezone": "Europe/Warsaw",
            "venue": [],
        },
    ],
    "rest_url": "https://klaster.pl/wp-json/tribe/events/v1/events?page=1",
    "next_rest_url": "https://klaster.pl/wp-json/tribe/events/v1/events?page=2",
    "total": 62,
    "total_pages": 2,
}


def test_events_url() -> None:
    assert events_url("https://klaster.pl/wp-json/", 2) == (
        "https://klaster.pl/wp-json/tribe/events/v1/events?page=2&per_page=50&start_date=2000-01-01"
    )
    assert events_url("https://klaster.pl/?rest_route=/", 1, start_date=None) == (
        "https://klaster.pl/?rest_route=/tribe/events/v1/events&page=1&per_page=50"
    )


def test_parse_tribe_events() -> None:
    url = "https://klaster.pl/wp-json/tribe/events/v1/events?page=1"
    first, second = parse_tribe_events(json.dumps(TRIBE), url)
    assert first.url == "https://klaster.pl/event/forum-wodorowe-2025/"
    assert first.title == "Forum Wodorowe – edycja 2025"
    assert first.published == "2025-03-01T08:15:00Z"
    assert first.topics == ("Konferencje", "wodór")
    assert first.extra["event"] == {
        "start": "2025-06-12T09:00:00+02:00",
        "end": "2025-06-13T17:00:00+02:00",
        "all_day": False,
        "timezone": "Europe/Warsaw",
        "venue": "EXPO Kraków",
        "city": "Kraków",
        "country": "Polska",
        "url": "https://forum-wodorowe.pl/rejestracja",
    }
    event = second.extra["event"]
    assert isinstance(event, dict)
    assert event["start"] == "2025-07-01" and event["all_day"] is True
    assert event["venue"] is None
    assert tribe_next_url(json.dumps(TRIBE)) == TRIBE["next_rest_url"]
    assert tribe_next_url("oops") is None


def test_parse_tribe_events_errors() -> None:
    with pytest.raises(DiscoveryError):
        parse_tribe_events("[1, 2]", "https://x.eu/wp-json/tribe/events/v1/events")
    assert parse_tribe_events('{"rest_url": "x", "total": 0}', "https://x.eu/e") == []


def test_index_and_include_urls() -> None:
    from clustercrawl.discovery.wordpress import include_url, index_url

    assert index_url("https://klaster.pl/wp-json/", 2, per_page=20) == (
        "https://klaster.pl/wp-json/wp/v2/posts?per_page=20&page=2&orderby=modified"
        "&order=desc&_fields=id,modified_gmt,link")
    assert index_url("https://klaster.pl/?rest_route=/", 1).startswith(
        "https://klaster.pl/?rest_route=/wp/v2/posts&per_page=20&page=1&orderby=modified")
    url = include_url("https://klaster.pl/wp-json/", [7, 3, 12])
    assert url == ("https://klaster.pl/wp-json/wp/v2/posts?include=7,3,12&per_page=3"
                   "&orderby=include&_embed=wp:term")
    assert "per_page=100" in include_url("https://x.eu/wp-json/", list(range(1, 250)))
