"""A fault-injecting web on loopback: one ``<case>.localhost`` host per way a site can break.

Cluster sites are small, old and often broken, and a registry edited by people can point the
crawler anywhere. Each :data:`CASES` entry is a site whose homepage (or one of whose channels)
misbehaves in one way - HTTP errors, resets, stalls, bombs, traps, bad XML, wrong charsets,
robots.txt trouble, JavaScript shells, redirects to addresses the SSRF guard must refuse -
next to a healthy site whose posts must all arrive. The server binds 127.0.0.1 only and keeps
an access log, so tests can check from the server's side what was (never) requested.

    with FaultWeb() as web:
        registry_yaml = web.registry_yaml()
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

import yaml

from tests.conftest import ROOT, TEST_CRAWL_SETTINGS, read_run

#: Requests to paths under this prefix must never arrive (SSRF targets).
SSRF_PREFIX = "/ssrf-target"
#: How long a stalling response waits (unless the server shuts down first); the crawl's
#: DOWNLOAD_TIMEOUT must be far below it.
STALL_SECONDS = 60.0
BIG_PAGE_BYTES = 50 * 1024 * 1024
LONG_PARAGRAPH = ("<p>" + " ".join(
    f"Zdanie {n}: członkowie klastra omawiali wspólne projekty badawcze i wdrożeniowe."
    for n in range(40)) + "</p>").encode()
#: Candidates of the sites that would hold a run: failing ones, and a big healthy site's
MANY_BROKEN = 5000
BIG_SITE_POSTS = 20_000
#: The big site's request budget per run (a registry override, as a big site would have)
BIG_SITE_BUDGET = 120
GZIP_BOMB_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    ctype: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


# A "special" route writes to the socket itself (resets, stalls, endless bodies).
Special = Callable[["_Handler"], None]
Route = Reply | Special


@dataclass(frozen=True)
class Case:
    """One site of the fault web and what the crawl must make of it."""

    name: str  # host label: <name>.localhost
    site_id: str
    status: str  # expected per-site status in the run manifest ("a|b": either)
    what: str
    country: str = "PL"
    language: str = "pl"
    #: titles of the posts that must arrive (readable: charset cases check diacritics)
    titles: tuple[str, ...] = ()
    #: the homepage, when it is not http://<name>.localhost:<port>/ ({port} is filled in)
    homepage: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


# -- content -------------------------------------------------------------------------------------

PL_POSTS = (
    ("Spotkanie członków klastra w Łodzi", "2024-03-05",
     "Członkowie klastra spotkali się w Łodzi, aby omówić współpracę z uczelniami i "
     "przedsiębiorstwami z województwa łódzkiego. Wśród gości byli przedstawiciele samorządu, "
     "świata nauki oraz firm zajmujących się gospodarką obiegu zamkniętego."),
    ("Źródła finansowania innowacji dla małych firm", "2024-04-11",
     "Zażółć gęślą jaźń: tak brzmi zdanie, którym sprawdzamy polskie znaki. Przedstawiamy "
     "źródła finansowania innowacji dostępne dla mikro, małych i średnich przedsiębiorstw "
     "należących do klastra, wraz z terminami naborów wniosków."),
    ("Śląskie Forum Energetyczne - relacja", "2024-05-20",
     "Podczas Śląskiego Forum Energetycznego eksperci dyskutowali o transformacji "
     "energetycznej regionu, magazynach energii i wodorze. Żywa dyskusja pokazała, że "
     "współpraca nauki i przemysłu jest niezbędna."),
)
CS_POSTS = (
    ("Setkání členů klastru v Brně", "2024-03-07",
     "Členové klastru se sešli v Brně, aby projednali spolupráci s vysokými školami a "
     "průmyslovými podniky. Příští setkání proběhne v září v Ostravě, kde představíme "
     "výsledky společných projektů."),
    ("Příliš žluťoučký kůň a dotace pro malé podniky", "2024-04-15",
     "Příliš žluťoučký kůň úpěl ďábelské ódy: touto větou zkoušíme české znaky. Shrnujeme "
     "dotační výzvy pro malé a střední podniky, které jsou členy klastru, včetně termínů."),
)
EVENT_POSTS = tuple(
    (f"{kind} klastra w Łodzi", "2024-06-0" + str(n),
     f"{kind} klastra odbędzie się w Łodzi. Zapraszamy przedsiębiorców, naukowców i "
     "przedstawicieli samorządu do udziału w spotkaniu poświęconym współpracy w regionie.")
    for n, kind in enumerate(("Konferencja", "Warsztaty", "Targi"), start=1)
)
HEALTHY_POSTS = tuple(
    (f"Aktualność numer {n}: warsztaty dla członków klastra", f"2024-0{n}-1{n}",
     f"Warsztaty numer {n} dla członków klastra dotyczyły cyfryzacji produkcji, automatyzacji "
     "i robotyki. Uczestnicy poznali praktyczne wdrożenia w firmach z regionu oraz możliwości "
     "dofinansowania inwestycji w nowoczesne technologie.")
    for n in range(1, 7)
)


def _slug(title: str) -> str:
    table = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻáčďéěíňřšťúůýžÁČĎÉĚÍŇŘŠŤÚŮÝŽ",
                          "acelnoszzACELNOSZZacdeeinrstuuyzACDEEINRSTUUYZ")
    out = "".join(c if c.isalnum() else "-" for c in title.translate(table).lower())
    return "-".join(p for p in out.split("-") if p)


def post_html(title: str, date: str, text: str, lang: str, meta_charset: str | None = None,
              site: str = "Klaster") -> str:
    head_charset = f'<meta charset="{meta_charset}">' if meta_charset else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head>{head_charset}<title>{title} | {site}'
        f'</title>\n<meta property="article:published_time" content="{date}T10:00:00+01:00">'
        f'</head><body><header><a href="/">{site}</a></header>\n<article><h1>{title}</h1>\n'
        f'<time datetime="{date}">{date}</time>\n<p>{text}</p>\n<p>{text}</p></article>\n'
        f"<footer>{site}</footer></body></html>"
    )


HOME_LINE = {"pl": "klaster przemysłowy, członkowie, współpraca.",
             "cs": "průmyslový klastr, členové, spolupráce."}


def home_html(site: str, lang: str, body: str = "", head: str = "",
              meta_charset: str | None = None) -> str:
    head_charset = f'<meta charset="{meta_charset}">' if meta_charset else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head>{head_charset}<title>{site}</title>{head}'
        f"</head><body><h1>{site}</h1>\n{body}\n<p>{site}: {HOME_LINE.get(lang, '')}</p>"
        "</body></html>"
    )


def rss(items: list[tuple[str, str, str]], title: str = "Klaster", head: str = "") -> bytes:
    """items: (title, url, pub date ISO day)."""
    entries = "".join(
        f"<item><title>{t}</title><link>{u}</link><guid>{u}</guid>"
        f"<pubDate>{_rfc822(d)}</pubDate></item>" for t, u, d in items
    )
    return (f'<?xml version="1.0" encoding="UTF-8"?>{head}\n<rss version="2.0"><channel>'
            f"<title>{title}</title><link>http://example.invalid/</link>{entries}"
            "</channel></rss>").encode()


def sitemap(urls: list[str], head: str = "", extra: str = "") -> bytes:
    locs = "".join(f"<url><loc>{u}</loc>{extra}</url>" for u in urls)
    return (f'<?xml version="1.0" encoding="UTF-8"?>{head}\n<urlset xmlns='
            f'"http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>').encode()


def _rfc822(day: str) -> str:
    d = datetime.fromisoformat(day).replace(hour=10, tzinfo=UTC)
    return d.strftime("%a, %d %b %Y %H:%M:%S +0000")


#: Billion laughs: ten levels of ten references (10^9 "lol" if anything expanded it).
XML_BOMB_DTD = (
    "<!DOCTYPE bomb [<!ENTITY lol0 \"lol\">"
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    + "]>"
)

CHALLENGE_PAGE = b"""<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="refresh" content="390"><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?ray=8f1"></script>
</head><body><div class="main-wrapper"><noscript>Enable JavaScript and cookies to continue</noscript>
<div id="challenge-body-text">Checking if the site connection is secure</div></div>
<script>window._cf_chl_opt={cvId:'3',cZone:'x',cType:'managed'};</script></body></html>"""

CAPTCHA_PAGE = b"""<!DOCTYPE html><html lang="pl"><head><title>Weryfikacja</title>
<script src="https://www.google.com/recaptcha/api.js" async defer></script></head><body>
<form method="post"><p>Potwierd\xc5\xba, \xc5\xbce nie jeste\xc5\x9b robotem.</p>
<div class="g-recaptcha" data-sitekey="6Lc-demo"></div><button>Dalej</button></form></body></html>"""

JS_SHELL_PAGE = b"""<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8">
<title>Klaster Nowoczesny</title><link rel="stylesheet" href="/static/css/main.3f2a.css">
<script defer="defer" src="/static/js/main.8c1d.js"></script></head><body>
<noscript>Aby korzysta\xc4\x87 z tej strony, w\xc5\x82\xc4\x85cz obs\xc5\x82ug\xc4\x99 JavaScript.</noscript>
<div id="root"></div></body></html>"""


def _gzip_bomb(size: int) -> bytes:
    """A small gzip body that inflates to ``size`` bytes of HTML."""
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as gz:
        gz.write(b"<!DOCTYPE html><html><head><title>Bomba</title></head><body><p>")
        chunk = b" " * (1 << 20)
        for _ in range(size >> 20):
            gz.write(chunk)
        gz.write(b"</p></body></html>")
    return buf.getvalue()


# -- the server ------------------------------------------------------------------------------------

LogEntry = tuple[float, str, str, str]  # (time, host, path, outcome)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    web: FaultWeb

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients hang up on purpose here (timeouts, size caps): no tracebacks."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    server_version = "Apache/2.4.62"
    sys_version = ""
    server: _Server

    def do_GET(self) -> None:
        web = self.server.web
        host = (self.headers.get("Host") or "").split(":", 1)[0].lower()
        path = self.path
        route = web.route(host, path)
        outcome = "special" if callable(route) else str(route.status if route else 404)
        web.access_log.append((time.monotonic(), host, path, outcome))
        if route is None:
            self._reply(Reply(404, b"<html><body>Not found</body></html>"))
        elif callable(route):
            route(self)
        else:
            self._reply(route)

    def _reply(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.ctype)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(reply.body)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: object) -> None:
        """The access log is kept in memory."""


# -- special routes ------------------------------------------------------------------------------

def reset_connection(h: _Handler) -> None:
    """Answer with a TCP RST: SO_LINGER 0, then close."""
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.connection.close()
    h.close_connection = True


def stall_mid_body(h: _Handler) -> None:
    """Promise 200 kB, send 4 kB, then go silent."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", "200000")
    h.end_headers()
    h.wfile.write(b"<!DOCTYPE html><html><head><title>Wolny serwer</title></head><body>"
                  + b"<p>" + b"x" * 4000)
    h.wfile.flush()
    h.server.web.stop.wait(STALL_SECONDS)


