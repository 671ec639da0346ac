"""The ``clustercrawl`` subcommands people reach for after a crawl: ``sites``, ``status``
(local runs), ``purge`` and ``export``. Each module adds its parser with ``add_parser``;
``clustercrawl.cli`` wires them in. (``clustercrawl/commands/`` is Scrapy's command module,
so these live here.)"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from clustercrawl.state.store import SqliteStateStore


def output_arg(p: argparse.ArgumentParser) -> None:
    """``--output DIR`` and ``--demo`` (the demo's dataset, ``DIR/demo``)."""
    p.add_argument("--output", default=os.environ.get("CLUSTERCRAWL_OUTPUT_DIR", "output"),
                   help="the dataset folder (default: output, or $CLUSTERCRAWL_OUTPUT_DIR)")
    p.add_argument("--demo", action="store_true",
                   help="the demo's dataset (OUTPUT/demo) instead of the real one")


def dataset_dir(args: argparse.Namespace) -> Path:
    out = Path(args.output)
    return out / "demo" if getattr(args, "demo", False) else out


def open_state(outdir: Path) -> SqliteStateStore | None:
    """The dataset's crawl state, or None when it has none (never creates one)."""
    path = outdir / "state" / "state.sqlite"
    return SqliteStateStore(path) if path.exists() else None
