"""``python -m clustercrawl.report RUN_DIR [--posts FILE] [--events FILE] [--out FILE]``:
write RUN_DIR/report.html from RUN_DIR/manifest.json and a posts JSONL."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .io import write_report


def main(argv: list[str] | None = None) -> int:
    """Entry point; exit status 2 when the run folder has no manifest."""
    parser = argparse.ArgumentParser(
        prog="python -m clustercrawl.report",
        description="Write the static HTML report of one clustercrawl run.")
    parser.add_argument("run_dir", type=Path, help="output/runs/<run>/ with manifest.json")
    parser.add_argument("--posts", type=Path, default=None,
                        help="posts JSONL (default: output/posts.jsonl beside runs/, else "
                        "RUN_DIR/posts.jsonl)")
    parser.add_argument("--events", type=Path, default=None,
                        help="dedupe event records JSONL (optional)")
    parser.add_argument("--out", type=Path, default=None,
                        help="where to write (default: RUN_DIR/report.html)")
    args = parser.parse_args(argv)
    if not (args.run_dir / "manifest.json").is_file():
        print(f"report: no manifest.json in {args.run_dir}", file=sys.stderr)
        return 2
    for name in ("posts", "events"):
        path = getattr(args, name)
        if path is not None and not path.is_file():
            print(f"report: --{name} {path}: no such file", file=sys.stderr)
            return 2
    out = write_report(args.run_dir, args.posts, args.events, args.out)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
