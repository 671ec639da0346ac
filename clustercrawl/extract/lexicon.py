"""Per-language word tables for dates: month names (incl. inflected forms), labels, connectors.

Kept as plain data so a new language is a table entry, not new code. Month names are
lowercase; matching is case-insensitive. Polish, Czech, Slovak and Croatian dates use the
genitive ("października", "října"); headings and "in <month>" phrases use the nominative or
locative, so all three forms are listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from clustercrawl import words

#: Full month names per language (any grammatical case), month number 1-12: from the
#: per-language words (clustercrawl/data/words/<lang>.yaml), the one table discovery, the
#: demo web and extraction share.
MONTHS: Mapping[str, Mapping[str, int]] = words.full_month_table()

#: Abbreviations. Only trusted next to a day *and* a year, or with a trailing dot.
MONTH_ABBREVIATIONS: Mapping[str, Mapping[str, int]] = words.short_month_table()

#: Full names that are also common words: accepted only when written capitalised.
CAPITALISED_ONLY: frozenset[str] = frozenset({"may"})

#: Words that join the two days of a range, per language ("20 i 21", "du 3 au 5", "3 to 5").
RANGE_WORDS: Mapping[str, tuple[str, ...]] = {
    "en": ("to", "till", "until", "through", "thru", "and"),
    "de": ("bis", "und"),
    "fr": ("au", "et", "à"),
    "es": ("al", "a", "y", "hasta"),
    "it": ("al", "a", "e", "fino al"),  # "dal 7 all'8": the elided form is in the grammar
    "pt": ("a", "e", "até"),
    "nl": ("tot", "en", "t/m"),
    "pl": ("do", "i"),
    "cs": ("a", "až", "až do"),
    "sk": ("a", "až", "až do"),
    "sl": ("do", "in"),
    "hr": ("do", "i"),
}

#: Words between a day and a month name ("3 de junio", "20th of October").
DAY_MONTH_WORDS: tuple[str, ...] = ("de", "of", "of the")

#: Words between a month name and a year ("junio de 2025").
MONTH_YEAR_WORDS: tuple[str, ...] = ("de", "del")

#: Ordinal suffixes glued to a day number.
ORDINAL_SUFFIXES: tuple[str, ...] = ("st", "nd", "rd", "th", "er", "ème", "º", "°", "ª", ".º",
                                     "-go", "-ego")

#: Time-zone abbreviations seen next to times, as UTC offsets in minutes.
TZ_ABBREVIATIONS: Mapping[str, int] = {
    "utc": 0, "gmt": 0, "wet": 0, "west": 60, "bst": 60, "cet": 60, "cest": 120,
    "mez": 60, "mesz": 120, "eet": 120, "eest": 180,
}

#: Words that introduce a time after a date ("godz. 10:00", "ore 18", "um 9 Uhr").
TIME_WORDS: tuple[str, ...] = (
    "godz.", "godz", "godzina", "od godz.", "o godz.", "w godz.", "ore", "alle", "alle ore",
    "dalle", "um", "ab", "von", "at", "from", "à", "a las", "de", "hod.", "v", "od", "kl.",
    "o", "om", "vanaf", "às", "desde las",
)

#: Labels that introduce a publication date near a headline, per language.
PUBLISHED_LABELS: Mapping[str, tuple[str, ...]] = {
    "pl": ("opublikowano", "data publikacji", "data dodania", "dodano", "utworzono",
           "data utworzenia", "opublikowany", "publikacja"),
    "de": ("veröffentlicht am", "veröffentlicht", "erstellt am", "erstellt", "publiziert am",
           "datum", "eingestellt am", "geschrieben am"),
    "fr": ("publié le", "publié", "soumis par", "posté le", "mis en ligne le",
           "date de publication", "créé le"),
    "es": ("publicado el", "publicado", "fecha de publicación", "escrito el", "creado el"),
    "it": ("pubblicato il", "pubblicato", "data di pubblicazione", "inserito il", "scritto il"),
    "cs": ("publikováno", "zveřejněno", "vloženo", "datum zveřejnění", "vytvořeno", "přidáno"),
    "sk": ("publikované", "zverejnené", "pridané", "dátum zverejnenia", "vytvorené"),
    "pt": ("publicado em", "publicado", "data de publicação"),
    "nl": ("gepubliceerd op", "geplaatst op", "gepubliceerd"),
    "en": ("published on", "published", "posted on", "posted", "submitted by", "date published",
           "created", "written on"),
}

#: Weekday names (any case form) that may precede a date; skipped when scanning.
WEEKDAYS: Mapping[str, tuple[str, ...]] = {
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    "pl": ("poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela"),
    "cs": ("pondělí", "úterý", "středa", "čtvrtek", "pátek", "sobota", "neděle"),
    "sk": ("pondelok", "utorok", "streda", "štvrtok", "piatok", "sobota", "nedeľa"),
}

#: inflected or unaccented weekday forms ("w środę", "ve středu", "venerdi") -> 0 = Monday
WEEKDAY_FORMS: Mapping[str, int] = {
    "środę": 2, "niedzielę": 6, "sobotę": 5, "środy": 2, "czwartku": 3, "piątku": 4,
    "středu": 2, "neděli": 6, "sobotu": 5, "stredu": 2, "nedeľu": 6, "lunedi": 0,
    "martedi": 1, "mercoledi": 2, "giovedi": 3, "venerdi": 4, "miercoles": 2, "sabado": 5,
}


def weekday_index(word: str) -> int | None:
    """0 (Monday) .. 6 of a weekday name in any listed language or form."""
    low = word.casefold()
    for names in WEEKDAYS.values():
        if low in names:
            return names.index(low)
    return WEEKDAY_FORMS.get(low)


def month_table(abbreviations: bool = False) -> dict[str, dict[str, int]]:
    """Name -> {language: month}; a name may mean different months in different languages."""
    table: dict[str, dict[str, int]] = {}
    source = MONTH_ABBREVIATIONS if abbreviations else MONTHS
    for lang, names in source.items():
        for name, month in names.items():
            table.setdefault(name, {})[lang] = month
    return table


def month_number(name: str, language: str | None = None) -> int | None:
    """Month of a (full or abbreviated) name, the page language deciding ambiguous names."""
    key = name.lower().rstrip(".")
    for table in (_FULL, _ABBR):
        langs = table.get(key)
        if not langs:
            continue
        if language and language in langs:
            return langs[language]
        # majority vote across languages (e.g. "listopad": pl/cs 11 beat hr 10); on a tie
        # the language listed first in the tables wins ("listopada": pl before hr)
        counts: dict[int, int] = {}
        for month in langs.values():
            counts[month] = counts.get(month, 0) + 1
        first = next(iter(langs.values()))
        return max(counts, key=lambda m: (counts[m], m == first))
    return None


def is_abbreviation(name: str) -> bool:
    """Whether a month token is only known as an abbreviation."""
    key = name.lower().rstrip(".")
    return key not in _FULL and key in _ABBR


def words_pattern(words: Iterable[str]) -> str:
    """An alternation of literal words, longest first, for use inside a larger regex."""
    return "|".join(word_fragments(words))


def word_fragments(words: Iterable[str]) -> list[str]:
    """The alternatives of :func:`words_pattern`, in its order."""
    unique = sorted({w.lower() for w in words}, key=lambda w: (-len(w), w))
    return [re.escape(w).replace(r"\ ", r"\s+") for w in unique]


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation factored as a trie: far faster than a flat list of 300 names."""
    trie: dict[str, Any] = {}
    for word in {w.lower() for w in words}:
        node: dict[str, Any] = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_to_regex(trie)


def _trie_to_regex(node: Mapping[str, object]) -> str:
    ends = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        child = node[ch]
        assert isinstance(child, dict)
        branches.append(re.escape(ch) + _trie_to_regex(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        # a shorter word ends here; longer alternatives come first (greedy, then optional)
        return f"(?:{body})?"
    return body


_FULL = month_table()
_ABBR = month_table(abbreviations=True)

#: All full month names and all abbreviations, for building regexes.
ALL_MONTH_NAMES: frozenset[str] = frozenset(_FULL)
ALL_MONTH_ABBREVIATIONS: frozenset[str] = frozenset(_ABBR)
