"""Charset repair: pages served in windows-1250 / iso-8859-2 with no or a wrong declaration.

Old Central European sites often send Polish or Czech text without a charset, or declare
UTF-8 (or Latin-1) over windows-1250 / iso-8859-2 bytes. Scrapy then decodes with the wrong
codec and ``ą`` becomes ``¹`` or ``±``, ``ř`` becomes ``ø`` or U+FFFD. Extraction cannot undo
that, so this downloader middleware does it before anyone reads ``response.text``: when the
current decoding shows replacement characters or typical mojibake, it decodes the start of
the body with a few candidate codecs (charset-normalizer's guesses plus the codecs usual for
the site's language), scores how plausible each text is for that language, and returns the
response with the best encoding when it is clearly better.

The language comes from ``request.meta["site_language"]`` when the spider sets it, else from
the page's ``<html lang>``; without either, every Latin European alphabet counts as plausible.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterable
from typing import Any

from charset_normalizer import from_bytes
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Request, Response, TextResponse
from scrapy.utils.httpobj import urlparse_cached

logger = logging.getLogger(__name__)

STAT_REPAIRED = "clustercrawl/charset_repaired"

#: Non-ASCII letters each language writes (lower case; upper case is derived).
LANGUAGE_LETTERS: dict[str, str] = {
    "pl": "ąćęłńóśźż",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "hu": "áéíóöőúüű",
    "sl": "čšžćđ",
    "hr": "čćđšž",
    "bs": "čćđšž",
    "sr": "čćđšž",
    "ro": "ăâîșşțţ",
    "de": "äöüß",
    "fr": "àâæçéèêëîïôœùûüÿ",
    "es": "áéíñóúü",
    "ca": "àçéèíïòóúü·",
    "it": "àèéìíîòóùú",
    "pt": "ãõáâàçéêíóôú",
    "nl": "ëïéèáóúäöü",
    "da": "æøåé",
    "no": "æøåé",
    "nb": "æøåé",
    "sv": "åäöé",
    "fi": "åäöšž",
    "et": "äöüõšž",
    "lv": "āčēģīķļņšūž",
    "lt": "ąčęėįšųūž",
    "en": "",
}
#: Symbols a language writes inside or next to words (not signs of mojibake).
LANGUAGE_SYMBOLS: dict[str, str] = {"es": "¿¡", "ca": "·"}
_ALL_LATIN = "".join(LANGUAGE_LETTERS.values()) + "".join(LANGUAGE_SYMBOLS.values())

_ALL_LATIN_SET = frozenset(_ALL_LATIN + _ALL_LATIN.upper())

#: Codecs worth trying per language besides UTF-8 and charset-normalizer's guesses.
LANGUAGE_CODECS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("pl", "cs", "sk", "hu", "sl", "hr", "bs", "sr", "ro"),
                    ("cp1250", "iso8859_2")),
    **dict.fromkeys(("lt", "lv", "et"), ("cp1257", "iso8859_13", "iso8859_4")),
}
_WESTERN = ("cp1252", "iso8859_15")
_DEFAULT_CODECS = ("cp1250", "iso8859_2", *_WESTERN)

#: Bytes of the body scored per candidate; the charset of a page shows in its first part.
SAMPLE_BYTES = 256 * 1024

_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([a-zA-Z]{2,3})", re.I)
_MOJIBAKE_WEIGHT, _BROKEN_WEIGHT = 3, 10


def language_letters(language: str | None) -> frozenset[str]:
    """Plausible non-ASCII characters for a language (all Latin European ones if unknown)."""
    lang = (language or "").split("-")[0].lower()
    if lang not in LANGUAGE_LETTERS:
        return _ALL_LATIN_SET
    letters = LANGUAGE_LETTERS[lang] + LANGUAGE_SYMBOLS.get(lang, "")
    return frozenset(letters + letters.upper())


def plausibility(text: str, language: str | None) -> int:
    """Higher is more plausible: language letters count for, mojibake and U+FFFD against.

    A non-ASCII character outside the language's alphabet counts as mojibake only where it
    touches a letter (``cz³onków``, ``pøíliš``): typography like ``–`` or ``€`` between
    spaces is fine in any encoding.
    """
    good = bad = broken = 0
    allowed = language_letters(language)
    n = len(text)
    for i, ch in enumerate(text):
        if ch < "\x80":
            continue
        if ch == "\ufffd" or "\x80" <= ch <= "\x9f":
            broken += 1
        elif ch in allowed:
            good += 1
        elif (i > 0 and text[i - 1].isalpha()) or (i + 1 < n and text[i + 1].isalpha()):
            bad += 1
    return good - _MOJIBAKE_WEIGHT * bad - _BROKEN_WEIGHT * broken


def looks_misdecoded(text: str, language: str | None) -> bool:
    """Cheap trigger: replacement/control characters, or mojibake inside words."""
    if "\ufffd" in text or re.search("[\x80-\x9f]", text):
        return True
    allowed = language_letters(language)
    suspicious = 0
    for m in re.finditer(r"\w[^\x00-\x7f]|[^\x00-\x7f]\w", text):
        if any(ch >= "\x80" and ch not in allowed and ch != "\ufffd" for ch in m.group()):
            suspicious += 1
            if suspicious >= 2:
                return True
    return False


def _sample(body: bytes) -> bytes:
    """The body's start, cut after an ASCII byte so no multi-byte character is split."""
    if len(body) <= SAMPLE_BYTES:
        return body
    cut = SAMPLE_BYTES
    while cut > SAMPLE_BYTES - 16 and body[cut - 1] >= 0x80:
        cut -= 1
    return body[:cut]


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def candidate_encodings(sample: bytes, language: str | None) -> list[str]:
    """UTF-8, the language's usual legacy codecs, and charset-normalizer's best guesses.

    The order breaks ties: for a known language its own codecs come before the detector's
    guesses (which know nothing of the site); without a language, the guesses come first.
    """
    lang = (language or "").split("-")[0].lower()
    guesses: list[str] = []
    try:
        guesses = [m.encoding for m in list(from_bytes(sample))[:3]]
    except Exception:  # charset-normalizer is a heuristic: never let it break a fetch
        logger.debug("charset-normalizer failed", exc_info=True)
    if lang in LANGUAGE_CODECS:
        names = ["utf-8", *LANGUAGE_CODECS[lang], *guesses]
    elif lang in LANGUAGE_LETTERS:
        names = ["utf-8", *_WESTERN, *guesses]
    else:
        names = ["utf-8", *guesses, *_DEFAULT_CODECS]
    out: list[str] = []
    for name in names:
        codec = _codec(name)
        if codec and codec not in out:
            out.append(codec)
    return out


