"""``clustercrawl`` command: one page's item as JSON, registry checks.

    clustercrawl extract PAGE.html --url https://site/post/ [--language pl] [--timezone TZ]
    clustercrawl extract https://site/post/          # fetches the page once
    clustercrawl registry [PATH]                     # validate a registry, list errors
    clustercrawl registry verify [--registry PATH] [--sites IDS] [--country CC] [--language L]
                                 [--type T] [--tag T] [--write] [--json FILE] [-s NAME=VALUE]
    clustercrawl seed --redis URL [--registry PATH] [--sites IDS] [--country CC] [--run NAME]
    clustercrawl sites [ID] [--country CC] [--search TEXT]   # the registry's sites, one site
    clustercrawl status [--output DIR] [--demo] [--last N]   # the last local runs
    clustercrawl status --redis [URL] [--run NAME]    # a distributed run's progress (JSON)
    clustercrawl purge SITE... | --demo [--output DIR]         # remove sites from a dataset
    clustercrawl export FILE.csv|FILE.parquet [--since DATE]  # flat rows for analysts
    clustercrawl finalize --redis URL --output DIR [--run NAME] [--wait SECONDS] [--force]

The crawl itself is ``scrapy crawl clusters`` (see README.md); with
``-s CLUSTERCRAWL_REDIS_URL=...`` on any number of machines, a distributed one.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import sys
import time
import urllib.request
from dataclasses import asdict
from pathlib import Path
from typing import Any

from redis.exceptions import RedisError

from clustercrawl import __version__
from clustercrawl.distributed.connection import (
    Keys,
    RedisConfigError,
    client_from_url,
    mask_url,
)
from clustercrawl.distributed.finalize import FinalizeError, finalize_run
from clustercrawl.distributed.queue import SeedError, SiteQueue
from clustercrawl.extract import extract_post
from clustercrawl.registry import (
    RegistryFileError,
    RegistryLoad,
    Site,
    load_registry,
    select_sites,
)
from clustercrawl.registry.verify import run_verify
from clustercrawl.registry.writeback import write_results
from clustercrawl.tools import export, purge, sites
from clustercrawl.tools.status import add_status_args, local_status

USER_AGENT = f"clustercrawl/{__version__} (single-page extract)"


def _read_source(source: str, timeout: float) -> tuple[str, str]:
    """(html, url) from a file path or an http(s) URL."""
    if source.startswith(("http://", "https://")):
        req = urllib.request.Request(source, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            charset = resp.headers.get_content_charset() or "utf-8"
            return resp.read(16 * 1024 * 1024).decode(charset, errors="replace"), resp.geturl()
    path = Path(source)
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace"), path.resolve().as_uri()


def cmd_extract(args: argparse.Namespace) -> int:
    try:
        html, url = _read_source(args.source, args.timeout)
    except (OSError, ValueError) as exc:
        print(f"clustercrawl extract: cannot read {args.source}: {exc}", file=sys.stderr)
        return 2
    result = extract_post(html, args.url or url, language=args.language, timezone=args.timezone)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
    return 0


def cmd_registry(args: argparse.Namespace) -> int:
    if args.rest and args.rest[0] == "verify":
        return cmd_registry_verify(_verify_parser().parse_args(args.rest[1:]))
    if len(args.rest) > 1:
        print(f"clustercrawl registry: unexpected arguments: {' '.join(args.rest[1:])} "
              "(usage: clustercrawl registry [PATH] | clustercrawl registry verify …)",
              file=sys.stderr)
        return 2
    try:
        loaded = load_registry(args.rest[0] if args.rest else None)
    except RegistryFileError as exc:
        print(exc, file=sys.stderr)
        return 2
    for err in loaded.errors:
        print(f"error: {err}", file=sys.stderr)
    for site_id, reason in loaded.skipped:
        print(f"skipped: {site_id}: {reason}", file=sys.stderr)
    print(f"{loaded.path}: {len(loaded.sites)} sites ok, {len(loaded.skipped)} skipped, "
          f"{len(loaded.errors)} errors")
    return 1 if loaded.errors else 0


def _verify_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="clustercrawl registry verify",
        description="Fetch each site's robots.txt and homepage (politely, robots obeyed), "
                    "find its channels and report reachability, final URL, CMS and language.")
    p.add_argument("--registry", default=None, help="registry file (default: the bundled one)")
    p.add_argument("--sites", default=None, help="only these ids, comma-separated")
    p.add_argument("--country", default=None, help="only these countries (ISO codes, a,b)")
    p.add_argument("--language", default=None, help="only sites in these languages (ISO 639-1)")
    p.add_argument("--type", default=None, help="only these site types (cmo, association, …)")
    p.add_argument("--tag", default=None, help="only sites with one of these tags")
    p.add_argument("--write", action="store_true",
                   help="store the findings in the registry file (comments and order kept)")
    p.add_argument("--json", default=None, metavar="FILE",
                   help="also write the results as JSON ('-' = standard output)")
    p.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                   help="a Scrapy/clustercrawl setting, e.g. -s DOWNLOAD_TIMEOUT=10")
    return p


def _selected_sites(command: str, args: argparse.Namespace, skipped: str,
                    **filters: Any) -> tuple[RegistryLoad, list[Site]] | None:
    """The registry's sites the command's arguments pick; None (after one line on stderr)
    when the registry cannot be read or nothing is picked. Entry errors are listed."""
    try:
        loaded = load_registry(args.registry)
        sites = select_sites(loaded.sites, ids=args.sites, country=args.country, **filters)
    except (RegistryFileError, ValueError) as exc:
        print(f"clustercrawl {command}: {exc}", file=sys.stderr)
        return None
    for err in loaded.errors:
        print(f"error: {err} ({skipped})", file=sys.stderr)
    if not sites:
        print(f"clustercrawl {command}: no site selected", file=sys.stderr)
        return None
    return loaded, sites


def cmd_registry_verify(args: argparse.Namespace) -> int:
    picked = _selected_sites("registry verify", args, "not verified", language=args.language,
                             type=args.type, tag=args.tag)
    if picked is None:
        return 2
    loaded, sites = picked
    overrides: dict[str, str] = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            print(f"clustercrawl registry verify: -s {item!r}: expected NAME=VALUE",
                  file=sys.stderr)
            return 2
        overrides[name.strip()] = value
    results = run_verify(sites, overrides)
    for res in results:
        channels = "; ".join(f"{k}: {', '.join(v)}" for k, v in res.channels.items() if v)
        extra = f" ({res.reason})" if res.reason else ""
        print(f"{res.site_id}: {res.status}{extra} final={res.final_url or '-'} "
              f"cms={res.cms or '-'} lang={res.language or '-'} "
              f"channels=[{channels or 'none found'}]")
    counts: dict[str, int] = {}
    for res in results:
        counts[res.status] = counts.get(res.status, 0) + 1
    print("verified " + str(len(results)) + " site(s): "
          + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    if args.json:
        payload = json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=1)
        if args.json == "-":
            sys.stdout.write(payload + "\n")
        else:
            Path(args.json).write_text(payload + "\n", encoding="utf-8")
    if args.write:
        path = Path(loaded.path)
        missing = write_results(path, results)
        print(f"written to {path}" + (f" (ids not found: {', '.join(missing)})" if missing
                                     else ""))
    return 0


def _queue(args: argparse.Namespace) -> SiteQueue | None:
    """The run's queue, or a message on stderr and None (bad or unsafe URL, no Redis)."""
    if not args.redis:
        print(f"clustercrawl {args.command}: --redis URL (or CLUSTERCRAWL_REDIS_URL) is "
              "required", file=sys.stderr)
        return None
    try:
        client = client_from_url(args.redis)
        keys = Keys(args.prefix, args.run)
        client.ping()
    except (RedisConfigError, RedisError) as exc:
        print(f"clustercrawl {args.command}: {exc}", file=sys.stderr)
        return None
    return SiteQueue(client, keys)


