"""Tests of cities and attendance/status markers (clustercrawl.extract.places)."""

from __future__ import annotations

import pytest

from clustercrawl.extract.places import (
    attendance_of,
    city_near,
    find_cities,
    lookup_city,
    status_of,
)


@pytest.mark.parametrize(
    ("text", "city", "local"),
    [
        ("Konferencja odbyła się w Brukseli.", "Brussels", "Brukseli"),
        ("Setkání proběhlo v Praze.", "Prague", "Praze"),
        ("Die Tagung fand in Brüssel statt.", "Brussels", "Brüssel"),
        ("La conférence s'est tenue à Bruxelles.", "Brussels", "Bruxelles"),
        ("El congreso se celebró en Bruselas.", "Brussels", "Bruselas"),
        ("Il convegno si è svolto a Bruxelles.", "Brussels", "Bruxelles"),
        ("Spotkanie w Warszawie.", "Warsaw", "Warszawie"),
        ("Targi w Monachium.", "Munich", "Monachium"),
        ("Misja do Kolonii.", "Cologne", "Kolonii"),
        ("Forum w Gdańsku.", "Gdańsk", "Gdańsku"),
        ("Kongres w Katowicach.", "Katowice", "Katowicach"),
        ("Veletrh v Brně.", "Brno", "Brně"),
        ("Wizyta w Wiedniu.", "Vienna", "Wiedniu"),
        ("Návštěva ve Vídni.", "Vienna", "Vídni"),
        ("Spotkanie w Zagrzebiu.", "Zagreb", "Zagrzebiu"),
        ("Event in București.", "Bucharest", "București"),
        ("Treffen in München.", "Munich", "München"),
        ("Rencontre à Lyon.", "Lyon", "Lyon"),
    ],
)
def test_inflected_city_forms(text: str, city: str, local: str) -> None:
    found = find_cities(text)
    assert [(p.city, p.city_local) for p in found] == [(city, local)]


def test_lowercase_common_words_are_not_cities() -> None:
    assert find_cities("il porto di sera, la riga successiva") == []


def test_city_near_prefers_the_one_next_to_the_date() -> None:
    text = ("Klaster z Poznania zaprasza. Konferencja odbędzie się 7-8 maja 2024 w Brukseli. "
            "Następne spotkanie planujemy w Krakowie jesienią, po wakacjach letnich.")
    start = text.index("7-8")
    place = city_near(text, (start, start + 13))
    assert place is not None and place.city == "Brussels" and place.country == "BE"


def test_lookup_city() -> None:
    assert lookup_city("Warszawa") == ("Warsaw", "PL")
    assert lookup_city("Nowhere") is None


@pytest.mark.parametrize(
    ("context", "has_city", "expected"),
    [
        ("Webinar: AI w przemyśle", False, "online"),
        ("Spotkanie online na platformie Zoom", False, "online"),
        ("Veranstaltung vor Ort in Köln", True, "offline"),
        ("Konferencja w formule hybrydowej", True, "hybrid"),
        ("Événement hybride à Lyon", True, "hybrid"),
        ("Zapraszamy na spotkanie", False, "unknown"),
        ("La jornada se celebrará en línea", False, "online"),
    ],
)
def test_attendance(context: str, has_city: bool, expected: str) -> None:
    assert attendance_of(context, has_city) == expected


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        ("Konferencja została odwołana", "cancelled"),
        ("Die Veranstaltung ist abgesagt", "cancelled"),
        ("Événement reporté", "postponed"),
        ("Event postponed to autumn", "postponed"),
        ("Zapraszamy", "scheduled"),
    ],
)
def test_status(context: str, expected: str) -> None:
    assert status_of(context) == expected
