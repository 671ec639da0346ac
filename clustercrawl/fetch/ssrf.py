"""SSRF guard: the crawler never connects to private, loopback, link-local or metadata addresses.

The registry is edited by people and the sites it names answer with redirects of their own
choosing, so a crawl must not become a way to reach the machine it runs on, its network, or a
cloud metadata service. Two checks, sharing one :class:`AddressPolicy`:

* names are checked inside the resolver that the connection uses
  (:class:`clustercrawl.fetch.resolver.LocalhostAwareResolver`), on the very address the
  connection goes to: no second lookup, no DNS-rebinding window;
* IP-literal hosts never reach a resolver, so :class:`SSRFGuardMiddleware` checks them as a
  downloader middleware; redirect targets pass through downloader middlewares again.

A refused request fails with :class:`ForbiddenAddress` (an ``IgnoreRequest``: never retried),
naming the URL and the reason, and is counted in the stat ``clustercrawl/ssrf_refused``.
Twisted's hostname endpoint reduces any resolver failure to "no results for hostname
lookup", so the resolver fails with :class:`RefusedLookup` (a ``DNSLookupError``, which
Twisted passes over quietly) and records why; :class:`SSRFRefusalMiddleware`, placed before
the retry middleware on the way back, turns that lookup failure into ``ForbiddenAddress``.
Runs that crawl loopback on purpose (the demo web, the tests) allow ``*.localhost`` with
``CLUSTERCRAWL_ALLOWED_PRIVATE_HOSTS``; ``CLUSTERCRAWL_ALLOW_PRIVATE_NETWORKS`` lifts the guard.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import CannotResolveHostError, IgnoreRequest
from scrapy.http import Request
from scrapy.settings import BaseSettings
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.error import DNSLookupError

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

STAT_REFUSED = "clustercrawl/ssrf_refused"

#: Addresses of cloud instance-metadata and platform services. They hand out credentials, so
#: no host-name pattern ever unlocks them (only CLUSTERCRAWL_ALLOW_PRIVATE_NETWORKS does).
METADATA_ADDRESSES: dict[IPAddress, str] = {
    ipaddress.ip_address("169.254.169.254"): "cloud metadata service (AWS, GCP, Azure, OpenStack…)",
    ipaddress.ip_address("169.254.170.2"): "cloud metadata service (AWS ECS task metadata)",
    ipaddress.ip_address("169.254.169.253"): "cloud platform service (AWS DNS)",
    ipaddress.ip_address("169.254.169.123"): "cloud platform service (AWS time sync)",
    ipaddress.ip_address("fd00:ec2::254"): "cloud metadata service (AWS, IPv6)",
    ipaddress.ip_address("fd00:ec2::253"): "cloud platform service (AWS DNS, IPv6)",
    ipaddress.ip_address("100.100.100.200"): "cloud metadata service (Alibaba Cloud)",
    ipaddress.ip_address("192.0.0.192"): "cloud metadata service (Oracle Cloud)",
    ipaddress.ip_address("168.63.129.16"): "cloud platform service (Azure WireServer)",
}

_RANGES: tuple[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, str], ...] = tuple(
    (ipaddress.ip_network(net), reason)
    for net, reason in (
        ("0.0.0.0/8", "unspecified address ('this network')"),
        ("10.0.0.0/8", "private address (RFC 1918)"),
        ("172.16.0.0/12", "private address (RFC 1918)"),
        ("192.168.0.0/16", "private address (RFC 1918)"),
        ("100.64.0.0/10", "shared address space (carrier-grade NAT, RFC 6598)"),
        ("127.0.0.0/8", "loopback address"),
        ("169.254.0.0/16", "link-local address"),
        ("192.0.0.0/24", "IETF protocol assignment (RFC 6890)"),
        ("192.0.2.0/24", "documentation address (RFC 5737)"),
        ("198.51.100.0/24", "documentation address (RFC 5737)"),
        ("203.0.113.0/24", "documentation address (RFC 5737)"),
        ("198.18.0.0/15", "benchmarking address (RFC 2544)"),
        ("224.0.0.0/4", "multicast address"),
        ("240.0.0.0/4", "reserved address (incl. broadcast)"),
        ("::/128", "unspecified address"),
        ("::1/128", "loopback address"),
        ("fe80::/10", "link-local address"),
        ("fec0::/10", "site-local address (deprecated)"),
        ("fc00::/7", "unique-local address"),
        ("ff00::/8", "multicast address"),
        ("100::/64", "discard-only address (RFC 6666)"),
        ("2001:db8::/32", "documentation address (RFC 3849)"),
        ("::/8", "reserved address (incl. IPv4-compatible)"),
    )
)

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_OCTETS = re.compile(r"^(0x[0-9a-f]*|0[0-7]*|[1-9][0-9]*)$")


class ForbiddenAddress(IgnoreRequest):
    """A request refused by the SSRF guard; its message names the URL (or host) and why."""

    def __init__(
        self, reason: str, *, url: str | None = None, host: str | None = None,
        address: str | None = None,
    ) -> None:
        self.reason = reason
        self.url = url
        self.host = host
        self.address = address
        target = url or host or "?"
        named = host and address and host != address
        resolved = f" ({host} resolves to {address})" if named else ""
        super().__init__(
            f"refused {target}{resolved}: {reason} (SSRF guard; see "
            "CLUSTERCRAWL_ALLOWED_PRIVATE_HOSTS / CLUSTERCRAWL_ALLOW_PRIVATE_NETWORKS)"
        )

    def with_url(self, url: str) -> ForbiddenAddress:
        """The same refusal, naming the request's URL (the resolver only knows the host)."""
        return ForbiddenAddress(self.reason, url=url, host=self.host, address=self.address)


