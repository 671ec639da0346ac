"""Small helpers shared by the discovery parsers (URL joining, text cleaning, dates, headers)."""

from __future__ import annotations

import html as htmllib
import json
import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.etree
import lxml.html
from w3lib.url import safe_url_string

from clustercrawl import urls as _urls
from clustercrawl.discovery.errors import DiscoveryError

_WS = re.compile(r"\s+")
_BAD_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "callto:", "sms:", "skype:", "fax:")

#: WordPress (and similar) default categories in the usual languages: they say nothing.
DEFAULT_TERMS = frozenset(
    {
        "uncategorized",
        "uncategorised",
        "bez kategorii",
        "allgemein",
        "non classé",
        "sin categoría",
        "senza categoria",
        "nezařazené",
        "nezaradené",
        "ukategoriseret",
        "okategoriserade",
        "ukategorisert",
        "nekategorizirano",
        "geen categorie",
        "general",
    }
)


def clean_space(text: str | None) -> str:
    """Collapse whitespace (incl. NBSP) so titles compare and print cleanly."""
    if not text:
        return ""
    return _WS.sub(" ", text.replace("\xa0", " ")).strip()


def to_text(body: str | bytes) -> str:
    """Decode a body that is usually UTF-8; never fails (bad bytes are replaced)."""
    if isinstance(body, str):
        return body
    if body.startswith(b"\xef\xbb\xbf"):
        body = body[3:]
    return body.decode("utf-8", errors="replace")


def fragment_text(fragment: str | None) -> str:
    """Plain text of an HTML fragment (WP ``title.rendered``, feed summaries): tags dropped."""
    if not fragment:
        return ""
    if "<" not in fragment:
        return clean_space(htmllib.unescape(fragment))
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return clean_space(htmllib.unescape(re.sub(r"<[^>]*>", " ", fragment)))
    more = ".//*[contains(concat(' ', normalize-space(@class), ' '), ' more-link ')]"
    for bad in root.xpath(f".//script|.//style|{more}"):
        bad.drop_tree()
    return clean_space(root.text_content())


def strip_read_more(text: str) -> str:
    """Drop the ``[…]`` / ``Continue reading`` tail WordPress puts on excerpts."""
    return re.sub(r"\s*(\[\s*(…|\.\.\.|&hellip;)\s*\]|(…|\.\.\.)\s*$)", "", text).strip()


def parse_html(markup: str | bytes) -> lxml.html.HtmlElement | None:
    """Parse an HTML document leniently; None when there is nothing to parse."""
    if isinstance(markup, bytes):
        markup = to_text(markup)
    markup = markup.replace("\x00", "")
    if not markup.strip():
        return None
    try:
        root = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return None
    return root if isinstance(root, lxml.html.HtmlElement) else None


def base_href(root: lxml.html.HtmlElement, url: str) -> str:
    """The document base URL, honouring ``<base href>`` (common on Joomla and TYPO3)."""
    for href in root.xpath("//head/base/@href"):
        joined = urljoin(url, str(href).strip())
        if joined.startswith(("http://", "https://")):
            return joined
    return url


def absolutize(href: str | None, base: str) -> str | None:
    """Absolute http(s) URL without fragment, or None for mailto:, javascript:, junk."""
    if href is None:
        return None
    return _absolutize(href, base)


@lru_cache(maxsize=16384)
def _absolutize(href: str, base: str) -> str | None:
    href = href.strip().replace("\n", "").replace("\r", "").replace("\t", "")
    if not href or href.startswith("#") or href.lower().startswith(_BAD_SCHEMES):
        return None
    try:
        joined = urljoin(base, htmllib.unescape(href) if "&amp;" in href else href)
        url = safe_url_string(urldefrag(joined)[0])
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError on a bad port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return url


same_site = _urls.same_site  # the project's one same-site rule (``urls.same_site``)


@lru_cache(maxsize=16384)
def url_key(url: str) -> str:
    """The project's identity key (scheme, ``www.``, slash, query order, tracking folded)."""
    return _urls.url_key(url)


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme or 'https'}://{parts.netloc}"


def iso_datetime(value: object) -> str | None:
    """Normalise an ISO 8601-ish date/datetime string; None if it is not one."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return datetime.strptime(text, "%Y-%m-%d").date().isoformat()
        except ValueError:
            return None
    text = re.sub(r"^(\d{4}-\d{2}-\d{2})[ t]", r"\1T", text)
    text = re.sub(r"(\d)z$", r"\1Z", text)
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.year < 1990 or parsed.year > 2100:
        return None
    out = parsed.isoformat()
    if parsed.utcoffset() is not None and parsed.utcoffset().total_seconds() == 0:  # type: ignore[union-attr]
        out = out.replace("+00:00", "Z")
    return out


def primary_lang(tag: object) -> str | None:
    """BCP-47 primary subtag of ``pl_PL`` / ``de-AT`` / ``fr``; None if it is not one."""
    if not isinstance(tag, str):
        return None
    match = re.match(r"\s*([A-Za-z]{2,3})(?:[-_]|\s*$)", tag)
    return match.group(1).lower() if match else None


def header_value(headers: Mapping[Any, Any] | None, name: str) -> str | None:
    """Case-insensitive header lookup over str or bytes mappings (incl. Scrapy ``Headers``)."""
    if not headers:
        return None
    wanted = name.lower()
    for key, value in headers.items():
        k = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        if k.lower() != wanted:
            continue
        if isinstance(value, list | tuple):
            return ", ".join(v.decode("latin-1") if isinstance(v, bytes) else str(v) for v in value)
        if isinstance(value, bytes):
            return value.decode("latin-1")
        return str(value)
    return None


def load_json(body: str | bytes, url: str) -> Any:
    """JSON of an API body, tolerating a BOM or PHP notices around it; DiscoveryError if none."""
    text = to_text(body).lstrip("\ufeff").strip()
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        pass
    decoder = json.JSONDecoder()
    for match in re.finditer(r"[\[{]", text[:8192]):
        try:
            value, end = decoder.raw_decode(text, match.start())
        except (ValueError, RecursionError):
            continue
        if not text[end:].strip():  # notices come before the JSON, never after
            return value
    raise DiscoveryError(url, "no JSON in the body")


def unique_terms(names: Iterable[object]) -> tuple[str, ...]:
    """De-duplicated, cleaned topic names without the CMS default categories."""
    out: list[str] = []
    for name in names:
        if not isinstance(name, str):
            continue
        text = fragment_text(name)
        if text and text.casefold() not in DEFAULT_TERMS and text not in out:
            out.append(text)
    return tuple(out)
