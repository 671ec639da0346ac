"""Words of the local languages, read from ``clustercrawl/data/words/<lang>.yaml``.

Month names, section names ("Aktualności", "Aktuelles", "Actualités"), pager labels ("older
posts"), "read more" and "back" differ per language. They live as data, one file a language,
so that adding a language is adding a file. The crawler's heuristics (``discovery._vocab``,
``clustercrawl.dates``) and the demo web's page chrome read the same files: the demo web
cannot show a word the crawler does not recognise.

Matching folds case and accents (:func:`fold`), so files keep words as pages print them. In a
list, the first word is the usual one: the demo web shows it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

__all__ = [
    "PRECEDENCE",
    "LangWords",
    "Months",
    "WordsError",
    "fold",
    "folded",
    "lang_words",
    "languages",
    "month_names",
    "slug",
]

#: Languages read first: where a word means different months in two languages (Croatian
#: "listopad" is October, Polish and Czech "listopad" November) the earlier one wins.
#: Languages not listed follow in alphabetical order.
PRECEDENCE = ("pl", "cs", "sk", "de", "en", "fr", "es", "it", "nl", "pt")

_FIELDS = ("next", "older", "prev", "newer")
_SECTION = {"names": None, "slugs": None}
#: The keys a words file may have (nested: the keys below them).
_KEYS: dict[str, Any] = {
    "months": {"in_date": None, "nominative": None, "other": None, "short": None},
    "weekdays": None, "range_words": None,
    "sections": {"news": _SECTION, "events": _SECTION},
    "and": None, "pager": dict.fromkeys(_FIELDS), "read_more": None, "back": None,
    "standing_pages": None,
}


class WordsError(ValueError):
    """A words file that is missing or malformed (the message names the file)."""


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Casefold and strip accents: ``Aktualności`` → ``aktualnosci``, ``Næste`` → ``naeste``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    for letter, plain in (("ł", "l"), ("ø", "o"), ("đ", "d"), ("ß", "ss"), ("æ", "ae"),
                          ("œ", "oe")):
        stripped = stripped.replace(letter, plain)
    return stripped


def slug(text: str) -> str:
    """The URL slug a CMS makes of a name: ``Latest news`` → ``latest-news``."""
    return re.sub(r"[^\w]+", "-", fold(text)).strip("-")


@dataclass(frozen=True, slots=True)
class Months:
    """Month names of one language; each tuple of rows has one row a month, January first."""

    in_date: tuple[str, ...]  # as written inside a date: "24 października 2014"
    nominative: tuple[str, ...]  # as a heading ("październik 2014"); empty: same as in_date
    other: tuple[tuple[str, ...], ...]  # other cases and spellings
    short: tuple[tuple[str, ...], ...]  # abbreviations

    def full_forms(self, month: int) -> tuple[str, ...]:
        """Every full name of ``month`` (1-12)."""
        i = month - 1
        names = (self.in_date[i],) + ((self.nominative[i],) if self.nominative else ())
        return names + (self.other[i] if self.other else ())

    def heading(self, month: int) -> str:
        """The name of ``month`` (1-12) as a heading uses it."""
        return (self.nominative or self.in_date)[month - 1]


@dataclass(frozen=True, slots=True)
class LangWords:
    """The words of one language (see the module doc); a missing list is empty."""

    code: str
    months: Months | None
    weekdays: tuple[str, ...]  # Monday first
    range_words: tuple[str, ...]  # join the two days of a range: "20 i 21", "du 3 au 5"
    news: tuple[str, ...]  # news section names as menus show them
    news_slugs: tuple[str, ...]  # URL-only news section slugs
    events: tuple[str, ...]
    events_slugs: tuple[str, ...]
    joiners: tuple[str, ...]  # "and" in slugs such as news-and-events
    next: tuple[str, ...]  # pager: next page
    older: tuple[str, ...]  # pager: older posts (also the next page)
    prev: tuple[str, ...]  # pager: previous page
    newer: tuple[str, ...]  # pager: newer posts
    read_more: tuple[str, ...]
    back: tuple[str, ...]
    standing_pages: tuple[str, ...]  # slugs of contact/about/privacy… pages


def _files() -> dict[str, Any]:
    folder = resources.files("clustercrawl").joinpath("data", "words")
    if not folder.is_dir():
        raise WordsError(f"{folder} is missing: clustercrawl is installed without its data "
                         "(package-data in pyproject.toml)")
    return {f.name.removesuffix(".yaml"): f for f in folder.iterdir()
            if f.name.endswith(".yaml")}


@cache
def languages() -> tuple[str, ...]:
    """Codes of the languages with a words file, in :data:`PRECEDENCE` order."""
    codes = set(_files())
    return tuple(c for c in PRECEDENCE if c in codes) + tuple(sorted(codes - set(PRECEDENCE)))


@cache
def lang_words(code: str) -> LangWords:
    """The words of language ``code``; :class:`WordsError` when it has no valid file."""
    files = _files()
    if code not in files:
        raise WordsError(f"no words file for language {code!r} in clustercrawl/data/words/")
    where = f"clustercrawl/data/words/{code}.yaml"
    try:
        data = yaml.safe_load(files[code].read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise WordsError(f"{where}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise WordsError(f"{where}: expected a mapping at the top")
    _known_keys(data, _KEYS, where)
    sections = _mapping(data, "sections", where, _KEYS)
    news, events = (_mapping(sections, k, f"{where}: sections", _KEYS["sections"])
                    for k in ("news", "events"))
    pager = _mapping(data, "pager", where, _KEYS)
    return LangWords(
        code=code,
        months=_months(data.get("months"), where),
        weekdays=_words(data.get("weekdays"), f"{where}: weekdays"),
        range_words=_words(data.get("range_words"), f"{where}: range_words"),
        news=_words(news.get("names"), f"{where}: sections.news.names"),
        news_slugs=_words(news.get("slugs"), f"{where}: sections.news.slugs"),
        events=_words(events.get("names"), f"{where}: sections.events.names"),
        events_slugs=_words(events.get("slugs"), f"{where}: sections.events.slugs"),
        joiners=_words(data.get("and"), f"{where}: and"),
        **{k: _words(pager.get(k), f"{where}: pager.{k}") for k in _FIELDS},
        read_more=_words(data.get("read_more"), f"{where}: read_more"),
        back=_words(data.get("back"), f"{where}: back"),
        standing_pages=_words(data.get("standing_pages"), f"{where}: standing_pages"),
    )


def _mapping(data: Mapping[str, Any], key: str, where: str,
             known: Mapping[str, Any]) -> Mapping[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise WordsError(f"{where}: {key} must be a mapping")
    _known_keys(value, known[key], f"{where}: {key}")
    return value


def _known_keys(data: Mapping[str, Any], known: Mapping[str, Any], where: str) -> None:
    """A misspelt key would silently drop its words: name it instead."""
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise WordsError(f"{where}: unknown key(s) {', '.join(unknown)}; known: "
                         f"{', '.join(known)}")


def _words(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        # YAML reads a bare no/on/yes as a boolean: such a word needs quotes
        raise WordsError(f"{where}: expected a list of words (quote words YAML reads "
                         f"otherwise), got {value!r}")
    return tuple(w.strip() for w in value)


def _months(value: object, where: str) -> Months | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise WordsError(f"{where}: months must be a mapping")
    _known_keys(value, _KEYS["months"], f"{where}: months")
    in_date = _words(value.get("in_date"), f"{where}: months.in_date")
    nominative = _words(value.get("nominative"), f"{where}: months.nominative")
    rows: dict[str, tuple[tuple[str, ...], ...]] = {}
    for key in ("other", "short"):
        raw = value.get(key) or []
        if not isinstance(raw, list):
            raise WordsError(f"{where}: months.{key} must be a list of 12 rows")
        rows[key] = tuple(_words(r, f"{where}: months.{key}") for r in raw)
    for key, got in (("in_date", in_date), ("nominative", nominative), *rows.items()):
        if (key == "in_date" or got) and len(got) != 12:
            raise WordsError(f"{where}: months.{key} needs 12 entries, has {len(got)}")
    return Months(in_date, nominative, rows["other"], rows["short"])


@cache
def folded(field: str) -> frozenset[str]:
    """The folded words of one :class:`LangWords` field (``"read_more"``…) in all languages."""
    found: set[str] = set()
    for code in languages():
        words: Iterable[str] = getattr(lang_words(code), field)
        found.update(fold(w) for w in words)
    return frozenset(found)


@cache
def month_names(short: bool = True) -> Mapping[str, int]:
    """Folded month name → month (1-12) in all languages; with ``short``, abbreviations too."""
    table: dict[str, int] = {}
    for code in languages():
        months = lang_words(code).months
        if months is None:
            continue
        for month in range(1, 13):
            names = months.full_forms(month)
            if short and months.short:
                names += months.short[month - 1]
            for name in names:
                table.setdefault(fold(name).rstrip("."), month)
    return table


@cache
def full_month_table() -> Mapping[str, Mapping[str, int]]:
    """Language → lower-case full month name (every form) → month (1-12)."""
    out: dict[str, dict[str, int]] = {}
    for code in languages():
        months = lang_words(code).months
        if months is not None:
            out[code] = {name.lower(): m for m in range(1, 13) for name in months.full_forms(m)}
    return out


@cache
def short_month_table() -> Mapping[str, Mapping[str, int]]:
    """Language → lower-case month abbreviation (no dot) → month (1-12)."""
    out: dict[str, dict[str, int]] = {}
    for code in languages():
        months = lang_words(code).months
        if months is not None and months.short:
            out[code] = {name.lower().rstrip("."): m
                         for m in range(1, 13) for name in months.short[m - 1]}
    return out
