"""``clustercrawl export``: the dataset as flat CSV or Parquet for analysts (columns:
``clustercrawl.export.flat.COLUMNS``), optionally only posts published since a date."""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from clustercrawl.export.flat import COLUMNS, flat_rows
from clustercrawl.runfiles import read_jsonl
from clustercrawl.tools import dataset_dir, output_arg

FORMATS = ("csv", "parquet")


def add_parser(sub: Any) -> None:
    p = sub.add_parser("export", help="the dataset as flat CSV or Parquet")
    p.add_argument("out", help="the file to write (.csv or .parquet)")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="default: from OUT's extension")
    p.add_argument("--since", default=None, metavar="DATE",
                   help="only posts published on or after DATE (YYYY-MM-DD)")
    p.add_argument("--input", default=None,
                   help="a posts JSONL file (default: OUTPUT/posts.jsonl)")
    output_arg(p)
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    fmt = args.format or out.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        print(f"clustercrawl export: {out}: say the format with a .csv or .parquet name or "
              "--format csv|parquet", file=sys.stderr)
        return 2
    since = None
    if args.since:
        try:
            since = date.fromisoformat(args.since).isoformat()
        except ValueError:
            print(f"clustercrawl export: --since {args.since}: not a date (YYYY-MM-DD)",
                  file=sys.stderr)
            return 2
    source = Path(args.input) if args.input else dataset_dir(args) / "posts.jsonl"
    if not source.exists():
        print(f"clustercrawl export: {source} does not exist (crawl first: ./crawl)",
              file=sys.stderr)
        return 2
    rows = list(flat_rows(read_jsonl(source), since))
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        with out.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(COLUMNS))
            writer.writeheader()
            writer.writerows(rows)
    else:
        write_parquet(out, rows)
    print(f"{len(rows)} post(s) from {source} written to {out}")
    return 0


def write_parquet(out: Path, rows: list[dict[str, Any]]) -> None:
    types = {"str": pa.string(), "bool": pa.bool_(), "int": pa.int64()}
    schema = pa.schema([(name, types[kind]) for name, kind in COLUMNS.items()])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), out)
