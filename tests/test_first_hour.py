"""A user's first hour (issue 13), with the real commands in a temporary folder: ``./crawl``
twice on the demo web, ``full=1``, then ``./crawl --real`` with every site unreachable; and the
``clustercrawl`` tools (sites, status, export, purge) on what those runs left."""

from __future__ import annotations

import csv
import json
import os
import re
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.e2e

#: Two demo sites keep the runs short; the rest of the demo web is crawled elsewhere.
DEMO_SITES = "pl-demo-klaster-innowacji,it-demo-cluster-nautico"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run(cmd: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("CLUSTERCRAWL_OUTPUT_DIR", None)
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env=env, check=False)


def crawl(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``./crawl`` itself, called from a folder outside the project, output relative to it."""
    return run([str(ROOT / "crawl"), "--output", "out", *args], cwd=tmp)


def tool(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "clustercrawl.cli", *args], cwd=tmp)


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]


@dataclass
class FirstHour:
    tmp: Path
    first: subprocess.CompletedProcess[str]
    second: subprocess.CompletedProcess[str]
    full: subprocess.CompletedProcess[str]
    real: subprocess.CompletedProcess[str]
    first_posts: list[dict[str, object]]


@pytest.fixture(scope="module")
def first_hour(tmp_path_factory: pytest.TempPathFactory) -> FirstHour:
    tmp = tmp_path_factory.mktemp("first-hour")
    port = str(free_port())
    demo = ["--demo", "--demo-port", port, "--", "-a", f"sites={DEMO_SITES}"]
    first = crawl(tmp, *demo, "-s", "CLUSTERCRAWL_PROGRESS_INTERVAL=1")
    first_posts = lines(tmp / "out" / "demo" / "posts.jsonl") if first.returncode == 0 else []
    # extraction in the crawling process: half the time of a worker pool on 70 posts
    demo += ["-s", "CLUSTERCRAWL_EXTRACT_PROCESSES=0"]
    second = crawl(tmp, *demo)
    full = crawl(tmp, *demo, "-a", "full=1")
    # "real" sites that cannot answer (.invalid never resolves): no test reaches the internet
    registry = tmp / "unreachable.yaml"
    registry.write_text(
        "schema_version: 1\nsites:\n"
        + "".join(f"  - id: pl-nowhere-{i}\n    name: Nowhere {i}\n    country: PL\n"
                  f"    homepage: http://nowhere-{i}.invalid/\n" for i in range(2)),
        "utf-8")
    real = crawl(tmp, "--real", "--", "-a", f"registry={registry}",
                 "-s", "CLUSTERCRAWL_EXTRACT_PROCESSES=0")
    return FirstHour(tmp, first, second, full, real, first_posts)


def test_demo_run_names_its_files_and_shows_progress(first_hour: FirstHour) -> None:
    r = first_hour.first
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-3000:]
    out = first_hour.tmp / "out" / "demo"
    assert first_hour.first_posts, "the demo crawl found no post"
    for label, path in (("dataset", out / "posts.jsonl"), ("calendar", out / "events.ics")):
        assert f"{label}:" in r.stdout and str(Path("out") / "demo" / path.name) in r.stdout
        assert path.exists()
    report_line = next(x for x in r.stdout.splitlines() if x.strip().startswith("report:"))
    assert (first_hour.tmp / report_line.split(":", 1)[1].strip()).exists()
    assert "health: ok" in r.stdout
    # the progress extension: sites done / total and posts so far, and the closing lines
    assert "progress: " in r.stderr and "/2 sites done" in r.stderr
    assert "health: ok (2 sites" in r.stderr
    # the demo never writes into the real dataset
    assert not (first_hour.tmp / "out" / "posts.jsonl").exists() or not any(
        "-demo-" in str(p["site_id"]) for p in lines(first_hour.tmp / "out" / "posts.jsonl"))


def test_second_demo_run_is_healthy_and_finds_nothing_new(first_hour: FirstHour) -> None:
    r = first_hour.second
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-3000:]
    assert "0 new or updated post(s)" in r.stdout and "health: ok" in r.stdout
    assert len(lines(first_hour.tmp / "out" / "demo" / "posts.jsonl")) == len(
        first_hour.first_posts)


def test_full_demo_run_never_duplicates(first_hour: FirstHour) -> None:
    r = first_hour.full
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-3000:]
    posts = lines(first_hour.tmp / "out" / "demo" / "posts.jsonl")
    assert len(posts) == len(first_hour.first_posts)
    assert len({p["url"] for p in posts}) == len(posts)
    sizes: dict[object, set[object]] = {}
    for p in posts:
        sizes.setdefault(p["story_id"], set()).add(p["story_size"])
    assert all(len(s) == 1 for s in sizes.values()), "copies of a story disagree on story_size"


def test_real_run_without_any_answer_fails_and_holds_no_demo_post(first_hour: FirstHour) -> None:
    r = first_hour.real
    assert r.returncode == 5, r.stdout[-2000:] + r.stderr[-3000:]
    verdict = [x for x in r.stdout.splitlines() if x.startswith("health:")]
    assert len(verdict) == 1 and "FAILED" in verdict[0] and "no site answered" in verdict[0]
    real = first_hour.tmp / "out" / "posts.jsonl"
    assert not any("-demo-" in str(p["site_id"]) for p in lines(real))
    assert "demo" not in (first_hour.tmp / "out" / "events.ics").read_text("utf-8").lower()


def test_status_lists_local_runs_without_redis(first_hour: FirstHour) -> None:
    demo = tool(first_hour.tmp, "status", "--output", "out", "--demo", "--json")
    assert demo.returncode == 0, demo.stderr
    runs = json.loads(demo.stdout)
    assert [r["health"] for r in runs] == ["ok", "ok", "ok"]
    assert [r["run_posts"] for r in runs][1:] == [0, len(first_hour.first_posts)]
    real = tool(first_hour.tmp, "status", "--output", "out")
    assert real.returncode == 0 and "FAILED" in real.stdout and "no site answered" in real.stdout
    assert tool(first_hour.tmp, "status", "--output", "elsewhere").returncode == 1


def test_sites_lists_and_shows_a_site_with_its_last_status(first_hour: FirstHour) -> None:
    listed = tool(first_hour.tmp, "sites", "--output", "out", "--demo", "--country", "Poland")
    assert listed.returncode == 0, listed.stderr
    assert "pl-demo-klaster-innowacji" in listed.stdout and " ok (" in listed.stdout
    assert "it-demo-cluster-nautico" not in listed.stdout
    one = tool(first_hour.tmp, "sites", "pl-demo-klaster-innowacji", "--output", "out",
               "--demo", "--json")
    info = json.loads(one.stdout)
    assert info["last crawl"]["status"] == "ok" and info["last crawl"]["endpoints"]["wp_api"]
    wrong = tool(first_hour.tmp, "sites", "pl-demo-klaster", "--output", "out", "--demo")
    assert wrong.returncode == 2 and "did you mean pl-demo-klaster-innowacji" in wrong.stderr
    real = tool(first_hour.tmp, "sites", "--country", "PL")  # the bundled registry
    assert real.returncode == 0 and real.stdout.strip().endswith(".yaml")


def test_export_csv_and_parquet_with_since(first_hour: FirstHour) -> None:
    tmp = first_hour.tmp
    posts = first_hour.first_posts
    r = tool(tmp, "export", "all.csv", "--output", "out", "--demo")
    assert r.returncode == 0, r.stderr
    with (tmp / "all.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(posts)
    events = [row for row in rows if row["event_id"]]
    assert events and all(row["event_start"][:4].isdigit() for row in events)
    since = "2025-06-01"
    r = tool(tmp, "export", "recent.parquet", "--output", "out", "--demo", "--since", since)
    assert r.returncode == 0, r.stderr
    table = pq.read_table(tmp / "recent.parquet").to_pylist()
    expected = [p for p in posts
                if isinstance(p["published"], dict) and str(p["published"]["value"]) >= since]
    assert 0 < len(table) == len(expected) < len(posts)
    assert all(str(row["published"]) >= since for row in table)
    bad = tool(tmp, "export", "x.parquet", "--output", "out", "--demo", "--since", "June")
    assert bad.returncode == 2 and "--since June" in bad.stderr


def test_purge_a_site_then_the_demo(first_hour: FirstHour) -> None:
    tmp = first_hour.tmp
    copy = tmp / "copy"
    subprocess.run(["cp", "-r", str(tmp / "out"), str(copy)], check=True)
    r = tool(tmp, "purge", "it-demo-cluster-nautico", "--output", "copy/demo")
    assert r.returncode == 0, r.stderr
    left = lines(copy / "demo" / "posts.jsonl")
    assert left and {p["site_id"] for p in left} == {"pl-demo-klaster-innowacji"}
    for line in lines(copy / "demo" / "events.jsonl"):
        assert "it-demo-cluster-nautico" not in json.dumps(line)
    assert "cluster-nautico" not in (copy / "demo" / "events.ics").read_text("utf-8")
    listed = tool(tmp, "sites", "it-demo-cluster-nautico", "--output", "copy", "--demo")
    assert "last crawl: never crawled" in listed.stdout
    assert tool(tmp, "purge", "nope", "--output", "copy/demo").returncode == 2
    r = tool(tmp, "purge", "--demo", "--output", "copy")
    assert r.returncode == 0 and not (copy / "demo").exists()


def test_demo_posts_an_older_version_left_in_the_real_dataset_are_named_and_purged(
    first_hour: FirstHour, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before the demo had its own folder its posts went to output/: ./crawl --real says so,
    and ``clustercrawl purge --demo`` removes them."""
    from clustercrawl.run import warn_old_demo_posts

    tmp = first_hour.tmp
    legacy = tmp / "legacy"
    subprocess.run(["cp", "-r", str(tmp / "out" / "demo"), str(legacy)], check=True)
    warn_old_demo_posts(legacy)
    assert "holds posts of 2 demo site(s)" in capsys.readouterr().out
    r = tool(tmp, "purge", "--demo", "--output", "legacy")
    assert r.returncode == 0, r.stderr
    assert lines(legacy / "posts.jsonl") == [] and lines(legacy / "events.jsonl") == []
    warn_old_demo_posts(legacy)
    assert capsys.readouterr().out == ""


def test_the_readme_output_table_names_the_files_a_run_writes(first_hour: FirstHour) -> None:
    """README "Output": every file it lists is where it says, after the demo runs."""
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("\n## Output", 1)[1].split("\n## ", 1)[0]
    rows = [x for x in section.splitlines() if x.startswith("| `")]
    names = [n for row in rows for n in re.findall(r"`([^`]+)`", row.split("|")[1])]
    assert "posts.jsonl" in names and "runs/<run>/manifest.json" in names
    demo = first_hour.tmp / "out" / "demo"
    run = sorted(p.name for p in (demo / "runs").iterdir())[0]  # the first run wrote posts
    for name in names:
        if name.startswith("rejected-"):
            continue  # only when an item failed validation
        path = first_hour.tmp / "out" / name if name.startswith("demo/") else demo / name
        assert Path(str(path).replace("<run>", run)).exists(), f"README names {name}: absent"
