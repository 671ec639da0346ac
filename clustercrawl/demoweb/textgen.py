"""Seeded generation of plausible posts (news, events, calls, member news) in one language.

Bodies are assembled from the language's sentence banks with slot values (topics, cities,
companies, programmes, dates written the local way), so every post differs while staying
grammatical. Event dates are kept apart from the publication date: announcements are
published weeks before the event, reports days after it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .lang_base import Lang
from .lang_it import heading_datetime
from .model import EventInfo, Post
from .util import esc, iso_local

KINDS: tuple[tuple[str, int], ...] = (
    ("news", 30),
    ("event_announcement", 24),
    ("event_report", 20),
    ("call", 12),
    ("member_news", 14),
)

#: Which intro sentence fits which title template (same order in every language).
INTRO_FOR: dict[str, tuple[int, ...]] = {
    "news": (0, 3, 1, 1, 4, 2, 4),
    "member_news": (1, 0, 2, 3, 1),
    "call": (0, 1, 3, 2, 0),
}
INTRO_OVERRIDES: dict[tuple[str, str], tuple[int, ...]] = {
    ("pl", "member_news"): (1, 0, 2, 3, 0),
    ("de", "news"): (0, 3, 1, 1, 4, 2, 1),
}

CATEGORY_OF = {
    "news": "news",
    "press_release": "news",
    "event_announcement": "events",
    "event_report": "events",
    "call": "calls",
    "member_news": "members",
}

VENUES: dict[str, tuple[str, ...]] = {
    "pl": ("Centrum Konferencyjne", "Park Naukowo-Technologiczny", "Hotel Mercure",
    "Sala Marmurowa"),
    "de": ("Messezentrum", "Haus der Wirtschaft", "Technologiezentrum", "Kongresshalle"),
    "fr": ("Centre des congrès", "Hôtel de Région", "Maison de l'Innovation", "Technopole"),
    "es": ("Palacio de Congresos", "Cámara de Comercio", "Parque Tecnológico",
    "Edificio Veles e Vents"),
    "it": ("Centro Congressi", "Magazzini del Cotone", "Camera di Commercio",
    "Palazzo della Borsa"),
    "cs": ("Kongresové centrum", "Vědeckotechnický park", "Hotel Clarion", "Krajský úřad"),
    "en": ("Square Meeting Centre", "Congress Centre", "Innovation Hub", "Chamber of Commerce"),
}
STREETS: dict[str, tuple[str, ...]] = {
    "pl": ("ul. Długa 24", "al. Grunwaldzka 472", "ul. Marszałkowska 115"),
    "de": ("Hauptstraße 12", "Messegelände 1", "Am Kongresszentrum 3"),
    "fr": ("12 rue de la République", "Place des Congrès", "5 avenue Jean Jaurès"),
    "es": ("Calle Mayor 8", "Avenida de Francia 55", "Paseo de la Alameda 12"),
    "it": ("Via Roma 15", "Piazza della Vittoria 3", "Corso Italia 20"),
    "cs": ("Náměstí Svobody 9", "Výstaviště 1", "Křižíkova 70"),
    "en": ("Rue de la Loi 56", "Avenue des Arts 3", "Mont des Arts"),
}
EVENT_KINDS = ("event_announcement", "event_report")
LAST_POST_DAY = date(2025, 11, 28)


@dataclass(frozen=True, slots=True)
class PlannedEvent:
    """An event fixed by hand (dates and how they are written), for the local formats that
    tests look for, e.g. "vom 3.-5. Juni 2025" or "5. 6. 2025"."""

    start: date
    end: date
    kind: str = "event_announcement"
    style: int | None = None  # index into Lang.ranges / Lang.singles
    yearless: bool = False
    time: str | None = None
    city: str | None = None

    def published(self, rng: random.Random) -> datetime:
        """Announcements weeks before the start, reports days after the end."""
        if self.kind == "event_announcement":
            day = self.start - timedelta(days=rng.randint(18, 60))
        else:
            day = self.end + timedelta(days=rng.randint(2, 9))
        day = min(day, LAST_POST_DAY)
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        return datetime(day.year, day.month, day.day, rng.randint(8, 15), rng.randint(0, 59))


def kinds_for(rng: random.Random, n: int) -> list[str]:
    """``n`` post kinds: every kind at least twice (when n allows), the rest weighted."""
    forced = [kind for kind, _ in KINDS for _ in range(2)][:n]
    out = forced + [weighted_kind(rng) for _ in range(n - len(forced))]
    rng.shuffle(out)
    return out


def weighted_kind(rng: random.Random) -> str:
    """Pick a post kind with the domain's usual mix."""
    total = sum(w for _, w in KINDS)
    pick = rng.uniform(0, total)
    for kind, weight in KINDS:
        pick -= weight
        if pick <= 0:
            return kind
    return KINDS[-1][0]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _snippet(sentence: str, max_len: int = 70) -> str:
    """A verbatim piece of a sentence, cut at a word boundary, for body_contains."""
    if len(sentence) <= max_len:
        return sentence.rstrip(".!")
    cut = sentence[:max_len].rsplit(" ", 1)[0]
    return cut.rstrip(",;:")


