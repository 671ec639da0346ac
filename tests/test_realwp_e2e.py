"""End to end on a real WordPress: Debian's ``wordpress`` on MariaDB, php-fpm and nginx.

Two sites (a Polish one with pretty permalinks, a German one with plain ``?p=`` links), our
own content in ``tests/realwp/content/`` with its labels, crawled by the real ``clusters``
spider and scored against what the database holds as WordPress renders it. Servers run on
loopback (nginx on 127.0.0.1, MariaDB and php-fpm on unix sockets) and are stopped at the
end. Without the Debian packages the tests skip, saying which; with ``CI`` set they fail.
About 30 s on 2 cores.
"""

from __future__ import annotations

import html
import http.client
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from clustercrawl.schema import validation_errors
from tests.conftest import read_run, run_crawl
from tests.realwp.scoring import RealScore, score
from tests.realwp.servers import WordPressStack, require_wordpress
from tests.realwp.web import HERE, RealWordPress, load_content, provision

pytestmark = pytest.mark.e2e

#: The issue's targets, and the floors: what the current crawler measured when they were
#: set (see test_quality_floors), minus one post or pair, so a regression fails here.
TARGETS = {
    "post_types": 0.95,
    "event_ranges": 0.98,
    "story_precision": 0.98,
    "story_recall": 0.95,
    "event_precision": 0.98,
    "event_recall": 0.95,
}
FLOORS = {
    "recall": 1.0,
    "titles": 1.0,
    "published": 1.0,
    "categories": 1.0,
    "post_types": 0.96,  # measured 63/64 = 0.984
    "event_ranges": 0.96,  # measured 27/27 = 1.000
    "event_cities": 0.93,  # measured 26/27 = 0.963
    "story_precision": 1.0,  # 2/2 pairs
    "story_recall": 1.0,  # 2/2 pairs
    "event_precision": 0.98,  # measured 19/19 pairs
    "event_recall": 0.94,  # measured 19/19 (18/19 = 0.947 fails no floor)
}
#: The same sites with the REST API closed: what the feeds, sitemaps, listings and pages give.
FLOORS_WITHOUT_API = {
    # measured 64/64: the feed, the sections, the front page walked through its ?paged=N
    # pages (plain permalinks) and WordPress core's /?sitemap=index; categories from the
    # themes' rel="category tag" links. The same floors as with the API, but for categories.
    "recall": 1.0,
    "titles": 1.0,
    "published": 1.0,
    "categories": 0.95,  # measured 64/64
    "post_types": 0.96,  # measured 63/64 = 0.984
    "event_ranges": 0.96,  # measured 27/27 = 1.000
    "event_cities": 0.93,  # measured 26/27 = 0.963
    "story_precision": 1.0,
    "story_recall": 1.0,
    "event_precision": 0.98,  # measured 19/19 pairs
    "event_recall": 0.94,  # measured 19/19
}


@dataclass
class WordPressCrawl:
    web: RealWordPress
    returncode: int
    outdir: Path
    items: list[dict[str, Any]]
    report: dict[str, Any]
    log: str
    score: RealScore


@pytest.fixture(scope="session")
def real_wordpress(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealWordPress]:
    """Both WordPress sites, provisioned once per session (a dump kept for restores)."""
    require_wordpress()
    folder = tmp_path_factory.mktemp("realwp")
    contents = load_content()
    with WordPressStack(folder / "servers", [c.site for c in contents]) as stack:
        yield provision(stack, folder / "dump")


def _crawl(web: RealWordPress, tmp: Path, args: list[str] | None = None) -> WordPressCrawl:
    registry = tmp / "registry.yaml"
    registry.write_text(web.registry_yaml(), "utf-8")
    outdir = tmp / "out"
    proc = run_crawl(outdir, registry, args=args)
    items, report = read_run(outdir)
    return WordPressCrawl(web, proc.returncode, outdir, items, report, proc.stderr + proc.stdout,
                          score(items, web.posts, web.hidden))


@pytest.fixture(scope="session")
def wordpress_crawl(real_wordpress: RealWordPress,
                    tmp_path_factory: pytest.TempPathFactory) -> WordPressCrawl:
    """One real crawl of both sites; the run's own posts.jsonl (grouping ids included)."""
    return _crawl(real_wordpress, tmp_path_factory.mktemp("realwp-crawl"))


