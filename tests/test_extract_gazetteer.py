"""Cities beyond the hand list (GeoNames + lemmatizer), event-date shapes, and the real-post
scorer's behaviour without its page cache."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from clustercrawl.extract import eventdates, gazetteer, places
from clustercrawl.extract.daterange import find_date_ranges

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("text", "lang", "city"), [
    ("spotkanie odbędzie się w Zielonej Górze, w hotelu", "pl", "Zielona Góra"),
    ("konference proběhla v Pardubicích", "cs", "Pardubice"),
    ("stretnutie sa konalo v Banskej Bystrici", "sk", "Banská Bystrica"),
    ("l'assemblée s'est tenue à Quimper", "fr", "Quimper"),
    ("celebrado en Logroño", "es", "Logroño"),
    ("si è svolto ad Altamura", "it", "Altamura"),
    ("held in the Charleroi region", "en", "Charleroi"),
])
def test_inflected_and_unlisted_cities_are_found_in_a_place_context(
        text: str, lang: str, city: str) -> None:
    found = places.find_cities(text, lang)
    assert found and found[0].city == city


def test_a_capitalised_word_is_no_city_without_a_place_context() -> None:
    assert gazetteer.city_mentions("Energy Park and Mission Statement", "en") == []
    assert places.find_cities("Nice results, Logroño wines", "en") == []


def test_venues_name_their_city() -> None:
    assert places.find_cities("Kongres w Sejmie RP", "pl")[0].city == "Warsaw"
    assert places.find_cities("im Bundesministerium für Wirtschaft", "de")[0].city == "Berlin"


def test_a_ministry_is_a_venue_only_where_the_event_is_held() -> None:
    assert places.find_cities("unter der Schirmherrschaft des BMBF", "de") == []
    assert places.find_cities("Workshop im BMWi am Montag", "de")[0].city == "Berlin"


def test_a_citys_own_name_beats_a_far_away_alias() -> None:
    parma, cologne = gazetteer.lookup("Parma", "it"), gazetteer.lookup("Cologne", "fr")
    assert parma is not None and parma[:2] == ("Parma", "IT")  # not Perm ("Parma" alias)
    assert cologne is not None and cologne[:2] == ("Cologne", "DE")  # Köln, not the village


def test_a_name_of_x_is_the_city_x_and_lower_case_words_are_no_cities() -> None:
    assert [c.name for c in gazetteer.city_mentions("organizzato da Fiere di Parma", "it")] == [
        "Parma"]
    assert gazetteer.city_mentions("rokovanie 19.5.2022 v čase od 10:00", "sk") == []


def test_the_index_is_built_once_and_cached_on_disk(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLUSTERCRAWL_CACHE_DIR", str(tmp_path))
    code = ("from clustercrawl.extract import gazetteer as g; "
            "print(g.lookup('Gdańsku', 'pl')[0])")
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, cwd=ROOT, env={**__import__("os").environ,
                                                        "CLUSTERCRAWL_CACHE_DIR": str(tmp_path)})
        assert out.stdout.strip() == "Gdańsk"
    assert list(tmp_path.glob("gazetteer-v*.json"))


def _one(text: str, lang: str) -> list:  # type: ignore[type-arg]
    return find_date_ranges(text, lang, month_only=False)


def test_two_date_times_on_two_days_are_one_range() -> None:
    body = "8 listopada 2023, 09:00 (środa) - 9 listopada 2023, 17:00 (czwartek)"
    ranges = _one(body, "pl")
    merged = eventdates.merge_adjacent(body, ranges[0], ranges)
    assert (merged.start, merged.end) == (date(2023, 11, 8), date(2023, 11, 9))


def test_a_list_of_days_widens_the_date() -> None:
    body = "24, 25, 26 March 2015, Dabrowa Gornicza"
    rng = eventdates.widen_by_list(body, _one(body, "en")[0])
    assert (rng.start, rng.end) == (date(2015, 3, 24), date(2015, 3, 26))


@pytest.mark.parametrize(("sentence", "days"), [
    (" i potrwa dwa dni.", 2), (" and lasts three days", 3), (" – zweitägig", 2),
    (" for the annual dinner", 1),
])
def test_a_duration_gives_the_end(sentence: str, days: int) -> None:
    rng = _one("29 października 2025", "pl")[0]
    assert eventdates.widen_by_duration(sentence, rng).days == days


def test_relative_days_resolve_against_the_publication_day() -> None:
    published = date(2019, 12, 12)  # a Thursday
    found = eventdates.relative_dates("se realizó ayer una reunión", published, past=True)
    assert [r.start for r in found] == [date(2019, 12, 11)]
    monday = eventdates.relative_dates("celebrado este lunes", published, past=True)
    assert [r.start for r in monday] == [date(2019, 12, 9)]
    coming = eventdates.relative_dates("next Tuesday we meet", published, past=False)
    assert [r.start for r in coming] == [date(2019, 12, 17)]


def test_realposts_scorer_says_so_without_its_cache(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "realposts.py"), "--cache",
                          str(tmp_path / "absent")], capture_output=True, text=True, check=True)
    assert out.stdout.count("\n") == 1 and "no page cache" in out.stdout
