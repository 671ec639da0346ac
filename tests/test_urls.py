"""URL canonicalisation: table tests for known cases, properties for the invariants ids rely on."""

from __future__ import annotations

import os
import random
import re
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clustercrawl.urls import (
    canonicalize_url,
    host_of,
    is_tracking_param,
    post_id,
    same_site,
    site_key,
    url_key,
)

# ------------------------------------------------------------------------------ tables

CANONICAL = [
    # fragments, scheme/host case, default ports, sorted query
    ("HTTP://WWW.Example.COM:80/a/B?z=1&a=2#frag", "http://www.example.com/a/B?a=2&z=1"),
    ("https://example.com:443/", "https://example.com/"),
    ("https://example.com:8443/x", "https://example.com:8443/x"),
    ("http://example.com", "http://example.com/"),
    ("  https://example.com/a  ", "https://example.com/a"),
    # tracking parameters
    ("https://ex.com/p?utm_source=nl&utm_medium=email&id=7", "https://ex.com/p?id=7"),
    ("https://ex.com/p?UTM_Campaign=x", "https://ex.com/p"),
    ("https://ex.com/p?fbclid=IwAR0&gclid=abc&dclid=1&msclkid=2", "https://ex.com/p"),
    ("https://ex.com/p?mc_cid=1&mc_eid=2&_ga=3&_hsenc=4&_hsmi=5", "https://ex.com/p"),
    (
        "https://ex.com/p?yclid=1&igshid=2&ref_src=twsrc&pk_campaign=x&mtm_source=y",
        "https://ex.com/p",
    ),
    # session ids, in the query and as path parameters
    ("https://ex.com/p?PHPSESSID=abc123&x=1", "https://ex.com/p?x=1"),
    (
        "https://www.clusterplattform.de/CLUSTER/DE/a.html;jsessionid=1A2B3C.live21?nn=1",
        "https://www.clusterplattform.de/CLUSTER/DE/a.html?nn=1",
    ),
    (
        "https://ex.com/viewtopic.php?t=5&sid=0123456789abcdef0123456789abcdef",
        "https://ex.com/viewtopic.php?t=5",
    ),
    ("https://ex.com/list?sid=3", "https://ex.com/list?sid=3"),  # a short sid is data
    # meaningful parameters stay, CMS ones included
    ("https://clusters.es/?p=7438", "https://clusters.es/?p=7438"),
    (
        "http://clusterhouse.rs/index.php?option=com_content&view=article&id=1074&catid=1",
        "http://clusterhouse.rs/index.php?catid=1&id=1074&option=com_content&view=article",
    ),
    # IDNA and percent-encoding
    ("https://MÜNCHEN.de/straße?q=ä", "https://xn--mnchen-3ya.de/stra%C3%9Fe?q=%C3%A4"),
    ("https://ex.com/%7euser/a%2fb", "https://ex.com/~user/a%2Fb"),
    ("https://ex.com/a b", "https://ex.com/a%20b"),
    ("https://ex.com/a/../b/./c", "https://ex.com/b/c"),
    # &amp; left in a query by HTML-unaware extraction
    ("https://ex.com/?a=1&amp;b=2", "https://ex.com/?a=1&b=2"),
    ("https://ex.com/page/2/?amp;x=1", "https://ex.com/page/2/?x=1"),
    # path case is kept
    ("https://ex.com/News/Item", "https://ex.com/News/Item"),
    # garbage and non-http input comes back stripped
    ("", ""),
    ("   ", ""),
    ("not a url", "not a url"),
    ("mailto:info@ex.com", "mailto:info@ex.com"),
    ("/relative/path", "/relative/path"),
    ("http://[::1", "http://[::1"),
    ("http://ex.com:99999/", "http://ex.com:99999/"),
    ("http://", "http://"),
    ("javascript:void(0)", "javascript:void(0)"),
]


