"""Event-date shapes the range grammar reads as separate dates, and dates relative to the
publication day.

- two date-times on two days: "8 listopada 2023, 09:00 (środa) - 9 listopada 2023, 17:00";
- a list of days: "24, 25, 26 March 2015";
- a start and a duration: "rozpocznie się 29 października i potrwa dwa dni", "a two-day …";
- relative days: "today", "yesterday", "ayer miércoles 11 de diciembre", "this Monday",
  "depuis hier 18 mars et encore aujourd'hui", resolved against the publication day;
- a rescheduled event: the new date after "przeniesiona na", "verschoben auf", "postponed to".
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from clustercrawl.extract import lexicon
from clustercrawl.extract.daterange import DateRange
from clustercrawl.extract.folded import FoldedPattern, grouped_alternation

__all__ = [
    "clause_before",
    "is_date_line",
    "joined",
    "merge_adjacent",
    "opens_dateline",
    "other_edition",
    "relative_dates",
    "widen_by_duration",
    "widen_by_list",
    "widen_by_next_day",
    "widen_until",
]

MAX_JOIN_DAYS = 14
_WEEKDAY_ANY = lexicon.words_pattern(
    w for ws in lexicon.WEEKDAYS.values() for w in ws) + "|" + lexicon.words_pattern(
    lexicon.WEEKDAY_FORMS)
_TIME = r"(?:\d{1,2}[:.h]\d{2}|\d{1,2}\s?h)"
# what may stand between two dates that are the two ends of one event
_JOIN = re.compile(
    rf"^[\s,]*(?:(?:godz\.|ore|um|at|à|a las|v|o)?\s*{_TIME}(?:\s*(?:uhr|h))?)?[\s,]*"
    rf"(?:\(?\s*(?:{_WEEKDAY_ANY})\s*\)?)?[\s,]*[-‐‑‒–—−÷]\s*"
    rf"(?:(?:{_WEEKDAY_ANY})[\s,]*)?$",
    re.IGNORECASE,
)
_LIST = re.compile(
    r"(?<!\d)((?:(?:3[01]|[12]\d|0?[1-9])\s*,\s*)+)(?:(?:3[01]|[12]\d|0?[1-9])\s*)?$")
_DATE_LINE_NOISE = re.compile(
    rf"^[\s,.\-–—()]*(?:(?:{_WEEKDAY_ANY})|{_TIME}|godz\.|ore|uhr|h|r\.|roku|od|do|"
    rf"from|to|dalle|alle|de|à|a)?[\s,.\-–—()]*$",
    re.IGNORECASE,
)
_NUMBERS = {
    "dwa": 2, "dwóch": 2, "trzy": 3, "cztery": 4, "pięć": 5, "two": 2, "three": 3, "four": 4,
    "five": 5, "zwei": 2, "drei": 3, "vier": 4, "deux": 2, "trois": 3, "quatre": 4, "dos": 2,
    "tres": 3, "cuatro": 4, "due": 2, "tre": 3, "quattro": 4, "dva": 2, "dvě": 2, "tři": 3,
    "tri": 3, "štyri": 4, "2": 2, "3": 3, "4": 4, "5": 5,
}
_NUM = "|".join(sorted(_NUMBERS, key=len, reverse=True))
_DURATION = re.compile(
    rf"\b(?:potrwa|trwa(?:ć\s+będzie)?|będzie\s+trwał[oa]?|lasts?|will\s+last|over|dauert|"
    rf"durera|dure|durará|dura|durerà|potrvá|potrvá|trvá|bude\s+trvať)\s+(?:przez\s+)?"
    rf"({_NUM})\s+(?:dni|days|tage|jours|días|giorni|dny|dní)\b"
    rf"|\b({_NUM})-?(?:day|tägig\w*|dniow\w*|denn\w*|dňov\w*)\b"
    rf"|\b(dwudniow\w*|trzydniow\w*|zweitägig\w*|dreitägig\w*|dvoudenn\w*|dvojdňov\w*|"
    rf"třídenn\w*|two-day|three-day|de\s+deux\s+jours|di\s+due\s+giorni|de\s+dos\s+días)",
    re.IGNORECASE,
)
_WORD_DAYS = {"dwudniow": 2, "trzydniow": 3, "zweitägig": 2, "dreitägig": 3, "dvoudenn": 2,
              "dvojdňov": 2, "třídenn": 3, "two-day": 2, "three-day": 3, "de deux jours": 2,
              "di due giorni": 2, "de dos días": 2}


def merge_adjacent(body: str, first: DateRange, ranges: list[DateRange]) -> DateRange:
    """"X, 09:00 (Wed) - Y, 17:00": the two ends of one event read as two dates."""
    for other in ranges:
        if other.span[0] <= first.span[1] or other.kind == "relative":
            continue
        if other.is_range:
            return first
        between = body[first.span[1] : other.span[0]]
        if len(between) > 40 or not _JOIN.match(between):
            return first
        days = (other.start - first.start).days
        if 0 < days <= MAX_JOIN_DAYS:
            return replace(first, end=other.end, end_time=other.end_time or other.start_time,
                           raw=body[first.span[0] : other.span[1]],
                           span=(first.span[0], other.span[1]))
        return first
    return first


def joined(body: str, ranges: list[DateRange]) -> list[DateRange]:
    """Two dates that are the ends of one event merged; a weekday or "yesterday" next to a
    written date dropped (it names the same day)."""
    absolute = [r for r in ranges if r.kind != "relative"]
    out: list[DateRange] = []
    swallowed = -1
    for rng in ranges:
        if rng.span[0] < swallowed:
            continue
        if rng.kind == "relative":
            if any(abs(rng.span[0] - a.span[1]) < 20 or abs(a.span[0] - rng.span[1]) < 20
                   for a in absolute):
                continue
            out.append(rng)
            continue
        merged = merge_adjacent(body, rng, absolute)
        swallowed = merged.span[1]
        out.append(merged)
    return out


def widen_by_list(body: str, rng: DateRange) -> DateRange:
    """"24, 25, 26 March 2015": the days listed before a date belong to it when they run on."""
    if rng.is_range:
        return rng
    before = body[max(0, rng.span[0] - 24) : rng.span[0]]
    m = _LIST.search(before)
    if m is None:
        return rng
    days = [int(d) for d in re.findall(r"\d+", m.group(0))]
    start = rng.start
    for day in reversed(days):
        if day != start.day - 1:
            break
        start = start - timedelta(days=1)
    if start == rng.start:
        return rng
    offset = rng.span[0] - len(before) + m.start()
    return replace(rng, start=start, raw=body[offset : rng.span[1]], span=(offset, rng.span[1]))


def widen_by_duration(sentence: str, rng: DateRange) -> DateRange:
    """"starts on 29 October and lasts two days": the end the duration gives."""
    if rng.is_range:
        return rng
    m = _DURATION.search(sentence)
    if m is None:
        return rng
    if m.group(1) or m.group(2):
        days = _NUMBERS.get((m.group(1) or m.group(2)).lower(), 1)
    else:
        word = m.group(3).lower()
        days = next((n for stem, n in _WORD_DAYS.items() if word.startswith(stem)), 1)
    if days < 2:
        return rng
    return replace(rng, end=rng.start + timedelta(days=days - 1))


def is_date_line(body: str, rng: DateRange) -> bool:
    """The date stands on a line of its own (under the title: the event's date)."""
    line_start = body.rfind("\n", 0, rng.span[0]) + 1
    line_end = body.find("\n", rng.span[1])
    line_end = len(body) if line_end < 0 else line_end
    return (_DATE_LINE_NOISE.match(body[line_start : rng.span[0]]) is not None
            and _DATE_LINE_NOISE.match(body[rng.span[1] : line_end]) is not None)


_DATELINE_AFTER = re.compile(r"\s*(?:\)|(?:\([^()\n]{1,30}\))?\s*[-–—:|])")
DATELINE_PREFIX = 25


def opens_dateline(body: str, rng: DateRange) -> bool:
    """The date opens a line as a news dateline: "SEVILLA 5 Mar. (AGENCY) -", "(Sunday
    8 May 2022) The fair …", "Berlin, 29.11.2022 – …": a short lead-in, then a closing
    bracket or an (agency and a) dash."""
    line_start = body.rfind("\n", 0, rng.span[0]) + 1
    prefix = body[line_start : rng.span[0]]
    return (len(prefix.strip()) <= DATELINE_PREFIX and not re.search(r"[.!?]\s", prefix)
            and _DATELINE_AFTER.match(body, rng.span[1]) is not None)


# ------------------------------------------------------------------------ relative days

_RELATIVE = {
    0: ("today", "heute", "aujourd'hui", "aujourd’hui", "hoy", "oggi", "dziś", "dzisiaj",
        "dnes", "dnešní", "dnešním", "dnešného"),
    -1: ("yesterday", "gestern", "hier", "ayer", "ieri", "wczoraj", "včera", "wczorajsz\\w*"),
    1: ("tomorrow", "morgen", "demain", "mañana", "domani", "jutro", "zítra", "zajtra"),
}
_THIS = {"this", "diesen", "diesem", "ce", "este", "questo", "w\\s+ten", "w\\s+tę", "we\\s+wtorek",
         "tento", "tuto", "last", "letzten", "dernier", "pasado", "scorso", "next",
         "nächsten", "prochain", "próximo", "prossimo", "przyszły", "příští", "budúci",
         "ostatni\\w*", "minul\\w+"}
# case-insensitive, run over the lowercased body (see FoldedPattern: 2-3 times faster on
# every post body); matches index the original text, whose case the ranges keep
_REL_WORDS = [w for ws in _RELATIVE.values() for w in ws]
_REL_RX = FoldedPattern(
    r"(?<![^\W\d_])(?:" + "|".join(_REL_WORDS) + r")(?![^\W\d_])",
    r"(?<![^\W\d_])(?:" + grouped_alternation(_REL_WORDS) + r")(?![^\W\d_])")
_THIS_WORDS = sorted(_THIS, key=lambda w: (-len(w), w))  # ties by name: one pattern text per run
_WEEKDAY_WORDS = [*lexicon.word_fragments(w for ws in lexicon.WEEKDAYS.values() for w in ws),
                  *lexicon.word_fragments(lexicon.WEEKDAY_FORMS)]
_WEEKDAY_RX = FoldedPattern(
    r"(?<![^\W\d_])(?:(" + "|".join(_THIS_WORDS) + r")\s+)?("
    + _WEEKDAY_ANY + r")(?![^\W\d_])",
    # the same alternatives grouped by first letter for the lowercased run
    r"(?<![^\W\d_])(?:(" + grouped_alternation(_THIS_WORDS) + r")\s+)?("
    + grouped_alternation(_WEEKDAY_WORDS) + r")(?![^\W\d_])")
_PAST_WORDS = re.compile(r"last|letzt|dernier|pasad|scors|ostatni|minul", re.IGNORECASE)
_NEXT_WORDS = re.compile(r"next|nächst|prochain|próxim|prossim|przysz|příšt|budúc", re.IGNORECASE)


def _offset_of(word: str) -> int | None:
    low = word.lower()
    for offset, words in _RELATIVE.items():
        if any(re.fullmatch(w, low) for w in words):
            return offset
    return None


def relative_dates(text: str, published: date | None, *, past: bool) -> list[DateRange]:
    """Days named relative to the publication day; ``past``: the post reports (a bare
    weekday is then the last one before publication, else the next one)."""
    if published is None:
        return []
    found: list[DateRange] = []
    for m in _REL_RX.finditer(text):
        word = text[m.start() : m.end()]
        offset = _offset_of(word)
        if offset is None:
            continue
        if word.lower() == "morgen" and text[max(0, m.start() - 6) : m.start()].lower(
        ).strip().endswith(("guten", "am")):
            continue  # "Guten Morgen", "am Morgen"
        day = published + timedelta(days=offset)
        found.append(DateRange(day, day, word, m.span(), kind="relative"))
    for m in _WEEKDAY_RX.finditer(text):
        index = lexicon.weekday_index(text[m.start(2) : m.end(2)])
        if index is None:
            continue
        qualifier = text[m.start(1) : m.end(1)] if m.start(1) >= 0 else ""
        if _NEXT_WORDS.search(qualifier):
            ahead = True
        elif _PAST_WORDS.search(qualifier):
            ahead = False
        else:
            ahead = not past
        delta = (index - published.weekday()) % 7
        if ahead:
            day = published + timedelta(days=delta)
        else:
            day = published - timedelta(days=(published.weekday() - index) % 7)
        found.append(DateRange(day, day, text[m.start() : m.end()], m.span(), kind="relative"))
    found.sort(key=lambda r: r.span)
    return found


# "29. Juli 2022 um 18:00 Uhr endet die Bewerbungsfrist", "… : registration closes": the
# deadline named after its date, in the same clause.
_DEADLINE_AFTER = re.compile(
    r"^[^.;\n]{0,40}?\b(?:endet|enden|läuft|ends?|closes?|expires?|upływa|kończy|končí|končí|"
    r"scade|vence|termina|se\s+clôt|clôture)\b[^.;\n]{0,40}?"
    r"(?:frist|schluss|deadline|registration|applications?|submissions?|anmeldung|bewerbung|"
    r"zgłosze\w*|nab[oó]r\w*|inscri\w*|candidatur\w*|plazo|scadenza|přihl\w*)",
    re.IGNORECASE,
)


def deadline_after(body: str, rng: DateRange) -> bool:
    """The date is a deadline named after it ("… endet die Bewerbungsfrist")."""
    return _DEADLINE_AFTER.search(body[rng.span[1] : rng.span[1] + 100]) is not None


# "the next day was devoted to a conference", "Druhý deň konferencie…": a second day
_NEXT_DAY = re.compile(
    r"\b(?:the\s+(?:next|following|second)\s+day|day\s+(?:two|2)\b|"
    r"(?:am\s+)?(?:nächsten|folgenden|zweiten)\s+tag|"
    r"le\s+lendemain|(?:la\s+)?deuxième\s+journée|le\s+second\s+jour|"
    r"(?:al\s+)?día\s+siguiente|(?:la\s+)?segunda\s+jornada|el\s+segundo\s+día|"
    r"giorno\s+(?:seguente|successivo)|(?:la\s+)?seconda\s+giornata|il\s+secondo\s+giorno|"
    r"następnego\s+dnia|drugiego\s+dnia|drugi\s+dzień|"
    r"následující(?:ho)?\s+den|druhý\s+den|druhého\s+dne|"
    r"nasledujúci\s+deň|druhý\s+deň|druhého\s+dňa)\b",
    re.IGNORECASE,
)


def widen_by_next_day(after: str, rng: DateRange) -> DateRange:
    """A one-day event whose text goes on to its next or second day lasts two days."""
    if rng.is_range or rng.kind == "relative" or _NEXT_DAY.search(after) is None:
        return rng
    return replace(rng, end=rng.start + timedelta(days=1))


# words before a date that make it the end of what began earlier: "open until 10 May",
# "fino al 10 maggio", "bis zum 12. Mai", "jusqu'au 12 mai", "… hier et encore aujourd'hui"
_UNTIL = re.compile(
    rf"(?:\b(?:until|till|through|fino\s+a(?:l|llo|lla|d)?|sino\s+a(?:l)?|bis(?:\s+zum)?|"
    rf"jusqu'(?:au|à)|hasta\s+el|do\s+dnia|až\s+do|and\s+still|et\s+encore|e\s+ancora|"
    rf"und\s+noch|y\s+todavía|i\s+jeszcze)\s+(?:(?:{_WEEKDAY_ANY})[\s,]+)?)$",
    re.IGNORECASE,
)
_UNTIL_BEFORE_CHARS = 40
_START_BEFORE_CHARS = 400
_NEXT_CHARS = 400  # "Opened yesterday. … Until Thursday 12 May …": the lead's next sentences


# "registration open until 3 May" ends the sign-up, not the event
_SIGNUP = re.compile(
    r"(?:regist|sign[- ]?up|apply|applica|submi|anmeld|bewerb|einreich|inscri|candidat|iscri|"
    r"domand|zgłosz|rejestr|wnios|přihl|prihl|žádost|žiadost|deadline|frist|plazo|scadenz|"
    r"termin\s+składania|date\s+limite)",
    re.IGNORECASE,
)


def _is_end(body: str, rng: DateRange) -> bool:
    before = body[max(0, rng.span[0] - _UNTIL_BEFORE_CHARS) : rng.span[0]]
    return _UNTIL.search(before) is not None and _SIGNUP.search(before) is None


def widen_until(body: str, rng: DateRange, ranges: list[DateRange], sentence_end: int,
                max_days: int = 31) -> DateRange:
    """An event that opened on one day and runs "until" a later one: the start (often
    "today"/"yesterday") and the end joined into one range. When the pick is itself the
    "until" day, the day it began is the nearest date before it in the lead."""
    if rng.is_range:
        return rng
    if _is_end(body, rng):
        earlier = [r for r in ranges if r.span[1] <= rng.span[0]
                   and rng.span[0] - r.span[1] <= _START_BEFORE_CHARS
                   and 0 < (rng.start - r.start).days <= max_days]
        if earlier:
            start = earlier[-1]
            return replace(rng, start=start.start, raw=f"{start.raw} … {rng.raw}",
                           span=(start.span[0], rng.span[1]), kind=start.kind)
        return rng
    for later in ranges:
        if not (rng.span[1] <= later.span[0] <= max(sentence_end, rng.span[1] + _NEXT_CHARS)
                and _is_end(body, later)):
            continue
        end = _after(later.end, rng.start) if later.year_inferred else later.end
        if 0 < (end - rng.start).days <= max_days:
            return replace(rng, end=end, raw=f"{rng.raw} … {later.raw}",
                           span=(rng.span[0], later.span[1]))
    return rng


def _after(day: date, start: date) -> date:
    """A year-less "until" day read as the first such day on or after the start."""
    try:
        moved = day.replace(year=start.year)
        return moved if moved >= start else day.replace(year=start.year + 1)
    except ValueError:  # 29 February
        return day


# the previous or the next edition, last or next year: dates in that clause are not this
# event's ("after last year's edition on 12-13 March 2024 …")
_OTHER_EDITION = re.compile(
    r"\b(?:(?:previous|last|past|former|next)\s+(?:edition|year)|last\s+year's|"
    r"vorjahr\w*|(?:letzten|vergangenen|nächsten)\s+jahr\w*|vorgänger\w*|"
    r"l'an\s+(?:dernier|prochain)|l'année\s+(?:dernière|prochaine)|"
    r"(?:l'|la\s+)(?:édition\s+précédente|précédente\s+édition|prochaine\s+édition)|"
    r"el\s+(?:año\s+pasado|próximo\s+año)|la\s+(?:edición\s+anterior|pasada\s+edición|"
    r"próxima\s+edición)|lo\s+scorso\s+anno|l'anno\s+(?:scorso|prossimo)|"
    r"(?:la\s+)?(?:scorsa|prossima)\s+edizione|l'edizione\s+precedente|il\s+prossimo\s+anno|"
    r"w\s+(?:ubiegłym|zeszłym|przyszłym)\s+roku|(?:poprzedni|następn|kolejn)\w*\s+edycj\w*|"
    r"loni|loňsk\w*|vlani|vlaňajš\w*|(?:minul|předchozí|predchádzajúc|příští|budúc)\w*\s+"
    r"ročník\w*|příští\s+rok|budúci\s+rok)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[.!?;]\s+(?=[^\W\d_])|\n")


def clause_before(body: str, rng: DateRange, chars: int = 70) -> str:
    """The words before a date back to the last sentence break ("… do 10 marca 2025 r.
    Forum odbędzie się" gives "Forum odbędzie się"), at most ``chars`` of them."""
    before = body[max(0, rng.span[0] - chars) : rng.span[0]]
    cut = None
    for m in _CLAUSE_BREAK.finditer(before):
        cut = m.end()
    return before[cut:] if cut is not None else before


def other_edition(body: str, rng: DateRange) -> bool:
    """The date sits in a clause about another edition or year of the event."""
    return _OTHER_EDITION.search(clause_before(body, rng, 90)) is not None