def _event_window(rng: random.Random, kind: str, published: date) -> tuple[date, date]:
    length = rng.choice((0, 0, 1, 1, 1, 2))
    if kind == "event_announcement":
        start = published + timedelta(days=rng.randint(12, 80))
    else:
        start = published - timedelta(days=rng.randint(2, 16) + length)
    if start.day + length > 28:  # keep ranges inside one month, as most events are
        start -= timedelta(days=length + 2)
    return start, start + timedelta(days=length)


class PostWriter:
    """Writes posts for one site in one language; all randomness comes from ``rng``."""

    def __init__(self, rng: random.Random, lang: Lang, cluster: str, home_cities: Sequence[str]):
        self.rng = rng
        self.lang = lang
        self.cluster = cluster
        cities = [c for c in home_cities if c in lang.cities]
        self.home_cities = cities or list(lang.cities)[:4]
        self.used_titles: set[str] = set()

    def _city(self) -> str:
        if self.rng.random() < 0.65:
            return self.rng.choice(self.home_cities)
        return self.rng.choice(list(self.lang.cities))

    def _fill(self, city: str, year: int) -> dict[str, str]:
        rng, lang = self.rng, self.lang
        values = dict(rng.choice(lang.topics))
        c = lang.cities[city]
        company, company2 = rng.sample(list(lang.companies), 2)
        values.update(
            cluster=self.cluster, city=c.nom, in_city=c.loc, event=rng.choice(lang.event_names),
            company=company, company2=company2, programme=rng.choice(lang.programmes),
            partner=rng.choice(lang.partners), count=str(rng.choice((35, 48, 60, 85, 120, 150,
                                                                   180, 240, 300, 450))),
            year=str(year), year2=str(year + 4), dates="", dates_cap="", date="", deadline="",
        )
        return values

    def _event(self, kind: str, published: datetime, window: tuple[date, date], city: str,
               values: dict[str, str], *,
               planned: PlannedEvent | None) -> tuple[EventInfo, str | None]:
        """Event info plus the date phrases in the local style; an Italian heading line."""
        rng, lang = self.rng, self.lang
        start, end = window
        if planned is not None and planned.yearless:
            dates = lang.yearless(start, end)
        elif planned is not None and planned.style is not None and start == end:
            dates = lang.singles[planned.style % len(lang.singles)](start)
        elif planned is not None and planned.style is not None:
            dates = lang.ranges[planned.style % len(lang.ranges)](start, end)
        elif start == end:
            dates = rng.choice(lang.singles)(start)
        elif kind == "event_announcement" and start.year == published.year and rng.random() < 0.15:
            dates = lang.yearless(start, end)
        else:
            dates = rng.choice(lang.ranges)(start, end)
        time = planned.time if planned is not None else None
        if planned is None and lang.code == "it" and start == end and rng.random() < 0.6:
            time = rng.choice(("09:30", "10:00", "14:30", "17:00", "18:20"))
        heading = heading_datetime(start, time) if time and lang.code == "it" else None
        event = EventInfo(start, end, city, venue=rng.choice(VENUES[lang.code]),
                          street=rng.choice(STREETS[lang.code]), time=time, name=values["event"])
        values.update(dates=dates, dates_cap=_cap(dates),
                      date=lang.date_long(start - timedelta(days=rng.randint(3, 9))))
        return event, heading

    def write(self, kind: str, published: datetime, key: str,
              planned: PlannedEvent | None = None) -> Post:
        """One post of ``kind`` published at ``published`` (local time)."""
        rng, lang = self.rng, self.lang
        city = planned.city if planned is not None and planned.city else self._city()
        event: EventInfo | None = None
        deadline_iso: str | None = None
        heading: str | None = None
        window: tuple[date, date] | None = None
        if planned is not None:
            window = (planned.start, planned.end)
        elif kind in EVENT_KINDS:
            window = _event_window(rng, kind, published.date())
        values = self._fill(city, window[0].year if window else published.year)
        if window is not None:
            event, heading = self._event(kind, published, window, city, values, planned=planned)
        if kind == "call":
            due = published + timedelta(days=rng.randint(20, 75))
            due = due.replace(hour=rng.choice((12, 15, 17, 18)), minute=0, second=0)
            deadline_iso = iso_local(due)
            values["deadline"] = lang.deadline(due)
        title, t_idx = self._title(kind, values)
        sentences = self._sentences(kind, values, t_idx)
        paragraphs = self._paragraphs(sentences)
        body = "".join(f"<p>{esc(p)}</p>\n" for p in paragraphs)
        if heading:
            body = f"<p><strong>{esc(heading)}</strong></p>\n" + body
        picks = rng.sample(sentences[1:], k=min(2, len(sentences) - 1))
        contains = [_snippet(sentences[0])] + [_snippet(s) for s in picks]
        tags = rng.sample(list(lang.tags), k=rng.randint(1, 3)) if lang.tags else []
        modified = published + timedelta(hours=rng.choice((0, 0, 1, 5, 30, 200)))
        return Post(
            key=key, ident=0, slug="", title=title, published=published, modified=modified,
            post_type=kind, language=lang.code, body_html=body, summary=sentences[0],
            category=CATEGORY_OF[kind], tags=tags, event=event, call_deadline=deadline_iso,
            body_contains=contains,
        )

    def _title(self, kind: str, values: dict[str, str]) -> tuple[str, int]:
        templates = self.lang.titles[kind]
        title, idx = "", 0
        for _ in range(30):
            idx = self.rng.randrange(len(templates))
            title = _cap(templates[idx].format_map(values))
            if title not in self.used_titles:
                break
            values.update(dict(self.rng.choice(self.lang.topics)))
            values["event"] = self.rng.choice(self.lang.event_names)
            values["company"] = self.rng.choice(self.lang.companies)
        self.used_titles.add(title)
        return title, idx

    def _sentences(self, kind: str, values: dict[str, str], title_idx: int) -> list[str]:
        rng, bank = self.rng, self.lang.sentences
        intros = bank[f"intro_{kind}"]
        mapping = INTRO_OVERRIDES.get((self.lang.code, kind), INTRO_FOR.get(kind, ()))
        first = intros[mapping[title_idx]] if title_idx < len(mapping) else rng.choice(intros)
        picked = [first]
        picked += rng.sample(list(bank[kind]), k=rng.randint(2, 4))
        picked += rng.sample(list(bank["generic"]), k=rng.randint(1, 2))
        if kind == "event_announcement":
            picked.append(rng.choice(bank["close_event_announcement"]))
        if kind == "call":
            picked.append(rng.choice(bank["close_call"]))
        return [_cap(s.format_map(values)) for s in picked]

    def _paragraphs(self, sentences: list[str]) -> list[str]:
        first = self.rng.randint(1, 2)
        rest = sentences[first:]
        split = max(1, len(rest) // 2 + self.rng.randint(-1, 1))
        groups = [sentences[:first], rest[:split], rest[split:]]
        return [" ".join(g) for g in groups if g]


def spread_dates(rng: random.Random, n: int, start: date, end: date) -> list[datetime]:
    """``n`` sorted local publication times between two dates, office hours."""
    span = (end - start).days
    out = []
    for _ in range(n):
        day = start + timedelta(days=rng.randint(0, span))
        if day.weekday() >= 5:
            day -= timedelta(days=day.weekday() - 4)
        out.append(datetime(day.year, day.month, day.day, rng.randint(8, 16), rng.randint(0, 59)))
    return sorted(out)
