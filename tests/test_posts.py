"""Item assembly and the merging of copies of one post (no reactor needed)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.posts import (
    build_item,
    content_hash,
    merge_copies,
    normalize_text,
    page_from_entry,
)
from clustercrawl.registry import Site
from clustercrawl.schema import validation_errors

SITE = Site(
    id="pl-test",
    name="Klaster Testowy",
    country="PL",
    languages=("pl",),
    homepage="https://klaster.example/",
    timezone="Europe/Warsaw",
)


def extracted(
    url: str, title: str = "Tytuł", body: str = "Treść wpisu.", **kw: Any
) -> dict[str, Any]:
    base: dict[str, Any] = {
        "url": url,
        "alias_urls": [],
        "translations": [],
        "is_post": True,
        "title": title,
        "language": "pl",
        "published": {"value": "2014-10-24", "source": "meta", "precision": "day"},
        "modified": None,
        "summary": None,
        "body_text": body,
        "post_type": "news",
        "event": None,
        "topics": [],
        "images": [],
        "attachments": [],
        "videos": [],
        "links_out": [],
        "warnings": [],
    }
    base.update(kw)
    return base


def item(
    url: str, channel: Channel = Channel.LISTING, fetched: str | None = None, **kw: Any
) -> Any:
    return build_item(
        extracted(url, **kw),
        SITE,
        channel=channel,
        channels=[channel],
        fetched_url=fetched or url,
        http_status=200,
        fetched_at="2026-11-26T18:00:00Z",
    )


def test_normalize_text_collapses_spaces_and_blank_lines() -> None:
    assert normalize_text("  a \u00a0 b\r\n\r\n\r\n c\x07 ") == "a b\n\nc"


def test_content_hash_ignores_case_and_spacing_only() -> None:
    assert content_hash("Tytuł", "Ala  ma\nkota") == content_hash("tytuł", "Ala ma\nkota")
    assert content_hash("Tytuł", "Ala ma kota") != content_hash("Tytuł", "Ala ma psa")


def test_built_item_is_valid_and_keyed_by_canonical_url() -> None:
    it = item(
        "https://klaster.example/2014/10/24/post/?utm_source=x",
        fetched="https://klaster.example/?p=7",
    )
    assert it.url == "https://klaster.example/2014/10/24/post/"
    assert "https://klaster.example/?p=7" in it.alias_urls
    assert validation_errors(asdict(it)) == []
    again = item("https://klaster.example/2014/10/24/post/")
    assert it.id == again.id


def test_merge_copies_by_url_and_by_content() -> None:
    a = item("https://klaster.example/a/", channel=Channel.FEED)
    a_print = item("https://klaster.example/a/?print=1", channel=Channel.LISTING)
    b = item("https://klaster.example/b/", title="Inny", body="Inna treść.")
    b_copy = item("https://klaster.example/index.php?id=2", title="Inny", body="Inna  treść.")
    merged = merge_copies([b_copy, a_print, b, a])
    assert len(merged) == 2
    first = next(m for m in merged if m.title == "Tytuł")
    assert first.crawl["channel"] == "feed"
    assert first.crawl["channels"] == ["feed", "listing"]
    second = next(m for m in merged if m.title == "Inny")
    assert {second.url, *second.alias_urls} >= {
        "https://klaster.example/b/",
        "https://klaster.example/index.php?id=2",
    }


def test_merge_is_independent_of_input_order() -> None:
    items = [item(f"https://klaster.example/{n}/", title=f"T{n}", body=f"B{n}") for n in range(5)]
    one = [m.url for m in merge_copies(items)]
    two = [m.url for m in merge_copies(list(reversed(items)))]
    assert one == two


def test_page_from_entry_carries_title_and_content() -> None:
    e = Entry(
        url="https://klaster.example/x/",
        channel=Channel.WP_API,
        title="A & B",
        content_html="<p>Hello</p>",
        language="pl",
    )
    page = page_from_entry(e)
    assert "<h1>A &amp; B</h1>" in page and "<p>Hello</p>" in page and 'lang="pl"' in page