@pytest.mark.parametrize(("url", "expected"), CANONICAL)
def test_canonicalize_table(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected


SAME_KEY = [
    ("http://example.com/a", "https://example.com/a"),
    ("https://www.example.com/a", "https://example.com/a"),
    ("https://example.com/a/", "https://example.com/a"),
    ("https://example.com/", "https://example.com"),
    ("https://example.com/a/index.php", "https://example.com/a/"),
    ("https://example.com/index.html", "https://example.com/"),
    ("https://example.com/a/index.htm", "https://example.com/a"),
    ("https://example.com/a?print=1", "https://example.com/a"),
    ("https://example.com/a?output=amp", "https://example.com/a"),
    ("https://example.com/a?amp", "https://example.com/a"),
    ("https://example.com/a?amp=1&x=2", "https://example.com/a?x=2"),
    ("https://example.com/a/amp/", "https://example.com/a"),
    ("https://example.com/a/amp", "https://example.com/a/"),
    ("https://example.com/a?", "https://example.com/a"),
    ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
    ("https://example.com/a?utm_source=x#top", "https://example.com/a"),
    ("HTTPS://EXAMPLE.COM:443/a", "http://example.com:80/a"),
    ("https://example.com./a", "https://example.com/a"),
]

DIFFERENT_KEY = [
    ("https://example.com/a", "https://example.com/A"),  # path case matters
    ("https://example.com/a", "https://example.com/b"),
    ("https://example.com/a", "https://en.example.com/a"),  # subdomains are other sites
    ("https://example.com/a", "https://example.com:8080/a"),
    ("https://example.com/?p=1", "https://example.com/?p=2"),
    ("https://example.com/index.php/pl/a", "https://example.com/pl/a"),  # Joomla path, not a file
    ("https://example.com/a?print=0", "https://example.com/a"),
    ("https://www2.example.com/a", "https://example.com/a"),
]


@pytest.mark.parametrize(("a", "b"), SAME_KEY)
def test_same_key(a: str, b: str) -> None:
    assert url_key(a) == url_key(b)
    assert post_id(a) == post_id(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_KEY)
def test_different_key(a: str, b: str) -> None:
    assert url_key(a) != url_key(b)
    assert post_id(a) != post_id(b)


def test_url_key_shape() -> None:
    assert url_key("https://www.Example.com/News/?b=2&a=1#x") == "example.com/News?a=1&b=2"
    assert url_key("https://example.com/") == "example.com/"
    assert url_key("garbage") == "garbage"


def test_post_id_known_value() -> None:
    # Pinned: consumers upsert on ids, so a change here is a breaking change of the dataset.
    assert post_id("https://www.example.com/a/") == "036cbe16b0015b0a"


def test_host_and_site() -> None:
    assert host_of("https://WWW.Ex.com:8080/a") == "www.ex.com"
    assert host_of("garbage") == ""
    assert site_key("http://www.ex.com:80/") == "ex.com"
    assert site_key("https://ex.com:8443/") == "ex.com:8443"
    assert same_site("http://www.ex.com/a", "https://ex.com/b")
    assert not same_site("https://ex.com/", "https://previous.ex.com/")
    assert not same_site("https://ex.com/", "https://ex.com:8080/")
    assert not same_site("garbage", "garbage")
    assert not same_site("", "")


def test_is_tracking_param() -> None:
    assert is_tracking_param("utm_content")
    assert is_tracking_param("FBCLID")
    assert is_tracking_param("jsessionid")
    assert is_tracking_param("sid", "5f1e2d3c4b5a69788796a5b4c3d2e1f0")
    assert not is_tracking_param("sid", "12")
    assert not is_tracking_param("p")
    assert not is_tracking_param("page")


# ------------------------------------------------------------------------------ properties

_SEGMENT = st.from_regex(r"[A-Za-z0-9_~-]{1,10}", fullmatch=True).filter(
    lambda s: s.lower() not in {"amp", "index.php", "index.html", "index.htm"}
)
_LABEL = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True).filter(
    lambda s: s != "www"
)
_HOST = st.builds(
    lambda labels, tld: ".".join([*labels, tld]),
    st.lists(_LABEL, min_size=1, max_size=3),
    st.sampled_from(["pl", "de", "eu", "com", "org"]),
)
_PARAM_NAME = st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True).filter(
    lambda s: not is_tracking_param(s) and s not in {"print", "amp", "output", "sid"}
)
_PARAM_VALUE = st.text(string.ascii_letters + string.digits + "-._~", max_size=8)
_PARAMS = st.lists(st.tuples(_PARAM_NAME, _PARAM_VALUE), max_size=4)
_TRACKING = st.lists(
    st.tuples(
        st.sampled_from(["utm_source", "utm_medium", "utm_campaign", "fbclid", "gclid",
                         "mc_cid", "mc_eid", "_ga", "_hsenc", "PHPSESSID", "msclkid"]),
        _PARAM_VALUE,
    ),
    min_size=1,
    max_size=3,
)  # fmt: skip


