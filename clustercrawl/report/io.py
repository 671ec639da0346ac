"""Reading a run folder and writing its ``report.html`` (atomically: a scheduler may upload
the folder while a later step still runs)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from clustercrawl.runfiles import read_jsonl

from .html import render_report


def default_posts(run_dir: Path) -> Path | None:
    """The cumulative ``<output>/posts.jsonl`` beside ``<output>/runs/<run>/`` (every live
    post: the chart and the upcoming events then cover more than this run's changes), else
    the run's own ``posts.jsonl``."""
    for candidate in (run_dir.parent.parent / "posts.jsonl", run_dir / "posts.jsonl"):
        if candidate.is_file():
            return candidate
    return None


def write_report(run_dir: Path, posts: Path | None = None, events: Path | None = None,
                 out: Path | None = None) -> Path:
    """Render ``run_dir/manifest.json`` with the posts (and event records) given, or found
    by `default_posts`; write ``run_dir/report.html`` (or ``out``) and return its path."""
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    posts = posts if posts is not None else default_posts(run_dir)
    page = render_report(manifest, read_jsonl(posts) if posts else (),
                         read_jsonl(events) if events else ())
    target = out if out is not None else run_dir / "report.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    part.write_text(page, encoding="utf-8")
    part.replace(target)
    return target
