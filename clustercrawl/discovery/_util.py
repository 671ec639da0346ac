"""Small helpers shared by the discovery parsers (URL joining, text cleaning, dates, headers)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from clustercrawl import urls as _urls
from clustercrawl.discovery.errors import DiscoveryError
from clustercrawl.dom import (  # the one DOM/text module, re-exported for the parsers
    absolutize,
    base_href,
    clean_space,
    fragment_text,
    parse_html,
    to_text,
)

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


def strip_read_more(text: str) -> str:
    """Drop the ``[…]`` / ``Continue reading`` tail WordPress puts on excerpts."""
    return re.sub(r"\s*(\[\s*(…|\.\.\.|&hellip;)\s*\]|(…|\.\.\.)\s*$)", "", text).strip()


__all__ = ["DEFAULT_TERMS", "absolutize", "base_href", "clean_space", "fragment_text",
           "header_value", "iso_datetime", "load_json", "origin", "parse_html", "primary_lang",
           "same_site", "strip_read_more", "to_text", "unique_terms", "url_key"]

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
