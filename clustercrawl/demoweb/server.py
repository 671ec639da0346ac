"""Loopback HTTP server for a `DemoWeb`: one port, Host-header dispatch, threaded, with an
access log of (t_start, t_end, host, path_and_query, status) used to measure per-host
concurrency. Conditional GETs (If-None-Match / If-Modified-Since) get 304 where the page has
validators, as real CMSs and CDNs do; text bodies go gzip-compressed to clients that accept
it (as Apache's mod_deflate does), and the bytes each answer put on the wire are counted
(`DemoServer.bytes_log`). `DemoServer.set_web` swaps the web (e.g. for a later
revision) while serving: each request is answered wholly by the web current when it started.
"""

from __future__ import annotations

import gzip
import threading
import time
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from .model import Response
from .web import DemoWeb

LogEntry = tuple[float, float, str, str, int]
#: (host, path_and_query, bytes on the wire: status line, headers and body as sent)
BytesEntry = tuple[str, str, int]

#: Content types worth compressing (mod_deflate's usual AddOutputFilterByType list)
_COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/rss+xml",
                 "application/atom+xml", "application/feed+json", "application/ld+json",
                 "application/javascript", "image/svg+xml")
#: Below this size compressing does not pay (mod_deflate's DeflateMinLength idea)
_MIN_COMPRESS = 256


def _accepts_gzip(value: str | None) -> bool:
    """True when an Accept-Encoding header allows gzip (``gzip;q=0`` refuses it)."""
    for part in (value or "").lower().split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() in ("gzip", "x-gzip", "*"):
            q = params.strip()
            return not (q.startswith("q=") and q[2:].strip() in ("0", "0.0", "0.00", "0.000"))
    return False


class _Handler(BaseHTTPRequestHandler):
    server_version = "Apache/2.4.62"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def version_string(self) -> str:
        """Server header as a shared-hosting Apache sends it."""
        return self.server_version

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def _serve(self, head: bool) -> None:
        srv = self.server
        assert isinstance(srv, _Server)
        start = time.monotonic()
        host = self.headers.get("Host", "")
        target = self.path
        if target.startswith(("http://", "https://")):  # absolute-form request target
            rest = target.split("://", 1)[1]
            host, _, path = rest.partition("/")
            target = "/" + path
        name = host.split(":", 1)[0].lower()
        recorded = False
        try:
            resp = srv.current_web().respond(host, target, srv.server_address[1])
            resp = _conditional(resp, self.headers.get("If-None-Match"),
                                self.headers.get("If-Modified-Since"))
            body = resp.body
            compressible = resp.content_type.split(";")[0].strip().lower().startswith(
                _COMPRESSIBLE)
            encoded = (compressible and len(body) >= _MIN_COMPRESS
                       and "Content-Encoding" not in resp.headers
                       and _accepts_gzip(self.headers.get("Accept-Encoding")))
            if encoded:
                body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_response(resp.status)
            self.send_header("Content-Type", resp.content_type)
            self.send_header("Content-Length", str(len(body)))
            if encoded:
                self.send_header("Content-Encoding", "gzip")
            if compressible:
                self.send_header("Vary", "Accept-Encoding")
            for header, value in resp.headers.items():
                self.send_header(header, value)
            sent = sum(len(b) for b in getattr(self, "_headers_buffer", [])) + 2
            if not head and resp.status != 304:
                sent += len(body)
            # logged before any byte reaches the client: whoever has read a response finds
            # it in the access log (end time = when the answer was ready)
            srv.record((start, time.monotonic(), name, target, resp.status), sent)
            recorded = True
            self.end_headers()
            if not head and resp.status != 304:
                self.wfile.write(body)
        finally:
            if not recorded:
                srv.record((start, time.monotonic(), name, target, 500), 0)

    def log_message(self, format: str, *args: object) -> None:
        """Silence stderr logging; the access log is kept in memory."""


