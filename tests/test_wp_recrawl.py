"""Re-crawls of WordPress sites cost bytes, not pages (spiders/wp_recrawl.py).

Three WordPress sites of the demo web (pretty and plain permalinks) are crawled in full,
again unchanged (one small request per site), and a week later: the posts' index (ids and
modification dates) tells the new and edited posts, fetched in full by ``include=``, and
X-WP-Total tells that posts were removed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from clustercrawl.demoweb import DemoServer, generate
from clustercrawl.urls import url_key
from tests.conftest import read_run, run_crawl

pytestmark = pytest.mark.e2e

SEED, EXTRA, PER_SITE = 2014, 6, 20


def _per_host(server: DemoServer) -> dict[str, list[tuple[str, int]]]:
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for host, path, sent in server.bytes_log:
        out[host].append((path, sent))
    return out


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    web0 = generate(seed=SEED, extra_sites=EXTRA, posts_per_site=PER_SITE)
    wp = [s for s in web0.sites if s.cms in ("wp", "wp_plain")]
    assert len(wp) >= 3
    tmp = tmp_path_factory.mktemp("wp-recrawl")
    args = ["-a", "sites=" + ",".join(s.id for s in wp)]
    result: dict[str, Any] = {"hosts": {s.host for s in wp}}
    with DemoServer(web0) as server:
        registry = tmp / "registry.yaml"
        registry.write_text(web0.registry_yaml(server.port), "utf-8")
        out = tmp / "out"
        for n in (1, 2, 3):
            if n == 3:
                web1 = generate(seed=SEED, extra_sites=EXTRA, posts_per_site=PER_SITE,
                                revision=1)
                server.set_web(web1)
                result["changes"] = {
                    k: {url_key(u) for u in v if any(h in u for h in result["hosts"])}
                    for k, v in web1.changes_since(0, server.port).items()
                }
            server.clear_log()
            proc = run_crawl(out, registry, {"CLUSTERCRAWL_WP_PER_PAGE": "100"}, args)
            assert proc.returncode == 0, proc.stderr[-3000:]
            result[f"run{n}"] = read_run(out)
            result[f"log{n}"] = _per_host(server)
    return result


def test_unchanged_site_costs_one_small_request(runs: dict[str, Any]) -> None:
    items, manifest = runs["run2"]
    assert items == [] and manifest["counts"]["emitted"] == 0
    for host in runs["hosts"]:
        log = runs["log2"][host]
        assert len(log) == 1, log
        path, sent = log[0]
        assert "_fields=" in path and "orderby=modified" in path
        assert sent <= 5 * 1024
        full = sum(n for _p, n in runs["log1"][host])
        assert sent * 10 < full  # far below the first crawl's transfer


def test_week_later_new_edited_removed_by_index(runs: dict[str, Any]) -> None:
    items, manifest = runs["run3"]
    changes = runs["changes"]
    assert changes["new"] and changes["updated"] and changes["gone"]
    by_status: dict[str, set[str]] = defaultdict(set)
    for item in items:
        by_status[item["crawl"]["status"]].add(url_key(item["url"]))
    assert by_status["new"] == changes["new"]
    assert by_status["updated"] == changes["updated"]
    gone = {url_key(u) for site in manifest["sites"] for u in site["gone"]}
    assert gone == changes["gone"]
    for host in runs["hosts"]:
        paths = [p for p, _n in runs["log3"][host]]
        api = [p for p in paths if "wp-json" in p or "rest_route" in p]
        # full posts only by include=, never a walk of the rendered posts
        assert all("_fields=" in p or "include=" in p for p in api), api
        removed = sum(1 for k in changes["gone"] if host in k)
        # index (+ its walk when posts were removed) + include + one 404 per removed post
        assert len(paths) <= 3 + removed, paths
        assert len(paths) - len(api) == removed


def test_manifest_tells_the_cheap_recrawl(runs: dict[str, Any]) -> None:
    _items, manifest = runs["run2"]
    assert len(manifest["sites"]) == len(runs["hosts"])
    for site in manifest["sites"]:
        assert site["mode"] == "incremental" and site["status"] == "ok"
        assert site["requests"] == 1
        assert site["counts"]["unchanged"] > 0
        assert site["channels"]["wp_api"]["exists"]
