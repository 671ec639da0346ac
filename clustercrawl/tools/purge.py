"""``clustercrawl purge``: remove sites (or the demo) from a dataset: their posts and state,
then the cumulative ``posts.jsonl``, ``events.jsonl`` and ``events.ics`` are rebuilt. Run
folders (``runs/``) are a record of what each run wrote and are left as they are."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any

from clustercrawl.dedupe import SQLiteGroupStore
from clustercrawl.finalize import write_cumulative
from clustercrawl.tools import open_state

#: The demo web's site ids all carry this mark (clustercrawl/demoweb/sites.py).
DEMO_MARK = "-demo-"


def add_parser(sub: Any) -> None:
    p = sub.add_parser("purge", help="remove a site's (or the demo's) posts and state")
    p.add_argument("sites", nargs="*", help="site ids to remove from the dataset")
    p.add_argument("--demo", action="store_true",
                   help="remove the demo: the OUTPUT/demo dataset, and demo posts an older "
                   "version left in OUTPUT")
    p.add_argument("--output", default="output", help="the dataset folder (default: output)")
    p.set_defaults(func=cmd_purge)


def cmd_purge(args: argparse.Namespace) -> int:
    outdir = Path(args.output)
    if not args.sites and not args.demo:
        print("clustercrawl purge: name site ids, or --demo", file=sys.stderr)
        return 2
    if args.demo and (outdir / "demo").is_dir():
        shutil.rmtree(outdir / "demo")
        print(f"removed the demo dataset {outdir / 'demo'}")
    state = open_state(outdir)
    if state is None:
        if args.sites:
            print(f"clustercrawl purge: {outdir} has no crawl state (state/state.sqlite)",
                  file=sys.stderr)
            return 2
        return 0
    try:
        known = state.site_ids()
        wanted = list(args.sites)
        unknown = [s for s in wanted if s not in known]
        if unknown:
            print(f"clustercrawl purge: no site {', '.join(unknown)} in {outdir} "
                  f"(sites there: {', '.join(known) or 'none'})", file=sys.stderr)
            return 2
        if args.demo:
            wanted += [s for s in known if DEMO_MARK in s and s not in wanted]
        if not wanted:
            return 0
        groups = SQLiteGroupStore(outdir / "state" / "groups.sqlite")
        try:
            posts = state.purge_sites(wanted)
            groups.purge_sites(wanted)
            live = write_cumulative(state, groups, outdir)
        finally:
            groups.close()
    finally:
        state.close()
    print(f"removed {len(wanted)} site(s) ({', '.join(wanted)}): {posts} post(s); "
          f"{live} post(s) left in {outdir / 'posts.jsonl'}")
    return 0
