"""Small helpers shared by the demo-web renderers: slugs, escaping, CET dates, HTTP dates.

All demo sites live in Central European Time; the offset is computed here (EU DST rule)
so that generated pages never depend on the machine's tz database.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from datetime import date, datetime, timedelta
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

RouteKey = tuple[str, tuple[tuple[str, str], ...]]

_TRANSLIT = str.maketrans(
    {"ł": "l", "Ł": "L", "ß": "ss", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "æ": "ae", "œ": "oe"}
)
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def slugify(text: str, max_len: int = 90, lang: str = "") -> str:
    """Lower-case ASCII slug as WordPress/TYPO3/Drupal make them (accents removed; German
    umlauts expanded, as the de_DE locale does)."""
    if lang == "de":
        text = text.translate(_GERMAN)
    norm = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    ascii_text = norm.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug or "post"


def esc(text: str) -> str:
    """HTML-escape for content and double-quoted attributes (apostrophes kept, as CMSs do)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def route_key(target: str) -> RouteKey:
    """Path plus the query as sorted percent-decoded pairs: raw and encoded brackets match."""
    parts = urlsplit(target)
    path = unquote(parts.path) or "/"
    query = tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return path, query


def target_of(path: str, query: list[tuple[str, str]] | None = None) -> str:
    """Build a path-and-query string (keys keep their order)."""
    return path + ("?" + urlencode(query) if query else "")


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1) if month < 12 else date(year, 12, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def cet_offset_hours(local: datetime) -> int:
    """+2 during EU summer time, +1 otherwise (Europe/Brussels, Warsaw, Prague, …)."""
    start = datetime.combine(_last_sunday(local.year, 3), datetime.min.time()) + timedelta(hours=2)
    end = datetime.combine(_last_sunday(local.year, 10), datetime.min.time()) + timedelta(hours=3)
    return 2 if start <= local < end else 1


def iso_local(local: datetime) -> str:
    """ISO 8601 with the CET/CEST offset, seconds included."""
    off = cet_offset_hours(local)
    return local.strftime("%Y-%m-%dT%H:%M:%S") + f"+0{off}:00"


def to_utc(local: datetime) -> datetime:
    """Naive UTC datetime for a naive local (CET/CEST) datetime."""
    return local - timedelta(hours=cet_offset_hours(local))


def iso_utc(local: datetime, suffix: str = "+00:00") -> str:
    """UTC ISO string as Yoast and WordPress emit it."""
    return to_utc(local).strftime("%Y-%m-%dT%H:%M:%S") + suffix


_WD = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MO = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def rfc822(local: datetime, zone: str = "+0000") -> str:
    """RFC 822 date in UTC, as RSS feeds carry it."""
    u = to_utc(local)
    return f"{_WD[u.weekday()]}, {u.day:02d} {_MO[u.month - 1]} {u.year} {u:%H:%M:%S} {zone}"


def http_date(local: datetime) -> str:
    """IMF-fixdate for Last-Modified headers."""
    return rfc822(local, "GMT")


def etag_of(body: bytes) -> str:
    """Weak-free content ETag, deterministic."""
    return '"' + hashlib.md5(body).hexdigest()[:20] + '"'


def short_hash(*parts: object, n: int = 10) -> str:
    """Deterministic hex digest (cHash values, file names, ids)."""
    raw = "|".join(str(p) for p in parts).encode("utf-8")
    return hashlib.sha1(raw).hexdigest()[:n]


def plain_text(fragment: str) -> str:
    """Visible text of an HTML fragment (tags dropped, entities decoded, spaces collapsed)."""
    text = re.sub(r"<[^>]+>", " ", fragment)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def excerpt_words(fragment: str, words: int = 55) -> str:
    """WordPress-style automatic excerpt text (first N words)."""
    parts = plain_text(fragment).split(" ")
    return " ".join(parts[:words]) + (" [\u2026]" if len(parts) > words else "")
