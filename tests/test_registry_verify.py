"""``clustercrawl registry verify`` against real loopback servers: the demo web and the fault web.

The command runs as a user would run it (``python -m clustercrawl.cli``, its own process and
reactor); the demo web's ground truth says which channels each site has, the fault web's
cases say how each site breaks, and its access log shows what was (never) requested.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from clustercrawl.registry import load_registry
from clustercrawl.registry.writeback import dump_roundtrip, load_roundtrip
from tests.conftest import ROOT
from tests.faultweb import CASES, SSRF_PREFIX, FaultWeb

#: Loopback servers need no delay; their hosts are <name>.localhost (allowed past the guard).
SETTINGS = [
    "-s", "CLUSTERCRAWL_ALLOWED_PRIVATE_HOSTS=*.localhost", "-s", "DOWNLOAD_DELAY=0",
    "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_TIMEOUT=3",
]  # fmt: skip


def verify(registry: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], list[Any]]:
    out = registry.with_suffix(".verify.json")
    proc = subprocess.run(
        [sys.executable, "-m", "clustercrawl.cli", "registry", "verify", "--registry",
         str(registry), "--json", str(out), *SETTINGS, *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    results = json.loads(out.read_text("utf-8")) if out.exists() else []
    return proc, results


# ------------------------------------------------------------------ the demo web


@pytest.fixture(scope="module")
def demo_verify(demo_web: Any, demo_server: Any, tmp_path_factory: pytest.TempPathFactory
                ) -> tuple[dict[str, Any], dict[str, Any]]:
    registry = tmp_path_factory.mktemp("verify-demo") / "registry.yaml"
    registry.write_text(demo_web.registry_yaml(demo_server.port), "utf-8")
    proc, results = verify(registry)
    assert proc.returncode == 0, proc.stderr[-3000:]
    truth = {s["id"]: s for s in demo_web.ground_truth(demo_server.port)["sites"]}
    return {r["site_id"]: r for r in results}, truth


def test_demo_every_site_reachable_with_its_language_and_cms(
    demo_verify: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    results, truth = demo_verify
    assert set(results) == set(truth)
    for site_id, site in truth.items():
        res = results[site_id]
        assert res["status"] == "ok", res
        assert res["http_status"] == 200
        assert res["language"] == site["languages"][0], site_id
        expected_cms = site["cms"] if site["cms"] in ("wordpress", "joomla", "typo3",
                                                      "drupal") else None
        assert res["cms"] == expected_cms, site_id


def test_demo_channels_match_the_ground_truth(
    demo_verify: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    results, truth = demo_verify
    for site_id, site in truth.items():
        channels = results[site_id]["channels"]
        found = {k for k in ("wp_api", "feed", "sitemap") if channels[k]}
        if channels["news"] or channels["events"]:
            found.add("listing")
        assert found == set(site["channels"]) - {"link"}, site_id
        host = site["base_url"].rstrip("/")
        for urls in channels.values():
            assert all(u.startswith(host) for u in urls), (site_id, urls)


def test_demo_redirect_followed_to_the_canonical_homepage(
    demo_verify: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    results, _truth = demo_verify
    moved = [r for r in results.values() if r["redirects"]]
    assert moved, "the demo web has a homepage that redirects (Joomla /index.php/es/)"
    for res in moved:
        assert res["final_url"] != res["homepage"]
        assert res["redirects"][0] == res["homepage"]
        assert res["status"] == "ok"  # same origin: not a move


# ------------------------------------------------------------------ the fault web

#: How verify names what the crawl report calls "error" when the SSRF guard refused it, and
#: "empty" (a crawl-level verdict: the homepage itself is fine).
VERIFY_STATUS = {"redirip": "refused", "redirname": "refused", "iphome": "refused",
                 "robotsnews": "ok",
                 # run-level verdicts of sites whose homepage is fine (breaker, budget)
                 "sitemap404": "ok", "feedjunk": "ok", "bigsite": "ok"}


@pytest.fixture(scope="module")
def fault_verify(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with FaultWeb() as web:
        registry = web.write_registry(tmp_path_factory.mktemp("verify-fault") / "registry.yaml")
        proc, results = verify(registry)
        yield web, proc, {r["site_id"]: r for r in results}


def test_fault_web_statuses(fault_verify: Any) -> None:
    _web, proc, results = fault_verify
    assert proc.returncode == 0, proc.stderr[-3000:]
    for case in CASES:
        expected = VERIFY_STATUS.get(case.name, case.status)
        assert results[case.site_id]["status"] in expected.split("|"), (
            case.name, results[case.site_id])
    # the invalid registry entries are reported, not verified
    assert "xq-broken-country" in proc.stderr
    assert "xq-broken-country" not in results


def test_fault_web_reasons_and_channels(fault_verify: Any) -> None:
    _web, _proc, results = fault_verify
    assert "429" in results["pl-fault-ratelimit"]["reason"]
    assert "Cloudflare" in results["pl-fault-challenge"]["reason"]
    assert "SSRF" in results["pl-fault-redirip"]["reason"]
    assert results["pl-fault-healthy"]["channels"]["feed"]
    assert results["pl-fault-badsitemap"]["channels"]["sitemap"]
    assert results["pl-fault-jsshell"]["channels"] == {k: [] for k in
                                                       ("wp_api", "feed", "sitemap", "news",
                                                        "events")}


def test_fault_web_robots_obeyed_and_guard_holds(fault_verify: Any) -> None:
    web, _proc, results = fault_verify
    assert results["pl-fault-robotsnews"]["channels"]["news"] == []
    assert web.hits("robotsnews", "/aktualnosci/") == [], "robots.txt disallows the section"
    assert web.hits("robotsnews", "/robots.txt"), "robots.txt is read first"
    for case in CASES:
        assert web.hits(case.name, SSRF_PREFIX) == [], case.name
    # robots.txt that never answers does not keep the site from being checked
    assert results["pl-fault-robotsstall"]["status"] == "ok"


# ------------------------------------------------------------------ --write


COMMENTED = """\
# Hand-written header comment: must survive --write.
schema_version: 1
sites:
"""


def test_write_round_trips_the_yaml_and_keeps_comments(
    demo_web: Any, demo_server: Any, tmp_path: Path
) -> None:
    body = demo_web.registry_yaml(demo_server.port).split("sites:\n", 1)[1]
    body = body.replace("  - id: it-demo-cluster-nautico",
                        "  # the Ligurian one: keep this comment\n"
                        "  - id: it-demo-cluster-nautico  # and this one", 1)
    registry = tmp_path / "registry.yaml"
    registry.write_text(COMMENTED + body, "utf-8")
    before = yaml.safe_load(registry.read_text("utf-8"))
    proc, results = verify(registry, "--sites", "it-demo-cluster-nautico,pl-demo-klaster-innowacji",
                           "--write")
    assert proc.returncode == 0, proc.stderr[-3000:]
    text = registry.read_text("utf-8")
    assert text.startswith("# Hand-written header comment: must survive --write.\n")
    assert "# the Ligurian one: keep this comment" in text
    assert "it-demo-cluster-nautico  # and this one" in text
    loaded = load_registry(registry)
    assert loaded.errors == []
    sites = {s.id: s for s in loaded.sites}
    wp = sites["pl-demo-klaster-innowacji"]
    assert wp.verified == "crawled"
    assert wp.verified_on == results[0]["checked_on"]
    assert wp.last_check is not None and wp.last_check.status == "ok"
    assert [u.url for u in wp.wp_api] == next(
        r for r in results if r["site_id"] == wp.id)["channels"]["wp_api"]
    assert wp.feeds and all(u.status == "seen" for u in wp.feeds)
    # entries not verified are untouched, and order is kept
    after = yaml.safe_load(text)
    assert [e["id"] for e in after["sites"]] == [e["id"] for e in before["sites"]]
    untouched = [e for e in after["sites"] if e["id"] == "de-demo-cluster-mechatronik"]
    assert untouched == [e for e in before["sites"] if e["id"] == "de-demo-cluster-mechatronik"]
    # a second pass with the same findings changes nothing
    assert dump_roundtrip(load_roundtrip(registry)) == text


def test_bundled_registry_round_trips_byte_for_byte() -> None:
    path = ROOT / "clustercrawl" / "data" / "registry.yaml"
    assert dump_roundtrip(load_roundtrip(path)) == path.read_text("utf-8")


def test_verify_refuses_unknown_filters(tmp_path: Path) -> None:
    for args, needle in ((["--country", "XQ"], "XQ"), (["--type", "castle"], "castle"),
                         (["--language", "zz"], "zz"), (["--sites", "nope"], "nope")):
        proc = subprocess.run(
            [sys.executable, "-m", "clustercrawl.cli", "registry", "verify", *args],
            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
        )
        assert proc.returncode == 2
        assert needle in proc.stderr and "Traceback" not in proc.stderr
