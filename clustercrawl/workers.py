"""Where extraction runs: beside the crawl, in worker processes.

One Scrapy process uses one core, and extraction (trafilatura, htmldate, dateparser,
extruct) costs far more CPU than fetching. Running it in a small process pool lets the
reactor keep downloading while other cores extract; with 0 processes it runs inline
(simplest to debug, used by the library call and the CLI).

The reactor is the crawl's bottleneck once extraction is out of it (profiled with py-spy
during ``bench/throughput.py``), so everything CPU-bound about a page goes to the workers in
one call: the extraction *and* building the normalised item (``build_item``: URL
canonicalisation, text normalisation, content hash), and the parsing of discovery pages
(listings, feeds, sitemaps: ``run``). Arguments and results travel pickled, never as JSON.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import pickle
import signal
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.extract import extract_post
from clustercrawl.items import PostItem
from clustercrawl.posts import build_item
from clustercrawl.registry import Site

T = TypeVar("T")

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

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in a worker (inline with 0 processes): a module-level function, as
        it is pickled by name. A worker that dies is replaced and the call fails."""
        if not self.processes:
            return fn(*args)
        loop = asyncio.get_running_loop()
        pool = self._get_pool()
        try:
            return await loop.run_in_executor(pool, _call_in_worker, fn, *args)
        except BrokenProcessPool:
            # A worker died (a pathological page can crash lxml): start a fresh pool so the
            # rest of the crawl goes on, and report this page as failed.
            logger.error("extraction worker died in %s; restarting the worker pool",
                         getattr(fn, "__name__", fn))
            if self._pool is pool:
                self._pool = None
                pool.shutdown(wait=False, cancel_futures=True)
            raise

    async def extract_item(self, html: str, job: ItemJob) -> ItemResult:
        """Extract a page and build its item in one worker call (see ``ItemJob``)."""
        return await self.run(_extract_item_call, html, job)

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
        # No call into the pool: this runs in a signal handler, which may have interrupted
        # the main thread inside ``submit`` holding the pool's lock (a deadlock seen once
        # the reactor handed the workers more calls). Signals to the processes need no lock.
        try:
            processes = list(getattr(pool, "_processes", {}).values())  # no public accessor
        except RuntimeError:  # changed size while copied: the manager thread replaced one
            processes = list(getattr(pool, "_processes", {}).values())
        for proc in processes:
            proc.terminate()  # skips one already reaped; a gone one is no error


def _call_in_worker(fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)``, with an error the parent can unpickle: an exception that does not
    survive pickling (a custom ``__init__``) would break the whole pool, failing every call
    in flight instead of this one."""
    try:
        return fn(*args)
    except Exception as exc:
        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:
            raise WorkerError(f"{type(exc).__name__}: {exc}") from None
        raise


class WorkerError(RuntimeError):
    """An error raised in a worker that could not travel back as itself."""


@dataclass(slots=True)
class ItemJob:
    """What ``build_item`` needs beside the page: it runs where the extraction ran, so the
    reactor receives a finished, normalised item."""

    url: str
    site: Site
    hints: Entry | None
    channel: Channel
    channels: list[str]
    fetched_url: str
    http_status: int | None
    fetched_at: str
    aliases: list[str]
    listed_as_post: bool


@dataclass(slots=True)
class ItemResult:
    """``item`` is None when the page is not a post (``not_post``) or has no title."""

    item: PostItem | None
    not_post: bool = False
    no_title: bool = False


def _extract_item_call(html: str, job: ItemJob) -> ItemResult:
    site = job.site
    extracted = extract_post(html, job.url, language=site.language, timezone=site.timezone,
                             hints=job.hints, date_order=site.overrides.date_order)
    if not extracted.get("is_post", True) and not job.listed_as_post:
        return ItemResult(None, not_post=True)
    if not (extracted.get("title") or "").strip():
        return ItemResult(None, no_title=True)
    channels: Iterable[str] = job.channels
    item = build_item(extracted, site, channel=job.channel, channels=channels,
                      fetched_url=job.fetched_url, http_status=job.http_status,
                      fetched_at=job.fetched_at, page_url=job.url, aliases=job.aliases)
    return ItemResult(item)
