"""The WordPress re-crawl's decisions one callback at a time (spiders/wp_recrawl.py): the
index page tells unchanged, changed and new posts apart, asks for the changed ones by
``include=``, walks the whole index only when the total says posts were removed, and falls
back to the full walk when the site refuses the index query."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import TextResponse

from clustercrawl.posts import utc_now_iso
from clustercrawl.spiders.clusters import ClustersSpider
from clustercrawl.state import NEW, PostState, SiteRecord
from clustercrawl.urls import url_key
from tests.test_spider_callbacks import HOME, answer, make_spider, reply, start

API = f"{HOME}wp-json/"
KNOWN = [(11, "2024-01-10T10:00:00"), (12, "2024-02-10T10:00:00"), (13, "2024-03-10T10:00:00")]


def link(pid: int) -> str:
    return f"{HOME}?p={pid}"


def recrawl_spider(tmp_path: Path, total: int = 3) -> ClustersSpider:
    spider = make_spider(tmp_path)
    store = spider.store
    assert store is not None
    for pid, modified in KNOWN:
        url = link(pid)
        store.put_post(PostState(key=url_key(url), id=str(pid), site_id="pl-cb", url=url,
                                 content_hash="0" * 32, first_seen="t", last_seen="t",
                                 last_changed="t", status=NEW, modified=modified + "Z",
                                 channels=["wp_api"]))
    store.put_site(SiteRecord(site_id="pl-cb", endpoints={"wp_api": [API]},
                              complete_channel="wp_api", api_root=API, status="ok",
                              posts=3, last_run=utc_now_iso(), last_full_run=utc_now_iso(),
                              wp_total=total))
    return spider


def index_reply(request: scrapy.Request, posts: list[tuple[int, str]], total: int,
                status: int = 200) -> TextResponse:
    body = json.dumps([{"id": p, "modified_gmt": m, "link": link(p)} for p, m in posts])
    pages = -(-total // 20)
    return reply(request, body, status=status, cls=TextResponse,
                 headers={"Content-Type": "application/json", "X-WP-Total": str(total),
                          "X-WP-TotalPages": str(pages)})


def requests(out: list[Any]) -> list[scrapy.Request]:
    return [r for r in out if isinstance(r, scrapy.Request)]


def test_unchanged_index_asks_nothing_more(tmp_path: Path) -> None:
    spider = recrawl_spider(tmp_path)
    [index] = start(spider)
    st = spider.states["pl-cb"]  # let go of by the spider once the site is finished
    assert index.callback == spider.parse_wp_index
    assert "_fields=id,modified_gmt,link" in index.url and "orderby=modified" in index.url
    out = answer(index, index_reply(index, list(reversed(KNOWN)), total=3))
    assert requests(out) == []
    assert "pl-cb" not in spider.states
    assert st.unchanged == 3 and st.flushed and st.status == "ok"


def test_changed_and_new_posts_fetched_by_include(tmp_path: Path) -> None:
    spider = recrawl_spider(tmp_path)
    [index] = start(spider)
    listed = [(14, "2024-05-01T08:00:00"), (12, "2024-04-01T08:00:00"), *reversed(KNOWN[::2])]
    out = answer(index, index_reply(index, listed, total=4))
    [include] = requests(out)
    assert "include=14,12" in include.url and "_fields" not in include.url
    assert include.callback == spider.parse_wp_api
    assert spider.states["pl-cb"].wp_total == 4


def test_removed_posts_walk_the_whole_index(tmp_path: Path) -> None:
    spider = recrawl_spider(tmp_path, total=25)  # last run: 25 posts, now 3 and none new
    [index] = start(spider)
    out = answer(index, index_reply(index, list(reversed(KNOWN)), total=23))
    [walk] = requests(out)
    assert walk.cb_kwargs == {"page": 1, "walk": True} and "per_page=100" in walk.url


def test_refused_index_falls_back_to_the_full_walk(tmp_path: Path) -> None:
    spider = recrawl_spider(tmp_path)
    [index] = start(spider)
    error = json.dumps({"code": "rest_invalid_param", "message": "Invalid parameter(s): x"})
    out = answer(index, reply(index, error, status=400, cls=TextResponse))
    [full] = requests(out)
    assert full.callback == spider.parse_wp_api and "_fields" not in full.url
