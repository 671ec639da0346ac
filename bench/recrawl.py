"""What a re-crawl costs, in requests and bytes: run 1 (full), run 2 (nothing changed),
run 2 again as a full re-crawl (the baseline, same web, same run), run 3 (a week on).

    python bench/recrawl.py [--extra-sites 100] [--posts-per-site 20]

Serves a generated demo web of >= 100 sites on 127.0.0.1 (gzip to clients that accept it,
as Apache's mod_deflate does; bytes counted on the wire, headers included), crawls it with
the real ``clusters`` spider and one crawl state, and reports:

* run 2 per unchanged site, per CMS (goal for WordPress: 1 request, <= 5 KB),
* the same unchanged web crawled in full (``CLUSTERCRAWL_FULL_EVERY_DAYS=0``) on a copy of
  the state: what an incremental run saves, as a ratio measured in this run,
* run 3 per new post, as the whole run and as run 3 beyond run 2 (what the new posts added).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clustercrawl.demoweb import DemoServer, generate  # noqa: E402
from tests.conftest import run_crawl  # noqa: E402

#: demo renderer keys grouped as the report shows them
_FAMILY = {"wp": "wordpress", "wp_plain": "wordpress"}


def _costs(server: DemoServer, cms_of: dict[str, str]) -> dict[str, dict[str, float]]:
    """Requests and bytes per CMS family (and "all") from the server's log."""
    out: dict[str, dict[str, float]] = defaultdict(lambda: {"requests": 0, "bytes": 0})
    for host, _path, sent in server.bytes_log:
        for family in (_FAMILY.get(cms_of.get(host, "?"), cms_of.get(host, "?")), "all"):
            out[family]["requests"] += 1
            out[family]["bytes"] += sent
    return dict(out)


def _crawl(out: Path, registry: Path, settings: dict[str, str]) -> dict[str, int]:
    proc = run_crawl(out, registry, settings, timeout=3600)
    if proc.returncode != 0:
        print(proc.stderr[-3000:])
        raise SystemExit(1)
    manifest = json.loads(sorted(out.glob("runs/*/manifest.json"))[-1].read_text("utf-8"))
    counts: dict[str, int] = manifest["counts"]
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--extra-sites", type=int, default=100)
    ap.add_argument("--posts-per-site", type=int, default=20)
    ap.add_argument("--json", help="also write the figures to this JSON file")
    args = ap.parse_args()
    web0 = generate(seed=2014, extra_sites=args.extra_sites, posts_per_site=args.posts_per_site)
    cms_of = {s.host: s.cms for s in web0.sites}
    sites_per = Counter(_FAMILY.get(s.cms, s.cms) for s in web0.sites)
    sites_per["all"] = len(web0.sites)
    figures: dict[str, object] = {"sites": dict(sites_per)}
    settings = {"CLUSTERCRAWL_WP_PER_PAGE": "100", "LOG_LEVEL": "WARNING"}
    with tempfile.TemporaryDirectory(prefix="cc-recrawl-") as tmpdir, DemoServer(web0) as server:
        tmp = Path(tmpdir)
        registry = tmp / "registry.yaml"
        registry.write_text(web0.registry_yaml(server.port), "utf-8")
        out, full = tmp / "out", tmp / "full"
        runs: dict[str, dict[str, dict[str, float]]] = {}
        for name in ("run1", "run2", "run2_full", "run3"):
            if name == "run3":
                web1 = generate(seed=2014, extra_sites=args.extra_sites,
                                posts_per_site=args.posts_per_site, revision=1)
                server.set_web(web1)
                changes = web1.changes_since(0, server.port)
                figures.update({f"{k}_posts": len(v) for k, v in changes.items()})
            if name == "run2_full":
                shutil.copytree(out, full)
            server.clear_log()
            if name == "run2_full":
                counts = _crawl(full, registry, {**settings, "CLUSTERCRAWL_FULL_EVERY_DAYS": "0"})
            else:
                counts = _crawl(out, registry, settings)
            runs[name] = _costs(server, cms_of)
            figures[f"{name}_emitted"] = counts["emitted"]
    figures["costs"] = runs
    print(f"generated web: {sites_per['all']} sites "
          f"({', '.join(f'{k} {v}' for k, v in sorted(sites_per.items()) if k != 'all')})")
    print(f"run 1 (full):       {runs['run1']['all']['requests']:6.0f} requests, "
          f"{runs['run1']['all']['bytes'] / 1e6:8.2f} MB, {figures['run1_emitted']} posts")
    print("run 2, nothing changed, per site: incremental vs a full re-crawl of the same web "
          "(same run):")
    for family in sorted(sites_per):
        n = sites_per[family]
        inc, ful = runs["run2"].get(family), runs["run2_full"].get(family)
        if not inc or not ful:
            continue
        print(f"  {family:10s} {n:4d} sites: {inc['requests'] / n:6.2f} req "
              f"{inc['bytes'] / n / 1024:8.2f} KB   vs full {ful['requests'] / n:7.2f} req "
              f"{ful['bytes'] / n / 1024:9.2f} KB   (bytes ratio "
              f"{inc['bytes'] / max(1, ful['bytes']):.4f})")
    r2, r3 = runs["run2"]["all"], runs["run3"]["all"]
    new = max(1, int(figures["new_posts"]))  # type: ignore[call-overload]
    print(f"run 3 (a week on):  {r3['requests']:6.0f} requests, {r3['bytes'] / 1e6:.2f} MB for "
          f"{figures['new_posts']} new, {figures['updated_posts']} edited, "
          f"{figures['gone_posts']} removed posts; {figures['run3_emitted']} emitted")
    print(f"  per new post: {r3['requests'] / new:.2f} req {r3['bytes'] / new / 1024:.1f} KB "
          f"(whole run), {(r3['requests'] - r2['requests']) / new:.2f} req "
          f"{(r3['bytes'] - r2['bytes']) / new / 1024:.1f} KB (beyond run 2's)")
    wp3, wp2 = runs["run3"].get("wordpress"), runs["run2"].get("wordpress")
    if wp3 and wp2:
        print(f"  WordPress sites, run 3 beyond run 2: {wp3['requests'] - wp2['requests']:.0f} "
              f"req, {(wp3['bytes'] - wp2['bytes']) / 1024:.1f} KB")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
