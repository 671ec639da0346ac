"""Tests of post typing (clustercrawl.extract.posttype) and language choice."""

from __future__ import annotations

from datetime import date

import pytest

from clustercrawl.extract.event import cue_counts
from clustercrawl.extract.language import detect_language, primary_tag
from clustercrawl.extract.posttype import PostFacts, call_details, classify


def facts(title: str, body: str = "", url: str = "https://k.pl/a/x", *,
          published: date | None = None, start: date | None = None, end: date | None = None,
          topics: tuple[str, ...] = (), is_post: bool = True) -> PostFacts:
    report, announce = cue_counts(title, body)
    return PostFacts(title=title, body=body, url=url, topics=topics, published=published,
                     event_start=start, event_end=end, report_cues=report,
                     announce_cues=announce, is_post=is_post)


@pytest.mark.parametrize(
    ("title", "body", "published", "start", "expected"),
    [
        ("Konferencja klastrów", "Konferencja odbyła się w Brukseli.", date(2014, 10, 24),
         date(2014, 10, 20), "event_report"),
        ("Konferencja klastrów", "Zapraszamy na konferencję.", date(2014, 10, 1),
         date(2014, 10, 20), "event_announcement"),
        ("Fachtagung Wasserstoff", "Die Tagung fand am 3. Juni in Köln statt.",
         date(2025, 6, 4), date(2025, 6, 3), "event_report"),
        ("Forum", "Le forum s'est tenu à Lyon.", date(2025, 6, 3), date(2025, 6, 3),
         "event_report"),
        ("Jornada", "La jornada se celebró en Bilbao.", None, date(2025, 6, 3), "event_report"),
        ("Convegno", "Il convegno si è svolto a Milano.", None, date(2025, 6, 3),
         "event_report"),
        ("Konference", "Konference proběhla v Brně.", None, date(2025, 6, 3), "event_report"),
        ("Summit", "Register now for the summit.", None, date(2025, 6, 3),
         "event_announcement"),
        ("Summit", "The summit took place in Riga.", date(2025, 6, 1), date(2025, 6, 3),
         "event_announcement"),  # dated before the event: an announcement whatever it says
    ],
)
def test_event_types(title: str, body: str, published: date | None, start: date,
                     expected: str) -> None:
    assert classify(facts(title, body, published=published, start=start)) == expected


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        ("Nabór wniosków do programu akceleracyjnego", "https://k.pl/a/x", "call"),
        ("Konkurs na najlepszy startup", "https://k.pl/a/x", "call"),
        ("Call for proposals: Euroclusters", "https://k.pl/a/x", "call"),
        ("Förderaufruf Wasserstoff", "https://k.de/a/x", "call"),
        ("Appel à projets Industrie du futur", "https://k.fr/a/x", "call"),
        ("Convocatoria de ayudas 2025", "https://k.es/a/x", "call"),
        ("Bando per le PMI innovative", "https://k.it/a/x", "call"),
        ("Výzva pro malé podniky", "https://k.cz/a/x", "call"),
        ("Projektmanager (m/w/d) gesucht", "https://k.de/a/x", "job"),
        ("Oferta pracy: specjalista ds. projektów", "https://k.pl/a/x", "job"),
        ("Koordynator", "https://k.pl/kariera/koordynator", "job"),
        ("Komunikat prasowy: nowy prezes klastra", "https://k.pl/a/x", "press_release"),
        ("Pressemitteilung: Cluster wächst", "https://k.de/a/x", "press_release"),
        ("Nowy członek klastra: firma ABC", "https://k.pl/a/x", "member_news"),
        ("ABC otwiera zakład", "https://k.pl/z-zycia-czlonkow/abc", "member_news"),
        ("Kick-off meeting", "https://k.pl/projekty/interreg-abc/kick-off", "project_news"),
        ("Nowa strategia klastra", "https://k.pl/a/x", "news"),
    ],
)
def test_title_and_url_types(title: str, url: str, expected: str) -> None:
    assert classify(facts(title, url=url)) == expected


def test_not_a_post_is_other() -> None:
    assert classify(facts("Aktualności", is_post=False)) == "other"


def test_call_details() -> None:
    body = ("Ogłaszamy nabór w ramach programu Horizon Europe. Termin składania wniosków: "
            "31 maja 2024 r., godz. 18:00.")
    call = call_details(body, "pl", date(2024, 4, 1), "Europe/Warsaw")
    assert call == {"deadline": "2024-05-31T18:00+02:00",
                    "deadline_text": "31 maja 2024 r., godz. 18:00",
                    "programme": "Horizon Europe"}


@pytest.mark.parametrize(
    ("declared", "hint", "site", "text", "expected", "warned"),
    [
        (["pl-PL"], None, None, "", "pl", False),
        ([None, "de_AT"], None, None, "", "de", False),
        ([None], "fr", "de", "", "fr", False),
        ([None], None, "cs", "", "cs", False),
        (["en-US"], None, "pl",
         "Klaster zorganizował w Poznaniu spotkanie członków poświęcone transformacji "
         "cyfrowej przedsiębiorstw. Podczas spotkania przedstawiciele firm omówili wyniki "
         "wspólnych projektów badawczych oraz plany współpracy z uczelniami na kolejne lata. "
         "Wydarzenie zakończyło się sesją networkingową, w której wzięło udział ponad "
         "pięćdziesiąt osób z całego regionu wielkopolskiego. Kolejne spotkanie odbędzie się "
         "jesienią w Lesznie.", "pl", True),
    ],
)
def test_detect_language(declared: list[str | None], hint: str | None, site: str | None,
                         text: str, expected: str, warned: bool) -> None:
    lang, warnings = detect_language(declared, hint, site, text)
    assert lang == expected
    assert ("language_tag_overridden" in warnings) is warned


def test_primary_tag() -> None:
    assert primary_tag("pl-PL") == "pl"
    assert primary_tag("EN_gb") == "en"
    assert primary_tag("x") is None
    assert primary_tag(None) is None
