"""``scrapy crawl``, exiting with the run's verdict so a scheduler sees a failed run.

Scrapy's own command exits 0 whatever the crawl found. This one exits with
``RunFinalizeExtension.exit_status``: 3 when more than ``CLUSTERCRAWL_MAX_REGRESSED`` of the
sites regressed, 4 when an end-of-run stage (grouping, run files) failed, as ``./crawl`` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from clustercrawl.extensions import RunFinalizeExtension

if TYPE_CHECKING:
    import argparse


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give one spider: scrapy crawl clusters")
        assert self.crawler_process is not None
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
