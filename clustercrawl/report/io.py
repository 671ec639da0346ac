"""Reading a run folder and writing its ``report.html`` (atomically: a scheduler may upload
the folder while a later step still runs)."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from clustercrawl.runfiles import read_jsonl

from .html import report_pieces


def default_posts(run_dir: Path) -> Path | None:
    """The cumulative ``<output>/posts.jsonl`` beside ``<output>/runs/<run>/`` (every live
    post: the chart and the upcoming events then cover more than this run's changes), else
    the run's own ``posts.jsonl``."""
    for candidate in (run_dir.parent.parent / "posts.jsonl", run_dir / "posts.jsonl"):
        if candidate.is_file():
            return candidate
    return None


def write_report(run_dir: Path, posts: Path | None = None, events: Path | None = None,
                 out: Path | None = None, manifest: Mapping[str, Any] | None = None) -> Path:
    """Render ``run_dir/manifest.json`` (or ``manifest``, the same already in memory: a
    second copy of a 30,000-site manifest weighs hundreds of MB) with the posts (and event
    records) given, or found by `default_posts`; write ``run_dir/report.html`` (or ``out``)
    and return its path."""
    if manifest is None:
        manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    posts = posts if posts is not None else default_posts(run_dir)
    pieces = report_pieces(manifest, read_jsonl(posts) if posts else (),
                           read_jsonl(events) if events else ())
    target = out if out is not None else run_dir / "report.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    with part.open("w", encoding="utf-8") as f:  # written as rendered, never one string
        for piece in pieces:
            f.write(piece)
    part.replace(target)
    return target
