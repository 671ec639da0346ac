"""Truncated bodies are never silent: retried once, then kept with a warning.

Small servers cut responses off: a connection dropped mid-body (shorter than its
Content-Length: Scrapy flags it ``dataloss`` with ``DOWNLOAD_FAIL_ON_DATALOSS = False``) or a
gzip stream without its end (which would otherwise fail the request in decompression). Such
a response is asked for once more; if it is cut again, what arrived is kept (a gzip stream
inflated as far as it goes, never past ``DOWNLOAD_MAXSIZE``), flagged ``truncated``: the
post gets the warning ``truncated_body`` and the site's count in the manifest.
"""

from __future__ import annotations

import zlib

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.responsetypes import responsetypes

_RETRIED = "clustercrawl_truncated_retry"


def inflate_gzip(body: bytes, limit: int) -> tuple[bytes, str]:
    """The inflated bytes (at most ``limit``) and what the stream was: ``complete``,
    ``truncated`` (all of it read, no end), ``too_big`` (left to the size cap: gzip bombs) or
    ``corrupt`` (left to the decompression middleware)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, limit)
    except zlib.error:
        return b"", "corrupt"
    if inflater.eof:
        return out, "complete"
    if inflater.unconsumed_tail or len(out) >= limit:
        return b"", "too_big"
    return out, "truncated"


class TruncationMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.limit = crawler.settings.getint("DOWNLOAD_MAXSIZE") or 64 * 1024 * 1024

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TruncationMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Request | Response:
        encoding = (response.headers.get(b"Content-Encoding") or b"").lower().strip()
        inflated: bytes | None = None
        cut = "dataloss" in response.flags
        if encoding in (b"gzip", b"x-gzip") and response.body:
            inflated, state = inflate_gzip(response.body, self.limit)
            if state != "truncated":
                inflated = None  # whole, or the decompression middleware's to judge
            cut = cut or state == "truncated"
        if not cut:
            return response
        stats = self.crawler.stats
        assert stats is not None
        if not request.meta.get(_RETRIED):
            stats.inc_value("clustercrawl/truncated/retried")
            retry = request.replace(dont_filter=True)
            retry.meta[_RETRIED] = True
            return retry
        stats.inc_value("clustercrawl/truncated/kept")
        if inflated is not None:
            headers = response.headers.copy()
            del headers[b"Content-Encoding"]
            cls = responsetypes.from_args(headers=headers, url=response.url, body=inflated)
            return response.replace(cls=cls, body=inflated, headers=headers,
                                    flags=[*response.flags, "truncated"])
        return response.replace(flags=[*response.flags, "truncated"])
