#!/usr/bin/env python3
"""Add the reviewed list of cluster organisations to the registry, one entry per domain.

Usage: python scripts/import_registry_sources.py [--sources CSV] [--registry YAML]
                                                 [--prune] [--check]

The list (``scripts/registry_sources.csv``: name, homepage, country, evidence, type,
languages) holds organisations whose homepage was seen on a real page, and that page's
address as evidence. Each row becomes a registry entry with ``verified: page_seen``, the
evidence URL, its languages, type and the country's time zone - and nothing else: feeds,
news and event pages are left to discovery (``clustercrawl registry verify`` finds them).

Rows are matched to entries by registered domain (tldextract, offline suffix list): a row
whose domain is already in the registry adds nothing, except that an entry without evidence
gets the row's evidence. Running the script twice changes nothing; ``--check`` exits 1 when
the registry is not current with the list. ``--prune`` also drops guessed and derived URLs
and the entries that have no evidence. The registry is edited through ruamel.yaml's
round-trip mode, so comments and hand edits stay.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tldextract
from ruamel.yaml.comments import CommentedMap, CommentedSeq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clustercrawl.registry import (  # noqa: E402 - after the path setup above
    SITE_TYPES,
    URL_LIST_FIELDS,
    default_timezone,
    is_country_code,
    is_http_url,
    is_language_code,
)
from clustercrawl.registry.writeback import code, dump_roundtrip, load_roundtrip  # noqa: E402

SOURCES = ROOT / "scripts" / "registry_sources.csv"
REGISTRY = ROOT / "clustercrawl" / "data" / "registry.yaml"
COLUMNS = ("name", "homepage", "country", "evidence", "type", "languages")
#: tldextract with its bundled suffix-list snapshot only: no download at run time.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class SourceError(Exception):
    """A row of the list that cannot become a registry entry."""


@dataclass(frozen=True)
class Row:
    line: int
    name: str
    homepage: str
    country: str
    evidence: str
    type: str
    languages: tuple[str, ...]


def registered_domain(url: str) -> str:
    """``klaster.bydgoszcz.pl`` → ``bydgoszcz.pl``-style key; the host for IPs and localhost."""
    parts = _EXTRACT(url)
    return (parts.top_domain_under_public_suffix or parts.domain or url).lower()


def read_rows(path: Path) -> list[Row]:
    rows: list[Row] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise SourceError(f"{path}: header must be {','.join(COLUMNS)}")
        for n, raw in enumerate(reader, start=2):
            rows.append(_row(path, n, raw))
    return rows


def _row(path: Path, n: int, raw: dict[str, str]) -> Row:
    where = f"{path}:{n}"
    name = (raw.get("name") or "").strip()
    homepage = (raw.get("homepage") or "").strip()
    evidence = (raw.get("evidence") or "").strip()
    country = (raw.get("country") or "").strip().upper()
    site_type = (raw.get("type") or "").strip()
    languages = tuple(x.strip().lower() for x in (raw.get("languages") or "").split(";")
                      if x.strip())
    if not name:
        raise SourceError(f"{where}: no name")
    for label, url in (("homepage", homepage), ("evidence", evidence)):
        if not is_http_url(url):
            raise SourceError(f"{where}: {label} {url!r} is not an absolute http(s) URL")
    if not is_country_code(country):
        raise SourceError(f"{where}: unknown country {country!r}")
    if site_type not in SITE_TYPES:
        raise SourceError(f"{where}: type {site_type!r} is not one of {sorted(SITE_TYPES)}")
    bad = [lang for lang in languages if not is_language_code(lang)]
    if bad or not languages:
        raise SourceError(f"{where}: languages {raw.get('languages')!r} (ISO 639-1, ';'-separated)")
    return Row(n, name, homepage, country, evidence, site_type, languages)


def slug(text: str, fallback: str = "site") -> str:
    """ASCII id part of a name; *fallback* (e.g. the domain) when the name has no Latin letters."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return words[:60].rstrip("-") or (slug(fallback) if fallback != "site" else "site")


