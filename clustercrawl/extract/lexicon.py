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

#: Full month names per language (any grammatical case), month number 1-12.
MONTHS: Mapping[str, Mapping[str, int]] = {
    "en": {
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
        "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    },
    "de": {
        "januar": 1, "jänner": 1, "jaenner": 1, "februar": 2, "feber": 2, "märz": 3,
        "maerz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8, "september": 9,
        "oktober": 10, "november": 11, "dezember": 12,
    },
    "fr": {
        "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
        "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
        "décembre": 12, "decembre": 12,
    },
    "es": {
        "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
        "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
        "diciembre": 12,
    },
    "it": {
        "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6,
        "luglio": 7, "agosto": 8, "settembre": 9, "ottobre": 10, "novembre": 11, "dicembre": 12,
    },
    "pt": {
        "janeiro": 1, "fevereiro": 2, "março": 3, "marco": 3, "abril": 4, "maio": 5, "junho": 6,
        "julho": 7, "agosto": 8, "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
    },
    "nl": {
        "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
        "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    },
    "pl": {
        # nominative
        "styczeń": 1, "luty": 2, "marzec": 3, "kwiecień": 4, "maj": 5, "czerwiec": 6,
        "lipiec": 7, "sierpień": 8, "wrzesień": 9, "październik": 10, "listopad": 11,
        "grudzień": 12,
        # genitive (dates)
        "stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6,
        "lipca": 7, "sierpnia": 8, "września": 9, "października": 10, "listopada": 11,
        "grudnia": 12,
        # locative ("w październiku 2014")
        "styczniu": 1, "lutym": 2, "marcu": 3, "kwietniu": 4, "maju": 5, "czerwcu": 6,
        "lipcu": 7, "sierpniu": 8, "wrześniu": 9, "październiku": 10, "listopadzie": 11,
        "grudniu": 12,
        # without diacritics (seen on older sites)
        "styczen": 1, "kwiecien": 4, "sierpien": 8, "wrzesien": 9, "pazdziernik": 10,
        "grudzien": 12, "wrzesnia": 9, "pazdziernika": 10, "wrzesniu": 9, "pazdzierniku": 10,
    },
    "cs": {
        "leden": 1, "únor": 2, "březen": 3, "duben": 4, "květen": 5, "červen": 6,
        "červenec": 7, "srpen": 8, "září": 9, "říjen": 10, "listopad": 11, "prosinec": 12,
        "ledna": 1, "února": 2, "března": 3, "dubna": 4, "května": 5, "června": 6,
        "července": 7, "srpna": 8, "října": 10, "listopadu": 11, "prosince": 12,
        "lednu": 1, "únoru": 2, "březnu": 3, "dubnu": 4, "květnu": 5, "červnu": 6,
        "červenci": 7, "srpnu": 8, "říjnu": 10, "prosinci": 12,
    },
    "sk": {
        "január": 1, "február": 2, "marec": 3, "apríl": 4, "máj": 5, "jún": 6, "júl": 7,
        "august": 8, "september": 9, "október": 10, "november": 11, "december": 12,
        "januára": 1, "februára": 2, "marca": 3, "apríla": 4, "mája": 5, "júna": 6,
        "júla": 7, "augusta": 8, "septembra": 9, "októbra": 10, "novembra": 11,
        "decembra": 12,
        "januári": 1, "februári": 2, "marci": 3, "apríli": 4, "máji": 5, "júni": 6,
        "júli": 7, "auguste": 8, "septembri": 9, "októbri": 10, "novembri": 11,
        "decembri": 12,
    },
    "sl": {
        "januar": 1, "februar": 2, "marec": 3, "april": 4, "maj": 5, "junij": 6, "julij": 7,
        "avgust": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
        "januarja": 1, "februarja": 2, "marca": 3, "aprila": 4, "maja": 5, "junija": 6,
        "julija": 7, "avgusta": 8, "septembra": 9, "oktobra": 10, "novembra": 11,
        "decembra": 12,
    },
    "hr": {
        "siječanj": 1, "veljača": 2, "ožujak": 3, "travanj": 4, "svibanj": 5, "lipanj": 6,
        "srpanj": 7, "kolovoz": 8, "rujan": 9, "listopad": 10, "studeni": 11, "prosinac": 12,
        "siječnja": 1, "veljače": 2, "ožujka": 3, "travnja": 4, "svibnja": 5, "lipnja": 6,
        "srpnja": 7, "kolovoza": 8, "rujna": 9, "listopada": 10, "studenoga": 11,
        "studenog": 11, "prosinca": 12,
    },
    # Hungarian and Romanian partners, Ukrainian and Russian pages of cross-border projects
    "hu": {
        "január": 1, "február": 2, "március": 3, "április": 4, "május": 5, "június": 6,
        "július": 7, "augusztus": 8, "szeptember": 9, "október": 10, "november": 11,
        "december": 12,
    },
    "ro": {
        "ianuarie": 1, "februarie": 2, "martie": 3, "aprilie": 4, "mai": 5, "iunie": 6,
        "iulie": 7, "august": 8, "septembrie": 9, "octombrie": 10, "noiembrie": 11,
        "decembrie": 12,
    },
    "uk": {
        "січня": 1, "лютого": 2, "березня": 3, "квітня": 4, "травня": 5, "червня": 6,
        "липня": 7, "серпня": 8, "вересня": 9, "жовтня": 10, "листопада": 11, "грудня": 12,
    },
    "ru": {
        "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
        "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    },
}

#: Abbreviations. Only trusted next to a day *and* a year, or with a trailing dot.
MONTH_ABBREVIATIONS: Mapping[str, Mapping[str, int]] = {
    "en": {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
           "sept": 9, "oct": 10, "nov": 11, "dec": 12},
    "de": {"jan": 1, "jän": 1, "feb": 2, "mär": 3, "mrz": 3, "apr": 4, "jun": 6, "jul": 7,
           "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dez": 12},
    "fr": {"janv": 1, "févr": 2, "fév": 2, "fevr": 2, "avr": 4, "juil": 7, "sept": 9,
           "oct": 10, "nov": 11, "déc": 12, "dec": 12},
    "es": {"ene": 1, "feb": 2, "mar": 3, "abr": 4, "jun": 6, "jul": 7, "ago": 8, "sep": 9,
           "sept": 9, "oct": 10, "nov": 11, "dic": 12},
    "it": {"gen": 1, "feb": 2, "mar": 3, "apr": 4, "mag": 5, "giu": 6, "lug": 7, "ago": 8,
           "set": 9, "ott": 10, "nov": 11, "dic": 12},
    "pt": {"fev": 2, "abr": 4, "ago": 8, "set": 9, "out": 10, "dez": 12},
    "nl": {"mrt": 3, "okt": 10},
    "pl": {"sty": 1, "lut": 2, "mar": 3, "kwi": 4, "cze": 6, "lip": 7, "sie": 8, "wrz": 9,
           "paź": 10, "lis": 11, "gru": 12},
    "cs": {"led": 1, "úno": 2, "bře": 3, "dub": 4, "kvě": 5, "čvn": 6, "čvc": 7, "srp": 8,
           "zář": 9, "říj": 10, "lis": 11, "pro": 12},
}

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
    unique = sorted({w.lower() for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique)


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
