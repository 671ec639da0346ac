"""The shared date helpers (clustercrawl.dates) on the one month table of the words files."""

from __future__ import annotations

import pytest

from clustercrawl.dates import (
    find_date,
    make_date,
    month_forms,
    month_number,
    range_words,
)


def test_month_number_any_language_and_the_page_language() -> None:
    assert month_number("października") == 10 and month_number("Pazdziernika") == 10
    assert month_number("Jänner") == 1 and month_number("sept.") == 9
    assert month_number("listopad") == 11  # Polish and Czech
    assert month_number("listopad", "hr") == 10  # Croatian
    assert month_number("listopad", "xx") == 11  # an unknown language changes nothing
    assert month_number("Montag") is None


def test_month_forms_for_regexes() -> None:
    names, short = month_forms(), month_forms(short=True)
    assert {"października", "jänner", "september", "января"} <= names
    assert {"sty", "okt", "déc"} <= short and "sty" not in names
    assert all(w == w.lower() for w in names | short)


def test_range_words_longest_first() -> None:
    words = range_words()
    assert {"i", "bis", "au", "až do", "fino al", "t/m"} <= set(words)
    assert words.index("až do") < words.index("až")


def test_make_date() -> None:
    assert make_date(2024, 2, 29) == "2024-02-29"
    assert make_date(2023, 2, 29) is None


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("from 3 to 5 June 2024", "3 to 5 June 2024"),
        ("od 5 do 7.03.2024", "5 do 7.03.2024"),
        ("1 až 3. 6. 2025", "1 až 3. 6. 2025"),
        ("20 i 21 maja 2024", "20 i 21 maja 2024"),
        ("dal 7 al 9 maggio 2025", "7 al 9 maggio 2025"),
        ("Du 3 AU 5 juin 2025", "3 AU 5 juin 2025"),
    ],
)
def test_ranges_in_every_language_keep_text_and_no_iso(text: str, raw: str) -> None:
    found = find_date(text)
    assert found is not None and found.is_range and found.iso is None
    assert found.raw == raw


def test_words_files_hold_every_month_extract_lexicon_knows() -> None:
    """extract/lexicon.py reads its month tables from the words files; its weekdays and range
    words must be there too, so the files stay the one place for them."""
    from clustercrawl.extract import lexicon
    from clustercrawl.words import lang_words

    for table, short in ((lexicon.MONTHS, False), (lexicon.MONTH_ABBREVIATIONS, True)):
        for code, names in table.items():
            months = lang_words(code).months
            assert months is not None, code
            for name, month in names.items():
                forms = months.short[month - 1] if short else months.full_forms(month)
                assert name in {f.lower() for f in forms}, (
                    f"{code} {name!r} ({month}) is missing from clustercrawl/data/words/{code}.yaml")
    for code, days in lexicon.WEEKDAYS.items():
        assert tuple(d.lower() for d in lang_words(code).weekdays) == days
    for code, words in lexicon.RANGE_WORDS.items():
        assert set(words) <= set(lang_words(code).range_words), code
