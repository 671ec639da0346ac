"""``scrapy check``, able to reach the demo web: its contracts (clustercrawl/contracts.py) fetch
``*.localhost`` pages on 127.0.0.1, which the SSRF guard lets through only when asked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.commands.check import Command as ScrapyCheckCommand

if TYPE_CHECKING:
    import argparse


class Command(ScrapyCheckCommand):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        if not self.settings.getlist("CLUSTERCRAWL_ALLOWED_PRIVATE_HOSTS"):
            self.settings.set("CLUSTERCRAWL_ALLOWED_PRIVATE_HOSTS", ["*.localhost"],
                              priority="cmdline")
