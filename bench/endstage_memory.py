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


def replay(workdir: Path, trace: bool, top: int) -> dict[str, Any]:
    """The end stage over a copy of the crawl's state (every live post pending)."""
    from clustercrawl.dedupe import SQLiteGroupStore  # noqa: PLC0415  after the crawl
    from clustercrawl.finalize import finalize, group_run  # noqa: PLC0415
    from clustercrawl.state import SqliteStateStore  # noqa: PLC0415

    src = workdir / "out"
    replay_dir = workdir / f"replay-{os.getpid()}"  # replays of one crawl may overlap
    shutil.rmtree(replay_dir, ignore_errors=True)
    (replay_dir / "state").mkdir(parents=True)
    with sqlite3.connect(src / "state" / "state.sqlite") as con:  # a consistent copy (WAL)
        con.execute(f"VACUUM INTO '{replay_dir / 'state' / 'state.sqlite'}'")
    with sqlite3.connect(replay_dir / "state" / "state.sqlite") as con:
        con.execute("INSERT OR IGNORE INTO pending SELECT key FROM posts "
                    "WHERE status != 'gone' AND item IS NOT NULL")
    manifest = json.loads(sorted(src.glob("runs/*/manifest.json"))[-1].read_text("utf-8"))
    manifest["errors"] = []
    del src
    steps: dict[str, float] = {"start": rss_mib()}
    best: dict[str, Any] = {"bytes": 0, "snap": None}
    done = threading.Event()

    def sampler() -> None:
        while not done.wait(0.2):
            current, _ = tracemalloc.get_traced_memory()
            if current > best["bytes"] * 1.05:
                best["bytes"] = current
                best["snap"] = tracemalloc.take_snapshot()

    if trace:
        tracemalloc.start(12)
        thread = threading.Thread(target=sampler, daemon=True)
        thread.start()
    import clustercrawl.finalize as fin  # noqa: PLC0415
    import clustercrawl.state.store as st  # noqa: PLC0415

    def probe(owner: Any, name: str) -> None:
        """RSS after each call of ``owner.name``, in ``steps``."""
        inner = getattr(owner, name)

        def wrapped(*a: Any, **k: Any) -> Any:
            result = inner(*a, **k)
            label = name if name not in steps else f"{name}#{len(steps)}"
            steps[label] = rss_mib()
            return result
        setattr(owner, name, wrapped)

    for owner, name in ((fin, "write_jsonl_atomic"), (fin, "write_cumulative"),
                        (fin, "write_report"), (fin, "ical_chunks"),
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
        "sites": len(manifest["sites"]),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "steps_mib": {k: round(v) for k, v in steps.items()},
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
    shutil.rmtree(replay_dir, ignore_errors=True)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sites", type=int, default=1000)
    ap.add_argument("--workdir", help="keeps the crawl between calls (default /tmp/cc-end-N)")
    ap.add_argument("--tracemalloc", action="store_true")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--replay-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    workdir = Path(args.workdir or f"/tmp/cc-end-{args.sites}")
    if args.replay_only:
        print(json.dumps(replay(workdir, args.tracemalloc, args.top)))
        return 0
    prepare(workdir, args.sites)
    # a fresh process: its peak is the end stage's, not the crawl's
    cmd = [sys.executable, __file__, "--replay-only", "--workdir", str(workdir),
           "--top", str(args.top)] + (["--tracemalloc"] if args.tracemalloc else [])
    result = json.loads(subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True,
                                       text=True).stdout.splitlines()[-1])
    for line in result.pop("top", []):
        print(line)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
