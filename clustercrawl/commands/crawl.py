"""``scrapy crawl``, exiting with the run's verdict so a scheduler sees a failed run.

Scrapy's own command exits 0 whatever the crawl found. This one exits with
``RunFinalizeExtension.exit_status``: 3 when more than ``CLUSTERCRAWL_MAX_REGRESSED`` of the
sites regressed, 4 when an end-of-run stage (grouping, run files) failed, 5 when no site
answered, as ``./crawl`` does; and 2, with one line, for a wrong ``-a`` argument or registry.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from clustercrawl.extensions import RunFinalizeExtension
from clustercrawl.spiders.arguments import ArgumentError, open_registry, parse_arguments, select

if TYPE_CHECKING:
    import argparse


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give one spider: scrapy crawl clusters")
        assert self.crawler_process is not None
        if args[0] == "clusters":
            try:
                self.check_arguments(opts.spargs)
            except ArgumentError as exc:
                print(f"scrapy crawl clusters: {exc}", file=sys.stderr)
                self.exitcode = 2
                return
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        try:
            stage = crawler.get_extension(RunFinalizeExtension)
        except RuntimeError:  # the crawl never got as far as its extensions
            stage = None
        if stage is not None and stage.exit_status:
            self.exitcode = stage.exit_status

    def check_arguments(self, spargs: dict[str, str]) -> None:
        """The spider's ``-a`` arguments and registry, before the reactor starts: a user's
        mistake is one line and exit status 2 (a traceback from inside the crawl otherwise)."""
        args = parse_arguments(spargs)
        assert self.settings is not None
        if self.settings.get("CLUSTERCRAWL_REDIS_URL") or self.settings.get(
                "CLUSTERCRAWL_SITE_SOURCE"):
            return  # sites come from a shared queue, not the registry
        select(open_registry(args.registry), args)
