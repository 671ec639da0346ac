"""The SSRF guard's decisions, on the pure functions and the middlewares: no sockets at all.

Every refused range is tested here rather than end to end, because a test must never send a
packet to a non-loopback address (tests/test_faults.py covers loopback targets end to end).
"""

from __future__ import annotations

import ipaddress
from typing import Any

import pytest
from scrapy.exceptions import CannotResolveHostError, IgnoreRequest
from scrapy.http import Request
from scrapy.resolver import CachingThreadedResolver
from scrapy.settings import Settings
from twisted.internet import defer
from twisted.internet.error import DNSLookupError

from clustercrawl.fetch.resolver import LocalhostAwareResolver
from clustercrawl.fetch.ssrf import (
    STAT_REFUSED,
    AddressPolicy,
    ForbiddenAddress,
    RefusedLookup,
    SSRFGuardMiddleware,
    SSRFRefusalMiddleware,
    forbidden_reason,
    host_matches,
    parse_ip_literal,
    record_refusal,
)

STRICT = AddressPolicy()
DEMO = AddressPolicy(allowed_hosts=("*.localhost",))


# -- ranges --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("address", "word"), [
    ("127.0.0.1", "loopback"), ("127.255.255.254", "loopback"),
    ("10.0.0.1", "private"), ("172.16.0.1", "private"), ("172.31.255.255", "private"),
    ("192.168.1.1", "private"),
    ("169.254.1.1", "link-local"),
    ("169.254.169.254", "metadata"), ("169.254.170.2", "metadata"),
    ("100.100.100.200", "metadata"), ("192.0.0.192", "metadata"), ("168.63.129.16", "Azure"),
    ("100.64.0.1", "carrier-grade NAT"),
    ("0.0.0.0", "unspecified"), ("0.1.2.3", "unspecified"),
    ("224.0.0.1", "multicast"), ("239.255.255.250", "multicast"),
    ("240.0.0.1", "reserved"), ("255.255.255.255", "reserved"),
    ("192.0.2.10", "documentation"), ("198.51.100.1", "documentation"),
    ("203.0.113.9", "documentation"), ("198.18.0.1", "benchmarking"),
    ("::1", "loopback"), ("::", "unspecified"),
    ("fe80::1", "link-local"), ("fc00::1", "unique-local"), ("fd12:3456::1", "unique-local"),
    ("fd00:ec2::254", "metadata"), ("ff02::1", "multicast"), ("fec0::1", "site-local"),
    ("2001:db8::1", "documentation"), ("100::1", "discard"),
    ("::ffff:127.0.0.1", "IPv4-mapped"), ("::ffff:169.254.169.254", "metadata"),
    ("::ffff:10.1.2.3", "private"), ("::127.0.0.1", "reserved"),
    ("64:ff9b::a9fe:a9fe", "NAT64"), ("2002:7f00:1::", "6to4"), ("2002:a00:1::1", "6to4"),
])
def test_private_and_special_addresses_are_refused(address: str, word: str) -> None:
    reason = forbidden_reason(address)
    assert reason is not None and word.lower() in reason.lower(), reason
    assert STRICT.refusal("example.org", address) == reason


@pytest.mark.parametrize("address", [
    "93.184.216.34", "1.1.1.1", "8.8.8.8", "185.15.59.224", "2606:4700:4700::1111",
    "2a00:1450:4001:82b::200e", "::ffff:93.184.216.34", "64:ff9b::5db8:d822", "2002:5db8:d822::1",
])
def test_public_addresses_pass(address: str) -> None:
    assert forbidden_reason(address) is None
    assert STRICT.refusal("example.org", address) is None


# -- IP literal forms ------------------------------------------------------------------------------

