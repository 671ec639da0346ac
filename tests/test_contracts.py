"""``scrapy check clusters``: the callbacks' contracts run on the demo web at port 8377, the
port their docstrings name (clustercrawl/contracts.py; README "Commands")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CONTRACT_PORT = 8377


@pytest.mark.e2e
def test_scrapy_check_runs_the_contracts_on_the_demo_web(tmp_path: Path) -> None:
    from clustercrawl.demoweb import DemoServer, generate

    try:
        server = DemoServer(generate(seed=2014), port=CONTRACT_PORT)
    except OSError:
        pytest.skip(f"port {CONTRACT_PORT} is in use: the contracts need the demo web there")
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "SCRAPY_SETTINGS_MODULE": "clustercrawl.settings"}
    env.pop("CLUSTERCRAWL_OUTPUT_DIR", None)

    def scrapy(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=300, check=False)

    with server:
        listed = scrapy("check", "-l", "clusters")
        r = scrapy("check", "clusters")
    assert {"parse_home", "parse_feed", "parse_post"} <= set(
        listed.stdout.replace("*", "").split())
    out = r.stdout + r.stderr
    assert r.returncode == 0, out[-3000:]
    assert "Ran 5 contracts" in out and out.rstrip().endswith("OK")
    assert not (tmp_path / "output").exists()  # a check never writes a dataset
