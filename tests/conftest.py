"""Shared fixtures: the demo web on loopback and one real crawl of it per test session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

#: Loopback sites need no politeness delay; the paging setting makes the WP API page.
TEST_CRAWL_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CLUSTERCRAWL_WP_PER_PAGE": "10",
    "LOG_LEVEL": "INFO",
    # the loopback test sites are <name>.localhost: let the SSRF guard allow them
    "CLUSTERCRAWL_ALLOWED_PRIVATE_HOSTS": "*.localhost",
}


@dataclass
class CrawlResult:
    returncode: int
    outdir: Path
    items: list[dict[str, Any]]
    report: dict[str, Any]
    log: str
    truth: dict[str, Any]


def run_crawl(
    outdir: Path,
    registry: Path,
    extra_settings: dict[str, str] | None = None,
    args: list[str] | None = None,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    """The real ``scrapy crawl clusters`` command, in its own process (its own reactor)."""
    settings = {
        **TEST_CRAWL_SETTINGS,
        "CLUSTERCRAWL_OUTPUT_DIR": str(outdir),
        **(extra_settings or {}),
    }
    cmd = [sys.executable, "-m", "scrapy", "crawl", "clusters", "-a", f"registry={registry}"]
    for k, v in settings.items():
        cmd += ["-s", f"{k}={v}"]
    cmd += args or []
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run(
        cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env, check=False
    )


def read_run(outdir: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The latest run's posts and manifest under ``outdir``."""
    runs = sorted(p for p in (outdir / "runs").glob("*") if p.is_dir())
    if not runs:
        return [], {}
    posts = runs[-1] / "posts.jsonl"
    items: list[dict[str, Any]] = []
    if posts.exists():
        items = [json.loads(line) for line in posts.read_text("utf-8").splitlines() if line]
    manifest = runs[-1] / "manifest.json"
    report = json.loads(manifest.read_text("utf-8")) if manifest.exists() else {}
    return items, report


@pytest.fixture(scope="session")
def demo_web() -> Any:
    from clustercrawl.demoweb import generate

    return generate(seed=2014)


@pytest.fixture(scope="session")
def demo_server(demo_web: Any) -> Any:
    from clustercrawl.demoweb import DemoServer

    with DemoServer(demo_web) as server:
        yield server


#: A bad registry entry crawled beside the demo sites: it must be reported, the rest crawled.
BROKEN_ENTRY = {
    "id": "xx-broken-entry",
    "name": "A registry entry with a bad country",
    "country": "XQ",
    "homepage": "http://broken-entry.localhost/",
}


@pytest.fixture(scope="session")
def demo_crawl(
    demo_web: Any, demo_server: Any, tmp_path_factory: pytest.TempPathFactory
) -> CrawlResult:
    """One full crawl of the demo web, shared by the end-to-end tests."""
    tmp = tmp_path_factory.mktemp("demo-crawl")
    registry = tmp / "registry.yaml"
    data = yaml.safe_load(demo_web.registry_yaml(demo_server.port))
    data["sites"].append(BROKEN_ENTRY)
    registry.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    outdir = tmp / "out"
    proc = run_crawl(outdir, registry)
    items, report = read_run(outdir)
    return CrawlResult(
        proc.returncode,
        outdir,
        items,
        report,
        proc.stderr + proc.stdout,
        demo_web.ground_truth(demo_server.port),
    )


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A real redis-server on 127.0.0.1 (free port, password), stopped after the session;
    skips without Debian's redis-server, except in CI (see tests/redis_fixture.py)."""
    from tests.redis_fixture import RedisServer, require_redis_server

    require_redis_server()
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server
