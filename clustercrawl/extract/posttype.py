"""Post type: news, event announcement/report, call, member news, job, project news, press.

Rules over the title, URL, topics and the event found, in every site language. Event posts
are split by comparing the event with the publication date, then by past-tense report words
("odbyła się", "fand statt", "s'est tenu", "took place") against invitation words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from clustercrawl.extract import places, vocab
from clustercrawl.extract.daterange import find_date_ranges

__all__ = ["POST_TYPES", "PostFacts", "call_details", "classify", "undated_event_type"]

POST_TYPES = ("news", "event_announcement", "event_report", "call", "member_news", "job",
              "project_news", "press_release", "other")

_JOB_SEGMENTS = re.compile(
    r"(?:^|/)(?:praca|oferty-pracy|kariera|jobs?|careers?|karriere|stellenangebote|emploi|"
    r"offres-d-emploi|empleo|trabaja-con-nosotros|lavora-con-noi|kariera|volna-mista)(?:/|$)",
    re.IGNORECASE,
)
_CALL_SEGMENTS = re.compile(
    r"(?:^|/)(?:nabory|nabor|konkursy|calls?|open-calls|ausschreibungen|foerderaufrufe|appels|"
    r"appels-a-projets|convocatorias|bandi|vyzvy|tenders|przetargi)(?:/|$)",
    re.IGNORECASE,
)
_PRESS_SEGMENTS = re.compile(
    r"(?:^|/)(?:press-?releases?|news-releases|pressemitteilung(?:en)?|presse(?:mitteilungen)?|"
    r"communiques?(?:-de-presse)?|komunikaty(?:-prasowe)?|notas-de-prensa|comunicati-stampa|"
    r"tiskove-zpravy|press)(?:/|$)",
    re.IGNORECASE,
)
_EVENT_SEGMENTS = re.compile(
    r"(?:^|/)(?:event-calendar|events?|upcoming(?:-events)?|wydarzenia|kalendarz(?:-wydarzen)?|"
    r"veranstaltungen|termine|veranstaltungskalender|evenements|agenda|eventi|eventos|"
    r"kalendar(?:-akci)?|akce|podujatia)(?:/|$)",
    re.IGNORECASE,
)
_PROGRAMMES = re.compile(
    r"\b(?:Horizon(?:t)?\s+Europe|Horizon\s+2020|Interreg(?:\s+[A-Z][\w-]*)?|COSME|"
    r"Single\s+Market\s+Programme|Digital\s+Europe|Erasmus\+|LIFE|EIC\s+Accelerator|"
    r"EIT\s+\w+|Eurostars|ClusterXchange|Euroclusters|FENG|FEPW|KPO|ZIM|EFRE|FEDER|FESR|"
    r"CEF|Creative\s+Europe|I3)\b"
)


_NEW_MEMBER = re.compile(
    r"\b(?:nowy|nowego|new|neues|nouveau|nouvel|nuevo|nuovo|nový|novým|nového|nieuw|nieuwe)\s+"
    r"(?:\w+\s+)?(?:członek|członka|member|mitglied|membre|adhérent|socio|člen\w*|lid|leden)",
    re.IGNORECASE,
)
# "Brussels, 12 June 2023 – …": the dateline that opens a press release
_DATELINE = re.compile(r"^[A-ZÀ-Ž][\w.\- ]{1,30},\s+(?P<date>[^–—\n]{6,30}?)\s+[–—-]\s")


def _is_dateline(start: str) -> bool:
    m = _DATELINE.match(start)
    return m is not None and bool(find_date_ranges(m.group("date"), None, month_only=False))


@dataclass(frozen=True, slots=True)
class PostFacts:
    """Inputs of the classification."""

    title: str
    body: str
    url: str
    topics: tuple[str, ...]
    published: date | None
    event_start: date | None
    event_end: date | None
    report_cues: int
    announce_cues: int
    is_post: bool = True


def classify(facts: PostFacts) -> str:
    """One of :data:`POST_TYPES`."""
    if not facts.is_post:
        return "other"
    title = facts.title
    path = unquote(urlsplit(facts.url).path)
    section = path.rstrip("/").rsplit("/", 1)[0]  # the post's own slug says little
    topics = " / ".join(facts.topics)
    has_event = facts.event_start is not None
    if vocab.JOB.found(title) or _JOB_SEGMENTS.search(section):
        return "job"
    lead = facts.body[:400]
    if (_PRESS_SEGMENTS.search(path) or vocab.PRESS.found(title)
            or vocab.PRESS.found(facts.body[:160])):
        return "press_release"  # the site says so: even a release about an event
    slug = path.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").replace("_", " ")
    call_title = (vocab.CALL.found(title) or _CALL_SEGMENTS.search(section) is not None
                  or vocab.CALL_LEAD.found(f"{title}\n{slug}\n{facts.body[:500]}"))
    event_title = has_event and vocab.EVENT.found(title)
    if call_title and not event_title and not (has_event and
                                               facts.report_cues > facts.announce_cues):
        return "call"
    if has_event:
        return _event_type(facts)
    if (vocab.MEMBER_SEGMENTS.search(section) or vocab.MEMBER_SEGMENTS.search(topics)
            or _NEW_MEMBER.search(title) or vocab.LEGAL_FORM.search(title)
            or vocab.MEMBER_LEAD.search(lead)):
        return "member_news"  # a welcome to a new member that mentions a gala is no report
    undated = _undated_event(title, facts.body, section)
    if undated is not None:
        return undated
    if (vocab.PRESS.found(title) or vocab.PRESS.found(topics) or vocab.PRESS.found(lead)
            or _is_dateline(facts.body[:80])):
        return "press_release"
    if vocab.PROJECT_SEGMENTS.search(section) or vocab.PROJECT_SEGMENTS.search(topics):
        return "project_news"
    return "news"


# The lead up to the end of its first real sentence: short lines and sentences before it
# (a date, a category, a subtitle, a quoted name) belong to the lead too.
_FIRST_SENTENCE = re.compile(
    r"^.{0,400}?(?:(?<=.{120})(?<=[^\W\d_]{2})[.!?](?=\s)|(?<=.{120})\n|$)", re.DOTALL)


_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2}[.!?])\s+|\n")
_LEAD_TENSE_CHARS = 600


def undated_event_type(title: str, body: str) -> str | None:
    """event_report/event_announcement when the post is about an event it gives no day
    for, unless it reads as member news or a call first (the order :func:`classify` uses)."""
    if (_NEW_MEMBER.search(title) or vocab.LEGAL_FORM.search(title)
            or vocab.MEMBER_LEAD.search(body[:400])):
        return None
    if vocab.CALL.found(title) or vocab.CALL_LEAD.found(f"{title}\n{body[:500]}"):
        return None  # a call to host or join events is a call, about no one event
    return _undated_event(title, body)


def _undated_event(title: str, body: str, section: str = "") -> str | None:
    """A post about an event whose day it does not give ("Review: Clusterkonferenz",
    "the conference was held in Bucharest"): the event word in the title or the first
    sentence, the tense in the title or that sentence."""
    cues = _undated_cues(title, body)
    if cues is None:
        return None
    report, announce, postponed = cues
    if not report and not announce and postponed:
        return "event_announcement"  # "Trade Fair 2020 postponed": it is still to come
    if report > announce:
        return "event_report"
    if announce > report or _EVENT_SEGMENTS.search(section):
        return "event_announcement"  # the site files it under its coming events
    return None


@lru_cache(maxsize=8)
def _undated_cues(title: str, body: str) -> tuple[int, int, bool] | None:
    """(report cues, announcement cues, postponed) of a post that names an event in its
    title or lead, else None. Cached: the event stage and the post type both ask, with the
    same title and body."""
    m = _FIRST_SENTENCE.match(body.lstrip())
    first = m.group(0) if m else body[:300]
    text = f"{title}\n{first}"
    # the event word in the title, or with the tense in one sentence of the lead: "the
    # partners met in Brussels. … study visits are planned" names no event
    lead_sentences = _sentences(body.lstrip()[:_LEAD_TENSE_CHARS])[:3]
    # "… presented at the next general assembly" points to a later meeting: no evidence
    if not vocab.EVENT.found(title) and not any(
            vocab.EVENT.found(vocab.NEXT_EVENT_REF.blank(s))
            and (vocab.REPORT.found(s) or vocab.ANNOUNCE.found(s))
            for s in [*_sentences(first), *lead_sentences]):
        return None
    report, announce = len(vocab.REPORT.findall(text)), len(vocab.ANNOUNCE.findall(text))
    if not report and not announce:  # a tenseless first sentence: the lead's next ones
        lead = body.lstrip()[:_LEAD_TENSE_CHARS]
        report, announce = len(vocab.REPORT.findall(lead)), len(vocab.ANNOUNCE.findall(lead))
    postponed = (not report and not announce
                 and places.POSTPONED.found(text))
    return report, announce, postponed


_QUOTE_MARKS = re.compile(r"[„“”«»]")


def _sentences(text: str) -> list[str]:
    """The text's sentences; a full stop inside a quoted name („The Clusters. A platform“)
    ends no sentence."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(text):
        if out and _open_quote(out[-1]):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


