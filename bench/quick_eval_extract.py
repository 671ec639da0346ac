"""Sanity check of extract_post on ../shared/evaldata/trafilatura-eval: title, date, speed.

Reads the pages in place (never copies them). Compares title and publication-date accuracy
with htmldate (dates) and trafilatura's metadata (titles) on the same pages, and measures
extraction throughput on one core.

    python bench/quick_eval_extract.py [--limit N] [--dir PATH] [--misses]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
import unicodedata
from pathlib import Path

from htmldate import find_date
from trafilatura import bare_extraction

from clustercrawl.extract import extract_post

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared/evaldata/trafilatura-eval/pages"


def norm_title(text: str | None) -> str:
    """The evaldata title metric: NFKC, casefold, punctuation -> space."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--misses", action="store_true", help="print mismatches")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()

    golds = sorted(args.dir.glob("*.json"))
    if args.limit:
        golds = golds[: args.limit]
    pages = []
    for gold_path in golds:
        gold = json.loads(gold_path.read_text())
        html = gzip.decompress(gold_path.with_suffix(".html.gz").read_bytes()).decode(
            "utf-8", "replace")
        pages.append((gold, html))

    extract_post("<html><body><p>warm up</p></body></html>", "https://example.org/")
    t0 = time.perf_counter()
    results = [extract_post(html, gold["url"]) for gold, html in pages]
    elapsed = time.perf_counter() - t0

    n_title = n_date = ok_title = ok_date = base_title = base_date = 0
    sources: dict[str, list[int]] = {}
    for (gold, html), out in zip(pages, results, strict=True):
        if gold.get("title"):
            n_title += 1
            hit = norm_title(out["title"]) == norm_title(gold["title"])
            ok_title += hit
            if args.misses and not hit:
                print(f"TITLE {gold['id']}: {out['title']!r} != {gold['title']!r}")
        if gold.get("date"):
            n_date += 1
            value = out["published"]["value"]
            hit = bool(value) and value[:10] == gold["date"]
            ok_date += hit
            src = out["published"]["source"] or "none"
            sources.setdefault(src, [0, 0])
            sources[src][0] += hit
            sources[src][1] += 1
            if args.misses and not hit:
                print(f"DATE {gold['id']}: {value} ({src}) != {gold['date']}")
        if not args.no_baseline:
            if gold.get("date"):
                base_date += find_date(html, url=gold["url"], original_date=True) == gold["date"]
            if gold.get("title"):
                doc = bare_extraction(html, url=gold["url"], with_metadata=True)
                base_title += norm_title(getattr(doc, "title", None)) == norm_title(gold["title"])

    size = sum(len(html) for _, html in pages) / max(1, len(pages)) / 1024
    print(f"pages: {len(pages)} (mean {size:.0f} KB)  speed: {len(pages) / elapsed:.1f} pages/s")
    print(f"title: {ok_title}/{n_title} = {ok_title / max(1, n_title):.3f}", end="")
    if not args.no_baseline:
        print(f"   trafilatura metadata: {base_title / max(1, n_title):.3f}", end="")
    print()
    print(f"date:  {ok_date}/{n_date} = {ok_date / max(1, n_date):.3f}", end="")
    if not args.no_baseline:
        print(f"   htmldate(original_date): {base_date / max(1, n_date):.3f}", end="")
    print()
    for src, (hit, total) in sorted(sources.items(), key=lambda kv: -kv[1][1]):
        print(f"  source {src:9s} {hit:4d}/{total:<4d} = {hit / total:.3f}")


if __name__ == "__main__":
    main()
