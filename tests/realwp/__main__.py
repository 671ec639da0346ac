"""Serve the real-WordPress test web by hand, to look at it or crawl it:

    python -m tests.realwp --registry-out /tmp/realwp.yaml [--port 8390] [--closed-api]

Starts MariaDB, php-fpm and nginx under a temporary folder (loopback and unix sockets
only), provisions both sites, writes a registry and the ground truth beside it, and serves
until Ctrl-C.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import signal
import sys
import tempfile
import time
from pathlib import Path

from tests.realwp.servers import WordPressStack, missing_packages
from tests.realwp.web import load_content, provision


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.realwp", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--registry-out", type=Path, required=True)
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--closed-api", action="store_true",
                        help="REST API answers 401 to visitors, as security plugins do")
    args = parser.parse_args(argv)
    missing = missing_packages()
    if missing:
        print(f"cannot serve: missing {', '.join(missing)}", file=sys.stderr)
        return 2
    contents = load_content()

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)  # stop cleanly on kill too
    with tempfile.TemporaryDirectory(prefix="realwp-") as tmp:
        stack = WordPressStack(Path(tmp), [c.site for c in contents])
        if args.port:
            stack.port = args.port
        with stack:
            web = provision(stack, Path(tmp) / "dump")
            if args.closed_api:
                for c in contents:
                    stack.sql("INSERT INTO wp_options (option_name, option_value, autoload) "
                              "VALUES ('realwp_rest_closed', '1', 'yes')", db=c.site.db)
            args.registry_out.write_text(web.registry_yaml(), "utf-8")
            truth = args.registry_out.with_suffix(".truth.json")
            truth.write_text(json.dumps({"posts": [dataclasses.asdict(p) for p in web.posts],
                                         "hidden": web.hidden}, ensure_ascii=False,
                                        indent=1, default=str), "utf-8")
            for c in contents:
                print(f"{c.conf['id']}: {stack.home(c.site)}/", flush=True)
            print(f"registry: {args.registry_out}\nground truth: {truth}\n"
                  "crawl: scrapy crawl clusters -a registry=... "
                  "-s CLUSTERCRAWL_ALLOWED_PRIVATE_HOSTS='*.localhost'\nCtrl-C stops.", flush=True)
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
