"""Politeness by default, checked from the servers' side of real crawls on loopback."""

from __future__ import annotations

import itertools
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import read_run, run_crawl

pytestmark = pytest.mark.e2e

PAGES = {
    "/robots.txt": ("text/plain", "User-agent: *\nDisallow: /prywatne/\nCrawl-delay: 1\n"),
    "/": ("text/html", """<!DOCTYPE html><html lang="pl"><head><title>Klaster Grzeczny</title>
<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>
<nav><a href="/aktualnosci/">Aktualności</a> <a href="/prywatne/">Intranet</a></nav></body></html>"""),
    "/feed.xml": ("application/rss+xml", """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Klaster Grzeczny</title><link>http://grzeczny.localhost/</link>
<item><title>Spotkanie członków klastra</title><link>http://HOST/aktualnosci/spotkanie/</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 +0100</pubDate></item>
<item><title>Tajne</title><link>http://HOST/prywatne/tajne/</link>
<pubDate>Wed, 06 Mar 2024 10:00:00 +0100</pubDate></item>
</channel></rss>"""),
    "/aktualnosci/spotkanie/": ("text/html", """<!DOCTYPE html><html lang="pl"><head>
<title>Spotkanie członków klastra – Klaster Grzeczny</title>
<meta property="article:published_time" content="2024-03-05T10:00:00+01:00"></head><body>
<article><h1>Spotkanie członków klastra</h1><p>W dniu 5 marca 2024 r. odbyło się spotkanie
członków klastra, na którym omówiono plan działań na kolejny rok oraz nowe projekty
badawcze realizowane wspólnie z uczelniami regionu.</p></article></body></html>"""),
}


class _Handler(BaseHTTPRequestHandler):
    log: list[tuple[float, str, str]]

    def do_GET(self) -> None:
        self.log.append((time.monotonic(), self.path, self.headers.get("User-Agent", "")))
        page = PAGES.get(self.path)
        if page is None:
            self.send_response(404)
            self.end_headers()
            return
        ctype, body = page
        data = body.replace("HOST", self.headers.get("Host", "")).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def polite_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Any], list[Any]]:
    log: list[tuple[float, str, str]] = []
    handler = type("H", (_Handler,), {"log": log})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tmp = tmp_path_factory.mktemp("polite")
    registry = tmp / "registry.yaml"
    registry.write_text(
        "schema_version: 1\nsites:\n  - id: pl-grzeczny\n    name: Klaster Grzeczny\n"
        f"    country: PL\n    languages: [pl]\n    homepage: http://grzeczny.localhost:{server.server_address[1]}/\n",
        "utf-8",
    )
    try:
        # the project's default delays, except the ones this test measures
        proc = run_crawl(tmp / "out", registry, {"DOWNLOAD_DELAY": "0"})
    finally:
        server.shutdown()
    assert proc.returncode == 0, proc.stderr[-2000:]
    items, _ = read_run(Path(tmp / "out"))
    return log, items


def test_robots_disallow_is_obeyed(polite_crawl: tuple[list[Any], list[Any]]) -> None:
    log, items = polite_crawl
    paths = [p for _, p, _ in log]
    assert "/robots.txt" in paths
    assert not [p for p in paths if p.startswith("/prywatne/")]
    assert [i["title"] for i in items] == ["Spotkanie członków klastra"]


def test_user_agent_names_project_and_contact(polite_crawl: tuple[list[Any], list[Any]]) -> None:
    log, _ = polite_crawl
    agents = {ua for _, p, ua in log if p != "/robots.txt"}
    assert len(agents) == 1
    [ua] = agents
    assert ua.startswith("clustercrawl/") and "+http" in ua


def test_robots_crawl_delay_is_honoured(polite_crawl: tuple[list[Any], list[Any]]) -> None:
    log, _ = polite_crawl
    times = sorted(t for t, p, _ in log if p != "/robots.txt")
    assert len(times) >= 3
    # Crawl-delay: 1 (Scrapy's jitter may shorten a gap to half the delay)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert gaps and min(gaps) >= 0.45, gaps


def test_at_most_two_requests_per_host_at_once(demo_crawl: Any, demo_server: Any) -> None:
    assert demo_crawl.returncode == 0
    # The server stamps a request's end after its last write; the client may already have
    # sent the next request by then. Overlaps shorter than this are that race, not load.
    race = 0.02
    events: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for entry in demo_server.access_log:
        t_start, t_end, host = entry[0], entry[1], entry[2]
        events[host].append((t_start, 1))
        events[host].append((max(t_start, t_end - race), -1))
    assert events
    for host, evs in events.items():
        level = peak = 0
        for _, delta in sorted(evs):
            level += delta
            peak = max(peak, level)
        assert peak <= 2, (host, peak)
