"""A finished site is let go of (issue 15: memory flat in the number of sites).

A real crawl of the demo web with many small extra sites on loopback, a few open at once;
when the spider closes, nothing per site is left of the finished ones: no site state, no
per-site stats keys, no request fingerprints, no robots.txt parser, no idle keep-alive
connection, no download slot, and the registry is not held by the spider. Every site still
has its row in the run report, as it had when the states were kept to the end.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from clustercrawl import settings as project_settings
from clustercrawl.demoweb import DemoServer, generate
from tests.conftest import read_run, run_crawl

pytestmark = pytest.mark.e2e


def test_finished_sites_leave_nothing_behind(tmp_path: Path) -> None:
    web = generate(seed=7, extra_sites=40, posts_per_site=2)
    probe_out = tmp_path / "probe.json"
    extensions = {**project_settings.EXTENSIONS, "tests.lifetimes_probe.LifetimesProbe": 0}
    with DemoServer(web) as server:
        registry = tmp_path / "registry.yaml"
        registry.write_text(web.registry_yaml(server.port), "utf-8")
        site_ids = {s["id"] for s in yaml.safe_load(registry.read_text("utf-8"))["sites"]}
        os.environ["LIFETIMES_PROBE_OUT"] = str(probe_out)
        try:
            proc = run_crawl(tmp_path / "out", registry, extra_settings={
                "CLUSTERCRAWL_SITES_OPEN": "5",
                "CLUSTERCRAWL_EXTRACT_PROCESSES": "1",
                "EXTENSIONS": json.dumps(extensions),
            })
        finally:
            del os.environ["LIFETIMES_PROBE_OUT"]
    assert proc.returncode == 0, proc.stderr[-3000:]
    held: dict[str, Any] = json.loads(probe_out.read_text("utf-8"))
    assert held["states"] == 0 and held["finished"] == len(site_ids) == held["reports"]
    assert held["registry_kept"] == 0
    assert held["site_stats_keys"] == []
    assert held["fingerprint_sites"] == 0
    assert held["robots_parsers"] == 0
    assert held["idle_connections"] == 0
    assert held["download_slots"] == 0
    items, manifest = read_run(tmp_path / "out")
    rows = {row["site_id"]: row for row in manifest["sites"]}
    assert set(rows) == site_ids
    assert all(row["status"] == "ok" for row in rows.values()), {
        k: r["status"] for k, r in rows.items() if r["status"] != "ok"}
    assert sum(row["counts"]["new"] for row in rows.values()) == len(items) > 0
    assert all(row["channels"] for row in rows.values())
