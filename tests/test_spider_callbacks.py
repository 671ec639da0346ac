"""Each callback of the ``clusters`` spider, driven with fake responses (no reactor, no server).

The whole-crawl tests prove the pieces work together; these show, one callback at a time,
what a response turns into: which requests, which candidates, which item, which site status.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import scrapy
import yaml
from scrapy.http import HtmlResponse, Request, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from clustercrawl import settings as project_settings
from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.extract import extract_post
from clustercrawl.items import PostItem
from clustercrawl.spiders.clusters import ClustersSpider
from clustercrawl.state import NEW, PostState, SqliteStateStore
from clustercrawl.urls import url_key
from tests.faultweb import home_html, post_html, rss

HOME = "https://klaster.example/"
PROJECT_SETTINGS = {k: getattr(project_settings, k) for k in dir(project_settings)
                    if k.startswith("CLUSTERCRAWL_")}


def make_spider(tmp_path: Path, overrides: dict[str, Any] | None = None,
                **args: str) -> ClustersSpider:
    site: dict[str, Any] = {"id": "pl-cb", "name": "Klaster CB", "country": "PL",
                            "languages": ["pl"], "homepage": HOME, "verified": "demo"}
    if overrides:
        site["overrides"] = overrides
    tmp_path.mkdir(parents=True, exist_ok=True)
    registry = tmp_path / "registry.yaml"
    registry.write_text(yaml.safe_dump({"schema_version": 1, "sites": [site]}), "utf-8")
    crawler = get_crawler(ClustersSpider, settings_dict={
        **PROJECT_SETTINGS,
        "CLUSTERCRAWL_OUTPUT_DIR": str(tmp_path / "out"),
        "CLUSTERCRAWL_EXTRACT_PROCESSES": 0,
    })
    spider: ClustersSpider = ClustersSpider.from_crawler(crawler, registry=str(registry), **args)
    spider.store = SqliteStateStore(tmp_path / "state.sqlite")
    crawler.stats.open_spider()
    return spider


def start(spider: ClustersSpider) -> list[scrapy.Request]:
    return spider._start_site(spider.sites[0])


def reply(request: Request, body: str | bytes, status: int = 200,
          headers: dict[str, str] | None = None, cls: type[TextResponse] = HtmlResponse,
          url: str | None = None) -> TextResponse:
    raw = body.encode("utf-8") if isinstance(body, str) else body
    return cls(url=url or request.url, body=raw, status=status, headers=headers,
               request=request, encoding="utf-8")


def collect(result: Any) -> list[Any]:
    if isinstance(result, AsyncIterator):
        async def drain() -> list[Any]:
            return [x async for x in result]
        return asyncio.run(drain())
    return list(result)


def answer(request: Request, response: TextResponse) -> list[Any]:
    kwargs = request.cb_kwargs or {}
    return collect(request.callback(response, **kwargs))


FEED_POSTS = [("Spotkanie członków", f"{HOME}2024/03/spotkanie/", "2024-03-05"),
              ("Targi w Poznaniu", f"{HOME}2024/04/targi/", "2024-04-10")]


def test_home_page_asks_the_feed_it_links(tmp_path: Path) -> None:
    spider = make_spider(tmp_path, channels="feed")
    [home] = start(spider)
    assert home.callback == spider.parse_home and home.meta["kind"] == "home"
    page = home_html("Klaster CB", "pl", head=f'<link rel="alternate" '
                     f'type="application/rss+xml" href="{HOME}feed/">')
    out = answer(home, reply(home, page))
    [feed] = [r for r in out if isinstance(r, scrapy.Request)]
    assert feed.url == f"{HOME}feed/" and feed.callback == spider.parse_feed
    assert feed.meta["site_id"] == "pl-cb" and feed.errback == spider.on_error


def _through_feed(spider: ClustersSpider) -> list[scrapy.Request]:
    [home] = start(spider)
    page = home_html("Klaster CB", "pl", head=f'<link rel="alternate" '
                     f'type="application/rss+xml" href="{HOME}feed/">')
    [feed] = [r for r in answer(home, reply(home, page)) if isinstance(r, scrapy.Request)]
    return answer(feed, reply(feed, rss(FEED_POSTS), cls=TextResponse,
                              headers={"Content-Type": "application/rss+xml"}))


def test_feed_entries_become_one_post_request_each(tmp_path: Path) -> None:
    spider = make_spider(tmp_path, channels="feed")
    posts = _through_feed(spider)
    assert sorted(r.url for r in posts) == sorted(u for _, u, _ in FEED_POSTS)
    assert all(r.callback == spider.parse_post and r.meta["kind"] == "post" for r in posts)
    st = spider.states["pl-cb"]
    assert st.discovery_done and len(st.candidates) == 2


def test_post_pages_become_items_with_their_validators(tmp_path: Path) -> None:
    spider = make_spider(tmp_path, channels="feed")
    posts = _through_feed(spider)
    out: list[Any] = []
    for req, (title, _, day) in zip(sorted(posts, key=lambda r: r.url),
                                    sorted(FEED_POSTS, key=lambda p: p[1]), strict=True):
        body = post_html(title, day, "Członkowie klastra spotkali się, by omówić plany.", "pl")
        out += answer(req, reply(req, body, headers={"ETag": f'"{day}"',
                                                     "Last-Modified": "Tue, 05 Mar 2024 10:00:00 GMT"}))
    items = [x for x in out if isinstance(x, PostItem)]
    assert sorted(i.title for i in items) == sorted(t for t, _, _ in FEED_POSTS)
    for item in items:
        assert item.crawl["channel"] == "feed" and item.crawl["etag"].startswith('"2024-')
        assert item.crawl["last_modified"] == "Tue, 05 Mar 2024 10:00:00 GMT"
        assert item.published["value"].startswith(("2024-03-05", "2024-04-10"))
    assert spider.states["pl-cb"].status == "ok"


def test_a_known_post_answering_404_is_gone(tmp_path: Path) -> None:
    spider = make_spider(tmp_path, channels="feed")
    url = f"{HOME}2023/01/stary-wpis/"
    assert spider.store is not None
    spider.store.put_post(PostState(key=url_key(url), id="x", site_id="pl-cb", url=url,
                                    content_hash="0" * 32, first_seen="t", last_seen="t",
                                    last_changed="t", status=NEW, channels=["feed"]))
    posts = _through_feed(spider)  # the feed no longer lists it: asked again
    [recheck] = [r for r in posts if r.url == url]
    assert recheck.meta["kind"] == "recheck"
    failure = Failure(HttpError(reply(recheck, "<html>gone</html>", status=404)))
    failure.request = recheck  # type: ignore[attr-defined]
    spider.on_error(failure)
    assert spider.states["pl-cb"].gone_urls == [url]


def test_failed_homepage_marks_the_site_unreachable(tmp_path: Path) -> None:
    from twisted.internet.error import ConnectionRefusedError

    spider = make_spider(tmp_path)
    [home] = start(spider)
    failure = Failure(ConnectionRefusedError())
    failure.request = home  # type: ignore[attr-defined]
    st = spider.states["pl-cb"]
    spider.on_error(failure)
    assert st.failure == "unreachable" and st.status == "unreachable"
    assert any("home request failed" in e for e in st.errors)
    # the site is finished: its state is let go of, its report row kept on disk
    assert "pl-cb" not in spider.states and spider.finished == {"pl-cb"}
    [row] = list(spider.reports)
    assert row["site_id"] == "pl-cb" and row["status"] == "unreachable"
    assert any("home request failed" in e for e in row["errors"])


# -- registry overrides are honoured -----------------------------------------------------------
def test_override_page_budget_bounds_link_following(tmp_path: Path) -> None:
    spider = make_spider(tmp_path, overrides={"page_budget": 2})
    start(spider)
    st = spider.states["pl-cb"]
    urls = [f"{HOME}strona-{i}/" for i in range(10)]
    assert len(spider._follow(st, urls)) == 2
    default = make_spider(tmp_path / "d")
    start(default)
    assert len(default._follow(default.states["pl-cb"], urls)) == 10


def test_override_max_listing_pages_and_robots(tmp_path: Path) -> None:
    spider = make_spider(tmp_path, overrides={"max_listing_pages": 3, "robots_obey": False})
    [home] = start(spider)
    st = spider.states["pl-cb"]
    assert spider.limits_for(st).max_listing_pages == 3
    assert spider.limits.max_listing_pages != 3  # the crawl's default is untouched
    assert home.meta["dont_obey_robotstxt"] is True
    polite = make_spider(tmp_path / "p")
    [home2] = start(polite)
    assert "dont_obey_robotstxt" not in home2.meta


def test_override_date_order_reaches_the_extractor(tmp_path: Path) -> None:
    page = ("<html lang=pl><head><title>Walne zebranie</title></head><body><article>"
            "<h1>Walne zebranie członków</h1><div class=date>03/04/2024</div><p>Zarząd "
            "klastra informuje, że walne zebranie członków odbędzie się w biurze.</p>"
            "</article></body></html>")
    url = f"{HOME}walne-zebranie/"
    assert extract_post(page, url, language="pl")["published"]["value"] == "2024-04-03"
    assert extract_post(page, url, language="pl",
                        date_order="MDY")["published"]["value"] == "2024-03-04"
    spider = make_spider(tmp_path, overrides={"date_order": "MDY"})
    start(spider)
    st = spider.states["pl-cb"]
    cand = st.add_entry(Entry(url=url, channel=Channel.LINK))
    assert cand is not None
    item = asyncio.run(spider._extract_item(st, page, cand, page_url=url, fetched_url=url,
                                            http_status=200, hints=None))
    assert item.published["value"] == "2024-03-04"


@pytest.mark.parametrize("value", ["soon", 3])
def test_bad_override_is_a_registry_error(tmp_path: Path, value: Any) -> None:
    from clustercrawl.registry import load_registry

    registry = tmp_path / "r.yaml"
    registry.write_text(yaml.safe_dump({"schema_version": 1, "sites": [{
        "id": "pl-x", "name": "X", "country": "PL", "homepage": HOME,
        "overrides": {"robots_obey": value}}]}), "utf-8")
    loaded = load_registry(registry)
    assert not loaded.sites and "robots_obey" in str(loaded.errors[0])


def test_a_guessed_sitemap_answered_by_a_page_is_no_error(tmp_path: Path) -> None:
    spider = make_spider(tmp_path, channels="sitemap")
    [home] = start(spider)
    st = spider.states["pl-cb"]  # let go of by the spider once the site is finished
    out = answer(home, reply(home, home_html("Klaster CB", "pl")))
    guesses = [r for r in out if isinstance(r, scrapy.Request)]
    assert guesses and all(r.meta["guessed"] for r in guesses)
    for req in guesses:  # each redirected to the homepage, as WordPress does
        answer(req, reply(req, home_html("Klaster CB", "pl"), url=HOME))
    assert st.errors == [] and st.counts["missing:sitemap"] == len(guesses)


def test_a_front_page_that_lists_posts_is_walked_as_the_news_listing(tmp_path: Path) -> None:
    spider = make_spider(tmp_path, channels="listing")
    [home] = start(spider)
    posts = "".join(f'<article class="post"><h2><a href="{HOME}?p={n}">Wpis numer {n} o '
                    f'projektach klastra</a></h2><time datetime="2024-0{n}-01">2024-0{n}-01'
                    "</time></article>" for n in range(1, 6))
    pager = f'<nav class="pagination"><a class="next" href="{HOME}?paged=2">Starsze wpisy</a></nav>'
    out = answer(home, reply(home, home_html("Klaster CB", "pl", posts + pager)))
    [older] = [r for r in out if isinstance(r, scrapy.Request)
               and r.callback == spider.parse_listing]
    assert older.url == f"{HOME}?paged=2"
    assert len(spider.states["pl-cb"].candidates) == 5


def test_page_terms_are_the_themes_category_links() -> None:
    from clustercrawl.extract.dom import parse_html
    from clustercrawl.extract.taxonomy import page_terms

    page = ('<html><body><article><h1>T</h1><p>x</p><footer>'
            '<a href="/?cat=3" rel="category tag">Projekte</a>, '
            '<a href="/?cat=4" rel="category">Mitglieder</a> '
            '<a href="/?tag=wasserstoff" rel="tag">Wasserstoff</a></footer></article>'
            '<aside><a href="/?cat=9">Sidebar</a></aside></body></html>')
    assert page_terms(parse_html(page)) == ["Projekte", "Mitglieder", "Wasserstoff"]
    cloud = "".join(f'<a href="/?tag={n}" rel="tag">t{n}</a>' for n in range(30))
    assert page_terms(parse_html(f"<html><body>{cloud}</body></html>")) == []
