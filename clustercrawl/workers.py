"""Where extraction runs: beside the crawl, in worker processes.

One Scrapy process uses one core, and extraction (trafilatura, htmldate, dateparser,
extruct) costs far more CPU than fetching. Running it in a small process pool lets the
reactor keep downloading while other cores extract; with 0 processes it runs inline
(simplest to debug, used by the library call and the CLI).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from clustercrawl.discovery.entry import Entry
from clustercrawl.extract import extract_post

logger = logging.getLogger(__name__)


def _ignore_interrupts() -> None:
    """Ctrl-C reaches the whole process group: the crawler drains the run and still needs
    its extraction workers, so they leave stopping to it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _warm_up() -> None:
    """Import the heavy extraction modules once per worker, before the first page."""
    extract_post("<html><body><p>warm up</p></body></html>", "http://localhost/")


class ExtractionRunner:
    def __init__(self, processes: int = 0) -> None:
        self.processes = max(0, processes)
        self._pool: ProcessPoolExecutor | None = None

    def _get_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn, not fork: the crawling process has threads (DNS, reactor) that fork
            # would copy in an undefined state.
            ctx = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=self.processes, mp_context=ctx,
                                             initializer=_ignore_interrupts)
            for _ in range(self.processes):
                self._pool.submit(_warm_up)
        return self._pool

    def start(self) -> None:
        if self.processes:
            self._get_pool()

    async def extract(
        self,
        html: str,
        url: str,
        language: str | None,
        timezone: str | None,
        hints: Entry | None,
        date_order: str | None = None,
    ) -> dict[str, Any]:
        if not self.processes:
            return extract_post(html, url, language=language, timezone=timezone, hints=hints,
                                date_order=date_order)
        loop = asyncio.get_running_loop()
        pool = self._get_pool()
        try:
            return await loop.run_in_executor(
                pool, _extract_call, html, url, language, timezone, hints, date_order
            )
        except BrokenProcessPool:
            # A worker died (a pathological page can crash lxml): start a fresh pool so the
            # rest of the crawl goes on, and report this page as failed.
            logger.error("extraction worker died on %s; restarting the worker pool", url)
            self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def terminate(self) -> None:
        """Stop the worker processes now (the crawler is about to exit at once): no
        extraction worker outlives it."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list(getattr(pool, "_processes", {}).values())  # no public accessor
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in processes:
            if proc.is_alive():
                proc.terminate()


def _extract_call(
    html: str, url: str, language: str | None, timezone: str | None, hints: Entry | None,
    date_order: str | None = None,
) -> dict[str, Any]:
    return extract_post(html, url, language=language, timezone=timezone, hints=hints,
                        date_order=date_order)
