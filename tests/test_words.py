"""Word lists per language as data (clustercrawl.words) and the demo web that reads them.

The point of one words file per language is that the demo web cannot show a label the
crawler does not recognise: the agreement tests below ask discovery's own functions (not the
words file) about every label the demo web shows.
"""

from __future__ import annotations

import pytest

from clustercrawl.demoweb.lang_base import _ui
from clustercrawl.demoweb.langs import LANGS
from clustercrawl.discovery import _vocab
from clustercrawl.discovery.links import is_page_url, slug_kind
from clustercrawl.discovery.listings import _text_kind
from clustercrawl.discovery.pagination import _text_kind as pager_kind
from clustercrawl.words import (
    PRECEDENCE,
    WordsError,
    _months,
    _words,
    fold,
    folded,
    lang_words,
    languages,
    month_names,
    slug,
)


def test_every_words_file_loads_with_twelve_months() -> None:
    codes = languages()
    assert set(PRECEDENCE) <= set(codes) and {"hr", "ro", "fi", "sv"} <= set(codes)
    assert codes[: len(PRECEDENCE)] == PRECEDENCE
    for code in codes:
        words = lang_words(code)
        if words.months is not None:
            assert len(words.months.in_date) == 12
            assert all(len(words.months.full_forms(m)) >= 1 for m in range(1, 13))
        assert not words.weekdays or len(words.weekdays) == 7


def test_fold_and_slug() -> None:
    assert fold("Aktualności") == "aktualnosci"
    assert fold("Næste") == "naeste" and fold("Straße") == "strasse"
    assert slug("Latest news") == "latest-news" and slug("Événements") == "evenements"


def test_month_table_is_shared_and_ordered() -> None:
    table = month_names()
    # Polish and Czech "listopad" is November, Croatian October: the earlier language wins
    assert table["listopad"] == 11 and table["studenoga"] == 11 and table["rujna"] == 9
    assert table["pazdziernika"] == 10 and table["rijna"] == 10 and table["juil"] == 7
    assert table["января"] == 1  # Cyrillic is kept as it is
    assert "sty" in table and "sty" not in month_names(short=False)


def test_malformed_words_are_reported_with_their_place() -> None:
    with pytest.raises(WordsError, match="no words file for language 'xx'"):
        lang_words("xx")
    with pytest.raises(WordsError, match=r"xx\.yaml: months\.in_date needs 12 entries, has 2"):
        _months({"in_date": ["jan", "feb"]}, "xx.yaml")
    with pytest.raises(WordsError, match="quote words"):
        _words(["Next", False], "xx.yaml: pager.next")  # a bare "no"/"off" in YAML


# --------------------------------------------------------------- demo web ↔ discovery


@pytest.mark.parametrize("code", sorted(LANGS))
def test_demo_web_shows_only_labels_discovery_recognises(code: str) -> None:
    lang = LANGS[code]
    ui = lang.ui
    assert _text_kind(ui["nav_news"]) == "news" and _text_kind(ui["cat_news"]) == "news"
    assert _text_kind(ui["nav_events"]) == "events" and _text_kind(ui["cat_events"]) == "events"
    assert slug_kind(ui["slug_news"]) == "news" and slug_kind(ui["slug_events"]) == "events"
    assert pager_kind(ui["next_page"]) == "next" and pager_kind(ui["older"]) == "next"
    assert pager_kind(ui["prev_page"]) == "prev" and pager_kind(ui["newer"]) == "prev"
    assert fold(ui["read_more"]) in _vocab.NOT_TITLES and fold(ui["back"]) in _vocab.NOT_TITLES
    for key in ("slug_about", "slug_members", "slug_contact"):
        assert is_page_url(f"https://cluster.example/{ui[key]}/"), key
    for month in range(1, 13):
        assert month_names()[fold(lang.months[month - 1])] == month
        heading = lang.month_heading(2024, month).split()[0]
        assert month_names()[fold(heading)] == month


def test_demo_months_and_weekdays_come_from_the_words_file() -> None:
    pl = lang_words("pl")
    assert pl.months is not None
    assert LANGS["pl"].months == pl.months.in_date and LANGS["pl"].weekdays == pl.weekdays
    assert LANGS["pl"].month_heading(2014, 10) == "Październik 2014"
    assert LANGS["fr"].ui["nav_events"] == lang_words("fr").events[0]  # the first word
    assert LANGS["fr"].ui["cat_events"] == "Événements"  # chosen in the demo data, checked


def test_demo_label_the_crawler_would_miss_is_refused() -> None:
    fr = lang_words("fr")
    with pytest.raises(WordsError, match=r"ui\.cat_events 'Soirées' is not among the events"):
        _ui("fr", {"cat_events": "Soirées", "slug_about": "le-pole"}, fr)
    with pytest.raises(WordsError, match=r"ui\.slug_about 'notre-histoire' .* standing_pages"):
        _ui("fr", {"slug_about": "notre-histoire"}, fr)


def test_discovery_sets_are_built_from_the_words() -> None:
    assert "aktualnosci" in _vocab.NEWS_TEXTS and "aktualnosci" in _vocab.NEWS_SLUGS
    assert "press-releases" in _vocab.NEWS_SLUGS  # the slug of "Press releases"
    assert {"and", "und", "i"} <= _vocab.SLUG_JOINERS
    assert folded("older") <= _vocab.NEXT_TEXTS and "starsi clanky" in _vocab.NEXT_TEXTS
    assert _vocab.READ_MORE_RAW[0] == max(_vocab.READ_MORE_RAW, key=len)
    assert "Czytaj więcej" in _vocab.READ_MORE_RAW


def test_a_misspelt_key_is_named() -> None:
    from clustercrawl.words import _KEYS, _known_keys

    with pytest.raises(WordsError, match=r"xx\.yaml: unknown key\(s\) reed_more; known: months"):
        _known_keys({"reed_more": ["Read on"]}, _KEYS, "xx.yaml")
    with pytest.raises(WordsError, match=r"months: unknown key\(s\) shrot"):
        _months({"in_date": [str(m) for m in range(12)], "shrot": []}, "xx.yaml")