class RefusedLookup(DNSLookupError):
    """The resolver's refusal: a lookup failure to Twisted, recorded for the middleware."""


#: Recent refusals by host name, so the middleware can name what Twisted reduced to "no
#: results" (bounded; entries older than _REFUSAL_TTL seconds are not trusted).
_REFUSALS: OrderedDict[str, tuple[float, ForbiddenAddress]] = OrderedDict()
_REFUSALS_MAX = 4096
_REFUSAL_TTL = 600.0


def record_refusal(exc: ForbiddenAddress) -> RefusedLookup:
    """Remember a resolver refusal; returns the lookup error to fail the connection with."""
    host = normalize_host(exc.host or "")
    _REFUSALS[host] = (time.monotonic(), exc)
    _REFUSALS.move_to_end(host)
    while len(_REFUSALS) > _REFUSALS_MAX:
        _REFUSALS.popitem(last=False)
    return RefusedLookup(host, str(exc))


def recent_refusal(host: str) -> ForbiddenAddress | None:
    """The resolver's refusal of ``host``, if it refused it lately."""
    found = _REFUSALS.get(normalize_host(host))
    if found is None or time.monotonic() - found[0] > _REFUSAL_TTL:
        return None
    return found[1]


# -- pure functions ------------------------------------------------------------------------------

def normalize_host(host: str) -> str:
    """Lower-case, without brackets, IPv6 zone or trailing dots: the form the checks compare."""
    host = host.strip().lower()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    host = host.split("%", 1)[0] if ":" in host else host
    return host.rstrip(".")


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address an IP-literal host denotes, in every form a C resolver accepts.

    Besides dotted quads and IPv6, ``inet_aton`` takes 1-4 parts in decimal, octal (leading 0)
    or hex (0x): ``2130706433``, ``0177.0.0.1``, ``0x7f.1`` and ``127.1`` all mean 127.0.0.1.
    Such a host is an address, not a name: no name pattern may match it.
    """
    text = normalize_host(host)
    if not text:
        return None
    if ":" in text:
        try:
            return ipaddress.IPv6Address(text)
        except ValueError:
            return None
    parts = text.split(".")
    if len(parts) > 4 or not all(_OCTETS.match(p) for p in parts):
        return None
    try:
        values = [int(p, 16) if p.startswith("0x") else int(p, 8) if p.startswith("0")
                  else int(p) for p in parts]
    except ValueError:  # "0x" alone
        return None
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (5 - len(values)):
        return None
    number = last
    for i, v in enumerate(head):
        number |= v << (8 * (3 - i))
    return ipaddress.IPv4Address(number)


def forbidden_reason(address: IPAddress | str) -> str | None:
    """Why a crawler must not connect to this address, or None for a public address."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if ip in METADATA_ADDRESSES:
        return METADATA_ADDRESSES[ip]
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            inner = forbidden_reason(embedded[1])
            return f"{embedded[0]} {embedded[1]}: {inner}" if inner else None
    for net, reason in _RANGES:
        if ip.version == net.version and ip in net:
            return reason
    if not ip.is_global:
        return "reserved address (not globally routable)"
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> tuple[str, ipaddress.IPv4Address] | None:
    """The IPv4 address an IPv6 address carries and reaches (mapped, NAT64, 6to4, Teredo)."""
    if ip.ipv4_mapped is not None:
        return "IPv4-mapped", ip.ipv4_mapped
    if ip in _NAT64:
        return "NAT64", ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour is not None and forbidden_reason(ip.sixtofour):
        return "6to4", ip.sixtofour
    if ip.teredo is not None and forbidden_reason(ip.teredo[1]):
        return "Teredo", ip.teredo[1]
    return None


