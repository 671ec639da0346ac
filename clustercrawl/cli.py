"""``clustercrawl`` command: one page's item as JSON, registry checks.

    clustercrawl extract PAGE.html --url https://site/post/ [--language pl] [--timezone TZ]
    clustercrawl extract https://site/post/          # fetches the page once
    clustercrawl registry [PATH]                     # validate a registry, list errors

The crawl itself is ``scrapy crawl clusters`` (see README.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import urllib.request
from pathlib import Path

from clustercrawl import __version__
from clustercrawl.extract import extract_post
from clustercrawl.registry import RegistryFileError, load_registry

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
    try:
        loaded = load_registry(args.path)
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
    r = sub.add_parser("registry", help="validate a site registry (default: the bundled one)")
    r.add_argument("path", nargs="?", default=None)
    r.set_defaults(func=cmd_registry)
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
