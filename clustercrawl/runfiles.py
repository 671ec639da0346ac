"""Where a run's files go, and how they are written so no reader ever sees half a file.

    <output>/runs/<run>/posts.jsonl      new and updated posts of this run (FEEDS)
    <output>/runs/<run>/manifest.json    counts per site, channel and status; errors; health
    <output>/runs/<run>/report.html      the same for people, readable offline
    <output>/posts.jsonl                 the latest version of every live post (cumulative)
    <output>/events.ics                  upcoming and past events, for calendar apps
    <output>/state/state.sqlite          the crawl state (see clustercrawl.state)

Files are written to ``<name>.part`` and renamed into place: a crawl killed mid-run leaves
no torn line in any file a consumer reads.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from scrapy.extensions.feedexport import FileFeedStorage
from scrapy.settings import BaseSettings


def output_dir(settings: BaseSettings) -> Path:
    return Path(settings.get("CLUSTERCRAWL_OUTPUT_DIR", "output"))


def run_dir(settings: BaseSettings, run: str) -> Path:
    return output_dir(settings) / "runs" / run


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Objects of a JSON Lines file; blank and unreadable lines are skipped (a crawl killed
    mid-write must not keep the report from being written)."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict):
                yield value


def write_atomic(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (or its chunks, in order) through a ``.part`` file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    with part.open("wb") as f:
        for chunk in (data,) if isinstance(data, bytes) else data:
            f.write(chunk)
        f.flush()
        os.fsync(f.fileno())
    part.replace(path)


def write_text_atomic(path: Path, pieces: Iterable[str]) -> None:
    """Write text given in pieces (``JSONEncoder.iterencode``) through a ``.part`` file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    with part.open("w", encoding="utf-8") as f:
        for piece in pieces:
            f.write(piece)
        f.flush()
        os.fsync(f.fileno())
    part.replace(path)


def write_jsonl_atomic(path: Path, records: Iterable[dict[str, Any]]) -> int:
    """Stream records to ``path`` through a ``.part`` file; returns how many were written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    n = 0
    with part.open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
        f.flush()
        os.fsync(f.fileno())
    part.replace(path)
    return n


class AtomicFileFeedStorage(FileFeedStorage):
    """Scrapy's file feed storage, writing ``<path>.part`` and renaming it when the feed closes."""

    def open(self, spider: Any) -> IO[bytes]:
        final = Path(self.path)
        final.parent.mkdir(parents=True, exist_ok=True)
        part = final.with_name(final.name + ".part")
        return part.open("wb")

    def store(self, file: IO[bytes]) -> None:
        file.flush()
        os.fsync(file.fileno())
        file.close()
        final = Path(self.path)
        final.with_name(final.name + ".part").replace(final)