@pytest.fixture(scope="session")
def wordpress_crawl_without_api(real_wordpress: RealWordPress,
                                tmp_path_factory: pytest.TempPathFactory) -> WordPressCrawl:
    """Both sites with the REST API closed to visitors (401, as security plugins do): the
    crawler must fall back to feeds, sitemaps, listings and the pages themselves."""
    stack = real_wordpress.stack
    dbs = [c.site.db for c in real_wordpress.contents]
    for db in dbs:
        stack.sql("INSERT INTO wp_options (option_name, option_value, autoload) "
                  "VALUES ('realwp_rest_closed', '1', 'yes')", db=db)
    try:
        for c in real_wordpress.contents:
            route = "/wp-json/wp/v2/posts" if c.site.permalinks else "/?rest_route=/wp/v2/posts"
            status, _, body = _get(stack, c.site.host, route)
            assert status == 401, (c.site.host, status, body[:200])
        return _crawl(real_wordpress, tmp_path_factory.mktemp("realwp-crawl-noapi"))
    finally:
        for db in dbs:
            stack.sql("DELETE FROM wp_options WHERE option_name = 'realwp_rest_closed'", db=db)


def _get(stack: WordPressStack, host: str, path: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": f"{host}:{stack.port}"})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def _listening(pids: list[int]) -> set[str]:
    """Local addresses of the TCP sockets these processes listen on (from /proc)."""
    inodes: set[str] = set()
    for pid in pids:
        fds = Path(f"/proc/{pid}/fd")
        for fd in fds.iterdir() if fds.exists() else []:
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            cols = line.split()
            if cols[3] == "0A" and cols[9] in inodes:  # 0A: LISTEN
                addr, port = cols[1].split(":")
                if len(addr) == 8:
                    ip = ".".join(str(int(addr[i:i + 2], 16)) for i in (6, 4, 2, 0))
                else:
                    ip = "ipv6:" + addr
                found.add(f"{ip}:{int(port, 16)}")
    return found


def test_servers_listen_on_loopback_only(real_wordpress: RealWordPress) -> None:
    stack = real_wordpress.stack
    assert stack.sql("SELECT @@skip_networking").stdout.strip() == "1"
    pids = [proc.pid for _, proc in stack.procs]
    for pid in list(pids):  # nginx and php-fpm workers too
        children = Path(f"/proc/{pid}/task/{pid}/children")
        if children.exists():
            pids += [int(c) for c in children.read_text().split()]
    assert _listening(pids) == {f"127.0.0.1:{stack.port}"}
    assert "listen = " + str(stack.fpm_socket) in (stack.folder / "php-fpm.conf").read_text()


def test_the_sites_are_what_the_tests_need(real_wordpress: RealWordPress) -> None:
    """Enough posts to page, every kind of hidden row present (so 'none hidden' can fail),
    and the ground truth's titles equal to what the REST API renders."""
    stack = real_wordpress.stack
    for content in real_wordpress.contents:
        site = content.site
        published = [p for p in real_wordpress.posts if p.site_id == content.conf["id"]]
        assert len(published) >= 30
        hidden = {(h["type"], h["status"]) for h in real_wordpress.hidden
                  if h["site_id"] == content.conf["id"]}
        for kind in [("post", "draft"), ("post", "private"), ("post", "pending"),
                     ("post", "future"), ("post", "trash"), ("revision", "inherit"),
                     ("page", "publish")]:
            assert kind in hidden, (site.host, kind)
        root = "/?rest_route=/wp/v2/posts&" if not site.permalinks else "/wp-json/wp/v2/posts?"
        status, headers, body = _get(stack, site.host, root + "per_page=10")
        assert status == 200, body[:300]
        assert int(headers["x-wp-totalpages"]) >= 4
        status, _, body = _get(stack, site.host, root + "per_page=100")
        api_titles = {p["link"]: p["title"]["rendered"] for p in json.loads(body)}
        assert {u: html.unescape(t) for u, t in api_titles.items()} == {
            p.url: p.title for p in published
        }
    assert real_wordpress.themes == {
        "pl-wp-baltycki-klaster-wodoru": "twentytwentythree (block)",
        "de-wp-sensorik-cluster-elbtal": "realwp-classic (classic)",
    }
    # wptexturize's work is visible in the ground truth (typographic quotes and dashes)
    titles = " ".join(p.title for p in real_wordpress.posts)
    assert "–" in titles and ("“" in titles or "„" in titles)
    assert '"' not in titles and " - " not in titles


def test_crawl_exits_cleanly(wordpress_crawl: WordPressCrawl) -> None:
    assert wordpress_crawl.returncode == 0, wordpress_crawl.log[-3000:]
    statuses = {s["site_id"]: s["status"] for s in wordpress_crawl.report["sites"]}
    assert set(statuses.values()) == {"ok"}, statuses


def test_every_line_is_valid_against_the_schema(wordpress_crawl: WordPressCrawl) -> None:
    bad = {i["url"]: validation_errors(i) for i in wordpress_crawl.items
           if validation_errors(i)}
    assert not bad


def test_every_published_post_found_and_nothing_hidden(wordpress_crawl: WordPressCrawl) -> None:
    s = wordpress_crawl.score
    assert s.missing == [], s.summary()
    assert s.hidden_seen == [], s.summary()
    assert s.extra == [], s.summary()
    assert s.duplicates == 0, s.summary()


def test_wp_api_channel_on_both_permalink_styles(wordpress_crawl: WordPressCrawl) -> None:
    """Pretty permalinks: /wp-json/; plain ones: ?rest_route= (found from the page's link)."""
    by_site: dict[str, set[str]] = {}
    for item in wordpress_crawl.items:
        crawl = item["crawl"]
        assert crawl["channel"] == "wp_api", (item["url"], crawl)
        by_site.setdefault(item["site_id"], set()).add(
            "rest_route" if "rest_route=" in crawl["fetched_url"] else "wp-json")
    assert by_site == {"pl-wp-baltycki-klaster-wodoru": {"wp-json"},
                       "de-wp-sensorik-cluster-elbtal": {"rest_route"}}


def test_titles_dates_and_categories_exact(wordpress_crawl: WordPressCrawl) -> None:
    s = wordpress_crawl.score
    f = s.figures()
    detail = "\n".join([s.summary(), *s.mismatches])
    assert (f["titles"], f["published"], f["categories"]) == (1.0, 1.0, 1.0), detail


def _gate(label: str, s: RealScore, floors: dict[str, float]) -> None:
    """Print the figures (and which of the issue's targets are missed) and hold the floors."""
    measured = s.figures()
    print(f"\n{label} ({s.truth_posts} published posts on 2 sites): {s.summary()}")
    for name, floor in floors.items():
        target = TARGETS.get(name)
        miss = "  BELOW TARGET" if target is not None and measured[name] < target else ""
        print(f"  {name:16s} {measured[name]:.3f}  (floor {floor:.2f}"
              + (f", target {target:.2f}" if target is not None else "") + f"){miss}")
    for line in s.mismatches:
        print("   ", line)
    for line in s.missing:
        print("    missing", line)
    for line in s.spurious_events:
        print("    spurious event", line)
    for pair in s.events.missed:
        print("    event pair missed", pair)
    for pair in s.events.false_merges + s.stories.false_merges:
        print("    false merge", pair)
    for pair in s.stories.missed:
        print("    story pair missed", pair)
    below = {k: round(measured[k], 3) for k, floor in floors.items() if measured[k] < floor}
    assert not below, f"below the pinned floors: {below}\n" + "\n".join(s.mismatches)


def test_quality_floors(wordpress_crawl: WordPressCrawl, capsys: pytest.CaptureFixture[str]
                        ) -> None:
    with capsys.disabled():
        _gate("real WordPress", wordpress_crawl.score, FLOORS)


def test_without_rest_api_nothing_hidden_and_floors(
    wordpress_crawl_without_api: WordPressCrawl, capsys: pytest.CaptureFixture[str]
) -> None:
    crawl = wordpress_crawl_without_api
    assert crawl.returncode == 0, crawl.log[-3000:]
    for site in crawl.report["sites"]:
        assert not site["channels"]["wp_api"]["exists"], site["site_id"]
        assert site["status"] == "ok", site
    s = crawl.score
    assert s.hidden_seen == [] and s.extra == [] and s.duplicates == 0, s.summary()
    with capsys.disabled():
        _gate("real WordPress, REST API closed", s, FLOORS_WITHOUT_API)


#: A week of editing: what a re-crawl must report as new, updated and gone.
WEEK_OF_EDITS: dict[str, list[dict[str, str]]] = {
    "pl-wp.localhost": [
        {"op": "unpublish", "slug": "przerwa-wakacyjna-biura"},
        {"op": "trash", "slug": "wyniki-ankiety-czlonkow"},
        {"op": "edit", "slug": "zarzad-klastra-kolejna-kadencja",
         "title": "Zarząd klastra wybrany na kolejną kadencję (aktualizacja)",
         "append": "Aktualizacja: do zarządu dołączył przedstawiciel samorządu województwa."},
        {"op": "new", "slug": "klaster-na-targach-w-grudniu", "category": "Aktualności",
         "title": "Klaster na grudniowych targach energetyki",
         "content": "Nasze stoisko odwiedziło ponad trzystu gości. Dziękujemy wystawcom."},
    ],
    "de-wp.localhost": [
        {"op": "private", "slug": "sommerpause-geschaeftsstelle"},
        {"op": "edit", "slug": "geschaeftsstelle-umgezogen",
         "append": "Nachtrag: Der Besprechungsraum kann ab sofort online gebucht werden."},
    ],
}
EXPECTED_COUNTS = {
    "pl-wp-baltycki-klaster-wodoru": {"new": 1, "updated": 1, "gone": 2},
    "de-wp-sensorik-cluster-elbtal": {"new": 0, "updated": 1, "gone": 1},
}


def _access_lines(log: Path, start: int) -> list[tuple[str, str, int, int]]:
    """(host, request line, status, bytes sent) of nginx's log lines after byte ``start``."""
    out = []
    with log.open("rb") as fh:
        fh.seek(start)
        for raw in fh.read().decode("utf-8", "replace").splitlines():
            host, _, rest = raw.partition(' "')
            request, _, tail = rest.rpartition('" ')
            status, sent = tail.split()
            out.append((host, request, int(status), int(sent)))
    return out


def test_recrawl_after_a_week_of_edits(wordpress_crawl: WordPressCrawl,
                                       tmp_path: Path) -> None:
    """The second run, on the first run's state, reports exactly what WordPress changed;
    the provisioned database is restored afterwards from the session's dump."""
    web = wordpress_crawl.web
    stack = web.stack
    assert web.dump is not None
    outdir = tmp_path / "out"
    shutil.copytree(wordpress_crawl.outdir, outdir)
    registry = tmp_path / "registry.yaml"
    registry.write_text(web.registry_yaml(), "utf-8")
    # nothing changed yet: one small request per site, the posts' index
    start = stack.access_log.stat().st_size
    proc = run_crawl(outdir, registry)
    assert proc.returncode == 0, (proc.stderr + proc.stdout)[-3000:]
    items, report = read_run(outdir)
    assert items == [] and {s["requests"] for s in report["sites"]} == {1}
    lines = _access_lines(stack.access_log, start)
    assert sorted(h for h, _r, _s, _n in lines) == sorted(c.site.host for c in web.contents), [
        (h, r, s) for h, r, s, _n in lines]
    assert all("_fields=id,modified_gmt,link" in r and "orderby=modified" in r and s == 200
               and n <= 5 * 1024 for _h, r, s, n in lines), lines
    start = stack.access_log.stat().st_size
    try:
        for content in web.contents:
            stack.php(HERE / "mutate.php", content.site,
                      stdin=json.dumps(WEEK_OF_EDITS[content.site.host]))
        proc = run_crawl(outdir, registry)
        assert proc.returncode == 0, (proc.stderr + proc.stdout)[-3000:]
        items, report = read_run(outdir)
    finally:
        stack.restore(web.dump)
    before = [(p.url, p.title, p.date_gmt) for p in web.posts]
    web.read_truth()
    assert [(p.url, p.title, p.date_gmt) for p in web.posts] == before, "restore failed"
    counts = {s["site_id"]: {k: s["counts"][k] for k in ("new", "updated", "gone")}
              for s in report["sites"]}
    assert counts == EXPECTED_COUNTS, counts
    # the changes came from the index and include=, never from a walk of rendered posts
    api = [r for _h, r, _s, _n in _access_lines(stack.access_log, start)
           if "wp-json" in r or "rest_route" in r]
    assert api and all("_fields=" in r or "include=" in r for r in api), api
    assert any("include=" in r for r in api)
    statuses = sorted((i["crawl"]["status"], i["title"]) for i in items)
    assert statuses == [
        ("new", "Klaster na grudniowych targach energetyki"),
        ("updated", "Wir sind umgezogen"),
        ("updated", "Zarząd klastra wybrany na kolejną kadencję (aktualizacja)"),
    ], statuses
    gone = {u for s in report["sites"] for u in s["gone"]}
    by_slug = {p.slug: p.url for p in web.posts}
    assert gone == {by_slug[s] for s in ("przerwa-wakacyjna-biura", "wyniki-ankiety-czlonkow",
                                         "sommerpause-geschaeftsstelle")}, gone
    # the cumulative file: the gone posts left it, the new one joined it
    live = [json.loads(line) for line in
            (outdir / "posts.jsonl").read_text("utf-8").splitlines() if line]
    assert len(live) == len(web.posts) - 3 + 1
    assert not gone & {i["url"] for i in live}


def test_postponed_event_takes_its_new_day(wordpress_crawl: WordPressCrawl) -> None:
    """The post that moves the expert day ("Verschoben: … findet am 17. September statt")
    gives the new day and says the event is postponed."""
    moved = [i for i in wordpress_crawl.items if str(i.get("title", "")).startswith("Verschoben")]
    assert len(moved) == 1, [i.get("title") for i in wordpress_crawl.items]
    event = moved[0]["event"] or {}
    assert (str(event.get("start"))[:10], event.get("status")) == ("2026-09-17", "postponed")
    assert moved[0]["post_type"] == "event_announcement"
