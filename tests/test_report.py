"""Run report: rendered from a manifest and posts, opened in headless Chromium, checked for
what a reader sees (site rows and statuses, the regressed site, chart bars, upcoming events).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from clustercrawl.report import render_report, write_report
from clustercrawl.report.__main__ import main as report_main

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars"]
RUN = "20261126T185423Z"

SITES: list[dict[str, Any]] = [
    {"site_id": "pl-demo-klaster-innowacji", "name": "Klaster Innowacji Pomorza", "country": "PL",
     "status": "ok", "previous_status": "ok", "regressed": False,
     "counts": {"new": 2, "updated": 1, "unchanged": 39, "gone": 1}, "requests": 3, "errors": [],
     "channels": {"wp_api": {"exists": True, "endpoints": ["/wp-json/"], "entries": 42},
                  "feed": {"exists": True, "endpoints": ["/feed/"], "entries": 10},
                  "sitemap": {"exists": True, "endpoints": ["/wp-sitemap.xml"], "entries": 42},
                  "listing": {"exists": False}, "link": {"exists": False}}},
    {"site_id": "de-demo-cluster-mechatronik", "name": "Cluster Mechatronik & Automation Süd",
     "country": "DE", "status": "error", "previous_status": "ok", "regressed": True,
     "counts": {"new": 0, "updated": 0, "unchanged": 0, "gone": 0}, "requests": 4,
     "errors": ["site de-demo-cluster-mechatronik: http://cluster-mechatronik-sued.localhost/"
                "aktuelles/: HTTP 500", "site de-demo-cluster-mechatronik: feed: timeout"],
     "channels": {"feed": {"exists": True, "endpoints": ["/aktuelles/?type=9818"],
                           "entries": 0}}},
    {"site_id": "fr-demo-pole-materiaux", "name": "Pôle Matériaux Innovants", "country": "FR",
     "status": "ok", "previous_status": "ok", "regressed": False,
     "counts": {"new": 1, "updated": 0, "unchanged": 33, "gone": 0}, "requests": 2,
     "errors": [], "channels": {"feed": {"exists": True, "entries": 10},
                                "sitemap": {"exists": True, "entries": 34}}},
    {"site_id": "it-demo-cluster-nautico", "name": "Cluster Tecnologico Nautico Ligure",
     "country": "IT", "status": "blocked", "previous_status": "blocked", "regressed": False,
     "counts": {"new": 0, "updated": 0, "unchanged": 0, "gone": 0}, "requests": 1,
     "errors": ["site it-demo-cluster-nautico: http://…/: HTTP 403"], "channels": {}},
    {"site_id": "cs-demo-klastr-energetika", "name": "Klastr Chytrá energetika", "country": "CZ",
     "status": "js_shell", "previous_status": None, "regressed": False,
     "counts": {"new": 0, "updated": 0, "unchanged": 0, "gone": 0}, "requests": 1,
     "errors": [], "channels": {}},
    {"site_id": "en-demo-clusternet-europe", "name": "ClusterNet Europe", "country": "EU",
     "status": "empty", "previous_status": "empty", "regressed": False,
     "counts": {"new": 0, "updated": 0, "unchanged": 0, "gone": 0}, "requests": 2,
     "errors": [], "channels": {"listing": {"exists": True, "entries": 0}}},
]

MANIFEST: dict[str, Any] = {
    "run": RUN, "started": "2026-11-26T18:54:23Z", "finished": "2026-11-26T18:55:01Z",
    "duration_s": 38.2, "finish_reason": "finished",
    "versions": {"clustercrawl": "0.1.0", "extractor": "clustercrawl-extract/0.1.0",
                 "scrapy": "2.19.0", "python": "3.11.7"},
    "options": {"full": False, "sites": None, "country": None},
    "counts": {"new": 3, "updated": 1, "unchanged": 72, "gone": 1, "emitted": 4,
               "requests": 13, "dropped": {"invalid": 1}},
    "sites": SITES,
    "registry_errors": ["registry.yaml: site xx-broken-entry: field 'country': unknown "
                        "country 'XQ'"],
    "health": {"regressed_sites": ["de-demo-cluster-mechatronik"], "max_regressed": 0.1,
               "exit_status": 1},
}

#: (site, published month, how many) -> posts for the chart
MONTHLY = {"2026-11": 5, "2026-10": 3, "2026-09": 7, "2026-06": 2, "2025-12": 4,
           "2024-03": 1, "2019-05": 2}
#: upcoming (start on/after the run date) and past events
EVENTS = [
    ("Forum Klastrów Pomorza 2026", "2026-12-03", "2026-12-04", "Gdańsk", "PL", None),
    ("Smart Materials Day", "2027-01-20", "2027-01-20", "Lyon", "FR", None),
    ("Hydrogen Valley Summit", "2026-11-26", "2026-11-27", "Ostrava", "CZ", "cancelled"),
    ("European Cluster Conference 2024", "2024-05-07", "2024-05-08", "Brussels", "BE", None),
]


def _post(n: int, site: str, published: str, title: str,
          event: dict[str, Any] | None = None, event_id: str | None = None) -> dict[str, Any]:
    return {
        "schema_version": 1, "id": f"{n:016x}", "url": f"http://{site}.localhost/post/{n}/",
        "site_id": site, "cluster": {"name": site.split("-", 2)[-1].title(), "country": "PL"},
        "post_type": "event_announcement" if event else "news", "title": title,
        "language": "en", "published": {"value": published, "source": "api",
                                        "precision": "datetime"},
        "modified": published, "summary": title, "body_text": title, "event": event,
        "crawl": {"fetched_at": "2026-11-26T18:54:30Z", "channel": "feed",
                  "content_hash": "0123456789abcdef"},
        "extraction": {"version": "x", "warnings": []}, "story_id": None, "event_id": event_id,
    }


def make_posts() -> list[dict[str, Any]]:
    posts, n = [], 1
    sites = [s["site_id"] for s in SITES]
    for month, count in MONTHLY.items():
        for i in range(count):
            site = sites[(n + i) % 3]
            posts.append(_post(n, site, f"{month}-{1 + i:02d}T09:00:00+00:00", f"News {n}"))
            n += 1
    for name, start, end, city, country, status in EVENTS:
        event = {"start": start, "end": end, "all_day": True, "timezone": "Europe/Warsaw",
                 "date_text": None, "date_source": "text", "date_conflict": False,
                 "status": status or "scheduled", "name": name,
                 "location": {"venue": None, "city": city, "country": country}}
        for site in (sites[0], sites[2]) if name.startswith("Forum") else (sites[0],):
            posts.append(_post(n, site, "2026-10-15T10:00:00+00:00", f"About {name}", event,
                               "ev-forum" if name.startswith("Forum") else None))
            n += 1
    return posts


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("output")
    run = out / "runs" / RUN
    run.mkdir(parents=True)
    (run / "manifest.json").write_text(json.dumps(MANIFEST), "utf-8")
    with (out / "posts.jsonl").open("w", encoding="utf-8") as f:
        for p in make_posts():
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
        f.write('{"torn": \n')  # a torn last line must not stop the report
    assert report_main([str(run)]) == 0
    return run


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium); required in CI")
    cmd = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def dom(run_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    profile = tmp_path_factory.mktemp("chromium-profile")
    proc = chromium("--dump-dom", (run_dir / "report.html").as_uri(), profile=profile)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "<table" in proc.stdout, proc.stderr[-2000:]
    return lxml_html.fromstring(proc.stdout)


def test_page_is_self_contained(run_dir: Path) -> None:
    page = (run_dir / "report.html").read_text("utf-8")
    assert "<script" not in page
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page.split("<main>")[0])
    assert not re.search(r"<(?:img|link|iframe|object|embed)\b", page)
    assert "@import" not in page and "url(" not in page
    assert "Content-Security-Policy" in page


def test_site_rows_statuses_and_regression(dom: Any) -> None:
    rows = dom.xpath('//table[@id="sites"]/tbody/tr')
    assert len(rows) == len(SITES)
    by_site = {r.get("data-site"): r for r in rows}
    for site in SITES:
        row = by_site[site["site_id"]]
        badge = row.xpath('.//span[contains(@class, "status")]')[0]
        assert badge.text_content() == site["status"]
        assert site["name"] in row.text_content()
        counts = {td.get("data-count"): int(td.text_content()) for td in
                  row.xpath('./td[@data-count]')}
        assert counts == site["counts"]
    regressed = dom.xpath('//tr[contains(@class, "regressed")]')
    assert [r.get("data-site") for r in regressed] == ["de-demo-cluster-mechatronik"]
    assert rows[0].get("data-site") == "de-demo-cluster-mechatronik"  # listed first
    assert "regressed" in regressed[0].text_content()
    assert "ok" in regressed[0].xpath('./td[4]')[0].text_content()  # the status before
    errors = regressed[0].xpath(".//details")[0]
    assert errors.xpath("./summary")[0].text_content() == "2"
    assert "HTTP 500" in errors.text_content()
    health = dom.get_element_by_id("health")
    assert "fail" in health.get("class")
    assert "de-demo-cluster-mechatronik" in health.text_content()
    assert "1 of 6 sites regressed" in health.text_content()


def test_chart_bars(dom: Any) -> None:
    bars = dom.xpath('//svg[contains(@class, "chart")]//rect[contains(@class, "bar")]')
    assert len(bars) == 36
    months = [b.get("data-month") for b in bars]
    assert months[0] == "2023-12" and months[-1] == "2026-11"
    counts = {b.get("data-month"): int(b.get("data-count")) for b in bars}
    for month, n in MONTHLY.items():
        if month >= "2023-12":
            extra = 5 if month == "2026-10" else 0  # the five event posts
            assert counts[month] == n + extra, month
    heights = {b.get("data-month"): float(b.get("height")) for b in bars}
    assert heights["2026-09"] > heights["2026-11"] > heights["2025-12"] > 0
    assert heights["2026-08"] == 0
    note = dom.xpath('//section[@id="chart-section"]//p[@class="note"]')[0].text_content()
    assert "2 published before 2023-12 not shown" in note


def test_upcoming_events(dom: Any) -> None:
    rows = dom.xpath('//table[@id="events"]/tbody/tr')
    names = [r.xpath("./td[2]")[0].text_content() for r in rows]
    assert [r.get("data-start") for r in rows] == ["2026-11-26", "2026-12-03", "2027-01-20"]
    assert "Hydrogen Valley Summit" in names[0] and "cancelled" in names[0]
    assert names[1] == "Forum Klastrów Pomorza 2026"
    assert len(rows[1].xpath(".//a")) == 2  # one event, reported by two sites
    assert "Gdańsk" in rows[1].text_content()
    assert not any("European Cluster Conference 2024" in n for n in names)


def test_totals_and_registry_errors(dom: Any) -> None:
    totals = {li.get("data-total"): li.xpath("./b")[0].text_content()
              for li in dom.xpath('//ul[@id="totals"]/li')}
    assert totals == {"new": "3", "updated": "1", "unchanged": "72", "gone": "1",
                      "emitted": "4", "requests": "13", "dropped": "1"}
    assert "xx-broken-entry" in dom.get_element_by_id("registry-section").text_content()


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode a non-interlaced 8-bit RGB/RGBA PNG (what Chromium writes) into rows."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header = 8, [], b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, color = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and color in (2, 6)
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) *
                                                          (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, corner = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(b for x in range(width) for b in line[x * bpp:x * bpp + 3]))
        prev = line
    return width, height, rows


def test_screenshot_shows_highlight_and_bars(run_dir: Path,
                                             tmp_path_factory: pytest.TempPathFactory) -> None:
    shot = run_dir / "report.png"
    profile = tmp_path_factory.mktemp("chromium-shot")
    proc = chromium(f"--screenshot={shot}", "--window-size=1280,1500",
                    (run_dir / "report.html").as_uri(), profile=profile)
    assert proc.returncode == 0 and shot.exists(), proc.stderr[-2000:]
    width, height, rows = _png_pixels(shot.read_bytes())
    assert (width, height) == (1280, 1500)
    colours = {px for row in rows[::4] for px in (row[i:i + 3] for i in range(0, len(row), 12))}
    assert bytes((0xFF, 0xEB, 0xE9)) in colours  # the regressed row's background
    assert bytes((0x09, 0x69, 0xDA)) in colours  # chart bars
    assert bytes((0x1A, 0x7F, 0x37)) in colours  # an "ok" badge
    if os.environ.get("CLUSTERCRAWL_KEEP_REPORT"):
        shutil.copy(shot, os.environ["CLUSTERCRAWL_KEEP_REPORT"])


def test_render_without_sites_or_posts() -> None:
    page = render_report({"run": "20261126T000000Z", "started": "2026-11-26T00:00:00Z"}, [])
    root = lxml_html.fromstring(page)
    assert len(root.xpath('//rect[contains(@class, "bar")]')) == 36
    assert "No event starting on or after 2026-11-26" in root.text_content()
    assert "run passes" in root.get_element_by_id("health").text_content()


def test_write_report_paths_and_cli_errors(run_dir: Path, tmp_path: Path) -> None:
    out = write_report(run_dir, posts=run_dir.parent.parent / "posts.jsonl",
                       out=tmp_path / "r.html")
    assert out == tmp_path / "r.html" and out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert report_main([str(tmp_path)]) == 2  # no manifest
    assert report_main([str(run_dir), "--posts", str(tmp_path / "missing.jsonl")]) == 2
    # regression derived from statuses when the manifest does not say
    manifest = {**MANIFEST, "sites": [{**SITES[0], "status": "unreachable",
                                       "previous_status": "ok", "regressed": None}],
                "health": {}}
    root = lxml_html.fromstring(render_report(manifest, []))
    assert root.xpath('//tr[contains(@class, "regressed")]')