def better_encoding(
    body: bytes, current: str, language: str | None, candidates: Iterable[str] | None = None
) -> str | None:
    """The encoding to decode ``body`` with instead of ``current``, or None to keep it.

    Bytes that are valid UTF-8 (and not plain ASCII) are UTF-8: legacy single-byte text
    practically never forms valid UTF-8 sequences, so that case needs no scoring.
    """
    sample = _sample(body)
    current_codec = _codec(current) or current
    if current_codec == "utf-8" and _is_utf8(sample):
        # What the rest would conclude anyway (valid UTF-8 is UTF-8), without scanning
        # the text for mojibake: most pages, and ~5 % of the crawling process's CPU.
        return None
    try:
        current_text = sample.decode(current_codec, "replace")
    except LookupError:
        current_text = sample.decode("utf-8", "replace")
    if not looks_misdecoded(current_text, language):
        return None
    if _is_utf8(sample):
        return "utf-8" if current_codec != "utf-8" and not sample.isascii() else None
    best, best_score = None, plausibility(current_text, language)
    for enc in candidates or candidate_encodings(sample, language):
        if enc in (current_codec, "utf-8"):  # not valid UTF-8, see above
            continue
        score = plausibility(sample.decode(enc, "replace"), language)
        if score > best_score:
            best, best_score = enc, score
    return best


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def html_language(body: bytes) -> str | None:
    """The ``<html lang>`` of a page, read from its raw bytes (ASCII-compatible charsets)."""
    m = _HTML_LANG.search(body[:8192])
    return m.group(1).decode("ascii").lower() if m else None


class CharsetRepairMiddleware:
    """Re-decodes HTML whose declared or guessed charset produced mojibake.

    Sits between HttpCompressionMiddleware (590) and MetaRefreshMiddleware (580), so it sees
    the decompressed body before anyone decodes it.
    """

    def __init__(self, stats: Any) -> None:
        self.stats = stats
        self._reported_hosts: set[str] = set()  # one INFO line per host, DEBUG after

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CharsetRepairMiddleware:
        return cls(crawler.stats)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, TextResponse) or not response.body:
            return response
        if not isinstance(response, HtmlResponse):
            ctype = response.headers.get(b"Content-Type", b"") or b""
            if b"html" not in ctype.lower():
                return response
        if response.body.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return response  # the byte-order mark is authoritative (and Scrapy honours it)
        language = request.meta.get("site_language") or html_language(response.body)
        current = response.encoding
        try:
            better = better_encoding(response.body, current, language)
        except Exception:  # a heuristic must never lose a page
            logger.debug("charset repair failed for %s", response.url, exc_info=True)
            return response
        if better is None:
            return response
        self.stats.inc_value(STAT_REPAIRED)
        self.stats.inc_value(f"{STAT_REPAIRED}/{better}")
        site = request.meta.get("site_id")
        host = urlparse_cached(response).netloc
        level = logging.DEBUG if host in self._reported_hosts else logging.INFO
        self._reported_hosts.add(host)
        logger.log(
            level, "%scharset repaired for %s: decoded as %s, not %s",
            f"site {site}: " if site else "", response.url, better, current,
        )
        return response.replace(encoding=better)
