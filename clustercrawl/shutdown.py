"""Every run ends by itself and stops cleanly: the run deadline, SIGTERM and Ctrl-C.

Scrapy's own first signal closes the spider at once: the sites' buffered posts never reach
the pipelines, and the close waits for every request in flight (30 s timeouts). Here the run
*drains* instead (``DrainExtension.begin``):

1. no new request is made, and requests waiting in the download slots (politeness delays)
   are dropped (``DrainMiddleware`` drops any that still come);
2. every site is flushed: the posts it has go through the pipelines into the crawl state;
3. the spider closes with the reason (``shutdown`` or ``deadline``), and the end-of-run stage
   writes the feeds, the run folder and the manifest (``finish_reason``, the sites left
   unfinished) as after any run.

Requests already in flight get ``CLUSTERCRAWL_SHUTDOWN_GRACE`` seconds; after that the run
finishes its outputs without them. A second signal stops at once. Whatever a run stored and
could not write out stays *pending* in the crawl state and is emitted by the next run.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
from typing import TYPE_CHECKING, Any

from scrapy import Request, signals
from scrapy.exceptions import IgnoreRequest
from twisted.internet import reactor
from twisted.python.failure import Failure

from clustercrawl.export.feeds import RunFeedExporter
from clustercrawl.extensions import RunFinalizeExtension
from clustercrawl.spiders.budget import parse_duration

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

#: requests the draining run still makes: the spider's own bookkeeping (``data:`` URLs)
_INTERNAL = "data:"


class DrainExtension:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.deadline = parse_duration(settings.get("CLUSTERCRAWL_RUN_DEADLINE"),
                                       "CLUSTERCRAWL_RUN_DEADLINE")
        self.grace = settings.getfloat("CLUSTERCRAWL_SHUTDOWN_GRACE")
        self.reason: str | None = None
        self._calls: list[Any] = []
        self._previous: dict[int, Any] = {}
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DrainExtension:
        return cls(crawler)

    # -- triggers ------------------------------------------------------------------------------
    def spider_opened(self, spider: Spider) -> None:
        if self.deadline:
            self._later(self.deadline, self.begin, "deadline")
        for sig in (signal.SIGTERM, signal.SIGINT):
            # not in the main thread (a crawl run from a library call): no handlers
            with contextlib.suppress(ValueError):
                self._previous[sig] = signal.signal(sig, self._on_signal)

    def _on_signal(self, signum: int, frame: Any) -> None:
        name = signal.Signals(signum).name
        if self.reason is not None:
            logger.warning("%s again: stopping at once", name)
            self._terminate_workers()
            os._exit(128 + signum)
        logger.warning("%s received: finishing the run (no new requests; posts found so "
                       "far are written); send it again to stop at once", name)
        reactor.callFromThread(self.begin, "shutdown")

    def spider_closed(self, spider: Spider) -> None:
        for call in self._calls:
            if call.active():
                call.cancel()
        for sig, handler in self._previous.items():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(sig, handler)

    # -- draining ------------------------------------------------------------------------------
    def begin(self, reason: str) -> None:
        """Stop making requests, flush every site, close with ``reason``."""
        spider = self.crawler.spider
        if self.reason is not None or spider is None or not self.crawler.crawling:
            return
        self.reason = reason
        spider.draining = reason  # type: ignore[attr-defined]
        if reason == "deadline":
            logger.warning("run deadline reached (CLUSTERCRAWL_RUN_DEADLINE): finishing the "
                           "run; unfinished sites go on next run")
        dropped = self._drop_waiting_requests()
        states = getattr(spider, "states", {})
        unfinished = [st for st in states.values() if not st.flushed]
        for st in unfinished:
            st.stopped.append(f"run stopped ({reason}) before the site was finished")
        logger.info("draining: %d queued requests dropped, %d site(s) unfinished", dropped,
                    len(unfinished))
        engine = self.crawler.engine
        engine.crawl(Request("data:,flush", callback=spider._flush_stuck,  # type: ignore[attr-defined]
                             dont_filter=True, priority=10**6))
        self._later(self.grace, self._close, reason)

    def _drop_waiting_requests(self) -> int:
        """Requests held in the download slots by politeness delays: let them go now."""
        dropped = 0
        downloader = self.crawler.engine.downloader
        for slot in list(downloader.slots.values()):
            while slot.queue:
                request, deferred = slot.queue.popleft()
                deferred.errback(Failure(IgnoreRequest(f"run stopping: {request.url}")))  # type: ignore[no-untyped-call]
                dropped += 1
        return dropped

    def _close(self, reason: str) -> None:
        """The grace period is over and requests are still in flight: write every output now,
        from what the crawl state holds, and exit (nothing stored is lost: see the module)."""
        if not self.crawler.crawling or self.crawler.engine.spider is None:
            return
        logger.warning("requests still in flight after %.0f s: finishing without them",
                       self.grace)
        stage = self.crawler.get_extension(RunFinalizeExtension)
        if stage is None:
            os._exit(1)
        stage.reason = reason
        feeds = self.crawler.get_extension(RunFeedExporter)
        spider = self.crawler.spider
        if feeds is not None and spider is not None:
            feeds.export_now(stage.grouped_posts().posts, spider)
        stage.engine_stopped()
        self._terminate_workers()
        logging.shutdown()
        os._exit(stage.exit_status)

    def _terminate_workers(self) -> None:
        runner = getattr(self.crawler.spider, "runner", None)
        if runner is not None:
            runner.terminate()

    def _later(self, delay: float, fn: Any, *args: Any) -> None:
        self._calls.append(reactor.callLater(delay, fn, *args))  # type: ignore[arg-type]


class DrainMiddleware:
    """Downloader middleware: while the run drains, no request leaves but its bookkeeping."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DrainMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        spider = self.crawler.spider
        if getattr(spider, "draining", None) and not request.url.startswith(_INTERNAL):
            raise IgnoreRequest(f"run stopping: {request.url}")
