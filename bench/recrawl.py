"""What a re-crawl costs: requests on run 1 (full), run 2 (nothing changed), run 3 (a week on).

    python bench/recrawl.py [--extra-sites 100] [--posts-per-site 20]

Serves a generated demo web of >= 100 sites on 127.0.0.1, crawls it three times with the real
``clusters`` spider and one crawl state, and counts the requests the servers saw:
run 2 per unchanged site (goal <= 2), and run 3 per new post (goal <= 1.5), both as the
whole run's requests and as run 3's requests beyond run 2's (what the new posts added).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clustercrawl.demoweb import DemoServer, generate  # noqa: E402
from tests.conftest import run_crawl  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--extra-sites", type=int, default=100)
    ap.add_argument("--posts-per-site", type=int, default=20)
    ap.add_argument("--json", help="also write the figures to this JSON file")
    args = ap.parse_args()
    web0 = generate(seed=2014, extra_sites=args.extra_sites, posts_per_site=args.posts_per_site)
    sites = len(web0.sites)
    figures: dict[str, float] = {"sites": sites}
    with tempfile.TemporaryDirectory(prefix="cc-recrawl-") as tmpdir, DemoServer(web0) as server:
        tmp = Path(tmpdir)
        registry = tmp / "registry.yaml"
        registry.write_text(web0.registry_yaml(server.port), "utf-8")
        out = tmp / "out"
        settings = {"CLUSTERCRAWL_WP_PER_PAGE": "100", "LOG_LEVEL": "WARNING"}
        for run in (1, 2, 3):
            if run == 3:
                web1 = generate(seed=2014, extra_sites=args.extra_sites,
                                posts_per_site=args.posts_per_site, revision=1)
                server.set_web(web1)
                changes = web1.changes_since(0, server.port)
                figures["new_posts"] = len(changes["new"])
                figures["updated_posts"] = len(changes["updated"])
                figures["gone_posts"] = len(changes["gone"])
            server.clear_log()
            proc = run_crawl(out, registry, settings, timeout=3600)
            if proc.returncode != 0:
                print(proc.stderr[-3000:])
                return 1
            per_host = Counter(entry[2] for entry in server.access_log)
            figures[f"run{run}_requests"] = sum(per_host.values())
            manifest = json.loads(sorted(out.glob("runs/*/manifest.json"))[-1].read_text("utf-8"))
            figures[f"run{run}_emitted"] = manifest["counts"]["emitted"]
    r1, r2, r3 = (figures[f"run{n}_requests"] for n in (1, 2, 3))
    new = max(1, figures["new_posts"])
    figures["run2_requests_per_site"] = round(r2 / sites, 2)
    figures["run3_requests_per_new_post"] = round(r3 / new, 2)
    figures["run3_extra_requests_per_new_post"] = round((r3 - r2) / new, 2)
    print(f"generated web: {sites} sites")
    print(f"run 1 (full):            {r1:6d} requests, {figures['run1_emitted']} posts emitted")
    print(f"run 2 (unchanged):       {r2:6d} requests = {r2 / sites:.2f} per site "
          f"(goal <= 2), {figures['run2_emitted']} posts emitted")
    print(f"run 3 (a week later):    {r3:6d} requests for {figures['new_posts']} new, "
          f"{figures['updated_posts']} edited, {figures['gone_posts']} removed posts; "
          f"{figures['run3_emitted']} emitted")
    print(f"  requests per new post: {r3 / new:.2f} (whole run), "
          f"{(r3 - r2) / new:.2f} (beyond run 2's) (goal <= 1.5)")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