def cmd_seed(args: argparse.Namespace) -> int:
    picked = _selected_sites("seed", args, "not queued")
    if picked is None:
        return 2
    loaded, sites = picked
    queue = _queue(args)
    if queue is None:
        return 2
    try:
        result = queue.seed(sites, [str(e) for e in loaded.errors], reset=args.reset)
    except SeedError as exc:
        print(f"clustercrawl seed: {exc}", file=sys.stderr)
        return 1
    print(f"run {result.run} ({result.stamp}, {'new' if result.new_run else 'added to'}): "
          f"{result.sites} site(s) in {result.units} unit(s) queued"
          + (f", {result.already} unit(s) already in the run" if result.already else ""))
    run_opt = f" -s CLUSTERCRAWL_REDIS_RUN={args.run}" if args.run != "default" else ""
    print(f"workers: scrapy crawl clusters -s CLUSTERCRAWL_REDIS_URL={mask_url(args.redis)}"
          f"{run_opt}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    if args.redis is None:  # the last local runs (clustercrawl.tools.status)
        return local_status(args)
    queue = _queue(args)
    if queue is None:
        return 2
    progress = queue.progress()
    json.dump({**asdict(progress), "drained": progress.drained}, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


def cmd_finalize(args: argparse.Namespace) -> int:
    queue = _queue(args)
    if queue is None:
        return 2
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    deadline = time.monotonic() + args.wait
    while args.wait and not args.force:
        progress = queue.progress()
        if progress.stamp is None or (progress.drained and progress.workers == 0):
            break
        if time.monotonic() > deadline:
            print(f"clustercrawl finalize: run {args.run!r} still running after {args.wait:.0f} s "
                  f"({progress.pending} unit(s) queued, {progress.in_flight} in flight, "
                  f"{progress.workers} worker(s))", file=sys.stderr)
            return 1
        time.sleep(min(10.0, max(0.5, args.wait / 100)))
    try:
        manifest = finalize_run(queue.r, queue.keys, args.output, force=args.force)
    except FinalizeError as exc:
        print(f"clustercrawl finalize: {exc}", file=sys.stderr)
        return 1
    counts = manifest["counts"]
    print(f"run {manifest['run']}: {len(manifest['sites'])} sites, {counts['emitted']} posts "
          f"({counts['new']} new, {counts['updated']} updated), {counts.get('stories', 0)} "
          f"stories, {counts.get('events', 0)} events; written to {args.output}")
    exit_status: int = manifest["health"]["exit_status"]
    return exit_status


def _redis_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--redis", default=os.environ.get("CLUSTERCRAWL_REDIS_URL"),
                   help="redis://:PASSWORD@HOST:6379/0 (default: $CLUSTERCRAWL_REDIS_URL)")
    p.add_argument("--run", default=os.environ.get("CLUSTERCRAWL_REDIS_RUN") or "default",
                   help="the run's name (workers: -s CLUSTERCRAWL_REDIS_RUN=NAME)")
    p.add_argument("--prefix", default="clustercrawl", help="key prefix in Redis")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="clustercrawl", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=__version__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="print one page's extracted item as JSON")
    p.add_argument("source", help="an HTML file (.html or .html.gz) or an http(s) URL")
    p.add_argument("--url", help="the page's URL, when SOURCE is a file")
    p.add_argument("--language", help="the site's language (ISO 639-1), e.g. pl")
    p.add_argument("--timezone", help="the site's IANA time zone, e.g. Europe/Warsaw")
    p.add_argument("--timeout", type=float, default=30.0)
    p.set_defaults(func=cmd_extract)
    r = sub.add_parser(
        "registry", help="validate a site registry (default: the bundled one); "
                         "'registry verify --help' checks its sites online")
    r.add_argument("rest", nargs=argparse.REMAINDER, metavar="PATH | verify …")
    r.set_defaults(func=cmd_registry)
    sd = sub.add_parser("seed", help="queue registry sites for distributed workers (Redis)")
    _redis_args(sd)
    sd.add_argument("--registry", default=None, help="registry file (default: the bundled one)")
    sd.add_argument("--sites", default=None, help="only these ids, comma-separated")
    sd.add_argument("--country", default=None, help="only this country's sites")
    sd.add_argument("--reset", action="store_true",
                    help="start a new run even if one is in progress or not finalized")
    sd.set_defaults(func=cmd_seed)
    st = sub.add_parser("status", help="the last local runs; with --redis URL, the progress "
                        "of a distributed run")
    # Redis only when asked: ``--redis URL``, or ``--redis`` alone for $CLUSTERCRAWL_REDIS_URL
    st.add_argument("--redis", nargs="?", default=None,
                    const=os.environ.get("CLUSTERCRAWL_REDIS_URL") or "",
                    help="a distributed run's progress from this Redis (no URL: "
                    "$CLUSTERCRAWL_REDIS_URL)")
    st.add_argument("--run", default=os.environ.get("CLUSTERCRAWL_REDIS_RUN") or "default",
                    help="the distributed run's name")
    st.add_argument("--prefix", default="clustercrawl", help="key prefix in Redis")
    add_status_args(st)
    st.set_defaults(func=cmd_status)
    for tool in (sites, purge, export):  # clustercrawl.tools
        tool.add_parser(sub)
    fn = sub.add_parser("finalize",
                        help="merge a distributed run: stories, events, cumulative files")
    _redis_args(fn)
    fn.add_argument("--output", default="output", help="output folder (default: output)")
    fn.add_argument("--force", action="store_true", help="merge even if sites remain")
    fn.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                    help="first wait (at most this long) until the workers are done")
    fn.set_defaults(func=cmd_finalize)
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
