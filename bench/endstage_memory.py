"""Memory of the end stage alone (group, write the run folder and cumulative files, report),
replayed in a fresh process over the state a real loopback crawl left, with tracemalloc.

    python bench/endstage_memory.py --sites 1000 [--workdir DIR] [--tracemalloc] [--top 25]

The first call crawls ``--sites`` generated sites (``bench/memory_scale.py``'s crawl) into
``DIR/out``; later calls with the same ``--workdir`` reuse it. Each measurement copies the
state, marks every live post pending and starts from an empty group store, so the replay is
the first run's end stage: ``group_run`` then ``finalize`` with the crawl's own manifest. It
prints the peak RSS of that process (``ru_maxrss``), the RSS after each step, and with
``--tracemalloc`` the largest allocations (by traceback) of the snapshot taken at the
highest traced memory (a sampling thread keeps the largest snapshot seen).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import string
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def prepare(workdir: Path, sites: int) -> None:
    """Crawl ``sites`` generated sites into ``workdir/out`` once."""
    if (workdir / "out" / "state" / "state.sqlite").exists():
        return
    sys.path.insert(0, str(ROOT / "bench"))
    import memory_scale  # noqa: PLC0415  bench/, only needed to crawl

    workdir.mkdir(parents=True, exist_ok=True)
    row = memory_scale.crawl_once(sites, 3, 2, workdir)
    print(memory_scale._line(row, 2), flush=True)


def _copy_posts(con: sqlite3.Connection, manifest: dict[str, Any], copies: int) -> None:
    """Every post (and site row) ``copies - 1`` more times, copy ``n`` on its own sites (host
    and site id suffixed) with the ASCII letters of its text rotated by ``n``, so no copy
    is a duplicate of another, and its events ``n`` years later (cities kept), so it reports
    none of theirs: the end stage of a registry ``copies`` times the crawled one, without
    crawling it."""
    from clustercrawl.posts import content_hash  # noqa: PLC0415
    from clustercrawl.urls import post_id, url_key  # noqa: PLC0415

    cols = [r[1] for r in con.execute("PRAGMA table_info(posts)")]
    rows = con.execute(f"SELECT {', '.join(cols)} FROM posts").fetchall()
    sites = list(manifest["sites"])
    for n in range(1, copies):
        tag = "q" + "".join(chr(97 + int(d)) for d in str(n))
        shift = n % 25 + 1  # letters rotated: no character shingle of the original is kept
        rotate = str.maketrans(
            string.ascii_lowercase + string.ascii_uppercase,
            string.ascii_lowercase[shift:] + string.ascii_lowercase[:shift]
            + string.ascii_uppercase[shift:] + string.ascii_uppercase[:shift])

        def respell(text: Any, rotate: dict[int, int] = rotate) -> Any:
            return text.translate(rotate) if isinstance(text, str) else text

        out = []
        for row in rows:
            values = dict(zip(cols, row, strict=True))
            item = json.loads(values["item"]) if values["item"] else None
            host = values["url"].split("/")[2]
            url = values["url"].replace(host, f"{tag}-{host}", 1)
            values.update(url=url, key=url_key(url), id=post_id(url),
                          site_id=f"{values['site_id']}-{tag}")
            if item is not None:
                for field in ("title", "summary", "body_text"):
                    item[field] = respell(item.get(field))
                event = item.get("event")
                if isinstance(event, dict):
                    event["name"] = respell(event.get("name"))
                    for end in ("start", "end"):
                        if isinstance(event.get(end), str) and event[end][:4].isdigit():
                            event[end] = f"{int(event[end][:4]) + n:04d}{event[end][4:]}"
                item.update(url=url, id=values["id"], site_id=values["site_id"],
                            translations=[], alias_urls=[])
                if isinstance(item.get("crawl"), dict):
                    item["crawl"]["content_hash"] = content_hash(item.get("title") or "",
                                                                 item.get("body_text") or "")
                values["item"] = json.dumps(item, ensure_ascii=False)
            values["aliases"] = "[]"
            out.append(tuple(values[c] for c in cols))
        con.executemany(f"INSERT OR REPLACE INTO posts ({', '.join(cols)}) "
                        f"VALUES ({', '.join('?' * len(cols))})", out)
        manifest["sites"] += [{**site, "site_id": f"{site['site_id']}-{tag}"} for site in sites]


def stage(workdir: Path, copies: int) -> Path:
    """A copy of the crawl's state with every live post pending, and its manifest (made by
    the parent: the replaying process's peak is the end stage's alone)."""
    src = workdir / "out"
    replay_dir = workdir / f"replay-{os.getpid()}"  # replays of one crawl may overlap
    shutil.rmtree(replay_dir, ignore_errors=True)
    (replay_dir / "state").mkdir(parents=True)
    with sqlite3.connect(src / "state" / "state.sqlite") as con:  # a consistent copy (WAL)
        con.execute(f"VACUUM INTO '{replay_dir / 'state' / 'state.sqlite'}'")
    manifest = json.loads(sorted(src.glob("runs/*/manifest.json"))[-1].read_text("utf-8"))
    manifest["errors"] = []
    with sqlite3.connect(replay_dir / "state" / "state.sqlite") as con:
        if copies > 1:
            _copy_posts(con, manifest, copies)
        con.execute("INSERT OR IGNORE INTO pending SELECT key FROM posts "
                    "WHERE status != 'gone' AND item IS NOT NULL")
    (replay_dir / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    return replay_dir


def replay(replay_dir: Path, trace: bool, top: int) -> dict[str, Any]:
    """The end stage over a staged state (see `stage`)."""
    from clustercrawl.dedupe import SQLiteGroupStore  # noqa: PLC0415  after the crawl
    from clustercrawl.finalize import finalize, group_run  # noqa: PLC0415
    from clustercrawl.state import SqliteStateStore  # noqa: PLC0415

    manifest = json.loads((replay_dir / "manifest.json").read_text("utf-8"))
    steps: dict[str, float] = {"start": rss_mib()}
    best: dict[str, Any] = {"bytes": 0, "snap": None}
    done = threading.Event()

    def sampler() -> None:
        while not done.wait(0.2):
            current, _ = tracemalloc.get_traced_memory()
            if current > best["bytes"] * 1.05:
                best["bytes"] = current
                best["snap"] = tracemalloc.take_snapshot()

    phase_peak: dict[str, float] = {}

    def rss_sampler() -> None:
        """The highest RSS seen after each step (until the next), every 0.1 s."""
        while not done.wait(0.1):
            after = "after " + next(reversed(steps))
            phase_peak[after] = max(phase_peak.get(after, 0.0), rss_mib())

    threading.Thread(target=rss_sampler, daemon=True).start()
    if trace:
        tracemalloc.start(12)
        thread = threading.Thread(target=sampler, daemon=True)
        thread.start()
    import clustercrawl.finalize as fin  # noqa: PLC0415
    import clustercrawl.state.store as st  # noqa: PLC0415

    def probe(owner: Any, name: str) -> None:
        """RSS after each call of ``owner.name``, in ``steps``."""
        inner = getattr(owner, name, None)
        if inner is None:  # another version of the code
            return

        def wrapped(*a: Any, **k: Any) -> Any:
            result = inner(*a, **k)
            label = name if name not in steps else f"{name}#{len(steps)}"
            steps[label] = rss_mib()
            return result
        setattr(owner, name, wrapped)

    for owner, name in ((fin, "write_jsonl_atomic"), (fin, "write_cumulative"),
                        (fin, "write_report"), (fin, "ical_chunks"), (fin, "events_to_ical"),
                        (fin, "write_text_atomic"), (st.SqliteStateStore, "update_items"),
                        (st.SqliteStateStore, "clear_pending")):
        probe(owner, name)
    state = SqliteStateStore(replay_dir / "state" / "state.sqlite")
    groups = SQLiteGroupStore(replay_dir / "state" / "groups.sqlite")
    t0, c0 = time.monotonic(), time.process_time()
    grouped = group_run(state, groups)
    steps["grouped"] = rss_mib()
    finalize(state, groups, replay_dir, manifest, grouped=grouped)
    steps["finalized"] = rss_mib()
    wall, cpu = time.monotonic() - t0, time.process_time() - c0
    done.set()
    out: dict[str, Any] = {
        "posts": len(grouped.posts),
        "counts": grouped.counts,
        "sites": len(manifest["sites"]),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "steps_mib": {k: round(v) for k, v in steps.items()},
        "phase_peaks_mib": {k: round(v) for k, v in phase_peak.items()},
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
    }
    if trace:
        _, peak = tracemalloc.get_traced_memory()
        out["traced_peak_mib"] = round(peak / 2**20, 1)
        snap = best["snap"]
        if snap is not None:
            snap = snap.filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
            out["snapshot_mib"] = round(best["bytes"] / 2**20, 1)
            rows = []
            for stat in snap.statistics("traceback")[:top]:
                frames = [f"{Path(f.filename).name}:{f.lineno}" for f in stat.traceback
                          if "clustercrawl" in f.filename or "bench" in f.filename]
                rows.append(f"{stat.size / 2**20:8.1f} MiB {stat.count:>8} blocks  "
                            + " <- ".join(reversed(frames[-6:])))
            out["top"] = rows
    state.close()
    groups.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sites", type=int, default=1000)
    ap.add_argument("--workdir", help="keeps the crawl between calls (default /tmp/cc-end-N)")
    ap.add_argument("--tracemalloc", action="store_true")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--copies", type=int, default=1,
                    help="replay the crawl's posts and sites this many times (respelt copies)")
    ap.add_argument("--replay-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    workdir = Path(args.workdir or f"/tmp/cc-end-{args.sites}")
    if args.replay_only:
        print(json.dumps(replay(workdir, args.tracemalloc, args.top)))
        return 0
    prepare(workdir, args.sites)
    replay_dir = stage(workdir, args.copies)
    # a fresh process: its peak is the end stage's, not the crawl's nor the staging's
    cmd = [sys.executable, __file__, "--replay-only", "--workdir", str(replay_dir),
           "--top", str(args.top)] + (["--tracemalloc"] if args.tracemalloc else [])
    try:
        result = json.loads(subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True,
                                           text=True).stdout.splitlines()[-1])
    finally:
        shutil.rmtree(replay_dir, ignore_errors=True)
    for line in result.pop("top", []):
        print(line)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
