"""Language-independent name features of an event post: what event matching compares.

Words map to concepts (:mod:`eventwords`); edition numbers ("4th", "4.", "IV", "9-kongres"
in an address), acronyms ("ECC", "TCI2019"), proper names and years count as they are. The
text is the event name, the title, the URL's slug (lowercase: concepts, editions and years
only) and the body lead when the title says little or names no kind of event. Plain words
are kept apart: only posts of one site (one language) compare them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple
from urllib.parse import urlsplit

from clustercrawl.dedupe import eventwords as ew
from clustercrawl.extract import lexicon, places

__all__ = ["ACRONYM_WEIGHT", "CLUSTER_WEIGHT", "Features", "name_features", "slug_of_path",
           "slug_shared", "slug_text", "url_parts"]

WEIGHTS = {ew.TYPE: 1.0, ew.TOPIC: 1.0, ew.GENERIC: 0.5}
CLUSTER_WEIGHT = 0.75  # the domain's own word: in most report titles, whatever the event
EDITION_WEIGHT = 1.5
NAME_WEIGHT = 1.5  # capitalised proper name
ACRONYM_WEIGHT = 2.0  # ECC, EUSEW, ClusterNet
SITE_WORD_MIN = 5  # letters of a plain word
LEAD_BELOW = 1.5  # the lead counts when the name and title weigh less than this
SLUG_WORD_MIN = 4  # letters of an address word that may be part of a name ("meet")
SLUG_RUN_WEIGHT = 1.5  # a name's three words in both addresses: as much as a proper name

_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_DAYS_TOKEN = re.compile(r"\d+(?:st|nd|rd|th)?(?:-\d+(?:st|nd|rd|th)?)+")
_EDITION = re.compile(
    r"(?<![\w.\-/])(\d{1,2})(?:\.|st|nd|rd|th|ª|º|°|e|ème|eme|er|re|-?(?:ta|ty|ga|go|ci))"
    r"\s+([^\W\d_]+)"
)
_ROMAN = re.compile(r"(?<![\w.])((?:X{0,2})(?:IX|IV|V?I{1,3}|V)|X{1,2})\s+([^\W\d_]+)")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2})[.!?]\s")
#: a sentence end (not at "29. marca") or a line break: where the lead's parts end
_LEAD_BREAK = re.compile(r"(?<=[^\W\d_]{2})[.!?]\s+|\s*\n\s*")
_QUOTED = re.compile(r"[„“\"«»‚]([^„“”\"«»\n]{4,90})[“”\"»«‘]")
LEAD_LOOKAHEAD = 2  # lines after the first sentence: the lead is the opening, not the body
_YEAR_AFTER_WORD = re.compile(r"(?<=[^\W\d_]|[\s'’])(19[89]\d|20[0-5]\d)(?!\d)")
_WORD_BEFORE = re.compile(r"([^\W\d_]{2,})[\s'’]*$")
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20[0-5]\d)(?!\d)")
_NAME_YEAR = re.compile(r"([a-z]{2,8})(?:19[89]\d|20[0-5]\d)")
_SLUG_SPLIT = re.compile(r"[-_+.,]+")
_PLAIN_URL = re.compile(r"https?://([^/?#]*)([^?#]*)")  # netloc, path
_ROMAN_ONLY = re.compile(r"(?:X{0,2})(?:IX|IV|V?I{1,3}|V)|X{1,2}")
_MONTH_WORDS = frozenset(ew.fold(m) for m in lexicon.ALL_MONTH_NAMES)
_CITY_WORDS = frozenset(
    ew.fold(form) for english, (_, forms) in places.CITIES.items() for form in (english, *forms)
)


@dataclass(frozen=True, slots=True)
class Features:
    """Language-independent name features of one post, with their weights.

    Tuples rather than sets: a quarter of a million event posts per million posts are held
    in memory, and an empty tuple costs nothing.
    """

    weights: Mapping[str, float]
    types: tuple[str, ...]
    topics: tuple[str, ...]
    editions: tuple[int, ...]
    total: float
    used_lead: bool = False
    years: tuple[int, ...] = ()  # years named in the name, title or slug
    words: tuple[str, ...] = ()  # plain words: compared between posts of one site only
    #: the address's plain words ("clustrat") and its runs of three words with one of them
    #: ("clusters meet regions"): event names keep their form in every language's address
    slug: tuple[str, ...] = ()


def _roman(text: str) -> int:
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN_VALUES[ch]
        nxt = _ROMAN_VALUES[text[i + 1]] if i + 1 < len(text) else 0
        total += -value if value < nxt else value
    return total


def _editions(text: str, *, named: bool = False) -> set[int]:
    """Edition numbers; ``named``: only before a name or a kind of event ("20th TCI Global
    Conference"), as a lead's prose also counts days and rankings ("10th and 11th")."""
    found = set()
    for m in _EDITION.finditer(text):
        if ew.fold(m.group(2)) not in _MONTH_WORDS and (not named or _names_next(m.group(2))):
            found.add(int(m.group(1)))
    for m in _ROMAN.finditer(text):
        if len(m.group(1)) >= 2 and ew.fold(m.group(2)) not in _MONTH_WORDS and (
                not named or _names_next(m.group(2))):
            found.add(_roman(m.group(1)))
    return {n for n in found if 0 < n <= 60}


def _opens_clause(text: str, at: int) -> bool:
    """A capital after a colon or a sentence's end opens a clause ("TCI2017: Only a few days
    left"): it is no name."""
    return text[max(0, at - 4):at].rstrip().endswith((":", ".", "!", "?"))


def _field_label(text: str, start: int, end: int) -> bool:
    """ "Location:" opening a line of an event box labels a field: it is no name."""
    return text.startswith(":", end) and (start == 0 or text[:start].rstrip(" \t")[-1:] in "\n")


def _names_next(raw: str) -> bool:
    """The word after an edition number starts a name or names a kind of event."""
    word = ew.fold(raw)
    if word in ew.TITLE_WORDS:
        return False
    return raw[0].isupper() or any(c.kind == ew.TYPE for c in ew.concepts_of(word))


def _plain_words(word: str, into: set[str]) -> None:
    for part in word.split("-"):
        if (len(part) >= SITE_WORD_MIN and part.isalpha() and part not in ew.TITLE_WORDS
                and part not in _MONTH_WORDS and not ew.concepts_of(part)):
            into.add(part)


class _Plan(NamedTuple):
    """What one token (as written) adds to a post's features, worked out once per run:
    the few checks that depend on its neighbours or the post are left to :func:`_add_text`."""

    word: str  # folded
    drop: bool  # too short, a number, a month, a city, the dates: counts for nothing
    plain: tuple[str, ...]  # plain words (compared between posts of one site)
    duration: bool  # "days", "week": a duration after a quantity, and then nothing more
    entries: tuple[tuple[str, float], ...]  # weights set, in this order
    types: tuple[str, ...]
    topics: tuple[str, ...]
    name: bool  # a capitalised word: a proper name unless its place says otherwise


@functools.lru_cache(maxsize=1 << 14)  # words repeat: titles, a site's boilerplate leads
def _plan(raw: str) -> _Plan:
    word = ew.fold(raw)
    if (len(word) < 2 or word.isdigit() or word in _MONTH_WORDS or word in _CITY_WORDS
            or _DAYS_TOKEN.fullmatch(word)):  # "21-22", "20-21st": dates, compared as such
        return _Plan(word, True, (), False, (), (), (), False)
    plain: set[str] = set()
    _plain_words(word, plain)
    if named := _NAME_YEAR.fullmatch(word):  # "TCI2019", "tci2016": name + year
        return _Plan(word, False, tuple(plain), False, (("A:" + named.group(1), ACRONYM_WEIGHT),),
                     (), (), False)
    concepts = ew.concepts_of(word)
    # "a few days left", "two weeks": a duration, not the Cluster Days
    duration = bool(concepts) and word in ew.DURATION_WORDS
    if not concepts and "-" in word and (nations := ew.nations_of(word)):
        # "Deutsch-Polnisches" = "Polsko-Niemieckie"
        return _Plan(word, False, tuple(plain), False, (("N:" + nations, ACRONYM_WEIGHT),),
                     (), (), False)
    entries: list[tuple[str, float]] = []
    if not concepts and "-" in word:
        concepts = tuple(c for part in word.split("-") for c in ew.concepts_of(part))
        if any(not ew.concepts_of(part) and len(part) >= 2 for part in word.split("-")):
            entries.append(("A:" + word, ACRONYM_WEIGHT))  # "go-cluster", "Bio-Europe": a name
    if concepts:
        entries += [(c.name, CLUSTER_WEIGHT if c.name == "cluster" else WEIGHTS[c.kind])
                    for c in concepts]
        return _Plan(word, False, tuple(plain), duration, tuple(entries),
                     tuple(c.name for c in concepts if c.kind == ew.TYPE),
                     tuple(c.name for c in concepts if c.kind == ew.TOPIC), False)
    letters = raw.replace("-", "")
    name = False
    if _ROMAN_ONLY.fullmatch(raw):
        pass  # "VIII Kongres": the edition, counted as such
    elif letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 8:
        entries.append(("A:" + word, ACRONYM_WEIGHT))
    elif any(ch.isupper() for ch in raw[1:]) and any(ch.islower() for ch in raw):
        entries.append(("A:" + word, ACRONYM_WEIGHT))  # ClusterNet, InnoTrans
    else:
        name = raw[0].isupper() and len(word) >= 4 and word not in ew.TITLE_WORDS
    return _Plan(word, False, tuple(plain), False, tuple(entries), (), (), name)


def _add_text(text: str, *, german: bool, skip: tuple[str, ...], out: dict[str, float],
              types: set[str], topics: set[str], words: set[str] | None = None) -> None:
    """Add the features of one text: each token's :class:`_Plan`, then what depends on its
    place (the word before it, the start of a clause or line) and on the post (its city,
    German capitalisation)."""
    previous = ""
    for index, m in enumerate(_TOKEN.finditer(text)):
        plan = _plan(m.group(0))
        before, previous = previous, plan.word
        if plan.drop:
            continue
        if skip and plan.word.startswith(skip):
            continue  # the event's own city, however inflected ("Bukareszcie")
        if words is not None and plan.plain:
            words.update(plan.plain)
        if plan.duration and _quantity(before):
            continue
        for key, weight in plan.entries:
            out[key] = weight
        if plan.types:
            types.update(plan.types)
        if plan.topics:
            topics.update(plan.topics)
        if (plan.name and index > 0 and not german and not _opens_clause(text, m.start())
                and not _field_label(text, m.start(), m.end())):
            out["E:" + plan.word] = NAME_WEIGHT


def url_parts(url: str) -> tuple[str, str]:
    """Host (lowercase, without "www.") and path of a URL, as ``urlsplit`` gives them.

    One split per event post instead of one per use (the slug, then the host in every pair
    scored): a plain http(s) address is cut by one regex; anything else (another scheme,
    brackets or "%" in the host, control characters, a non-ASCII host) goes through
    ``urlsplit`` itself."""
    plain = _PLAIN_URL.match(url)
    if plain is not None and url.isprintable():
        netloc = plain.group(1)
        if netloc.isascii() and "[" not in netloc and "]" not in netloc and "%" not in netloc:
            host = netloc.rpartition("@")[2].partition(":")[0].lower()
            return host.removeprefix("www."), plain.group(2)
    parts = urlsplit(url)
    return (parts.hostname or "").removeprefix("www."), parts.path


def slug_text(url: str) -> str:
    """The words of a URL's last readable path segment ("9-kongres-klastrow-polskich")."""
    return slug_of_path(url_parts(url)[1])


def slug_of_path(path: str) -> str:
    """:func:`slug_text` of a URL's path."""
    for raw in reversed(path.split("/")):
        segment = raw.rsplit(".", 1)[0] if raw.endswith((".html", ".htm", ".php", ".aspx")) else raw
        words = [w for w in _SLUG_SPLIT.split(segment) if w]
        letters = [w for w in words if not w.isdigit()]
        if len(letters) >= 2 and sum(len(w) for w in letters) >= 8:
            return " ".join(w for w in words if not w.isdigit() or len(w) <= 4)
    return ""


def _slug_editions(slug: str) -> set[int]:
    """ "9-kongres-klastrow", "viii-kongres": an address drops the edition's dot and case;
    a number right before a kind of event is still its edition."""
    found = set()
    words = slug.split()
    for number, word in pairwise(words):
        if not any(c.kind == ew.TYPE for c in ew.concepts_of(ew.fold(word))):
            continue
        if number.isdigit() and 0 < int(number) <= 60:
            found.add(int(number))
        elif len(number) >= 2 and _ROMAN_ONLY.fullmatch(number.upper()):
            found.add(_roman(number.upper()))
    return found


def _naming_line(rest: str) -> str:
    """The first of the lead's next lines that names a kind of event ("20th TCI Global
    Conference, Bogota, 7-9 November" after "TCI2017: Only a few days left to register!"),
    or "": the lines between would only dilute the name."""
    for part in [p for p in _LEAD_BREAK.split(rest) if p.strip()][:LEAD_LOOKAHEAD]:
        if _names_type(part):
            return part
    return ""


def _names_type(text: str) -> bool:
    words = [ew.fold(m.group(0)) for m in _TOKEN.finditer(text)]
    return any(c.kind == ew.TYPE and not (c.name in ew.DURATIONS and i and _quantity(words[i - 1]))
               for i, w in enumerate(words) for c in ew.concepts_of(w))


def _quantity(word: str) -> bool:
    """ "few", "zwei", "3": before "days" or "week" they make a duration."""
    return word in ew.QUANTITY_WORDS or word.isdigit()


def _quoted_names(lead: str) -> list[str]:
    """Event names the lead quotes ("the 'Alpine Wood Forum' took place"): a short quotation
    that names a kind of event names the event, wherever it stands in the lead."""
    return [m.group(1) for m in _QUOTED.finditer(lead) if _names_type(m.group(1))]


def _named_years(text: str) -> set[int]:
    """Years that belong to a name ("Conference 2017", "TCI2017"), not to a date ("22 October
    2018") or a phrase ("in 2017"): the lead's dates are the post's, not the event's."""
    found = set()
    for year in _YEAR_AFTER_WORD.finditer(text):  # the year first: most leads name none
        m = _WORD_BEFORE.search(text, max(0, year.start() - 40), year.start())
        if m is None:
            continue
        word = ew.fold(m.group(1))
        if word not in _MONTH_WORDS and word not in ew.TITLE_WORDS and (
                m.group(1)[0].isupper() or ew.concepts_of(word)):
            found.add(int(year.group(1)))
    return found


def name_features(*, name: str | None, title: str, lead: str, url: str, city: str | None,
                  city_key: str, language: str | None, path: str | None = None) -> Features:
    """Name features from the event name, title and URL slug; the body lead only when those
    say little.

    A post whose lead is not read (the name and title say enough, the lead quotes nothing)
    has the features of the same name, title and slug without a lead: those are computed
    once and shared (one Features object for every such post, less memory too). The lead
    is read, uncached, when it may count.
    """
    german = (language or "").startswith("de")
    skip = _skip(city_key, city)
    slug = slug_of_path(url_parts(url)[1] if path is None else path)
    if not lead or not _QUOTED.search(lead):  # no quotation: no quoted name either
        # a city prefix that none of the texts holds skips no word (a word's folded form is
        # part of its text's): the key leaves it out, so every city shares the entry
        held: tuple[str, ...] = ()
        if skip:
            folded = (ew.fold(name or ""), ew.fold(title), ew.fold(slug))
            held = tuple(p for p in skip if any(p in text for text in folded))
        shared, needs_lead = _without_lead(name or "", title, slug, german, held)
        if not lead or not needs_lead:
            return shared
    return _features(name, title, lead, slug, german, skip)


@functools.lru_cache(maxsize=1 << 12)  # a run's cities repeat
def _skip(city_key: str, city: str | None) -> tuple[str, ...]:
    """Prefixes of the event's city (folded, five letters): its inflected forms are no name."""
    return tuple(sorted(s[:5] for s in {city_key, ew.fold(city or "")}
                        if len(s) >= 5 and s != "online"))


@functools.lru_cache(maxsize=1 << 15)
def _without_lead(name: str, title: str, slug: str, german: bool, skip: tuple[str, ...]
                  ) -> tuple[Features, bool]:
    """The features without a lead, and whether a lead would be read (the name and title
    weigh too little or name no kind of event)."""
    features = _features(name, title, "", slug, german, skip)
    head: dict[str, float] = {}
    types: set[str] = set()
    for text in (name, title):
        _add_text(text, german=german, skip=skip, out=head, types=types, topics=set(),
                  words=set())
    return features, sum(head.values()) < LEAD_BELOW or not types


def _features(name: str | None, title: str, lead: str, slug: str, german: bool,
              skip: tuple[str, ...]) -> Features:
    weights: dict[str, float] = {}
    types: set[str] = set()
    topics: set[str] = set()
    editions: set[int] = set()
    years: set[int] = set()
    plain: set[str] = set()
    for text in (name or "", title):
        _add_text(text, german=german, skip=skip, out=weights, types=types, topics=topics,
                  words=plain)
        editions |= _editions(text)
        years.update(int(y) for y in _YEAR.findall(text))
    # the lead too when the title says little, or names no kind of event ("ECC2026: takeaways")
    used_lead = bool(lead) and (sum(weights.values()) < LEAD_BELOW or not types)
    # the slug after the decision: its lowercase words name no names
    _add_text(slug, german=german, skip=skip, out=weights, types=types, topics=topics,
              words=plain)
    editions |= _editions(slug) | _slug_editions(slug)
    years.update(int(y) for y in _YEAR.findall(slug))
    if used_lead:  # its first sentence, and the next line naming the event if it does not
        opening = _SENTENCE_END.split(lead, maxsplit=1)[0]
        named: set[str] = set()
        _add_text(opening, german=german, skip=skip, out=weights, types=named, topics=topics)
        if not named and (line := _naming_line(lead[len(opening):])):
            _add_text(line, german=german, skip=skip, out=weights, types=named, topics=topics)
            opening += " " + line
        types |= named
        editions |= _editions(opening, named=True)
        years.update(_named_years(opening))
    quotes = _quoted_names(lead)
    for quoted in quotes:  # „Clusters meet Regions & 8 Kongres Klastrów Polskich“
        _add_text(quoted, german=german, skip=skip, out=weights, types=types, topics=topics)
        editions |= _editions(quoted, named=True) | _slug_editions(
            " ".join(m.group(0) for m in _TOKEN.finditer(quoted)))
        years.update(_named_years(quoted))
    for number in editions:
        weights[f"#{number}"] = EDITION_WEIGHT
    return Features(weights, tuple(sorted(types)), tuple(sorted(topics)),
                    tuple(sorted(editions)), sum(weights.values()), used_lead or bool(quotes),
                    tuple(sorted(years)), tuple(sorted(plain)), _slug_names(slug))


def _slug_plain(word: str) -> bool:
    """A word of an address that may be part of a name: no concept, city, month or number."""
    return (len(word) >= SLUG_WORD_MIN and word.isalpha() and word not in ew.TITLE_WORDS
            and word not in _MONTH_WORDS and word not in _CITY_WORDS
            and not ew.concepts_of(word))


def _slug_names(slug: str) -> tuple[str, ...]:
    """The address's plain words and its three-word runs that hold one ("clusters meet
    regions"; "european cluster conference" is only concepts: any such event is called so)."""
    words = [ew.fold(w) for w in slug.split()]
    plain = [w for w in words if _slug_plain(w)]
    runs = [" ".join(words[i:i + 3]) for i in range(len(words) - 2)
            if any(_slug_plain(w) for w in words[i:i + 3])]
    return tuple(sorted({*plain, *runs}))


def slug_shared(fa: Features, fb: Features) -> float:
    """Weight two posts share through their addresses: a run of three words both addresses
    hold (a name), or one address's word that is the other's acronym ("clustrat" / CluStrat)."""
    if not (fa.slug or fb.slug):
        return 0.0
    runs = sum(1 for r in fa.slug if " " in r and r in fb.slug)
    acronyms = sum(1 for w in fa.slug if " " not in w and "A:" + w in fb.weights
                   and "A:" + w not in fa.weights) + sum(
        1 for w in fb.slug if " " not in w and "A:" + w in fa.weights
        and "A:" + w not in fb.weights)
    return SLUG_RUN_WEIGHT * min(runs, 1) + ACRONYM_WEIGHT * acronyms