def new_entry(row: Row, site_id: str) -> CommentedMap:
    langs = CommentedSeq([code(lang) for lang in row.languages])
    langs.fa.set_flow_style()
    return CommentedMap([
        ("id", site_id), ("name", row.name), ("country", code(row.country)), ("languages", langs),
        ("type", row.type), ("homepage", row.homepage),
        ("timezone", default_timezone(row.country)), ("verified", "page_seen"),
        ("evidence", row.evidence),
    ])


def prune(sites: Any, log: list[str]) -> None:
    """Drop guessed/derived URLs and the entries with no evidence (nothing seen, nothing kept)."""
    for entry in list(sites):
        if not entry.get("evidence") and entry.get("verified") != "crawled":
            log.append(f"dropped {entry.get('id')}: no evidence")
            sites.remove(entry)
            continue
        for key in URL_LIST_FIELDS:
            items = entry.get(key)
            if not items:
                continue
            kept = [i for i in items if isinstance(i, str) or i.get("status", "seen") == "seen"]
            if len(kept) != len(items):
                log.append(f"{entry.get('id')}: dropped {len(items) - len(kept)} guessed {key}")
                if kept:
                    entry[key] = CommentedSeq(kept)
                else:
                    del entry[key]


def merge(data: Any, rows: list[Row], log: list[str]) -> None:
    sites = data["sites"]
    by_domain: dict[str, Any] = {}
    for entry in sites:
        home = entry.get("homepage")
        if isinstance(home, str) and not entry.get("section_of"):
            by_domain.setdefault(registered_domain(home), entry)
    ids = {entry.get("id") for entry in sites}
    added: list[CommentedMap] = []
    for row in rows:
        domain = registered_domain(row.homepage)
        found = by_domain.get(domain)
        if found is not None:
            if not found.get("evidence"):
                found["evidence"] = row.evidence
                found["verified"] = "page_seen"
                log.append(f"{found.get('id')}: evidence from line {row.line}")
            continue
        site_id = f"{row.country.lower()}-{slug(row.name, fallback=domain.split('.')[0])}"
        base, n = site_id, 2
        while site_id in ids:
            site_id, n = f"{base}-{n}", n + 1
        ids.add(site_id)
        entry = new_entry(row, site_id)
        by_domain[domain] = entry
        added.append(entry)
        log.append(f"added {site_id} ({domain})")
    for entry in sorted(added, key=lambda e: (e["country"], e["id"])):
        sites.append(entry)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=Path, default=SOURCES)
    ap.add_argument("--registry", type=Path, default=REGISTRY)
    ap.add_argument("--prune", action="store_true",
                    help="drop guessed/derived URLs and entries without evidence")
    ap.add_argument("--check", action="store_true",
                    help="change nothing; exit 1 when the registry is not current")
    args = ap.parse_args(argv)
    try:
        rows = read_rows(args.sources)
    except (OSError, SourceError) as exc:
        print(f"import_registry_sources: {exc}", file=sys.stderr)
        return 2
    before = args.registry.read_text(encoding="utf-8")
    data = load_roundtrip(args.registry)
    log: list[str] = []
    merge(data, rows, log)
    if args.prune:
        prune(data["sites"], log)
    after = dump_roundtrip(data)
    if args.check:
        if after != before:
            print(f"{args.registry} is not current with {args.sources}: "
                  f"re-run scripts/import_registry_sources.py ({len(log)} change(s), e.g. "
                  f"{'; '.join(log[:3])})", file=sys.stderr)
            return 1
        print(f"{args.registry}: current with {len(rows)} reviewed row(s)")
        return 0
    if after != before:
        args.registry.write_text(after, encoding="utf-8")
    for line in log:
        print(line)
    print(f"{args.registry}: {len(data['sites'])} entries ({len(log)} change(s))")
    return 0


if __name__ == "__main__":
    sys.exit(main())