def _conditional(resp: Response, inm: str | None, ims: str | None) -> Response:
    if resp.status != 200:
        return resp
    etag = resp.headers.get("ETag")
    if inm and etag and etag in {t.strip() for t in inm.split(",")}:
        return Response(304, b"", resp.content_type, {"ETag": etag})
    last = resp.headers.get("Last-Modified")
    if ims and last and not inm:
        try:
            if parsedate_to_datetime(last) <= parsedate_to_datetime(ims):
                return Response(304, b"", resp.content_type, {"Last-Modified": last})
        except (TypeError, ValueError):
            return resp
    return resp


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    #: socketserver's default listen backlog is 5: several crawlers (distributed workers,
    #: benchmarks) connecting at once overflow it, and the kernel's dropped SYNs then cost
    #: seconds of retries that would be measured as crawler slowness.
    request_queue_size = 1024

    def __init__(self, addr: tuple[str, int], web: DemoWeb) -> None:
        super().__init__(addr, _Handler)
        self._web = web
        self._web_lock = threading.Lock()
        self.log: list[LogEntry] = []
        self.sent: list[int] = []  # bytes on the wire, one per ``log`` entry
        self._log_lock = threading.Lock()

    def current_web(self) -> DemoWeb:
        with self._web_lock:
            return self._web

    def set_web(self, web: DemoWeb) -> None:
        with self._web_lock:
            self._web = web

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients hanging up mid-response are normal for a crawler; stay quiet."""
        del request, client_address

    def record(self, entry: LogEntry, sent: int) -> None:
        with self._log_lock:
            self.log.append(entry)
            self.sent.append(sent)


class DemoServer:
    """Serve a `DemoWeb` on 127.0.0.1; use as a context manager or call start()/stop()."""

    def __init__(self, web: DemoWeb, host: str = "127.0.0.1", port: int = 0) -> None:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("the demo server binds to loopback only")
        self._httpd = _Server((host, port), web)
        self._thread: threading.Thread | None = None
        web.port = self.port

    @property
    def web(self) -> DemoWeb:
        """The web being served."""
        return self._httpd.current_web()

    def set_web(self, web: DemoWeb) -> None:
        """Serve ``web`` from now on (thread-safe; requests in flight finish on the old one),
        e.g. ``server.set_web(generate(revision=1))`` between two crawls on the same port."""
        web.port = self.port
        self._httpd.set_web(web)

    @property
    def port(self) -> int:
        """The bound port (useful with port=0)."""
        return int(self._httpd.server_address[1])

    @property
    def access_log(self) -> list[LogEntry]:
        """A snapshot of (t_start, t_end, host, path_and_query, status) per request."""
        with self._httpd._log_lock:
            return list(self._httpd.log)

    @property
    def bytes_log(self) -> list[BytesEntry]:
        """A snapshot of (host, path_and_query, bytes sent) per request, in ``access_log``
        order: what a crawl cost the sites in transfer, compression included."""
        with self._httpd._log_lock:
            return [(e[2], e[3], n) for e, n in zip(self._httpd.log, self._httpd.sent,
                                                    strict=True)]

    def clear_log(self) -> None:
        """Forget earlier requests (between test phases)."""
        with self._httpd._log_lock:
            self._httpd.log.clear()
            self._httpd.sent.clear()

    def base_url(self, site_id: str) -> str:
        """``http://host:port/`` of a site."""
        return self.web.base_url(site_id, self.port) + "/"

    def url(self, site_id: str, path: str) -> str:
        """Absolute URL of ``path`` on a site."""
        return self.web.base_url(site_id, self.port) + "/" + path.lstrip("/")

    def start(self) -> DemoServer:
        """Serve in a daemon thread."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._httpd.serve_forever,
                                            kwargs={"poll_interval": 0.1},
                                            name="demoweb-server", daemon=True)
            self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in the calling thread (CLI)."""
        self._httpd.serve_forever(poll_interval=0.2)

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
