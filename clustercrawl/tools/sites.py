"""``clustercrawl sites``: the registry's sites, filtered; one site with its channels and the
status its last crawl left in the state."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from clustercrawl.registry import Site
from clustercrawl.spiders.arguments import (
    ArgumentError,
    did_you_mean,
    open_registry,
    parse_country,
)
from clustercrawl.state.store import GONE
from clustercrawl.tools import dataset_dir, open_state, output_arg


def add_parser(sub: Any) -> None:
    p = sub.add_parser("sites", help="list the registry's sites, or show one")
    p.add_argument("site", nargs="?", help="a site id: show this site")
    p.add_argument("--registry", default=None, help="registry file (default: the bundled one)")
    p.add_argument("--country", default=None, help="only this country (code or name)")
    p.add_argument("--search", default=None, help="only sites whose id, name or homepage "
                   "contains this text")
    p.add_argument("--json", action="store_true", help="JSON instead of a table")
    output_arg(p)
    p.set_defaults(func=cmd_sites)


def cmd_sites(args: argparse.Namespace) -> int:
    try:
        registry = args.registry
        demo_registry = dataset_dir(args) / "web" / "registry.yaml"
        if registry is None and args.demo and demo_registry.exists():
            registry = str(demo_registry)  # the one the last ./crawl --demo wrote
        loaded = open_registry(registry)
        country = parse_country(args.country) if args.country else None
    except ArgumentError as exc:
        print(f"clustercrawl sites: {str(exc).replace('-a country=', '--country ')}",
              file=sys.stderr)
        return 2
    state = open_state(dataset_dir(args))
    records = {}
    counts: dict[str, dict[str, int]] = {}
    if state is not None:
        counts = state.site_counts()
        for site in loaded.sites:
            rec = state.get_site(site.id)
            if rec is not None:
                records[site.id] = rec
    try:
        if args.site:
            return show_site(args, loaded.sites, args.site, records, counts, loaded.path)
        sites = [s for s in loaded.sites if not country or s.country == country]
        if args.search:
            needle = args.search.lower()
            sites = [s for s in sites
                     if needle in f"{s.id} {s.name} {s.homepage}".lower()]
        if args.json:
            rows = [{"id": s.id, "name": s.name, "country": s.country, "cms": s.cms,
                     "homepage": s.homepage,
                     "last_status": records[s.id].status if s.id in records else None}
                    for s in sites]
            json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
            return 0
        for s in sites:
            rec = records.get(s.id)
            last = f"{rec.status} ({rec.last_run})" if rec else "never crawled"
            print(f"{s.id:<40} {s.country:<3} {s.cms or '-':<10} {last:<34} {s.name}")
        print(f"{len(sites)} of {len(loaded.sites)} site(s) in {loaded.path}"
              + (f"; {len(loaded.errors)} entries with errors (clustercrawl registry)"
                 if loaded.errors else ""))
        return 0
    finally:
        if state is not None:
            state.close()


def show_site(args: argparse.Namespace, sites: list[Site], site_id: str, records: dict[str, Any],
              counts: dict[str, dict[str, int]], path: str) -> int:
    by_id = {s.id: s for s in sites}
    site = by_id.get(site_id)
    if site is None:
        print(f"clustercrawl sites: no site {site_id!r} in {path}"
              f"{did_you_mean(site_id, list(by_id))}", file=sys.stderr)
        return 2
    rec = records.get(site_id)
    posts = counts.get(site_id, {})
    info: dict[str, Any] = {
        "id": site.id, "name": site.name, "country": site.country, "homepage": site.homepage,
        "languages": list(site.languages), "timezone": site.timezone, "cms": site.cms,
        "registry channels": {
            "news": [u.url for u in site.news], "events": [u.url for u in site.events],
            "feeds": [u.url for u in site.feeds], "sitemaps": [u.url for u in site.sitemaps],
            "only": list(site.overrides.channels) if site.overrides.channels else "all",
        },
        "last crawl": None if rec is None else {
            "status": rec.status, "run": rec.last_run, "full run": rec.last_full_run,
            "cms found": rec.cms, "endpoints": rec.endpoints,
            "complete channel": rec.complete_channel,
            "live posts": sum(n for s, n in posts.items() if s != GONE),
            "gone posts": posts.get(GONE, 0),
        },
    }
    if args.json:
        json.dump(info, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for key, value in info.items():
        if isinstance(value, dict):
            print(f"{key}:")
            for k, v in value.items():
                if isinstance(v, dict):
                    print(f"  {k}:")
                    for k2, v2 in v.items():
                        print(f"    {k2}: {', '.join(v2) if isinstance(v2, list) else v2}")
                else:
                    print(f"  {k}: {', '.join(v) if isinstance(v, list) else v}")
        elif value is None:
            print(f"{key}: never crawled (in {dataset_dir(args)})")
        else:
            print(f"{key}: {', '.join(value) if isinstance(value, list) else value}")
    return 0
