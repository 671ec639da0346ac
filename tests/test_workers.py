"""The extraction workers: what the reactor hands them comes back as it would inline.

Real worker processes (spawned, as in a crawl); pages written here for the purpose.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from clustercrawl.discovery import feeds, listings
from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.discovery.errors import DiscoveryError
from clustercrawl.registry import Site
from clustercrawl.workers import ExtractionRunner, ItemJob, WorkerError

SITE = Site(id="pl-w", name="Klaster Testowy", country="PL", languages=("pl",),
            homepage="http://klaster-w.localhost/", timezone="Europe/Warsaw")
POST_URL = "http://klaster-w.localhost/aktualnosci/walne-zebranie/?utm_source=x"
POST = """<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8">
<title>Walne zebranie członków klastra</title>
<meta property="article:published_time" content="2025-03-04T10:00:00+01:00"></head>
<body><nav><a href="/">Start</a></nav><article><h1>Walne zebranie członków klastra</h1>
<p>Członkowie klastra spotkali się w Gdańsku, aby omówić plan działań na kolejny rok.</p>
<p>Omówiono wspólne projekty badawcze, szkolenia dla firm oraz udział w targach.</p>
</article></body></html>"""
LISTING_URL = "http://klaster-w.localhost/aktualnosci/"
LISTING = """<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>Aktualności</title>
</head><body><main><h1>Aktualności</h1>""" + "".join(
    f'<div class="post"><h2><a href="/aktualnosci/wpis-{i}/">Wpis numer {i} o klastrze</a></h2>'
    f"<span>{i:02d}.02.2025</span><p>Krótki opis wpisu {i} dla członków.</p></div>"
    for i in range(1, 7)
) + '<div class="pager"><a href="/aktualnosci/page/2/">2</a></div></main></body></html>'


class OddError(Exception):
    """An exception that cannot be unpickled (its __init__ wants two arguments)."""

    def __init__(self, a: str, b: str) -> None:
        super().__init__(f"{a}/{b}")


def raise_odd(text: str) -> None:
    raise OddError(text, "odd")


def job(url: str = POST_URL) -> ItemJob:
    return ItemJob(url=url, site=SITE, hints=Entry(url=url, channel=Channel.LISTING),
                   channel=Channel.LISTING, channels=["listing"], fetched_url=url,
                   http_status=200, fetched_at="2026-12-05T12:00:00Z", aliases=[url],
                   listed_as_post=False)


def both(call: Any) -> tuple[Any, Any]:
    """The same call inline (0 processes) and in one worker process."""

    async def go(processes: int) -> Any:
        runner = ExtractionRunner(processes)
        try:
            return await call(runner)
        finally:
            runner.close()

    return asyncio.run(go(0)), asyncio.run(go(1))


def test_an_item_built_in_a_worker_equals_the_inline_one() -> None:
    inline, worker = both(lambda r: r.extract_item(POST, job()))
    assert worker.item is not None and worker.item == inline.item
    item = worker.item
    assert item.url == "http://klaster-w.localhost/aktualnosci/walne-zebranie/"
    assert item.title == "Walne zebranie członków klastra"
    assert item.published["value"].startswith("2025-03-04")
    assert len(item.crawl["content_hash"]) == 32 and item.site_id == "pl-w"


def test_a_page_without_a_title_comes_back_as_such() -> None:
    empty = "<html><body><div>  </div></body></html>"
    inline, worker = both(lambda r: r.extract_item(empty, job()))
    assert worker.item is None and inline.item is None
    assert (worker.not_post or worker.no_title) and (worker.not_post, worker.no_title) == (
        inline.not_post, inline.no_title)


def test_a_listing_parsed_in_a_worker_equals_the_inline_parse() -> None:
    inline, worker = both(lambda r: r.run(listings.parse_listing, LISTING, LISTING_URL))
    assert len(worker.entries) == 6
    assert worker == inline
    assert worker.next_pages == ["http://klaster-w.localhost/aktualnosci/page/2/"]


def test_errors_come_back_for_their_call_and_the_pool_goes_on() -> None:
    async def go() -> None:
        runner = ExtractionRunner(1)
        try:
            with pytest.raises(DiscoveryError) as info:
                await runner.run(feeds.parse_feed, b"<html><body>a page</body></html>",
                                 "http://klaster-w.localhost/feed/")
            assert info.value.url == "http://klaster-w.localhost/feed/"
            with pytest.raises(WorkerError, match="OddError: x/odd"):
                await runner.run(raise_odd, "x")
            pool = runner._pool
            listing = await runner.run(listings.parse_listing, LISTING, LISTING_URL)
            assert len(listing.entries) == 6 and runner._pool is pool  # never restarted
        finally:
            runner.close()

    asyncio.run(go())
