"""``clustercrawl status``: the last local runs of a dataset (health, counts, regressions),
read from their manifests; no Redis needed (``--redis URL`` shows a distributed run)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from clustercrawl.tools import dataset_dir, output_arg

VERDICTS = {0: "ok", 3: "REGRESSED"}


def manifests(outdir: Path, last: int) -> list[dict[str, Any]]:
    """The last ``last`` runs' manifests, newest first (unreadable ones are skipped)."""
    out = []
    for path in sorted(outdir.glob("runs/*/manifest.json"), reverse=True)[:last]:
        try:
            out.append(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError):
            print(f"clustercrawl status: {path}: unreadable manifest, skipped", file=sys.stderr)
    return out


def local_status(args: argparse.Namespace) -> int:
    outdir = dataset_dir(args)
    runs = manifests(outdir, args.last)
    if not runs:
        where = "" if args.demo else " (the demo's: --demo)"
        print(f"clustercrawl status: no run in {outdir}{where}", file=sys.stderr)
        return 1
    if args.json:
        json.dump([summary(m) for m in runs], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for m in runs:
        s = summary(m)
        print(f"{s['run']}  {s['health']:<10} {s['sites_ok']}/{s['sites']} sites ok, "
              f"{s['run_posts']} new or updated posts, {s['live_posts']} in the dataset, "
              f"{s['duration_s']} s")
        if s["regressed"]:
            print(f"  regressed: {', '.join(s['regressed'])}")
        if s["reason"]:
            print(f"  {s['reason']}")
        for err in s["errors"]:
            print(f"  error: {err}")
    return 0


def summary(m: dict[str, Any]) -> dict[str, Any]:
    health = m.get("health", {})
    counts = m.get("counts", {})
    sites = m.get("sites", [])
    statuses: dict[str, int] = {}
    for site in sites:
        statuses[site.get("status", "?")] = statuses.get(site.get("status", "?"), 0) + 1
    return {
        "run": m.get("run"), "finished": m.get("finished"), "duration_s": m.get("duration_s"),
        "health": VERDICTS.get(int(health.get("exit_status", 0)), "FAILED"),
        "exit_status": health.get("exit_status"), "reason": health.get("reason"),
        "sites": len(sites), "sites_ok": statuses.get("ok", 0), "statuses": statuses,
        "run_posts": counts.get("run_posts", 0), "live_posts": counts.get("live_posts", 0),
        "stories": counts.get("stories", 0), "events": counts.get("events", 0),
        "regressed": health.get("regressed_sites", []), "errors": m.get("errors", []),
    }


def add_status_args(p: argparse.ArgumentParser) -> None:
    """The local options of ``clustercrawl status`` (its Redis ones are in clustercrawl.cli)."""
    output_arg(p)
    p.add_argument("--last", type=int, default=5, help="how many runs (default 5)")
    p.add_argument("--json", action="store_true", help="JSON instead of lines")
