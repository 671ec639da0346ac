"""CLI: ``python -m clustercrawl.demoweb serve|truth``.

serve: write the registry and ground-truth files, print the base URLs, serve until
SIGTERM/SIGINT. truth: write the ground truth for a given port and exit.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from .server import DemoServer
from .web import generate


def _write(path: str | None, text: str) -> None:
    """Write atomically: callers poll for the file and read it as soon as it exists."""
    if path:
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, out)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m clustercrawl.demoweb",
                                     description="Serve or describe the clustercrawl demo web.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("serve", "truth"):
        p = sub.add_parser(name)
        p.add_argument("--port", type=int, default=8377 if name == "serve" else None,
                       required=name == "truth")
        p.add_argument("--seed", type=int, default=2014)
        p.add_argument("--extra-sites", type=int, default=0)
        p.add_argument("--posts-per-site", type=int, default=40)
        p.add_argument("--revision", type=int, default=0,
                       help="weeks of new, edited and removed posts after the generated web")
        if name == "serve":
            p.add_argument("--registry-out", default=None)
            p.add_argument("--truth-out", default=None)
        else:
            p.add_argument("--out", required=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    args = _parser().parse_args(argv)
    web = generate(args.seed, args.extra_sites, args.posts_per_site, args.revision)
    if args.command == "truth":
        _write(args.out, json.dumps(web.ground_truth(args.port), ensure_ascii=False, indent=1))
        return 0
    server = DemoServer(web, port=args.port)
    port = server.port
    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        del signum, frame
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    server.start()
    _write(args.truth_out, json.dumps(web.ground_truth(port), ensure_ascii=False, indent=1))
    _write(args.registry_out, web.registry_yaml(port))
    urls = " ".join(web.base_url(s.id, port) + "/" for s in web.sites[:7])
    more = f" (+{len(web.sites) - 7} more)" if len(web.sites) > 7 else ""
    print(f"demoweb ready on 127.0.0.1:{port}: {urls}{more}", flush=True)
    while not stop.wait(0.2):
        pass
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
