"""Event details written in the post: venue, organizers, registration link and deadline,
online meeting link.

Announcements say "Miejsce: Hotel X", "Veranstalter: Cluster Y", "Anmeldeschluss: 12.03.",
"Inscriptions jusqu'au 3 juin", and link the registration form and the Zoom/Teams room. The
labels and cue words of every site language are tables below; a language is added there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from urllib.parse import urlsplit

from clustercrawl.extract.daterange import find_date_ranges
from clustercrawl.extract.folded import FoldedPattern

__all__ = ["Link", "online_url", "organizers_from_text", "registration", "venue_from_text"]

Link = tuple[str, str]  # (absolute URL, anchor text)

_VENUE_LABELS = (
    "miejsce wydarzenia", "miejsce spotkania", "miejsce", "gdzie", "lokalizacja", "adres",
    "veranstaltungsort", "tagungsort", "ort", "wo", "adresse", "lieu", "où", "adresse",
    "lugar", "sede", "dónde", "dirección", "luogo", "dove", "indirizzo", "místo konání",
    "místo", "kde", "miesto konania", "miesto", "venue", "location", "where", "address",
    "locatie", "plaats", "waar",
)
_ORGANIZER_LABELS = (
    "organizatorzy", "organizator", "organizowane przez", "organizuje", "veranstalter",
    "veranstaltet von", "organisiert von", "ausrichter", "organisateurs", "organisateur",
    "organisé par", "organisée par", "organizadores", "organizador", "organizado por",
    "organizada por", "organizzatori", "organizzatore", "organizzato da", "organizzata da",
    "pořadatelé", "pořadatel", "organizátor", "organizátori", "usporiadateľ", "organizers",
    "organizer", "organisers", "organiser", "organized by", "organised by", "hosted by",
    "organisator", "georganiseerd door",
)


def _label_rx(labels: Sequence[str]) -> re.Pattern[str]:
    body = "|".join(re.escape(lab).replace(r"\ ", r"\s+") for lab in
                    sorted(labels, key=len, reverse=True))
    return re.compile(rf"^\s*(?:{body})\s*(?::|–|-)\s*(?P<value>\S.{{1,200}})$",
                      re.IGNORECASE | re.MULTILINE)


_VENUE_RX = _label_rx(_VENUE_LABELS)
_ORGANIZER_RX = _label_rx(_ORGANIZER_LABELS)
_ONLINE_HOSTS = re.compile(
    r"(?:^|\.)(?:zoom\.us|teams\.microsoft\.com|teams\.live\.com|meet\.google\.com|webex\.com|"
    r"gotomeeting\.com|gotowebinar\.com|global\.gotomeeting\.com|clickmeeting\.com|"
    r"livestorm\.co|hopin\.com|whereby\.com|meet\.jit\.si|bigbluebutton\.\w+|streamyard\.com)$"
)
_REGISTRATION_HOSTS = re.compile(
    r"(?:^|\.)(?:eventbrite\.\w+(?:\.\w+)?|evenea\.pl|b2match\.io|b2match\.com|forms\.gle|"
    r"forms\.office\.com|surveymonkey\.\w+|tally\.so|lu\.ma|meetup\.com|tickettailor\.com|"
    r"weezevent\.com|eventival\.\w+|ticketmaster\.\w+|pretix\.eu|xing\.com)$"
)
_REGISTRATION_WORDS = re.compile(
    r"rejestracj|zarejestruj|zapisz\s+się|zapisy|formularz\s+zgłosze|zgłoś\s+się|anmeld|"
    r"registrier|jetzt\s+teilnehmen|inscri|registr|sign\s*up|register|iscriv|iscrizion|"
    r"přihlá|prihlás|tickets?\b|bilety|ingressos|entradas|aanmeld|inschrijv",
    re.IGNORECASE,
)
# a registration word followed by a "until / deadline" word, then the date
# run over the lowercased text (FoldedPattern): 7 times faster over a whole post body
_DEADLINE_CUE = FoldedPattern(
    r"(?:rejestracj\w*|zgłoszeni\w*|zapisy|termin\s+(?:zgłoszeń|rejestracji|nadsyłania\s+zgłoszeń)|"
    r"anmeldeschluss|anmeldefrist|anmeldung(?:en)?|inscriptions?|date\s+limite\s+d'inscription|"
    r"clôture\s+des\s+inscriptions|inscripci(?:ón|ones)|plazo\s+de\s+inscripción|"
    r"fecha\s+límite\s+de\s+inscripción|iscrizion[ei]|scadenza\s+(?:delle\s+)?iscrizioni|"
    r"termine\s+(?:per\s+le|delle)\s+iscrizioni|registrace|přihlášky|uzávěrka\s+přihlášek|"
    r"registrácia|prihlášky|registration(?:\s+deadline)?|register|sign\s+up|aanmelden|"
    r"inschrijven)"
    r"(?:(?:\W+\w+){0,6}?\W+(?:do(?:\s+dnia)?|bis(?:\s+zum)?|jusqu'au|avant\s+le|"
    r"hasta\s+el|entro\s+il|fino\s+al|until|by|before|deadline|closes(?:\s+on)?|"
    r"ends(?:\s+on)?|tot(?:\s+en\s+met)?|uiterlijk)|\s*:)\s*",
)


def venue_from_text(text: str) -> str | None:
    """The value of a "venue/place" label line ("Miejsce: Hotel Marriott, Warszawa")."""
    m = _VENUE_RX.search(text)
    return _clean_value(m.group("value")) if m else None


def organizers_from_text(text: str) -> list[str]:
    """Names after an "organizer" label, split at semicolons and slashes only: commas and
    "and" also occur inside organisation names ("Cluster Mechatronik und Automation")."""
    m = _ORGANIZER_RX.search(text)
    if not m:
        return []
    value = _clean_value(m.group("value")) or ""
    parts = re.split(r"\s*(?:;|\s/\s|\|)\s*", value)
    return [p for p in (x.strip(" .") for x in parts) if 2 <= len(p) <= 120][:6]


def _clean_value(value: str) -> str | None:
    value = value.strip().rstrip(".;,")
    return value[:200] or None


def online_url(links: Sequence[Link]) -> str | None:
    """The first link into a meeting/streaming room (Zoom, Teams, Meet, Webex, …)."""
    for href, _ in links:
        host = _host(href)
        if host and _ONLINE_HOSTS.search(host):
            return href
    return None


def registration(
    text: str,
    links: Sequence[Link],
    language: str | None,
    reference: date | None,
    tz: str | None,
    event_start: date | None,
) -> dict[str, str | None] | None:
    """{url, deadline} of the event's registration, None when the post gives neither."""
    url = None
    for href, anchor in links:
        host = _host(href)
        if _REGISTRATION_WORDS.search(anchor) or (host and _REGISTRATION_HOSTS.search(host)) or (
                _REGISTRATION_WORDS.search(urlsplit(href).path)):
            if host and _ONLINE_HOSTS.search(host) and "regist" not in href:
                continue  # the meeting room itself, not a form
            url = href
            break
    deadline = _deadline(text, language, reference, tz, event_start)
    if url is None and deadline is None:
        return None
    return {"url": url, "deadline": deadline}


def _deadline(text: str, language: str | None, reference: date | None, tz: str | None,
              event_start: date | None) -> str | None:
    for m in _DEADLINE_CUE.finditer(text[:20000]):
        window = text[m.end() : m.end() + 80]
        ranges = find_date_ranges(window, language, reference=reference, direction="after",
                                  month_only=False)
        if not ranges or ranges[0].span[0] > 15:
            continue
        rng = ranges[0]
        if event_start is not None and rng.start > event_start:
            continue  # a date after the event is not its registration deadline
        return rng.end_iso(tz) if rng.end_time else rng.start_iso(tz)
    return None


def _host(href: str) -> str:
    try:
        return (urlsplit(href).hostname or "").lower()
    except ValueError:
        return ""
