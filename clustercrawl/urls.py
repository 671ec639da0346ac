"""URL canonicalisation: one clean URL for output, one identity key for ids and dedupe.

The same post reaches us under many URLs (API, feed, sitemap, listing; http/https, www,
tracking and session parameters, print/AMP variants). Two levels keep that apart:

* :func:`canonicalize_url` is still a real, fetchable URL; it only removes what never changes
  the page (fragment, tracking and session parameters, default port, encoding noise).
* :func:`url_key` is not a URL: it also folds variants that *usually* show the same post
  (scheme, ``www.``, trailing slash, ``index.php``, print/AMP), so it only serves as identity.

Nothing here raises on bad input: a crawler meets garbage URLs every day.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import SplitResult, unquote_plus, urlsplit, urlunsplit

import tldextract
from w3lib.url import canonicalize_url as _w3lib_canonicalize

__all__ = [
    "canonicalize_url",
    "host_of",
    "is_tracking_param",
    "post_id",
    "same_site",
    "site_key",
    "url_key",
]

_DEFAULT_PORTS = {"http": 80, "https": 443}

# Parameters that only say how the visitor arrived (analytics, ads, mail campaigns).
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
        "ttclid", "li_fat_id", "igshid", "igsh", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc",
        "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking", "ref_src", "ref_url", "mkt_tok",
        "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "wickedid", "_openstat", "s_kwcid",
        "ef_id", "srsltid", "pk_campaign", "pk_kwd", "pk_keyword", "pk_source", "pk_medium",
        "pk_content", "pk_cid", "piwik_campaign", "piwik_kwd", "matomo_campaign",
        "matomo_keyword", "_branch_match_id", "fb_action_ids", "fb_action_types", "fb_source",
        "fb_ref", "action_object_map", "action_type_map", "action_ref_map",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "mtm_", "hsa_")
# Parameters that carry a server session: the same page under a new URL per visit.
SESSION_PARAMS = frozenset(
    {"phpsessid", "jsessionid", "sessionid", "session_id", "sessid", "oscsid", "zenid", "cfid",
     "cftoken", "aspsessionid"}
)  # fmt: skip
# "sid" is a session id only when its value looks like one (phpBB, Contao: long hex/alnum).
_SID_VALUE = re.compile(r"[0-9a-fA-F]{16,}|[0-9A-Za-z_,-]{24,}")
# ;jsessionid=... (Java servlets, government site builders) and friends in the path.
_SESSION_PATH_PARAM = re.compile(r";(?:jsessionid|phpsessid|sessionid|sid)=[^;/?#]*", re.I)
_AMP_ENTITY = re.compile(r"&(?:amp;)+", re.I)

# url_key folds: print/AMP renderings of the same post.
_PRINT_VALUES = frozenset({"", "1", "true", "yes"})
_INDEX_FILES = ("index.php", "index.html", "index.htm")


def canonicalize_url(url: str) -> str:
    """The URL clean for output; the input (stripped) when it is not an http(s) URL."""
    return _canonicalize_cached(url) if isinstance(url, str) else ""


@lru_cache(maxsize=16384)
def _canonicalize_cached(url: str) -> str:
    """Cached: the crawling process canonicalises each URL many times (candidates,
    requests, copies, pipelines, state), 3 % of its CPU uncached."""
    text = url.strip()
    if not text:
        return text
    try:
        result = _canonicalize(text)
    except Exception:  # a crawler must survive any URL it meets
        return text
    return text if result is None else result


def _site_of(canon: str) -> tuple[SplitResult, str] | None:
    """The parts of a canonical http(s) URL and its folded ``host[:port]`` (no ``www.``,
    default ports dropped, IPv6 in brackets); None for anything else."""
    try:
        parts = urlsplit(canon)
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in _DEFAULT_PORTS or not host:
        return None
    host = _fold_host(host)
    if ":" in host:
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS[parts.scheme]:
        host = f"{host}:{port}"
    return parts, host


def url_key(url: str) -> str:
    """Identity key for ids and dedupe: ``host/path?query`` after folding known variants.

    Folds http/https, a leading ``www.``, a trailing slash, a final ``index.php`` /
    ``index.html``, and print/AMP variants (``?print=1``, ``?output=amp``, ``?amp``,
    ``/amp/``). Not a URL: never fetch it.
    """
    canon = canonicalize_url(url)
    split = _site_of(canon)
    if split is None:
        return canon
    parts, site = split
    query = _fold_query(parts.query)
    return site + _fold_path(parts.path) + (f"?{query}" if query else "")


def post_id(url: str) -> str:
    """Stable 16-hex-digit post id: consumers upsert on it, so it depends on url_key only."""
    return hashlib.sha256(url_key(url).encode("utf-8")).hexdigest()[:16]


def host_of(url: str) -> str:
    """Lower-case (IDNA) host of a URL, without port; ``""`` when there is none."""
    try:
        host = urlsplit(canonicalize_url(url)).hostname
    except ValueError:
        return ""
    return host or ""


@lru_cache(maxsize=65536)
def site_key(url: str) -> str:
    """Host without ``www.`` plus any non-default port: what :func:`same_site` compares.

    Only the host part matters, so an ASCII URL is not canonicalised whole (sitemaps of
    tens of thousands of URLs are checked one by one); other hosts go through IDNA."""
    text = url.strip()
    try:
        netloc = urlsplit(text).netloc
    except ValueError:
        return ""
    if not netloc or not netloc.isascii() or "%" in netloc:
        text = canonicalize_url(text)  # IDNA, percent-encoded hosts
    split = _site_of(text)  # urlsplit lower-cases the scheme and the host
    return split[1] if split else ""


#: Registered domains from the public-suffix list bundled with tldextract (Scrapy's own
#: dependency): no download at run time.
_PSL = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=65536)
def registered_domain(url: str) -> str:
    """``k.pl`` for ``https://en.k.pl/news``; the host when it has no registered domain
    (``localhost``, an IP address); ``""`` for no host."""
    host = host_of(url)
    if not host:
        return ""
    parts = _PSL.extract_str(host)
    return parts.top_domain_under_public_suffix or host


def same_organisation(a: str, b: str) -> bool:
    """Same registered domain: ``en.k.pl`` and ``k.pl`` belong to one organisation, although
    they are two sites for the crawl (:func:`same_site`)."""
    key_a = registered_domain(a)
    return bool(key_a) and key_a == registered_domain(b)


def same_site(a: str, b: str) -> bool:
    """True when both URLs are on the same host (``www.`` and http/https ignored).

    Subdomains count as other sites on purpose: ``previous.`` mirrors and ``en.`` language
    hosts of cluster sites are handled by the registry, not guessed here.
    """
    key_a = site_key(a)
    return bool(key_a) and key_a == site_key(b)


def is_tracking_param(name: str, value: str = "") -> bool:
    """True for a query parameter that never changes the page: tracking or session id."""
    lname = name.lower()
    if lname in TRACKING_PARAMS or lname in SESSION_PARAMS:
        return True
    if lname.startswith(TRACKING_PREFIXES):
        return True
    return lname == "sid" and bool(_SID_VALUE.fullmatch(value))


# --------------------------------------------------------------------------- internals


def _canonicalize(text: str) -> str | None:
    """Canonical form, or None when ``text`` is not an absolute http(s) URL."""
    first = urlsplit(text)
    if first.scheme.lower() not in _DEFAULT_PORTS or not first.netloc:
        return None
    parts = urlsplit(_w3lib_canonicalize(_unescape_amp(text), keep_fragments=False))
    scheme = parts.scheme.lower()
    host = parts.hostname
    port = parts.port  # ValueError on a bad port: caller keeps the input
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    userinfo, _, _ = parts.netloc.rpartition("@")
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    if userinfo:
        netloc = f"{userinfo}@{netloc}"
    path = _SESSION_PATH_PARAM.sub("", parts.path) or "/"
    query = "&".join(p for p in parts.query.split("&") if p and not _is_noise_pair(p))
    return urlunsplit((scheme, netloc, path, query, ""))


def _unescape_amp(text: str) -> str:
    """Undo ``&amp;`` left in a query by HTML-unaware extraction (``?a=1&amp;b=2``)."""
    head, sep, rest = text.partition("?")
    if not sep or "amp;" not in rest:
        return text
    query, hash_, fragment = rest.partition("#")
    query = _AMP_ENTITY.sub("&", "&" + query)[1:]
    return f"{head}?{query}{hash_}{fragment}"


def _is_noise_pair(pair: str) -> bool:
    """A ``name=value`` query item that is tracking or session noise."""
    name, _, value = pair.partition("=")
    return is_tracking_param(unquote_plus(name), unquote_plus(value))


def _fold_host(host: str) -> str:
    """Host as identity: no ``www.`` prefix, no trailing root dot."""
    host = host.rstrip(".")
    return host[4:] if host.startswith("www.") and len(host) > 4 else host


def _fold_path(path: str) -> str:
    """Drop trailing slashes, a final index file and an ``/amp`` suffix, repeatedly."""
    while True:
        before = path
        path = path.rstrip("/")
        head, _, last = path.rpartition("/")
        if last == "amp" or last in _INDEX_FILES:
            path = head
        if path == before:
            return path or "/"


def _fold_query(query: str) -> str:
    """Drop print/AMP switches; an empty result means no query."""
    kept = []
    for pair in query.split("&"):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        lname, lvalue = name.lower(), value.lower()
        if lname == "print" and lvalue in _PRINT_VALUES:
            continue
        if (lname == "amp" and lvalue in _PRINT_VALUES) or (lname == "output" and lvalue == "amp"):
            continue
        kept.append(pair)
    return "&".join(kept)