def _url(scheme: str, host: str, segments: list[str], params: list[tuple[str, str]]) -> str:
    query = "&".join(f"{k}={v}" for k, v in params)
    return f"{scheme}://{host}/{'/'.join(segments)}" + (f"?{query}" if query else "")


_URLS = st.builds(
    _url, st.sampled_from(["http", "https"]), _HOST, st.lists(_SEGMENT, max_size=4), _PARAMS
)
# Messier URLs for idempotence: unicode, reserved characters, percent signs, odd ports.
_MESSY_TEXT = st.text(st.characters(codec="utf-8"), max_size=20)
_MESSY_URLS = st.builds(
    lambda scheme, www, host, port, path, query, frag: (
        f"{scheme}://{www}{host}{port}/{path}" + (f"?{query}" if query else "") + frag
    ),
    st.sampled_from(["http", "https", "HTTP", "HtTpS"]),
    st.sampled_from(["", "www.", "WWW."]),
    st.one_of(_HOST, st.just("münchen.de"), st.just("[2001:DB8::1]"), st.just("EXAMPLE.com")),
    st.sampled_from(["", ":80", ":443", ":8080", ":0", ":"]),
    _MESSY_TEXT,
    _MESSY_TEXT,
    st.one_of(st.just(""), _MESSY_TEXT.map(lambda t: "#" + t)),
)

_PROPS = settings(
    max_examples=int(os.environ.get("URL_PROPERTY_EXAMPLES", "300")),
    suppress_health_check=[HealthCheck.too_slow],
)


@_PROPS
@given(st.one_of(_URLS, _MESSY_URLS, st.text(), st.text().map(lambda t: "http://" + t)))
def test_canonicalize_idempotent_and_total(url: str) -> None:
    once = canonicalize_url(url)  # never raises
    assert canonicalize_url(once) == once
    assert url_key(once) == url_key(url)


@_PROPS
@given(_URLS, _TRACKING, st.data())
def test_tracking_params_never_change_the_key(
    url: str, tracking: list[tuple[str, str]], data: st.DataObject
) -> None:
    base, _, query = url.partition("?")
    pairs = [p for p in query.split("&") if p]
    for name, value in tracking:
        pairs.insert(data.draw(st.integers(0, len(pairs))), f"{name}={value}")
    tracked = base + "?" + "&".join(pairs)
    assert url_key(tracked) == url_key(url)
    assert canonicalize_url(tracked) == canonicalize_url(url)


@_PROPS
@given(_URLS, st.randoms(use_true_random=False))
def test_query_order_never_changes_the_key(url: str, rnd: random.Random) -> None:
    base, _, query = url.partition("?")
    pairs = query.split("&") if query else []
    rnd.shuffle(pairs)
    shuffled = base + ("?" + "&".join(pairs) if pairs else "")
    assert url_key(shuffled) == url_key(url)


@_PROPS
@given(
    _HOST,
    st.lists(_SEGMENT, max_size=4),
    _PARAMS,
    st.tuples(st.booleans(), st.booleans(), st.booleans()),
)
def test_scheme_www_slash_variants_share_a_key(
    host: str,
    segments: list[str],
    params: list[tuple[str, str]],
    flags: tuple[bool, bool, bool],
) -> None:
    https, www, slash = flags
    plain = _url("http", host, segments, params)
    variant = _url("https" if https else "http", ("www." if www else "") + host, segments, params)
    if slash and segments:
        base, sep, query = variant.partition("?")
        variant = base + "/" + sep + query
    assert url_key(variant) == url_key(plain)
    assert post_id(variant) == post_id(plain)


@_PROPS
@given(
    _HOST, st.lists(_SEGMENT, min_size=1, max_size=4), st.lists(_SEGMENT, min_size=1, max_size=4)
)
def test_different_paths_never_share_a_key(host: str, a: list[str], b: list[str]) -> None:
    if a == b:
        return
    assert url_key(_url("https", host, a, [])) != url_key(_url("https", host, b, []))


@_PROPS
@given(st.one_of(_URLS, _MESSY_URLS, st.text()))
def test_post_id_stable_and_16_hex(url: str) -> None:
    pid = post_id(url)
    assert re.fullmatch(r"[0-9a-f]{16}", pid)
    assert post_id(url) == pid
    assert post_id(canonicalize_url(url)) == pid