@pytest.mark.parametrize(("host", "address"), [
    ("127.0.0.1", "127.0.0.1"), ("127.0.0.1.", "127.0.0.1"), ("127.0.0.1..", "127.0.0.1"),
    ("2130706433", "127.0.0.1"), ("0x7f000001", "127.0.0.1"), ("017700000001", "127.0.0.1"),
    ("0177.0.0.1", "127.0.0.1"), ("0x7f.0.0.1", "127.0.0.1"), ("0x7F.1", "127.0.0.1"),
    ("127.1", "127.0.0.1"), ("127.0.1", "127.0.0.1"), ("0", "0.0.0.0"),
    ("0251.0376.0251.0376", "169.254.169.254"), ("0xa9fea9fe", "169.254.169.254"),
    ("2852039166", "169.254.169.254"), ("169.254.43518", "169.254.169.254"),
    ("[::1]", "::1"), ("::1", "::1"), ("[::ffff:7f00:1]", "::ffff:127.0.0.1"),
    ("[::ffff:127.0.0.1]", "::ffff:127.0.0.1"), ("[fe80::1%25eth0]", "fe80::1"),
    ("fe80::1%eth0", "fe80::1"), ("[FD00:EC2::254]", "fd00:ec2::254"),
])
def test_ip_literal_forms(host: str, address: str) -> None:
    assert parse_ip_literal(host) == ipaddress.ip_address(address)
    assert STRICT.check_url_host(host) is not None


@pytest.mark.parametrize("host", [
    "example.org", "klaster.localhost", "1.2.3.4.5", "08.0.0.1", "256.0.0.1", "0x", "1.256.0.0",
    "127.0.0.1.example.org", "4294967296", "", "xn--80ak6aa92e.com", "[not-an-ip]",
])
def test_names_are_not_ip_literals(host: str) -> None:
    assert parse_ip_literal(host) is None


# -- allowlist ---------------------------------------------------------------------------------

def test_pattern_allows_names_under_it_only() -> None:
    assert host_matches("klaster.localhost", ["*.localhost"])
    assert host_matches("a.b.localhost.", ["*.localhost"])  # trailing dot
    assert host_matches("KLASTER.LOCALHOST", ["*.localhost"])
    assert not host_matches("localhost", ["*.localhost"])
    assert not host_matches("localhost.evil.example", ["*.localhost"])
    assert not host_matches("evil-localhost", ["*.localhost"])


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1", "2130706433", "[::1]", "::1",
                                  "127.0.0.1."])
def test_ip_literals_never_match_a_pattern(host: str) -> None:
    assert not host_matches(host, ["*", "*.localhost", "127.0.0.1", "*.1"])
    assert AddressPolicy(allowed_hosts=("*",)).check_url_host(host) is not None


def test_allowed_names_may_resolve_to_private_addresses_but_not_to_metadata() -> None:
    assert DEMO.refusal("klaster.localhost", "127.0.0.1") is None
    assert DEMO.refusal("klaster.localhost", "10.1.2.3") is None
    assert DEMO.refusal("klaster.localhost", "169.254.169.254") is not None
    assert DEMO.refusal("klaster.localhost", "::ffff:169.254.169.254") is not None
    assert DEMO.refusal("localhost", "127.0.0.1") is not None
    assert DEMO.refusal("rebind.example.org", "127.0.0.1") is not None


def test_allow_private_networks_lifts_the_guard() -> None:
    policy = AddressPolicy(allow_private=True)
    assert policy.refusal("anything", "10.0.0.1") is None
    assert policy.refusal("anything", "169.254.169.254") is None


def test_policy_from_settings() -> None:
    s = Settings({"CLUSTERCRAWL_ALLOWED_PRIVATE_HOSTS": "*.localhost, intranet.example"})
    assert AddressPolicy.from_settings(s) == AddressPolicy(
        False, ("*.localhost", "intranet.example"))
    s = Settings({"CLUSTERCRAWL_ALLOW_PRIVATE_NETWORKS": "True"})
    assert AddressPolicy.from_settings(s).allow_private
    assert AddressPolicy.from_settings(Settings()) == STRICT


# -- the resolver: the address checked is the address connected to -----------------------------

