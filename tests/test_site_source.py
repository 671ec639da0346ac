"""Sites are opened a bounded number at a time, never two of one registered domain
(spiders/sources.py), and a crawl of more sites than that still crawls them all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from clustercrawl.registry import Site
from clustercrawl.spiders.reports import SiteReports
from clustercrawl.spiders.sources import LocalSiteSource
from tests.conftest import read_run, run_crawl


def site(sid: str, home: str) -> Site:
    return Site(id=sid, name=sid, country="PL", languages=("pl",), homepage=home,
                timezone="Europe/Warsaw")


def test_bounded_and_one_per_registered_domain() -> None:
    sites = [site("a", "https://k.pl/"), site("b", "https://en.k.pl/"),
             site("c", "https://x.de/"), site("d", "https://y.co.uk/"),
             site("e", "https://www.k.pl/de/")]
    src = LocalSiteSource(sites, open_limit=3)
    first = [s.id for s in src.initial()]
    assert first == ["a", "c", "d"]  # b and e wait for k.pl
    assert src.pending() and src.waiting() == 2
    assert src.more() == []  # the three slots are taken
    src.done("c")
    assert src.more() == []  # a slot, but only k.pl sites wait
    src.done("a")
    assert [s.id for s in src.more()] == ["b"]
    src.done("b")
    assert [s.id for s in src.more()] == ["e"]
    assert not src.pending()
    src.done("e")
    src.done("e")  # twice is harmless
    assert src.more() == []


def test_no_limit_opens_everything() -> None:
    sites = [site(str(i), f"https://s{i % 2}.k.pl/p{i}") for i in range(5)]
    src = LocalSiteSource(sites)
    assert len(src.initial()) == 5 and not src.pending()


def test_the_registry_waits_on_disk_read_a_window_at_a_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(LocalSiteSource, "SCAN", 3)
    sites = [site(f"s{i}", f"https://k.pl/{i}" if i < 4 else f"https://s{i}.de/")
             for i in range(9)]
    src = LocalSiteSource(sites, open_limit=2)
    assert src.total == 9 and src.waiting() == 9
    assert len(src._waiting) == 0  # nothing read before the first sites are asked for
    first = [s.id for s in src.initial()]
    assert first == ["s0"]  # s1-s2 wait for k.pl, and only 3 sites are looked at a call
    assert len(src._waiting) <= 3 + LocalSiteSource.SCAN
    seen = list(first)
    while src.pending():
        for sid in list(src._open):
            src.done(sid)
        seen += [s.id for s in src.more()]
    assert sorted(seen) == sorted(s.id for s in sites) and len(seen) == 9
    assert src._spool is None  # read to the end: the file is closed


def test_report_rows_read_back_in_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SiteReports, "BATCH", 3)
    reports = SiteReports()
    assert list(reports) == [] and len(reports) == 0
    rows: list[Any] = [{"site_id": f"s{i}", "status": "ok", "errors": [f"é{i}"]}
                       for i in range(7)]
    for row in rows[:5]:
        reports.add(row)
    assert list(reports) == rows[:5]
    for row in rows[5:]:  # rows added after reading are read back too
        reports.add(row)
    assert list(reports) == rows and len(reports) == 7
    reports.close()


@pytest.mark.e2e
def test_crawl_with_two_sites_open(demo_web: Any, demo_server: Any, tmp_path: Path) -> None:
    registry = tmp_path / "registry.yaml"
    registry.write_text(demo_web.registry_yaml(demo_server.port), "utf-8")
    demo_server.clear_log()
    proc = run_crawl(tmp_path / "out", registry, {"CLUSTERCRAWL_SITES_OPEN": "2"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    items, manifest = read_run(tmp_path / "out")
    truth = demo_web.ground_truth(demo_server.port)["posts"]
    assert len(items) == len(truth)
    assert {s["status"] for s in manifest["sites"]} == {"ok"}
    assert len(manifest["sites"]) == len(demo_web.sites)
    # from the server's side: each host's requests span a window; at most 2 overlap
    spans: dict[str, list[float]] = {}
    for t0, t1, host, _path, _status in demo_server.access_log:
        lo_hi = spans.setdefault(host, [t0, t1])
        lo_hi[0], lo_hi[1] = min(lo_hi[0], t0), max(lo_hi[1], t1)
    edges = sorted([(lo, 1) for lo, _hi in spans.values()]
                   + [(hi, -1) for _lo, hi in spans.values()])
    open_now = peak = 0
    for _t, step in edges:
        open_now += step
        peak = max(peak, open_now)
    assert len(spans) == len(demo_web.sites)
    assert peak <= 2, peak


def test_robots_parsers_bounded_never_one_being_fetched() -> None:
    from twisted.internet.defer import Deferred

    from clustercrawl.fetch.robotscache import _ParserCache

    cache = _ParserCache(10)
    fetching: Deferred[None] = Deferred()
    cache["first.localhost"] = fetching
    for i in range(30):
        cache[f"h{i}.localhost"] = object()
    assert len(cache) == 10
    assert cache["first.localhost"] is fetching  # still awaited by requests
    assert "h29.localhost" in cache and "h0.localhost" not in cache