def _open_quote(text: str) -> bool:
    """The last quotation mark opens a quote: „ or «, or “ where no „ opened before it."""
    marks = _QUOTE_MARKS.findall(text)
    if not marks:
        return False
    last = marks[-1]
    return last in "„«" or (last == "“" and "„" not in marks)


def _event_type(facts: PostFacts) -> str:
    start, end, published = facts.event_start, facts.event_end, facts.published
    assert start is not None
    end = end or start
    reportish = facts.report_cues > 0 and facts.report_cues >= facts.announce_cues
    if published is None:
        return "event_report" if reportish else "event_announcement"
    if end < published:
        return "event_report"
    if start > published:
        return "event_announcement"
    if start < published:
        return "event_report"  # written while it runs ("opened yesterday, until Thursday")
    return "event_report" if reportish else "event_announcement"


def call_details(
    body: str, language: str | None, published: date | None, tz: str | None
) -> dict[str, str | None]:
    """The ``call`` dict: deadline (first date after a deadline word) and programme."""
    deadline = deadline_text = None
    for m in vocab.DEADLINE.finditer(body[:20000]):
        window = body[m.end() : m.end() + 120]
        ranges = find_date_ranges(window, language, reference=published, direction="after",
                                  month_only=False)
        if ranges and ranges[0].span[0] < 60:
            rng = ranges[0]
            deadline = rng.end_iso(tz) if rng.end_time else rng.start_iso(tz)
            if rng.is_range:
                deadline = rng.end_iso(tz)
            deadline_text = rng.raw
            break
    programme = _PROGRAMMES.search(body[:20000])
    return {
        "deadline": deadline,
        "deadline_text": deadline_text,
        "programme": programme.group(0) if programme else None,
    }