def stall_silent(h: _Handler) -> None:
    """Accept the request and never answer (a robots.txt that times out)."""
    h.server.web.stop.wait(STALL_SECONDS)


def endless_big_page(h: _Handler) -> None:
    """50 MB of HTML without Content-Length, until the client hangs up."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Connection", "close")
    h.end_headers()
    para = b"<p>" + b"Bardzo du\xc5\xbca strona klastra. " * 200 + b"</p>\n"
    try:
        h.wfile.write(b"<!DOCTYPE html><html><head><title>Du\xc5\xbca strona</title></head><body>")
        sent = 0
        while sent < BIG_PAGE_BYTES and not h.server.web.stop.is_set():
            h.wfile.write(para)
            sent += len(para)
        h.wfile.write(b"</body></html>")
        h.server.web.big_page_sent = sent
    except OSError:
        h.server.web.big_page_sent = -1  # the client hung up: good
    h.close_connection = True


class FaultWeb:
    """The fault sites on one loopback port, dispatched by Host header."""

    def __init__(self) -> None:
        self.access_log: list[LogEntry] = []
        self.stop = threading.Event()
        self.big_page_sent = 0
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.web = self
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._hits: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()
        self._routes = self._build()

    # -- lifecycle ---------------------------------------------------------------------------
    def __enter__(self) -> FaultWeb:
        self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop.set()
        self._server.shutdown()
        self._server.server_close()

    # -- helpers -----------------------------------------------------------------------------
    def base(self, name: str) -> str:
        return f"http://{name}.localhost:{self.port}"

    def hits(self, host_label: str, path_prefix: str = "") -> list[LogEntry]:
        host = f"{host_label}.localhost"
        return [e for e in self.access_log if e[1] == host and e[2].startswith(path_prefix)]

    def route(self, host: str, path: str) -> Route | None:
        label = host.removesuffix(".localhost")
        with self._lock:
            n = self._hits[(label, path)] = self._hits.get((label, path), 0) + 1
        routes = self._routes.get(label)
        if routes is None:
            return None
        dynamic = routes.get("*")
        if dynamic is not None:
            found: Route | None = dynamic(path, n)
            if found is not None:
                return found
        route: Route | None = routes.get(path)
        return route

    # -- the sites ---------------------------------------------------------------------------
    def _posts(self, name: str, posts: tuple[tuple[str, str, str], ...], lang: str,
               encode: Callable[[str], bytes] = str.encode, ctype: str = "text/html; charset=utf-8",
               meta_charset: str | None = None,
               prefix: str = "/aktualnosci/") -> tuple[dict[str, Any], list[str]]:
        routes: dict[str, Any] = {}
        urls: list[str] = []
        for title, date, text in posts:
            path = f"{prefix}{_slug(title)}/"
            routes[path] = Reply(body=encode(post_html(title, date, text, lang, meta_charset)),
                                 ctype=ctype)
            urls.append(self.base(name) + path)
        return routes, urls

    def _sitemap_site(self, name: str, posts: tuple[tuple[str, str, str], ...], lang: str,
                      encode: Callable[[str], bytes] = str.encode,
                      ctype: str = "text/html; charset=utf-8",
                      meta_charset: str | None = None) -> dict[str, Any]:
        """A site found through its sitemap (robots.txt Sitemap: line), pages encoded so."""
        routes, urls = self._posts(name, posts, lang, encode, ctype, meta_charset)
        base = self.base(name)
        routes["/robots.txt"] = Reply(body=f"User-agent: *\nSitemap: {base}/sitemap.xml\n"
                                      .encode(), ctype="text/plain")
        routes["/sitemap.xml"] = Reply(body=sitemap(urls), ctype="application/xml")
        routes["/"] = Reply(body=encode(home_html(f"Klaster {name}", lang,
                                                  meta_charset=meta_charset)), ctype=ctype)
        return routes

    def _feed_site(self, name: str, posts: tuple[tuple[str, str, str], ...],
                   feed: bytes | None = None, feed_ctype: str = "application/rss+xml",
                   robots: Route | None = None, nav: str = "") -> dict[str, Any]:
        routes, urls = self._posts(name, posts, "pl")
        items = [(t, u, d) for (t, d, _), u in zip(posts, urls, strict=True)]
        head = '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        routes["/"] = Reply(body=home_html(f"Klaster {name}", "pl", nav, head).encode())
        routes["/feed.xml"] = Reply(body=feed if feed is not None else rss(items),
                                    ctype=feed_ctype)
        routes["/robots.txt"] = robots or Reply(body=b"User-agent: *\nAllow: /\n",
                                                ctype="text/plain")
        return routes

    def _build(self) -> dict[str, dict[str, Any]]:
        r: dict[str, dict[str, Any]] = {}
        port = self.port
        two = PL_POSTS[:2]

        r["healthy"] = self._feed_site("healthy", HEALTHY_POSTS)

        def always(reply: Reply) -> Callable[[str, int], Route | None]:
            return lambda path, n: None if path == "/robots.txt" else reply

        r["err500"] = {"*": always(Reply(500, b"<h1>Internal Server Error</h1>"))}
        r["err502"] = {"*": always(Reply(502, b"<h1>Bad Gateway</h1>"))}
        r["err503"] = {"*": always(Reply(503, b"<h1>Service Unavailable</h1>",
                                         headers=(("Retry-After", "120"),)))}
        flaky = self._feed_site("flaky503", two)

        def flaky_first(path: str, n: int) -> Route | None:
            if path == "/" and n == 1:
                return Reply(503, b"<h1>Try again</h1>", headers=(("Retry-After", "1"),))
            return None

        r["flaky503"] = {**flaky, "*": flaky_first}
        r["ratelimit"] = {"*": always(Reply(429, b"<h1>Too Many Requests</h1>",
                                            headers=(("Retry-After", "3600"),)))}
        r["challenge"] = {"*": always(Reply(403, CHALLENGE_PAGE, headers=(
            ("Server", "cloudflare"), ("cf-mitigated", "challenge"), ("CF-RAY", "8f1-WAW"))))}
        r["captcha"] = {"*": always(Reply(200, CAPTCHA_PAGE))}
        r["reset"] = {"*": lambda path, n: reset_connection}
        r["stall"] = {"*": lambda path, n: None if path == "/robots.txt" else stall_mid_body}

        # A post whose gzip body is cut off (Content-Length matches the cut body).
        trunc = self._feed_site("truncgzip", two)
        post_path = next(p for p in trunc if p.startswith("/aktualnosci/")
                         and p.endswith(f"{_slug(two[1][0])}/"))
        # (a page of some length, stored uncompressed, so what arrives before the cut inflates)
        page = trunc[post_path].body.replace(b"</article>", LONG_PARAGRAPH + b"</article>")
        full = gzip.compress(page, compresslevel=0)
        trunc[post_path] = Reply(body=full[: len(full) * 2 // 3],
                                 headers=(("Content-Encoding", "gzip"),))
        r["truncgzip"] = trunc
        self.truncated_post = post_path

        # A post whose connection drops after half its promised Content-Length.
        short = self._feed_site("shortbody", two)
        short_path = next(p for p in short if p.startswith("/aktualnosci/")
                          and p.endswith(f"{_slug(two[1][0])}/"))
        page = short[short_path].body

        def cut_short(h: _Handler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "text/html; charset=utf-8")
            h.send_header("Content-Length", str(len(page)))
            h.end_headers()
            h.wfile.write(page[: len(page) * 2 // 3])
            h.wfile.flush()
            h.close_connection = True

        short[short_path] = cut_short
        r["shortbody"] = short
        self.short_post = short_path

        r["redirloop"] = {"/": Reply(302, headers=(("Location", "/petla/"),)),
                          "/petla/": Reply(302, headers=(("Location", "/"),))}
        r["redirip"] = {"/": Reply(302, headers=(
            ("Location", f"http://127.0.0.1:{port}{SSRF_PREFIX}/ip"),))}
        r["redirname"] = {"/": Reply(302, headers=(
            ("Location", f"http://localhost:{port}{SSRF_PREFIX}/name"),))}

        # Event calendar: previous and next month, forever; three events this month.
        cal = self._feed_site("calendar", ())
        cal["/"] = Reply(body=home_html("Klaster Kalendarz", "pl",
                                        '<nav><a href="/wydarzenia/">Wydarzenia</a></nav>')
                         .encode())
        event_routes, _ = self._posts("calendar", EVENT_POSTS, "pl", prefix="/wydarzenia/")
        cal.update(event_routes)

        def month_page(path: str, n: int) -> Route | None:
            if not path.startswith("/wydarzenia/") or (path != "/wydarzenia/"
                                                       and "month=" not in path):
                return None
            now = datetime.now(UTC)
            y, m = now.year, now.month
            if "month=" in path:
                y, m = (int(x) for x in path.split("month=", 1)[1][:7].split("-"))
            prev_i, next_i = y * 12 + m - 2, y * 12 + m
            prev_m = f"{prev_i // 12}-{prev_i % 12 + 1:02d}"
            next_m = f"{next_i // 12}-{next_i % 12 + 1:02d}"
            events = "".join(
                f'<li><span class="date">{day}.{m:02d}.{y}</span> '
                f'<a href="{path_}">{title}</a></li>'
                for day, (path_, (title, _, _)) in zip(
                    (5, 12, 19), zip(event_routes, EVENT_POSTS, strict=True), strict=True)
            ) if (y, m) == (now.year, now.month) else "<li>Brak wydarzeń</li>"
            body = (f'<div class="cal-nav"><a class="cal-prev" href="/wydarzenia/?month={prev_m}">'
                    f'&laquo; poprzedni miesiąc</a> <a class="cal-next" href="/wydarzenia/?month='
                    f'{next_m}">następny miesiąc &raquo;</a><h2>{y}-{m:02d}</h2></div>'
                    f'<ul class="event-list">{events}</ul>')
            return Reply(body=home_html("Wydarzenia", "pl", body).encode())

        cal["*"] = month_page
        r["calendar"] = cal

        # Pagination: page N links to page N+1 forever, every page the same list.
        pag = self._feed_site("pagination", ())
        pag_routes, pag_urls = self._posts("pagination", two, "pl")
        pag.update(pag_routes)
        pag["/"] = Reply(body=home_html("Klaster Stronicowany", "pl",
                                        '<nav><a href="/aktualnosci/">Aktualności</a></nav>')
                         .encode())
        listing_items = "".join(
            f'<article class="post"><h2><a href="{u}">{t}</a></h2><time datetime="{d}">{d}'
            f"</time><p>{x[:120]}</p></article>"
            for (t, d, x), u in zip(two, pag_urls, strict=True)
        )

        def listing_page(path: str, n: int) -> Route | None:
            if path == "/aktualnosci/" or path.startswith("/aktualnosci/page/"):
                num = int(path.rstrip("/").rsplit("/", 1)[-1]) if "/page/" in path else 1
                pager = (f'<nav class="pagination"><a class="next" rel="next" '
                         f'href="/aktualnosci/page/{num + 1}/">Następna strona</a></nav>')
                return Reply(body=home_html("Aktualności", "pl", listing_items + pager).encode())
            return None

        pag["*"] = listing_page
        r["pagination"] = pag

        r["hugepage"] = {"/": endless_big_page}
        bomb = _gzip_bomb(GZIP_BOMB_BYTES)
        r["gzipbomb"] = {"/": Reply(body=bomb, headers=(("Content-Encoding", "gzip"),))}

        xb = self._feed_site("xmlbomb-feed", two)
        xb_urls = [self.base("xmlbomb-feed") + p for p in xb if p.startswith("/aktualnosci/")]
        xb["/feed.xml"] = Reply(body=rss(
            [(f"{t} &lol9;", u, d) for (t, d, _), u in zip(two, xb_urls, strict=True)],
            title="&lol9;", head=XML_BOMB_DTD), ctype="application/rss+xml")
        r["xmlbomb-feed"] = xb

        xs = self._sitemap_site("xmlbomb-sitemap", two, "pl")
        xs_urls = [self.base("xmlbomb-sitemap") + p for p in xs if p.startswith("/aktualnosci/")]
        xs["/sitemap.xml"] = Reply(body=sitemap(xs_urls, head=XML_BOMB_DTD,
                                                extra="<priority>&lol9;</priority>"),
                                   ctype="application/xml")
        r["xmlbomb-sitemap"] = xs

        br = self._feed_site("badrss", two)
        br_urls = [self.base("badrss") + p for p in br if p.startswith("/aktualnosci/")]
        br["/feed.xml"] = Reply(body=(
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>R & D'
            "</title>" + "".join(
                f"<item><title>{t} & więcej<link>{u}</link><pubDate>{_rfc822(d)}</pubDate>"
                f"<description><p>niezamknięty akapit</description></item>"
                for (t, d, _), u in zip(two, br_urls, strict=True)
            ) + "<item><title>urwany").encode(), ctype="application/rss+xml")
        r["badrss"] = br

        ba = self._feed_site("badatom", two)
        ba_urls = [self.base("badatom") + p for p in ba if p.startswith("/aktualnosci/")]
        ba["/feed.xml"] = Reply(body=(
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Atom & co</title>" + "".join(
                f'<entry><title>{t}</title><link href="{u}"/><id>{u}</id>'
                f"<updated>{d}T10:00:00Z<updated><summary>bez &nbsp; końca</entry>"
                for (t, d, _), u in zip(two, ba_urls, strict=True)
            ) + "<entry><title>urwany").encode(), ctype="application/atom+xml")
        r["badatom"] = ba

        bs = self._sitemap_site("badsitemap", two, "pl")
        bs_urls = [self.base("badsitemap") + p for p in bs if p.startswith("/aktualnosci/")]
        bs["/sitemap.xml"] = Reply(body=(
            '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/'
            'schemas/sitemap/0.9">' + "".join(
                f"<url><loc>{u}</loc><lastmod>2024-13-45<lastmod></url>" for u in bs_urls
            ) + "<url><loc>http://badsitemap.localhost/urwany").encode(),
            ctype="application/xml")
        r["badsitemap"] = bs

        def enc(codec: str, bom: bool = False) -> Callable[[str], bytes]:
            return lambda s: (b"\xef\xbb\xbf" if bom else b"") + s.encode(codec)

        # windows-1250 with no declaration at all (no header charset, no meta)
        r["cp1250"] = self._sitemap_site("cp1250", PL_POSTS, "pl", enc("cp1250"), "text/html")
        # iso-8859-2 declared UTF-8 (meta), Czech
        r["latin2"] = self._sitemap_site("latin2", CS_POSTS, "cs", enc("iso-8859-2"),
                                         "text/html", meta_charset="utf-8")
        # windows-1250 declared iso-8859-1 in the HTTP header, Czech
        r["cp1250hdr"] = self._sitemap_site("cp1250hdr", CS_POSTS, "cs", enc("cp1250"),
                                            "text/html; charset=iso-8859-1")
        # iso-8859-2 with no declaration, Polish
        r["latin2pl"] = self._sitemap_site("latin2pl", PL_POSTS, "pl", enc("iso-8859-2"),
                                           "text/html")
        # UTF-8 with a BOM, header says windows-1250
        r["bom"] = self._sitemap_site("bom", PL_POSTS, "pl", enc("utf-8", bom=True),
                                      "text/html; charset=windows-1250")

        r["robotsnews"] = self._feed_site(
            "robotsnews", two,
            robots=Reply(body=b"User-agent: *\nDisallow: /aktualnosci/\n", ctype="text/plain"),
            nav='<nav><a href="/aktualnosci/">Aktualności</a></nav>')
        r["robotsstall"] = self._feed_site("robotsstall", two, robots=stall_silent)

        # Sites that would hold a polite run for hours without budgets and a breaker:
        # a sitemap of thousands of URLs that all answer 404 ...
        base404 = self.base("sitemap404")
        r["sitemap404"] = {
            "/": Reply(body=home_html("Klaster Mapa", "pl").encode()),
            "/robots.txt": Reply(body=f"User-agent: *\nSitemap: {base404}/sitemap.xml\n"
                                 .encode(), ctype="text/plain"),
            "/sitemap.xml": Reply(body=sitemap([f"{base404}/wpis/{n}/"
                                                for n in range(MANY_BROKEN)]),
                                  ctype="application/xml"),
        }
        # ... a feed of thousands of links, half to other hosts, half answering 500 ...
        junk_base = self.base("feedjunk")
        junk = [(f"Wpis {n}", f"http://elsewhere{n % 50}.localhost:{port}/x/{n}/"
                 if n % 2 else f"{junk_base}/blad/{n}/", "2024-01-01")
                for n in range(MANY_BROKEN)]
        fj = self._feed_site("feedjunk", ())
        fj["/feed.xml"] = Reply(body=rss(junk), ctype="application/rss+xml")

        def junk_page(path: str, n: int) -> Route | None:
            return Reply(500, b"<h1>Internal Server Error</h1>") if path.startswith(
                "/blad/") else None

        fj["*"] = junk_page
        r["feedjunk"] = fj
        # ... and a big but healthy site: a sitemap of 20,000 real posts, crawled within
        # its budget run after run (overrides.max_requests in the registry below)
        big_base = self.base("bigsite")

        def big_post(path: str, n: int) -> Route | None:
            m = re.fullmatch(r"/wpis/(\d+)/", path)
            if m is None or int(m.group(1)) >= BIG_SITE_POSTS:
                return None
            num = int(m.group(1))
            day = f"20{10 + num % 15:02d}-{1 + num % 12:02d}-{1 + num % 28:02d}"
            return Reply(body=post_html(
                f"Wiadomość {num} z życia klastra", day,
                f"Wiadomość numer {num}: firma członkowska nr {num * 7 % 1009} informuje o "
                f"projekcie {num * 13 % 997} i zaprasza partnerów z regionu do współpracy "
                f"przy wdrożeniu numer {num}.", "pl").encode())

        r["bigsite"] = {
            "/": Reply(body=home_html("Klaster Duży", "pl").encode()),
            "/robots.txt": Reply(body=f"User-agent: *\nSitemap: {big_base}/sitemap.xml\n"
                                 .encode(), ctype="text/plain"),
            "/sitemap.xml": Reply(body=sitemap([f"{big_base}/wpis/{n}/"
                                                for n in range(BIG_SITE_POSTS)]),
                                  ctype="application/xml"),
            "*": big_post,
        }

        r["jsshell"] = {"/": Reply(body=JS_SHELL_PAGE),
                        "/static/js/main.8c1d.js": Reply(body=b"/* app */",
                                                         ctype="application/javascript")}
        return r

    # -- registry ----------------------------------------------------------------------------
    def registry(self) -> dict[str, Any]:
        sites: list[dict[str, Any]] = []
        for case in CASES:
            homepage = (case.homepage or f"{self.base(case.name)}/").format(port=self.port)
            sites.append({
                "id": case.site_id, "name": f"Fault case: {case.what}",
                "country": case.country, "languages": [case.language], "homepage": homepage,
                **case.extra,
            })
        sites += [
            {"id": "pl-broken-missing-name", "country": "PL",
             "homepage": f"{self.base('healthy')}/"},
            {"id": "pl-broken-bad-url", "name": "Bad URL", "country": "PL",
             "homepage": "htp//klaster bez adresu"},
            {"id": "xq-broken-country", "name": "Unknown country", "country": "XQ",
             "homepage": f"{self.base('healthy')}/"},
            {"id": "pl-fault-err500", "name": "Duplicate id", "country": "PL",
             "homepage": f"{self.base('healthy')}/"},
        ]
        return {"schema_version": 1, "sites": sites}

    def write_registry(self, path: Path) -> Path:
        path.write_text(yaml.safe_dump(self.registry(), allow_unicode=True, sort_keys=False),
                        "utf-8")
        return path


#: Every site of the fault web, with the status the run manifest must give it.
CASES: tuple[Case, ...] = (
    Case("healthy", "pl-fault-healthy", "ok", "healthy site (feed, 6 posts)",
         titles=tuple(t for t, _, _ in HEALTHY_POSTS)),
    Case("err500", "pl-fault-err500", "error", "HTTP 500 everywhere"),
    Case("err502", "pl-fault-err502", "error", "HTTP 502 everywhere"),
    Case("err503", "pl-fault-err503", "error", "HTTP 503 with Retry-After: 120"),
    Case("flaky503", "pl-fault-flaky503", "ok", "one 503 (Retry-After: 1), then fine",
         titles=tuple(t for t, _, _ in PL_POSTS[:2])),
    Case("ratelimit", "pl-fault-ratelimit", "blocked", "HTTP 429 with Retry-After: 3600"),
    Case("challenge", "pl-fault-challenge", "blocked", "403 Cloudflare challenge page"),
    Case("captcha", "pl-fault-captcha", "blocked", "200 captcha wall"),
    Case("reset", "pl-fault-reset", "unreachable", "TCP reset on every connection"),
    Case("stall", "pl-fault-stall", "unreachable", "homepage stalls mid-body"),
    Case("truncgzip", "pl-fault-truncgzip", "ok", "one post with a truncated gzip body",
         titles=tuple(t for t, _, _ in PL_POSTS[:2])),
    Case("shortbody", "pl-fault-shortbody", "ok",
         "one post cut off before its Content-Length",
         titles=tuple(t for t, _, _ in PL_POSTS[:2])),
    Case("redirloop", "pl-fault-redirloop", "error", "redirect loop"),
    Case("redirip", "pl-fault-redirip", "error", "redirect to a loopback IP literal"),
    Case("redirname", "pl-fault-redirname", "error",
         "redirect to a host not in the allowlist (localhost)"),
    Case("iphome", "pl-fault-iphome", "error", "registry homepage is a loopback IP literal",
         homepage=f"http://127.0.0.1:{{port}}{SSRF_PREFIX}/home/"),
    Case("calendar", "pl-fault-calendar", "ok", "infinite event calendar",
         titles=tuple(t for t, _, _ in EVENT_POSTS)),
    Case("pagination", "pl-fault-pagination", "ok", "infinite identical pagination",
         titles=tuple(t for t, _, _ in PL_POSTS[:2])),
    # cancelled at DOWNLOAD_MAXSIZE; on a loaded machine the 5 s timeout may come first
    Case("hugepage", "pl-fault-hugepage", "error|unreachable",
         "50 MB homepage without Content-Length"),
    Case("gzipbomb", "pl-fault-gzipbomb", "error", "gzip bomb homepage (512 MB inflated)"),
    Case("xmlbomb-feed", "pl-fault-xmlbomb-feed", "ok", "billion-laughs DTD in the feed",
         titles=tuple(t for t, _, _ in PL_POSTS[:2])),
    Case("xmlbomb-sitemap", "pl-fault-xmlbomb-sitemap", "ok", "billion-laughs DTD in the sitemap",
         titles=tuple(t for t, _, _ in PL_POSTS[:2])),
    Case("badrss", "pl-fault-badrss", "ok", "malformed RSS",
         titles=tuple(t for t, _, _ in PL_POSTS[:2])),
    Case("badatom", "pl-fault-badatom", "ok", "malformed Atom",
         titles=tuple(t for t, _, _ in PL_POSTS[:2])),
    Case("badsitemap", "pl-fault-badsitemap", "ok", "malformed sitemap XML",
         titles=tuple(t for t, _, _ in PL_POSTS[:2])),
    Case("cp1250", "pl-fault-cp1250", "ok", "Polish windows-1250, no charset declared",
         titles=tuple(t for t, _, _ in PL_POSTS)),
    Case("latin2pl", "pl-fault-latin2pl", "ok", "Polish iso-8859-2, no charset declared",
         titles=tuple(t for t, _, _ in PL_POSTS)),
    Case("latin2", "cz-fault-latin2", "ok", "Czech iso-8859-2 declared UTF-8 (meta)",
         country="CZ", language="cs", titles=tuple(t for t, _, _ in CS_POSTS)),
    Case("cp1250hdr", "cz-fault-cp1250hdr", "ok",
         "Czech windows-1250 declared iso-8859-1 (header)",
         country="CZ", language="cs", titles=tuple(t for t, _, _ in CS_POSTS)),
    Case("bom", "pl-fault-bom", "ok", "UTF-8 with BOM, header says windows-1250",
         titles=tuple(t for t, _, _ in PL_POSTS)),
    Case("robotsnews", "pl-fault-robotsnews", "empty", "robots.txt disallows the news section"),
    Case("robotsstall", "pl-fault-robotsstall", "ok", "robots.txt never answers",
         titles=tuple(t for t, _, _ in PL_POSTS[:2])),
    Case("jsshell", "pl-fault-jsshell", "js_shell", "JavaScript-only shell page"),
    Case("sitemap404", "pl-fault-sitemap404", "error",
         f"sitemap of {MANY_BROKEN} URLs that all answer 404"),
    Case("feedjunk", "pl-fault-feedjunk", "error",
         f"feed of {MANY_BROKEN} links, half off-site, half answering 500"),
    Case("bigsite", "pl-fault-bigsite", "partial",
         f"sitemap of {BIG_SITE_POSTS} real posts, {BIG_SITE_BUDGET} requests a run",
         extra={"overrides": {"max_requests": BIG_SITE_BUDGET}}),
)

#: The broken registry entries and a word each of their error message must contain.
BROKEN_ENTRIES: dict[str, str] = {
    "pl-broken-missing-name": "name",
    "pl-broken-bad-url": "homepage",
    "xq-broken-country": "XQ",
    "pl-fault-err500": "duplicate",
}


# -- running a measured crawl ------------------------------------------------------------------------

#: Short timeouts and one retry: every fault resolves within seconds.
FAULT_CRAWL_SETTINGS = {"DOWNLOAD_TIMEOUT": "5", "RETRY_TIMES": "1"}


def rss_kib(pid: int) -> int:
    """Resident memory of one process, in KiB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        total += rss_kib(p)
    return total


