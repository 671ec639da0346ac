"""The run report: a static, offline HTML page per run (sites and their health, posts per
month, upcoming events), built from the run's ``manifest.json`` and a posts JSONL."""

from __future__ import annotations

from clustercrawl.runfiles import read_jsonl

from .html import render_report
from .io import write_report

__all__ = ["read_jsonl", "render_report", "write_report"]