def _resolver(policy: AddressPolicy, answers: dict[str, str],
              monkeypatch: pytest.MonkeyPatch) -> LocalhostAwareResolver:
    """The project's resolver with the system lookup replaced by ``answers`` (no DNS)."""

    def fake_lookup(self: Any, name: str, timeout: Any = ()) -> Any:
        return defer.succeed(answers[name])

    monkeypatch.setattr(CachingThreadedResolver, "getHostByName", fake_lookup)
    r = LocalhostAwareResolver.__new__(LocalhostAwareResolver)
    r.policy = policy
    return r


def _outcome(d: Any) -> Any:
    result: list[Any] = []
    d.addBoth(result.append)
    return result[0]


def test_resolver_passes_on_the_vetted_address(monkeypatch: pytest.MonkeyPatch) -> None:
    r = _resolver(DEMO, {"public.example": "93.184.216.34"}, monkeypatch)
    assert _outcome(r.getHostByName("public.example")) == "93.184.216.34"
    assert _outcome(r.getHostByName("klaster.localhost")) == "127.0.0.1"


@pytest.mark.parametrize(("name", "answer"), [
    ("rebind.example", "127.0.0.1"), ("internal.example", "10.0.0.7"),
    ("metadata.google.internal", "169.254.169.254"), ("localhost", ""),
    ("decimal.example", "0.0.0.0"),
])
def test_resolver_refuses_private_answers(monkeypatch: pytest.MonkeyPatch, name: str,
                                          answer: str) -> None:
    r = _resolver(DEMO, {name: answer}, monkeypatch)
    failure = _outcome(r.getHostByName(name))
    assert failure.check(RefusedLookup) and failure.check(DNSLookupError)
    assert name in str(failure.value)


def test_strict_resolver_refuses_localhost_names(monkeypatch: pytest.MonkeyPatch) -> None:
    r = _resolver(STRICT, {}, monkeypatch)
    assert _outcome(r.getHostByName("klaster.localhost")).check(RefusedLookup)


# -- the middlewares ---------------------------------------------------------------------------

class _Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count

    def get_value(self, key: str) -> int | None:
        return self.values.get(key)


def _stats() -> _Stats:
    return _Stats()


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://127.0.0.1:8080/x", "http://[::1]/", "http://[::ffff:7f00:1]/",
    "http://2130706433/", "http://0x7f.1/", "http://017700000001/", "http://127.1/",
    "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://10.0.0.1/",
    "https://192.168.0.1/admin", "http://127.0.0.1./", "http://0/", "file:///etc/passwd",
])
def test_guard_middleware_refuses_private_literals(url: str) -> None:
    stats = _stats()
    mw = SSRFGuardMiddleware(DEMO, stats)
    request = Request(url, meta={"site_id": "pl-x"})
    with pytest.raises(ForbiddenAddress) as err:
        mw.process_request(request)
    assert isinstance(err.value, IgnoreRequest)  # never retried
    assert request.url in str(err.value)
    assert stats.get_value(STAT_REFUSED) == 1


@pytest.mark.parametrize("url", [
    "http://93.184.216.34/", "https://klaster.localhost:8377/", "http://example.org/",
    "data:,flush", "http://[2606:4700:4700::1111]/",
])
def test_guard_middleware_passes_the_rest(url: str) -> None:
    stats = _stats()
    SSRFGuardMiddleware(DEMO, stats).process_request(Request(url))  # does not raise
    assert stats.get_value(STAT_REFUSED) is None


def test_refusal_middleware_names_the_url_of_a_refused_lookup() -> None:
    record_refusal(ForbiddenAddress("loopback address", host="evil.example", address="127.0.0.1"))
    stats = _stats()
    mw = SSRFRefusalMiddleware(stats)
    request = Request("http://evil.example/secret")
    with pytest.raises(ForbiddenAddress) as err:
        mw.process_exception(request, CannotResolveHostError("no results"))
    assert "refused http://evil.example/secret (evil.example resolves to 127.0.0.1)" in str(
        err.value)
    assert stats.get_value(STAT_REFUSED) == 1
    # a genuine lookup failure of another host is left alone (and may be retried)
    mw.process_exception(Request("http://gone.example/"), CannotResolveHostError("x"))
    assert stats.get_value(STAT_REFUSED) == 1