@dataclass
class MeasuredRun:
    returncode: int
    log: str
    seconds: float
    peak_rss_kib: int  # the crawl's process tree (crawler + extraction workers)
    crawler_peak_rss_kib: int  # the crawling process alone


def measured_crawl(outdir: Path, registry: Path, extra: dict[str, str] | None = None,
                   timeout: float = 300) -> MeasuredRun:
    """``scrapy crawl clusters`` as tests/conftest.py runs it, sampling peak RSS of its tree."""
    settings = {**TEST_CRAWL_SETTINGS, "CLUSTERCRAWL_OUTPUT_DIR": str(outdir),
                **FAULT_CRAWL_SETTINGS, **(extra or {})}
    cmd = [sys.executable, "-m", "scrapy", "crawl", "clusters", "-a", f"registry={registry}"]
    for k, v in settings.items():
        cmd += ["-s", f"{k}={v}"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    peak = crawler_peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, crawler_peak
        while not done.is_set():
            peak = max(peak, tree_rss_kib(proc.pid))
            crawler_peak = max(crawler_peak, rss_kib(proc.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    finally:
        done.set()
        sampler.join()
    return MeasuredRun(proc.returncode, out, time.monotonic() - start, peak, crawler_peak)


def site_done_seconds(log: str) -> dict[str, float]:
    """Seconds from the spider's start to each site's "site <id> done" line (1 s resolution)."""
    stamps = re.findall(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) \[[^\]]+\] \w+: (.*)$", log, re.M)
    if not stamps:
        return {}
    t0 = datetime.fromisoformat(stamps[0][0])
    out: dict[str, float] = {}
    for stamp, message in stamps:
        m = re.match(r"site (\S+) done\b", message)
        if m:
            out[m.group(1)] = (datetime.fromisoformat(stamp) - t0).total_seconds()
    return out


def main() -> int:
    """Run the fault crawl once and print the closing-note table: case, status, seconds."""
    with tempfile.TemporaryDirectory(prefix="faultweb-") as tmp, FaultWeb() as web:
        registry = web.write_registry(Path(tmp) / "registry.yaml")
        run = measured_crawl(Path(tmp) / "out", registry)
        _, report = read_run(Path(tmp) / "out")
    statuses = {s["site_id"]: s["status"] for s in report.get("sites", [])}
    done = site_done_seconds(run.log)
    print("| case | expected | got | done after (s) |\n|---|---|---|---|")
    for case in CASES:
        got = statuses.get(case.site_id, "-")
        print(f"| {case.what} | {case.status} | {got}{'' if got in case.status.split('|') else ' ✗'} "
              f"| {done.get(case.site_id, float('nan')):.0f} |")
    print(f"\ncrawl: {run.seconds:.1f} s, exit {run.returncode}, "
          f"peak RSS {run.peak_rss_kib / 1024:.0f} MiB (crawler + extraction workers), "
          f"crawling process alone {run.crawler_peak_rss_kib / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