def is_metadata(address: IPAddress | str) -> bool:
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            return embedded[1] in METADATA_ADDRESSES
    return ip in METADATA_ADDRESSES


def host_matches(host: str, patterns: Iterable[str]) -> bool:
    """True when a host *name* matches an allow pattern (``*.localhost``, ``intranet.example``).

    IP literals never match, whatever the pattern (``*`` included): allowing an address is
    what CLUSTERCRAWL_ALLOW_PRIVATE_NETWORKS is for.
    """
    name = normalize_host(host)
    if not name or parse_ip_literal(name) is not None:
        return False
    return any(fnmatchcase(name, normalize_host(p)) for p in patterns if p.strip())


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Which (host, address) pairs a run may connect to."""

    allow_private: bool = False
    allowed_hosts: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> AddressPolicy:
        return cls(
            allow_private=settings.getbool("CLUSTERCRAWL_ALLOW_PRIVATE_NETWORKS", False),
            allowed_hosts=tuple(
                p.strip() for p in settings.getlist("CLUSTERCRAWL_ALLOWED_PRIVATE_HOSTS", [])
                if p.strip()
            ),
        )

    def refusal(self, host: str, address: IPAddress | str) -> str | None:
        """Why ``host`` (resolved to ``address``) is refused, or None when it may be fetched."""
        if self.allow_private:
            return None
        reason = forbidden_reason(address)
        if reason is None:
            return None
        if not is_metadata(address) and host_matches(host, self.allowed_hosts):
            return None
        return reason

    def check_url_host(self, host: str) -> str | None:
        """Refusal reason for an IP-literal host (names are the resolver's job)."""
        ip = parse_ip_literal(host)
        return None if ip is None else self.refusal(host, ip)


# -- Scrapy downloader middleware ---------------------------------------------------------------

#: Schemes that may be fetched; ``data:`` is used by the spider itself, ``file:`` would read
#: the crawling machine's disk.
ALLOWED_SCHEMES = frozenset({"http", "https", "data"})


class SSRFGuardMiddleware:
    """Refuses IP-literal private targets (also after redirects) before any connection.

    Place it early (before the robots.txt middleware at 100), so no robots.txt is requested
    from a refused address either.
    """

    def __init__(self, policy: AddressPolicy, stats: Any) -> None:
        self.policy = policy
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SSRFGuardMiddleware:
        return cls(AddressPolicy.from_settings(crawler.settings), crawler.stats)

    def process_request(self, request: Request) -> None:
        parts = urlparse_cached(request)
        scheme = (parts.scheme or "").lower()
        if scheme not in ALLOWED_SCHEMES and not self.policy.allow_private:
            raise refused(request, ForbiddenAddress(f"scheme {scheme!r} is not crawled"),
                          self.stats)
        if scheme == "data":
            return
        host = parts.hostname or ""
        ip = parse_ip_literal(host)
        if ip is not None:
            reason = self.policy.refusal(host, ip)
            if reason:
                raise refused(request, ForbiddenAddress(reason, address=str(ip)), self.stats)


class SSRFRefusalMiddleware:
    """Names the resolver's refusals: a lookup failure of a refused host → ForbiddenAddress.

    Must sit above RetryMiddleware (550) so it sees the exception first on the way back:
    a refusal is final, retrying it would only refuse again.
    """

    def __init__(self, stats: Any) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SSRFRefusalMiddleware:
        return cls(crawler.stats)

    def process_exception(self, request: Request, exception: BaseException) -> None:
        if isinstance(exception, ForbiddenAddress):
            if exception.url is None:
                raise refused(request, exception, self.stats) from None
            return
        if isinstance(exception, CannotResolveHostError | DNSLookupError):
            found = recent_refusal(urlparse_cached(request).hostname or "")
            if found is not None:
                raise refused(request, found, self.stats) from None


def refused(request: Request, exc: ForbiddenAddress, stats: Any) -> ForbiddenAddress:
    """The refusal naming the request's URL; logged (with the site) and counted once."""
    exc = exc.with_url(request.url)
    stats.inc_value(STAT_REFUSED)
    site = request.meta.get("site_id")
    logger.warning("%s%s", f"site {site}: " if site else "", exc)
    return exc
