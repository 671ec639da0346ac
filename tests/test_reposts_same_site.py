"""A post published again on the same site under a new URL is kept and linked to its origin.

Real cluster sites republish a member's press release weeks later under a new slug. Both
posts are real publications: both lines stay in the dataset, the later one points to the
earliest (``duplicate_of``), whatever order the crawl met them in. Only true copies of one
post (its ``?p=`` short link, tracking parameters) are merged into one line.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import read_run, run_crawl
from tests.faultweb import home_html, post_html, rss

pytestmark = pytest.mark.e2e

RELEASE = ("Firma członkowska otwiera nowe centrum badawczo-rozwojowe w Gdyni. W laboratorium "
           "będą pracować zespoły projektujące czujniki dla przemysłu morskiego, a pierwsze "
           "prototypy trafią do partnerów z klastra jeszcze w tym roku.")
OTHER = ("Zarząd klastra zaprasza członków na warsztaty o finansowaniu projektów "
         "innowacyjnych; zapisy przyjmuje biuro do końca miesiąca.")
#: path -> (title, day, text)
POSTS = {
    "/2024/03/04/nowe-centrum-br/": ("Nowe centrum B+R firmy członkowskiej", "2024-03-04",
                                     RELEASE),
    "/2024/05/20/przypominamy-nowe-centrum-br/": ("Nowe centrum B+R firmy członkowskiej",
                                                  "2024-05-20", RELEASE),
    "/2024/04/11/warsztaty-finansowanie/": ("Warsztaty o finansowaniu", "2024-04-11", OTHER),
}


class _Web(ThreadingHTTPServer):
    daemon_threads = True
    reverse = False


class _Handler(BaseHTTPRequestHandler):
    server: _Web

    def do_GET(self) -> None:
        host = self.headers.get("Host", "")
        base = f"http://{host}"
        path = self.path
        if path == "/":
            body = home_html("Klaster Testowy", "pl",
                             head=f'<link rel="alternate" type="application/rss+xml" '
                                  f'href="{base}/feed/">').encode()
            ctype = "text/html; charset=utf-8"
        elif path == "/feed/":
            entries = [(t, base + p, d) for p, (t, d, _) in POSTS.items()]
            body = rss(entries[::-1] if self.server.reverse else entries)
            ctype = "application/rss+xml"
        elif path.split("?")[0] in POSTS:  # tracking parameters: the same post
            title, day, text = POSTS[path.split("?")[0]]
            body = post_html(title, day, text, "pl").encode()
            ctype = "text/html; charset=utf-8"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def web() -> Iterator[_Web]:
    server = _Web(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _registry(tmp: Path, port: int) -> Path:
    path = tmp / "registry.yaml"
    site = {"id": "pl-test-reposts", "name": "Klaster Testowy", "country": "PL",
            "languages": ["pl"], "homepage": f"http://reposts.localhost:{port}/",
            "verified": "demo"}
    path.write_text(yaml.safe_dump({"schema_version": 1, "sites": [site]}), "utf-8")
    return path


def _crawl(web: _Web, tmp: Path, *, reverse: bool) -> list[dict[str, Any]]:
    web.reverse = reverse
    out = tmp / ("reversed" if reverse else "forward")
    proc = run_crawl(out, _registry(tmp, web.server_address[1]),
                     extra_settings={"CONCURRENT_REQUESTS": "1",
                                     "CLUSTERCRAWL_EXTRACT_PROCESSES": "0"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    posts, manifest = read_run(out)
    assert manifest["counts"]["dropped"].get("duplicate_content") is None
    return posts


def test_same_site_repost_is_kept_and_linked_whatever_the_order(web: _Web,
                                                                 tmp_path: Path) -> None:
    runs = [_crawl(web, tmp_path, reverse=False), _crawl(web, tmp_path, reverse=True)]
    for posts in runs:
        by_path = {p["url"].split(":", 2)[2].split("/", 1)[1]: p for p in posts}
        assert sorted(by_path) == sorted(p.lstrip("/") for p in POSTS), by_path.keys()
        origin = by_path["2024/03/04/nowe-centrum-br/"]
        repost = by_path["2024/05/20/przypominamy-nowe-centrum-br/"]
        assert origin["story_id"] == repost["story_id"]
        assert origin["story_origin"] is True and origin["duplicate_of"] is None
        assert repost["story_origin"] is False and repost["duplicate_of"] == origin["id"]
        assert origin["story_size"] == repost["story_size"] == 2
        other = by_path["2024/04/11/warsztaty-finansowanie/"]
        assert other["story_id"] != origin["story_id"]
    forward, backward = ({p["id"]: (p["story_id"], p["duplicate_of"]) for p in r} for r in runs)
    assert forward == backward


def test_a_tracking_parameter_copy_is_merged_not_reposted(tmp_path: Path) -> None:
    """True copies of one post (same page under another URL, same date) stay one line."""
    from clustercrawl.discovery.entry import Channel
    from clustercrawl.posts import build_item, merge_copies
    from clustercrawl.registry import Site

    site = Site(id="pl-t", name="T", country="PL", languages=("pl",),
                homepage="https://k.example/", timezone="Europe/Warsaw")

    def item(url: str, day: str) -> Any:
        extracted = {"url": url, "title": "Nowe centrum", "body_text": RELEASE,
                     "language": "pl", "post_type": "news", "event": None,
                     "published": {"value": day, "source": "meta", "precision": "day"}}
        return build_item(extracted, site, channel=Channel.LISTING, channels=["listing"],
                          fetched_url=url, http_status=200, fetched_at="2026-11-26T18:00:00Z")

    merged = merge_copies([item("https://k.example/a/", "2024-03-04"),
                           item("https://k.example/index.php?id=7", "2024-03-04"),
                           item("https://k.example/b/", "2024-05-20")])
    assert [(m.url, m.alias_urls) for m in merged] == [
        ("https://k.example/a/", ["https://k.example/index.php?id=7"]),
        ("https://k.example/b/", []),
    ]
